//! Typing text (paste, product keys, passwords) as keystrokes for the guest's keyboard layout:
//! each character becomes the physical key and modifiers (Shift, AltGr) that type it on that
//! layout, since QEMU injects scancodes and the guest's own layout decides the character.
//! Characters the layout cannot type are reported, never silently dropped.

mod tables;

use super::keys::{char_keysym, keysym, Key, KeyAction};
use tables::Table;

/// A guest keyboard layout, as configured in the guest (Windows' input language).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Us,
    Uk,
    German,
    French,
    /// Japanese 106/109-key.
    Japanese,
}

/// The physical key and modifiers that type one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stroke {
    pub scancode: u16,
    pub shift: bool,
    pub altgr: bool,
}

/// The keystrokes for a text, and the characters left out because the layout cannot type them
/// (each listed once, in order of appearance).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Typing {
    pub actions: Vec<KeyAction>,
    pub untypable: Vec<char>,
}

const SHIFT: Key = Key {
    keysym: keysym::SHIFT_L,
    scancode: 0x2a,
};
/// AltGr is the right Alt key (E0 38); Windows turns it into AltGr on layouts that have one.
const ALTGR: Key = Key {
    keysym: keysym::ISO_LEVEL3_SHIFT,
    scancode: 0xb8,
};

impl Layout {
    pub const ALL: [Layout; 5] = [
        Layout::Us,
        Layout::Uk,
        Layout::German,
        Layout::French,
        Layout::Japanese,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Layout::Us => "English (US)",
            Layout::Uk => "English (UK)",
            Layout::German => "German",
            Layout::French => "French (AZERTY)",
            Layout::Japanese => "Japanese (106/109)",
        }
    }

    /// A stable identifier, for remembering the choice.
    pub fn id(self) -> &'static str {
        match self {
            Layout::Us => "us",
            Layout::Uk => "uk",
            Layout::German => "de",
            Layout::French => "fr",
            Layout::Japanese => "ja",
        }
    }

    pub fn from_id(id: &str) -> Option<Layout> {
        Layout::ALL.into_iter().find(|l| l.id() == id)
    }

    fn table(self) -> &'static Table {
        match self {
            Layout::Us => &tables::US,
            Layout::Uk => &tables::UK,
            Layout::German => &tables::GERMAN,
            Layout::French => &tables::FRENCH,
            Layout::Japanese => &tables::JAPANESE,
        }
    }

    /// How to type `c` on this layout, or None if it has no key for it.
    pub fn stroke(self, c: char) -> Option<Stroke> {
        let plain = |scancode| {
            Some(Stroke {
                scancode,
                shift: false,
                altgr: false,
            })
        };
        match c {
            ' ' => return plain(0x39),
            '\n' | '\r' => return plain(0x1c),
            '\t' => return plain(0x0f),
            _ => {}
        }
        let table = self.table();
        for (row, start) in table.letters.iter().zip([0x10u16, 0x1e, 0x2c]) {
            for (scancode, letter) in (start..).zip(row.chars()) {
                if letter == c {
                    return plain(scancode);
                }
                if letter.to_ascii_uppercase() == c {
                    return Some(Stroke {
                        scancode,
                        shift: true,
                        altgr: false,
                    });
                }
            }
        }
        for &(scancode, levels) in table.keys {
            // Levels: plain, Shift, AltGr, Shift+AltGr; NUL marks a level with no character.
            if let Some(level) = levels.chars().position(|l| l == c && l != '\0') {
                return Some(Stroke {
                    scancode,
                    shift: level % 2 == 1,
                    altgr: level >= 2,
                });
            }
        }
        None
    }
}

/// The key presses and releases that type `text` on `layout`: modifiers down, key down and up,
/// modifiers up, for each character. A CR LF pair is one Enter.
pub fn type_text(layout: Layout, text: &str) -> Typing {
    let mut typing = Typing::default();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        let Some(stroke) = layout.stroke(c) else {
            if !typing.untypable.contains(&c) {
                typing.untypable.push(c);
            }
            continue;
        };
        let sym = match c {
            '\n' | '\r' => keysym::RETURN,
            '\t' => keysym::TAB,
            _ => char_keysym(c),
        };
        let modifiers: Vec<Key> = [(stroke.shift, SHIFT), (stroke.altgr, ALTGR)]
            .into_iter()
            .filter_map(|(on, key)| on.then_some(key))
            .collect();
        let key = Key {
            keysym: sym,
            scancode: stroke.scancode,
        };
        typing
            .actions
            .extend(modifiers.iter().copied().map(KeyAction::down));
        typing
            .actions
            .extend([KeyAction::down(key), KeyAction::up(key)]);
        typing
            .actions
            .extend(modifiers.iter().rev().copied().map(KeyAction::up));
    }
    typing
}

#[cfg(test)]
mod tests;
