//! Filtering and sorting the VM list, as the user asks in its toolbar and column headers.

use std::cmp::Ordering;

use super::vm_list::VmRow;
use super::vm_status::{kind_of, StatusKind};

/// Which rows to show: a name fragment and a kind of status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowFilter {
    /// Shown when the name contains it, ignoring case.
    pub name: String,
    /// Shown when the status is of this kind; all when `None`.
    pub status: Option<StatusKind>,
}

impl RowFilter {
    pub fn matches(&self, row: &VmRow) -> bool {
        self.matcher()(row)
    }

    /// `matches`, with the name fragment lowered once for many rows.
    pub fn matcher(&self) -> impl Fn(&VmRow) -> bool + '_ {
        let needle = self.name.trim().to_lowercase();
        move |row| {
            (needle.is_empty() || row.name.to_lowercase().contains(&needle))
                && self.status.is_none_or(|kind| kind_of(&row.status) == kind)
        }
    }

    /// Whether anything is filtered out.
    pub fn is_active(&self) -> bool {
        !self.name.trim().is_empty() || self.status.is_some()
    }
}

/// The status kinds offered in the filter, with their labels.
pub const STATUS_FILTERS: [(StatusKind, &str); 5] = [
    (StatusKind::Running, "Running"),
    (StatusKind::Stopped, "Stopped"),
    (StatusKind::InProgress, "Starting or stopping"),
    (StatusKind::Error, "Error"),
    (StatusKind::Paused, "Paused"),
];

/// A column the list can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortColumn {
    Name,
    Namespace,
    Status,
    Os,
    Created,
}

/// Ascending or descending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortDirection {
    Ascending,
    Descending,
}

impl SortDirection {
    /// The `aria-sort` value.
    pub fn aria(self) -> &'static str {
        match self {
            Self::Ascending => "ascending",
            Self::Descending => "descending",
        }
    }
}

/// The current order of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SortOrder {
    pub column: SortColumn,
    pub direction: SortDirection,
}

impl Default for SortOrder {
    fn default() -> Self {
        Self {
            column: SortColumn::Name,
            direction: SortDirection::Ascending,
        }
    }
}

impl SortOrder {
    /// The order after the user clicks `column`: the same column flips, another starts
    /// ascending (newest first for Created, as people expect).
    pub fn clicked(self, column: SortColumn) -> Self {
        if self.column == column {
            let direction = match self.direction {
                SortDirection::Ascending => SortDirection::Descending,
                SortDirection::Descending => SortDirection::Ascending,
            };
            Self { column, direction }
        } else if column == SortColumn::Created {
            Self {
                column,
                direction: SortDirection::Descending,
            }
        } else {
            Self {
                column,
                direction: SortDirection::Ascending,
            }
        }
    }

    /// How two rows compare in this order; only the same VM compares equal.
    pub fn compare(self, a: &VmRow, b: &VmRow) -> Ordering {
        let primary = match self.column {
            SortColumn::Name => a.name.cmp(&b.name),
            SortColumn::Namespace => a.namespace.cmp(&b.namespace),
            SortColumn::Status => a.status.as_str().cmp(b.status.as_str()),
            SortColumn::Os => a.os.cmp(&b.os),
            SortColumn::Created => a.created.cmp(&b.created),
        };
        let primary = match self.direction {
            SortDirection::Ascending => primary,
            SortDirection::Descending => primary.reverse(),
        };
        // Ties keep a stable, meaningful order.
        primary.then_with(|| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)))
    }
}

/// The rows to show, filtered and sorted.
pub fn visible_rows(rows: &[VmRow], filter: &RowFilter, order: SortOrder) -> Vec<VmRow> {
    let matches = filter.matcher();
    let mut visible: Vec<VmRow> = rows.iter().filter(|row| matches(row)).cloned().collect();
    visible.sort_by(|a, b| order.compare(a, b));
    visible
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn row(namespace: &str, name: &str, status: &str, day: u32) -> VmRow {
        VmRow {
            name: name.into(),
            namespace: namespace.into(),
            status: status.into(),
            os: "Windows 11".into(),
            is_windows: true,
            created: Some(Utc.with_ymd_and_hms(2026, 11, day, 0, 0, 0).unwrap()),
            details_path: String::new(),
            ip: None,
            hint: None,
        }
    }

    fn names(rows: &[VmRow]) -> Vec<&str> {
        rows.iter().map(|r| r.name.as_str()).collect()
    }

    fn sample() -> Vec<VmRow> {
        vec![
            row("b", "win-sql", "Running", 3),
            row("a", "fedora", "Stopped", 1),
            row("a", "Win-Web", "ErrorUnschedulable", 2),
        ]
    }

    #[test]
    fn the_name_filter_ignores_case_and_the_status_filter_uses_kinds() {
        let by_name = RowFilter {
            name: " WIN ".into(),
            status: None,
        };
        assert_eq!(
            names(&visible_rows(&sample(), &by_name, SortOrder::default())),
            ["Win-Web", "win-sql"]
        );
        let errors = RowFilter {
            name: String::new(),
            status: Some(StatusKind::Error),
        };
        assert_eq!(
            names(&visible_rows(&sample(), &errors, SortOrder::default())),
            ["Win-Web"]
        );
        assert!(errors.is_active());
        assert!(!RowFilter::default().is_active());
    }

    #[test]
    fn clicking_a_column_sorts_and_clicking_again_reverses() {
        let order = SortOrder::default().clicked(SortColumn::Created);
        assert_eq!(order.direction, SortDirection::Descending);
        assert_eq!(
            names(&visible_rows(&sample(), &RowFilter::default(), order)),
            ["win-sql", "Win-Web", "fedora"]
        );
        let order = order.clicked(SortColumn::Created);
        assert_eq!(
            names(&visible_rows(&sample(), &RowFilter::default(), order)),
            ["fedora", "Win-Web", "win-sql"]
        );
        let order = order.clicked(SortColumn::Namespace);
        assert_eq!(order.direction.aria(), "ascending");
        assert_eq!(
            names(&visible_rows(&sample(), &RowFilter::default(), order)),
            ["Win-Web", "fedora", "win-sql"]
        );
    }
}
