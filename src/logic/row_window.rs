//! Which rows of a long table are on screen, so only those (and a margin) are drawn: a list of
//! 10,000 VMs costs the browser what a list of fifty does.

use std::ops::Range;

/// Where the table's body is, measured in CSS pixels relative to the browser's viewport.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// Top of the first row; negative once the user has scrolled past it.
    pub body_top: f64,
    /// Height of the visible area.
    pub height: f64,
    /// Height of one row, as drawn.
    pub row_height: f64,
}

impl Default for Viewport {
    /// Before anything is measured: assume a tall screen, so the first paint is full.
    fn default() -> Self {
        Self {
            body_top: 0.0,
            height: 1600.0,
            row_height: 48.0,
        }
    }
}

/// Rows drawn beyond each edge of the screen, so quick scrolling shows no gap.
pub const OVERSCAN_ROWS: usize = 10;

/// The rows to draw out of `total`, given where the table is.
pub fn visible_rows(total: usize, viewport: &Viewport, overscan: usize) -> Range<usize> {
    if total == 0 {
        return 0..0;
    }
    let row_height = if viewport.row_height.is_finite() && viewport.row_height >= 1.0 {
        viewport.row_height
    } else {
        Viewport::default().row_height
    };
    let to_row = |pixels: f64| -> usize {
        if pixels.is_finite() && pixels > 0.0 {
            // Bounded by `total` below, so the cast cannot overflow in practice.
            (pixels / row_height).floor().min(total as f64) as usize
        } else {
            0
        }
    };
    let first_on_screen = to_row(-viewport.body_top);
    let last_on_screen = to_row(viewport.height - viewport.body_top) + 1;
    let start = first_on_screen.saturating_sub(overscan).min(total);
    let end = last_on_screen
        .saturating_add(overscan)
        .min(total)
        .max(start);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(body_top: f64) -> Viewport {
        Viewport {
            body_top,
            height: 800.0,
            row_height: 50.0,
        }
    }

    #[test]
    fn the_first_screen_draws_what_fits_and_a_margin() {
        assert_eq!(visible_rows(10_000, &at(200.0), 10), 0..23);
    }

    #[test]
    fn scrolling_moves_the_window_and_keeps_its_size() {
        let window = visible_rows(10_000, &at(-50_000.0), 10);
        assert_eq!(window, 990..1027);
        assert_eq!(window.len(), visible_rows(10_000, &at(-90_000.0), 10).len());
    }

    #[test]
    fn the_window_never_leaves_the_list() {
        assert_eq!(visible_rows(30, &at(-10_000_000.0), 10), 20..30);
        assert_eq!(visible_rows(5, &at(0.0), 10), 0..5);
        assert_eq!(visible_rows(0, &at(0.0), 10), 0..0);
    }

    #[test]
    fn a_row_height_not_yet_measured_falls_back_to_the_default() {
        let unmeasured = Viewport {
            row_height: 0.0,
            ..at(0.0)
        };
        assert_eq!(visible_rows(1000, &unmeasured, 0), 0..17);
        let nonsense = Viewport {
            body_top: f64::NAN,
            ..at(0.0)
        };
        assert_eq!(visible_rows(1000, &nonsense, 0).start, 0);
    }
}
