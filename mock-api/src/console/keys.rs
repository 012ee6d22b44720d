//! What a key event types in the simulated guest: from its X keysym, or, when the client sent
//! QEMU's extended key event, from its XT scancode read through a US keyboard (QEMU injects the
//! scancode and the guest's layout decides; the simulated guest's layout is US).

use crate::state::console::Typed;

const XK_BACKSPACE: u32 = 0xff08;
const XK_RETURN: u32 = 0xff0d;
const XK_KP_ENTER: u32 = 0xff8d;
const SC_BACKSPACE: u32 = 0x0e;
const SC_ENTER: u32 = 0x1c;
const SC_KP_ENTER: u32 = 0x9c;
const SC_LEFT_SHIFT: u32 = 0x2a;
const SC_RIGHT_SHIFT: u32 = 0x36;

/// The US layout's characters by XT scancode, from 0x02: unshifted, then shifted.
const US_ROWS: [(u32, &str, &str); 4] = [
    (0x02, "1234567890-=", "!@#$%^&*()_+"),
    (0x10, "qwertyuiop[]", "QWERTYUIOP{}"),
    (0x1e, "asdfghjkl;'`", "ASDFGHJKL:\"~"),
    (0x2b, "\\zxcvbnm,./", "|ZXCVBNM<>?"),
];
const SC_SPACE: u32 = 0x39;

/// The keyboard as the guest sees it: which Shift keys are held (for scancodes).
#[derive(Debug, Default, Clone)]
pub struct Keyboard {
    shift: [bool; 2],
}

impl Keyboard {
    /// What a key event types: only presses type.
    pub fn typed(&mut self, down: bool, keysym: u32, scancode: Option<u32>) -> Option<Typed> {
        match scancode {
            Some(code) => self.typed_by_scancode(down, code),
            None if down => from_keysym(keysym),
            None => None,
        }
    }

    fn typed_by_scancode(&mut self, down: bool, code: u32) -> Option<Typed> {
        match code {
            SC_LEFT_SHIFT => self.shift[0] = down,
            SC_RIGHT_SHIFT => self.shift[1] = down,
            _ => {}
        }
        if !down {
            return None;
        }
        let shifted = self.shift.iter().any(|held| *held);
        match code {
            SC_BACKSPACE => Some(Typed::Backspace),
            SC_ENTER | SC_KP_ENTER => Some(Typed::Char('\n')),
            SC_SPACE => Some(Typed::Char(' ')),
            _ => US_ROWS.iter().find_map(|(first, plain, shift)| {
                let index = usize::try_from(code.checked_sub(*first)?).ok()?;
                let row = if shifted { shift } else { plain };
                row.chars().nth(index).map(Typed::Char)
            }),
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

    #[test]
    fn scancodes_type_through_a_us_layout_with_shift() {
        let mut keyboard = Keyboard::default();
        // The key right of T is Y on a US keyboard, whatever keysym came with it.
        assert_eq!(
            keyboard.typed(true, 0x7a, Some(0x15)),
            Some(Typed::Char('y'))
        );
        assert_eq!(keyboard.typed(true, 0xffe1, Some(SC_LEFT_SHIFT)), None);
        assert_eq!(
            keyboard.typed(true, 0x22, Some(0x03)),
            Some(Typed::Char('@'))
        );
        assert_eq!(keyboard.typed(false, 0xffe1, Some(SC_LEFT_SHIFT)), None);
        assert_eq!(
            keyboard.typed(true, 0x32, Some(0x03)),
            Some(Typed::Char('2'))
        );
        assert_eq!(keyboard.typed(false, 0x32, Some(0x03)), None);
        assert_eq!(keyboard.typed(true, 0, Some(0xcd)), None, "Right arrow");
    }
}
