//! What of the mock others use too: the check of objects against KubeVirt's schema, the KubeVirt
//! data the repository carries, and the patch formats, which the app's tests apply to every object
//! (and patched object) it builds; and the simulated guest's screens with the RFB server that
//! shows them, which the app's tests run its VNC client against.

pub mod json_patch;
pub mod kubevirt_data;
pub mod protobuf;
pub mod schema;

/// The parts of the server's `console` layer that need no state: the screens and the RFB
/// server. The binary's `console` module adds the guest's state, keyboard and serial port.
pub mod console {
    pub mod font;
    pub mod framebuffer;
    pub mod pixel_format;
    pub mod rfb;
    pub mod rfb_encode;
    pub mod rfb_zrle;
    pub mod screens;
}
