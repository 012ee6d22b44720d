//! The warning rule: when a running Windows VM should move its disks and NICs from emulated
//! SATA / e1000(e) to VirtIO, and when it cannot yet because the guest tools are missing.

use super::os::vm_os;
use super::vm_devices::cdroms;
use crate::model::vm::{Disk, Interface};
use crate::model::{DiskBus, PrintableStatus, VirtualMachine, VirtualMachineInstance};

/// The VM annotation that turns the VirtIO suggestion off for that VM (`off`), so every user
/// and browser agrees; anything else, or none, leaves it on.
pub const SUGGESTION_ANNOTATION: &str = "vm.windows-vms.io/virtio-suggestion";

/// Whether someone asked not to be told about VirtIO for this VM again.
pub fn suggestion_off(vm: &VirtualMachine) -> bool {
    vm.metadata
        .annotations
        .get(SUGGESTION_ANNOTATION)
        .is_some_and(|v| v == "off")
}

/// The merge patch that turns the suggestion off (`on` false) or back on: it touches that one
/// annotation only.
pub fn suggestion_patch(on: bool) -> serde_json::Value {
    let value = if on {
        serde_json::Value::Null
    } else {
        serde_json::json!("off")
    };
    serde_json::json!({"metadata": {"annotations": {SUGGESTION_ANNOTATION: value}}})
}

/// What to tell the user about a Windows VM's device drivers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DriverHint {
    /// The guest tools are installed (the agent talks) but these devices are still emulated.
    SwitchToVirtio {
        disks: Vec<String>,
        nics: Vec<String>,
    },
    /// Emulated devices (these), and no guest agent: the guest tools still wait to be
    /// installed, from the CD-ROM named here, or from none if it was ejected or never added.
    GuestToolsMissing {
        disks: Vec<String>,
        nics: Vec<String>,
        tools_cdrom: Option<String>,
    },
    /// The switch is saved and waits for the VM to restart.
    RestartPending,
}

impl DriverHint {
    /// Whether this is a warning (rather than a quieter hint).
    pub fn is_warning(&self) -> bool {
        matches!(self, Self::SwitchToVirtio { .. })
    }
}

/// The disks (not CD-ROMs) on SATA; an unset bus is SATA on amd64.
pub fn sata_disks(disks: &[Disk]) -> Vec<String> {
    disks
        .iter()
        .filter_map(|d| d.disk.as_ref().map(|target| (d, target)))
        .filter(|(_, target)| target.effective_bus().is(DiskBus::Sata))
        .map(|(d, _)| d.name.clone())
        .collect()
}

/// The NICs on an emulated Intel model (which Windows uses without drivers, slowly).
pub fn emulated_nics(interfaces: &[Interface]) -> Vec<String> {
    interfaces
        .iter()
        .filter(|i| {
            i.effective_model()
                .known()
                .is_some_and(|m| m.is_emulated_intel())
        })
        .map(|i| i.name.clone())
        .collect()
}

/// The hint for a VM and its running instance, if it needs one. Only running Windows VMs get
/// one: a stopped VM shows nothing until it runs again.
pub fn driver_hint(
    vm: &VirtualMachine,
    vmi: Option<&VirtualMachineInstance>,
) -> Option<DriverHint> {
    HintBasis::of(vm).hint(vmi.is_some_and(VirtualMachineInstance::agent_connected))
}

/// What a VM's own object says about its driver hint; whether the guest agent talks decides
/// the rest. The VM list keeps this instead of the whole object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HintBasis {
    /// No hint, whatever the agent says.
    Nothing,
    RestartPending,
    /// These devices are emulated: a warning when the agent talks, else the tools are missing.
    Emulated {
        disks: Vec<String>,
        nics: Vec<String>,
        tools_cdrom: Option<String>,
    },
}

impl HintBasis {
    /// The basis for one VM.
    pub fn of(vm: &VirtualMachine) -> Self {
        if !vm_os(vm).is_some_and(|os| os.is_windows())
            || vm.printable_status() != PrintableStatus::Running
        {
            return Self::Nothing;
        }
        let devices = &vm.spec.template.spec.domain.devices;
        let disks = sata_disks(&devices.disks);
        let nics = emulated_nics(&devices.interfaces);
        if !(disks.is_empty() && nics.is_empty()) && suggestion_off(vm) {
            return Self::Nothing;
        }
        if disks.is_empty() && nics.is_empty() {
            // The template is already on VirtIO; if the VM still runs the old devices, it
            // waits for the restart that applies them.
            let restart_required = vm.condition("RestartRequired").is_some_and(|c| c.is_true());
            return if restart_required {
                Self::RestartPending
            } else {
                Self::Nothing
            };
        }
        let tools_cdrom = cdroms(vm)
            .into_iter()
            .find(|c| c.guest_tools)
            .map(|c| c.name);
        Self::Emulated {
            disks,
            nics,
            tools_cdrom,
        }
    }

    /// The hint, given whether the guest agent is connected.
    pub fn hint(&self, agent_connected: bool) -> Option<DriverHint> {
        match self {
            Self::Nothing => None,
            Self::RestartPending => Some(DriverHint::RestartPending),
            Self::Emulated { disks, nics, .. } if agent_connected => {
                Some(DriverHint::SwitchToVirtio {
                    disks: disks.clone(),
                    nics: nics.clone(),
                })
            }
            Self::Emulated {
                disks,
                nics,
                tools_cdrom,
            } => Some(DriverHint::GuestToolsMissing {
                disks: disks.clone(),
                nics: nics.clone(),
                tools_cdrom: tools_cdrom.clone(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn vm(
        status: &str,
        disk_bus: Option<&str>,
        nic_model: &str,
        conditions: serde_json::Value,
    ) -> VirtualMachine {
        let disk = match disk_bus {
            Some(bus) => json!({"name": "rootdisk", "disk": {"bus": bus}}),
            None => json!({"name": "rootdisk", "disk": {}}),
        };
        serde_json::from_value(json!({
            "metadata": {"name": "win", "namespace": "dev"},
            "spec": {
                "preference": {"name": "windows.2k22"},
                "template": {"spec": {"domain": {"devices": {
                    "disks": [disk, {"name": "windows-drivers-disk", "cdrom": {"bus": "sata"}}],
                    "interfaces": [{"name": "default", "model": nic_model}]
                }}}}
            },
            "status": {"printableStatus": status, "conditions": conditions}
        }))
        .unwrap()
    }

    #[test]
    fn a_vm_whose_suggestion_was_turned_off_gets_no_hint_until_it_is_on_again() {
        let mut sata = vm("Running", Some("sata"), "e1000e", json!([]));
        assert!(driver_hint(&sata, Some(&vmi(true))).is_some());
        let off = suggestion_patch(false);
        sata.metadata.annotations.insert(
            SUGGESTION_ANNOTATION.to_owned(),
            off["metadata"]["annotations"][SUGGESTION_ANNOTATION]
                .as_str()
                .unwrap()
                .to_owned(),
        );
        assert!(suggestion_off(&sata));
        assert_eq!(driver_hint(&sata, Some(&vmi(true))), None);
        assert_eq!(
            driver_hint(&sata, Some(&vmi(false))),
            None,
            "nor the tools hint"
        );
        assert_eq!(
            suggestion_patch(true),
            json!({"metadata": {"annotations": {SUGGESTION_ANNOTATION: null}}}),
            "on again removes the annotation"
        );
        // A restart that applies a saved switch is still said.
        let mut pending = vm(
            "Running",
            Some("virtio"),
            "virtio",
            json!([{"type": "RestartRequired", "status": "True"}]),
        );
        pending
            .metadata
            .annotations
            .insert(SUGGESTION_ANNOTATION.to_owned(), "off".to_owned());
        assert_eq!(
            driver_hint(&pending, None),
            Some(DriverHint::RestartPending)
        );
    }

    fn vmi(agent: bool) -> VirtualMachineInstance {
        let conditions = if agent {
            json!([{"type": "AgentConnected", "status": "True"}])
        } else {
            json!([])
        };
        serde_json::from_value(
            json!({"metadata": {"name": "win"}, "status": {"conditions": conditions}}),
        )
        .unwrap()
    }

    #[test]
    fn a_running_windows_vm_with_the_agent_on_sata_and_e1000e_is_warned() {
        let hint = driver_hint(
            &vm("Running", Some("sata"), "e1000e", json!([])),
            Some(&vmi(true)),
        );
        assert_eq!(
            hint,
            Some(DriverHint::SwitchToVirtio {
                disks: vec!["rootdisk".into()],
                nics: vec!["default".into()]
            })
        );
        assert!(hint.unwrap().is_warning());
    }

    #[test]
    fn an_unset_disk_bus_counts_as_sata_but_cdroms_do_not() {
        let hint = driver_hint(&vm("Running", None, "virtio", json!([])), Some(&vmi(true)));
        assert_eq!(
            hint,
            Some(DriverHint::SwitchToVirtio {
                disks: vec!["rootdisk".into()],
                nics: vec![]
            })
        );
    }

    #[test]
    fn without_the_agent_the_guest_tools_are_missing() {
        let missing = Some(DriverHint::GuestToolsMissing {
            disks: vec!["rootdisk".to_owned()],
            nics: vec!["default".to_owned()],
            tools_cdrom: Some("windows-drivers-disk".to_owned()),
        });
        let running = vm("Running", Some("sata"), "e1000", json!([]));
        assert_eq!(driver_hint(&running, Some(&vmi(false))), missing);
        assert_eq!(driver_hint(&running, None), missing);
    }

    #[test]
    fn the_missing_tools_hint_names_the_real_devices_and_an_ejected_cdrom() {
        // VirtIO disk, e1000e NIC, and the guest tools CD-ROM taken out.
        let mut virtio_disk = vm("Running", Some("virtio"), "e1000e", json!([]));
        virtio_disk
            .spec
            .template
            .spec
            .domain
            .devices
            .disks
            .retain(|d| d.name != "windows-drivers-disk");
        assert_eq!(
            driver_hint(&virtio_disk, None),
            Some(DriverHint::GuestToolsMissing {
                disks: vec![],
                nics: vec!["default".to_owned()],
                tools_cdrom: None,
            })
        );
    }

    #[test]
    fn virtio_stopped_and_linux_vms_get_nothing() {
        assert_eq!(
            driver_hint(
                &vm("Running", Some("virtio"), "virtio", json!([])),
                Some(&vmi(true))
            ),
            None
        );
        assert_eq!(
            driver_hint(&vm("Stopped", Some("sata"), "e1000e", json!([])), None),
            None
        );
        let mut linux = vm("Running", Some("sata"), "e1000e", json!([]));
        linux.spec.preference = None;
        linux
            .metadata
            .annotations
            .insert("vm.kubevirt.io/os".into(), "fedora".into());
        assert_eq!(driver_hint(&linux, Some(&vmi(true))), None);
    }

    #[test]
    fn a_saved_switch_waiting_for_restart_says_so() {
        let pending = vm(
            "Running",
            Some("virtio"),
            "virtio",
            json!([{"type": "RestartRequired", "status": "True"}]),
        );
        assert_eq!(
            driver_hint(&pending, Some(&vmi(true))),
            Some(DriverHint::RestartPending)
        );
    }
}
