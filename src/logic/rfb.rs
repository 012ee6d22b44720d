//! The VNC console's protocol core (RFB 3.8 as QEMU speaks it), free of the DOM: bytes from the
//! WebSocket go into [`RfbClient::receive`], which answers with bytes to send back and events
//! (drawing ops, bell, clipboard); keyboard, pointer and paste input become client messages.
//!
//! How a console component uses it:
//! 1. On every WebSocket message, `let step = client.receive(&bytes)?;` send `step.reply` if it is
//!    not empty, then apply each [`Event`]: `Event::Connected(info)` sizes the canvas;
//!    `Event::Draw(op)` draws (`putImageData` for [`Draw::Pixels`], `drawImage` of the canvas
//!    onto itself for [`Draw::Copy`], a new canvas size for [`Draw::Resize`], sent only when the
//!    size changes). The client asks for the next incremental update by itself. On an error,
//!    close the socket and show the error's text (it says what the server did or refused).
//! 2. On key events: [`keys::from_event`]`(event.key(), event.code())` gives a [`Key`] (the XT
//!    scancode of the physical key and the keysym of what it types); remember it per `code` for
//!    the key-up, and send `client.key(key, down)`. Scancodes go out as QEMU extended key events
//!    once the server acknowledged them ([`Event::ExtendedKeys`]), so the guest's layout decides
//!    the character.
//! 3. Pointer: `client.pointer(x, y, buttons)` with [`buttons`] masks.
//! 4. Send key menu: [`SendKey::actions`]; paste: [`layouts::type_text`] with the guest's
//!    [`Layout`], then `client.key` for each action (and show [`Typing::untypable`]).

mod buffer;
pub mod client;
mod error;
pub mod framebuffer;
pub mod keys;
pub mod layouts;
pub mod messages;
pub mod send_keys;
mod server;
#[cfg(test)]
mod test_server;
mod zrle;

pub use client::{RfbClient, Step};
pub use error::RfbError;
pub use framebuffer::{Draw, Framebuffer};
pub use keys::{Key, KeyAction};
pub use layouts::{Layout, Typing};
pub use messages::buttons;
pub use send_keys::SendKey;
pub use server::{Event, ServerInfo};
