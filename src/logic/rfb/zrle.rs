//! ZRLE rectangles: one zlib stream for the whole connection (inflated incrementally, rectangle
//! by rectangle), 64x64 tiles, 3-byte CPIXELs (R, G, B in the client's pixel format), and the
//! tile subencodings raw, solid, packed palette, plain RLE and palette RLE.

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush};

use super::error::RfbError;
use super::framebuffer::Draw;

const TILE: u16 = 64;

/// Inflates ZRLE data; must live as long as the connection, since each rectangle's zlib data
/// continues the stream of the previous ones.
pub(crate) struct ZrleDecoder {
    inflate: Box<InflateState>,
    inflated: Vec<u8>,
    tile: Vec<[u8; 4]>,
}

impl std::fmt::Debug for ZrleDecoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ZrleDecoder").finish_non_exhaustive()
    }
}

impl Default for ZrleDecoder {
    fn default() -> Self {
        ZrleDecoder {
            inflate: InflateState::new_boxed(DataFormat::Zlib),
            inflated: Vec::new(),
            tile: vec![[0, 0, 0, 255]; usize::from(TILE) * usize::from(TILE)],
        }
    }
}

impl ZrleDecoder {
    /// Decodes one rectangle's zlib bytes into `w * h` RGBA pixels.
    /// Decodes one rectangle at (`x`, `y`) into drawing ops, tile by tile: a one-colour tile
    /// becomes a Fill (a canvas fills it far faster than it copies pixels), any other its
    /// pixels.
    pub fn decode(
        &mut self,
        zlib: &[u8],
        x: u16,
        y: u16,
        w: u16,
        h: u16,
    ) -> Result<Vec<Draw>, RfbError> {
        let len = self.inflate_all(zlib)?;
        let mut input = Input {
            data: &self.inflated[..len],
            pos: 0,
        };
        let mut draws = Vec::new();
        for ty in (0..h).step_by(usize::from(TILE)) {
            for tx in (0..w).step_by(usize::from(TILE)) {
                let (tw, th) = ((w - tx).min(TILE), (h - ty).min(TILE));
                let (at_x, at_y) = (x + tx, y + ty);
                let tile = &mut self.tile[..usize::from(tw) * usize::from(th)];
                let solid = decode_tile(&mut input, tile, usize::from(tw))
                    .map_err(|Corrupt(why)| RfbError::Zrle(why))?;
                draws.push(match solid {
                    Some(rgba) => Draw::Fill {
                        x: at_x,
                        y: at_y,
                        w: tw,
                        h: th,
                        rgba,
                    },
                    None => Draw::Pixels {
                        x: at_x,
                        y: at_y,
                        w: tw,
                        h: th,
                        rgba: tile.as_flattened().to_vec(),
                    },
                });
            }
        }
        Ok(draws)
    }

    fn inflate_all(&mut self, mut zlib: &[u8]) -> Result<usize, RfbError> {
        let mut written = 0;
        loop {
            if self.inflated.len() - written < 16 * 1024 {
                let grown = self.inflated.len() * 2 + 64 * 1024;
                self.inflated.resize(grown, 0);
            }
            let space = self.inflated.len() - written;
            let result = inflate(
                &mut self.inflate,
                zlib,
                &mut self.inflated[written..],
                MZFlush::None,
            );
            written += result.bytes_written;
            zlib = &zlib[result.bytes_consumed..];
            match result.status {
                Ok(_) | Err(MZError::Buf) => {}
                Err(_) => return Err(RfbError::Zrle("the zlib stream is corrupt")),
            }
            let stuck = result.bytes_consumed == 0 && result.bytes_written == 0;
            // Done when the input is used up and the output had room to spare (nothing held back).
            if (zlib.is_empty() && result.bytes_written < space) || stuck {
                return Ok(written);
            }
        }
    }
}

/// Why a tile is corrupt; a small error keeps the per-pixel paths cheap.
struct Corrupt(&'static str);

const ENDS_EARLY: Corrupt = Corrupt("a tile ends early");
const BAD_INDEX: Corrupt = Corrupt("a palette index is out of range");

struct Input<'a> {
    data: &'a [u8],
    pos: usize,
}

impl Input<'_> {
    fn u8(&mut self) -> Result<u8, Corrupt> {
        let b = self.data.get(self.pos).copied().ok_or(ENDS_EARLY)?;
        self.pos += 1;
        Ok(b)
    }

    fn bytes(&mut self, n: usize) -> Result<&[u8], Corrupt> {
        let bytes = self.data.get(self.pos..self.pos + n).ok_or(ENDS_EARLY)?;
        self.pos += n;
        Ok(bytes)
    }

    fn cpixel(&mut self) -> Result<[u8; 4], Corrupt> {
        let p = self.bytes(3)?;
        Ok([p[0], p[1], p[2], 255])
    }

    fn palette(&mut self, n: usize) -> Result<Vec<[u8; 4]>, Corrupt> {
        (0..n).map(|_| self.cpixel()).collect()
    }

    /// A run length: bytes summed while they are 255, plus one.
    fn run(&mut self) -> Result<usize, Corrupt> {
        let mut len = 1;
        loop {
            let b = self.u8()?;
            len += usize::from(b);
            if b != 255 {
                return Ok(len);
            }
        }
    }
}

/// Decodes one tile into `tile`, or gives its colour if it is one colour throughout.
fn decode_tile(
    input: &mut Input,
    tile: &mut [[u8; 4]],
    tw: usize,
) -> Result<Option<[u8; 4]>, Corrupt> {
    match input.u8()? {
        0 => {
            let bytes = input.bytes(tile.len() * 3)?;
            for (px, p) in tile.iter_mut().zip(bytes.chunks_exact(3)) {
                *px = [p[0], p[1], p[2], 255];
            }
        }
        1 => return Ok(Some(input.cpixel()?)),
        n @ 2..=16 => {
            let palette = input.palette(usize::from(n))?;
            let bits = match n {
                2 => 1,
                3..=4 => 2,
                _ => 4,
            };
            packed(input, tile, tw, &palette, bits)?;
        }
        128 => {
            let mut pos = 0;
            while pos < tile.len() {
                let colour = input.cpixel()?;
                pos = fill_run(tile, pos, input.run()?, colour)?;
            }
        }
        n @ 130..=255 => {
            let palette = input.palette(usize::from(n - 128))?;
            let mut pos = 0;
            while pos < tile.len() {
                let index = input.u8()?;
                let colour = *palette.get(usize::from(index & 0x7f)).ok_or(BAD_INDEX)?;
                let run = if index & 0x80 != 0 { input.run()? } else { 1 };
                pos = fill_run(tile, pos, run, colour)?;
            }
        }
        _ => return Err(Corrupt("unknown tile subencoding")),
    }
    Ok(None)
}

/// Palette indices packed `bits` to a byte, most significant first, each row starting a new byte.
fn packed(
    input: &mut Input,
    tile: &mut [[u8; 4]],
    tw: usize,
    palette: &[[u8; 4]],
    bits: u32,
) -> Result<(), Corrupt> {
    let mask = (1u8 << bits) - 1;
    for row in tile.chunks_exact_mut(tw) {
        let mut byte = 0u8;
        let mut left = 0u32;
        for px in row.iter_mut() {
            if left == 0 {
                byte = input.u8()?;
                left = 8;
            }
            left -= bits;
            let index = usize::from((byte >> left) & mask);
            *px = *palette.get(index).ok_or(BAD_INDEX)?;
        }
    }
    Ok(())
}

fn fill_run(
    tile: &mut [[u8; 4]],
    pos: usize,
    run: usize,
    colour: [u8; 4],
) -> Result<usize, Corrupt> {
    let end = pos + run;
    tile.get_mut(pos..end)
        .ok_or(Corrupt("a run goes past the tile"))?
        .fill(colour);
    Ok(end)
}

#[cfg(test)]
mod tests;
