//! What each control, ESC and CSI sequence does to the terminal. Anything not listed is ignored,
//! so unknown sequences never disturb the stream.

use super::parser::{Action, Csi};
use super::screen::CursorState;
use super::{Charset, Terminal};

impl Terminal {
    /// Obeys one parsed action; false when it was ignored (nothing on screen changed).
    pub(super) fn perform(&mut self, action: Action) -> bool {
        match action {
            Action::Print(ch) => {
                let ch = self.charset().translate(ch);
                self.screen.print(ch);
                true
            }
            Action::Control(control) => self.control(control),
            Action::Esc {
                intermediate,
                final_char,
            } => self.escape(intermediate, final_char),
            Action::Csi(csi) => self.csi(&csi),
        }
    }

    fn charset(&self) -> Charset {
        self.charsets[usize::from(self.shifted_out)]
    }

    fn control(&mut self, control: char) -> bool {
        match control {
            '\u{7}' => self.bells += 1,
            '\u{8}' => self.screen.backspace(),
            '\t' => self.screen.tab(1),
            '\n' | '\u{b}' | '\u{c}' => self.screen.line_feed(),
            '\r' => self.screen.carriage_return(),
            '\u{e}' => self.shifted_out = true,
            '\u{f}' => self.shifted_out = false,
            _ => return false,
        }
        true
    }

    fn escape(&mut self, intermediate: Option<char>, final_char: char) -> bool {
        match (intermediate, final_char) {
            (None, 'c') => self.reset(),
            (None, '7') => self.screen.save_cursor(),
            (None, '8') => self.screen.restore_cursor(),
            (None, 'D') => self.screen.line_feed(),
            (None, 'E') => {
                self.screen.carriage_return();
                self.screen.line_feed();
            }
            (None, 'M') => self.screen.reverse_index(),
            (Some('('), designation) => self.charsets[0] = Charset::designated(designation),
            (Some(')'), designation) => self.charsets[1] = Charset::designated(designation),
            _ => return false,
        }
        true
    }

    fn csi(&mut self, csi: &Csi) -> bool {
        match (csi.private, csi.intermediate) {
            (None, None) => self.csi_standard(csi),
            (Some('?'), None) if matches!(csi.final_char, 'h' | 'l') => {
                let on = csi.final_char == 'h';
                for &mode in csi.params() {
                    self.set_private_mode(mode, on);
                }
                true
            }
            (None, Some('!')) if csi.final_char == 'p' => {
                self.soft_reset();
                true
            }
            _ => false,
        }
    }

    fn csi_standard(&mut self, csi: &Csi) -> bool {
        let screen = &mut self.screen;
        let count = usize::from(csi.count(0, 1));
        let signed = count as isize;
        // Positions are 1-based on the wire; 0 means 1.
        let position = |index: usize| usize::from(csi.count(index, 1)) - 1;
        match csi.final_char {
            '@' => screen.insert_chars(count),
            'A' => screen.move_rows(-signed),
            'B' | 'e' => screen.move_rows(signed),
            'C' | 'a' => screen.move_cols(signed),
            'D' => screen.move_cols(-signed),
            'E' => {
                screen.move_rows(signed);
                screen.carriage_return();
            }
            'F' => {
                screen.move_rows(-signed);
                screen.carriage_return();
            }
            'G' | '`' => screen.move_to(screen.cursor.row, position(0)),
            'H' | 'f' => screen.move_to(position(0), position(1)),
            'I' => screen.tab(count),
            'Z' => screen.back_tab(count),
            'J' => screen.erase_display(csi.param(0)),
            'K' => screen.erase_line(csi.param(0)),
            'L' => screen.insert_lines(count),
            'M' => screen.delete_lines(count),
            'P' => screen.delete_chars(count),
            'S' => screen.scroll_up(count),
            'T' => screen.scroll_down(count),
            'X' => screen.erase_chars(count),
            'd' => screen.move_to(position(0), screen.cursor.col),
            'm' => screen.cursor.pen.apply_sgr(csi.params()),
            'r' => screen.set_scroll_region(csi.param(0).into(), csi.param(1).into()),
            's' => screen.save_cursor(),
            'u' => screen.restore_cursor(),
            'h' | 'l' if csi.params().contains(&4) => screen.insert_mode = csi.final_char == 'h',
            'n' => return self.report_status(csi.param(0)),
            'c' if csi.param(0) == 0 => {
                // A VT100 with advanced video: what the guest's programs expect of a serial line.
                self.replies.extend_from_slice(b"\x1b[?1;2c");
                return false;
            }
            't' if csi.param(0) == 18 => {
                let report = format!("\x1b[8;{};{}t", screen.rows, screen.cols);
                self.replies.extend_from_slice(report.as_bytes());
                return false;
            }
            _ => return false,
        }
        true
    }

    /// DSR: 5 asks whether the terminal is fine, 6 where the cursor is (programs use it to learn
    /// the screen size by moving the cursor far down and right).
    fn report_status(&mut self, request: u16) -> bool {
        match request {
            5 => self.replies.extend_from_slice(b"\x1b[0n"),
            6 => {
                let cursor = self.screen.cursor;
                let report = format!("\x1b[{};{}R", cursor.row + 1, cursor.col + 1);
                self.replies.extend_from_slice(report.as_bytes());
            }
            _ => {}
        }
        false
    }

    fn set_private_mode(&mut self, mode: u16, on: bool) {
        match mode {
            1 => self.application_cursor_keys = on,
            7 => self.screen.autowrap = on,
            25 => self.cursor_visible = on,
            47 | 1047 | 1049 => {
                if on {
                    if mode == 1049 {
                        self.screen.save_cursor();
                    }
                    self.screen.enter_alternate_screen();
                } else {
                    self.screen.leave_alternate_screen();
                    if mode == 1049 {
                        self.screen.restore_cursor();
                    }
                }
            }
            2004 => self.bracketed_paste = on,
            _ => {}
        }
    }

    /// DECSTR: modes and attributes back to their defaults, the screen's text left alone.
    fn soft_reset(&mut self) {
        let screen = &mut self.screen;
        screen.cursor.pen = Default::default();
        screen.cursor.pending_wrap = false;
        screen.saved_cursor = CursorState::default();
        screen.autowrap = true;
        screen.insert_mode = false;
        screen.scroll_top = 0;
        screen.scroll_bottom = screen.rows - 1;
        self.cursor_visible = true;
        self.application_cursor_keys = false;
        self.charsets = [Charset::Ascii; 2];
        self.shifted_out = false;
    }
}
