//! The simulated guest's serial port, without I/O: a Linux login prompt, or Windows' Special
//! Administration Console (`SAC>`). It says nothing until something is typed (a guest prints
//! only when it has something to say), echoes what is typed as a terminal's line discipline
//! does, and answers a line or two.

/// Longest line the guest keeps; what is typed beyond it is dropped.
pub const MAX_LINE: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Nothing asked yet: Enter brings the prompt.
    Idle,
    Login,
    Password,
    Sac,
}

/// One guest's serial line.
#[derive(Debug)]
pub struct SerialGuest {
    windows: bool,
    name: String,
    stage: Stage,
    line: Vec<u8>,
}

impl SerialGuest {
    pub fn new(name: &str, windows: bool) -> Self {
        Self {
            windows,
            name: name.to_owned(),
            stage: Stage::Idle,
            line: Vec::new(),
        }
    }

    /// Takes bytes typed; gives the bytes the guest writes back.
    pub fn receive(&mut self, bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        for &byte in bytes {
            match byte {
                b'\r' | b'\n' => {
                    let line = String::from_utf8_lossy(&std::mem::take(&mut self.line))
                        .trim()
                        .to_owned();
                    out.extend_from_slice(b"\r\n");
                    self.answer(&line, &mut out);
                }
                0x7f | 0x08 => {
                    let removed = self.line.pop().is_some();
                    if removed && self.stage != Stage::Password {
                        out.extend_from_slice(b"\x08 \x08");
                    }
                }
                0x20..=0x7e | 0x80..=0xff if self.line.len() < MAX_LINE => {
                    self.line.push(byte);
                    if self.stage != Stage::Password {
                        out.push(byte);
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// Answers a whole line.
    fn answer(&mut self, line: &str, out: &mut Vec<u8>) {
        let text = match (self.stage, self.windows) {
            (Stage::Idle, true) | (Stage::Sac, _) => {
                let reply = if self.stage == Stage::Idle {
                    String::new()
                } else {
                    sac(line, &self.name)
                };
                self.stage = Stage::Sac;
                format!("{reply}SAC>")
            }
            (Stage::Idle, false) => {
                self.stage = Stage::Login;
                format!("\r\nFedora Linux 40 (Cloud Edition)\r\nKernel 6.8.5-301.fc40.x86_64 on an x86_64 (ttyS0)\r\n\r\n{} login: ", self.name)
            }
            (Stage::Login, _) if line.is_empty() => format!("{} login: ", self.name),
            (Stage::Login, _) => {
                self.stage = Stage::Password;
                "Password: ".to_owned()
            }
            (Stage::Password, _) => {
                self.stage = Stage::Login;
                format!("\r\nLogin incorrect\r\n{} login: ", self.name)
            }
        };
        out.extend_from_slice(text.as_bytes());
    }
}

/// SAC's answer to a command, ending with a blank line.
fn sac(command: &str, name: &str) -> String {
    match command.to_ascii_lowercase().as_str() {
        "" => String::new(),
        "?" | "help" => {
            [
                "ch             Channel management commands.",
                "cmd            Create a Command Prompt channel.",
                "help           Display this list (also ?).",
                "id             Display the computer identification information.",
                "restart        Restart the system immediately.",
                "",
            ]
            .join("\r\n")
                + "\r\n"
        }
        "id" => format!(
            "Computer Name: {}\r\nComputer Type: Virtual machine (KubeVirt)\r\n\r\n",
            name.to_uppercase()
        ),
        "cmd" => "The Command Prompt session was successfully launched.\r\n\r\n".to_owned(),
        other => format!("Unrecognized command: {other}. Type ? or help for the commands.\r\n\r\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sac_echoes_and_answers_help() {
        let mut guest = SerialGuest::new("w", true);
        assert_eq!(guest.receive(b"\r"), b"\r\nSAC>");
        let echoed = guest.receive(b"hex\x7flp\r");
        let text = String::from_utf8(echoed).unwrap();
        assert!(text.starts_with("hex\x08 \x08lp\r\n"), "{text:?}");
        assert!(text.contains("cmd            Create"), "{text:?}");
        assert!(text.ends_with("SAC>"));
    }

    #[test]
    fn linux_asks_for_a_login_and_hides_the_password() {
        let mut guest = SerialGuest::new("f", false);
        assert!(String::from_utf8(guest.receive(b"\r"))
            .unwrap()
            .ends_with("f login: "));
        assert!(String::from_utf8(guest.receive(b"root\r"))
            .unwrap()
            .ends_with("Password: "));
        let answer = String::from_utf8(guest.receive(b"secret\r")).unwrap();
        assert!(!answer.contains("secret") && answer.contains("Login incorrect"));
    }
}
