//! What the view draws and copies: rows as runs of equally styled text, and the plain text of
//! scrollback and screen.

use std::ops::Range;

use super::screen::Row;
use super::style::Style;
use super::Terminal;

/// Text that shares one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

/// One row: its spans left to right. Blank cells at the end that look like empty screen are
/// left out, so an empty row has no spans.
pub type Line = Vec<Span>;

impl Terminal {
    /// The visible rows, top to bottom.
    pub fn lines(&self) -> impl Iterator<Item = Line> + '_ {
        self.screen.lines.iter().map(spans)
    }

    /// The rows scrolled off the top, oldest first.
    pub fn scrollback(&self) -> impl Iterator<Item = Line> + '_ {
        self.screen.history.iter().map(spans)
    }

    /// Some of the scrollback's rows (0 is the oldest), for a view that draws only the rows in
    /// sight; indexes past the end are left out.
    pub fn scrollback_range(&self, rows: Range<usize>) -> impl Iterator<Item = Line> + '_ {
        let len = self.screen.history.len();
        let rows = rows.start.min(len)..rows.end.clamp(rows.start.min(len), len);
        self.screen.history.range(rows).map(spans)
    }

    pub fn scrollback_len(&self) -> usize {
        self.screen.history.len()
    }

    /// Scrollback and screen as plain text for Copy: trailing spaces trimmed, rows the guest's
    /// text wrapped across joined, blank rows at the end left out.
    pub fn text(&self) -> String {
        let mut text = String::new();
        let rows = self.screen.history.iter().chain(&self.screen.lines);
        for row in rows {
            let line: String = row.cells.iter().map(|cell| cell.ch).collect();
            if row.wrapped {
                text.push_str(&line);
            } else {
                text.push_str(line.trim_end_matches(' '));
                text.push('\n');
            }
        }
        let kept = text.trim_end_matches(['\n', ' ']).len();
        text.truncate(kept);
        text
    }
}

fn spans(row: &Row) -> Line {
    let used = row
        .cells
        .iter()
        .rposition(|cell| cell.ch != ' ' || !cell.style.is_blank())
        .map_or(0, |last| last + 1);
    let mut line: Line = Vec::new();
    for cell in &row.cells[..used] {
        match line.last_mut() {
            Some(span) if span.style == cell.style => span.text.push(cell.ch),
            _ => line.push(Span {
                text: cell.ch.to_string(),
                style: cell.style,
            }),
        }
    }
    line
}
