//! Tests of key events and pastes to terminal bytes.

use super::*;

fn plain(key: &str, code: &str) -> Option<Vec<u8>> {
    key_bytes(key, code, false, false, false, false, KeyMode::Normal)
}

fn ctrl(key: &str, code: &str) -> Option<Vec<u8>> {
    key_bytes(key, code, true, false, false, false, KeyMode::Normal)
}

#[test]
fn printable_characters_are_utf8() {
    assert_eq!(plain("a", "KeyA"), Some(b"a".to_vec()));
    assert_eq!(plain("€", "KeyE"), Some("€".as_bytes().to_vec()));
    assert_eq!(plain(" ", "Space"), Some(b" ".to_vec()));
}

#[test]
fn editing_keys_send_what_a_shell_expects() {
    assert_eq!(plain("Enter", "Enter"), Some(b"\r".to_vec()));
    assert_eq!(plain("Backspace", "Backspace"), Some(vec![0x7f]));
    assert_eq!(plain("Tab", "Tab"), Some(b"\t".to_vec()));
    assert_eq!(plain("Escape", "Escape"), Some(vec![0x1b]));
    assert_eq!(plain("Home", "Home"), Some(b"\x1b[H".to_vec()));
    assert_eq!(plain("End", "End"), Some(b"\x1b[F".to_vec()));
    assert_eq!(plain("Insert", "Insert"), Some(b"\x1b[2~".to_vec()));
    assert_eq!(plain("Delete", "Delete"), Some(b"\x1b[3~".to_vec()));
    assert_eq!(plain("PageUp", "PageUp"), Some(b"\x1b[5~".to_vec()));
    assert_eq!(plain("PageDown", "PageDown"), Some(b"\x1b[6~".to_vec()));
    let shift_tab = key_bytes("Tab", "Tab", false, false, true, false, KeyMode::Normal);
    assert_eq!(shift_tab, Some(b"\x1b[Z".to_vec()));
}

#[test]
fn arrows_follow_the_cursor_key_mode_and_modifiers() {
    assert_eq!(plain("ArrowUp", "ArrowUp"), Some(b"\x1b[A".to_vec()));
    assert_eq!(plain("ArrowLeft", "ArrowLeft"), Some(b"\x1b[D".to_vec()));
    let application = key_bytes(
        "ArrowDown",
        "ArrowDown",
        false,
        false,
        false,
        false,
        KeyMode::ApplicationCursor,
    );
    assert_eq!(application, Some(b"\x1bOB".to_vec()));
    assert_eq!(
        ctrl("ArrowRight", "ArrowRight"),
        Some(b"\x1b[1;5C".to_vec())
    );
}

#[test]
fn function_keys_are_xterms() {
    let expected: [&[u8]; 12] = [
        b"\x1bOP",
        b"\x1bOQ",
        b"\x1bOR",
        b"\x1bOS",
        b"\x1b[15~",
        b"\x1b[17~",
        b"\x1b[18~",
        b"\x1b[19~",
        b"\x1b[20~",
        b"\x1b[21~",
        b"\x1b[23~",
        b"\x1b[24~",
    ];
    for (number, bytes) in (1..=12).zip(expected) {
        let key = format!("F{number}");
        assert_eq!(plain(&key, &key), Some(bytes.to_vec()), "{key}");
    }
    let shift_f5 = key_bytes("F5", "F5", false, false, true, false, KeyMode::Normal);
    assert_eq!(shift_f5, Some(b"\x1b[15;2~".to_vec()));
}

#[test]
fn ctrl_letters_and_symbols_are_control_codes() {
    assert_eq!(ctrl("c", "KeyC"), Some(vec![0x03]));
    assert_eq!(ctrl("D", "KeyD"), Some(vec![0x04]));
    assert_eq!(ctrl("[", "BracketLeft"), Some(vec![0x1b]));
    assert_eq!(ctrl("\\", "Backslash"), Some(vec![0x1c]));
    assert_eq!(ctrl("]", "BracketRight"), Some(vec![0x1d]));
    assert_eq!(ctrl("@", "Digit2"), Some(vec![0x00]));
    assert_eq!(ctrl(" ", "Space"), Some(vec![0x00]));
    assert_eq!(ctrl("_", "Minus"), Some(vec![0x1f]));
    // A Cyrillic layout's Ctrl+С is still Ctrl+C by its physical key.
    assert_eq!(ctrl("с", "KeyC"), Some(vec![0x03]));
    assert_eq!(ctrl("=", "Equal"), None);
}

#[test]
fn alt_prefixes_escape_but_alt_gr_types_its_character() {
    let alt_b = key_bytes("b", "KeyB", false, true, false, false, KeyMode::Normal);
    assert_eq!(alt_b, Some(b"\x1bb".to_vec()));
    let ctrl_alt_c = key_bytes("c", "KeyC", true, true, false, false, KeyMode::Normal);
    assert_eq!(ctrl_alt_c, Some(vec![0x1b, 0x03]));
    let alt_gr_q = key_bytes("@", "KeyQ", true, true, false, false, KeyMode::Normal);
    assert_eq!(alt_gr_q, Some(b"@".to_vec()));
    let option_o = key_bytes("ø", "KeyO", false, true, false, false, KeyMode::Normal);
    assert_eq!(option_o, Some("ø".as_bytes().to_vec()));
}

#[test]
fn meta_shortcuts_modifiers_and_dead_keys_are_left_to_the_browser() {
    assert_eq!(
        key_bytes("c", "KeyC", false, false, false, true, KeyMode::Normal),
        None
    );
    assert_eq!(plain("Shift", "ShiftLeft"), None);
    assert_eq!(plain("Dead", "BracketLeft"), None);
    assert_eq!(plain("Unidentified", ""), None);
}

#[test]
fn sac_keys_follow_vt100_plus() {
    let sac = |key: &str| key_bytes(key, key, false, false, false, false, KeyMode::Vt100Plus);
    for (key, bytes) in [
        ("F1", &b"\x1b1"[..]),
        ("F9", b"\x1b9"),
        ("F10", b"\x1b0"),
        ("F11", b"\x1b!"),
        ("F12", b"\x1b@"),
        ("Home", b"\x1bh"),
        ("End", b"\x1bk"),
        ("Insert", b"\x1b+"),
        ("Delete", b"\x1b-"),
        ("PageUp", b"\x1b?"),
        ("PageDown", b"\x1b/"),
        ("ArrowUp", b"\x1b[A"),
        ("Enter", b"\r"),
        ("Backspace", b"\x08"),
    ] {
        assert_eq!(sac(key), Some(bytes.to_vec()), "{key}");
    }
}

#[test]
fn pasted_line_ends_become_carriage_returns() {
    assert_eq!(
        paste_bytes("ls -l\r\npwd\nexit"),
        b"ls -l\rpwd\rexit".to_vec()
    );
}
