//! The console's Send key menu: key combinations a browser cannot pass to the guest (the host
//! OS takes them) as press and release sequences.

use super::keys::{keysym, Key, KeyAction};

const CTRL: Key = Key {
    keysym: keysym::CONTROL_L,
    scancode: 0x1d,
};
const ALT: Key = Key {
    keysym: keysym::ALT_L,
    scancode: 0x38,
};
const DELETE: Key = Key {
    keysym: keysym::DELETE,
    scancode: 0xd3,
};
const F1: Key = Key {
    keysym: keysym::F1,
    scancode: 0x3b,
};
const F2: Key = Key {
    keysym: keysym::F1 + 1,
    scancode: 0x3c,
};
const WINDOWS: Key = Key {
    keysym: keysym::SUPER_L,
    scancode: 0xdb,
};
const PRINT_SCREEN: Key = Key {
    keysym: keysym::PRINT,
    scancode: 0x54,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendKey {
    CtrlAltDel,
    CtrlAltF1,
    CtrlAltF2,
    Windows,
    PrintScreen,
}

impl SendKey {
    pub const ALL: [SendKey; 5] = [
        SendKey::CtrlAltDel,
        SendKey::CtrlAltF1,
        SendKey::CtrlAltF2,
        SendKey::Windows,
        SendKey::PrintScreen,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SendKey::CtrlAltDel => "Ctrl+Alt+Del",
            SendKey::CtrlAltF1 => "Ctrl+Alt+F1",
            SendKey::CtrlAltF2 => "Ctrl+Alt+F2",
            SendKey::Windows => "Windows key",
            SendKey::PrintScreen => "Print Screen",
        }
    }

    /// The keys pressed in order, then released in reverse order.
    pub fn actions(self) -> Vec<KeyAction> {
        let keys: &[Key] = match self {
            SendKey::CtrlAltDel => &[CTRL, ALT, DELETE],
            SendKey::CtrlAltF1 => &[CTRL, ALT, F1],
            SendKey::CtrlAltF2 => &[CTRL, ALT, F2],
            SendKey::Windows => &[WINDOWS],
            SendKey::PrintScreen => &[PRINT_SCREEN],
        };
        chord(keys)
    }
}

/// Presses `keys` in order and releases them in reverse, as a person holding modifiers does.
pub(crate) fn chord(keys: &[Key]) -> Vec<KeyAction> {
    let downs = keys.iter().copied().map(KeyAction::down);
    let ups = keys.iter().rev().copied().map(KeyAction::up);
    downs.chain(ups).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::rfb::keys::{from_event, xt_scancode};

    #[test]
    fn ctrl_alt_del_presses_then_releases_in_reverse() {
        let actions = SendKey::CtrlAltDel.actions();
        let sequence: Vec<(u16, bool)> = actions.iter().map(|a| (a.key.scancode, a.down)).collect();
        assert_eq!(
            sequence,
            [
                (0x1d, true),
                (0x38, true),
                (0xd3, true),
                (0xd3, false),
                (0x38, false),
                (0x1d, false)
            ]
        );
        assert_eq!(actions[2].key.keysym, 0xffff);
    }

    #[test]
    fn send_keys_are_the_keys_a_keyboard_sends() {
        for (send, code, key) in [
            (SendKey::CtrlAltF2, "F2", "F2"),
            (SendKey::Windows, "MetaLeft", "Meta"),
            (SendKey::PrintScreen, "PrintScreen", "PrintScreen"),
        ] {
            let actions = send.actions();
            let last = actions[actions.len() / 2 - 1].key;
            assert_eq!(Some(last), from_event(key, code), "{}", send.label());
        }
        assert_eq!(SendKey::CtrlAltF1.actions()[2].key.scancode, 0x3b);
        assert_eq!(xt_scancode("MetaLeft"), Some(0xdb));
    }
}
