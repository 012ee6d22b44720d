//! The screen: a fixed grid of cells, the cursor with its pending-wrap state, the scroll region,
//! the alternate screen, and the scrollback that lines scrolled off the top go into.
//!
//! A wide (CJK) character takes one cell here, like any other: the guest's programs count it as
//! two, so lines holding them look shorter than the guest thinks; serial consoles rarely show them.

use std::collections::VecDeque;

use super::style::Style;

mod edit;

/// One character cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub ch: char,
    pub style: Style,
}

impl Cell {
    fn blank(style: Style) -> Cell {
        Cell { ch: ' ', style }
    }
}

/// One line of cells; `wrapped` when its text goes on in the next line (autowrap), so copying
/// joins the two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub wrapped: bool,
}

impl Row {
    fn blank(cols: usize, style: Style) -> Row {
        Row {
            cells: vec![Cell::blank(style); cols],
            wrapped: false,
        }
    }
}

/// Where the cursor is and what it writes with, as `ESC 7` saves it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CursorState {
    pub row: usize,
    pub col: usize,
    /// The last column was written: the next printable character wraps first.
    pub pending_wrap: bool,
    pub pen: Style,
}

#[derive(Debug, Clone)]
pub struct Screen {
    pub cols: usize,
    pub rows: usize,
    pub lines: Vec<Row>,
    pub history: VecDeque<Row>,
    pub history_limit: usize,
    pub cursor: CursorState,
    pub saved_cursor: CursorState,
    pub scroll_top: usize,
    /// The region's last row, inclusive.
    pub scroll_bottom: usize,
    pub autowrap: bool,
    /// IRM: printing shifts the rest of the line right instead of overwriting it.
    pub insert_mode: bool,
    /// The main screen's lines and cursor while the alternate screen shows.
    main_screen: Option<(Vec<Row>, CursorState)>,
}

impl Screen {
    pub fn new(cols: usize, rows: usize, history_limit: usize) -> Screen {
        Screen {
            cols,
            rows,
            lines: vec![Row::blank(cols, Style::default()); rows],
            history: VecDeque::new(),
            history_limit,
            cursor: CursorState::default(),
            saved_cursor: CursorState::default(),
            scroll_top: 0,
            scroll_bottom: rows - 1,
            autowrap: true,
            insert_mode: false,
            main_screen: None,
        }
    }

    /// Blank cells take the current background colour, as xterm and the Linux console do.
    fn erased(&self) -> Cell {
        Cell::blank(Style {
            bg: self.cursor.pen.bg,
            ..Style::default()
        })
    }

    pub fn print(&mut self, ch: char) {
        if self.cursor.pending_wrap && self.autowrap {
            self.lines[self.cursor.row].wrapped = true;
            self.cursor.col = 0;
            self.line_feed();
        }
        if self.insert_mode {
            self.insert_chars(1);
        }
        let cell = Cell {
            ch,
            style: self.cursor.pen,
        };
        self.lines[self.cursor.row].cells[self.cursor.col] = cell;
        if self.cursor.col + 1 < self.cols {
            self.cursor.col += 1;
            self.cursor.pending_wrap = false;
        } else {
            self.cursor.pending_wrap = self.autowrap;
        }
    }

    pub fn carriage_return(&mut self) {
        self.cursor.col = 0;
        self.cursor.pending_wrap = false;
    }

    /// Moves down a line, scrolling the region when the cursor is on its last row.
    pub fn line_feed(&mut self) {
        self.cursor.pending_wrap = false;
        if self.cursor.row == self.scroll_bottom {
            self.scroll_up(1);
        } else if self.cursor.row + 1 < self.rows {
            self.cursor.row += 1;
        }
    }

    pub fn reverse_index(&mut self) {
        self.cursor.pending_wrap = false;
        if self.cursor.row == self.scroll_top {
            self.scroll_down(1);
        } else if self.cursor.row > 0 {
            self.cursor.row -= 1;
        }
    }

    pub fn backspace(&mut self) {
        self.cursor.col = self.cursor.col.saturating_sub(1);
        self.cursor.pending_wrap = false;
    }

    /// Tab stops are every eight columns.
    pub fn tab(&mut self, count: usize) {
        let target = (self.cursor.col / 8 + count.min(self.cols)) * 8;
        self.cursor.col = target.min(self.cols - 1);
        self.cursor.pending_wrap = false;
    }

    pub fn back_tab(&mut self, count: usize) {
        let stops_back = count.min(self.cols);
        let target = self.cursor.col.div_ceil(8).saturating_sub(stops_back) * 8;
        self.cursor.col = target;
        self.cursor.pending_wrap = false;
    }

    /// Moves to a 0-based position, clamped to the screen.
    pub fn move_to(&mut self, row: usize, col: usize) {
        self.cursor.row = row.min(self.rows - 1);
        self.cursor.col = col.min(self.cols - 1);
        self.cursor.pending_wrap = false;
    }

    /// Up or down by `delta` rows, stopping at the scroll region's edge when inside it.
    pub fn move_rows(&mut self, delta: isize) {
        let row = self.cursor.row;
        let (top, bottom) = if (self.scroll_top..=self.scroll_bottom).contains(&row) {
            (self.scroll_top, self.scroll_bottom)
        } else {
            (0, self.rows - 1)
        };
        let target = row.saturating_add_signed(delta).clamp(top, bottom);
        self.move_to(target, self.cursor.col);
    }

    pub fn move_cols(&mut self, delta: isize) {
        self.move_to(
            self.cursor.row,
            self.cursor.col.saturating_add_signed(delta),
        );
    }

    /// IL: inserts blank lines at the cursor, pushing lines down within the scroll region.
    pub fn insert_lines(&mut self, count: usize) {
        if self.cursor_in_region() {
            self.shift_down(self.cursor.row, count);
            self.carriage_return();
        }
    }

    /// DL: deletes lines at the cursor, pulling lines up within the scroll region.
    pub fn delete_lines(&mut self, count: usize) {
        if self.cursor_in_region() {
            self.shift_up(self.cursor.row, count);
            self.carriage_return();
        }
    }

    fn cursor_in_region(&self) -> bool {
        (self.scroll_top..=self.scroll_bottom).contains(&self.cursor.row)
    }

    /// Scrolls the region up; when it starts at the top of the main screen, the lines leaving
    /// it go into the scrollback.
    pub fn scroll_up(&mut self, count: usize) {
        let count = count.min(self.scroll_bottom + 1 - self.scroll_top);
        if self.scroll_top == 0 && self.main_screen.is_none() {
            for line in &self.lines[..count] {
                self.history.push_back(line.clone());
            }
            self.trim_history();
        }
        self.shift_up(self.scroll_top, count);
    }

    pub fn scroll_down(&mut self, count: usize) {
        self.shift_down(self.scroll_top, count);
    }

    /// Removes `count` lines at `from`, blank lines entering at the region's bottom.
    fn shift_up(&mut self, from: usize, count: usize) {
        let blank = Row::blank(self.cols, self.erased().style);
        let region = &mut self.lines[from..=self.scroll_bottom];
        let count = count.min(region.len());
        region.rotate_left(count);
        let len = region.len();
        region[len - count..].fill(blank);
    }

    /// Inserts `count` blank lines at `from`, lines leaving at the region's bottom.
    fn shift_down(&mut self, from: usize, count: usize) {
        let blank = Row::blank(self.cols, self.erased().style);
        let region = &mut self.lines[from..=self.scroll_bottom];
        let count = count.min(region.len());
        region.rotate_right(count);
        region[..count].fill(blank);
    }

    fn trim_history(&mut self) {
        while self.history.len() > self.history_limit {
            self.history.pop_front();
        }
    }

    /// DECSTBM with 1-based rows (0: default); a region shorter than two rows is refused.
    pub fn set_scroll_region(&mut self, top: usize, bottom: usize) {
        let top = top.max(1) - 1;
        let bottom = if bottom == 0 {
            self.rows
        } else {
            bottom.min(self.rows)
        } - 1;
        if top < bottom {
            self.scroll_top = top;
            self.scroll_bottom = bottom;
            self.move_to(0, 0);
        }
    }

    pub fn save_cursor(&mut self) {
        self.saved_cursor = self.cursor;
    }

    pub fn restore_cursor(&mut self) {
        self.cursor = self.saved_cursor;
        self.cursor.row = self.cursor.row.min(self.rows - 1);
        self.cursor.col = self.cursor.col.min(self.cols - 1);
    }

    /// Shows a blank alternate screen (full-screen programs draw there and leave the main
    /// screen and its scrollback as they were).
    pub fn enter_alternate_screen(&mut self) {
        if self.main_screen.is_none() {
            let blank = vec![Row::blank(self.cols, Style::default()); self.rows];
            let main = std::mem::replace(&mut self.lines, blank);
            self.main_screen = Some((main, self.cursor));
        }
    }

    pub fn leave_alternate_screen(&mut self) {
        if let Some((main, cursor)) = self.main_screen.take() {
            self.lines = main;
            self.cursor = cursor;
        }
    }

    /// The state after RIS. The screen's text moves into the scrollback (up to its last
    /// non-blank line), so a reboot's reset does not wipe what the guest printed before it.
    pub fn reset(&mut self) {
        self.leave_alternate_screen();
        let used = self
            .lines
            .iter()
            .rposition(|line| line.cells.iter().any(|cell| cell.ch != ' '))
            .map_or(0, |last| last + 1);
        self.history.extend(self.lines.drain(..used));
        self.trim_history();
        let history = std::mem::take(&mut self.history);
        *self = Screen::new(self.cols, self.rows, self.history_limit);
        self.history = history;
    }

    /// Changes the size; rows cut off the top go into the scrollback so the cursor's line stays.
    pub fn resize(&mut self, cols: usize, rows: usize) {
        self.leave_alternate_screen();
        for line in &mut self.lines {
            line.cells.resize(cols, Cell::blank(Style::default()));
        }
        for line in &mut self.history {
            line.cells.resize(cols, Cell::blank(Style::default()));
        }
        if rows < self.rows {
            let cut = (self.cursor.row + 1).saturating_sub(rows);
            self.history.extend(self.lines.drain(..cut));
            self.lines.truncate(rows);
            self.cursor.row -= cut;
            self.trim_history();
        } else {
            self.lines.resize(rows, Row::blank(cols, Style::default()));
        }
        self.cols = cols;
        self.rows = rows;
        self.scroll_top = 0;
        self.scroll_bottom = rows - 1;
        self.cursor.col = self.cursor.col.min(cols - 1);
        self.cursor.pending_wrap = false;
        self.saved_cursor = CursorState::default();
    }
}
