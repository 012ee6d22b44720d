//! What the VM list shows for each VM, derived once from the objects.

use chrono::{DateTime, Utc};

use std::collections::HashMap;

use super::driver_hint::{driver_hint, DriverHint};
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
        let os = vm_os(vm);
        Self {
            name: vm.name().to_owned(),
            namespace: vm.namespace().to_owned(),
            status: vm.printable_status(),
            os: os
                .as_ref()
                .map(|os| os.label())
                .unwrap_or_else(|| "—".to_owned()),
            is_windows: os.is_some_and(|os| os.is_windows()),
            created: vm.metadata.creation_timestamp,
            details_path: AppRoute::VmDetails {
                namespace: vm.namespace().to_owned(),
                name: vm.name().to_owned(),
            }
            .path(),
            ip: vmi.and_then(|vmi| {
                vmi.status
                    .interfaces
                    .iter()
                    .find_map(|i| i.ip_address.clone())
            }),
            hint: driver_hint(vm, vmi),
        }
    }

    /// A key unique across namespaces.
    pub fn key(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }
}

/// The rows for a list of VMs joined with their instances, ordered by namespace, then name.
/// While the instances are unknown (`None`: loading, or not readable) no row gets a driver
/// hint, since whether the guest agent runs cannot be told.
pub fn rows(vms: &[VirtualMachine], vmis: Option<&[VirtualMachineInstance]>) -> Vec<VmRow> {
    let by_key: HashMap<String, &VirtualMachineInstance> = vmis
        .unwrap_or_default()
        .iter()
        .map(|vmi| (vmi.key(), vmi))
        .collect();
    let mut rows: Vec<VmRow> = vms
        .iter()
        .map(|vm| {
            let mut row = VmRow::new(
                vm,
                by_key
                    .get(&format!("{}/{}", vm.namespace(), vm.name()))
                    .copied(),
            );
            if vmis.is_none() {
                row.hint = None;
            }
            row
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
