//! Tests of browser key codes to XT scancodes and key names to X keysyms.

use super::*;

#[test]
fn physical_keys_have_set_1_scancodes() {
    for (code, scancode) in [
        ("KeyA", 0x1e),
        ("KeyZ", 0x2c),
        ("KeyY", 0x15),
        ("Digit2", 0x03),
        ("Backquote", 0x29),
        ("IntlBackslash", 0x56),
        ("IntlYen", 0x7d),
        ("IntlRo", 0x73),
        ("Enter", 0x1c),
        ("F12", 0x58),
    ] {
        assert_eq!(xt_scancode(code), Some(scancode), "{code}");
    }
    assert_eq!(xt_scancode("Fn"), None);
}

#[test]
fn e0_keys_have_the_high_bit_set() {
    // rfbproto: E0 4D (Right) is 0xCD; ArrowUp E0 48 is 0xC8.
    for (code, scancode) in [
        ("ArrowRight", 0xcd),
        ("ArrowUp", 0xc8),
        ("ControlRight", 0x9d),
        ("AltRight", 0xb8),
        ("Delete", 0xd3),
        ("MetaLeft", 0xdb),
        ("NumpadEnter", 0x9c),
        ("Pause", 0xc6),
    ] {
        assert_eq!(xt_scancode(code), Some(scancode), "{code}");
    }
}

#[test]
fn characters_become_keysyms() {
    assert_eq!(keysym("a", "KeyA"), Some(0x61));
    assert_eq!(keysym("Z", "KeyZ"), Some(0x5a));
    assert_eq!(keysym("@", "Digit2"), Some(0x40));
    assert_eq!(keysym(" ", "Space"), Some(0x20));
    // Latin-1 is the code point; the rest of Unicode is offset.
    assert_eq!(keysym("ü", "BracketLeft"), Some(0xfc));
    assert_eq!(keysym("¥", "IntlYen"), Some(0xa5));
    assert_eq!(keysym("€", "KeyE"), Some(0x0100_20ac));
    assert_eq!(keysym("あ", "KeyA"), Some(0x0100_3042));
}

#[test]
fn named_keys_become_keysyms() {
    for (key, code, sym) in [
        ("Enter", "Enter", 0xff0d),
        ("Enter", "NumpadEnter", 0xff8d),
        ("Escape", "Escape", 0xff1b),
        ("Tab", "Tab", 0xff09),
        ("Backspace", "Backspace", 0xff08),
        ("Delete", "Delete", 0xffff),
        ("Insert", "Insert", 0xff63),
        ("Home", "Home", 0xff50),
        ("End", "End", 0xff57),
        ("PageUp", "PageUp", 0xff55),
        ("PageDown", "PageDown", 0xff56),
        ("ArrowLeft", "ArrowLeft", 0xff51),
        ("ArrowDown", "ArrowDown", 0xff54),
        ("F1", "F1", 0xffbe),
        ("F12", "F12", 0xffc9),
        ("Shift", "ShiftLeft", 0xffe1),
        ("Shift", "ShiftRight", 0xffe2),
        ("Control", "ControlLeft", 0xffe3),
        ("Control", "ControlRight", 0xffe4),
        ("Alt", "AltLeft", 0xffe9),
        ("AltGraph", "AltRight", 0xfe03),
        ("Meta", "MetaLeft", 0xffeb),
        ("Meta", "MetaRight", 0xffec),
        ("PrintScreen", "PrintScreen", 0xff61),
        ("1", "Numpad1", 0xffb1),
        ("+", "NumpadAdd", 0xffab),
    ] {
        assert_eq!(keysym(key, code), Some(sym), "{key} {code}");
    }
    assert_eq!(keysym("Dead", "BracketLeft"), None);
    assert_eq!(keysym("Unidentified", ""), None);
}

#[test]
fn events_combine_both() {
    assert_eq!(
        from_event("z", "KeyY"),
        Some(Key {
            keysym: 0x7a,
            scancode: 0x15
        })
    );
    // A dead key still has its physical key, which the guest's layout interprets.
    assert_eq!(
        from_event("Dead", "BracketLeft"),
        Some(Key {
            keysym: 0,
            scancode: 0x1a
        })
    );
    assert_eq!(from_event("Unidentified", "Fn"), None);
}
