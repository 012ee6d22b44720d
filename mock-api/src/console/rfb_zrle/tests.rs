//! The ZRLE encoder: which subencoding a tile gets, compact pixels in each byte order, and
//! rectangles decoded back (through one inflate stream, as a client keeps it) to the screen.

use miniz_oxide::inflate::stream::{inflate, InflateState};

use super::*;
use crate::console::screens::{Screen, Tools};

/// A client's side of the stream: inflates each rectangle and reads its tiles back.
struct Decoder {
    inflate: Box<InflateState>,
    format: PixelFormat,
}

impl Decoder {
    fn new(format: PixelFormat) -> Self {
        Self {
            inflate: InflateState::new_boxed(DataFormat::Zlib),
            format,
        }
    }

    /// The tile bytes of one rectangle's data (length, then zlib bytes).
    fn inflate(&mut self, data: &[u8]) -> Vec<u8> {
        let length = u32::from_be_bytes(data[..4].try_into().unwrap()) as usize;
        assert_eq!(length, data.len() - 4, "the length covers the zlib bytes");
        let mut zlib = &data[4..];
        let mut out = vec![0; 16 * 1024 * 1024];
        let mut written = 0;
        loop {
            let result = inflate(&mut self.inflate, zlib, &mut out[written..], MZFlush::None);
            written += result.bytes_written;
            zlib = &zlib[result.bytes_consumed..];
            assert!(
                result.status.is_ok() || result.status == Err(MZError::Buf),
                "{result:?}"
            );
            if zlib.is_empty() || result.bytes_consumed + result.bytes_written == 0 {
                out.truncate(written);
                return out;
            }
        }
    }

    /// Decodes a `w`x`h` rectangle to pixel values; also gives each tile's subencoding.
    fn decode(&mut self, data: &[u8], w: usize, h: usize) -> (Vec<u32>, Vec<u8>) {
        let bytes = self.inflate(data);
        let compact = self.format.compact();
        let mut at = 0;
        let mut next = |n: usize| {
            let slice = bytes[at..at + n].to_vec();
            at += n;
            slice
        };
        let format = self.format;
        let cpixel = |next: &mut dyn FnMut(usize) -> Vec<u8>| {
            let b = next(compact.size());
            let mut four = [0_u8; 4];
            match (compact, format.big_endian) {
                (Compact::Whole, _) => four.copy_from_slice(&b),
                (Compact::Low, false) | (Compact::High, true) => four[..3].copy_from_slice(&b),
                (Compact::Low, true) | (Compact::High, false) => four[1..].copy_from_slice(&b),
            }
            if format.big_endian {
                u32::from_be_bytes(four)
            } else {
                u32::from_le_bytes(four)
            }
        };
        let mut pixels = vec![0_u32; w * h];
        let mut kinds = Vec::new();
        for ty in (0..h).step_by(TILE) {
            for tx in (0..w).step_by(TILE) {
                let (tw, th) = (TILE.min(w - tx), TILE.min(h - ty));
                let mut tile = Vec::with_capacity(tw * th);
                let kind = next(1)[0];
                kinds.push(kind);
                let run = |next: &mut dyn FnMut(usize) -> Vec<u8>| {
                    let mut length = 1;
                    loop {
                        let b = next(1)[0];
                        length += usize::from(b);
                        if b != 255 {
                            return length;
                        }
                    }
                };
                match kind {
                    0 => (0..tw * th).for_each(|_| tile.push(cpixel(&mut next))),
                    1 => tile.resize(tw * th, cpixel(&mut next)),
                    2..=16 => {
                        let palette: Vec<u32> = (0..kind).map(|_| cpixel(&mut next)).collect();
                        let bits = index_bits(usize::from(kind));
                        for _ in 0..th {
                            let row = next((tw * bits).div_ceil(8));
                            for x in 0..tw {
                                let bit = x * bits;
                                let index =
                                    (row[bit / 8] >> (8 - bits - bit % 8)) & ((1 << bits) - 1);
                                tile.push(palette[usize::from(index)]);
                            }
                        }
                    }
                    128 => {
                        while tile.len() < tw * th {
                            let value = cpixel(&mut next);
                            let length = run(&mut next);
                            tile.extend(std::iter::repeat_n(value, length));
                        }
                    }
                    130.. => {
                        let palette: Vec<u32> =
                            (0..kind - 128).map(|_| cpixel(&mut next)).collect();
                        while tile.len() < tw * th {
                            let index = next(1)[0];
                            let length = if index & 0x80 != 0 { run(&mut next) } else { 1 };
                            let value = palette[usize::from(index & 0x7f)];
                            tile.extend(std::iter::repeat_n(value, length));
                        }
                    }
                    other => panic!("subencoding {other}"),
                }
                assert_eq!(tile.len(), tw * th, "a run stays inside its tile");
                for (row, line) in tile.chunks(tw).enumerate() {
                    let start = (ty + row) * w + tx;
                    pixels[start..start + tw].copy_from_slice(line);
                }
            }
        }
        assert_eq!(at, bytes.len(), "nothing follows the last tile");
        (pixels, kinds)
    }
}

fn whole(screen: &Framebuffer) -> Rect {
    Rect {
        x: 0,
        y: 0,
        w: screen.width,
        h: screen.height,
    }
}

/// The screen's pixel values in `format` within `rect`.
fn expected(screen: &Framebuffer, rect: Rect, format: &PixelFormat) -> Vec<u32> {
    screen
        .rows(rect)
        .flat_map(|row| row.iter().map(|rgb| format.value(*rgb)))
        .collect()
}

/// One tile drawn by `paint`, encoded alone: its subencoding and its bytes before zlib.
fn tile_of(paint: impl Fn(usize, usize) -> u32) -> (u8, Vec<u8>) {
    let mut screen = Framebuffer::new(TILE, TILE, 0);
    for y in 0..TILE {
        for x in 0..TILE {
            screen.pixels[y * TILE + x] = paint(x, y);
        }
    }
    let format = PixelFormat::default();
    let mut encoder = ZrleEncoder::default();
    let data = encoder
        .encode(&screen, whole(&screen), &format)
        .unwrap()
        .to_vec();
    let mut decoder = Decoder::new(format);
    let (pixels, kinds) = decoder.decode(&data, TILE, TILE);
    assert_eq!(pixels, expected(&screen, whole(&screen), &format));
    (kinds[0], encoder.tiles.clone())
}

#[test]
fn each_tile_gets_the_subencoding_that_takes_fewest_bytes() {
    let (kind, bytes) = tile_of(|_, _| 0x0010_3f6e);
    assert_eq!((kind, bytes), (SOLID, vec![1, 0x6e, 0x3f, 0x10]));
    // Text: two colours, changing often, as 1-bit indices.
    let (kind, bytes) = tile_of(|x, y| if (x / 2 + y) % 3 == 0 { 0xffffff } else { 0 });
    assert_eq!((kind, bytes.len()), (2, 1 + 2 * 3 + 64 * 8));
    // Five colours: 4-bit indices.
    assert_eq!(tile_of(|x, y| ((x + y) % 5) as u32).0, 5);
    // Twenty colours in long runs: palette RLE.
    assert_eq!(tile_of(|_, y| (y % 20) as u32 * 0x0101).0, 128 + 20);
    // Thousands of colours, each in a run of 16: plain RLE.
    assert_eq!(
        tile_of(|x, y| (y * 64 + x) as u32 / 16 * 0x10101).0,
        PLAIN_RLE
    );
    // Every pixel its own colour: raw.
    assert_eq!(tile_of(|x, y| (y * 64 + x) as u32 * 0x0301).0, RAW);
}

#[test]
fn runs_longer_than_255_take_more_bytes() {
    let mut out = Vec::new();
    for length in [1, 255, 256, 511, 4096] {
        write_run(length, &mut out);
    }
    assert_eq!(out.len(), 1 + 1 + 2 + 3 + 17);
    assert_eq!(&out[..4], &[0, 254, 255, 0]);
    assert_eq!(run_bytes(4096), 17);
}

#[test]
fn screens_decode_back_through_one_stream() {
    let format = PixelFormat::default();
    let mut encoder = ZrleEncoder::default();
    let mut decoder = Decoder::new(format);
    for screen in [
        Screen::Firmware,
        Screen::WindowsSetup,
        Screen::Desktop(Tools::Offered),
        Screen::StopError,
    ] {
        let drawn = screen.draw("w", "typed");
        let data = encoder.encode(&drawn, whole(&drawn), &format).unwrap();
        let raw_size = drawn.pixels.len() * 4;
        assert!(
            data.len() * 50 < raw_size,
            "{screen:?}: {} bytes",
            data.len()
        );
        let (pixels, _) = decoder.decode(data, drawn.width, drawn.height);
        assert_eq!(
            pixels,
            expected(&drawn, whole(&drawn), &format),
            "{screen:?}"
        );
        // An odd rectangle, cut at tiles of less than 64 pixels.
        let part = Rect {
            x: 30,
            y: 250,
            w: 700,
            h: 99,
        };
        let data = encoder.encode(&drawn, part, &format).unwrap();
        let (pixels, _) = decoder.decode(data, part.w, part.h);
        assert_eq!(pixels, expected(&drawn, part, &format), "{screen:?}");
    }
}

#[test]
fn compact_pixels_keep_the_bytes_that_hold_colour() {
    let low = PixelFormat::default();
    assert_eq!(low.compact(), Compact::Low);
    let high = PixelFormat {
        shift: [24, 16, 8],
        ..low
    };
    assert_eq!(high.compact(), Compact::High);
    let deep = PixelFormat { depth: 32, ..low };
    assert_eq!(deep.compact(), Compact::Whole);
    let spread = PixelFormat {
        shift: [24, 8, 0],
        ..low
    };
    assert_eq!(spread.compact(), Compact::Whole);
    let mut out = Vec::new();
    low.write_compact(Compact::Low, low.value(0x0011_2233), &mut out);
    let big_high = PixelFormat {
        big_endian: true,
        ..high
    };
    big_high.write_compact(Compact::High, big_high.value(0x0011_2233), &mut out);
    assert_eq!(out, [0x33, 0x22, 0x11, 0x11, 0x22, 0x33]);
    let desktop = Screen::StopError.draw("w", "");
    for format in [high, deep, spread, big_high] {
        let mut encoder = ZrleEncoder::default();
        let data = encoder.encode(&desktop, whole(&desktop), &format).unwrap();
        let (pixels, _) = Decoder::new(format).decode(data, desktop.width, desktop.height);
        assert_eq!(pixels, expected(&desktop, whole(&desktop), &format));
    }
}
