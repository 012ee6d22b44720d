//! Tests of typing text on each guest layout: the keys a real keyboard of that layout sends.

use super::*;

fn stroke(layout: Layout, c: char) -> Option<(u16, bool, bool)> {
    layout.stroke(c).map(|s| (s.scancode, s.shift, s.altgr))
}

#[test]
fn at_sign_on_each_layout() {
    assert_eq!(stroke(Layout::Us, '@'), Some((0x03, true, false)));
    assert_eq!(stroke(Layout::Uk, '@'), Some((0x28, true, false)));
    assert_eq!(stroke(Layout::German, '@'), Some((0x10, false, true)));
    assert_eq!(stroke(Layout::French, '@'), Some((0x0b, false, true)));
    assert_eq!(stroke(Layout::Japanese, '@'), Some((0x1a, false, false)));
}

#[test]
fn z_and_y_follow_the_letters_position() {
    for layout in [Layout::Us, Layout::Uk, Layout::Japanese] {
        assert_eq!(stroke(layout, 'z'), Some((0x2c, false, false)));
        assert_eq!(stroke(layout, 'y'), Some((0x15, false, false)));
    }
    assert_eq!(stroke(Layout::German, 'z'), Some((0x15, false, false)));
    assert_eq!(stroke(Layout::German, 'Y'), Some((0x2c, true, false)));
    // AZERTY: A and Q, Z and W swap; M sits right of L.
    assert_eq!(stroke(Layout::French, 'z'), Some((0x11, false, false)));
    assert_eq!(stroke(Layout::French, 'a'), Some((0x10, false, false)));
    assert_eq!(stroke(Layout::French, 'w'), Some((0x2c, false, false)));
    assert_eq!(stroke(Layout::French, 'M'), Some((0x27, true, false)));
}

#[test]
fn national_characters() {
    assert_eq!(stroke(Layout::German, 'ü'), Some((0x1a, false, false)));
    assert_eq!(stroke(Layout::German, 'Ü'), Some((0x1a, true, false)));
    assert_eq!(stroke(Layout::German, 'ß'), Some((0x0c, false, false)));
    assert_eq!(stroke(Layout::German, '€'), Some((0x12, false, true)));
    assert_eq!(stroke(Layout::French, 'é'), Some((0x03, false, false)));
    assert_eq!(stroke(Layout::French, '€'), Some((0x12, false, true)));
    assert_eq!(stroke(Layout::Uk, '£'), Some((0x04, true, false)));
    assert_eq!(stroke(Layout::Uk, '€'), Some((0x05, false, true)));
    assert_eq!(stroke(Layout::Uk, 'É'), Some((0x12, true, true)));
    assert_eq!(stroke(Layout::Japanese, '¥'), Some((0x7d, false, false)));
    assert_eq!(stroke(Layout::Japanese, '_'), Some((0x73, true, false)));
    assert_eq!(stroke(Layout::Japanese, '"'), Some((0x03, true, false)));
}

#[test]
fn digits_need_shift_on_azerty() {
    assert_eq!(stroke(Layout::French, '1'), Some((0x02, true, false)));
    assert_eq!(stroke(Layout::French, '&'), Some((0x02, false, false)));
    assert_eq!(stroke(Layout::German, '1'), Some((0x02, false, false)));
}

#[test]
fn characters_a_layout_cannot_type() {
    assert_eq!(stroke(Layout::Us, 'ü'), None);
    assert_eq!(stroke(Layout::Us, '¥'), None);
    assert_eq!(stroke(Layout::German, '¥'), None);
    // Dead keys type nothing alone.
    assert_eq!(stroke(Layout::German, '^'), None);
    assert_eq!(stroke(Layout::Japanese, '€'), None);
    assert_eq!(stroke(Layout::Us, '\0'), None);
}

#[test]
fn typing_wraps_each_key_in_its_modifiers() {
    let typing = type_text(Layout::German, "@z");
    let sequence: Vec<(u16, bool)> = typing
        .actions
        .iter()
        .map(|a| (a.key.scancode, a.down))
        .collect();
    assert_eq!(
        sequence,
        [
            (0xb8, true),
            (0x10, true),
            (0x10, false),
            (0xb8, false),
            (0x15, true),
            (0x15, false)
        ]
    );
    assert_eq!(typing.actions[1].key.keysym, 0x40);
    assert!(typing.untypable.is_empty());

    let typing = type_text(Layout::Us, "A\r\nb");
    let sequence: Vec<(u16, bool)> = typing
        .actions
        .iter()
        .map(|a| (a.key.scancode, a.down))
        .collect();
    assert_eq!(
        sequence,
        [
            (0x2a, true),
            (0x1e, true),
            (0x1e, false),
            (0x2a, false),
            (0x1c, true),
            (0x1c, false),
            (0x30, true),
            (0x30, false)
        ]
    );
    assert_eq!(typing.actions[4].key.keysym, 0xff0d);
}

#[test]
fn untypable_characters_are_reported_once_and_the_rest_typed() {
    let typing = type_text(Layout::Us, "Grüße, ü!");
    assert_eq!(typing.untypable, ['ü', 'ß']);
    // G r e , space !: 6 keys, G and ! with Shift.
    assert_eq!(typing.actions.len(), 6 * 2 + 2 * 2);
}

#[test]
fn layout_ids_round_trip() {
    for layout in Layout::ALL {
        assert_eq!(Layout::from_id(layout.id()), Some(layout));
        assert!(!layout.label().is_empty());
    }
    assert_eq!(Layout::from_id("xx"), None);
}
