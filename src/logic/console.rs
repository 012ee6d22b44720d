//! The in-browser console's rules, apart from the DOM: which console, the WebSocket address
//! under the app's API base, what the page offers for the VM's state, when to reconnect, and
//! how a point on the scaled canvas maps to the guest's screen.

use crate::logic::rfb::Key;
use crate::model::vmi::VmiPhase;
use crate::model::{PrintableStatus, VirtualMachineInstance};

/// The one WebSocket subprotocol KubeVirt's console subresources speak.
pub const SUBPROTOCOL: &str = "plain.kubevirt.io";

/// How the key that lets keyboard focus leave the VNC screen is written for people. Every
/// other key, Tab and Escape included, goes to the guest; Shift+Escape means nothing to Windows
/// or a Linux console, unlike Ctrl+Alt (part of Ctrl+Alt+Del) or Shift+F10 (Windows setup's
/// command prompt).
pub const RELEASE_KEY_LABEL: &str = "Shift+Esc";

/// Whether a key press is the release key (by its physical key, so every layout has it).
pub fn is_release_key(code: &str, shift: bool, ctrl: bool, alt: bool) -> bool {
    code == "Escape" && shift && !ctrl && !alt
}

/// The two consoles KubeVirt offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ConsoleKind {
    /// The graphical screen, over RFB.
    #[default]
    Vnc,
    /// The first serial port, as text.
    Serial,
}

impl ConsoleKind {
    pub const ALL: [ConsoleKind; 2] = [ConsoleKind::Vnc, ConsoleKind::Serial];

    /// The `subresources.kubevirt.io` subresource of the VMI.
    pub fn subresource(self) -> &'static str {
        match self {
            Self::Vnc => "vnc",
            Self::Serial => "console",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Vnc => "VNC console",
            Self::Serial => "Serial console",
        }
    }

    /// How the console is named in an address (`?type=serial`).
    pub fn id(self) -> &'static str {
        match self {
            Self::Vnc => "vnc",
            Self::Serial => "serial",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.id() == id)
    }
}

/// The `ws:` or `wss:` address of an API path, from the page's own `location.protocol` and
/// `location.host`. An API base may be a path on the page's origin (`/api/kubernetes`) or a
/// whole `http(s)://` address; either way the socket goes where HTTP calls go.
pub fn socket_url(page_protocol: &str, page_host: &str, api_path: &str) -> String {
    if let Some(rest) = api_path.strip_prefix("https://") {
        return format!("wss://{rest}");
    }
    if let Some(rest) = api_path.strip_prefix("http://") {
        return format!("ws://{rest}");
    }
    let scheme = if page_protocol == "https:" {
        "wss"
    } else {
        "ws"
    };
    let slash = if api_path.starts_with('/') { "" } else { "/" };
    format!("{scheme}://{page_host}{slash}{api_path}")
}

/// What the console area shows for the VM's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Availability {
    /// A running guest: connect.
    Ready,
    /// Nothing runs; the user can start it.
    Stopped,
    /// The VM is on its way up (or down): no guest to talk to yet.
    NoGuestYet(String),
}

/// Whether there is a guest screen to connect to, from the VM's status and its instance's phase.
pub fn availability(status: &PrintableStatus, phase: Option<&VmiPhase>) -> Availability {
    if phase == Some(&VmiPhase::Running) {
        return Availability::Ready;
    }
    match status {
        PrintableStatus::Stopped => Availability::Stopped,
        PrintableStatus::Stopping | PrintableStatus::Terminating => {
            Availability::NoGuestYet("The virtual machine is stopping.".to_owned())
        }
        PrintableStatus::Provisioning | PrintableStatus::WaitingForVolumeBinding => {
            Availability::NoGuestYet(
                "The virtual machine's disks are being prepared; the console opens when it runs."
                    .to_owned(),
            )
        }
        _ => Availability::NoGuestYet(
            "The guest has not started yet; the console opens when it runs.".to_owned(),
        ),
    }
}

/// The uid of the instance whose console can be opened now, if there is one: a restart
/// makes a new instance, so a change of this value means "connect again".
pub fn connectable_instance(
    status: &PrintableStatus,
    vmi: Option<&VirtualMachineInstance>,
) -> Option<String> {
    let vmi = vmi?;
    (availability(status, vmi.status.phase.as_ref()) == Availability::Ready)
        .then(|| vmi.metadata.uid.clone())
        .flatten()
}

/// First wait before reconnecting, and the longest.
const FIRST_RETRY_MS: u32 = 1_000;
const LONGEST_RETRY_MS: u32 = 30_000;

/// How long to wait before reconnect attempt `attempt` (0 is the first): doubling from one
/// second up to thirty, so a restarting VM is found again quickly and a gone one is not hammered.
pub fn reconnect_delay_ms(attempt: u32) -> u32 {
    FIRST_RETRY_MS
        .saturating_mul(1_u32.checked_shl(attempt.min(16)).unwrap_or(u32::MAX))
        .min(LONGEST_RETRY_MS)
}

/// What a console connection is doing, as its status line says it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Connection {
    Connecting,
    Connected,
    /// Lost or refused; trying again by itself in `in_seconds` (0: trying now).
    Retrying {
        reason: String,
        in_seconds: u32,
    },
    /// Lost or refused, and trying again is left to the user (Reconnect).
    Disconnected {
        reason: String,
    },
}

/// What to do after a connection ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AfterClose {
    /// Try again after `delay_ms`, without taking the screen from anyone (`preserveSession`).
    Retry { reason: String, delay_ms: u32 },
    /// Wait for the user.
    Stay { reason: String },
}

/// What the console says when someone else has it.
const IN_USE: &str =
    "This console is open in another window or by another person. Reconnect to take it over.";

/// Decides what follows the end of a connection: `opened` says whether it had opened;
/// `preserving` whether it asked KubeVirt to leave someone else's session alone; `refusal` is
/// the server's answer (code and message) to a refused upgrade, when it could be read and said
/// more than "not a WebSocket"; `attempt` counts the automatic tries so far.
pub fn after_close(
    kind: ConsoleKind,
    opened: bool,
    preserving: bool,
    refusal: Option<(u16, &str)>,
    attempt: u32,
) -> AfterClose {
    let retry = |reason: &str| AfterClose::Retry {
        reason: reason.to_owned(),
        delay_ms: reconnect_delay_ms(attempt),
    };
    let stay = |reason: &str| AfterClose::Stay {
        reason: reason.to_owned(),
    };
    if opened {
        // A dropped network link comes back by itself; a serial console taken over by someone
        // else must not be taken back in a loop (KubeVirt cannot refuse it for us as for VNC).
        return match kind {
            ConsoleKind::Vnc => retry("The connection was lost."),
            ConsoleKind::Serial => {
                stay("The connection closed. Someone else may have opened this serial console.")
            }
        };
    }
    match refusal {
        Some((403, _)) => stay(
            "You may not open this virtual machine's console. Ask an administrator for access.",
        ),
        // Tries that leave the other session alone may go on: the screen comes back by itself
        // once the other window closes.
        Some((500, message)) if message.contains("Active VNC connection") => retry(IN_USE),
        // Not running yet, gone for a moment, or a server error: all may pass.
        Some((_, message)) => retry(message),
        // The reason could not be read (a browser may hold the plain request back while its
        // connections to the server are busy); a refused try that preserved a session was most
        // likely refused for that session.
        None if preserving => retry(IN_USE),
        None => retry("Could not reach the console."),
    }
}

/// How the screen is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Scale {
    /// Scaled down (never up) to the width available.
    #[default]
    Fit,
    /// One guest pixel per CSS pixel, scrolling if larger.
    Actual,
}

/// The guest pixel under a point at (`x`, `y`) CSS pixels from the canvas's top left corner,
/// when the canvas shows a `screen_w`x`screen_h` screen in a `shown_w`x`shown_h` box.
/// Points outside land on the nearest edge.
pub fn guest_point(
    (x, y): (f64, f64),
    (shown_w, shown_h): (f64, f64),
    (screen_w, screen_h): (u16, u16),
) -> (u16, u16) {
    let axis = |at: f64, shown: f64, screen: u16| -> u16 {
        if screen == 0 || shown <= 0.0 || !at.is_finite() {
            return 0;
        }
        let pixel = (at * f64::from(screen) / shown).floor();
        pixel.clamp(0.0, f64::from(screen - 1)) as u16
    };
    (axis(x, shown_w, screen_w), axis(y, shown_h, screen_h))
}

/// The RFB button masks for one wheel event: a press and release of button 4 (up) or 5 (down)
/// per notch, at most a few per event so a flung trackpad does not flood the guest.
pub fn wheel_clicks(delta_y: f64) -> (u8, u32) {
    use crate::logic::rfb::buttons;
    let mask = if delta_y < 0.0 {
        buttons::WHEEL_UP
    } else {
        buttons::WHEEL_DOWN
    };
    // A mouse notch is about 100 CSS pixels; a trackpad sends many small deltas.
    let notches = (delta_y.abs() / 100.0).ceil().clamp(1.0, 5.0) as u32;
    (mask, notches)
}

/// The RFB button mask for `MouseEvent.buttons` (DOM: 1 left, 2 right, 4 middle; RFB: 1 left,
/// 2 middle, 4 right).
pub fn pointer_buttons(dom_buttons: u16) -> u8 {
    use crate::logic::rfb::buttons;
    let mut mask = 0;
    if dom_buttons & 1 != 0 {
        mask |= buttons::LEFT;
    }
    if dom_buttons & 2 != 0 {
        mask |= buttons::RIGHT;
    }
    if dom_buttons & 4 != 0 {
        mask |= buttons::MIDDLE;
    }
    mask
}

/// Keys held down on the console, by physical key, so each key-up sends what its key-down sent
/// (the character may differ by then: Shift released first) and leaving the screen releases
/// everything still held, instead of leaving the guest with a stuck Ctrl.
#[derive(Debug, Default, Clone)]
pub struct HeldKeys {
    held: Vec<(String, Key)>,
}

impl HeldKeys {
    /// A key went down; auto-repeat sends the same key again.
    pub fn press(&mut self, code: &str, key: Key) {
        if !self.held.iter().any(|(held, _)| held == code) {
            self.held.push((code.to_owned(), key));
        }
    }

    /// A key came up: what its press sent, if it was pressed on the console.
    pub fn release(&mut self, code: &str) -> Option<Key> {
        let at = self.held.iter().position(|(held, _)| held == code)?;
        Some(self.held.remove(at).1)
    }

    /// Everything still held, last pressed first.
    pub fn release_all(&mut self) -> Vec<Key> {
        self.held.drain(..).rev().map(|(_, key)| key).collect()
    }
}

/// Where the console's keyboard layout choice is kept in the browser.
pub const LAYOUT_STORAGE_KEY: &str = "windows-vms.console.layout";

#[cfg(test)]
mod tests;
