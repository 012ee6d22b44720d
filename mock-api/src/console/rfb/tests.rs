//! The RFB server's handshake, messages and updates, and arbitrary bytes fed to it.

use proptest::prelude::*;

use super::*;
use crate::console::screens::{Screen, Tools};

/// The desktop, drawn once for all the tests.
fn screen() -> &'static Framebuffer {
    static SCREEN: std::sync::OnceLock<Framebuffer> = std::sync::OnceLock::new();
    SCREEN.get_or_init(|| Screen::Desktop(Tools::Offered).draw("w", ""))
}

/// A small screen, so thousands of cases run quickly.
fn small() -> Framebuffer {
    let mut screen = Framebuffer::new(100, 70, 0x0012_3456);
    screen.text(2, 2, 1, 0x00ff_ffff, "RFB");
    screen
}

/// A server past the handshake (RFB 3.8, security None), with what it said.
fn ready() -> (RfbServer, Vec<u8>) {
    let (mut server, greeting) = RfbServer::new("w");
    assert_eq!(greeting, b"RFB 003.008\n");
    let mut out = Vec::new();
    let mut events = Vec::new();
    server
        .receive(b"RFB 003.008\n\x01\x01", screen(), &mut out, &mut events)
        .unwrap();
    (server, out)
}

fn send(server: &mut RfbServer, bytes: &[u8]) -> (Result<(), RfbError>, Vec<u8>, Vec<Event>) {
    let mut out = Vec::new();
    let mut events = Vec::new();
    let result = server.receive(bytes, screen(), &mut out, &mut events);
    (result, out, events)
}

fn request(incremental: bool, w: u16, h: u16) -> Vec<u8> {
    let mut bytes = vec![3, u8::from(incremental), 0, 0, 0, 0];
    bytes.extend_from_slice(&w.to_be_bytes());
    bytes.extend_from_slice(&h.to_be_bytes());
    bytes
}

fn set_encodings(encodings: &[i32]) -> Vec<u8> {
    let mut bytes = vec![2, 0];
    bytes.extend_from_slice(&(encodings.len() as u16).to_be_bytes());
    for encoding in encodings {
        bytes.extend_from_slice(&encoding.to_be_bytes());
    }
    bytes
}

#[test]
fn the_handshake_offers_none_and_describes_the_screen() {
    let (_, out) = ready();
    // Security types [None], SecurityResult OK, then ServerInit.
    assert_eq!(&out[..6], &[1, 1, 0, 0, 0, 0]);
    assert_eq!(&out[6..10], &[5, 0, 3, 32], "1280x800");
    assert_eq!(
        &out[10..14],
        &[32, 24, 0, 1],
        "32 bpp, depth 24, little-endian, true colour"
    );
    assert_eq!(&out[20..23], &[16, 8, 0], "red, green, blue shifts");
    assert_eq!(&out[26..30], &[0, 0, 0, 1]);
    assert_eq!(&out[30..], b"w");
}

#[test]
fn older_versions_and_other_security_types() {
    let (mut server, _) = RfbServer::new("w");
    let (result, out, _) = send(&mut server, b"RFB 003.003\n");
    assert_eq!((result, out), (Ok(()), vec![0, 0, 0, 1]));
    let (mut server, _) = RfbServer::new("w");
    let (result, out, _) = send(&mut server, b"RFB 003.008\n\x02");
    assert_eq!(result, Err(RfbError::Security(2)));
    assert_eq!(
        &out[2..6],
        &[0, 0, 0, 1],
        "a failed SecurityResult with its reason"
    );
    let (mut server, _) = RfbServer::new("w");
    assert!(matches!(
        send(&mut server, b"GET / HTTP/1.1\r\n").0,
        Err(RfbError::Version(_))
    ));
}

#[test]
fn a_full_update_then_only_what_changed() {
    let (mut server, _) = ready();
    let _ = send(&mut server, &set_encodings(&[0, 1, -223]));
    let _ = send(&mut server, &request(false, 1280, 800));
    let mut out = Vec::new();
    server.update(screen(), &mut out);
    assert_eq!(&out[..4], &[0, 0, 0, 1], "one rectangle");
    assert_eq!(
        &out[4..16],
        &[0, 0, 0, 0, 5, 0, 3, 32, 0, 0, 0, 0],
        "the whole screen, raw"
    );
    assert_eq!(out.len(), 16 + 1280 * 800 * 4);
    let _ = send(&mut server, &request(true, 1280, 800));
    let mut nothing = Vec::new();
    server.update(screen(), &mut nothing);
    assert!(
        nothing.is_empty() && server.waiting(),
        "nothing changed: the request waits"
    );
    let installing = Screen::Desktop(Tools::Installing).draw("w", "");
    server.update(&installing, &mut out);
    assert!(!server.waiting());
}

/// The encoding of each rectangle of an update that has only pixel rectangles.
fn encodings_of(update: &[u8]) -> Vec<i32> {
    let count = u16::from_be_bytes([update[2], update[3]]);
    let mut at = 4;
    let mut encodings = Vec::new();
    for _ in 0..count {
        let field =
            |i: usize| usize::from(u16::from_be_bytes([update[at + i], update[at + i + 1]]));
        let encoding = i32::from_be_bytes(update[at + 8..at + 12].try_into().unwrap());
        let length = match encoding {
            encode::ZRLE => {
                4 + u32::from_be_bytes(update[at + 12..at + 16].try_into().unwrap()) as usize
            }
            encode::COPY_RECT => 4,
            _ => field(4) * field(6) * 4,
        };
        encodings.push(encoding);
        at += 12 + length;
    }
    assert_eq!(at, update.len(), "the update ends with its last rectangle");
    encodings
}

#[test]
fn pixels_go_as_zrle_when_the_client_prefers_it_to_raw() {
    let installing = Screen::Desktop(Tools::Installing).draw("w", "");
    for (asked, sent) in [
        (vec![16, 1, 0], encode::ZRLE),
        (vec![16], encode::ZRLE),
        (vec![0, 16], encode::RAW),
        (vec![1, -223], encode::RAW),
    ] {
        let (mut server, _) = ready();
        let _ = send(&mut server, &set_encodings(&asked));
        let _ = send(&mut server, &request(false, 1280, 800));
        let mut full = Vec::new();
        server.update(screen(), &mut full);
        assert_eq!(encodings_of(&full), [sent], "{asked:?}");
        // The changed tiles: copies where an unchanged tile has their pixels, else pixels in
        // the same encoding.
        let _ = send(&mut server, &request(true, 1280, 800));
        let mut changes = Vec::new();
        server.update(&installing, &mut changes);
        let encodings = encodings_of(&changes);
        assert!(encodings.contains(&sent), "{asked:?}: {encodings:?}");
        let copies = encodings
            .iter()
            .filter(|e| **e == encode::COPY_RECT)
            .count();
        assert_eq!(
            copies + encodings.iter().filter(|e| **e == sent).count(),
            encodings.len()
        );
        if sent == encode::ZRLE {
            assert!(full.len() < 40_000, "{} bytes", full.len());
        }
    }
}

#[test]
fn a_new_size_goes_as_desktop_size_when_the_client_takes_it() {
    let (mut server, _) = ready();
    let _ = send(&mut server, &set_encodings(&[0, -223]));
    let _ = send(&mut server, &request(true, 1280, 800));
    let mut out = Vec::new();
    server.update(&Screen::Firmware.draw("w", ""), &mut out);
    assert_eq!(
        out,
        [0, 0, 0, 1, 0, 0, 0, 0, 4, 0, 3, 0, 0xff, 0xff, 0xff, 0x21]
    );
}

#[test]
fn extended_key_events_are_acknowledged_then_carry_scancodes() {
    let (mut server, _) = ready();
    let ext_key = [255, 0, 0, 1, 0, 0, 0, 0x61, 0, 0, 0, 0x1e];
    assert_eq!(
        send(&mut server, &ext_key).0,
        Err(RfbError::ExtendedKeyNotAccepted)
    );
    let (mut server, _) = ready();
    let (_, out, _) = send(&mut server, &set_encodings(&[0, -258]));
    assert_eq!(&out[..4], &[0, 0, 0, 1]);
    assert_eq!(&out[12..16], &(-258_i32).to_be_bytes());
    let (result, _, events) = send(&mut server, &ext_key);
    assert_eq!(result, Ok(()));
    assert_eq!(
        events,
        [Event::Key {
            down: true,
            keysym: 0x61,
            scancode: Some(0x1e)
        }]
    );
}

#[test]
fn messages_split_anywhere_are_put_together() {
    let (mut server, _) = ready();
    let mut bytes = vec![4, 1, 0, 0, 0, 0, 0, 0x41];
    bytes.extend_from_slice(&[5, 1, 0, 10, 0, 20]);
    let mut events = Vec::new();
    for byte in bytes {
        let (result, _, more) = send(&mut server, &[byte]);
        assert_eq!(result, Ok(()));
        events.extend(more);
    }
    assert_eq!(
        events,
        [
            Event::Key {
                down: true,
                keysym: 0x41,
                scancode: None
            },
            Event::Pointer {
                buttons: 1,
                x: 10,
                y: 20
            }
        ]
    );
}

#[test]
fn sizes_and_formats_beyond_what_is_served_end_the_session() {
    let (mut server, _) = ready();
    assert!(matches!(
        send(&mut server, &[2, 0, 0xff, 0xff]).0,
        Err(RfbError::TooLarge { .. })
    ));
    let (mut server, _) = ready();
    assert!(matches!(
        send(&mut server, &[6, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff]).0,
        Err(RfbError::TooLarge { .. })
    ));
    let (mut server, _) = ready();
    let mut eight_bit = vec![0, 0, 0, 0, 8, 8, 0, 1, 0, 7, 0, 7, 0, 3, 0, 3, 6, 0, 0, 0];
    assert!(matches!(
        send(&mut server, &eight_bit).0,
        Err(RfbError::PixelFormat(_))
    ));
    // 32 bits, big-endian, blue in the high byte: served.
    let (mut server, _) = ready();
    eight_bit[4..].copy_from_slice(&[32, 24, 1, 1, 0, 255, 0, 255, 0, 255, 0, 8, 24, 0, 0, 0]);
    assert_eq!(send(&mut server, &eight_bit).0, Ok(()));
    let _ = send(&mut server, &request(false, 1, 1));
    let mut out = Vec::new();
    server.update(&Screen::StopError.draw("w", ""), &mut out);
    let pixel = &out[16..20];
    // 0x0078d7: blue 0xd7 shifted to the top byte, green 0x78 to the third, red 0 at the bottom.
    assert_eq!(pixel, &[0xd7, 0x00, 0x78, 0x00], "big-endian, as asked");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any bytes, after a handshake or instead of one, in any pieces: answered or refused,
    /// never a panic, and the buffered input stays bounded.
    #[test]
    fn arbitrary_bytes_never_break_the_server(
        handshake in any::<bool>(),
        chunks in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..64), 0..16),
        updates in any::<bool>(),
    ) {
        let (mut server, _) = if handshake { ready() } else { RfbServer::new("w") };
        let screen = small();
        for chunk in chunks {
            let mut out = Vec::new();
            let mut events = Vec::new();
            if server.receive(&chunk, &screen, &mut out, &mut events).is_err() {
                break;
            }
            if updates {
                server.update(&screen, &mut out);
            }
            prop_assert!(server.input.len() <= 8 + MAX_CUT_TEXT);
        }
    }

    /// Valid messages with arbitrary fields: requests anywhere, any pointer position.
    #[test]
    fn arbitrary_fields_of_valid_messages_are_served(
        x in any::<u16>(), y in any::<u16>(), w in any::<u16>(), h in any::<u16>(), incremental in any::<bool>(),
        zrle in any::<bool>(),
    ) {
        let small = small();
        let (mut server, _) = RfbServer::new("w");
        server.receive(b"RFB 003.008\n\x01\x01", &small, &mut Vec::new(), &mut Vec::new()).unwrap();
        let mut bytes = if zrle { set_encodings(&[16, 1, 0]) } else { Vec::new() };
        bytes.extend_from_slice(&[3, u8::from(incremental)]);
        for value in [x, y, w, h] {
            bytes.extend_from_slice(&value.to_be_bytes());
        }
        bytes.extend_from_slice(&[5, 1]);
        bytes.extend_from_slice(&x.to_be_bytes());
        bytes.extend_from_slice(&y.to_be_bytes());
        let result = server.receive(&bytes, &small, &mut Vec::new(), &mut Vec::new());
        prop_assert_eq!(result, Ok(()));
        let mut out = Vec::new();
        server.update(&small, &mut out);
        server.update(&Framebuffer::new(64, 64, 0), &mut out);
    }
}
