//! Tests of the terminal against what real guests send: agetty and bash, systemd, SeaBIOS and
//! Windows' SAC, plus split input and arbitrary bytes.

use super::*;

fn fed(bytes: &[u8]) -> Terminal {
    let mut terminal = Terminal::default();
    terminal.feed(bytes);
    terminal
}

/// The visible rows as plain text, trailing blanks dropped.
fn rows(terminal: &Terminal) -> Vec<String> {
    terminal
        .lines()
        .map(|line| {
            line.iter()
                .map(|span| span.text.as_str())
                .collect::<String>()
        })
        .map(|row| row.trim_end().to_string())
        .collect()
}

fn at(terminal: &Terminal) -> (usize, usize) {
    let cursor = terminal.cursor();
    (cursor.row, cursor.col)
}

#[test]
fn linux_login_shows_the_prompt_where_the_cursor_waits() {
    let mut terminal = fed(
        b"\r\nFedora Linux 40 (Server Edition)\r\nKernel 6.8.5-301.fc40.x86_64 on an x86_64 (ttyS0)\r\n\r\nvm login: ",
    );
    assert_eq!(at(&terminal), (4, 10));
    terminal.feed(b"root\r\nPassword: ");
    terminal.feed(b"\r\nLast login: Sun Nov 29 10:00:00 on ttyS0\r\n");
    terminal.feed(b"\x1b]0;root@vm:~\x07\x1b[?2004h[root@vm ~]# ");
    let screen = rows(&terminal);
    assert_eq!(screen[1], "Fedora Linux 40 (Server Edition)");
    assert_eq!(screen[4], "vm login: root");
    assert_eq!(screen[5], "Password:");
    assert_eq!(screen[6], "Last login: Sun Nov 29 10:00:00 on ttyS0");
    assert_eq!(screen[7], "[root@vm ~]#");
    assert_eq!(at(&terminal), (7, 13));
    assert!(terminal.cursor().visible);
    assert_eq!(terminal.paste("ls\n"), b"\x1b[200~ls\r\x1b[201~".to_vec());
}

#[test]
fn systemd_status_line_keeps_its_colours() {
    let terminal =
        fed(b"[\x1b[0;32m  OK  \x1b[0m] Started \x1b[0;1;39mjournald.service\x1b[0m.\r\n");
    let line = terminal.lines().next().unwrap_or_default();
    let green = Style {
        fg: Color::Indexed(2),
        ..Style::default()
    };
    let bold = Style {
        bold: true,
        ..Style::default()
    };
    let spans: Vec<(&str, Style)> = line.iter().map(|s| (s.text.as_str(), s.style)).collect();
    assert_eq!(
        spans,
        vec![
            ("[", Style::default()),
            ("  OK  ", green),
            ("] Started ", Style::default()),
            ("journald.service", bold),
            (".", Style::default()),
        ]
    );
}

#[test]
fn readline_editing_with_backspace_erase_and_insert() {
    let mut terminal = fed(b"$ hello wrld");
    terminal.feed(b"\x08\x08\x08\x1b[K");
    terminal.feed(b"orld");
    assert_eq!(rows(&terminal)[0], "$ hello world");
    // Moving back and inserting a character, as readline does for a typo in the middle.
    terminal.feed(b"\x1b[6D\x1b[1@,");
    assert_eq!(rows(&terminal)[0], "$ hello, world");
    assert_eq!(at(&terminal), (0, 8));
    terminal.feed(b"\x1b[4h!\x1b[4l\x1b[P");
    assert_eq!(rows(&terminal)[0], "$ hello,!world");
}

#[test]
fn seabios_reset_keeps_earlier_output_in_the_scrollback() {
    let mut terminal = fed(b"[  OK  ] Reached target reboot.target.\r\n");
    terminal.feed(
        b"\x1bc\x1b[?7l\x1b[2J\x1b[0mSeaBIOS (version 1.16.2)\r\nBooting from Hard Disk...\r\n",
    );
    assert_eq!(
        rows(&terminal)[..3],
        ["SeaBIOS (version 1.16.2)", "Booting from Hard Disk...", ""]
    );
    assert_eq!(at(&terminal), (2, 0));
    assert_eq!(terminal.scrollback_len(), 1);
    // Autowrap is off: a long line stays on its row, its last column overwritten.
    terminal.feed(&[b'x'; 100]);
    assert_eq!(at(&terminal), (2, 79));
    assert_eq!(rows(&terminal)[3], "");
    assert!(terminal
        .text()
        .starts_with("[  OK  ] Reached target reboot.target.\nSeaBIOS"));
}

#[test]
fn sac_prompt_after_its_banner() {
    let terminal = fed(
        b"\x1b[2J\x1b[0;0H\r\nComputer is booting, SAC started and initialized.\r\n\r\nUse the \"ch -?\" command for information about using channels.\r\nUse the \"?\" command for general help.\r\n\r\n\r\nSAC>",
    );
    let screen = rows(&terminal);
    assert_eq!(
        screen[1],
        "Computer is booting, SAC started and initialized."
    );
    assert_eq!(screen[7], "SAC>");
    assert_eq!(at(&terminal), (7, 4));
}

#[test]
fn scrollback_holds_lines_scrolled_off_the_top() {
    let mut terminal = Terminal::default();
    for number in 0..100 {
        terminal.feed(format!("line {number}\r\n").as_bytes());
    }
    assert_eq!(terminal.scrollback_len(), 77);
    let first = terminal.scrollback().next().unwrap_or_default();
    assert_eq!(first[0].text, "line 0");
    let middle: Vec<Line> = terminal.scrollback_range(10..12).collect();
    assert_eq!((middle[0][0].text.as_str(), middle.len()), ("line 10", 2));
    assert_eq!(terminal.scrollback_range(70..500).count(), 7);
    assert_eq!(
        terminal
            .scrollback_range(std::ops::Range { start: 500, end: 5 })
            .count(),
        0
    );
    assert_eq!(rows(&terminal)[0], "line 77");
    assert_eq!(rows(&terminal)[22], "line 99");
    let text = terminal.text();
    assert!(text.starts_with("line 0\nline 1\n"));
    assert!(text.ends_with("line 98\nline 99"));

    let mut bounded = Terminal::default().with_scrollback(10);
    for number in 0..100 {
        bounded.feed(format!("line {number}\r\n").as_bytes());
    }
    assert_eq!(bounded.scrollback_len(), 10);
    // ED 3 (as `clear` sends) empties it.
    bounded.feed(b"\x1b[H\x1b[2J\x1b[3J");
    assert_eq!(bounded.scrollback_len(), 0);
}

#[test]
fn autowrap_waits_for_the_next_character() {
    let mut terminal = fed(&[b'a'; 80]);
    assert_eq!(at(&terminal), (0, 79));
    terminal.feed(b"\r\nnext");
    assert_eq!(rows(&terminal)[1], "next");
    terminal.feed(b"\r\n");
    terminal.feed(&[b'b'; 81]);
    assert_eq!(rows(&terminal)[3], "b");
    // Copy joins the wrapped row with its continuation.
    assert!(terminal.text().ends_with(&"b".repeat(81)));
}

/// Exercises colours, UTF-8, CSI, OSC, charsets and scrolling in one stream.
const MIXED: &[u8] = "\x1b[1;31mred\x1b[0m é€😀 \x1b]0;title\x1b\\tab\there\r\n\x1b(0lqqk\x1b(B\x1b[2;3Hx\x1b[38;5;208morange\x1b[48;2;0;0;255mblue\x1b[m\x1b[5;1H\x1b[?25l\x1b[3Ldone\x1b[10;70H\x1b[1Kend\r\n"
    .as_bytes();

#[test]
fn input_split_at_any_byte_gives_the_same_screen() {
    let whole = fed(MIXED);
    let expected: Vec<Line> = whole.lines().collect();
    for split in 0..=MIXED.len() {
        let mut terminal = Terminal::default();
        terminal.feed(&MIXED[..split]);
        terminal.feed(&MIXED[split..]);
        assert_eq!(
            terminal.lines().collect::<Vec<_>>(),
            expected,
            "split at {split}"
        );
        assert_eq!(terminal.cursor(), whole.cursor());
    }
    let mut bytewise = Terminal::default();
    for byte in MIXED {
        bytewise.feed(std::slice::from_ref(byte));
    }
    assert_eq!(bytewise.lines().collect::<Vec<_>>(), expected);
    assert!(!whole.cursor().visible);
    let screen = rows(&whole);
    assert_eq!(screen[0], "red é€😀 tab     here");
    assert_eq!(screen[1], "┌─xorangeblue");
    assert_eq!(screen[4], "done");
    assert_eq!(
        screen[9],
        "                                                                     end"
    );
}

#[test]
fn scroll_region_scrolls_only_its_rows() {
    let mut terminal = Terminal::new(20, 6);
    for row in 0..6 {
        terminal.feed(format!("\x1b[{};1Hrow {row}", row + 1).as_bytes());
    }
    terminal.feed(b"\x1b[2;4r");
    assert_eq!(at(&terminal), (0, 0));
    terminal.feed(b"\x1b[4;1H\nnew");
    assert_eq!(
        rows(&terminal),
        ["row 0", "row 2", "row 3", "new", "row 4", "row 5"]
    );
    assert_eq!(terminal.scrollback_len(), 0);
    // Reverse index at the region's top scrolls it down.
    terminal.feed(b"\x1b[2;1H\x1bMtop");
    assert_eq!(
        rows(&terminal),
        ["row 0", "top", "row 2", "row 3", "row 4", "row 5"]
    );
    terminal.feed(b"\x1b[2;1H\x1b[M");
    assert_eq!(
        rows(&terminal),
        ["row 0", "row 2", "row 3", "", "row 4", "row 5"]
    );
}

#[test]
fn alternate_screen_leaves_the_main_screen_as_it_was() {
    let mut terminal = fed(b"$ vi\r\n");
    terminal.feed(b"\x1b[?1049h\x1b[H\x1b[2Jeditor\x1b[24;1H~");
    assert_eq!(rows(&terminal)[0], "editor");
    terminal.feed(b"\x1b[?1049l");
    assert_eq!(rows(&terminal)[..2], ["$ vi", ""]);
    assert_eq!(at(&terminal), (1, 0));
    assert_eq!(terminal.scrollback_len(), 0);
}

#[test]
fn status_queries_are_answered() {
    let mut terminal = fed(b"\x1b[999;999H\x1b[6n\x1b[5n\x1b[c\x1b[18t");
    assert_eq!(
        terminal.take_replies(),
        b"\x1b[24;80R\x1b[0n\x1b[?1;2c\x1b[8;24;80t".to_vec()
    );
    assert!(terminal.take_replies().is_empty());
}

#[test]
fn bells_modes_and_generation() {
    let mut terminal = Terminal::default();
    let start = terminal.generation();
    terminal.feed(b"\x1b]0;only a title\x07");
    assert_eq!(terminal.generation(), start);
    terminal.feed(b"\x07\x07");
    assert_eq!(terminal.bells(), 2);
    assert!(terminal.generation() > start);
    terminal.feed(b"\x1b[?1h");
    assert_eq!(terminal.key_mode(), KeyMode::ApplicationCursor);
    terminal.feed(b"\x1b[?1l");
    assert_eq!(terminal.key_mode(), KeyMode::Normal);
}

#[test]
fn erase_and_character_edits_stay_on_their_line() {
    let mut terminal = fed(b"0123456789\x1b[1;4H\x1b[2X");
    assert_eq!(rows(&terminal)[0], "012  56789");
    terminal.feed(b"\x1b[3P");
    assert_eq!(rows(&terminal)[0], "0126789");
    terminal.feed(b"\x1b[1K");
    assert_eq!(rows(&terminal)[0], "    789");
    terminal.feed(b"\x1b[2K\x1b[Jx\x1b[1J");
    assert!(rows(&terminal).iter().all(String::is_empty));
}

#[test]
fn resize_keeps_the_cursor_line() {
    let mut terminal = Terminal::default();
    for number in 0..30 {
        terminal.feed(format!("\r\nline {number}").as_bytes());
    }
    terminal.resize(40, 10);
    assert_eq!(terminal.size(), (40, 10));
    assert_eq!(rows(&terminal)[9], "line 29");
    assert_eq!(at(&terminal), (9, 7));
    terminal.resize(0, 0);
    assert_eq!(terminal.size(), (2, 1));
}

/// A small linear congruential generator: arbitrary but repeatable input without a dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as u32
    }
}

#[test]
fn arbitrary_bytes_never_panic_and_keep_the_cursor_on_screen() {
    // Bytes that start and fill sequences come often, so the parser's states all get exercised.
    const ALPHABET: &[u8] = b"\x1b\x1b\x1b[[[;;0123456789?!()0Bc78DEMHfABCDEFGdJKLMPSTX@mrhlnstZI\r\n\x08\t\x07\x0e\x0f\x18\x7f\xc3\xa9\xe2\x82\xf0\x9f]\\ aZ~\xff";
    let mut random = Lcg(42);
    let mut terminal = Terminal::new(30, 8).with_scrollback(50);
    for round in 0..3000 {
        let len = (random.next() % 64) as usize;
        let chunk: Vec<u8> = (0..len)
            .map(|_| {
                let pick = random.next();
                if pick.is_multiple_of(4) {
                    (pick >> 8) as u8
                } else {
                    ALPHABET[(pick >> 8) as usize % ALPHABET.len()]
                }
            })
            .collect();
        terminal.feed(&chunk);
        if round % 500 == 499 {
            let cols = 2 + (random.next() % 100) as usize;
            let rows = 1 + (random.next() % 40) as usize;
            terminal.resize(cols, rows);
        }
        let (cols, rows) = terminal.size();
        let cursor = terminal.cursor();
        assert!(cursor.row < rows && cursor.col < cols, "round {round}");
        assert_eq!(terminal.lines().count(), rows);
        assert!(terminal.scrollback_len() <= 50);
        terminal.take_replies();
    }
    let _ = terminal.text();
}
