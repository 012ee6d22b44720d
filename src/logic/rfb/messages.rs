//! Client-to-server messages as bytes: SetPixelFormat, SetEncodings, FramebufferUpdateRequest,
//! KeyEvent, QEMU's extended KeyEvent, PointerEvent and ClientCutText.

/// Encoding numbers this client asks for, in order of preference (the server picks the first
/// it supports): ZRLE compresses best among what QEMU offers, CopyRect and Raw are the baseline,
/// the rest are pseudo-encodings announcing what the client understands.
pub const ENCODINGS: [i32; 7] = [
    ZRLE,
    COPY_RECT,
    RAW,
    DESKTOP_SIZE,
    EXTENDED_DESKTOP_SIZE,
    LAST_RECT,
    QEMU_EXTENDED_KEY_EVENT,
];

pub const RAW: i32 = 0;
pub const COPY_RECT: i32 = 1;
pub const ZRLE: i32 = 16;
pub const DESKTOP_SIZE: i32 = -223;
pub const LAST_RECT: i32 = -224;
pub const QEMU_EXTENDED_KEY_EVENT: i32 = -258;
pub const EXTENDED_DESKTOP_SIZE: i32 = -308;

/// The pixel format the client asks for: 32 bits per pixel, depth 24, little-endian, true
/// colour with red in the lowest byte, so a pixel's bytes in memory are R, G, B, X, which is the
/// canvas's RGBA order once X is set to 255. ZRLE's 3-byte CPIXEL is then R, G, B.
pub const PIXEL_FORMAT: [u8; 16] = [
    32, // bits per pixel
    24, // depth
    0,  // big-endian: no
    1,  // true colour: yes
    0, 255, // red max
    0, 255, // green max
    0, 255, // blue max
    0,   // red shift
    8,   // green shift
    16,  // blue shift
    0, 0, 0, // padding
];

/// Pointer button bits for [`pointer_event`]; 4 and 5 are one wheel step up and down.
pub mod buttons {
    pub const LEFT: u8 = 1;
    pub const MIDDLE: u8 = 1 << 1;
    pub const RIGHT: u8 = 1 << 2;
    pub const WHEEL_UP: u8 = 1 << 3;
    pub const WHEEL_DOWN: u8 = 1 << 4;
}

pub fn set_pixel_format() -> Vec<u8> {
    let mut out = vec![0, 0, 0, 0];
    out.extend_from_slice(&PIXEL_FORMAT);
    out
}

pub fn set_encodings(encodings: &[i32]) -> Vec<u8> {
    let count = u16::try_from(encodings.len()).unwrap_or(u16::MAX);
    let mut out = vec![2, 0];
    out.extend_from_slice(&count.to_be_bytes());
    for e in encodings.iter().take(usize::from(count)) {
        out.extend_from_slice(&e.to_be_bytes());
    }
    out
}

/// Asks for the area's contents: all of it (`incremental` false) or only what changed.
pub fn framebuffer_update_request(incremental: bool, x: u16, y: u16, w: u16, h: u16) -> Vec<u8> {
    let mut out = vec![3, u8::from(incremental)];
    for v in [x, y, w, h] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    out
}

/// A key by its X keysym only; the server maps it to a scancode with its own keymap (QEMU: US).
pub fn key_event(down: bool, keysym: u32) -> Vec<u8> {
    let mut out = vec![4, u8::from(down), 0, 0];
    out.extend_from_slice(&keysym.to_be_bytes());
    out
}

/// QEMU's extended key event: the physical key's XT scancode (0xE0-prefixed keys with the high
/// bit set, e.g. ArrowRight E0 4D is 0xCD) with the keysym; QEMU injects the scancode as is.
pub fn qemu_key_event(down: bool, keysym: u32, scancode: u16) -> Vec<u8> {
    let mut out = vec![255, 0];
    out.extend_from_slice(&u16::from(down).to_be_bytes());
    out.extend_from_slice(&keysym.to_be_bytes());
    out.extend_from_slice(&u32::from(scancode).to_be_bytes());
    out
}

/// Pointer position and the [`buttons`] held.
pub fn pointer_event(button_mask: u8, x: u16, y: u16) -> Vec<u8> {
    let mut out = vec![5, button_mask];
    out.extend_from_slice(&x.to_be_bytes());
    out.extend_from_slice(&y.to_be_bytes());
    out
}

/// Clipboard text for the server; RFB carries Latin-1, so other characters become `?`.
pub fn client_cut_text(text: &str) -> Vec<u8> {
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    let mut out = vec![6, 0, 0, 0];
    out.extend_from_slice(&u32::try_from(bytes.len()).unwrap_or(u32::MAX).to_be_bytes());
    out.extend_from_slice(&bytes);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_encodings_lists_preference_order() {
        let bytes = set_encodings(&ENCODINGS);
        assert_eq!(&bytes[..4], &[2, 0, 0, 7]);
        assert_eq!(&bytes[4..8], &16i32.to_be_bytes());
        assert_eq!(&bytes[8..12], &1i32.to_be_bytes());
        assert_eq!(&bytes[12..16], &0i32.to_be_bytes());
        assert_eq!(&bytes[16..20], &(-223i32).to_be_bytes());
        assert_eq!(&bytes[bytes.len() - 4..], &(-258i32).to_be_bytes());
    }

    #[test]
    fn set_pixel_format_is_rgbx_little_endian() {
        let bytes = set_pixel_format();
        assert_eq!(bytes.len(), 20);
        assert_eq!(&bytes[4..8], &[32, 24, 0, 1]);
        assert_eq!(&bytes[14..17], &[0, 8, 16]);
    }

    #[test]
    fn update_requests() {
        assert_eq!(
            framebuffer_update_request(false, 0, 0, 720, 400),
            [3, 0, 0, 0, 0, 0, 2, 208, 1, 144]
        );
        assert_eq!(framebuffer_update_request(true, 1, 2, 3, 4)[1], 1);
    }

    #[test]
    fn key_events() {
        assert_eq!(key_event(true, 0xff0d), [4, 1, 0, 0, 0, 0, 0xff, 0x0d]);
        assert_eq!(key_event(false, 0x61), [4, 0, 0, 0, 0, 0, 0, 0x61]);
        assert_eq!(
            qemu_key_event(true, 0xff53, 0xcd),
            [255, 0, 0, 1, 0, 0, 0xff, 0x53, 0, 0, 0, 0xcd]
        );
        assert_eq!(qemu_key_event(false, 0x61, 0x1e)[2..4], [0, 0]);
    }

    #[test]
    fn pointer_with_wheel() {
        assert_eq!(
            pointer_event(buttons::LEFT | buttons::WHEEL_DOWN, 300, 2),
            [5, 0x11, 1, 44, 0, 2]
        );
    }

    #[test]
    fn cut_text_is_latin1() {
        assert_eq!(
            client_cut_text("aé€"),
            [6, 0, 0, 0, 0, 0, 0, 3, b'a', 0xe9, b'?']
        );
    }
}
