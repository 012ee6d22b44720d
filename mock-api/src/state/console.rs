//! What the consoles of the VMs keep between connections: the keys each VM's screen received
//! (for the test controls to show), the text they typed, each guest's keyboard layout, which
//! guests are installing their tools after a click, and the one open session per VM and
//! console type.

use std::collections::{HashMap, HashSet, VecDeque};

use serde::Serialize;

use crate::state::guest_layout::Layout;

/// Most key events kept per VM; older ones are dropped first.
pub const MAX_KEYS: usize = 4096;
/// Most characters of typed text kept per VM.
pub const MAX_TYPED: usize = 4096;
/// Most VMs whose guest has a layout other than US at once.
pub const MAX_LAYOUTS: usize = 1000;

/// A VM, by namespace and name.
pub type VmKey = (String, String);

/// One key event a VM's console received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyRecord {
    /// The X keysym the client sent.
    pub keysym: u32,
    /// The XT scancode, when the client sent QEMU's extended key event.
    pub scancode: Option<u32>,
    pub down: bool,
}

/// What one VM's console received.
#[derive(Debug, Default, Clone, Serialize)]
pub struct ConsoleInput {
    pub keys: VecDeque<KeyRecord>,
    /// The characters typed, as the guest took them (Backspace removes one).
    pub text: String,
}

impl ConsoleInput {
    /// Records a key event and, for a key press that types, its character.
    pub fn record(&mut self, key: KeyRecord, typed: Option<Typed>) {
        if self.keys.len() >= MAX_KEYS {
            self.keys.pop_front();
        }
        self.keys.push_back(key);
        match typed {
            Some(Typed::Char(c)) => {
                if self.text.len() >= MAX_TYPED {
                    let first = self.text.chars().next().map_or(0, char::len_utf8);
                    self.text.drain(..first);
                }
                self.text.push(c);
            }
            Some(Typed::Backspace) => {
                self.text.pop();
            }
            None => {}
        }
    }

    /// The last line typed (after the last Enter), at most `width` characters from its end.
    pub fn last_line(&self, width: usize) -> String {
        let line = self.text.rsplit('\n').next().unwrap_or_default();
        let skip = line.chars().count().saturating_sub(width);
        line.chars().skip(skip).collect()
    }
}

/// What a key press does to the typed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    Char(char),
    Backspace,
}

/// Which console of a VM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConsoleKind {
    Vnc,
    Serial,
}

/// The open console sessions: one per VM and kind. A new one ends the one before it, as
/// virt-handler does; the old one sees its channel's value change.
#[derive(Debug, Default)]
pub struct Sessions {
    open: HashMap<(VmKey, ConsoleKind), tokio::sync::watch::Sender<bool>>,
}

impl Sessions {
    /// Whether a session of that kind is open on the VM.
    pub fn is_open(&self, vm: &VmKey, kind: ConsoleKind) -> bool {
        self.open
            .get(&(vm.clone(), kind))
            .is_some_and(|sender| !sender.is_closed() && !*sender.borrow())
    }

    /// Opens a session, ending the one before it; the receiver's value turns `true` when a
    /// newer session takes over.
    pub fn open(&mut self, vm: VmKey, kind: ConsoleKind) -> tokio::sync::watch::Receiver<bool> {
        let (sender, receiver) = tokio::sync::watch::channel(false);
        if let Some(old) = self.open.insert((vm, kind), sender) {
            let _ = old.send(true);
        }
        receiver
    }
}

/// Everything the consoles keep.
#[derive(Debug, Default)]
pub struct Consoles {
    pub input: HashMap<VmKey, ConsoleInput>,
    /// Guests whose tools installer was started from the console and has not finished.
    pub installing: HashSet<VmKey>,
    pub sessions: Sessions,
    /// The guests' keyboard layouts other than US.
    layouts: HashMap<VmKey, Layout>,
}

/// A layout the consoles would not keep.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{MAX_LAYOUTS} VMs have a layout other than us already; set one of them back to us first")]
pub struct TooManyLayouts;

impl Consoles {
    /// The guest's keyboard layout: US unless a test chose another.
    pub fn layout(&self, vm: &VmKey) -> Layout {
        self.layouts.get(vm).copied().unwrap_or_default()
    }

    /// Gives the guest a keyboard layout; it is kept across its sessions and restarts.
    pub fn set_layout(&mut self, vm: VmKey, layout: Layout) -> Result<(), TooManyLayouts> {
        if layout == Layout::default() {
            self.layouts.remove(&vm);
        } else if self.layouts.len() >= MAX_LAYOUTS && !self.layouts.contains_key(&vm) {
            return Err(TooManyLayouts);
        } else {
            self.layouts.insert(vm, layout);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_keeps_its_last_line_and_backspace_removes_a_character() {
        let mut input = ConsoleInput::default();
        let key = KeyRecord {
            keysym: 0,
            scancode: None,
            down: true,
        };
        for c in "ab\ncde".chars() {
            input.record(key.clone(), Some(Typed::Char(c)));
        }
        input.record(key.clone(), Some(Typed::Backspace));
        assert_eq!(input.last_line(10), "cd");
        assert_eq!(input.last_line(1), "d");
        assert_eq!(input.keys.len(), 7);
    }

    #[test]
    fn layouts_are_us_unless_set_and_bounded() {
        let mut consoles = Consoles::default();
        let vm = |i: usize| ("dev".to_owned(), format!("vm-{i}"));
        assert_eq!(consoles.layout(&vm(0)), Layout::Us);
        for i in 0..MAX_LAYOUTS {
            assert_eq!(consoles.set_layout(vm(i), Layout::De), Ok(()));
        }
        assert_eq!(consoles.layout(&vm(0)), Layout::De);
        assert_eq!(
            consoles.set_layout(vm(MAX_LAYOUTS), Layout::Fr),
            Err(TooManyLayouts)
        );
        assert_eq!(
            consoles.set_layout(vm(0), Layout::Ja),
            Ok(()),
            "a VM it has"
        );
        assert_eq!(consoles.set_layout(vm(1), Layout::Us), Ok(()));
        assert_eq!(consoles.set_layout(vm(MAX_LAYOUTS), Layout::Fr), Ok(()));
        assert_eq!(consoles.layout(&vm(1)), Layout::Us);
    }

    #[test]
    fn a_new_session_ends_the_one_before() {
        let mut sessions = Sessions::default();
        let vm = ("dev".to_owned(), "w".to_owned());
        let first = sessions.open(vm.clone(), ConsoleKind::Vnc);
        assert!(sessions.is_open(&vm, ConsoleKind::Vnc));
        assert!(!sessions.is_open(&vm, ConsoleKind::Serial));
        let _second = sessions.open(vm.clone(), ConsoleKind::Vnc);
        assert!(*first.borrow());
        drop(_second);
        assert!(
            !sessions.is_open(&vm, ConsoleKind::Vnc),
            "its end closes it"
        );
    }
}
