//! A small RFB client over the mock's `vnc` WebSocket, enough for tests: the None handshake,
//! SetEncodings, update requests, Raw, CopyRect and DesktopSize rectangles, keys and pointer.

use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use tungstenite::client::IntoClientRequest as _;
use tungstenite::{Message, WebSocket};

/// Opens a console WebSocket (`vnc` or `console`) with the `plain.kubevirt.io` subprotocol.
pub fn open(address: SocketAddr, path: &str) -> Result<WebSocket<TcpStream>, tungstenite::Error> {
    let stream = TcpStream::connect(address)?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    let mut request = format!("ws://{address}{path}").into_client_request()?;
    request.headers_mut().insert(
        "Sec-WebSocket-Protocol",
        "plain.kubevirt.io".parse().expect("a header value"),
    );
    let (socket, answer) = tungstenite::client(request, stream).map_err(|err| match err {
        tungstenite::HandshakeError::Failure(err) => err,
        tungstenite::HandshakeError::Interrupted(_) => tungstenite::Error::ConnectionClosed,
    })?;
    assert_eq!(
        answer
            .headers()
            .get("sec-websocket-protocol")
            .map(|v| v.as_bytes()),
        Some(&b"plain.kubevirt.io"[..])
    );
    Ok(socket)
}

/// An RFB client's view of the screen.
pub struct Rfb {
    pub socket: WebSocket<TcpStream>,
    buffer: Vec<u8>,
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u32>,
    pub name: String,
    pub extended_keys: bool,
}

impl Rfb {
    /// A client that has said nothing yet.
    pub fn handshake_skipped(socket: WebSocket<TcpStream>) -> Self {
        Self {
            socket,
            buffer: Vec::new(),
            width: 0,
            height: 0,
            pixels: Vec::new(),
            name: String::new(),
            extended_keys: false,
        }
    }

    /// Does the RFB 3.8 handshake with security type None.
    pub fn handshake(socket: WebSocket<TcpStream>) -> Self {
        let mut rfb = Self::handshake_skipped(socket);
        assert_eq!(rfb.read(12), b"RFB 003.008\n");
        rfb.send(b"RFB 003.008\n");
        let count = rfb.read(1)[0] as usize;
        assert!(rfb.read(count).contains(&1), "None is offered");
        rfb.send(&[1]);
        assert_eq!(rfb.read(4), [0, 0, 0, 0], "security result OK");
        rfb.send(&[1]);
        let init = rfb.read(24);
        rfb.width = u16::from_be_bytes([init[0], init[1]]) as usize;
        rfb.height = u16::from_be_bytes([init[2], init[3]]) as usize;
        assert_eq!(init[4], 32, "32 bits per pixel");
        let name_len = u32::from_be_bytes([init[20], init[21], init[22], init[23]]) as usize;
        rfb.name = String::from_utf8_lossy(&rfb.read(name_len)).into_owned();
        rfb.pixels = vec![0; rfb.width * rfb.height];
        rfb
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.socket
            .send(Message::Binary(bytes.to_vec().into()))
            .expect("the server takes bytes");
    }

    /// Reads exactly `n` bytes of the stream, whatever the messages' boundaries.
    pub fn read(&mut self, n: usize) -> Vec<u8> {
        while self.buffer.len() < n {
            match self.socket.read().expect("the server sends more") {
                Message::Binary(bytes) => self.buffer.extend_from_slice(&bytes),
                Message::Close(frame) => panic!("closed: {frame:?}"),
                _ => {}
            }
        }
        self.buffer.drain(..n).collect()
    }

    pub fn set_encodings(&mut self, encodings: &[i32]) {
        let mut bytes = vec![2, 0];
        bytes.extend_from_slice(&(encodings.len() as u16).to_be_bytes());
        for encoding in encodings {
            bytes.extend_from_slice(&encoding.to_be_bytes());
        }
        self.send(&bytes);
    }

    pub fn request(&mut self, incremental: bool) {
        let mut bytes = vec![3, u8::from(incremental), 0, 0, 0, 0];
        bytes.extend_from_slice(&(self.width as u16).to_be_bytes());
        bytes.extend_from_slice(&(self.height as u16).to_be_bytes());
        self.send(&bytes);
    }

    /// Reads one server message; returns the encodings of an update's rectangles.
    pub fn read_message(&mut self) -> Vec<i32> {
        let kind = self.read(1)[0];
        assert_eq!(kind, 0, "a FramebufferUpdate");
        let head = self.read(3);
        let count = u16::from_be_bytes([head[1], head[2]]);
        let mut encodings = Vec::new();
        for _ in 0..count {
            let rect = self.read(12);
            let at = |i: usize| u16::from_be_bytes([rect[i], rect[i + 1]]) as usize;
            let (x, y, w, h) = (at(0), at(2), at(4), at(6));
            let encoding = i32::from_be_bytes([rect[8], rect[9], rect[10], rect[11]]);
            match encoding {
                0 => {
                    let data = self.read(w * h * 4);
                    for row in 0..h {
                        for col in 0..w {
                            let i = (row * w + col) * 4;
                            let pixel = u32::from_le_bytes([data[i], data[i + 1], data[i + 2], 0]);
                            self.pixels[(y + row) * self.width + x + col] = pixel;
                        }
                    }
                }
                1 => {
                    let from = self.read(4);
                    let (sx, sy) = (
                        u16::from_be_bytes([from[0], from[1]]) as usize,
                        u16::from_be_bytes([from[2], from[3]]) as usize,
                    );
                    let source = self.pixels.clone();
                    for row in 0..h {
                        for col in 0..w {
                            self.pixels[(y + row) * self.width + x + col] =
                                source[(sy + row) * self.width + sx + col];
                        }
                    }
                }
                -223 => {
                    self.width = w;
                    self.height = h;
                    self.pixels = vec![0; w * h];
                }
                -258 => self.extended_keys = true,
                other => panic!("unexpected encoding {other}"),
            }
            encodings.push(encoding);
        }
        encodings
    }

    pub fn pixel(&self, x: usize, y: usize) -> u32 {
        self.pixels[y * self.width + x]
    }

    pub fn key(&mut self, down: bool, keysym: u32) {
        let mut bytes = vec![4, u8::from(down), 0, 0];
        bytes.extend_from_slice(&keysym.to_be_bytes());
        self.send(&bytes);
    }

    pub fn pointer(&mut self, buttons: u8, x: u16, y: u16) {
        let mut bytes = vec![5, buttons];
        bytes.extend_from_slice(&x.to_be_bytes());
        bytes.extend_from_slice(&y.to_be_bytes());
        self.send(&bytes);
    }

    /// Asks for updates until the screen is `width` wide and `check` holds, within 20 s (each
    /// incremental request is answered only when something changed).
    pub fn wait_for(&mut self, width: usize, what: &str, check: impl Fn(&Self) -> bool) {
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while self.width != width || !check(self) {
            assert!(std::time::Instant::now() < deadline, "never saw {what}");
            self.request(true);
            self.read_message();
        }
    }
}
