//! The escape-sequence parser: turns decoded characters into printable characters, C0 controls,
//! ESC and CSI sequences, one character at a time so a sequence split across chunks simply goes
//! on with the next chunk. Strings (OSC, DCS, SOS, PM, APC) are read and dropped.

/// At most this many parameters are kept; more are read and ignored, so input stays bounded.
pub const MAX_PARAMS: usize = 16;
/// Parameters are clamped here: no real sequence needs more, and counts stay cheap to obey.
pub const MAX_PARAM: u16 = 9999;

/// A CSI sequence: `ESC [`, an optional private marker (`?`, `>`, `=`, `<`), numeric parameters,
/// an optional intermediate and the final character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Csi {
    pub private: Option<char>,
    params: [u16; MAX_PARAMS],
    /// Parameters present, counting empty ones (`;5` has two).
    len: usize,
    pub intermediate: Option<char>,
    pub final_char: char,
}

impl Csi {
    /// Parameter `index`, or `default` when it is absent or zero (as counts and positions mean).
    pub fn count(&self, index: usize, default: u16) -> u16 {
        match self.param(index) {
            0 => default,
            value => value,
        }
    }

    /// Parameter `index` as written, 0 when absent.
    pub fn param(&self, index: usize) -> u16 {
        if index < self.len {
            self.params[index]
        } else {
            0
        }
    }

    pub fn params(&self) -> &[u16] {
        &self.params[..self.len]
    }
}

/// What one character of input amounts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Print(char),
    Control(char),
    Esc {
        intermediate: Option<char>,
        final_char: char,
    },
    Csi(Csi),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Ground,
    Escape,
    EscapeIntermediate(char),
    CsiParams,
    /// A malformed CSI sequence, read up to its final character and dropped.
    CsiIgnore,
    /// Inside an OSC, DCS, SOS, PM or APC string.
    String,
    /// An ESC inside a string: `\` ends the string, anything else starts a new sequence.
    StringEscape,
}

#[derive(Debug, Clone)]
pub struct Parser {
    state: State,
    csi: Csi,
    /// Set once more than [`MAX_PARAMS`] parameters came: the rest are read but not kept.
    params_overflowed: bool,
}

impl Default for Parser {
    fn default() -> Self {
        Parser {
            state: State::Ground,
            csi: Csi {
                private: None,
                params: [0; MAX_PARAMS],
                len: 0,
                intermediate: None,
                final_char: '\0',
            },
            params_overflowed: false,
        }
    }
}

impl Parser {
    /// Feeds one character; returns what it completed, if anything.
    pub fn advance(&mut self, c: char) -> Option<Action> {
        // CAN and SUB abort any sequence; ESC starts a new one from anywhere but a string.
        match c {
            '\u{18}' | '\u{1a}' => {
                self.state = State::Ground;
                return None;
            }
            '\u{1b}' => {
                self.state = match self.state {
                    State::String | State::StringEscape => State::StringEscape,
                    _ => State::Escape,
                };
                return None;
            }
            _ => {}
        }
        match self.state {
            State::Ground => Some(if is_control(c) {
                Action::Control(c)
            } else {
                Action::Print(c)
            }),
            State::Escape => self.escape(c),
            State::EscapeIntermediate(intermediate) => self.escape_intermediate(intermediate, c),
            State::CsiParams => self.csi_param(c),
            State::CsiIgnore => {
                if is_control(c) {
                    return Some(Action::Control(c));
                }
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    self.state = State::Ground;
                }
                None
            }
            State::String => {
                if c == '\u{7}' {
                    self.state = State::Ground;
                }
                None
            }
            State::StringEscape => {
                // ESC \ ends the string; any other ESC sequence ends it too and is obeyed.
                self.state = State::Escape;
                if c == '\\' {
                    self.state = State::Ground;
                    None
                } else {
                    self.escape(c)
                }
            }
        }
    }

    fn escape(&mut self, c: char) -> Option<Action> {
        match c {
            '[' => {
                self.csi.private = None;
                self.csi.len = 0;
                self.csi.intermediate = None;
                self.params_overflowed = false;
                self.state = State::CsiParams;
                None
            }
            ']' | 'P' | 'X' | '^' | '_' => {
                self.state = State::String;
                None
            }
            _ if is_control(c) => Some(Action::Control(c)),
            '\u{20}'..='\u{2f}' => {
                self.state = State::EscapeIntermediate(c);
                None
            }
            _ => {
                self.state = State::Ground;
                Some(Action::Esc {
                    intermediate: None,
                    final_char: c,
                })
            }
        }
    }

    fn escape_intermediate(&mut self, intermediate: char, c: char) -> Option<Action> {
        match c {
            _ if is_control(c) => Some(Action::Control(c)),
            // Further intermediates (never used by the sequences obeyed here) are skipped.
            '\u{20}'..='\u{2f}' => None,
            _ => {
                self.state = State::Ground;
                Some(Action::Esc {
                    intermediate: Some(intermediate),
                    final_char: c,
                })
            }
        }
    }

    fn csi_param(&mut self, c: char) -> Option<Action> {
        match c {
            _ if is_control(c) => return Some(Action::Control(c)),
            '0'..='9' if self.csi.intermediate.is_none() => {
                if self.csi.len == 0 {
                    self.csi.len = 1;
                    self.csi.params[0] = 0;
                }
                if !self.params_overflowed {
                    let index = self.csi.len - 1;
                    let digit = c as u16 - '0' as u16;
                    let value = self.csi.params[index]
                        .saturating_mul(10)
                        .saturating_add(digit);
                    self.csi.params[index] = value.min(MAX_PARAM);
                }
            }
            // Colons separate sub-parameters (`38:2:r:g:b`); they are read like semicolons.
            ';' | ':' if self.csi.intermediate.is_none() => {
                if self.csi.len == 0 {
                    self.csi.len = 1;
                    self.csi.params[0] = 0;
                }
                if self.csi.len < MAX_PARAMS {
                    self.csi.params[self.csi.len] = 0;
                    self.csi.len += 1;
                } else {
                    self.params_overflowed = true;
                }
            }
            '<'..='?' if self.csi.len == 0 && self.csi.private.is_none() => {
                self.csi.private = Some(c);
            }
            '\u{20}'..='\u{2f}' if self.csi.intermediate.is_none() => {
                self.csi.intermediate = Some(c);
            }
            '\u{40}'..='\u{7e}' => {
                self.state = State::Ground;
                self.csi.final_char = c;
                return Some(Action::Csi(self.csi.clone()));
            }
            _ => self.state = State::CsiIgnore,
        }
        None
    }
}

/// C0 controls, DEL and the C1 range: reported as controls so unknown ones print nothing.
fn is_control(c: char) -> bool {
    c < '\u{20}' || ('\u{7f}'..='\u{9f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<Action> {
        let mut parser = Parser::default();
        text.chars().filter_map(|c| parser.advance(c)).collect()
    }

    #[test]
    fn csi_parameters_are_read_with_defaults_and_private_markers() {
        let actions = parse("\x1b[?25l\x1b[;5H");
        let [Action::Csi(hide), Action::Csi(position)] = actions.as_slice() else {
            panic!("{actions:?}");
        };
        assert_eq!(
            (hide.private, hide.params(), hide.final_char),
            (Some('?'), &[25][..], 'l')
        );
        assert_eq!(position.params(), &[0, 5]);
        assert_eq!((position.count(0, 1), position.count(1, 1)), (1, 5));
    }

    #[test]
    fn huge_and_many_parameters_stay_bounded() {
        let long = format!("\x1b[{}m", "99999999;".repeat(100));
        let actions = parse(&long);
        let [Action::Csi(csi)] = actions.as_slice() else {
            panic!("{actions:?}");
        };
        assert_eq!(csi.params().len(), MAX_PARAMS);
        assert!(csi.params().iter().all(|&p| p <= MAX_PARAM));
    }

    #[test]
    fn strings_are_dropped_and_controls_inside_sequences_still_act() {
        assert_eq!(
            parse("\x1b]0;title\x07a\x1b]2;t\x1b\\b\x1b[1\r2C"),
            vec![
                Action::Print('a'),
                Action::Print('b'),
                Action::Control('\r'),
                Action::Csi(Csi {
                    private: None,
                    params: {
                        let mut params = [0; MAX_PARAMS];
                        params[0] = 12;
                        params
                    },
                    len: 1,
                    intermediate: None,
                    final_char: 'C',
                }),
            ]
        );
    }
}
