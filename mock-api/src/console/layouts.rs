//! The keyboard layouts the simulated guest can have, as Windows maps them: which character
//! each key of the main block types, by XT set-1 scancode, plain, with Shift and with AltGr.
//! QEMU injects scancodes, so it is the guest's layout, not the client's, that decides.

pub use crate::state::guest_layout::Layout;

/// Which modifiers pick a key's character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Plain,
    Shift,
    AltGr,
}

impl Layout {
    /// The character a key types at that level; `None` for a key without one there, a dead
    /// key (the guest would wait for the next key; the simulated one just drops it) or a key
    /// that is no character.
    pub fn char(self, scancode: u32, level: Level) -> Option<char> {
        self.rows().iter().find_map(|row| {
            let index = usize::try_from(scancode.checked_sub(row.first)?).ok()?;
            let chars = match level {
                Level::Plain => row.plain,
                Level::Shift => row.shift,
                Level::AltGr => row.altgr,
            };
            chars.chars().nth(index).filter(|c| *c != NOTHING)
        })
    }

    fn rows(self) -> &'static [Row] {
        match self {
            Layout::Us => US,
            Layout::Uk => UK,
            Layout::De => DE,
            Layout::Fr => FR,
            Layout::Ja => JA,
        }
    }
}

/// In a row, a key that types nothing at that level (Space is its own key, never in a row).
const NOTHING: char = ' ';

/// Keys with consecutive scancodes from `first`: one character per key and level, `NOTHING`
/// where there is none; a level's string may stop early.
struct Row {
    first: u32,
    plain: &'static str,
    shift: &'static str,
    altgr: &'static str,
}

const fn row(first: u32, plain: &'static str, shift: &'static str, altgr: &'static str) -> Row {
    Row {
        first,
        plain,
        shift,
        altgr,
    }
}

// The rows of the main block: digits from 0x02 (1 to the key left of Backspace), letters from
// 0x10 (Q on US to the key left of Enter), the home row from 0x1E through 0x29 (the key left
// of 1, which scancode order puts here), and the bottom row from 0x2B (the key left of Enter
// on ISO boards, above it on ANSI) to 0x35. Then the extra keys: 0x56 between left Shift and
// the first letter on ISO boards, and Japanese boards' 0x73 (Ro) and 0x7D (Yen).

/// US (ANSI; an ISO board's extra key repeats the backslash).
const US: &[Row] = &[
    row(0x02, "1234567890-=", "!@#$%^&*()_+", ""),
    row(0x10, "qwertyuiop[]", "QWERTYUIOP{}", ""),
    row(0x1e, "asdfghjkl;'`", "ASDFGHJKL:\"~", ""),
    row(0x2b, "\\zxcvbnm,./", "|ZXCVBNM<>?", ""),
    row(0x56, "\\", "|", ""),
];

/// United Kingdom: `"` on 2, `£` on 3, `@` on the quote key, `#` and `~` left of Enter.
const UK: &[Row] = &[
    row(0x02, "1234567890-=", "!\"£$%^&*()_+", "   €"),
    row(0x10, "qwertyuiop[]", "QWERTYUIOP{}", "  é   úíó"),
    row(0x1e, "asdfghjkl;'`", "ASDFGHJKL:@¬", "á          ¦"),
    row(0x2b, "#zxcvbnm,./", "~ZXCVBNM<>?", ""),
    row(0x56, "\\", "|", ""),
];

/// German QWERTZ: umlauts and ß, `@ € ~ µ` and the brackets on AltGr; ^ ´ ` are dead keys.
const DE: &[Row] = &[
    row(0x02, "1234567890ß ", "!\"§$%&/()=? ", " ²³   {[]}\\"),
    row(0x10, "qwertzuiopü+", "QWERTZUIOPÜ*", "@ €        ~"),
    row(0x1e, "asdfghjklöä ", "ASDFGHJKLÖÄ°", ""),
    row(0x2b, "#yxcvbnm,.-", "'YXCVBNM;:_", "       µ"),
    row(0x56, "<", ">", "|"),
];

/// French AZERTY: digits with Shift, accented letters on the digit row, symbols on AltGr;
/// ^ ¨ and AltGr's ~ ` are dead keys.
const FR: &[Row] = &[
    row(0x02, "&é\"'(-è_çà)=", "1234567890°+", "  #{[| \\^@]}"),
    row(0x10, "azertyuiop $", "AZERTYUIOP £", "  €        ¤"),
    row(0x1e, "qsdfghjklmù²", "QSDFGHJKLM% ", ""),
    row(0x2b, "*wxcvbn,;:!", "µWXCVBN?./§", ""),
    row(0x56, "<", ">", ""),
];

/// Japanese 106/109: `@ [` right of P, `: ]` right of `;`, `¥` left of Backspace and `\ _` on
/// Ro; the key left of 1 switches the input method and types nothing.
const JA: &[Row] = &[
    row(0x02, "1234567890-^", "!\"#$%&'() =~", ""),
    row(0x10, "qwertyuiop@[", "QWERTYUIOP`{", ""),
    row(0x1e, "asdfghjkl;: ", "ASDFGHJKL+* ", ""),
    row(0x2b, "]zxcvbnm,./", "}ZXCVBNM<>?", ""),
    row(0x73, "\\", "_", ""),
    row(0x7d, "¥", "|", ""),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows never overlap and no level has more characters than the row has keys.
    #[test]
    fn every_row_fits_its_keys() {
        for layout in Layout::ALL {
            let rows = layout.rows();
            for (i, row) in rows.iter().enumerate() {
                let keys = row.plain.chars().count();
                assert!(
                    row.shift.chars().count() <= keys,
                    "{layout} {:#x}",
                    row.first
                );
                assert!(
                    row.altgr.chars().count() <= keys,
                    "{layout} {:#x}",
                    row.first
                );
                if let Some(next) = rows.get(i + 1) {
                    assert!(row.first + keys as u32 <= next.first, "{layout}");
                }
            }
        }
    }

    #[test]
    fn the_same_key_types_what_each_layout_puts_on_it() {
        let keys = |layout: Layout, level: Level| -> String {
            [0x03, 0x10, 0x15, 0x1a, 0x27, 0x28, 0x2b, 0x2c, 0x56]
                .into_iter()
                .map(|code| layout.char(code, level).unwrap_or('·'))
                .collect()
        };
        assert_eq!(keys(Layout::Us, Level::Plain), "2qy[;'\\z\\");
        assert_eq!(keys(Layout::Uk, Level::Shift), "\"QY{:@~Z|");
        assert_eq!(keys(Layout::De, Level::Plain), "2qzüöä#y<");
        assert_eq!(keys(Layout::Fr, Level::Plain), "éay·mù*w<");
        assert_eq!(keys(Layout::Ja, Level::Plain), "2qy@;:]z·");
    }

    #[test]
    fn altgr_types_the_third_characters() {
        let altgr = |layout: Layout, codes: &[u32]| -> String {
            codes
                .iter()
                .map(|code| layout.char(*code, Level::AltGr).unwrap_or('·'))
                .collect()
        };
        assert_eq!(
            altgr(Layout::De, &[0x03, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]),
            "²{[]}\\·"
        );
        assert_eq!(altgr(Layout::De, &[0x10, 0x12, 0x1b, 0x32, 0x56]), "@€~µ|");
        assert_eq!(
            altgr(
                Layout::Fr,
                &[0x03, 0x04, 0x05, 0x09, 0x0b, 0x0d, 0x12, 0x1b]
            ),
            "·#{\\@}€¤"
        );
        assert_eq!(altgr(Layout::Uk, &[0x05, 0x12, 0x1e, 0x29]), "€éá¦");
        assert_eq!(altgr(Layout::Us, &[0x10, 0x12]), "··");
    }
}
