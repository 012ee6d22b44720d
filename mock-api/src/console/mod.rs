//! The VMs' consoles as KubeVirt serves them through `vnc` and `console`: the simulated
//! guest's screen (drawn in a bitmap font) behind an RFB server of our own, and its serial
//! port. Each part works on bytes and state, without I/O; the HTTP layer carries the bytes.
//! The parts without state live in the library (`mock_api::console`), so the app's tests can
//! run its VNC client against the same server.

pub use mock_api::console::{framebuffer, rfb, screens};

pub mod guest_view;
pub mod keys;
pub mod layouts;
pub mod serial;
