//! What the VM list shows for each VM, derived once from the objects.

use chrono::{DateTime, Utc};

use std::collections::HashMap;

use super::driver_hint::{DriverHint, HintBasis};
use super::os::vm_os;
use super::routes::AppRoute;
use crate::model::{PrintableStatus, VirtualMachine, VirtualMachineInstance};

/// One row of the VM list.
#[derive(Clone, Debug, PartialEq)]
pub struct VmRow {
    pub name: String,
    pub namespace: String,
    pub status: PrintableStatus,
    /// The guest OS label, or an em dash when nothing says.
    pub os: String,
    pub is_windows: bool,
    pub created: Option<DateTime<Utc>>,
    pub details_path: String,
    /// The first IP address the running instance reports.
    pub ip: Option<String>,
    /// What to tell the user about the VM's device drivers.
    pub hint: Option<DriverHint>,
}

impl VmRow {
    /// The row for one VM and its running instance, if any.
    pub fn new(vm: &VirtualMachine, vmi: Option<&VirtualMachineInstance>) -> Self {
        Self::join(&VmFacts::from(vm), vmi.map(VmiFacts::from).as_ref(), true)
    }

    /// The row for a VM and its instance, from what the list keeps of them. While the
    /// instances are unknown (`instances_known` false) the row gets no driver hint, since
    /// whether the guest agent runs cannot be told.
    pub fn join(vm: &VmFacts, vmi: Option<&VmiFacts>, instances_known: bool) -> Self {
        Self {
            name: vm.name.clone(),
            namespace: vm.namespace.clone(),
            status: vm.status.clone(),
            os: vm.os.clone().unwrap_or_else(|| "—".to_owned()),
            is_windows: vm.is_windows,
            created: vm.created,
            details_path: AppRoute::VmDetails {
                namespace: vm.namespace.clone(),
                name: vm.name.clone(),
            }
            .path(),
            ip: vmi.and_then(|vmi| vmi.ip.clone()),
            hint: if instances_known {
                vm.hint.hint(vmi.is_some_and(|vmi| vmi.agent_connected))
            } else {
                None
            },
        }
    }

    /// A key unique across namespaces.
    pub fn key(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }
}

/// What the list keeps of a VM: only what its row needs, so 10,000 VMs stay small.
#[derive(Clone, Debug, PartialEq)]
pub struct VmFacts {
    pub name: String,
    pub namespace: String,
    pub status: PrintableStatus,
    /// The guest OS label, if anything says.
    pub os: Option<String>,
    pub is_windows: bool,
    pub created: Option<DateTime<Utc>>,
    /// The driver hint, but for whether the guest agent talks.
    pub hint: HintBasis,
}

impl From<&VirtualMachine> for VmFacts {
    fn from(vm: &VirtualMachine) -> Self {
        let os = vm_os(vm);
        Self {
            name: vm.name().to_owned(),
            namespace: vm.namespace().to_owned(),
            status: vm.printable_status(),
            os: os.as_ref().map(|os| os.label()),
            is_windows: os.is_some_and(|os| os.is_windows()),
            created: vm.metadata.creation_timestamp,
            hint: HintBasis::of(vm),
        }
    }
}

/// What the list keeps of a running instance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VmiFacts {
    /// The first IP address the instance reports.
    pub ip: Option<String>,
    pub agent_connected: bool,
}

impl From<&VirtualMachineInstance> for VmiFacts {
    fn from(vmi: &VirtualMachineInstance) -> Self {
        Self {
            ip: vmi
                .status
                .interfaces
                .iter()
                .find_map(|i| i.ip_address.clone()),
            agent_connected: vmi.agent_connected(),
        }
    }
}

/// The rows for a list of VMs joined with their instances, ordered by namespace, then name,
/// computed whole. While the instances are unknown (`None`: loading, or not readable) no row
/// gets a driver hint. The page keeps its rows incrementally (see `vm_list_store`); this is
/// the plain rule it must agree with.
pub fn rows(vms: &[VirtualMachine], vmis: Option<&[VirtualMachineInstance]>) -> Vec<VmRow> {
    let by_key: HashMap<String, VmiFacts> = vmis
        .unwrap_or_default()
        .iter()
        .map(|vmi| (vmi.key(), VmiFacts::from(vmi)))
        .collect();
    let mut rows: Vec<VmRow> = vms
        .iter()
        .map(|vm| {
            let key = format!("{}/{}", vm.namespace(), vm.name());
            VmRow::join(&VmFacts::from(vm), by_key.get(&key), vmis.is_some())
        })
        .collect();
    rows.sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vm(json: serde_json::Value) -> VirtualMachine {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn a_row_carries_what_the_list_shows() {
        let row = VmRow::new(
            &vm(serde_json::json!({
                "metadata": {"name": "win2k22-sql", "namespace": "finance", "creationTimestamp": "2026-11-20T10:00:00Z"},
                "spec": {"preference": {"kind": "VirtualMachineClusterPreference", "name": "windows.2k22"}},
                "status": {"printableStatus": "Running"}
            })),
            None,
        );
        assert_eq!(row.name, "win2k22-sql");
        assert_eq!(row.status, PrintableStatus::Running);
        assert_eq!(row.os, "Windows Server 2022");
        assert!(row.is_windows);
        assert_eq!(row.details_path, "/ns/finance/vms/win2k22-sql");
        assert_eq!(
            row.created.map(|t| t.to_rfc3339()),
            Some("2026-11-20T10:00:00+00:00".into())
        );
    }

    #[test]
    fn a_vm_without_status_or_os_shows_unknown_and_a_dash() {
        let row = VmRow::new(
            &vm(serde_json::json!({"metadata": {"name": "new", "namespace": "a"}})),
            None,
        );
        assert_eq!(row.status, PrintableStatus::Unknown);
        assert_eq!(row.os, "—");
        assert!(!row.is_windows);
    }

    #[test]
    fn each_vm_is_joined_with_its_own_instance() {
        let vms = vec![
            vm(serde_json::json!({"metadata": {"name": "a", "namespace": "one"}})),
            vm(serde_json::json!({"metadata": {"name": "a", "namespace": "two"}})),
        ];
        let vmi: VirtualMachineInstance = serde_json::from_value(serde_json::json!({
            "metadata": {"name": "a", "namespace": "two"},
            "status": {"interfaces": [{"name": "default", "ipAddress": "10.0.0.7"}]}
        }))
        .unwrap();
        let ips: Vec<Option<String>> = rows(&vms, Some(&[vmi])).into_iter().map(|r| r.ip).collect();
        assert_eq!(ips, [None, Some("10.0.0.7".into())]);
    }

    #[test]
    fn without_known_instances_no_row_gets_a_driver_hint() {
        let windows = vm(serde_json::json!({
            "metadata": {"name": "w", "namespace": "a"},
            "spec": {"preference": {"name": "windows.11"}, "template": {"spec": {"domain": {"devices": {
                "disks": [{"name": "rootdisk", "disk": {"bus": "sata"}}]
            }}}}},
            "status": {"printableStatus": "Running"}
        }));
        assert_eq!(rows(std::slice::from_ref(&windows), None)[0].hint, None);
        assert!(rows(&[windows], Some(&[]))[0].hint.is_some());
    }

    #[test]
    fn rows_are_sorted_by_namespace_then_name() {
        let vms: Vec<VirtualMachine> = [("b", "x"), ("a", "z"), ("a", "y")]
            .iter()
            .map(|(ns, name)| vm(serde_json::json!({"metadata": {"name": name, "namespace": ns}})))
            .collect();
        let keys: Vec<String> = rows(&vms, Some(&[])).iter().map(VmRow::key).collect();
        assert_eq!(keys, ["a/y", "a/z", "b/x"]);
    }
}
