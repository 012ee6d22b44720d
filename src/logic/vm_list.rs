//! What the VM list shows for each VM, derived once from the objects.

use chrono::{DateTime, Utc};

use super::os::vm_os;
use super::routes::AppRoute;
use super::vm_status::UNKNOWN_STATUS;
use crate::model::VirtualMachine;

/// One row of the VM list.
#[derive(Clone, Debug, PartialEq)]
pub struct VmRow {
    pub name: String,
    pub namespace: String,
    pub status: String,
    /// The guest OS label, or an em dash when nothing says.
    pub os: String,
    pub is_windows: bool,
    pub created: Option<DateTime<Utc>>,
    pub details_path: String,
}

impl VmRow {
    /// The row for one VM.
    pub fn from_vm(vm: &VirtualMachine) -> Self {
        let os = vm_os(vm);
        Self {
            name: vm.name().to_owned(),
            namespace: vm.namespace().to_owned(),
            status: vm
                .status
                .printable_status
                .clone()
                .unwrap_or_else(|| UNKNOWN_STATUS.to_owned()),
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
        }
    }

    /// A key unique across namespaces.
    pub fn key(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }
}

/// The rows for a list of VMs, ordered by namespace, then name.
pub fn rows(vms: &[VirtualMachine]) -> Vec<VmRow> {
    let mut rows: Vec<VmRow> = vms.iter().map(VmRow::from_vm).collect();
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
        let row = VmRow::from_vm(&vm(serde_json::json!({
            "metadata": {"name": "win2k22-sql", "namespace": "finance", "creationTimestamp": "2026-11-20T10:00:00Z"},
            "spec": {"preference": {"kind": "VirtualMachineClusterPreference", "name": "windows.2k22"}},
            "status": {"printableStatus": "Running"}
        })));
        assert_eq!(row.name, "win2k22-sql");
        assert_eq!(row.status, "Running");
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
        let row = VmRow::from_vm(&vm(
            serde_json::json!({"metadata": {"name": "new", "namespace": "a"}}),
        ));
        assert_eq!(row.status, "Unknown");
        assert_eq!(row.os, "—");
        assert!(!row.is_windows);
    }

    #[test]
    fn rows_are_sorted_by_namespace_then_name() {
        let vms: Vec<VirtualMachine> = [("b", "x"), ("a", "z"), ("a", "y")]
            .iter()
            .map(|(ns, name)| vm(serde_json::json!({"metadata": {"name": name, "namespace": ns}})))
            .collect();
        let keys: Vec<String> = rows(&vms).iter().map(VmRow::key).collect();
        assert_eq!(keys, ["a/y", "a/z", "b/x"]);
    }
}
