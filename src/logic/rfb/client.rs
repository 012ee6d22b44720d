//! The client side of one RFB connection: the handshake (ProtocolVersion, security None,
//! SecurityResult, ClientInit, ServerInit) as a state machine over bytes arriving in any chunks,
//! then the server messages, plus the input messages the console sends.

use super::buffer::{text, Buffer, Cursor};
use super::error::RfbError;
use super::framebuffer::Draw;
use super::keys::Key;
use super::messages;
use super::server::{Event, ServerInfo, ServerParser};

/// What one call to [`RfbClient::receive`] produced.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Step {
    /// Bytes to send to the server (empty: nothing to send).
    pub reply: Vec<u8>,
    pub events: Vec<Event>,
}

/// The protocol version both sides speak; 3.3 and 3.7 differ from 3.8 only in the handshake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    V3_3,
    V3_7,
    V3_8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    ProtocolVersion,
    Security(Version),
    SecurityResult,
    ServerInit,
    Running,
    Failed(RfbError),
}

/// One connection's protocol state. Feed it every byte the server sends, in order.
#[derive(Debug)]
pub struct RfbClient {
    state: State,
    buf: Buffer,
    server: ServerParser,
    extended_keys: bool,
}

impl Default for RfbClient {
    fn default() -> Self {
        Self::new()
    }
}

impl RfbClient {
    pub fn new() -> Self {
        RfbClient {
            state: State::ProtocolVersion,
            buf: Buffer::default(),
            server: ServerParser::default(),
            extended_keys: false,
        }
    }

    /// True once ServerInit arrived.
    pub fn connected(&self) -> bool {
        self.state == State::Running
    }

    /// The screen size (0x0 before ServerInit).
    pub fn size(&self) -> (u16, u16) {
        (self.server.width, self.server.height)
    }

    /// True when keys go out as QEMU extended key events (scancodes).
    pub fn extended_keys(&self) -> bool {
        self.extended_keys
    }

    /// Takes the next bytes from the server. After an error the connection is unusable and
    /// every later call returns the same error.
    pub fn receive(&mut self, bytes: &[u8]) -> Result<Step, RfbError> {
        if let State::Failed(e) = &self.state {
            return Err(e.clone());
        }
        self.buf.push(bytes);
        let mut step = Step::default();
        match self.advance(&mut step) {
            Ok(()) => Ok(step),
            Err(e) => {
                self.state = State::Failed(e.clone());
                Err(e)
            }
        }
    }

    fn advance(&mut self, step: &mut Step) -> Result<(), RfbError> {
        loop {
            if self.state == State::Running {
                return self.run(step);
            }
            // The buffer is taken out while a handshake step reads it and updates the rest.
            let buf = std::mem::take(&mut self.buf);
            let mut c = Cursor::new(buf.pending());
            let result = self.handshake(&mut c, step);
            let used = c.position();
            self.buf = buf;
            let Some(next) = result? else {
                return Ok(());
            };
            self.buf.consume(used);
            self.state = next;
        }
    }

    /// One handshake step: the next state once its bytes are complete, None while waiting.
    fn handshake(&mut self, c: &mut Cursor, step: &mut Step) -> Result<Option<State>, RfbError> {
        let next = match self.state {
            State::ProtocolVersion => {
                let Some(line) = c.bytes(12) else {
                    return Ok(None);
                };
                let version = parse_version(line)?;
                let ours: &[u8] = match version {
                    Version::V3_3 => b"RFB 003.003\n",
                    Version::V3_7 => b"RFB 003.007\n",
                    Version::V3_8 => b"RFB 003.008\n",
                };
                step.reply.extend_from_slice(ours);
                State::Security(version)
            }
            State::Security(Version::V3_3) => {
                // 3.3: the server decides the one security type, as a u32.
                let Some(kind) = c.u32() else { return Ok(None) };
                match kind {
                    0 => return reason(c).map_or(Ok(None), |r| Err(RfbError::Refused(r))),
                    1 => self.client_init(step),
                    other => {
                        let kind = u8::try_from(other).unwrap_or(u8::MAX);
                        return Err(RfbError::NoSupportedSecurity(vec![kind]));
                    }
                }
            }
            State::Security(version) => {
                let Some(count) = c.u8() else { return Ok(None) };
                if count == 0 {
                    return reason(c).map_or(Ok(None), |r| Err(RfbError::Refused(r)));
                }
                let Some(types) = c.bytes(usize::from(count)) else {
                    return Ok(None);
                };
                if !types.contains(&1) {
                    return Err(RfbError::NoSupportedSecurity(types.to_vec()));
                }
                step.reply.push(1);
                // 3.7 sends no SecurityResult for None.
                if version == Version::V3_8 {
                    State::SecurityResult
                } else {
                    self.client_init(step)
                }
            }
            State::SecurityResult => {
                let Some(result) = c.u32() else {
                    return Ok(None);
                };
                if result == 0 {
                    self.client_init(step)
                } else {
                    return reason(c).map_or(Ok(None), |r| Err(RfbError::SecurityFailed(r)));
                }
            }
            State::ServerInit => {
                let Some((width, height)) = (|| Some((c.u16()?, c.u16()?)))() else {
                    return Ok(None);
                };
                let Some(name_len) = c.skip(16).and_then(|_| c.u32()) else {
                    return Ok(None);
                };
                let Some(name) = c.bytes(name_len as usize) else {
                    return Ok(None);
                };
                let info = ServerInfo {
                    width,
                    height,
                    name: text(name),
                };
                self.server.width = width;
                self.server.height = height;
                step.events.push(Event::Connected(info));
                step.reply.extend(messages::set_pixel_format());
                step.reply
                    .extend(messages::set_encodings(&messages::ENCODINGS));
                step.reply.extend(self.request_update(false));
                State::Running
            }
            State::Running | State::Failed(_) => return Ok(None),
        };
        Ok(Some(next))
    }

    fn client_init(&self, step: &mut Step) -> State {
        // Shared: other viewers (another browser tab, an admin) stay connected.
        step.reply.push(1);
        State::ServerInit
    }

    fn run(&mut self, step: &mut Step) -> Result<(), RfbError> {
        let first = step.events.len();
        self.server.parse(&mut self.buf, &mut step.events)?;
        let mut resized = false;
        for event in &step.events[first..] {
            match event {
                Event::ExtendedKeys => self.extended_keys = true,
                Event::Draw(Draw::Resize { .. }) => resized = true,
                Event::UpdateDone => {
                    // After a resize the old contents mean nothing: ask for all of the new screen.
                    step.reply.extend(self.request_update(!resized));
                    resized = false;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// A FramebufferUpdateRequest for the whole screen.
    pub fn request_update(&self, incremental: bool) -> Vec<u8> {
        let (w, h) = self.size();
        messages::framebuffer_update_request(incremental, 0, 0, w, h)
    }

    /// A key press or release: the scancode when the server accepted extended key events and
    /// the key has one, else the keysym alone. Empty when the key has neither.
    pub fn key(&self, key: Key, down: bool) -> Vec<u8> {
        if self.extended_keys && key.scancode != 0 {
            messages::qemu_key_event(down, key.keysym, key.scancode)
        } else if key.keysym != 0 {
            messages::key_event(down, key.keysym)
        } else {
            Vec::new()
        }
    }

    /// Pointer position (clamped to the screen) with the [`super::buttons`] held.
    pub fn pointer(&self, x: u16, y: u16, buttons: u8) -> Vec<u8> {
        let (w, h) = self.size();
        let x = x.min(w.saturating_sub(1));
        let y = y.min(h.saturating_sub(1));
        messages::pointer_event(buttons, x, y)
    }

    /// Sets the server's clipboard.
    pub fn cut_text(&self, text: &str) -> Vec<u8> {
        messages::client_cut_text(text)
    }
}

/// Reads "RFB xxx.yyy\n" and picks the version to speak.
fn parse_version(line: &[u8]) -> Result<Version, RfbError> {
    let not_rfb = || RfbError::NotRfb(String::from_utf8_lossy(line).into_owned());
    let rest = line.strip_prefix(b"RFB ").ok_or_else(not_rfb)?;
    let number = |digits: &[u8]| -> Option<u32> { std::str::from_utf8(digits).ok()?.parse().ok() };
    let (major, minor) = match (rest.get(..3), rest.get(3), rest.get(4..7), rest.get(7)) {
        (Some(a), Some(b'.'), Some(b), Some(b'\n')) => (number(a), number(b)),
        _ => return Err(not_rfb()),
    };
    let (Some(major), Some(minor)) = (major, minor) else {
        return Err(not_rfb());
    };
    // Later versions (4.x, 5.x) accept 3.8; 3.4 to 3.6 are to be treated as 3.3 (rfbproto).
    match (major, minor) {
        (3, 8..) | (4.., _) => Ok(Version::V3_8),
        (3, 7) => Ok(Version::V3_7),
        (3, 3..=6) => Ok(Version::V3_3),
        _ => Err(RfbError::UnsupportedVersion { major, minor }),
    }
}

/// A u32-length-prefixed reason string, or None while incomplete.
fn reason(c: &mut Cursor) -> Option<String> {
    let len = c.u32()?;
    c.bytes(len as usize).map(text)
}

#[cfg(test)]
mod tests;
