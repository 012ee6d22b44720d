//! An RFB 3.8 server (also 3.7 and 3.3), without I/O: bytes from the client go in, bytes for
//! it and the input events it sent come out. Security type None only; 32-bit true colour;
//! Raw, ZRLE, CopyRect, DesktopSize and QEMU's extended key events. Every size a client names
//! is bounded, and a message it may not send ends the session with an `RfbError`.

use crate::console::framebuffer::{Framebuffer, Rect};
use crate::console::pixel_format::PixelFormat;
use crate::console::rfb_encode as encode;
use crate::console::rfb_zrle::ZrleEncoder;

/// Most encodings a SetEncodings message may list.
pub const MAX_ENCODINGS: usize = 1024;
/// Longest clipboard text a client may send.
pub const MAX_CUT_TEXT: usize = 256 * 1024;

/// What a client sent that the guest sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Key {
        down: bool,
        keysym: u32,
        /// The XT scancode of QEMU's extended key event.
        scancode: Option<u32>,
    },
    Pointer {
        buttons: u8,
        x: u16,
        y: u16,
    },
}

/// Why a session ends.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RfbError {
    #[error("not an RFB protocol version: {0:?}")]
    Version(String),
    #[error("security type {0} is not offered (only None)")]
    Security(u8),
    #[error("{0}")]
    PixelFormat(String),
    #[error("{what} of {size} is more than the {limit} served")]
    TooLarge {
        what: &'static str,
        size: usize,
        limit: usize,
    },
    #[error("unknown client message type {0}")]
    UnknownMessage(u8),
    #[error("a QEMU extended key event before the server accepted them")]
    ExtendedKeyNotAccepted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Version,
    Security,
    ClientInit,
    Normal,
}

/// One client's session.
#[derive(Debug)]
pub struct RfbServer {
    phase: Phase,
    minor: u8,
    name: String,
    input: Vec<u8>,
    format: PixelFormat,
    copy_rect: bool,
    /// Whether pixels go as ZRLE: the client listed it before Raw.
    zrle: bool,
    /// The connection's one zlib stream, from the first time the client asked for ZRLE.
    zrle_encoder: Option<ZrleEncoder>,
    desktop_size: bool,
    extended_keys: bool,
    /// The size the client's framebuffer has.
    client_size: (usize, usize),
    /// What the client shows, once it has had a full update.
    sent: Option<Framebuffer>,
    /// A request not answered yet: the area and whether it is incremental.
    pending: Option<(Rect, bool)>,
}

impl RfbServer {
    /// A session for a desktop of that name; `greeting` is what the server says first.
    pub fn new(name: &str) -> (Self, Vec<u8>) {
        let server = Self {
            phase: Phase::Version,
            minor: 8,
            name: name.to_owned(),
            input: Vec::new(),
            format: PixelFormat::default(),
            copy_rect: false,
            zrle: false,
            zrle_encoder: None,
            desktop_size: false,
            extended_keys: false,
            client_size: (0, 0),
            sent: None,
            pending: None,
        };
        (server, b"RFB 003.008\n".to_vec())
    }

    /// Takes bytes from the client; writes the answers to `out` and what it did to `events`.
    pub fn receive(
        &mut self,
        bytes: &[u8],
        screen: &Framebuffer,
        out: &mut Vec<u8>,
        events: &mut Vec<Event>,
    ) -> Result<(), RfbError> {
        let mut input = std::mem::take(&mut self.input);
        input.extend_from_slice(bytes);
        let mut at = 0;
        let result = loop {
            match self.step(&input[at..], screen, out, events) {
                Ok(Some(used)) => at += used,
                Ok(None) => break Ok(()),
                Err(err) => break Err(err),
            }
        };
        input.drain(..at.min(input.len()));
        self.input = input;
        result
    }

    /// Handles the first whole message of `input`: how many bytes it took, `None` when it is
    /// not all there yet.
    fn step(
        &mut self,
        input: &[u8],
        screen: &Framebuffer,
        out: &mut Vec<u8>,
        events: &mut Vec<Event>,
    ) -> Result<Option<usize>, RfbError> {
        let Some(&kind) = input.first() else {
            return Ok(None);
        };
        match self.phase {
            Phase::Version => {
                let Some(version) = input.get(..12) else {
                    return Ok(None);
                };
                self.minor = parse_version(version)?;
                if self.minor == 3 {
                    out.extend_from_slice(&1_u32.to_be_bytes());
                    self.phase = Phase::ClientInit;
                } else {
                    out.extend_from_slice(&[1, 1]);
                    self.phase = Phase::Security;
                }
                Ok(Some(12))
            }
            Phase::Security if kind != 1 => {
                if self.minor >= 8 {
                    let reason = b"only security type None is offered";
                    out.extend_from_slice(&1_u32.to_be_bytes());
                    out.extend_from_slice(&(reason.len() as u32).to_be_bytes());
                    out.extend_from_slice(reason);
                }
                Err(RfbError::Security(kind))
            }
            Phase::Security => {
                if self.minor >= 8 {
                    out.extend_from_slice(&0_u32.to_be_bytes());
                }
                self.phase = Phase::ClientInit;
                Ok(Some(1))
            }
            Phase::ClientInit => {
                self.client_size = (screen.width, screen.height);
                for value in [screen.width, screen.height] {
                    out.extend_from_slice(&u16::try_from(value).unwrap_or(u16::MAX).to_be_bytes());
                }
                out.extend_from_slice(&self.format.bytes());
                out.extend_from_slice(&(self.name.len() as u32).to_be_bytes());
                out.extend_from_slice(self.name.as_bytes());
                self.phase = Phase::Normal;
                Ok(Some(1))
            }
            Phase::Normal => self.message(kind, input, out, events),
        }
    }

    /// Handles one client message after the handshake.
    fn message(
        &mut self,
        kind: u8,
        input: &[u8],
        out: &mut Vec<u8>,
        events: &mut Vec<Event>,
    ) -> Result<Option<usize>, RfbError> {
        let u16_at = |i: usize| u16::from_be_bytes([input[i], input[i + 1]]);
        let u32_at =
            |i: usize| u32::from_be_bytes([input[i], input[i + 1], input[i + 2], input[i + 3]]);
        let need = match kind {
            0 => 20,
            2 if input.len() < 4 => return Ok(None),
            6 if input.len() < 8 => return Ok(None),
            2 => {
                let count = usize::from(u16_at(2));
                if count > MAX_ENCODINGS {
                    return Err(RfbError::TooLarge {
                        what: "a list of encodings",
                        size: count,
                        limit: MAX_ENCODINGS,
                    });
                }
                4 + 4 * count
            }
            3 => 10,
            4 => 8,
            5 => 6,
            6 => {
                // The extended clipboard sends a negative length: its size is the magnitude.
                let size = (u32_at(4) as i32).unsigned_abs() as usize;
                if size > MAX_CUT_TEXT {
                    return Err(RfbError::TooLarge {
                        what: "clipboard text",
                        size,
                        limit: MAX_CUT_TEXT,
                    });
                }
                8 + size
            }
            255 if !self.extended_keys => return Err(RfbError::ExtendedKeyNotAccepted),
            255 if input.get(1).is_some_and(|subtype| *subtype != 0) => {
                return Err(RfbError::UnknownMessage(255))
            }
            255 => 12,
            other => return Err(RfbError::UnknownMessage(other)),
        };
        if input.len() < need {
            return Ok(None);
        }
        match kind {
            0 => {
                let mut bytes = [0_u8; 16];
                bytes.copy_from_slice(&input[4..20]);
                self.format = PixelFormat::parse(&bytes).map_err(RfbError::PixelFormat)?;
            }
            2 => {
                let encodings: Vec<i32> = (0..usize::from(u16_at(2)))
                    .map(|i| u32_at(4 + 4 * i) as i32)
                    .collect();
                self.copy_rect = encodings.contains(&encode::COPY_RECT);
                // The client lists encodings in the order it prefers them.
                self.zrle = encodings
                    .iter()
                    .find(|encoding| [encode::RAW, encode::ZRLE].contains(encoding))
                    == Some(&encode::ZRLE);
                if self.zrle && self.zrle_encoder.is_none() {
                    self.zrle_encoder = Some(ZrleEncoder::default());
                }
                self.desktop_size = encodings.contains(&encode::DESKTOP_SIZE);
                if encodings.contains(&encode::QEMU_EXTENDED_KEY_EVENT) && !self.extended_keys {
                    self.extended_keys = true;
                    encode::pseudo_update(encode::QEMU_EXTENDED_KEY_EVENT, 0, 0, out);
                }
            }
            3 => {
                let area = Rect {
                    x: usize::from(u16_at(2)),
                    y: usize::from(u16_at(4)),
                    w: usize::from(u16_at(6)),
                    h: usize::from(u16_at(8)),
                };
                self.pending = Some((area, input[1] != 0));
            }
            4 => events.push(Event::Key {
                down: input[1] != 0,
                keysym: u32_at(4),
                scancode: None,
            }),
            5 => events.push(Event::Pointer {
                buttons: input[1],
                x: u16_at(2),
                y: u16_at(4),
            }),
            255 => events.push(Event::Key {
                down: u16_at(2) != 0,
                keysym: u32_at(4),
                scancode: Some(u32_at(8)),
            }),
            // Clipboard text: the simulated guest has no clipboard.
            _ => {}
        }
        Ok(Some(need))
    }

    /// Whether an update request waits for an answer.
    pub fn waiting(&self) -> bool {
        self.pending.is_some()
    }

    /// Answers a waiting update request from the guest's `screen`, if anything is to be sent:
    /// a new size first (when the client takes DesktopSize), then the whole screen, then only
    /// the tiles that changed.
    pub fn update(&mut self, screen: &Framebuffer, out: &mut Vec<u8>) {
        let Some((area, incremental)) = self.pending else {
            return;
        };
        let size = (screen.width, screen.height);
        if size != self.client_size && self.desktop_size {
            encode::pseudo_update(encode::DESKTOP_SIZE, size.0, size.1, out);
            self.client_size = size;
            self.sent = None;
            self.pending = None;
            return;
        }
        let fitted;
        let screen = if size == self.client_size {
            screen
        } else {
            fitted = fit(screen, self.client_size);
            &fitted
        };
        let pieces = match &self.sent {
            Some(sent) if incremental => encode::changes(sent, screen, area, self.copy_rect),
            Some(_) => encode::tiles(screen, area)
                .into_iter()
                .map(encode::Piece::Pixels)
                .collect(),
            None => vec![encode::Piece::Pixels(Rect {
                x: 0,
                y: 0,
                w: screen.width,
                h: screen.height,
            })],
        };
        if pieces.is_empty() {
            return;
        }
        let zrle = self.zrle_encoder.as_mut().filter(|_| self.zrle);
        encode::write_update(screen, &pieces, &self.format, zrle, out);
        self.sent = Some(screen.clone());
        self.pending = None;
    }
}

/// Reads the client's ProtocolVersion: its minor version (3.3, 3.7, or 3.8 for anything newer).
fn parse_version(bytes: &[u8]) -> Result<u8, RfbError> {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let minor = text
        .strip_prefix("RFB 003.")
        .and_then(|rest| rest.strip_suffix('\n'))
        .filter(|digits| digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|digits| digits.parse::<u16>().ok());
    match minor {
        Some(minor @ (3 | 7)) => Ok(minor as u8),
        Some(minor) if minor >= 8 => Ok(8),
        _ => Err(RfbError::Version(text)),
    }
}

/// The screen cut or padded (black) to a size the client cannot change from.
fn fit(screen: &Framebuffer, (width, height): (usize, usize)) -> Framebuffer {
    let mut fitted = Framebuffer::new(width, height, 0);
    for y in 0..height.min(screen.height) {
        let w = width.min(screen.width);
        fitted.pixels[y * width..y * width + w]
            .copy_from_slice(&screen.pixels[y * screen.width..y * screen.width + w]);
    }
    fitted
}

#[cfg(test)]
mod tests;
