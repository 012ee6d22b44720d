//! The simulated guest's screens, drawn simply: the firmware while booting, a Linux text
//! console, Windows Setup, the Windows desktop (with the guest tools installer's button while
//! the tools CD waits), and the blue screen of a Windows that cannot reach its boot disk. Each
//! ends with a line that echoes what was typed last.

use crate::console::framebuffer::{Framebuffer, Rect};

/// Which screen the guest shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Firmware,
    Linux,
    WindowsSetup,
    Desktop(Tools),
    StopError,
}

/// Where the guest tools stand, as the desktop shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tools {
    /// No tools CD, or the tools are in and the agent is connected.
    Nothing,
    /// The tools CD is in: the desktop offers its installer.
    Offered,
    Installing,
}

pub const WHITE: u32 = 0x00ff_ffff;
pub const BLACK: u32 = 0x0000_0000;
pub const GREY: u32 = 0x00aa_aaaa;
/// The blue of Windows' stop screen.
pub const STOP_BLUE: u32 = 0x0000_78d7;
/// The desktop's background.
pub const DESKTOP_BLUE: u32 = 0x0010_3f6e;
pub const SETUP_PURPLE: u32 = 0x0024_1a4f;
pub const TASKBAR: u32 = 0x0020_2020;
pub const BUTTON_GREEN: u32 = 0x0010_7c10;

/// How many characters of the typed line are shown.
pub const TYPED_WIDTH: usize = 60;

/// The install button's place on the desktop (its screen is `DESKTOP` in size).
pub const INSTALL_BUTTON: Rect = Rect {
    x: 480,
    y: 360,
    w: 320,
    h: 56,
};

impl Screen {
    /// The screen's size in pixels: the firmware and setup run in 1024x768, the rest 1280x800.
    pub fn size(self) -> (usize, usize) {
        match self {
            Self::Firmware | Self::WindowsSetup | Self::Linux => (1024, 768),
            Self::Desktop(_) | Self::StopError => (1280, 800),
        }
    }

    /// The install button, where the screen shows one.
    pub fn install_button(self) -> Option<Rect> {
        (self == Self::Desktop(Tools::Offered)).then_some(INSTALL_BUTTON)
    }

    /// Draws the screen, with `typed` on its last text line.
    pub fn draw(self, name: &str, typed: &str) -> Framebuffer {
        let (width, height) = self.size();
        let (background, ink) = match self {
            Self::Firmware | Self::Linux => (BLACK, GREY),
            Self::WindowsSetup => (SETUP_PURPLE, WHITE),
            Self::Desktop(_) => (DESKTOP_BLUE, WHITE),
            Self::StopError => (STOP_BLUE, WHITE),
        };
        let mut screen = Framebuffer::new(width, height, background);
        match self {
            Self::Firmware => firmware(&mut screen),
            Self::Linux => linux(&mut screen, name),
            Self::WindowsSetup => setup(&mut screen),
            Self::Desktop(tools) => desktop(&mut screen, name, tools),
            Self::StopError => blue_screen(&mut screen),
        }
        let line_y = height - 64;
        screen.text(16, line_y, 2, ink, &format!("Typed: {typed}"));
        screen
    }
}

fn firmware(screen: &mut Framebuffer) {
    screen.text(8, 8, 2, GREY, "KubeVirt virtual machine firmware");
    screen.text(8, 32, 2, GREY, "Machine UUID checked, 1 CPU, memory OK");
    screen.text(8, 72, 2, WHITE, "Booting from Hard Disk...");
}

fn linux(screen: &mut Framebuffer, name: &str) {
    screen.text(8, 8, 2, GREY, "Fedora Linux 40 (Cloud Edition)");
    screen.text(
        8,
        24,
        2,
        GREY,
        "Kernel 6.8.5-301.fc40.x86_64 on an x86_64 (tty1)",
    );
    screen.text(8, 56, 2, WHITE, &format!("{name} login:"));
}

fn setup(screen: &mut Framebuffer) {
    let window = Rect {
        x: 192,
        y: 184,
        w: 640,
        h: 400,
    };
    screen.fill(window, WHITE);
    screen.fill(Rect { h: 40, ..window }, 0x00e0_e0e0);
    screen.text(208, 196, 2, BLACK, "Windows Setup");
    screen.text(224, 280, 3, BLACK, "Install now");
    screen.text(
        224,
        340,
        2,
        BLACK,
        "Loading files from the installation media",
    );
}

fn desktop(screen: &mut Framebuffer, name: &str, tools: Tools) {
    let (width, height) = (screen.width, screen.height);
    screen.fill(
        Rect {
            x: 0,
            y: height - 40,
            w: width,
            h: 40,
        },
        TASKBAR,
    );
    screen.fill(
        Rect {
            x: 8,
            y: height - 32,
            w: 24,
            h: 24,
        },
        0x0000_a4ef,
    );
    screen.text(16, 16, 2, WHITE, &format!("Windows - {name}"));
    match tools {
        Tools::Nothing => {}
        Tools::Offered => {
            screen.centred_text(300, 2, WHITE, "The guest tools CD is inserted.");
            screen.fill(INSTALL_BUTTON, BUTTON_GREEN);
            let label = "Install guest tools";
            let label_width = label.len() * 12;
            screen.text(
                INSTALL_BUTTON.x + (INSTALL_BUTTON.w - label_width) / 2,
                INSTALL_BUTTON.y + 20,
                2,
                WHITE,
                label,
            );
        }
        Tools::Installing => {
            screen.centred_text(300, 2, WHITE, "Installing guest tools...");
        }
    }
}

fn blue_screen(screen: &mut Framebuffer) {
    screen.text(96, 160, 12, WHITE, ":(");
    screen.text(
        96,
        300,
        3,
        WHITE,
        "Your PC ran into a problem and needs to restart.",
    );
    screen.text(96, 420, 2, WHITE, "Stop code: INACCESSIBLE_BOOT_DEVICE");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offered_desktop_shows_its_button_where_it_says() {
        let screen = Screen::Desktop(Tools::Offered);
        let drawn = screen.draw("w", "");
        let button = screen.install_button().unwrap();
        assert_eq!((drawn.width, drawn.height), (1280, 800));
        assert_eq!(drawn.pixel(button.x + 2, button.y + 2), BUTTON_GREEN);
        assert_eq!(Screen::Desktop(Tools::Installing).install_button(), None);
        assert_eq!(Screen::StopError.draw("w", "").pixel(5, 5), STOP_BLUE);
    }

    #[test]
    fn what_was_typed_is_drawn_on_the_last_line() {
        let blank = Screen::Linux.draw("w", "");
        let typed = Screen::Linux.draw("w", "root");
        assert_ne!(blank, typed);
    }
}
