//! Tests of ZRLE decoding: each tile subencoding, several tiles, and one zlib stream across rectangles.

use super::*;
use crate::logic::rfb::client::RfbClient;
use crate::logic::rfb::framebuffer::{Draw, Framebuffer};
use crate::logic::rfb::messages::ZRLE;
use crate::logic::rfb::server::Event;
use crate::logic::rfb::test_server::{connected, rect, update, zrle_data, Zlib};

const RED: [u8; 3] = [255, 0, 0];
const GREEN: [u8; 3] = [0, 255, 0];
const BLUE: [u8; 3] = [0, 0, 255];
const WHITE: [u8; 3] = [255, 255, 255];
const GREY: [u8; 3] = [128, 128, 128];

fn rgba(colours: &[[u8; 3]]) -> Vec<u8> {
    colours
        .iter()
        .flat_map(|c| [c[0], c[1], c[2], 255])
        .collect()
}

fn tile(subencoding: u8, palette: &[[u8; 3]], rest: &[u8]) -> Vec<u8> {
    let mut out = vec![subencoding];
    out.extend(palette.iter().flatten());
    out.extend(rest);
    out
}

/// Decodes `tiles` as one ZRLE rectangle with a fresh stream: the pixels its ops draw.
fn decode(w: u16, h: u16, tiles: &[u8]) -> Result<Vec<u8>, RfbError> {
    let mut zlib = Zlib::new();
    let data = zrle_data(&mut zlib, tiles);
    let mut fb = Framebuffer::new(w, h);
    for op in ZrleDecoder::default().decode(&data[4..], 0, 0, w, h)? {
        fb.apply(&op);
    }
    Ok(fb.rgba().to_vec())
}

#[test]
fn raw_and_solid_tiles() {
    let raw = tile(0, &[RED, GREEN, BLUE, WHITE], &[]);
    assert_eq!(
        decode(2, 2, &raw).unwrap(),
        rgba(&[RED, GREEN, BLUE, WHITE])
    );
    assert_eq!(
        decode(3, 1, &tile(1, &[BLUE], &[])).unwrap(),
        rgba(&[BLUE; 3])
    );
}

#[test]
fn packed_palettes_of_1_2_and_4_bits_start_each_row_on_a_byte() {
    // 2 colours, 1 bit: rows 0 1 0 and 1 1 1.
    let one_bit = tile(2, &[RED, GREEN], &[0b0100_0000, 0b1110_0000]);
    assert_eq!(
        decode(3, 2, &one_bit).unwrap(),
        rgba(&[RED, GREEN, RED, GREEN, GREEN, GREEN])
    );
    // 3 colours, 2 bits: 2 1 0.
    let two_bits = tile(3, &[RED, GREEN, BLUE], &[0b1001_0000]);
    assert_eq!(decode(3, 1, &two_bits).unwrap(), rgba(&[BLUE, GREEN, RED]));
    // 5 colours, 4 bits: 4 3 2.
    let four_bits = tile(5, &[RED, GREEN, BLUE, WHITE, GREY], &[0x43, 0x20]);
    assert_eq!(
        decode(3, 1, &four_bits).unwrap(),
        rgba(&[GREY, WHITE, BLUE])
    );
}

#[test]
fn plain_rle_with_long_runs() {
    let mut rest = vec![];
    rest.extend(RED);
    rest.push(2);
    rest.extend(GREEN);
    rest.push(0);
    assert_eq!(
        decode(4, 1, &tile(128, &[], &rest)).unwrap(),
        rgba(&[RED, RED, RED, GREEN])
    );
    // A whole 64x64 tile in one run: 4096 = 1 + 16 * 255 + 15.
    let mut rest = BLUE.to_vec();
    rest.extend([255; 16]);
    rest.push(15);
    assert_eq!(
        decode(64, 64, &tile(128, &[], &rest)).unwrap(),
        rgba(&[BLUE; 4096])
    );
}

#[test]
fn palette_rle_mixes_runs_and_single_pixels() {
    // Index 0 for 3 pixels (high bit: a run follows), then index 1 once.
    let t = tile(130, &[WHITE, GREY], &[0x80, 2, 1]);
    assert_eq!(
        decode(4, 1, &t).unwrap(),
        rgba(&[WHITE, WHITE, WHITE, GREY])
    );
}

#[test]
fn a_rectangle_wider_than_a_tile_has_one_tile_per_64_columns() {
    let mut tiles = tile(1, &[RED], &[]);
    tiles.extend(tile(1, &[GREEN], &[]));
    let mut expected = rgba(&[RED; 64]);
    expected.extend(rgba(&[GREEN]));
    assert_eq!(decode(65, 1, &tiles).unwrap(), expected);
}

#[test]
fn corrupt_tiles_are_errors() {
    assert!(matches!(decode(1, 1, &[17]), Err(RfbError::Zrle(_))));
    assert!(matches!(
        decode(1, 1, &tile(130, &[RED, GREEN], &[5])),
        Err(RfbError::Zrle(_))
    ));
    let run_too_long = tile(128, &[RED], &[4]);
    assert!(matches!(
        decode(2, 1, &run_too_long),
        Err(RfbError::Zrle(_))
    ));
    assert!(matches!(
        decode(2, 2, &tile(0, &[RED], &[])),
        Err(RfbError::Zrle(_))
    ));
    let not_zlib = ZrleDecoder::default().decode(&[1, 2, 3, 4], 0, 0, 1, 1);
    assert!(matches!(not_zlib, Err(RfbError::Zrle(_))));
}

#[test]
fn the_zlib_stream_persists_across_rectangles() {
    let mut zlib = Zlib::new();
    let tiles = tile(0, &[RED, GREEN, BLUE, WHITE], &[]);
    let first = zrle_data(&mut zlib, &tiles);
    let second = zrle_data(&mut zlib, &tiles);
    let mut client = connected(4, 2);
    let bytes = update(&[
        rect(0, 0, 2, 2, ZRLE, &first),
        rect(2, 0, 2, 2, ZRLE, &second),
    ]);
    let step = client.receive(&bytes).unwrap();
    let mut fb = Framebuffer::new(4, 2);
    let draws: Vec<&Draw> = step
        .events
        .iter()
        .filter_map(|e| {
            if let Event::Draw(d) = e {
                Some(d)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(draws.len(), 2);
    draws.into_iter().for_each(|d| fb.apply(d));
    assert_eq!(fb.pixel(1, 0), Some([0, 255, 0, 255]));
    assert_eq!(fb.pixel(3, 1), Some([255, 255, 255, 255]));
    // The second rectangle's bytes continue the stream: alone, they do not decode.
    assert!(ZrleDecoder::default()
        .decode(&second[4..], 2, 0, 2, 2)
        .is_err());
}

#[test]
fn a_zrle_rectangle_split_byte_by_byte_decodes_once_complete() {
    let mut zlib = Zlib::new();
    let data = zrle_data(&mut zlib, &tile(1, &[GREY], &[]));
    let bytes = update(&[rect(0, 0, 3, 3, ZRLE, &data)]);
    let mut client: RfbClient = connected(3, 3);
    let mut events = vec![];
    for b in &bytes {
        events.extend(client.receive(std::slice::from_ref(b)).unwrap().events);
    }
    // A one-colour tile is a fill, not pixels.
    let fill = Draw::Fill {
        x: 0,
        y: 0,
        w: 3,
        h: 3,
        rgba: [GREY[0], GREY[1], GREY[2], 255],
    };
    assert_eq!(events, [Event::Draw(fill), Event::UpdateDone]);
}

#[test]
fn tiles_draw_where_they_are_and_only_solid_ones_fill() {
    let mut zlib = Zlib::new();
    // Two tiles of a 65x1 rectangle at (10, 20): 64 raw pixels, then one solid.
    let mut tiles = vec![0];
    tiles.extend(RED.repeat(64));
    tiles.extend(tile(1, &[BLUE], &[]));
    let data = zrle_data(&mut zlib, &tiles);
    let draws = ZrleDecoder::default()
        .decode(&data[4..], 10, 20, 65, 1)
        .unwrap();
    assert!(matches!(
        draws[0],
        Draw::Pixels {
            x: 10,
            y: 20,
            w: 64,
            h: 1,
            ..
        }
    ));
    assert_eq!(
        draws[1],
        Draw::Fill {
            x: 74,
            y: 20,
            w: 1,
            h: 1,
            rgba: [0, 0, 255, 255]
        }
    );
}

#[test]
fn a_large_update_inflates_past_the_first_output_buffer() {
    // 256x256 of raw tiles is 16 tiles of 12 KiB: more than one growth of the output buffer.
    let mut tiles = vec![];
    for i in 0..16u8 {
        tiles.push(0);
        for p in 0..4096u32 {
            tiles.extend([i, (p % 251) as u8, (p / 16) as u8]);
        }
    }
    let out = decode(256, 256, &tiles).unwrap();
    assert_eq!(out.len(), 256 * 256 * 4);
    // Tiles go left to right, then down: tile 5 starts at (64, 64).
    let tile5 = (64 * 256 + 64) * 4;
    assert_eq!(&out[tile5..tile5 + 4], &[5, 0, 0, 255]);
}
