//! The VMs' consoles as KubeVirt serves them through `vnc` and `console`: the simulated
//! guest's screen (drawn in a bitmap font) behind an RFB server of our own, and its serial
//! port. Each part works on bytes and state, without I/O; the HTTP layer carries the bytes.

pub mod font;
pub mod framebuffer;
pub mod guest_view;
pub mod keys;
pub mod layouts;
pub mod rfb;
pub mod rfb_encode;
pub mod screens;
pub mod serial;
