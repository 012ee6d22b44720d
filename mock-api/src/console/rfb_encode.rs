//! What the RFB server writes: pixel formats (32 bits per pixel, true colour, any shifts and
//! byte order) and framebuffer updates made of Raw and CopyRect rectangles and the DesktopSize
//! and QEMU extended key event pseudo-rectangles.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash as _, Hasher as _};

use crate::console::framebuffer::{Framebuffer, Rect};

pub const RAW: i32 = 0;
pub const COPY_RECT: i32 = 1;
pub const DESKTOP_SIZE: i32 = -223;
pub const QEMU_EXTENDED_KEY_EVENT: i32 = -258;

/// The side of the square tiles an incremental update compares and sends.
pub const TILE: usize = 64;

/// A client's pixel format; the server offers 32 bpp, depth 24, little-endian, r16 g8 b0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PixelFormat {
    pub big_endian: bool,
    pub max: [u16; 3],
    pub shift: [u8; 3],
}

impl Default for PixelFormat {
    fn default() -> Self {
        Self {
            big_endian: false,
            max: [255; 3],
            shift: [16, 8, 0],
        }
    }
}

impl PixelFormat {
    /// Reads the 16 bytes of a PIXEL_FORMAT, refusing what is not 32-bit true colour.
    pub fn parse(bytes: &[u8; 16]) -> Result<Self, String> {
        let (bpp, depth, true_colour) = (bytes[0], bytes[1], bytes[3] != 0);
        if bpp != 32 || !true_colour {
            return Err(format!(
                "only 32 bits per pixel in true colour are served, not {bpp} bits{}",
                if true_colour {
                    ""
                } else {
                    " with a colour map"
                }
            ));
        }
        let max = [
            u16::from_be_bytes([bytes[4], bytes[5]]),
            u16::from_be_bytes([bytes[6], bytes[7]]),
            u16::from_be_bytes([bytes[8], bytes[9]]),
        ];
        let shift = [bytes[10], bytes[11], bytes[12]];
        let fits = max.iter().zip(shift).all(|(max, shift)| {
            u32::from(*max).checked_shl(u32::from(shift)).is_some() && shift < 32
        });
        if depth == 0 || depth > 32 || max.contains(&0) || !fits {
            return Err("a pixel format whose colours do not fit in 32 bits".into());
        }
        Ok(Self {
            big_endian: bytes[2] != 0,
            max,
            shift,
        })
    }

    /// The 16 bytes of this format.
    pub fn bytes(&self) -> [u8; 16] {
        let mut out = [0_u8; 16];
        out[0] = 32;
        out[1] = 24;
        out[2] = u8::from(self.big_endian);
        out[3] = 1;
        for (i, max) in self.max.iter().enumerate() {
            out[4 + 2 * i..6 + 2 * i].copy_from_slice(&max.to_be_bytes());
        }
        out[10..13].copy_from_slice(&self.shift);
        out
    }

    /// Writes one `0x00RRGGBB` pixel in this format.
    fn write(&self, rgb: u32, out: &mut Vec<u8>) {
        let mut value = 0_u32;
        for (i, component) in [(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff]
            .into_iter()
            .enumerate()
        {
            let scaled = component * u32::from(self.max[i]) / 255;
            value |= scaled.wrapping_shl(u32::from(self.shift[i]));
        }
        if self.big_endian {
            out.extend_from_slice(&value.to_be_bytes());
        } else {
            out.extend_from_slice(&value.to_le_bytes());
        }
    }
}

/// One rectangle of an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    Raw(Rect),
    /// The rectangle's pixels are those the client has at `from`.
    Copy {
        to: Rect,
        from: (usize, usize),
    },
}

/// Writes a FramebufferUpdate header for `count` rectangles.
pub fn update_header(count: usize, out: &mut Vec<u8>) {
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(&u16::try_from(count).unwrap_or(u16::MAX).to_be_bytes());
}

/// Writes a rectangle's header.
pub fn rect_header(rect: Rect, encoding: i32, out: &mut Vec<u8>) {
    for value in [rect.x, rect.y, rect.w, rect.h] {
        out.extend_from_slice(&u16::try_from(value).unwrap_or(u16::MAX).to_be_bytes());
    }
    out.extend_from_slice(&encoding.to_be_bytes());
}

/// An update with one pseudo-rectangle (`DESKTOP_SIZE` with the new size, or the ack of
/// `QEMU_EXTENDED_KEY_EVENT`).
pub fn pseudo_update(encoding: i32, width: usize, height: usize, out: &mut Vec<u8>) {
    update_header(1, out);
    let rect = Rect {
        x: 0,
        y: 0,
        w: width,
        h: height,
    };
    rect_header(rect, encoding, out);
}

/// Writes an update of these pieces of `screen`.
pub fn write_update(
    screen: &Framebuffer,
    pieces: &[Piece],
    format: &PixelFormat,
    out: &mut Vec<u8>,
) {
    update_header(pieces.len(), out);
    for piece in pieces {
        match *piece {
            Piece::Raw(rect) => {
                rect_header(rect, RAW, out);
                out.reserve(rect.w * rect.h * 4);
                for row in screen.rows(rect) {
                    for pixel in row {
                        format.write(*pixel, out);
                    }
                }
            }
            Piece::Copy { to, from } => {
                rect_header(to, COPY_RECT, out);
                for value in [from.0, from.1] {
                    out.extend_from_slice(&u16::try_from(value).unwrap_or(u16::MAX).to_be_bytes());
                }
            }
        }
    }
}

/// The tiles of `area` (clipped to the screen).
pub fn tiles(screen: &Framebuffer, area: Rect) -> Vec<Rect> {
    let right = (area.x + area.w).min(screen.width);
    let bottom = (area.y + area.h).min(screen.height);
    let mut tiles = Vec::new();
    let mut y = area.y;
    while y < bottom {
        let mut x = area.x;
        while x < right {
            tiles.push(Rect {
                x,
                y,
                w: TILE.min(right - x),
                h: TILE.min(bottom - y),
            });
            x += TILE;
        }
        y += TILE;
    }
    tiles
}

/// The pieces that bring a client showing `sent` to `screen` (same sizes) within `area`: the
/// tiles that changed, each copied from a tile of the same pixels that did not change when
/// `copy` is allowed (so no copy reads what another piece writes), else sent raw.
pub fn changes(sent: &Framebuffer, screen: &Framebuffer, area: Rect, copy: bool) -> Vec<Piece> {
    let all = tiles(screen, area);
    let (changed, unchanged): (Vec<Rect>, Vec<Rect>) = all
        .into_iter()
        .partition(|tile| !screen.same_in(sent, *tile));
    let hash = |tile: Rect| {
        let mut hasher = DefaultHasher::new();
        for row in screen.rows(tile) {
            row.hash(&mut hasher);
        }
        (tile.w, tile.h, hasher.finish())
    };
    let sources: HashMap<_, Rect> = if copy && !changed.is_empty() {
        unchanged.iter().map(|tile| (hash(*tile), *tile)).collect()
    } else {
        HashMap::new()
    };
    changed
        .into_iter()
        .map(
            |tile| match copy.then(|| sources.get(&hash(tile))).flatten() {
                Some(from) if screen.same_content(*from, tile) => Piece::Copy {
                    to: tile,
                    from: (from.x, from.y),
                },
                _ => Piece::Raw(tile),
            },
        )
        .collect()
}
