//! Everything the mock keeps, behind one lock, and the one way to take it. The store, the
//! allocator and RBAC's denials are kept here as data; the layers above act on them.

pub mod console;
pub mod faults;
pub mod guest_layout;
pub mod guest_users;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::admission::defaults::Allocator;
use crate::admission::rbac::Denials;
use crate::store::Store;
use faults::Faults;

/// Everything the mock keeps, behind one lock.
#[derive(Debug, Default)]
pub struct MockState {
    pub store: Store,
    pub faults: Faults,
    pub allocator: Allocator,
    /// Permissions tests took away.
    pub denials: Denials,
    /// Ends every open watch abruptly when its value changes.
    pub watch_drops: WatchDrops,
    /// KubeVirt's schema, when it could be read: objects of its groups are checked against it.
    pub schema: Option<Arc<mock_api::schema::KubeVirtSchema>>,
    /// How far the mock's clock runs ahead of the real one (tests move it to fire schedules).
    pub clock_offset: chrono::Duration,
    /// VMs whose guest has the guest tools installed: their agent connects when they run.
    pub guest_tools: HashSet<(String, String)>,
    /// How much faster than KubeVirt's usual pace the controller works (1 when 0).
    pub speed: f64,
    /// How long after the first boot with the guest tools CD the guest has them installed.
    pub guest_tools_install: Duration,
    /// The VMs' consoles: keys received, installs started from them, open sessions.
    pub consoles: console::Consoles,
    /// The snapshot contents (by uid) whose disks hold a guest with the guest tools installed:
    /// restoring one brings the tools back with the disks.
    pub snapshot_guest_tools: HashSet<String>,
    /// Who is signed in to each guest, by namespace and VM name.
    pub guest_users: HashMap<(String, String), Vec<guest_users::GuestUser>>,
    /// The latest action on each VM, so an older controller step knows it was superseded.
    turns: HashMap<(String, String), u64>,
    next_ip: u8,
}

impl MockState {
    /// Starts a new action on a VM and returns its number.
    pub fn next_turn(&mut self, namespace: &str, name: &str) -> u64 {
        let turn = self
            .turns
            .entry((namespace.to_owned(), name.to_owned()))
            .or_default();
        *turn += 1;
        *turn
    }

    /// The number of the latest action on a VM.
    pub fn turn(&self, namespace: &str, name: &str) -> u64 {
        self.turns
            .get(&(namespace.to_owned(), name.to_owned()))
            .copied()
            .unwrap_or_default()
    }

    /// A pod address for a new instance.
    pub fn next_ip(&mut self) -> String {
        self.next_ip = self.next_ip.wrapping_add(1);
        format!("10.128.3.{}", 10 + u16::from(self.next_ip))
    }
}

pub type Shared = Arc<Mutex<MockState>>;

/// Takes the lock on everything the mock keeps; the one way every part of it does. A panic while
/// it was held leaves it poisoned: the state is taken as it is rather than refused, so neither
/// requests nor the controllers stop for good because of one bad moment.
pub fn lock(shared: &Shared) -> std::sync::MutexGuard<'_, MockState> {
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A signal to every open watch: when its number changes, they all end abruptly, as when a
/// load balancer or the API server drops connections.
#[derive(Debug)]
pub struct WatchDrops(tokio::sync::watch::Sender<u64>);

impl Default for WatchDrops {
    fn default() -> Self {
        Self(tokio::sync::watch::channel(0).0)
    }
}

impl WatchDrops {
    pub fn drop_all(&self) {
        self.0.send_modify(|n| *n += 1);
    }

    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<u64> {
        self.0.subscribe()
    }
}
