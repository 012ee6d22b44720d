//! ZRLE rectangles (RFC 6143 §7.7.6) as the RFB server writes them: 64x64 tiles, each in the
//! smallest of solid, packed palette, plain RLE, palette RLE and raw, all through one zlib
//! stream that lasts as long as the connection (each rectangle ends with a sync flush).

use miniz_oxide::deflate::core::CompressorOxide;
use miniz_oxide::deflate::stream::deflate;
use miniz_oxide::{DataFormat, MZError, MZFlush};

use crate::console::framebuffer::{Framebuffer, Rect};
use crate::console::pixel_format::{Compact, PixelFormat};

/// The side of ZRLE's square tiles.
pub const TILE: usize = 64;
/// Most colours a palette holds (palette RLE's limit; packed palettes stop at 16).
const MAX_PALETTE: usize = 127;
/// zlib's level: as good as its default, cheap enough for the mock's screens.
const LEVEL: u8 = 6;

/// Tile subencodings.
const RAW: u8 = 0;
const SOLID: u8 = 1;
const PLAIN_RLE: u8 = 128;

/// Why a rectangle could not be compressed; the stream is unusable from then on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ZrleError {
    #[error("the zlib stream failed: {0:?}")]
    Deflate(MZError),
    #[error("a rectangle's zlib data of {0} bytes does not fit its u32 length")]
    TooLong(usize),
}

/// Compresses a session's rectangles; one per connection, since each rectangle's zlib data
/// continues the stream of those before it.
pub struct ZrleEncoder {
    compressor: Box<CompressorOxide>,
    /// The tiles of the rectangle being written, before compression.
    tiles: Vec<u8>,
    /// The rectangle's data as sent: a u32 length, then the zlib bytes.
    data: Vec<u8>,
    /// Set once compression failed: the client's inflater would lose its place.
    failed: Option<ZrleError>,
}

impl std::fmt::Debug for ZrleEncoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ZrleEncoder")
            .field("failed", &self.failed)
            .finish_non_exhaustive()
    }
}

impl Default for ZrleEncoder {
    fn default() -> Self {
        let mut compressor = Box::<CompressorOxide>::default();
        compressor.set_format_and_level(DataFormat::Zlib, LEVEL);
        Self {
            compressor,
            tiles: Vec::new(),
            data: Vec::new(),
            failed: None,
        }
    }
}

impl ZrleEncoder {
    /// A ZRLE rectangle's data (after its header) for `rect` of `screen` (clipped to it) in the
    /// client's `format`.
    pub fn encode(
        &mut self,
        screen: &Framebuffer,
        rect: Rect,
        format: &PixelFormat,
    ) -> Result<&[u8], ZrleError> {
        if let Some(failed) = self.failed {
            return Err(failed);
        }
        self.tiles.clear();
        let compact = format.compact();
        let mut tile = Tile::default();
        let right = (rect.x + rect.w).min(screen.width);
        let bottom = (rect.y + rect.h).min(screen.height);
        for y in (rect.y..bottom).step_by(TILE) {
            for x in (rect.x..right).step_by(TILE) {
                let area = Rect {
                    x,
                    y,
                    w: TILE.min(right - x),
                    h: TILE.min(bottom - y),
                };
                tile.read(screen, area, format);
                tile.write(format, compact, &mut self.tiles);
            }
        }
        match self.compress() {
            Ok(()) => Ok(&self.data),
            Err(err) => {
                self.failed = Some(err);
                Err(err)
            }
        }
    }

    /// Compresses `tiles` into `data` behind its length, ending with a sync flush so the client
    /// can inflate all of it now.
    fn compress(&mut self) -> Result<(), ZrleError> {
        self.data.clear();
        self.data.extend_from_slice(&[0; 4]);
        let mut input = &self.tiles[..];
        let mut written = self.data.len();
        loop {
            // Room for all the input again, and some for a flush.
            let room = input.len() + 1024;
            self.data.resize(written + room, 0);
            let result = deflate(
                &mut self.compressor,
                input,
                &mut self.data[written..],
                MZFlush::Sync,
            );
            result.status.map_err(ZrleError::Deflate)?;
            written += result.bytes_written;
            input = &input[result.bytes_consumed..];
            if input.is_empty() && result.bytes_written < room {
                break;
            }
            if result.bytes_consumed == 0 && result.bytes_written == 0 {
                return Err(ZrleError::Deflate(MZError::Buf));
            }
        }
        self.data.truncate(written);
        let length = written - 4;
        let length = u32::try_from(length).map_err(|_| ZrleError::TooLong(length))?;
        self.data[..4].copy_from_slice(&length.to_be_bytes());
        Ok(())
    }
}

/// One tile's pixel values, with what prices its subencodings.
#[derive(Debug, Default)]
struct Tile {
    width: usize,
    pixels: Vec<u32>,
    /// Runs of one value in raster order (runs go on from one row to the next).
    runs: Vec<(u32, usize)>,
    /// Its colours, in order of appearance; empty when there are more than `MAX_PALETTE`.
    palette: Vec<u32>,
}

/// A tile's subencoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subencoding {
    Raw,
    Solid,
    /// Palette indices of 1, 2 or 4 bits, each row starting a byte.
    Packed,
    PlainRle,
    PaletteRle,
}

impl Tile {
    /// Reads `area` of the screen as the client's pixel values.
    fn read(&mut self, screen: &Framebuffer, area: Rect, format: &PixelFormat) {
        self.width = area.w;
        self.pixels.clear();
        self.runs.clear();
        self.palette.clear();
        let mut many_colours = false;
        for row in screen.rows(area) {
            for rgb in row {
                let value = format.value(*rgb);
                self.pixels.push(value);
                match self.runs.last_mut() {
                    Some((last, length)) if *last == value => *length += 1,
                    _ => {
                        self.runs.push((value, 1));
                        if !many_colours && !self.palette.contains(&value) {
                            self.palette.push(value);
                            many_colours = self.palette.len() > MAX_PALETTE;
                        }
                    }
                }
            }
        }
        if many_colours {
            self.palette.clear();
        }
    }

    /// The subencoding that takes the fewest bytes (before zlib), and that size.
    fn cheapest(&self, cpixel: usize) -> (Subencoding, usize) {
        let colours = self.palette.len();
        if colours == 1 {
            return (Subencoding::Solid, cpixel);
        }
        let mut options = vec![
            (Subencoding::Raw, self.pixels.len() * cpixel),
            (
                Subencoding::PlainRle,
                self.runs
                    .iter()
                    .map(|(_, length)| cpixel + run_bytes(*length))
                    .sum(),
            ),
        ];
        if colours >= 2 {
            let indices: usize = self
                .runs
                .iter()
                .map(|(_, length)| match length {
                    1 => 1,
                    _ => 1 + run_bytes(*length),
                })
                .sum();
            options.push((Subencoding::PaletteRle, colours * cpixel + indices));
        }
        if (2..=16).contains(&colours) {
            let row_bytes = (self.width * index_bits(colours)).div_ceil(8);
            let rows = self.pixels.len() / self.width.max(1);
            options.push((Subencoding::Packed, colours * cpixel + rows * row_bytes));
        }
        // The first of equal sizes wins, so the order above decides ties.
        options
            .into_iter()
            .min_by_key(|(_, size)| *size)
            .unwrap_or((Subencoding::Raw, 0))
    }

    /// Writes the tile in its cheapest subencoding.
    fn write(&self, format: &PixelFormat, compact: Compact, out: &mut Vec<u8>) {
        let cpixel = |value: u32, out: &mut Vec<u8>| format.write_compact(compact, value, out);
        let index = |value: u32| {
            // Every value of a tile with a palette is in it.
            self.palette
                .iter()
                .position(|colour| *colour == value)
                .unwrap_or(0) as u8
        };
        let (subencoding, _) = self.cheapest(compact.size());
        let colours = self.palette.len() as u8;
        match subencoding {
            Subencoding::Raw => {
                out.push(RAW);
                for value in &self.pixels {
                    cpixel(*value, out);
                }
            }
            Subencoding::Solid => {
                out.push(SOLID);
                cpixel(self.pixels[0], out);
            }
            Subencoding::Packed => {
                out.push(colours);
                for value in &self.palette {
                    cpixel(*value, out);
                }
                let bits = index_bits(self.palette.len());
                for row in self.pixels.chunks(self.width.max(1)) {
                    let mut byte = 0_u8;
                    let mut used = 0;
                    for value in row {
                        byte |= index(*value) << (8 - bits - used);
                        used += bits;
                        if used == 8 {
                            out.push(byte);
                            (byte, used) = (0, 0);
                        }
                    }
                    if used > 0 {
                        out.push(byte);
                    }
                }
            }
            Subencoding::PlainRle => {
                out.push(PLAIN_RLE);
                for (value, length) in &self.runs {
                    cpixel(*value, out);
                    write_run(*length, out);
                }
            }
            Subencoding::PaletteRle => {
                out.push(PLAIN_RLE + colours);
                for value in &self.palette {
                    cpixel(*value, out);
                }
                for (value, length) in &self.runs {
                    if *length == 1 {
                        out.push(index(*value));
                    } else {
                        out.push(index(*value) | 0x80);
                        write_run(*length, out);
                    }
                }
            }
        }
    }
}

/// Bits per index in a packed palette of that many colours.
fn index_bits(colours: usize) -> usize {
    match colours {
        ..=2 => 1,
        3..=4 => 2,
        _ => 4,
    }
}

/// Bytes a run length takes: its length less one as a sum of bytes, 255 meaning more follow.
fn run_bytes(length: usize) -> usize {
    (length - 1) / 255 + 1
}

fn write_run(length: usize, out: &mut Vec<u8>) {
    let mut left = length - 1;
    while left >= 255 {
        out.push(255);
        left -= 255;
    }
    out.push(left as u8);
}

#[cfg(test)]
mod tests;
