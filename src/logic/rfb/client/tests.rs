//! Tests of the RFB handshake (every version, chunked and byte by byte) and the server messages.

use super::*;
use crate::logic::rfb::framebuffer::Framebuffer;
use crate::logic::rfb::messages::{self, COPY_RECT, DESKTOP_SIZE, RAW};
use crate::logic::rfb::test_server::{connected, handshake, rect, server_init, update};

/// The reply a client gives after ServerInit: pixel format, encodings, a full update request.
fn after_server_init(w: u16, h: u16) -> Vec<u8> {
    let mut out = messages::set_pixel_format();
    out.extend(messages::set_encodings(&messages::ENCODINGS));
    out.extend(messages::framebuffer_update_request(false, 0, 0, w, h));
    out
}

fn feed_bytewise(client: &mut RfbClient, bytes: &[u8]) -> Step {
    let mut all = Step::default();
    for b in bytes {
        let step = client.receive(std::slice::from_ref(b)).expect("receive");
        all.reply.extend(step.reply);
        all.events.extend(step.events);
    }
    all
}

#[test]
fn handshake_3_8_replies_at_each_step() {
    let mut client = RfbClient::new();
    let step = client.receive(b"RFB 003.008\n").unwrap();
    assert_eq!(step.reply, b"RFB 003.008\n");
    assert_eq!(client.receive(&[1, 1]).unwrap().reply, [1]);
    // SecurityResult OK: ClientInit with shared = 1.
    assert_eq!(client.receive(&[0, 0, 0, 0]).unwrap().reply, [1]);
    assert!(!client.connected());
    let step = client.receive(&server_init(720, 400, "QEMU")).unwrap();
    let info = ServerInfo {
        width: 720,
        height: 400,
        name: "QEMU".into(),
    };
    assert_eq!(step.events, [Event::Connected(info)]);
    assert_eq!(step.reply, after_server_init(720, 400));
    assert!(client.connected());
    assert_eq!(client.size(), (720, 400));
}

#[test]
fn handshake_byte_by_byte_gives_the_same_replies() {
    let mut client = RfbClient::new();
    let step = feed_bytewise(&mut client, &handshake(1024, 768, "win11"));
    let mut expected = b"RFB 003.008\n".to_vec();
    expected.extend([1, 1]);
    expected.extend(after_server_init(1024, 768));
    assert_eq!(step.reply, expected);
    assert!(matches!(&step.events[..], [Event::Connected(i)] if i.name == "win11"));
}

#[test]
fn handshake_and_first_update_in_one_chunk() {
    let mut bytes = handshake(2, 1, "QEMU");
    bytes.extend(update(&[rect(0, 0, 2, 1, RAW, &[1, 2, 3, 0, 4, 5, 6, 0])]));
    let step = RfbClient::new().receive(&bytes).unwrap();
    assert_eq!(step.events.len(), 3);
    let pixels = Draw::Pixels {
        x: 0,
        y: 0,
        w: 2,
        h: 1,
        rgba: vec![1, 2, 3, 255, 4, 5, 6, 255],
    };
    assert_eq!(step.events[1], Event::Draw(pixels));
    assert_eq!(step.events[2], Event::UpdateDone);
}

#[test]
fn older_servers_are_answered_in_their_version() {
    // 3.3: the server names the security type; None needs no answer, ClientInit follows.
    let mut client = RfbClient::new();
    assert_eq!(
        client.receive(b"RFB 003.003\n").unwrap().reply,
        b"RFB 003.003\n"
    );
    assert_eq!(client.receive(&[0, 0, 0, 1]).unwrap().reply, [1]);
    assert!(
        client
            .receive(&server_init(8, 8, "old"))
            .unwrap()
            .reply
            .len()
            > 20
    );
    assert!(client.connected());
    // 3.7: a list of types, but no SecurityResult for None.
    let mut client = RfbClient::new();
    assert_eq!(
        client.receive(b"RFB 003.007\n").unwrap().reply,
        b"RFB 003.007\n"
    );
    assert_eq!(client.receive(&[2, 2, 1]).unwrap().reply, [1, 1]);
    client.receive(&server_init(8, 8, "old")).unwrap();
    assert!(client.connected());
    // Newer versions get 3.8; Apple's 3.889 too.
    for version in [&b"RFB 004.001\n"[..], b"RFB 003.889\n"] {
        assert_eq!(
            RfbClient::new().receive(version).unwrap().reply,
            b"RFB 003.008\n"
        );
    }
}

#[test]
fn unusable_servers_are_refused_clearly() {
    let err = RfbClient::new().receive(b"RFB 003.002\n").unwrap_err();
    assert_eq!(err, RfbError::UnsupportedVersion { major: 3, minor: 2 });
    let err = RfbClient::new().receive(b"HTTP/1.1 400").unwrap_err();
    assert!(matches!(err, RfbError::NotRfb(_)));
    let mut client = RfbClient::new();
    client.receive(b"RFB 003.008\n").unwrap();
    assert_eq!(
        client.receive(&[1, 2]).unwrap_err(),
        RfbError::NoSupportedSecurity(vec![2])
    );
    // The connection stays failed.
    assert!(client.receive(&[0]).is_err());
}

#[test]
fn failure_reasons_are_surfaced() {
    let mut client = RfbClient::new();
    client.receive(b"RFB 003.008\n").unwrap();
    let mut refusal = vec![0, 0, 0, 0, 12];
    refusal.extend(b"Too many con");
    // Incomplete reason: waits.
    assert_eq!(client.receive(&refusal[..8]).unwrap(), Step::default());
    let err = client.receive(&refusal[8..]).unwrap_err();
    assert_eq!(err, RfbError::Refused("Too many con".into()));
    assert_eq!(
        err.to_string(),
        "the server refused the connection: Too many con"
    );

    let mut client = RfbClient::new();
    client.receive(b"RFB 003.008\n").unwrap();
    client.receive(&[1, 1]).unwrap();
    let mut failed = vec![0, 0, 0, 1, 0, 0, 0, 6];
    failed.extend(b"denied");
    assert_eq!(
        client.receive(&failed).unwrap_err(),
        RfbError::SecurityFailed("denied".into())
    );

    let mut client = RfbClient::new();
    client.receive(b"RFB 003.003\n").unwrap();
    let err = client
        .receive(&[0, 0, 0, 0, 0, 0, 0, 2, b'n', b'o'])
        .unwrap_err();
    assert_eq!(err, RfbError::Refused("no".into()));
}

#[test]
fn raw_and_copyrect_draw_into_the_framebuffer() {
    let mut client = connected(4, 4);
    let red: Vec<u8> = [255, 0, 0, 0].repeat(4);
    let bytes = update(&[
        rect(0, 0, 2, 2, RAW, &red),
        rect(2, 2, 2, 2, COPY_RECT, &[0, 0, 0, 0]),
    ]);
    let step = client.receive(&bytes).unwrap();
    let mut fb = Framebuffer::new(4, 4);
    for event in &step.events {
        if let Event::Draw(op) = event {
            fb.apply(op);
        }
    }
    assert_eq!(fb.pixel(1, 1), Some([255, 0, 0, 255]));
    assert_eq!(fb.pixel(3, 3), Some([255, 0, 0, 255]));
    assert_eq!(fb.pixel(2, 1), Some([0, 0, 0, 255]));
    let copy = Draw::Copy {
        src_x: 0,
        src_y: 0,
        x: 2,
        y: 2,
        w: 2,
        h: 2,
    };
    assert_eq!(step.events[1], Event::Draw(copy));
    // The update is done: the next incremental request goes out.
    assert_eq!(
        step.reply,
        messages::framebuffer_update_request(true, 0, 0, 4, 4)
    );
}

#[test]
fn a_rectangle_split_across_chunks_waits_for_the_rest() {
    let mut client = connected(2, 2);
    let bytes = update(&[
        rect(0, 0, 1, 1, RAW, &[9, 9, 9, 0]),
        rect(1, 1, 1, 1, RAW, &[7; 4]),
    ]);
    // Up to the middle of the second rectangle: the first one is drawn already.
    let step = client.receive(&bytes[..bytes.len() - 2]).unwrap();
    assert_eq!(step.events.len(), 1);
    assert!(step.reply.is_empty());
    let step = client.receive(&bytes[bytes.len() - 2..]).unwrap();
    let last = Draw::Pixels {
        x: 1,
        y: 1,
        w: 1,
        h: 1,
        rgba: vec![7, 7, 7, 255],
    };
    assert_eq!(step.events, [Event::Draw(last), Event::UpdateDone]);
    // Byte by byte gives the same events.
    let mut client = connected(2, 2);
    let step = feed_bytewise(&mut client, &bytes);
    assert_eq!(step.events.len(), 3);
}

#[test]
fn desktop_size_resizes_and_asks_for_the_whole_new_screen() {
    let mut client = connected(720, 400);
    let step = client
        .receive(&update(&[rect(0, 0, 1024, 768, DESKTOP_SIZE, &[])]))
        .unwrap();
    assert_eq!(
        step.events[0],
        Event::Draw(Draw::Resize { w: 1024, h: 768 })
    );
    assert_eq!(client.size(), (1024, 768));
    assert_eq!(
        step.reply,
        messages::framebuffer_update_request(false, 0, 0, 1024, 768)
    );
    // ExtendedDesktopSize with one screen, status 0.
    let mut screen = vec![1, 0, 0, 0];
    screen.extend([0u8; 16]);
    let step = client
        .receive(&update(&[rect(1, 0, 800, 600, -308, &screen)]))
        .unwrap();
    assert_eq!(step.events[0], Event::Draw(Draw::Resize { w: 800, h: 600 }));
    // The same size again (QEMU answers every full request so) changes nothing.
    let step = client
        .receive(&update(&[rect(0, 0, 800, 600, -308, &screen)]))
        .unwrap();
    assert_eq!(step.events, [Event::UpdateDone]);
    assert_eq!(
        step.reply,
        messages::framebuffer_update_request(true, 0, 0, 800, 600)
    );
    // Rectangles must fit the new size.
    let err = client
        .receive(&update(&[rect(0, 0, 801, 1, RAW, &[0; 801 * 4])]))
        .unwrap_err();
    assert!(matches!(err, RfbError::OutOfBounds { fb_w: 800, .. }));
}

#[test]
fn extended_key_events_after_the_servers_ack() {
    let mut client = connected(8, 8);
    let a = Key {
        keysym: 0x61,
        scancode: 0x1e,
    };
    assert_eq!(client.key(a, true), messages::key_event(true, 0x61));
    let step = client
        .receive(&update(&[rect(0, 0, 8, 8, -258, &[])]))
        .unwrap();
    assert_eq!(step.events[0], Event::ExtendedKeys);
    assert!(client.extended_keys());
    assert_eq!(
        client.key(a, false),
        messages::qemu_key_event(false, 0x61, 0x1e)
    );
    // A key with only a keysym still goes out as a plain key event.
    let unicode = Key {
        keysym: 0x0100_20ac,
        scancode: 0,
    };
    assert_eq!(
        client.key(unicode, true),
        messages::key_event(true, 0x0100_20ac)
    );
}

#[test]
fn bell_cut_text_colour_map_and_last_rect() {
    let mut client = connected(8, 8);
    let mut bytes = vec![2, 3, 0, 0, 0, 0, 0, 0, 3, b'h', 0xe9, b'!'];
    // SetColourMapEntries with 2 colours: skipped.
    bytes.extend([1, 0, 0, 0, 0, 2]);
    bytes.extend([0; 12]);
    // An update announcing 0xffff rectangles that ends early with LastRect.
    bytes.extend([0, 0, 0xff, 0xff]);
    bytes.extend(rect(0, 0, 0, 0, -224, &[]));
    bytes.push(2);
    let step = client.receive(&bytes).unwrap();
    let expected = [
        Event::Bell,
        Event::CutText("hé!".into()),
        Event::UpdateDone,
        Event::Bell,
    ];
    assert_eq!(step.events, expected);
}

#[test]
fn unknown_messages_and_encodings_are_errors() {
    let mut client = connected(8, 8);
    assert_eq!(
        client.receive(&[9]).unwrap_err(),
        RfbError::UnknownMessage(9)
    );
    let mut client = connected(8, 8);
    let err = client
        .receive(&update(&[rect(0, 0, 1, 1, 5, &[])]))
        .unwrap_err();
    assert_eq!(err, RfbError::UnknownEncoding(5));
}

#[test]
fn pointer_is_clamped_to_the_screen() {
    let client = connected(100, 50);
    let buttons = crate::logic::rfb::buttons::WHEEL_UP;
    assert_eq!(
        client.pointer(500, 10, buttons),
        messages::pointer_event(8, 99, 10)
    );
    assert_eq!(client.cut_text("x"), messages::client_cut_text("x"));
}
