//! The app's VNC client against the mock's RFB server, in memory: the simulated guest's screens
//! (firmware, Windows Setup, the desktop and its changes, the stop screen) arrive pixel for
//! pixel through ZRLE, CopyRect and DesktopSize as the client asks for them, and through Raw
//! when it does not ask for ZRLE; ZRLE sends a small part of Raw's bytes. With `--nocapture`
//! it prints the byte counts and how long one full update takes to decode.
#![cfg(not(target_arch = "wasm32"))]

use std::time::{Duration, Instant};

use mock_api::console::framebuffer::Framebuffer as GuestScreen;
use mock_api::console::rfb::RfbServer;
use mock_api::console::screens::{Screen, Tools};
use windows_vms::logic::rfb::messages::{self, ENCODINGS};
use windows_vms::logic::rfb::{Event, Framebuffer, RfbClient};

/// What the client asks for when it should get Raw: its own list without ZRLE.
fn without_zrle() -> Vec<i32> {
    ENCODINGS
        .into_iter()
        .filter(|encoding| *encoding != messages::ZRLE)
        .collect()
}

/// One connection: the server, the client and what the client has drawn.
struct Session {
    server: RfbServer,
    client: RfbClient,
    drawn: Framebuffer,
    /// The client's SetEncodings as sent instead of its own.
    encodings: Vec<u8>,
    /// What the server sent, in order; `true` marks a framebuffer update's bytes.
    transcript: Vec<(bool, Vec<u8>)>,
}

impl Session {
    /// Connects and runs until the client has all of `screen`.
    fn connect(screen: &GuestScreen, encodings: &[i32]) -> Self {
        let (server, greeting) = RfbServer::new("w");
        let mut session = Self {
            server,
            client: RfbClient::new(),
            drawn: Framebuffer::default(),
            encodings: messages::set_encodings(encodings),
            transcript: vec![(false, greeting.clone())],
        };
        session.run(screen, greeting);
        session
    }

    /// Passes bytes both ways until the server has nothing more to send for `screen`.
    fn run(&mut self, screen: &GuestScreen, mut to_client: Vec<u8>) {
        for _ in 0..100 {
            let step = self
                .client
                .receive(&to_client)
                .expect("the client takes what the server sends");
            for event in step.events {
                match event {
                    Event::Connected(info) => {
                        self.drawn = Framebuffer::new(info.width, info.height)
                    }
                    Event::Draw(op) => self.drawn.apply(&op),
                    _ => {}
                }
            }
            let reply = replace(
                &step.reply,
                &messages::set_encodings(&ENCODINGS),
                &self.encodings,
            );
            let mut answer = Vec::new();
            self.server
                .receive(&reply, screen, &mut answer, &mut Vec::new())
                .expect("the server takes what the client sends");
            let mut update = Vec::new();
            self.server.update(screen, &mut update);
            if answer.is_empty() && update.is_empty() {
                return;
            }
            self.transcript.push((false, answer.clone()));
            self.transcript.push((true, update.clone()));
            to_client = [answer, update].concat();
        }
        panic!("the server never stopped sending");
    }

    /// Shows the client another screen.
    fn show(&mut self, screen: &GuestScreen) {
        self.run(screen, Vec::new());
    }

    /// Bytes of the framebuffer updates so far.
    fn update_bytes(&self) -> usize {
        self.transcript
            .iter()
            .filter(|(update, _)| *update)
            .map(|(_, bytes)| bytes.len())
            .sum()
    }

    /// How long a new client takes to decode the first update (the whole screen), the best of
    /// a few tries; the handshake before it is not timed.
    fn time_first_update(&self) -> Duration {
        let first = self
            .transcript
            .iter()
            .position(|(update, bytes)| *update && !bytes.is_empty())
            .expect("an update");
        (0..5)
            .map(|_| {
                let mut client = RfbClient::new();
                for (_, bytes) in &self.transcript[..first] {
                    client.receive(bytes).expect("the handshake");
                }
                let start = Instant::now();
                let step = client
                    .receive(&self.transcript[first].1)
                    .expect("the update");
                let took = start.elapsed();
                assert!(step.events.contains(&Event::UpdateDone));
                took
            })
            .min()
            .unwrap_or_default()
    }
}

/// `bytes` with the first `from` in it replaced by `to`.
fn replace(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    match bytes.windows(from.len()).position(|window| window == from) {
        Some(at) => [&bytes[..at], to, &bytes[at + from.len()..]].concat(),
        None => bytes.to_vec(),
    }
}

/// Asserts the client shows `screen` exactly.
fn assert_shows(drawn: &Framebuffer, screen: &GuestScreen, what: &str) {
    assert_eq!(
        (usize::from(drawn.width()), usize::from(drawn.height())),
        (screen.width, screen.height),
        "{what}: the size"
    );
    let expected: Vec<u8> = screen
        .pixels
        .iter()
        .flat_map(|rgb| [(rgb >> 16) as u8, (rgb >> 8) as u8, *rgb as u8, 255])
        .collect();
    if drawn.rgba() != expected {
        let at = drawn
            .rgba()
            .chunks(4)
            .zip(expected.chunks(4))
            .position(|(a, b)| a != b)
            .unwrap_or_default();
        panic!(
            "{what}: pixel ({}, {}) differs",
            at % screen.width,
            at / screen.width
        );
    }
}

/// The guest from power-on to the stop screen, as one connection sees it.
fn boot() -> Vec<(&'static str, GuestScreen)> {
    vec![
        ("firmware", Screen::Firmware.draw("w", "")),
        ("setup", Screen::WindowsSetup.draw("w", "")),
        ("desktop", Screen::Desktop(Tools::Offered).draw("w", "")),
        (
            "installing",
            Screen::Desktop(Tools::Installing).draw("w", ""),
        ),
        ("typed", Screen::Desktop(Tools::Nothing).draw("w", "dir")),
        ("stop screen", Screen::StopError.draw("w", "")),
    ]
}

#[test]
fn every_screen_arrives_pixel_for_pixel_with_zrle_and_with_raw() {
    for encodings in [ENCODINGS.to_vec(), without_zrle()] {
        let screens = boot();
        let mut session = Session::connect(&screens[0].1, &encodings);
        assert_shows(&session.drawn, &screens[0].1, screens[0].0);
        for (what, screen) in &screens[1..] {
            session.show(screen);
            assert_shows(&session.drawn, screen, what);
        }
    }
}

#[test]
fn zrle_sends_a_small_part_of_raws_bytes_and_decodes_quickly() {
    let build = if cfg!(debug_assertions) {
        "debug build"
    } else {
        "optimised build"
    };
    println!("first full update of each screen, bytes ({build}):");
    for (what, screen) in boot() {
        let zrle = Session::connect(&screen, &ENCODINGS);
        let raw = Session::connect(&screen, &without_zrle());
        assert_shows(&zrle.drawn, &screen, what);
        let (zrle_bytes, raw_bytes) = (zrle.update_bytes(), raw.update_bytes());
        println!(
            "  {what:<12} {}x{}: ZRLE {zrle_bytes:>5}, Raw {raw_bytes:>7} ({}x fewer)",
            screen.width,
            screen.height,
            raw_bytes / zrle_bytes.max(1)
        );
        assert!(
            zrle_bytes * 20 < raw_bytes,
            "{what}: {zrle_bytes} of {raw_bytes}"
        );
    }
    let desktop = Screen::Desktop(Tools::Offered).draw("w", "");
    let zrle = Session::connect(&desktop, &ENCODINGS).time_first_update();
    let raw = Session::connect(&desktop, &without_zrle()).time_first_update();
    println!("decoding one full 1280x800 update ({build}): ZRLE {zrle:.2?}, Raw {raw:.2?}");
}
