//! Browser keys to what RFB sends: `KeyboardEvent.code` (the physical key) to its XT set 1
//! scancode in RFB's one-number form (an 0xE0-prefixed key has the high bit set: ArrowUp E0 48
//! is 0xC8, as rfbproto's QEMU Extended Key Event message specifies), and `KeyboardEvent.key`
//! (the character or named key) to an X keysym.

/// A key as RFB sends it: the keysym (what it means) and the scancode (where it is; 0 if none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub keysym: u32,
    pub scancode: u16,
}

/// A key going down or up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyAction {
    pub key: Key,
    pub down: bool,
}

impl KeyAction {
    pub fn down(key: Key) -> Self {
        KeyAction { key, down: true }
    }

    pub fn up(key: Key) -> Self {
        KeyAction { key, down: false }
    }
}

/// X keysyms of the named keys this module produces (from X11's keysymdef.h).
pub mod keysym {
    pub const BACKSPACE: u32 = 0xff08;
    pub const TAB: u32 = 0xff09;
    pub const RETURN: u32 = 0xff0d;
    pub const PAUSE: u32 = 0xff13;
    pub const SCROLL_LOCK: u32 = 0xff14;
    pub const SYS_REQ: u32 = 0xff15;
    pub const ESCAPE: u32 = 0xff1b;
    pub const HOME: u32 = 0xff50;
    pub const LEFT: u32 = 0xff51;
    pub const UP: u32 = 0xff52;
    pub const RIGHT: u32 = 0xff53;
    pub const DOWN: u32 = 0xff54;
    pub const PAGE_UP: u32 = 0xff55;
    pub const PAGE_DOWN: u32 = 0xff56;
    pub const END: u32 = 0xff57;
    pub const PRINT: u32 = 0xff61;
    pub const INSERT: u32 = 0xff63;
    pub const MENU: u32 = 0xff67;
    pub const NUM_LOCK: u32 = 0xff7f;
    pub const KP_ENTER: u32 = 0xff8d;
    pub const KP_MULTIPLY: u32 = 0xffaa;
    pub const KP_ADD: u32 = 0xffab;
    pub const KP_SUBTRACT: u32 = 0xffad;
    pub const KP_DECIMAL: u32 = 0xffae;
    pub const KP_DIVIDE: u32 = 0xffaf;
    pub const KP_0: u32 = 0xffb0;
    pub const F1: u32 = 0xffbe;
    pub const SHIFT_L: u32 = 0xffe1;
    pub const SHIFT_R: u32 = 0xffe2;
    pub const CONTROL_L: u32 = 0xffe3;
    pub const CONTROL_R: u32 = 0xffe4;
    pub const CAPS_LOCK: u32 = 0xffe5;
    pub const ALT_L: u32 = 0xffe9;
    pub const ALT_R: u32 = 0xffea;
    pub const SUPER_L: u32 = 0xffeb;
    pub const SUPER_R: u32 = 0xffec;
    pub const ISO_LEVEL3_SHIFT: u32 = 0xfe03;
    pub const DELETE: u32 = 0xffff;
}

/// `KeyboardEvent.code` values and their XT scancodes (0x80 | second byte for E0 xx keys).
#[rustfmt::skip] // One row per keyboard row reads better than one line per key.
const SCANCODES: &[(&str, u16)] = &[
    ("Escape", 0x01), ("Digit1", 0x02), ("Digit2", 0x03), ("Digit3", 0x04), ("Digit4", 0x05),
    ("Digit5", 0x06), ("Digit6", 0x07), ("Digit7", 0x08), ("Digit8", 0x09), ("Digit9", 0x0a),
    ("Digit0", 0x0b), ("Minus", 0x0c), ("Equal", 0x0d), ("Backspace", 0x0e), ("Tab", 0x0f),
    ("KeyQ", 0x10), ("KeyW", 0x11), ("KeyE", 0x12), ("KeyR", 0x13), ("KeyT", 0x14),
    ("KeyY", 0x15), ("KeyU", 0x16), ("KeyI", 0x17), ("KeyO", 0x18), ("KeyP", 0x19),
    ("BracketLeft", 0x1a), ("BracketRight", 0x1b), ("Enter", 0x1c), ("ControlLeft", 0x1d),
    ("KeyA", 0x1e), ("KeyS", 0x1f), ("KeyD", 0x20), ("KeyF", 0x21), ("KeyG", 0x22),
    ("KeyH", 0x23), ("KeyJ", 0x24), ("KeyK", 0x25), ("KeyL", 0x26), ("Semicolon", 0x27),
    ("Quote", 0x28), ("Backquote", 0x29), ("ShiftLeft", 0x2a), ("Backslash", 0x2b),
    ("KeyZ", 0x2c), ("KeyX", 0x2d), ("KeyC", 0x2e), ("KeyV", 0x2f), ("KeyB", 0x30),
    ("KeyN", 0x31), ("KeyM", 0x32), ("Comma", 0x33), ("Period", 0x34), ("Slash", 0x35),
    ("ShiftRight", 0x36), ("NumpadMultiply", 0x37), ("AltLeft", 0x38), ("Space", 0x39),
    ("CapsLock", 0x3a), ("F1", 0x3b), ("F2", 0x3c), ("F3", 0x3d), ("F4", 0x3e), ("F5", 0x3f),
    ("F6", 0x40), ("F7", 0x41), ("F8", 0x42), ("F9", 0x43), ("F10", 0x44), ("NumLock", 0x45),
    ("ScrollLock", 0x46), ("Numpad7", 0x47), ("Numpad8", 0x48), ("Numpad9", 0x49),
    ("NumpadSubtract", 0x4a), ("Numpad4", 0x4b), ("Numpad5", 0x4c), ("Numpad6", 0x4d),
    ("NumpadAdd", 0x4e), ("Numpad1", 0x4f), ("Numpad2", 0x50), ("Numpad3", 0x51),
    ("Numpad0", 0x52), ("NumpadDecimal", 0x53),
    // QEMU takes 0x54 (SysRq) for the Print Screen key and sends the guest the right sequence.
    ("PrintScreen", 0x54),
    ("IntlBackslash", 0x56), ("F11", 0x57), ("F12", 0x58), ("NumpadEqual", 0x59),
    // Japanese and Brazilian keys.
    ("KanaMode", 0x70), ("IntlRo", 0x73), ("Convert", 0x79), ("NonConvert", 0x7b),
    ("IntlYen", 0x7d), ("NumpadComma", 0x7e),
    // E0-prefixed keys.
    ("NumpadEnter", 0x9c), ("ControlRight", 0x9d), ("NumpadDivide", 0xb5),
    ("AltRight", 0xb8), ("Pause", 0xc6), ("Home", 0xc7), ("ArrowUp", 0xc8), ("PageUp", 0xc9),
    ("ArrowLeft", 0xcb), ("ArrowRight", 0xcd), ("End", 0xcf), ("ArrowDown", 0xd0),
    ("PageDown", 0xd1), ("Insert", 0xd2), ("Delete", 0xd3), ("MetaLeft", 0xdb),
    ("MetaRight", 0xdc), ("ContextMenu", 0xdd),
];

/// The XT scancode of a physical key (`KeyboardEvent.code`), or None for keys without one.
pub fn xt_scancode(code: &str) -> Option<u16> {
    SCANCODES.iter().find(|(c, _)| *c == code).map(|&(_, s)| s)
}

/// `KeyboardEvent.key` values naming keys, with their keysyms; a `None` code means any side.
const NAMED: &[(&str, Option<&str>, u32)] = &[
    ("Enter", Some("NumpadEnter"), keysym::KP_ENTER),
    ("Enter", None, keysym::RETURN),
    ("Escape", None, keysym::ESCAPE),
    ("Tab", None, keysym::TAB),
    ("Backspace", None, keysym::BACKSPACE),
    ("Delete", None, keysym::DELETE),
    ("Insert", None, keysym::INSERT),
    ("Home", None, keysym::HOME),
    ("End", None, keysym::END),
    ("PageUp", None, keysym::PAGE_UP),
    ("PageDown", None, keysym::PAGE_DOWN),
    ("ArrowLeft", None, keysym::LEFT),
    ("ArrowUp", None, keysym::UP),
    ("ArrowRight", None, keysym::RIGHT),
    ("ArrowDown", None, keysym::DOWN),
    ("Shift", Some("ShiftRight"), keysym::SHIFT_R),
    ("Shift", None, keysym::SHIFT_L),
    ("Control", Some("ControlRight"), keysym::CONTROL_R),
    ("Control", None, keysym::CONTROL_L),
    ("Alt", Some("AltRight"), keysym::ALT_R),
    ("Alt", None, keysym::ALT_L),
    ("AltGraph", None, keysym::ISO_LEVEL3_SHIFT),
    // The Windows key: browsers call it Meta (older ones OS); X and QEMU call it Super.
    ("Meta", Some("MetaRight"), keysym::SUPER_R),
    ("Meta", None, keysym::SUPER_L),
    ("OS", Some("MetaRight"), keysym::SUPER_R),
    ("OS", None, keysym::SUPER_L),
    ("CapsLock", None, keysym::CAPS_LOCK),
    ("NumLock", None, keysym::NUM_LOCK),
    ("ScrollLock", None, keysym::SCROLL_LOCK),
    ("Pause", None, keysym::PAUSE),
    ("PrintScreen", None, keysym::PRINT),
    ("ContextMenu", None, keysym::MENU),
];

/// The keysym for a key event, from `KeyboardEvent.key` and `.code` (which tells left from
/// right and the keypad from the main keys). None for keys with no keysym (e.g. "Dead").
pub fn keysym(key: &str, code: &str) -> Option<u32> {
    let mut chars = key.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(keypad(c, code).unwrap_or_else(|| char_keysym(c)));
    }
    if let Some(n) = key.strip_prefix('F').and_then(|n| n.parse::<u32>().ok()) {
        if (1..=24).contains(&n) {
            return Some(keysym::F1 + n - 1);
        }
    }
    NAMED
        .iter()
        .find(|(k, c, _)| *k == key && c.is_none_or(|c| c == code))
        .map(|&(_, _, sym)| sym)
}

/// The keysym of a character: Latin-1 is its code point, the rest of Unicode 0x01000000 | cp.
pub fn char_keysym(c: char) -> u32 {
    let cp = u32::from(c);
    if (0x20..=0x7e).contains(&cp) || (0xa0..=0xff).contains(&cp) {
        cp
    } else {
        0x0100_0000 | cp
    }
}

/// Keypad keys have keysyms of their own, so the guest can tell them from the main keys.
fn keypad(c: char, code: &str) -> Option<u32> {
    let key = code.strip_prefix("Numpad")?;
    match (key, c) {
        (_, '0'..='9') => c.to_digit(10).map(|d| keysym::KP_0 + d),
        ("Decimal", _) => Some(keysym::KP_DECIMAL),
        ("Add", _) => Some(keysym::KP_ADD),
        ("Subtract", _) => Some(keysym::KP_SUBTRACT),
        ("Multiply", _) => Some(keysym::KP_MULTIPLY),
        ("Divide", _) => Some(keysym::KP_DIVIDE),
        _ => None,
    }
}

/// The key for a browser key event, or None when it has neither keysym nor scancode.
pub fn from_event(key: &str, code: &str) -> Option<Key> {
    let scancode = xt_scancode(code);
    let sym = keysym(key, code);
    (scancode.is_some() || sym.is_some()).then(|| Key {
        keysym: sym.unwrap_or(0),
        scancode: scancode.unwrap_or(0),
    })
}

#[cfg(test)]
mod tests;
