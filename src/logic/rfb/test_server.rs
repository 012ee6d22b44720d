//! Test support: the bytes a VNC server sends (handshake, updates, a ZRLE zlib stream that
//! persists across rectangles as a real server's does), built in tests.

use miniz_oxide::deflate::core::{create_comp_flags_from_zip_params, CompressorOxide};
use miniz_oxide::deflate::stream::deflate;
use miniz_oxide::MZFlush;

use super::client::RfbClient;

/// A server's zlib stream: each call compresses more data and sync-flushes, like a ZRLE server.
pub struct Zlib(Box<CompressorOxide>);

impl Zlib {
    pub fn new() -> Self {
        Zlib(Box::new(CompressorOxide::new(
            create_comp_flags_from_zip_params(6, 15, 0),
        )))
    }

    pub fn compress(&mut self, mut input: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut chunk = vec![0u8; 4096];
        loop {
            let r = deflate(&mut self.0, input, &mut chunk, MZFlush::Sync);
            r.status.expect("deflate");
            out.extend_from_slice(&chunk[..r.bytes_written]);
            input = &input[r.bytes_consumed..];
            if input.is_empty() && r.bytes_written < chunk.len() {
                return out;
            }
        }
    }
}

pub fn server_init(w: u16, h: u16, name: &str) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend(w.to_be_bytes());
    out.extend(h.to_be_bytes());
    // QEMU's own format: 32bpp depth 24 little-endian true colour, red shift 16.
    out.extend([32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 16, 8, 0, 0, 0, 0]);
    out.extend((name.len() as u32).to_be_bytes());
    out.extend(name.as_bytes());
    out
}

/// Everything QEMU sends for a 3.8 handshake with security None.
pub fn handshake(w: u16, h: u16, name: &str) -> Vec<u8> {
    let mut out = b"RFB 003.008\n".to_vec();
    out.extend([1, 1, 0, 0, 0, 0]);
    out.extend(server_init(w, h, name));
    out
}

pub fn rect(x: u16, y: u16, w: u16, h: u16, encoding: i32, data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for v in [x, y, w, h] {
        out.extend(v.to_be_bytes());
    }
    out.extend(encoding.to_be_bytes());
    out.extend(data);
    out
}

pub fn update(rects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = vec![0, 0];
    out.extend((rects.len() as u16).to_be_bytes());
    for r in rects {
        out.extend(r);
    }
    out
}

/// A ZRLE rectangle's data: the length-prefixed zlib bytes of `tiles`.
pub fn zrle_data(zlib: &mut Zlib, tiles: &[u8]) -> Vec<u8> {
    let compressed = zlib.compress(tiles);
    let mut out = (compressed.len() as u32).to_be_bytes().to_vec();
    out.extend(compressed);
    out
}

/// A client that has completed the handshake with a `w`x`h` screen.
pub fn connected(w: u16, h: u16) -> RfbClient {
    let mut client = RfbClient::new();
    client.receive(&handshake(w, h, "QEMU")).expect("handshake");
    client
}
