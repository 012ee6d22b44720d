//! Drawing operations decoded from the server's updates, in the form a canvas applies them, and
//! an in-memory RGBA framebuffer that applies them the same way (for tests and benchmarks).

/// One change to the screen. Rectangles always lie inside the current screen size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Draw {
    /// `rgba` holds `w * h` pixels, row by row, 4 bytes each (alpha 255): `ImageData`'s layout.
    Pixels {
        x: u16,
        y: u16,
        w: u16,
        h: u16,
        rgba: Vec<u8>,
    },
    /// Fills a rectangle with one colour (RGBA).
    Fill {
        x: u16,
        y: u16,
        w: u16,
        h: u16,
        rgba: [u8; 4],
    },
    /// Copies a `w`x`h` area from (`src_x`, `src_y`) to (`x`, `y`); the areas may overlap.
    Copy {
        src_x: u16,
        src_y: u16,
        x: u16,
        y: u16,
        w: u16,
        h: u16,
    },
    /// The screen's new size; its contents are undefined (black) until the next update.
    Resize { w: u16, h: u16 },
}

/// The screen as RGBA bytes, row by row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Framebuffer {
    width: u16,
    height: u16,
    rgba: Vec<u8>,
}

impl Framebuffer {
    pub fn new(width: u16, height: u16) -> Self {
        let mut fb = Framebuffer::default();
        fb.resize(width, height);
        fb
    }

    pub fn width(&self) -> u16 {
        self.width
    }

    pub fn height(&self) -> u16 {
        self.height
    }

    pub fn rgba(&self) -> &[u8] {
        &self.rgba
    }

    /// The pixel at (x, y) as [r, g, b, a], or None outside the screen.
    pub fn pixel(&self, x: u16, y: u16) -> Option<[u8; 4]> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let i = self.offset(x, y);
        let p = self.rgba.get(i..i + 4)?;
        Some([p[0], p[1], p[2], p[3]])
    }

    /// Applies one op; parts outside the screen are clipped (the client never produces them).
    pub fn apply(&mut self, op: &Draw) {
        match op {
            Draw::Resize { w, h } => self.resize(*w, *h),
            Draw::Pixels { x, y, w, h, rgba } => self.put(*x, *y, *w, *h, rgba),
            Draw::Fill { x, y, w, h, rgba } => {
                let row = rgba.repeat(usize::from(*w));
                self.put(*x, *y, *w, *h, &row.repeat(usize::from(*h)));
            }
            Draw::Copy {
                src_x,
                src_y,
                x,
                y,
                w,
                h,
            } => self.copy(*src_x, *src_y, *x, *y, *w, *h),
        }
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.rgba.clear();
        // Opaque black, as a freshly sized canvas filled by the console would be.
        self.rgba
            .resize(usize::from(width) * usize::from(height) * 4, 0);
        for px in self.rgba.chunks_exact_mut(4) {
            px[3] = 255;
        }
    }

    fn offset(&self, x: u16, y: u16) -> usize {
        (usize::from(y) * usize::from(self.width) + usize::from(x)) * 4
    }

    /// The visible width and height of a rectangle at (x, y).
    fn clip(&self, x: u16, y: u16, w: u16, h: u16) -> (usize, usize) {
        let cw = w.min(self.width.saturating_sub(x));
        let ch = h.min(self.height.saturating_sub(y));
        (usize::from(cw), usize::from(ch))
    }

    fn put(&mut self, x: u16, y: u16, w: u16, h: u16, rgba: &[u8]) {
        let (cw, ch) = self.clip(x, y, w, h);
        let src_stride = usize::from(w) * 4;
        for row in 0..ch {
            let src = row * src_stride;
            let Some(line) = rgba.get(src..src + cw * 4) else {
                return;
            };
            let dst = self.offset(x, y) + row * usize::from(self.width) * 4;
            self.rgba[dst..dst + cw * 4].copy_from_slice(line);
        }
    }

    fn copy(&mut self, src_x: u16, src_y: u16, x: u16, y: u16, w: u16, h: u16) {
        let (sw, sh) = self.clip(src_x, src_y, w, h);
        let (dw, dh) = self.clip(x, y, w, h);
        let (cw, ch) = (sw.min(dw), sh.min(dh));
        let stride = usize::from(self.width) * 4;
        // Rows go bottom-up when moving down so an overlapping source is read before it is
        // overwritten; within a row copy_within handles the overlap.
        let rows: Box<dyn Iterator<Item = usize>> = if y > src_y {
            Box::new((0..ch).rev())
        } else {
            Box::new(0..ch)
        };
        for row in rows {
            let src = self.offset(src_x, src_y) + row * stride;
            let dst = self.offset(x, y) + row * stride;
            self.rgba.copy_within(src..src + cw * 4, dst);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn solid(w: u16, h: u16, c: [u8; 4]) -> Vec<u8> {
        c.repeat(usize::from(w) * usize::from(h))
    }

    #[test]
    fn resize_makes_opaque_black() {
        let fb = Framebuffer::new(3, 2);
        assert_eq!(fb.rgba().len(), 24);
        assert_eq!(fb.pixel(2, 1), Some([0, 0, 0, 255]));
        assert_eq!(fb.pixel(3, 0), None);
    }

    #[test]
    fn pixels_land_at_their_place_and_are_clipped() {
        let mut fb = Framebuffer::new(4, 4);
        let red = [255, 0, 0, 255];
        fb.apply(&Draw::Pixels {
            x: 3,
            y: 3,
            w: 2,
            h: 2,
            rgba: solid(2, 2, red),
        });
        assert_eq!(fb.pixel(3, 3), Some(red));
        assert_eq!(fb.pixel(2, 3), Some([0, 0, 0, 255]));
    }

    #[test]
    fn overlapping_copy_moves_down_and_right() {
        let mut fb = Framebuffer::new(4, 4);
        let rgba: Vec<u8> = (0..16u8).flat_map(|i| [i, 0, 0, 255]).collect();
        fb.apply(&Draw::Pixels {
            x: 0,
            y: 0,
            w: 4,
            h: 4,
            rgba,
        });
        fb.apply(&Draw::Copy {
            src_x: 0,
            src_y: 0,
            x: 1,
            y: 1,
            w: 3,
            h: 3,
        });
        assert_eq!(fb.pixel(1, 1), Some([0, 0, 0, 255]));
        assert_eq!(fb.pixel(3, 3), Some([10, 0, 0, 255]));
        assert_eq!(fb.pixel(2, 3), Some([9, 0, 0, 255]));
        fb.apply(&Draw::Copy {
            src_x: 1,
            src_y: 1,
            x: 0,
            y: 0,
            w: 3,
            h: 3,
        });
        assert_eq!(fb.pixel(0, 0), Some([0, 0, 0, 255]));
        assert_eq!(fb.pixel(2, 2), Some([10, 0, 0, 255]));
    }
}
