//! The cluster the mock starts with: the demo namespaces, nodes and VMs, the scale-test VMs,
//! and the cluster's own content (instancetypes, preferences, boot sources), put together into
//! a fresh state at startup and on every reset.

pub mod content;
pub mod seed;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use mock_api::schema::KubeVirtSchema;

use crate::state::guest_users::GuestUser;
use crate::state::MockState;

/// What a reset puts back.
#[derive(Clone)]
pub struct SeedOptions {
    pub demo: bool,
    pub speed: f64,
    /// Manifests to load instead of the bundled instancetypes and preferences.
    pub common_instancetypes: Option<Arc<PathBuf>>,
    pub scale_vms: usize,
    pub guest_tools_install: Duration,
}

/// An empty state with no faults and, unless started empty, the demo cluster; an `Err` says
/// why the cluster could not be built.
pub fn fresh_state(
    options: &SeedOptions,
    schema: &Arc<KubeVirtSchema>,
) -> Result<MockState, String> {
    let mut fresh = MockState::default();
    fresh.guest_tools_install = options.guest_tools_install;
    fresh.speed = options.speed;
    fresh.schema = Some(schema.clone());
    let seeded = match (options.demo, options.scale_vms) {
        (false, 0) => Ok(()),
        (true, 0) => seed::seed(&mut fresh.store),
        (demo, count) => (if demo {
            seed::seed(&mut fresh.store)
        } else {
            Ok(())
        })
        .and_then(|()| seed::seed_scale(&mut fresh.store, count)),
    };
    seeded.map_err(|err| format!("the demo data is invalid: {err}"))?;
    if options.demo {
        // The developer is at work on their desktop VM.
        fresh.guest_users.insert(
            ("windows-dev".to_owned(), "win11-dev-01".to_owned()),
            vec![GuestUser {
                user_name: "alice".to_owned(),
                domain: Some("WINDEV".to_owned()),
                login_time: chrono::Utc::now() - chrono::Duration::hours(2),
            }],
        );
        let objects = match options.common_instancetypes.as_deref() {
            Some(dir) => content::read_common_instancetypes(dir),
            None => {
                mock_api::kubevirt_data::bundled_cluster_objects().map_err(|err| err.to_string())
            }
        };
        objects
            .and_then(|objects| content::load_cluster_objects(&mut fresh.store, objects))
            .map_err(|problem| {
                format!("the cluster instancetypes and preferences could not be loaded: {problem}")
            })?;
    }
    fresh.guest_tools = seed::with_guest_tools(&fresh.store);
    Ok(fresh)
}
