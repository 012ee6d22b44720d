//! The serial console's terminal, free of the DOM: the guest's UART bytes (KubeVirt's `console`
//! subresource, in WebSocket frames whose boundaries mean nothing) go into [`Terminal::feed`],
//! which keeps a screen of styled cells and a scrollback; key presses and pastes become bytes
//! to send back. Enough of VT100/xterm for agetty and bash, systemd's boot messages, SeaBIOS,
//! and Windows' Special Administration Console (VT-UTF8 / VT100+).
//!
//! How a console component uses it:
//! 1. On every WebSocket message, `terminal.feed(&bytes)`; then send
//!    [`Terminal::take_replies`] if it is not empty (answers to the guest's status queries).
//! 2. Redraw when [`Terminal::generation`] changed: [`Terminal::lines`] are the visible rows as
//!    styled [`Span`]s, [`Terminal::scrollback`] the rows above them, [`Terminal::cursor`] where
//!    to draw the cursor. [`Terminal::bells`] counts BEL characters, so a change means "flash".
//! 3. On key events: [`key_bytes`] with [`Terminal::key_mode`] (or [`KeyMode::Vt100Plus`] for a
//!    Windows guest's SAC); send the bytes and prevent the browser's default when it gave some.
//! 4. Paste: send [`Terminal::paste`]; Copy: [`Terminal::text`].

mod dispatch;
pub mod keys;
mod parser;
mod render;
mod screen;
pub mod style;
mod utf8;

pub use keys::{key_bytes, paste_bytes, KeyMode};
pub use render::{Line, Span};
pub use style::{palette_rgb, Color, Style};

use parser::Parser;
use screen::Screen;
use utf8::Utf8Decoder;

/// Lines kept above the screen by default.
pub const DEFAULT_SCROLLBACK: usize = 5000;
/// Sizes are clamped to this, so a bad setting cannot allocate without bound.
const MAX_COLS: usize = 1000;
const MAX_ROWS: usize = 500;

/// Where the view draws the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    /// 0-based, within the visible lines.
    pub row: usize,
    pub col: usize,
    pub visible: bool,
}

/// A character set designated with `ESC (` or `ESC )`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Charset {
    Ascii,
    /// DEC Special Graphics: line-drawing characters in place of lower-case letters.
    DecSpecial,
}

impl Charset {
    fn designated(designation: char) -> Charset {
        if designation == '0' {
            Charset::DecSpecial
        } else {
            Charset::Ascii
        }
    }

    fn translate(self, ch: char) -> char {
        const GRAPHICS: &str = " ◆▒␉␌␍␊°±␤␋┘┐┌└┼⎺⎻─⎼⎽├┤┴┬│≤≥π≠£·";
        match (self, ch) {
            (Charset::DecSpecial, '_'..='~') => GRAPHICS
                .chars()
                .nth(ch as usize - '_' as usize)
                .unwrap_or(ch),
            _ => ch,
        }
    }
}

/// One serial console's terminal state. Feed it every byte the guest sends, in order.
#[derive(Debug, Clone)]
pub struct Terminal {
    decoder: Utf8Decoder,
    parser: Parser,
    screen: Screen,
    charsets: [Charset; 2],
    /// SO selected the G1 character set.
    shifted_out: bool,
    cursor_visible: bool,
    application_cursor_keys: bool,
    bracketed_paste: bool,
    replies: Vec<u8>,
    generation: u64,
    bells: u64,
}

impl Default for Terminal {
    /// 80 columns by 24 rows, the size a serial console's guest assumes.
    fn default() -> Self {
        Terminal::new(80, 24)
    }
}

impl Terminal {
    pub fn new(cols: usize, rows: usize) -> Terminal {
        let (cols, rows) = clamp_size(cols, rows);
        Terminal {
            decoder: Utf8Decoder::default(),
            parser: Parser::default(),
            screen: Screen::new(cols, rows, DEFAULT_SCROLLBACK),
            charsets: [Charset::Ascii; 2],
            shifted_out: false,
            cursor_visible: true,
            application_cursor_keys: false,
            bracketed_paste: false,
            replies: Vec::new(),
            generation: 0,
            bells: 0,
        }
    }

    /// Keeps at most `lines` lines of scrollback.
    pub fn with_scrollback(mut self, lines: usize) -> Terminal {
        self.screen.history_limit = lines;
        while self.screen.history.len() > lines {
            self.screen.history.pop_front();
        }
        self
    }

    /// Takes the next bytes from the guest, in any chunks.
    pub fn feed(&mut self, bytes: &[u8]) {
        let mut chars = Vec::with_capacity(bytes.len());
        self.decoder.decode(bytes, |ch| chars.push(ch));
        let mut changed = false;
        for ch in chars {
            if let Some(action) = self.parser.advance(ch) {
                changed |= self.perform(action);
            }
        }
        if changed {
            self.generation += 1;
        }
    }

    /// Bytes the terminal must send to the guest (answers to status and size queries), taken
    /// once.
    pub fn take_replies(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.replies)
    }

    /// Grows whenever anything visible changed, so the view redraws only then.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// How many BEL characters came so far.
    pub fn bells(&self) -> u64 {
        self.bells
    }

    /// Columns and rows.
    pub fn size(&self) -> (usize, usize) {
        (self.screen.cols, self.screen.rows)
    }

    pub fn resize(&mut self, cols: usize, rows: usize) {
        let (cols, rows) = clamp_size(cols, rows);
        self.screen.resize(cols, rows);
        self.generation += 1;
    }

    /// RIS: everything back to the start; the screen's text moves into the scrollback.
    pub fn reset(&mut self) {
        self.screen.reset();
        self.charsets = [Charset::Ascii; 2];
        self.shifted_out = false;
        self.cursor_visible = true;
        self.application_cursor_keys = false;
        self.bracketed_paste = false;
        self.generation += 1;
    }

    pub fn cursor(&self) -> Cursor {
        let cursor = self.screen.cursor;
        Cursor {
            row: cursor.row,
            col: cursor.col,
            visible: self.cursor_visible,
        }
    }

    /// How cursor keys are encoded now (the guest switches with `CSI ? 1 h/l`).
    pub fn key_mode(&self) -> KeyMode {
        if self.application_cursor_keys {
            KeyMode::ApplicationCursor
        } else {
            KeyMode::Normal
        }
    }

    /// The bytes for pasting `text`: bracketed when the guest's shell asked for that, so it
    /// does not run pasted lines on its own.
    pub fn paste(&self, text: &str) -> Vec<u8> {
        if !self.bracketed_paste {
            return paste_bytes(text);
        }
        // Without ESC the pasted text cannot end the bracket early.
        let cleaned: String = text.chars().filter(|&ch| ch != '\u{1b}').collect();
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend(paste_bytes(&cleaned));
        bytes.extend_from_slice(b"\x1b[201~");
        bytes
    }
}

fn clamp_size(cols: usize, rows: usize) -> (usize, usize) {
    (cols.clamp(2, MAX_COLS), rows.clamp(1, MAX_ROWS))
}

#[cfg(test)]
mod tests;
