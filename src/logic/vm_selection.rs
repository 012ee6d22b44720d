//! The VMs checked in the list, by `namespace/name`: toggled one by one, or all those the
//! filter shows at once, and kept only while they exist.

use std::collections::BTreeSet;

use crate::model::ObjectRef;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection(BTreeSet<String>);

impl Selection {
    pub fn contains(&self, key: &str) -> bool {
        self.0.contains(key)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn set(&mut self, key: &str, on: bool) {
        if on {
            self.0.insert(key.to_owned());
        } else {
            self.0.remove(key);
        }
    }

    /// Checks (or unchecks) every key of `shown`: the rows the filter shows, not only those
    /// on screen.
    pub fn set_all<'a>(&mut self, shown: impl IntoIterator<Item = &'a str>, on: bool) {
        for key in shown {
            self.set(key, on);
        }
    }

    /// Whether every key of `shown` is checked (and there is one).
    pub fn has_all<'a>(&self, shown: impl IntoIterator<Item = &'a str>) -> bool {
        let mut any = false;
        for key in shown {
            if !self.0.contains(key) {
                return false;
            }
            any = true;
        }
        any
    }

    /// Forgets VMs that no longer exist.
    pub fn retain(&mut self, exists: impl Fn(&str) -> bool) {
        self.0.retain(|key| exists(key));
    }

    /// The checked VMs.
    pub fn targets(&self) -> Vec<ObjectRef> {
        self.0
            .iter()
            .filter_map(|key| key.split_once('/'))
            .map(|(namespace, name)| ObjectRef::new(namespace, name))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_shown_rows_are_checked_at_once_and_gone_vms_are_forgotten() {
        let shown = ["a/win1", "a/win2", "b/win3"];
        let mut selection = Selection::default();
        assert!(!selection.has_all(shown), "nothing checked");
        assert!(!selection.has_all([]), "an empty list is not all checked");
        selection.set("a/win2", true);
        assert!(!selection.has_all(shown));
        selection.set_all(shown, true);
        assert!(selection.has_all(shown));
        assert_eq!(selection.len(), 3);
        selection.retain(|key| key != "a/win1");
        assert_eq!(
            selection.targets(),
            [ObjectRef::new("a", "win2"), ObjectRef::new("b", "win3")]
        );
        selection.set_all(shown, false);
        assert!(selection.is_empty());
    }
}
