//! Which key types which character on each guest layout (Windows' layouts of those names).
//! Dead keys (German ^ and ´, French ^ and ¨, AltGr ~ and ` on French) are left out: they type
//! nothing by themselves, so those characters are reported as untypable.

/// A layout: its three letter rows (starting at scancodes 0x10, 0x1e and 0x2c; Shift gives the
/// upper case) and its other keys as (scancode, characters for plain, Shift, AltGr and
/// Shift+AltGr), NUL for a level without one.
pub(super) struct Table {
    pub letters: [&'static str; 3],
    pub keys: &'static [(u16, &'static str)],
}

const QWERTY: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

#[rustfmt::skip]
pub(super) const US: Table = Table {
    letters: QWERTY,
    keys: &[
        (0x29, "`~"), (0x02, "1!"), (0x03, "2@"), (0x04, "3#"), (0x05, "4$"), (0x06, "5%"),
        (0x07, "6^"), (0x08, "7&"), (0x09, "8*"), (0x0a, "9("), (0x0b, "0)"), (0x0c, "-_"),
        (0x0d, "=+"), (0x1a, "[{"), (0x1b, "]}"), (0x2b, "\\|"), (0x27, ";:"), (0x28, "'\""),
        (0x33, ",<"), (0x34, ".>"), (0x35, "/?"),
    ],
};

#[rustfmt::skip]
pub(super) const UK: Table = Table {
    letters: QWERTY,
    keys: &[
        (0x29, "`¬¦"), (0x02, "1!"), (0x03, "2\""), (0x04, "3£"), (0x05, "4$€"), (0x06, "5%"),
        (0x07, "6^"), (0x08, "7&"), (0x09, "8*"), (0x0a, "9("), (0x0b, "0)"), (0x0c, "-_"),
        (0x0d, "=+"), (0x1a, "[{"), (0x1b, "]}"), (0x27, ";:"), (0x28, "'@"), (0x2b, "#~"),
        (0x56, "\\|"), (0x33, ",<"), (0x34, ".>"), (0x35, "/?"),
        (0x1e, "\0\0áÁ"), (0x12, "\0\0éÉ"), (0x17, "\0\0íÍ"), (0x18, "\0\0óÓ"), (0x16, "\0\0úÚ"),
    ],
};

#[rustfmt::skip]
pub(super) const GERMAN: Table = Table {
    letters: ["qwertzuiop", "asdfghjkl", "yxcvbnm"],
    keys: &[
        (0x29, "\0°"), (0x02, "1!"), (0x03, "2\"²"), (0x04, "3§³"), (0x05, "4$"), (0x06, "5%"),
        (0x07, "6&"), (0x08, "7/{"), (0x09, "8(["), (0x0a, "9)]"), (0x0b, "0=}"),
        (0x0c, "ß?\\"), (0x10, "\0\0@"), (0x12, "\0\0€"), (0x1a, "üÜ"), (0x1b, "+*~"),
        (0x27, "öÖ"), (0x28, "äÄ"), (0x2b, "#'"), (0x56, "<>|"), (0x32, "\0\0µ"),
        (0x33, ",;"), (0x34, ".:"), (0x35, "-_"),
    ],
};

#[rustfmt::skip]
pub(super) const FRENCH: Table = Table {
    letters: ["azertyuiop", "qsdfghjklm", "wxcvbn"],
    keys: &[
        (0x29, "²"), (0x02, "&1"), (0x03, "é2"), (0x04, "\"3#"), (0x05, "'4{"), (0x06, "(5["),
        (0x07, "-6|"), (0x08, "è7"), (0x09, "_8\\"), (0x0a, "ç9^"), (0x0b, "à0@"),
        (0x0c, ")°]"), (0x0d, "=+}"), (0x12, "\0\0€"), (0x1b, "$£¤"), (0x28, "ù%"),
        (0x2b, "*µ"), (0x56, "<>"), (0x32, ",?"), (0x33, ";."), (0x34, ":/"), (0x35, "!§"),
    ],
};

#[rustfmt::skip]
pub(super) const JAPANESE: Table = Table {
    letters: QWERTY,
    keys: &[
        (0x02, "1!"), (0x03, "2\""), (0x04, "3#"), (0x05, "4$"), (0x06, "5%"), (0x07, "6&"),
        (0x08, "7'"), (0x09, "8("), (0x0a, "9)"), (0x0b, "0"), (0x0c, "-="), (0x0d, "^~"),
        // The Yen key (left of Backspace) and the Ro key (left of right Shift).
        (0x7d, "¥|"), (0x73, "\\_"),
        (0x1a, "@`"), (0x1b, "[{"), (0x27, ";+"), (0x28, ":*"), (0x2b, "]}"),
        (0x33, ",<"), (0x34, ".>"), (0x35, "/?"),
    ],
};
