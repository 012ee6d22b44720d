//! A screen's pixels, `0x00RRGGBB` each, with what the simulated screens draw on it: filled
//! rectangles and text in the bitmap font.

use crate::console::font;

/// A rectangle of the screen, in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: usize,
    pub y: usize,
    pub w: usize,
    pub h: usize,
}

impl Rect {
    pub fn contains(&self, x: usize, y: usize) -> bool {
        x >= self.x && y >= self.y && x < self.x + self.w && y < self.y + self.h
    }
}

/// A screen's pixels, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Framebuffer {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u32>,
}

impl Framebuffer {
    /// A screen of one colour.
    pub fn new(width: usize, height: usize, colour: u32) -> Self {
        Self {
            width,
            height,
            pixels: vec![colour; width * height],
        }
    }

    #[cfg(test)]
    pub fn pixel(&self, x: usize, y: usize) -> u32 {
        self.pixels.get(y * self.width + x).copied().unwrap_or(0)
    }

    /// Fills a rectangle, clipped to the screen.
    pub fn fill(&mut self, rect: Rect, colour: u32) {
        let right = (rect.x + rect.w).min(self.width);
        let bottom = (rect.y + rect.h).min(self.height);
        for y in rect.y.min(bottom)..bottom {
            let row = y * self.width;
            self.pixels[row + rect.x.min(right)..row + right].fill(colour);
        }
    }

    /// Draws text with its top left corner at `(x, y)`, each font dot `scale` pixels square;
    /// returns the rectangle it covers.
    pub fn text(&mut self, x: usize, y: usize, scale: usize, colour: u32, text: &str) -> Rect {
        let (cell_w, cell_h) = (font::CELL.0 * scale, font::CELL.1 * scale);
        for (i, c) in text.chars().enumerate() {
            let left = x + i * cell_w;
            for dy in 0..7 {
                for dx in 0..5 {
                    if font::dot(c, dx, dy) {
                        let dot = Rect {
                            x: left + dx * scale,
                            y: y + dy * scale,
                            w: scale,
                            h: scale,
                        };
                        self.fill(dot, colour);
                    }
                }
            }
        }
        Rect {
            x,
            y,
            w: text.chars().count() * cell_w,
            h: cell_h,
        }
    }

    /// Draws text centred across the screen at height `y`.
    pub fn centred_text(&mut self, y: usize, scale: usize, colour: u32, text: &str) -> Rect {
        let width = text.chars().count() * font::CELL.0 * scale;
        self.text(self.width.saturating_sub(width) / 2, y, scale, colour, text)
    }

    /// The pixels of a rectangle (clipped to the screen), row by row.
    pub fn rows(&self, rect: Rect) -> impl Iterator<Item = &[u32]> + '_ {
        let right = (rect.x + rect.w).min(self.width);
        let bottom = (rect.y + rect.h).min(self.height);
        let left = rect.x.min(right);
        (rect.y.min(bottom)..bottom)
            .map(move |y| &self.pixels[y * self.width + left..y * self.width + right])
    }

    /// Whether a rectangle holds the same pixels here as in `other` (of the same size).
    pub fn same_in(&self, other: &Framebuffer, rect: Rect) -> bool {
        self.rows(rect).eq(other.rows(rect))
    }

    /// Whether the pixels of `a` here equal the pixels of `b` in this one (same sizes).
    pub fn same_content(&self, a: Rect, b: Rect) -> bool {
        a.w == b.w && a.h == b.h && self.rows(a).eq(self.rows(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filling_and_text_stay_inside_the_screen() {
        let mut screen = Framebuffer::new(20, 10, 0);
        screen.fill(
            Rect {
                x: 15,
                y: 5,
                w: 100,
                h: 100,
            },
            7,
        );
        assert_eq!(screen.pixel(19, 9), 7);
        assert_eq!(screen.pixel(14, 9), 0);
        let covered = screen.text(12, 0, 2, 9, "Hi");
        assert_eq!(covered.w, 24);
        assert_eq!(screen.pixels.len(), 200);
        // The H's left column.
        assert_eq!(screen.pixel(12, 0), 9);
    }
}
