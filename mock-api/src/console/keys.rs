//! What a key event types in the simulated guest: from its X keysym, or, when the client sent
//! QEMU's extended key event, from its XT scancode read through the guest's keyboard layout
//! (QEMU injects the scancode and the guest's layout decides; each VM's is US unless a test
//! chose another, see `layouts`).

use crate::console::layouts::{Layout, Level};
use crate::state::console::Typed;

const XK_BACKSPACE: u32 = 0xff08;
const XK_RETURN: u32 = 0xff0d;
const XK_KP_ENTER: u32 = 0xff8d;
const SC_BACKSPACE: u32 = 0x0e;
const SC_ENTER: u32 = 0x1c;
const SC_KP_ENTER: u32 = 0x9c;
const SC_SPACE: u32 = 0x39;
// Modifiers; the RFB message carries E0-prefixed keys as one byte with the high bit set.
const SC_LEFT_SHIFT: u32 = 0x2a;
const SC_RIGHT_SHIFT: u32 = 0x36;
const SC_LEFT_CTRL: u32 = 0x1d;
const SC_RIGHT_CTRL: u32 = 0x9d;
const SC_LEFT_ALT: u32 = 0x38;
const SC_RIGHT_ALT: u32 = 0xb8;

/// The keyboard as the guest sees it: which modifiers are held (for scancodes).
#[derive(Debug, Default, Clone)]
pub struct Keyboard {
    shift: [bool; 2],
    ctrl: [bool; 2],
    /// Left Alt, then right Alt (AltGr).
    alt: [bool; 2],
}

impl Keyboard {
    /// What a key event types on a guest with that layout: only presses type.
    pub fn typed(
        &mut self,
        down: bool,
        keysym: u32,
        scancode: Option<u32>,
        layout: Layout,
    ) -> Option<Typed> {
        match scancode {
            Some(code) => self.typed_by_scancode(down, code, layout),
            None if down => from_keysym(keysym),
            None => None,
        }
    }

    fn typed_by_scancode(&mut self, down: bool, code: u32, layout: Layout) -> Option<Typed> {
        match code {
            SC_LEFT_SHIFT => self.shift[0] = down,
            SC_RIGHT_SHIFT => self.shift[1] = down,
            SC_LEFT_CTRL => self.ctrl[0] = down,
            SC_RIGHT_CTRL => self.ctrl[1] = down,
            SC_LEFT_ALT => self.alt[0] = down,
            SC_RIGHT_ALT => self.alt[1] = down,
            _ => {}
        }
        if !down {
            return None;
        }
        match code {
            SC_BACKSPACE => Some(Typed::Backspace),
            SC_ENTER | SC_KP_ENTER => Some(Typed::Char('\n')),
            SC_SPACE => Some(Typed::Char(' ')),
            _ => layout.char(code, self.level()).map(Typed::Char),
        }
    }

    /// The level the held modifiers pick. Windows takes Ctrl with either Alt as AltGr, which
    /// is how clients without an AltGr key reach it.
    fn level(&self) -> Level {
        let held = |keys: [bool; 2]| keys.iter().any(|held| *held);
        if self.alt[1] || (held(self.ctrl) && held(self.alt)) {
            Level::AltGr
        } else if held(self.shift) {
            Level::Shift
        } else {
            Level::Plain
        }
    }
}

/// What a keysym types: Latin-1 keysyms are their character, `0x01000000 + U` is Unicode `U`.
pub fn from_keysym(keysym: u32) -> Option<Typed> {
    match keysym {
        XK_BACKSPACE => Some(Typed::Backspace),
        XK_RETURN | XK_KP_ENTER => Some(Typed::Char('\n')),
        0x20..=0x7e | 0xa0..=0xff => char::from_u32(keysym).map(Typed::Char),
        0x0100_0100..=0x0110_ffff => char::from_u32(keysym - 0x0100_0000)
            .filter(|c| !c.is_control())
            .map(Typed::Char),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keysyms_type_their_characters() {
        assert_eq!(from_keysym(0x61), Some(Typed::Char('a')));
        assert_eq!(from_keysym(0xfc), Some(Typed::Char('ü')));
        assert_eq!(from_keysym(0x0100_20ac), Some(Typed::Char('€')));
        assert_eq!(from_keysym(XK_BACKSPACE), Some(Typed::Backspace));
        assert_eq!(from_keysym(0xffe1), None, "Shift types nothing");
    }

    /// What chords type on a fresh keyboard: each chord's keys are pressed in order, then
    /// released in reverse.
    fn chords(layout: Layout, chords: &[&[u32]]) -> String {
        let mut keyboard = Keyboard::default();
        let mut text = String::new();
        for chord in chords {
            let events = chord.iter().map(|code| (true, *code));
            let events = events.chain(chord.iter().rev().map(|code| (false, *code)));
            for (down, code) in events {
                // The keysym is a US client's, which the scancode overrides.
                match keyboard.typed(down, 0x61, Some(code), layout) {
                    Some(Typed::Char(c)) => text.push(c),
                    Some(Typed::Backspace) => text.push('⌫'),
                    None => {}
                }
            }
        }
        text
    }

    const SHIFT: u32 = SC_LEFT_SHIFT;
    const ALTGR: u32 = SC_RIGHT_ALT;

    #[test]
    fn scancodes_type_through_a_us_layout_with_shift() {
        let mut keyboard = Keyboard::default();
        // The key right of T is Y on a US keyboard, whatever keysym came with it.
        let us = Layout::Us;
        assert_eq!(
            keyboard.typed(true, 0x7a, Some(0x15), us),
            Some(Typed::Char('y'))
        );
        assert_eq!(keyboard.typed(true, 0xffe1, Some(SC_LEFT_SHIFT), us), None);
        assert_eq!(
            keyboard.typed(true, 0x22, Some(0x03), us),
            Some(Typed::Char('@'))
        );
        assert_eq!(keyboard.typed(false, 0xffe1, Some(SC_LEFT_SHIFT), us), None);
        assert_eq!(
            keyboard.typed(true, 0x32, Some(0x03), us),
            Some(Typed::Char('2'))
        );
        assert_eq!(keyboard.typed(false, 0x32, Some(0x03), us), None);
        assert_eq!(keyboard.typed(true, 0, Some(0xcd), us), None, "Right arrow");
        assert_eq!(
            chords(
                us,
                &[&[0x2c], &[SHIFT, 0x28], &[0x0e], &[0x1c], &[ALTGR, 0x10]]
            ),
            "z\"⌫\n"
        );
    }

    #[test]
    fn german_is_qwertz_with_altgr() {
        let de = Layout::De;
        assert_eq!(chords(de, &[&[0x15], &[0x2c], &[SHIFT, 0x2c]]), "zyY");
        assert_eq!(chords(de, &[&[0x1a], &[0x27], &[0x28], &[0x0c]]), "üöäß");
        assert_eq!(chords(de, &[&[ALTGR, 0x10], &[ALTGR, 0x12]]), "@€");
        assert_eq!(
            chords(
                de,
                &[
                    &[ALTGR, 0x08],
                    &[ALTGR, 0x09],
                    &[ALTGR, 0x0a],
                    &[ALTGR, 0x0b]
                ]
            ),
            "{[]}"
        );
        assert_eq!(chords(de, &[&[ALTGR, 0x0c], &[ALTGR, 0x56]]), "\\|");
        assert_eq!(
            chords(de, &[&[0x56], &[SHIFT, 0x56], &[SHIFT, 0x03]]),
            "<>\""
        );
        // Ctrl and left Alt together are AltGr too; either alone is not.
        assert_eq!(chords(de, &[&[SC_LEFT_CTRL, SC_LEFT_ALT, 0x10]]), "@");
        assert_eq!(chords(de, &[&[SC_RIGHT_CTRL, SC_LEFT_ALT, 0x12]]), "€");
        assert_eq!(chords(de, &[&[SC_LEFT_ALT, 0x10], &[0x10]]), "qq");
        // ^ and ´ are dead keys: they type nothing.
        assert_eq!(chords(de, &[&[0x29], &[0x0d], &[0x12]]), "e");
    }

    #[test]
    fn french_is_azerty_with_shifted_digits() {
        let fr = Layout::Fr;
        assert_eq!(
            chords(fr, &[&[0x10], &[0x11], &[0x1e], &[0x2c], &[0x27]]),
            "azqwm"
        );
        assert_eq!(
            chords(fr, &[&[0x02], &[SHIFT, 0x02], &[SHIFT, 0x0b]]),
            "&10"
        );
        assert_eq!(chords(fr, &[&[0x03], &[0x08], &[0x0b], &[0x0a]]), "éèàç");
        assert_eq!(chords(fr, &[&[ALTGR, 0x0b], &[ALTGR, 0x12]]), "@€");
    }

    #[test]
    fn uk_moves_at_quote_and_pound() {
        let uk = Layout::Uk;
        assert_eq!(
            chords(uk, &[&[SHIFT, 0x28], &[SHIFT, 0x03], &[SHIFT, 0x04]]),
            "@\"£"
        );
        assert_eq!(
            chords(uk, &[&[0x2b], &[SHIFT, 0x2b], &[0x56], &[SHIFT, 0x56]]),
            "#~\\|"
        );
        assert_eq!(chords(uk, &[&[ALTGR, 0x05]]), "€");
    }

    #[test]
    fn japanese_has_its_own_symbol_keys() {
        let ja = Layout::Ja;
        assert_eq!(
            chords(ja, &[&[0x1a], &[0x1b], &[0x28], &[0x2b], &[SHIFT, 0x03]]),
            "@[:]\""
        );
        assert_eq!(chords(ja, &[&[0x7d], &[0x73], &[SHIFT, 0x73]]), "¥\\_");
        assert_eq!(
            chords(ja, &[&[0x29], &[0x15]]),
            "y",
            "Hankaku/Zenkaku types nothing"
        );
    }
}
