//! A client's pixel format as the RFB server serves it (32 bits per pixel, true colour, any
//! shifts and byte order): pixels written in it, whole or as ZRLE's compact CPIXELs.

/// A client's pixel format; the server offers 32 bpp, depth 24, little-endian, r16 g8 b0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PixelFormat {
    /// The bits of a pixel that carry colour; ZRLE's compact pixels need 24 or fewer.
    pub depth: u8,
    pub big_endian: bool,
    pub max: [u16; 3],
    pub shift: [u8; 3],
}

impl Default for PixelFormat {
    fn default() -> Self {
        Self {
            depth: 24,
            big_endian: false,
            max: [255; 3],
            shift: [16, 8, 0],
        }
    }
}

impl PixelFormat {
    /// Reads the 16 bytes of a PIXEL_FORMAT, refusing what is not 32-bit true colour.
    pub fn parse(bytes: &[u8; 16]) -> Result<Self, String> {
        let (bpp, depth, true_colour) = (bytes[0], bytes[1], bytes[3] != 0);
        if bpp != 32 || !true_colour {
            return Err(format!(
                "only 32 bits per pixel in true colour are served, not {bpp} bits{}",
                if true_colour {
                    ""
                } else {
                    " with a colour map"
                }
            ));
        }
        let max = [
            u16::from_be_bytes([bytes[4], bytes[5]]),
            u16::from_be_bytes([bytes[6], bytes[7]]),
            u16::from_be_bytes([bytes[8], bytes[9]]),
        ];
        let shift = [bytes[10], bytes[11], bytes[12]];
        let fits = max.iter().zip(shift).all(|(max, shift)| {
            u32::from(*max).checked_shl(u32::from(shift)).is_some() && shift < 32
        });
        if depth == 0 || depth > 32 || max.contains(&0) || !fits {
            return Err("a pixel format whose colours do not fit in 32 bits".into());
        }
        Ok(Self {
            depth,
            big_endian: bytes[2] != 0,
            max,
            shift,
        })
    }

    /// The 16 bytes of this format.
    pub fn bytes(&self) -> [u8; 16] {
        let mut out = [0_u8; 16];
        out[0] = 32;
        out[1] = self.depth;
        out[2] = u8::from(self.big_endian);
        out[3] = 1;
        for (i, max) in self.max.iter().enumerate() {
            out[4 + 2 * i..6 + 2 * i].copy_from_slice(&max.to_be_bytes());
        }
        out[10..13].copy_from_slice(&self.shift);
        out
    }

    /// The pixel value of one `0x00RRGGBB` colour in this format.
    pub fn value(&self, rgb: u32) -> u32 {
        let mut value = 0_u32;
        for (i, component) in [(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff]
            .into_iter()
            .enumerate()
        {
            let scaled = component * u32::from(self.max[i]) / 255;
            value |= scaled.wrapping_shl(u32::from(self.shift[i]));
        }
        value
    }

    /// Writes one `0x00RRGGBB` pixel in this format.
    pub fn write(&self, rgb: u32, out: &mut Vec<u8>) {
        let value = self.value(rgb);
        if self.big_endian {
            out.extend_from_slice(&value.to_be_bytes());
        } else {
            out.extend_from_slice(&value.to_le_bytes());
        }
    }

    /// Which bytes of a pixel ZRLE sends (RFC 6143 §7.7.6): three when the depth is 24 or less
    /// and every colour bit lies in the low three bytes or in the high three, else all four.
    pub fn compact(&self) -> Compact {
        let colour_bits = (0..3).fold(0_u32, |bits, i| {
            bits | u32::from(self.max[i]).wrapping_shl(u32::from(self.shift[i]))
        });
        if self.depth > 24 {
            Compact::Whole
        } else if colour_bits & 0xff00_0000 == 0 {
            Compact::Low
        } else if colour_bits & 0xff == 0 {
            Compact::High
        } else {
            Compact::Whole
        }
    }

    /// Writes a pixel value as ZRLE's CPIXEL, in this format's byte order.
    pub fn write_compact(&self, compact: Compact, value: u32, out: &mut Vec<u8>) {
        let bytes = if self.big_endian {
            value.to_be_bytes()
        } else {
            value.to_le_bytes()
        };
        let kept = match (compact, self.big_endian) {
            (Compact::Whole, _) => &bytes[..],
            (Compact::Low, false) | (Compact::High, true) => &bytes[..3],
            (Compact::Low, true) | (Compact::High, false) => &bytes[1..],
        };
        out.extend_from_slice(kept);
    }
}

/// The bytes of a pixel that a ZRLE CPIXEL keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compact {
    /// The three least significant.
    Low,
    /// The three most significant.
    High,
    Whole,
}

impl Compact {
    /// A CPIXEL's size in bytes.
    pub fn size(self) -> usize {
        match self {
            Self::Low | Self::High => 3,
            Self::Whole => 4,
        }
    }
}
