//! What the VM list keeps of its VMs and their instances (each once, in the compact form its
//! rows need, keyed by `namespace/name`), and how a change to either reaches only the rows it
//! touches.

use std::collections::HashMap;
use std::mem;
use std::sync::Arc;

use super::vm_list::{VmFacts, VmRow, VmiFacts};
use super::vm_list_view::{RowFilter, SortOrder};
use super::vm_row_store::{RowStore, StoredRow};

/// Which keys changed since the list last looked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Changes {
    /// Everything may have: the list is new, or too much changed to say.
    All,
    Keys(Vec<String>),
}

/// Objects by `namespace/name`, in compact form, with the keys changed since `take_changes`.
#[derive(Clone, Debug)]
pub struct KeyedFacts<F> {
    by_key: HashMap<String, F>,
    changes: Changes,
}

impl<F> Default for KeyedFacts<F> {
    /// An empty list whose first look sees everything.
    fn default() -> Self {
        Self {
            by_key: HashMap::new(),
            changes: Changes::All,
        }
    }
}

impl<F> KeyedFacts<F> {
    pub fn get(&self, key: &str) -> Option<&F> {
        self.by_key.get(key)
    }

    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &F)> {
        self.by_key.iter()
    }

    /// Adds or replaces the object under `key`.
    pub fn insert(&mut self, key: String, facts: F) {
        self.note(&key);
        self.by_key.insert(key, facts);
    }

    /// Takes the object under `key` away.
    pub fn remove(&mut self, key: &str) {
        if self.by_key.remove(key).is_some() {
            self.note(key);
        }
    }

    /// The keys changed since the last call; from now on, none.
    pub fn take_changes(&mut self) -> Changes {
        mem::replace(&mut self.changes, Changes::Keys(Vec::new()))
    }

    fn note(&mut self, key: &str) {
        if let Changes::Keys(keys) = &mut self.changes {
            // Nobody looking for a while: past a point, "everything" is cheaper to keep.
            if keys.len() > self.by_key.len().max(1024) {
                self.changes = Changes::All;
            } else {
                keys.push(key.to_owned());
            }
        }
    }
}

/// The list's rows, kept in step with its VMs and instances.
#[derive(Debug, Default)]
pub struct ListRows {
    store: RowStore,
    /// Whether the rows were made knowing the instances (only then do they carry hints).
    instances_known: bool,
}

impl ListRows {
    /// The rows shown, filtered and in order.
    pub fn shown(&self) -> &[Arc<StoredRow>] {
        self.store.shown()
    }

    /// How many VMs there are before filtering.
    pub fn total(&self) -> usize {
        self.store.total()
    }

    /// Filters and orders the rows as asked; `false` when they already were.
    pub fn set_view(&mut self, filter: &RowFilter, order: SortOrder) -> bool {
        self.store.set_view(filter, order)
    }

    /// Brings the rows up to date with the VMs (`None` while they are not listed) and the
    /// instances (`None` while unknown), taking the changes both noted; `false` when no row
    /// changed.
    pub fn sync(
        &mut self,
        vms: Option<&mut KeyedFacts<VmFacts>>,
        vmis: Option<&mut KeyedFacts<VmiFacts>>,
    ) -> bool {
        let Some(vms) = vms else {
            let had_rows = self.total() > 0;
            self.store.replace_all([]);
            return had_rows;
        };
        let instances_known = vmis.is_some();
        let vm_changes = vms.take_changes();
        let (vmi_changes, vmis) = match vmis {
            Some(vmis) => (vmis.take_changes(), Some(&*vmis)),
            None => (Changes::Keys(Vec::new()), None),
        };
        let join = |key: &str, vm: &VmFacts| {
            VmRow::join(vm, vmis.and_then(|v| v.get(key)), instances_known)
        };
        match (vm_changes, vmi_changes) {
            (Changes::Keys(vm_keys), Changes::Keys(vmi_keys))
                if instances_known == self.instances_known =>
            {
                let mut changed = false;
                for key in vm_keys.into_iter().chain(vmi_keys) {
                    changed |= match vms.get(&key) {
                        Some(vm) => {
                            let row = join(&key, vm);
                            self.store.upsert(key, row)
                        }
                        None => self.store.remove(&key),
                    };
                }
                changed
            }
            _ => {
                self.instances_known = instances_known;
                self.store
                    .replace_all(vms.iter().map(|(key, vm)| (key.clone(), join(key, vm))));
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::test_sequence::Sequence;
    use crate::logic::vm_list::rows;
    use crate::logic::vm_list_view::visible_rows;
    use crate::model::{Resource, VirtualMachine, VirtualMachineInstance};
    use serde_json::json;
    use std::collections::BTreeMap;

    fn key(meta: &crate::model::ObjectMeta) -> String {
        format!(
            "{}/{}",
            meta.namespace.as_deref().unwrap_or_default(),
            meta.name
        )
    }

    fn random_vm(seq: &mut Sequence) -> VirtualMachine {
        let preference = ["windows.2k22", "windows.11", "fedora"][seq.below(3) as usize];
        let status = ["Running", "Stopped", "Starting"][seq.below(3) as usize];
        let bus = ["sata", "virtio"][seq.below(2) as usize];
        serde_json::from_value(json!({
            "metadata": {"name": format!("vm-{}", seq.below(8)), "namespace": (["a", "b"][seq.below(2) as usize])},
            "spec": {"preference": {"name": preference}, "template": {"spec": {"domain": {"devices": {
                "disks": [{"name": "rootdisk", "disk": {"bus": bus}}]
            }}}}},
            "status": {"printableStatus": status}
        }))
        .unwrap()
    }

    fn random_vmi(seq: &mut Sequence) -> VirtualMachineInstance {
        let agent = if seq.below(2) == 0 { "True" } else { "False" };
        serde_json::from_value(json!({
            "metadata": {"name": format!("vm-{}", seq.below(8)), "namespace": (["a", "b"][seq.below(2) as usize])},
            "status": {
                "conditions": [{"type": "AgentConnected", "status": agent}],
                "interfaces": [{"name": "default", "ipAddress": format!("10.0.0.{}", seq.below(4))}]
            }
        }))
        .unwrap()
    }

    #[test]
    fn random_changes_to_vms_and_instances_give_the_rows_a_full_join_gives() {
        for seed in 0..40 {
            let mut seq = Sequence(seed);
            let mut listed = ListRows::default();
            let mut vm_facts = KeyedFacts::<VmFacts>::default();
            let mut vmi_facts = KeyedFacts::<VmiFacts>::default();
            // The plain model: the objects themselves, joined whole.
            let mut vms: BTreeMap<String, VirtualMachine> = BTreeMap::new();
            let mut vmis: BTreeMap<String, VirtualMachineInstance> = BTreeMap::new();
            let mut vmis_known = false;
            for _ in 0..200 {
                match seq.below(8) {
                    0 | 1 => {
                        let vm = random_vm(&mut seq);
                        vm_facts.insert(key(vm.meta()), VmFacts::from(&vm));
                        vms.insert(key(vm.meta()), vm);
                    }
                    2 => {
                        let vm = random_vm(&mut seq);
                        vm_facts.remove(&key(vm.meta()));
                        vms.remove(&key(vm.meta()));
                    }
                    3 | 4 => {
                        let vmi = random_vmi(&mut seq);
                        vmi_facts.insert(key(vmi.meta()), VmiFacts::from(&vmi));
                        vmis.insert(key(vmi.meta()), vmi);
                    }
                    5 => {
                        let vmi = random_vmi(&mut seq);
                        vmi_facts.remove(&key(vmi.meta()));
                        vmis.remove(&key(vmi.meta()));
                    }
                    6 => vmis_known = !vmis_known,
                    _ => {}
                }
                // The page looks now and then, not after every change.
                if seq.below(3) > 0 {
                    continue;
                }
                listed.sync(Some(&mut vm_facts), vmis_known.then_some(&mut vmi_facts));
                let all_vms: Vec<VirtualMachine> = vms.values().cloned().collect();
                let all_vmis: Vec<VirtualMachineInstance> = vmis.values().cloned().collect();
                let expected = rows(&all_vms, vmis_known.then_some(all_vmis.as_slice()));
                let shown: Vec<VmRow> = listed.shown().iter().map(|s| s.row.clone()).collect();
                assert_eq!(
                    shown,
                    visible_rows(&expected, &RowFilter::default(), SortOrder::default())
                );
                assert_eq!(listed.total(), vms.len());
            }
        }
    }

    #[test]
    fn without_vms_there_are_no_rows_and_new_vms_start_over() {
        let mut listed = ListRows::default();
        let mut facts = KeyedFacts::<VmFacts>::default();
        let vm = random_vm(&mut Sequence(1));
        facts.insert(key(vm.meta()), VmFacts::from(&vm));
        assert!(listed.sync(Some(&mut facts), None));
        assert_eq!(listed.total(), 1);
        assert!(
            !listed.sync(Some(&mut facts), None),
            "nothing changed since"
        );
        assert!(listed.sync(None, None));
        assert_eq!(listed.total(), 0);
        let mut fresh = KeyedFacts::<VmFacts>::default();
        fresh.insert(key(vm.meta()), VmFacts::from(&vm));
        assert!(listed.sync(Some(&mut fresh), None));
        assert_eq!(listed.total(), 1);
    }

    #[test]
    fn changes_nobody_takes_turn_into_everything() {
        let mut facts = KeyedFacts::<VmiFacts>::default();
        assert_eq!(facts.take_changes(), Changes::All);
        let vmi = VmiFacts {
            ip: None,
            agent_connected: false,
        };
        // The same hundred instances change twenty times each.
        for i in 0..2000 {
            facts.insert(format!("a/{}", i % 100), vmi.clone());
        }
        assert_eq!(facts.take_changes(), Changes::All);
        facts.insert("a/0".into(), vmi);
        assert_eq!(facts.take_changes(), Changes::Keys(vec!["a/0".into()]));
    }
}
