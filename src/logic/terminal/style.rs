//! Character attributes (SGR): what a cell looks like, how `CSI … m` changes it, and the xterm
//! palette so the view can turn colour indexes into CSS colours.

/// A foreground or background colour.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Color {
    /// The view's own foreground or background.
    #[default]
    Default,
    /// An xterm palette index: 0-7 normal, 8-15 bright, 16-231 a 6x6x6 cube, 232-255 greys.
    /// 24-bit colours are approximated by the nearest cube entry.
    Indexed(u8),
}

/// The attributes of a cell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Style {
    pub fg: Color,
    pub bg: Color,
    pub bold: bool,
    pub underline: bool,
    /// Foreground and background swapped (the view swaps them when drawing).
    pub inverse: bool,
}

impl Style {
    /// Whether a space in this style looks like empty screen.
    pub fn is_blank(&self) -> bool {
        self.bg == Color::Default && !self.inverse && !self.underline
    }

    /// Applies one SGR sequence's parameters (an empty list means reset).
    pub fn apply_sgr(&mut self, params: &[u16]) {
        if params.is_empty() {
            *self = Style::default();
            return;
        }
        let mut rest = params;
        while let Some((&code, tail)) = rest.split_first() {
            rest = tail;
            match code {
                0 => *self = Style::default(),
                1 => self.bold = true,
                4 | 21 => self.underline = true,
                7 => self.inverse = true,
                22 => self.bold = false,
                24 => self.underline = false,
                27 => self.inverse = false,
                30..=37 => self.fg = Color::Indexed((code - 30) as u8),
                39 => self.fg = Color::Default,
                40..=47 => self.bg = Color::Indexed((code - 40) as u8),
                49 => self.bg = Color::Default,
                90..=97 => self.fg = Color::Indexed((code - 90 + 8) as u8),
                100..=107 => self.bg = Color::Indexed((code - 100 + 8) as u8),
                38 | 48 => {
                    let (color, unread) = extended_color(rest);
                    rest = unread;
                    if let Some(color) = color {
                        if code == 38 {
                            self.fg = color;
                        } else {
                            self.bg = color;
                        }
                    }
                }
                // Dim, italic, blink, hidden, strike-through and the rest are not shown.
                _ => {}
            }
        }
    }
}

/// Reads the `5;n` or `2;r;g;b` after 38 or 48; returns the colour and the parameters after it.
fn extended_color(params: &[u16]) -> (Option<Color>, &[u16]) {
    match params {
        [5, index, rest @ ..] => (Some(Color::Indexed((*index).min(255) as u8)), rest),
        [2, r, g, b, rest @ ..] => (Some(nearest_cube(*r, *g, *b)), rest),
        // Truncated forms swallow the rest, as the sequence cannot be read further.
        _ => (None, &[]),
    }
}

const CUBE_LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];

fn nearest_cube(r: u16, g: u16, b: u16) -> Color {
    let level = |value: u16| -> u8 {
        let value = value.min(255) as i32;
        let mut best = 0;
        for (index, &level) in CUBE_LEVELS.iter().enumerate() {
            if (i32::from(level) - value).abs() < (i32::from(CUBE_LEVELS[best]) - value).abs() {
                best = index;
            }
        }
        best as u8
    };
    Color::Indexed(16 + 36 * level(r) + 6 * level(g) + level(b))
}

/// The xterm palette entry for `index` as red, green, blue.
pub fn palette_rgb(index: u8) -> [u8; 3] {
    const BASIC: [[u8; 3]; 16] = [
        [0, 0, 0],
        [205, 0, 0],
        [0, 205, 0],
        [205, 205, 0],
        [0, 0, 238],
        [205, 0, 205],
        [0, 205, 205],
        [229, 229, 229],
        [127, 127, 127],
        [255, 0, 0],
        [0, 255, 0],
        [255, 255, 0],
        [92, 92, 255],
        [255, 0, 255],
        [0, 255, 255],
        [255, 255, 255],
    ];
    match index {
        0..=15 => BASIC[usize::from(index)],
        16..=231 => {
            let cube = index - 16;
            [
                CUBE_LEVELS[usize::from(cube / 36)],
                CUBE_LEVELS[usize::from(cube / 6 % 6)],
                CUBE_LEVELS[usize::from(cube % 6)],
            ]
        }
        _ => {
            let grey = 8 + 10 * (index - 232);
            [grey, grey, grey]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sgr_sets_and_clears_attributes() {
        let mut style = Style::default();
        style.apply_sgr(&[1, 4, 7, 31, 102]);
        assert_eq!(
            style,
            Style {
                fg: Color::Indexed(1),
                bg: Color::Indexed(10),
                bold: true,
                underline: true,
                inverse: true,
            }
        );
        style.apply_sgr(&[22, 24, 27, 39, 49]);
        assert_eq!(style, Style::default());
    }

    #[test]
    fn extended_colours_are_indexes() {
        let mut style = Style::default();
        style.apply_sgr(&[38, 5, 208, 48, 2, 255, 0, 0, 1]);
        assert_eq!(style.fg, Color::Indexed(208));
        assert_eq!(style.bg, Color::Indexed(196));
        assert!(style.bold);
        assert_eq!(palette_rgb(196), [255, 0, 0]);
        assert_eq!(palette_rgb(255), [238, 238, 238]);
        style.apply_sgr(&[38, 5]);
        assert_eq!(style.fg, Color::Indexed(208));
    }
}
