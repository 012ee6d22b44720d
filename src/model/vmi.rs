//! `kubevirt.io/v1 VirtualMachineInstance`: the running instance of a VM, as far as the app
//! reads it (phase, conditions, guest agent data, addresses).

use serde::Deserialize;

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
    pub phase: Option<String>,
    pub node_name: Option<String>,
    pub conditions: Vec<Condition>,
    pub interfaces: Vec<VmiInterface>,
    #[serde(rename = "guestOSInfo")]
    pub guest_os_info: GuestOsInfo,
}

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
