//! What the RFB server writes: framebuffer updates made of Raw, ZRLE (`rfb_zrle`) and CopyRect
//! rectangles, in the client's pixel format (`pixel_format`), and the DesktopSize and QEMU
//! extended key event pseudo-rectangles.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash as _, Hasher as _};

use crate::console::framebuffer::{Framebuffer, Rect};
use crate::console::pixel_format::PixelFormat;
use crate::console::rfb_zrle::ZrleEncoder;

pub const RAW: i32 = 0;
pub const COPY_RECT: i32 = 1;
pub const ZRLE: i32 = 16;
pub const DESKTOP_SIZE: i32 = -223;
pub const QEMU_EXTENDED_KEY_EVENT: i32 = -258;

/// The side of the square tiles an incremental update compares and sends.
pub const TILE: usize = 64;

/// One rectangle of an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// The rectangle's pixels, Raw or ZRLE as the client asked.
    Pixels(Rect),
    /// The rectangle's pixels are those the client has at `from`.
    Copy { to: Rect, from: (usize, usize) },
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

/// Writes an update of these pieces of `screen`; pixels go as ZRLE when given its encoder
/// (Raw if it fails, as a server may always send Raw).
pub fn write_update(
    screen: &Framebuffer,
    pieces: &[Piece],
    format: &PixelFormat,
    mut zrle: Option<&mut ZrleEncoder>,
    out: &mut Vec<u8>,
) {
    update_header(pieces.len(), out);
    for piece in pieces {
        match *piece {
            Piece::Pixels(rect) => {
                let compressed = zrle
                    .as_deref_mut()
                    .map(|encoder| encoder.encode(screen, rect, format));
                if let Some(Ok(data)) = compressed {
                    rect_header(rect, ZRLE, out);
                    out.extend_from_slice(data);
                    continue;
                }
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
/// `copy` is allowed (so no copy reads what another piece writes), else sent as pixels.
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
                _ => Piece::Pixels(tile),
            },
        )
        .collect()
}
