//! The VM list's rows, kept filtered and sorted as VMs come, change and go: a watch event moves
//! one row (a binary search and one shift) instead of rebuilding, filtering and sorting all
//! 10,000 rows again.

use std::collections::HashMap;
use std::sync::Arc;

use super::vm_list::VmRow;
use super::vm_list_view::{RowFilter, SortOrder};

/// A row as stored: its content and a revision that changes whenever the content does, so the
/// table can key its rows cheaply and redraw only the one that changed.
#[derive(Debug, PartialEq)]
pub struct StoredRow {
    pub revision: u64,
    pub row: VmRow,
}

/// Every row by `namespace/name`, and those the filter lets through in the chosen order.
#[derive(Debug, Default)]
pub struct RowStore {
    rows: HashMap<String, Arc<StoredRow>>,
    shown: Vec<Arc<StoredRow>>,
    filter: RowFilter,
    order: SortOrder,
    next_revision: u64,
}

impl RowStore {
    /// The rows shown, filtered and in order.
    pub fn shown(&self) -> &[Arc<StoredRow>] {
        &self.shown
    }

    /// How many rows there are before filtering.
    pub fn total(&self) -> usize {
        self.rows.len()
    }

    /// Adds the row under `key` or replaces it; `false` when it was there unchanged.
    pub fn upsert(&mut self, key: String, row: VmRow) -> bool {
        if let Some(old) = self.rows.get(&key) {
            if old.row == row {
                return false;
            }
            let old = Arc::clone(old);
            self.unshow(&old);
        }
        let stored = Arc::new(StoredRow {
            revision: self.next_revision(),
            row,
        });
        if self.filter.matches(&stored.row) {
            let at = self.position(&stored.row).unwrap_or_else(|at| at);
            self.shown.insert(at, Arc::clone(&stored));
        }
        self.rows.insert(key, stored);
        true
    }

    /// Takes the row under `key` away; `false` when there was none.
    pub fn remove(&mut self, key: &str) -> bool {
        match self.rows.remove(key) {
            Some(old) => {
                self.unshow(&old);
                true
            }
            None => false,
        }
    }

    /// Puts these rows in place of all there were. A row equal to one there was keeps its
    /// revision, so the table leaves it alone.
    pub fn replace_all(&mut self, rows: impl IntoIterator<Item = (String, VmRow)>) {
        let mut old = std::mem::take(&mut self.rows);
        for (key, row) in rows {
            let stored = match old.remove(&key) {
                Some(same) if same.row == row => same,
                _ => Arc::new(StoredRow {
                    revision: self.next_revision(),
                    row,
                }),
            };
            self.rows.insert(key, stored);
        }
        self.reshow();
    }

    /// Filters and orders the rows as asked; `false` when both were already so.
    pub fn set_view(&mut self, filter: &RowFilter, order: SortOrder) -> bool {
        if *filter != self.filter {
            self.filter = filter.clone();
            self.order = order;
            self.reshow();
        } else if order != self.order {
            self.order = order;
            self.shown
                .sort_unstable_by(|a, b| order.compare(&a.row, &b.row));
        } else {
            return false;
        }
        true
    }

    fn next_revision(&mut self) -> u64 {
        self.next_revision += 1;
        self.next_revision
    }

    /// Where `row` is (`Ok`) or belongs (`Err`) among the shown rows.
    fn position(&self, row: &VmRow) -> Result<usize, usize> {
        let order = self.order;
        self.shown
            .binary_search_by(|shown| order.compare(&shown.row, row))
    }

    /// Takes a stored row off the shown ones, if it is there.
    fn unshow(&mut self, stored: &StoredRow) {
        if let Ok(at) = self.position(&stored.row) {
            self.shown.remove(at);
        }
    }

    /// Filters and sorts all rows again.
    fn reshow(&mut self) {
        let matches = self.filter.matcher();
        let mut shown: Vec<Arc<StoredRow>> = self
            .rows
            .values()
            .filter(|stored| matches(&stored.row))
            .cloned()
            .collect();
        let order = self.order;
        // Only the same VM compares equal, so an unstable sort gives one order.
        shown.sort_unstable_by(|a, b| order.compare(&a.row, &b.row));
        self.shown = shown;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::test_sequence::Sequence;
    use crate::logic::vm_list_view::{visible_rows, SortColumn};
    use crate::logic::vm_status::StatusKind;
    use crate::model::PrintableStatus;
    use chrono::{TimeZone, Utc};
    use std::collections::BTreeMap;

    fn row(namespace: &str, name: &str, status: PrintableStatus, day: u32) -> VmRow {
        VmRow {
            name: name.into(),
            namespace: namespace.into(),
            status,
            os: if day.is_multiple_of(2) {
                "Windows 11"
            } else {
                "Fedora"
            }
            .into(),
            is_windows: day.is_multiple_of(2),
            created: (day > 0).then(|| Utc.with_ymd_and_hms(2026, 11, day, 0, 0, 0).unwrap()),
            details_path: String::new(),
            ip: None,
            hint: None,
        }
    }

    fn random_row(seq: &mut Sequence) -> (String, VmRow) {
        let namespace = ["a", "b", "c"][seq.below(3) as usize];
        let name = format!(
            "{}-{}",
            ["win", "Web", "db"][seq.below(3) as usize],
            seq.below(12)
        );
        let status = [
            PrintableStatus::Running,
            PrintableStatus::Stopped,
            PrintableStatus::Starting,
            PrintableStatus::ErrorUnschedulable,
        ][seq.below(4) as usize]
            .clone();
        let row = row(namespace, &name, status, seq.below(4) as u32);
        (row.key(), row)
    }

    fn random_view(seq: &mut Sequence) -> (RowFilter, SortOrder) {
        let filter = RowFilter {
            name: ["", "win", "B-1", "zzz"][seq.below(4) as usize].into(),
            status: [None, Some(StatusKind::Running), Some(StatusKind::Error)]
                [seq.below(3) as usize],
        };
        let mut order = SortOrder::default();
        for _ in 0..seq.below(4) {
            let column = [
                SortColumn::Name,
                SortColumn::Namespace,
                SortColumn::Status,
                SortColumn::Os,
                SortColumn::Created,
            ][seq.below(5) as usize];
            order = order.clicked(column);
        }
        (filter, order)
    }

    fn shown_rows(store: &RowStore) -> Vec<VmRow> {
        store.shown().iter().map(|s| s.row.clone()).collect()
    }

    #[test]
    fn random_changes_show_what_a_full_recompute_shows() {
        for seed in 0..40 {
            let mut seq = Sequence(seed);
            let mut store = RowStore::default();
            // The plain model: every row by key, filtered and sorted whole each time.
            let mut all: BTreeMap<String, VmRow> = BTreeMap::new();
            let (mut filter, mut order) = (RowFilter::default(), SortOrder::default());
            for _ in 0..300 {
                match seq.below(10) {
                    0..=5 => {
                        let (key, row) = random_row(&mut seq);
                        let changed = all.get(&key) != Some(&row);
                        assert_eq!(store.upsert(key.clone(), row.clone()), changed);
                        all.insert(key, row);
                    }
                    6 | 7 => {
                        let (key, _) = random_row(&mut seq);
                        assert_eq!(store.remove(&key), all.remove(&key).is_some());
                    }
                    8 => {
                        (filter, order) = random_view(&mut seq);
                        store.set_view(&filter, order);
                    }
                    _ => {
                        let keep = seq.below(3);
                        all.retain(|_, _| seq.below(3) < keep);
                        store.replace_all(all.iter().map(|(k, r)| (k.clone(), r.clone())));
                    }
                }
                let everything: Vec<VmRow> = all.values().cloned().collect();
                assert_eq!(
                    shown_rows(&store),
                    visible_rows(&everything, &filter, order)
                );
                assert_eq!(store.total(), all.len());
            }
        }
    }

    #[test]
    fn a_row_keeps_its_revision_until_its_content_changes() {
        let mut store = RowStore::default();
        let a = row("dev", "a", PrintableStatus::Running, 1);
        store.upsert(a.key(), a.clone());
        store.upsert("dev/b".into(), row("dev", "b", PrintableStatus::Running, 1));
        let first = store.shown()[0].revision;
        assert!(!store.upsert(a.key(), a.clone()));
        store.replace_all([(a.key(), a.clone())]);
        assert_eq!(store.shown()[0].revision, first);
        let stopped = row("dev", "a", PrintableStatus::Stopped, 1);
        assert!(store.upsert(a.key(), stopped));
        assert_ne!(store.shown()[0].revision, first);
    }

    #[test]
    fn the_view_changes_only_when_asked_for_something_else() {
        let mut store = RowStore::default();
        assert!(!store.set_view(&RowFilter::default(), SortOrder::default()));
        let newest = SortOrder::default().clicked(SortColumn::Created);
        assert!(store.set_view(&RowFilter::default(), newest));
        assert!(!store.set_view(&RowFilter::default(), newest));
    }
}
