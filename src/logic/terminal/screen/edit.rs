//! Erasing, inserting and deleting characters within the screen's rows (ED, EL, ECH, ICH, DCH).

use super::{Cell, Screen};

impl Screen {
    /// ED: 0 below the cursor, 1 above it, 2 the whole screen, 3 the scrollback.
    pub fn erase_display(&mut self, mode: u16) {
        let blank = self.erased();
        let row = self.cursor.row;
        match mode {
            0 => {
                self.erase_line(0);
                self.fill_rows(row + 1..self.rows, blank);
            }
            1 => {
                self.erase_line(1);
                self.fill_rows(0..row, blank);
            }
            2 => self.fill_rows(0..self.rows, blank),
            3 => self.history.clear(),
            _ => {}
        }
    }

    fn fill_rows(&mut self, rows: std::ops::Range<usize>, blank: Cell) {
        for line in &mut self.lines[rows] {
            line.cells.fill(blank);
            line.wrapped = false;
        }
    }

    /// EL: 0 right of the cursor (inclusive), 1 left of it (inclusive), 2 the whole line.
    pub fn erase_line(&mut self, mode: u16) {
        let blank = self.erased();
        let col = self.cursor.col;
        let line = &mut self.lines[self.cursor.row];
        match mode {
            0 => {
                line.cells[col..].fill(blank);
                line.wrapped = false;
            }
            1 => line.cells[..=col].fill(blank),
            2 => {
                line.cells.fill(blank);
                line.wrapped = false;
            }
            _ => {}
        }
    }

    /// ECH: blanks `count` cells from the cursor without moving it.
    pub fn erase_chars(&mut self, count: usize) {
        let blank = self.erased();
        let col = self.cursor.col;
        let end = col.saturating_add(count).min(self.cols);
        self.lines[self.cursor.row].cells[col..end].fill(blank);
        self.cursor.pending_wrap = false;
    }

    /// ICH: shifts the rest of the line right; cells pushed past the edge are lost.
    pub fn insert_chars(&mut self, count: usize) {
        let blank = self.erased();
        let col = self.cursor.col;
        let count = count.min(self.cols - col);
        let cells = &mut self.lines[self.cursor.row].cells;
        cells[col..].rotate_right(count);
        cells[col..col + count].fill(blank);
        self.cursor.pending_wrap = false;
    }

    /// DCH: shifts the rest of the line left, blanking the end.
    pub fn delete_chars(&mut self, count: usize) {
        let blank = self.erased();
        let col = self.cursor.col;
        let count = count.min(self.cols - col);
        let cells = &mut self.lines[self.cursor.row].cells;
        cells[col..].rotate_left(count);
        let len = cells.len();
        cells[len - count..].fill(blank);
        self.cursor.pending_wrap = false;
    }
}
