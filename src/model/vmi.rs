//! `kubevirt.io/v1 VirtualMachineInstance`: the running instance of a VM, as far as the app
//! reads it (phase, conditions, guest agent data, addresses).

use serde::Deserialize;

use super::open_enum::open_enum;
use super::resource::resource;
use super::{Condition, ObjectMeta};

/// A running (or finishing) VM instance.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct VirtualMachineInstance {
    pub metadata: ObjectMeta,
    pub status: VmiStatus,
}

/// `status` of a VMI.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct VmiStatus {
    pub phase: Option<VmiPhase>,
    pub node_name: Option<String>,
    pub conditions: Vec<Condition>,
    pub interfaces: Vec<VmiInterface>,
    #[serde(rename = "guestOSInfo")]
    pub guest_os_info: GuestOsInfo,
    /// When the instance entered each phase.
    pub phase_transition_timestamps: Vec<PhaseTransition>,
}

/// One entry of `status.phaseTransitionTimestamps`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PhaseTransition {
    pub phase: Option<VmiPhase>,
    pub phase_transition_timestamp: Option<chrono::DateTime<chrono::Utc>>,
}

open_enum!(
    /// `status.phase` of a VMI, as KubeVirt's `VirtualMachineInstancePhase` names it.
    VmiPhase {
        Pending,
        Scheduling,
        Scheduled,
        Running,
        Succeeded,
        Failed,
        Unknown,
    }
);

/// One interface as the VMI reports it.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct VmiInterface {
    pub name: String,
    pub ip_address: Option<String>,
}

/// What the guest agent reports about the OS (empty until it connects).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GuestOsInfo {
    pub id: Option<String>,
    pub pretty_name: Option<String>,
}

resource!(
    VirtualMachineInstance,
    "kubevirt.io",
    "v1",
    "virtualmachineinstances",
    "VirtualMachineInstance",
    true
);

impl VirtualMachineInstance {
    /// Whether the instance's guest runs (phase `Running`).
    pub fn running(&self) -> bool {
        self.status.phase == Some(VmiPhase::Running)
    }

    /// Since when the guest runs: its latest move to `Running`, while it still runs.
    pub fn running_since(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        if !self.running() {
            return None;
        }
        self.status
            .phase_transition_timestamps
            .iter()
            .filter(|t| t.phase == Some(VmiPhase::Running))
            .filter_map(|t| t.phase_transition_timestamp)
            .max()
    }

    /// Whether the guest agent is connected (condition `AgentConnected` is True).
    pub fn agent_connected(&self) -> bool {
        self.status
            .conditions
            .iter()
            .any(|c| c.type_ == "AgentConnected" && c.is_true())
    }

    /// A key unique across namespaces, as for VMs: a VMI has its VM's name.
    pub fn key(&self) -> String {
        format!(
            "{}/{}",
            self.metadata.namespace.as_deref().unwrap_or_default(),
            self.metadata.name
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_read_as_variants_and_unknown_ones_survive() {
        let vmi: VirtualMachineInstance =
            serde_json::from_str(r#"{"status":{"phase":"Running"}}"#).unwrap();
        assert!(vmi.running());
        let phase: VmiPhase = serde_json::from_str("\"WaitingForSync\"").unwrap();
        assert_eq!(phase, VmiPhase::Other("WaitingForSync".into()));
        assert_eq!(serde_json::to_string(&phase).unwrap(), "\"WaitingForSync\"");
        assert_eq!(
            serde_json::to_value(VmiPhase::Scheduled).unwrap(),
            "Scheduled"
        );
    }
}
