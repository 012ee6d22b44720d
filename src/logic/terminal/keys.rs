//! Browser key events and pasted text as the bytes a terminal sends: xterm's encoding for Linux
//! guests, and the VT100+ conventions of Windows' Special Administration Console, which reads
//! function and editing keys as ESC followed by one character.

/// How keys are encoded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum KeyMode {
    /// xterm with normal cursor keys (`ESC [ A`).
    #[default]
    Normal,
    /// xterm after the guest asked for application cursor keys (`ESC O A`).
    ApplicationCursor,
    /// Windows' SAC / EMS (VT100+): F1 is `ESC 1`, Home is `ESC h` and so on.
    Vt100Plus,
}

const ESC: u8 = 0x1b;

/// The bytes for a key press (`KeyboardEvent.key` and `.code` with its modifiers), or None when
/// the key sends nothing and the browser should handle it (Meta shortcuts, lone modifiers,
/// dead keys).
pub fn key_bytes(
    key: &str,
    code: &str,
    ctrl: bool,
    alt: bool,
    shift: bool,
    meta: bool,
    mode: KeyMode,
) -> Option<Vec<u8>> {
    if meta {
        return None;
    }
    let modifiers = Modifiers { ctrl, alt, shift };
    if let Some(bytes) = named_key(key, modifiers, mode) {
        return Some(bytes);
    }
    let mut chars = key.chars();
    let ch = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    // Windows reports AltGr as Ctrl+Alt; a character other than a plain letter means the
    // layout composed it (German AltGr+Q is `@`), so it is typed as is.
    let alt_gr = ctrl && alt && !ch.is_ascii_alphabetic();
    let mut bytes = if ctrl && !alt_gr {
        vec![control_code(ch, code)?]
    } else {
        ch.to_string().into_bytes()
    };
    // Alt sends ESC first (as xterm's metaSendsEscape); characters beyond ASCII come from
    // Option or AltGr compositions and are typed as they are.
    if alt && !alt_gr && ch.is_ascii() {
        bytes.insert(0, ESC);
    }
    Some(bytes)
}

/// Pasted text as typed keys: line ends become CR, as Enter sends.
pub fn paste_bytes(text: &str) -> Vec<u8> {
    text.replace("\r\n", "\r").replace('\n', "\r").into_bytes()
}

#[derive(Debug, Clone, Copy)]
struct Modifiers {
    ctrl: bool,
    alt: bool,
    shift: bool,
}

impl Modifiers {
    /// xterm's modifier parameter: 1 plus Shift 1, Alt 2, Ctrl 4; None without modifiers.
    fn parameter(self) -> Option<u8> {
        let value = 1 + u8::from(self.shift) + 2 * u8::from(self.alt) + 4 * u8::from(self.ctrl);
        (value > 1).then_some(value)
    }
}

fn named_key(key: &str, modifiers: Modifiers, mode: KeyMode) -> Option<Vec<u8>> {
    let with_alt = |bytes: &[u8]| {
        let mut out = Vec::with_capacity(bytes.len() + 1);
        if modifiers.alt {
            out.push(ESC);
        }
        out.extend_from_slice(bytes);
        out
    };
    match key {
        "Enter" => return Some(with_alt(b"\r")),
        "Backspace" => {
            // Ctrl+Backspace sends BS, which shells bind to erasing a word; SAC reads BS.
            let erase = if modifiers.ctrl || mode == KeyMode::Vt100Plus {
                0x08
            } else {
                0x7f
            };
            return Some(with_alt(&[erase]));
        }
        "Tab" if modifiers.shift => return Some(b"\x1b[Z".to_vec()),
        "Tab" => return Some(with_alt(b"\t")),
        "Escape" => return Some(vec![ESC]),
        _ => {}
    }
    if mode == KeyMode::Vt100Plus {
        if let Some(arrow) = cursor_key_letter(key).filter(|letter| letter <= &'D') {
            return Some(vec![ESC, b'[', arrow as u8]);
        }
        return vt100_plus_key(key).map(|ch| vec![ESC, ch]);
    }
    if let Some(letter) = cursor_key_letter(key) {
        return Some(match (modifiers.parameter(), mode) {
            (Some(parameter), _) => format!("\x1b[1;{parameter}{letter}").into_bytes(),
            (None, KeyMode::ApplicationCursor) => vec![ESC, b'O', letter as u8],
            (None, _) => vec![ESC, b'[', letter as u8],
        });
    }
    if let Some(letter) = function_key_letter(key) {
        return Some(match modifiers.parameter() {
            Some(parameter) => format!("\x1b[1;{parameter}{letter}").into_bytes(),
            None => vec![ESC, b'O', letter as u8],
        });
    }
    let number = tilde_key_number(key)?;
    Some(match modifiers.parameter() {
        Some(parameter) => format!("\x1b[{number};{parameter}~").into_bytes(),
        None => format!("\x1b[{number}~").into_bytes(),
    })
}

/// Arrows, Home and End: `ESC [` or `ESC O` and a letter.
fn cursor_key_letter(key: &str) -> Option<char> {
    Some(match key {
        "ArrowUp" => 'A',
        "ArrowDown" => 'B',
        "ArrowRight" => 'C',
        "ArrowLeft" => 'D',
        "Home" => 'H',
        "End" => 'F',
        _ => return None,
    })
}

/// F1 to F4 are `ESC O P` to `ESC O S`.
fn function_key_letter(key: &str) -> Option<char> {
    Some(match key {
        "F1" => 'P',
        "F2" => 'Q',
        "F3" => 'R',
        "F4" => 'S',
        _ => return None,
    })
}

/// Keys sent as `ESC [ number ~`.
fn tilde_key_number(key: &str) -> Option<u8> {
    Some(match key {
        "Insert" => 2,
        "Delete" => 3,
        "PageUp" => 5,
        "PageDown" => 6,
        "F5" => 15,
        "F6" => 17,
        "F7" => 18,
        "F8" => 19,
        "F9" => 20,
        "F10" => 21,
        "F11" => 23,
        "F12" => 24,
        _ => return None,
    })
}

/// The character after ESC for SAC's function and editing keys.
fn vt100_plus_key(key: &str) -> Option<u8> {
    Some(match key {
        "F1" => b'1',
        "F2" => b'2',
        "F3" => b'3',
        "F4" => b'4',
        "F5" => b'5',
        "F6" => b'6',
        "F7" => b'7',
        "F8" => b'8',
        "F9" => b'9',
        "F10" => b'0',
        "F11" => b'!',
        "F12" => b'@',
        "Home" => b'h',
        "End" => b'k',
        "Insert" => b'+',
        "Delete" => b'-',
        "PageUp" => b'?',
        "PageDown" => b'/',
        _ => return None,
    })
}

/// The control code Ctrl plus this character sends, as on a VT100 keyboard; keys of other
/// layouts fall back to the letter of their physical key.
fn control_code(ch: char, code: &str) -> Option<u8> {
    if ch.is_ascii_alphabetic() {
        return Some(ch.to_ascii_uppercase() as u8 & 0x1f);
    }
    Some(match ch {
        '@' | ' ' | '2' | '`' => 0x00,
        '[' | '3' | '{' => 0x1b,
        '\\' | '4' | '|' => 0x1c,
        ']' | '5' | '}' => 0x1d,
        '^' | '6' | '~' => 0x1e,
        '_' | '-' | '7' | '/' => 0x1f,
        '?' | '8' => 0x7f,
        _ if !ch.is_ascii() => {
            let letter = code.strip_prefix("Key")?.chars().next()?;
            return letter.is_ascii_uppercase().then_some(letter as u8 & 0x1f);
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
