//! Server-to-client messages after the handshake, parsed as bytes arrive: FramebufferUpdate
//! rectangles (Raw, CopyRect, ZRLE and the pseudo-encodings) become drawing ops, one rectangle
//! at a time, so a large update is drawn progressively and a rectangle split across WebSocket
//! frames waits for the rest of its bytes.

use super::buffer::{latin1, Buffer, Cursor};
use super::error::RfbError;
use super::framebuffer::Draw;
use super::messages::{
    COPY_RECT, DESKTOP_SIZE, EXTENDED_DESKTOP_SIZE, LAST_RECT, QEMU_EXTENDED_KEY_EVENT, RAW, ZRLE,
};
use super::zrle::ZrleDecoder;

/// What the server told the client at the end of the handshake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerInfo {
    pub width: u16,
    pub height: u16,
    pub name: String,
}

/// Something for the console to act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The handshake is done; the screen has this size and the server this name.
    Connected(ServerInfo),
    /// A change to draw.
    Draw(Draw),
    /// A FramebufferUpdate is complete (a good moment to present the frame).
    UpdateDone,
    Bell,
    /// The guest's clipboard changed.
    CutText(String),
    /// The server accepts QEMU extended key events: keys now go out as scancodes.
    ExtendedKeys,
}

/// Parses server messages; knows the screen size to reject rectangles outside it.
#[derive(Debug, Default)]
pub(crate) struct ServerParser {
    pub width: u16,
    pub height: u16,
    /// Rectangles still expected in the current FramebufferUpdate.
    rects_left: Option<u16>,
    /// The rectangle just parsed was LastRect: the update ends before its announced count.
    last_rect: bool,
    zrle: ZrleDecoder,
}

/// A parsed piece: how many bytes it used and what it means.
type Parsed = Option<(usize, Option<Event>)>;

impl ServerParser {
    /// Parses every complete message or rectangle in `buf`, leaving a partial one for later.
    pub fn parse(&mut self, buf: &mut Buffer, events: &mut Vec<Event>) -> Result<(), RfbError> {
        loop {
            let parsed = match self.rects_left {
                Some(0) => {
                    self.rects_left = None;
                    events.push(Event::UpdateDone);
                    continue;
                }
                Some(n) => {
                    let Some((used, drawn)) = self.rectangle(buf.pending())? else {
                        return Ok(());
                    };
                    let left = if self.last_rect { 0 } else { n - 1 };
                    self.rects_left = Some(left);
                    self.last_rect = false;
                    buf.consume(used);
                    events.extend(drawn);
                    continue;
                }
                None => self.message(buf.pending())?,
            };
            let Some((used, event)) = parsed else {
                return Ok(());
            };
            buf.consume(used);
            events.extend(event);
        }
    }

    fn message(&mut self, data: &[u8]) -> Result<Parsed, RfbError> {
        let mut c = Cursor::new(data);
        let Some(kind) = c.u8() else { return Ok(None) };
        let event = match kind {
            0 => {
                let Some(count) = c.skip(1).and_then(|_| c.u16()) else {
                    return Ok(None);
                };
                self.rects_left = Some(count);
                None
            }
            1 => {
                // A colour map only matters for palette formats; the client asked for true colour.
                let Some(n) = c.skip(3).and_then(|_| c.u16()) else {
                    return Ok(None);
                };
                if c.skip(usize::from(n) * 6).is_none() {
                    return Ok(None);
                }
                None
            }
            2 => Some(Event::Bell),
            3 => {
                let Some(len) = c.skip(3).and_then(|_| c.u32()) else {
                    return Ok(None);
                };
                let Some(text) = c.bytes(len as usize) else {
                    return Ok(None);
                };
                Some(Event::CutText(latin1(text)))
            }
            other => return Err(RfbError::UnknownMessage(other)),
        };
        Ok(Some((c.position(), event)))
    }

    /// One rectangle, once all its bytes are there: what it draws (a ZRLE rectangle draws
    /// tile by tile).
    fn rectangle(&mut self, data: &[u8]) -> Result<Option<(usize, Vec<Event>)>, RfbError> {
        let mut c = Cursor::new(data);
        let header = (|| Some((c.u16()?, c.u16()?, c.u16()?, c.u16()?, c.i32()?)))();
        let Some((x, y, w, h, encoding)) = header else {
            return Ok(None);
        };
        let event = match encoding {
            RAW => {
                self.check(x, y, w, h)?;
                let Some(bytes) = c.bytes(usize::from(w) * usize::from(h) * 4) else {
                    return Ok(None);
                };
                let mut rgba = bytes.to_vec();
                // The X byte of R, G, B, X pixels becomes opaque alpha.
                for px in rgba.chunks_exact_mut(4) {
                    px[3] = 255;
                }
                pixels(x, y, w, h, rgba)
            }
            COPY_RECT => {
                let Some((src_x, src_y)) = (|| Some((c.u16()?, c.u16()?)))() else {
                    return Ok(None);
                };
                self.check(x, y, w, h)?;
                self.check(src_x, src_y, w, h)?;
                Some(Event::Draw(Draw::Copy {
                    src_x,
                    src_y,
                    x,
                    y,
                    w,
                    h,
                }))
            }
            ZRLE => {
                self.check(x, y, w, h)?;
                let Some(len) = c.u32() else { return Ok(None) };
                let Some(zlib) = c.bytes(len as usize) else {
                    return Ok(None);
                };
                // Inflate even an empty rectangle's data: it is part of the connection's stream.
                let draws = self.zrle.decode(zlib, x, y, w, h)?;
                let used = c.position();
                return Ok(Some((used, draws.into_iter().map(Event::Draw).collect())));
            }
            DESKTOP_SIZE => self.resize(w, h),
            EXTENDED_DESKTOP_SIZE => {
                let Some(screens) = c.u8() else {
                    return Ok(None);
                };
                if c.skip(3 + usize::from(screens) * 16).is_none() {
                    return Ok(None);
                }
                // y is the status; non-zero answers a resize request, which this client never makes.
                if y == 0 {
                    self.resize(w, h)
                } else {
                    None
                }
            }
            LAST_RECT => {
                self.last_rect = true;
                None
            }
            QEMU_EXTENDED_KEY_EVENT => Some(Event::ExtendedKeys),
            other => return Err(RfbError::UnknownEncoding(other)),
        };
        Ok(Some((c.position(), event.into_iter().collect())))
    }

    /// A Resize op when the size changes. QEMU repeats ExtendedDesktopSize with the current
    /// size in answer to every full update request; passing that on would clear the canvas
    /// and, answered with another full request, loop.
    fn resize(&mut self, w: u16, h: u16) -> Option<Event> {
        if (w, h) == (self.width, self.height) {
            return None;
        }
        self.width = w;
        self.height = h;
        Some(Event::Draw(Draw::Resize { w, h }))
    }

    fn check(&self, x: u16, y: u16, w: u16, h: u16) -> Result<(), RfbError> {
        let inside = u32::from(x) + u32::from(w) <= u32::from(self.width)
            && u32::from(y) + u32::from(h) <= u32::from(self.height);
        if inside {
            Ok(())
        } else {
            let (fb_w, fb_h) = (self.width, self.height);
            Err(RfbError::OutOfBounds {
                x,
                y,
                w,
                h,
                fb_w,
                fb_h,
            })
        }
    }
}

/// A Pixels op, or nothing for an empty rectangle.
fn pixels(x: u16, y: u16, w: u16, h: u16, rgba: Vec<u8>) -> Option<Event> {
    (w > 0 && h > 0).then_some(Event::Draw(Draw::Pixels { x, y, w, h, rgba }))
}
