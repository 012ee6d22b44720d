//! What KubeVirt's controllers do, in miniature and on a short clock: a VM that should run gets
//! an instance that goes Scheduling → Scheduled → Running, and its guest agent connects when the
//! guest tools are installed in it; a VM that stops loses its instance. Each step checks that no
//! newer action on the same VM has superseded it.

use std::time::Duration;

use serde_json::{json, Value};

use crate::api::{lock, MockState, Shared};
use crate::resources::{ResourceType, EVENTS, VIRTUAL_MACHINES, VIRTUAL_MACHINE_INSTANCES};
use crate::store::now_timestamp;

/// Time between the steps of starting or stopping an instance.
const STEP: Duration = Duration::from_millis(800);
/// How long the guest agent takes to connect once the guest runs.
const AGENT_DELAY: Duration = Duration::from_millis(1500);

fn vms() -> &'static ResourceType {
    &VIRTUAL_MACHINES
}

fn vmis() -> &'static ResourceType {
    &VIRTUAL_MACHINE_INSTANCES
}

/// Reacts to a created object: a VM gets its first status, and starts when it should.
pub fn on_created(shared: Shared, resource: &'static ResourceType, object: &Value) {
    if resource.kind != "VirtualMachine" {
        return;
    }
    let namespace = object["metadata"]["namespace"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let name = object["metadata"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let runs = matches!(
        object["spec"]["runStrategy"].as_str(),
        Some("Always" | "RerunOnFailure" | "Once")
    );
    if runs {
        start_instance(shared, namespace, name);
    } else if let Ok(mut state) = shared.lock() {
        state
            .store
            .set_status(vms(), &namespace, &name, stopped_status());
    }
}

/// Starts the VM's instance and walks it to Running.
pub fn start_instance(shared: Shared, namespace: String, name: String) {
    let turn = {
        let Ok(mut state) = shared.lock() else { return };
        let turn = state.next_turn(&namespace, &name);
        state
            .store
            .set_status(vms(), &namespace, &name, starting_status());
        if let Some(vm) = state.store.get(vms(), &namespace, &name).cloned() {
            let _ = state.store.delete(vmis(), &namespace, &name);
            let _ = state
                .store
                .create(vmis(), &namespace, new_instance(&vm), false);
        }
        turn
    };
    tokio::spawn(async move {
        tokio::time::sleep(STEP).await;
        step(&shared, &namespace, &name, turn, |state| {
            state.store.modify(vmis(), &namespace, &name, |vmi| {
                vmi["status"]["phase"] = json!("Scheduled");
                vmi["status"]["nodeName"] = json!("worker-1");
            });
        });
        tokio::time::sleep(STEP).await;
        step(&shared, &namespace, &name, turn, |state| {
            let ip = state.next_ip();
            state.store.modify(vmis(), &namespace, &name, |vmi| {
                vmi["status"]["phase"] = json!("Running");
                vmi["status"]["conditions"] = json!([{"type": "Ready", "status": "True", "lastProbeTime": null, "lastTransitionTime": now_timestamp()}]);
                vmi["status"]["interfaces"] = json!([{"name": "default", "ipAddress": ip, "ipAddresses": [ip], "infoSource": "domain", "queueCount": 1, "linkState": "up"}]);
            });
            state
                .store
                .set_status(vms(), &namespace, &name, running_status());
        });
        tokio::time::sleep(AGENT_DELAY).await;
        let mut installs_tools = false;
        step(&shared, &namespace, &name, turn, |state| {
            let key = (namespace.clone(), name.clone());
            let Some(vm) = state.store.get(vms(), &namespace, &name).cloned() else {
                return;
            };
            let windows = os_key(&vm).starts_with("windows");
            if state.guest_tools.contains(&key) {
                connect_agent_of(state, &namespace, &name, &vm);
            } else if windows && boots_from_virtio(&vm) {
                // No VirtIO storage driver in the guest: Windows stops at a blue screen, the
                // instance keeps running, and the agent never comes.
                record_boot_failure(state, &namespace, &name);
            } else {
                installs_tools = windows && has_guest_tools_cd(&vm);
            }
        });
        if installs_tools {
            let delay = lock(&shared).guest_tools_install;
            tokio::time::sleep(delay).await;
            step(&shared, &namespace, &name, turn, |state| {
                let Some(vm) = state.store.get(vms(), &namespace, &name).cloned() else {
                    return;
                };
                state.guest_tools.insert((namespace.clone(), name.clone()));
                connect_agent_of(state, &namespace, &name, &vm);
            });
        }
    });
}

/// Reacts to a changed object: a VM whose running instance no longer matches its template
/// needs a restart, as KubeVirt says with the `RestartRequired` condition.
pub fn on_updated(shared: Shared, resource: &'static ResourceType, _old: &Value, new: &Value) {
    if resource.kind != "VirtualMachine" {
        return;
    }
    let namespace = new["metadata"]["namespace"].as_str().unwrap_or_default();
    let name = new["metadata"]["name"].as_str().unwrap_or_default();
    let mut state = lock(&shared);
    let Some(vmi) = state.store.get(vmis(), namespace, name) else {
        return;
    };
    let differs = vmi["spec"] != new["spec"]["template"]["spec"];
    let has_condition = new["status"]["conditions"]
        .as_array()
        .is_some_and(|c| c.iter().any(|c| c["type"] == "RestartRequired"));
    if differs == has_condition {
        return;
    }
    state.store.modify(vms(), namespace, name, |vm| {
        let Some(conditions) = vm["status"]["conditions"].as_array_mut() else {
            return;
        };
        conditions.retain(|c| c["type"] != "RestartRequired");
        if differs {
            conditions.push(restart_required_condition());
        }
    });
}

fn restart_required_condition() -> Value {
    json!({"type": "RestartRequired", "status": "True", "lastProbeTime": null,
           "lastTransitionTime": now_timestamp(),
           "message": "a non-live-updatable field was changed in the template spec"})
}

/// Connects the guest agent of a VM's running instance.
fn connect_agent_of(state: &mut MockState, namespace: &str, name: &str, vm: &Value) {
    let os = os_key(vm);
    state
        .store
        .modify(vmis(), namespace, name, |vmi| connect_agent(vmi, &os));
}

/// Whether the VM boots from a disk on a VirtIO bus (virtio or scsi): the lowest boot order,
/// else the first disk.
fn boots_from_virtio(vm: &Value) -> bool {
    let empty = Vec::new();
    let disks = vm["spec"]["template"]["spec"]["domain"]["devices"]["disks"]
        .as_array()
        .unwrap_or(&empty);
    let boot = disks
        .iter()
        .filter(|d| d["bootOrder"].is_u64())
        .min_by_key(|d| d["bootOrder"].as_u64())
        .or_else(|| disks.iter().find(|d| d.get("disk").is_some()));
    boot.and_then(|d| d["disk"]["bus"].as_str())
        .is_some_and(|bus| bus == "virtio" || bus == "scsi")
}

/// The Warning Event a failed Windows boot leaves on the instance.
fn record_boot_failure(state: &mut MockState, namespace: &str, name: &str) {
    let uid = state
        .store
        .get(vmis(), namespace, name)
        .map(|vmi| vmi["metadata"]["uid"].clone())
        .unwrap_or_default();
    let now = now_timestamp();
    let event = json!({
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": {"generateName": format!("{name}.")},
        "involvedObject": {"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachineInstance", "name": name, "namespace": namespace, "uid": uid},
        "reason": "GuestBootFailed",
        "message": "Windows stopped with INACCESSIBLE_BOOT_DEVICE: the boot disk is on VirtIO and the guest has no VirtIO storage driver",
        "type": "Warning",
        "source": {"component": "virt-handler"},
        "firstTimestamp": now, "lastTimestamp": now, "count": 1
    });
    let _ = state.store.create(&EVENTS, namespace, event, false);
}

/// Whether the VM has the Windows guest tools (virtio-win) CD attached.
fn has_guest_tools_cd(vm: &Value) -> bool {
    let spec = &vm["spec"]["template"]["spec"];
    let empty = Vec::new();
    let volumes = spec["volumes"].as_array().unwrap_or(&empty);
    spec["domain"]["devices"]["disks"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .filter(|disk| disk.get("cdrom").is_some())
        .filter_map(|disk| volumes.iter().find(|v| v["name"] == disk["name"]))
        .filter_map(|volume| volume["containerDisk"]["image"].as_str())
        .any(|image| image.contains("virtio-container-disk") || image.contains("virtio-win"))
}

/// Stops the VM's instance; with `then_start`, starts a new one afterwards (a restart).
pub fn stop_instance(shared: Shared, namespace: String, name: String, then_start: bool) {
    let turn = {
        let Ok(mut state) = shared.lock() else { return };
        let turn = state.next_turn(&namespace, &name);
        state
            .store
            .set_status(vms(), &namespace, &name, stopping_status());
        turn
    };
    tokio::spawn(async move {
        tokio::time::sleep(STEP).await;
        let stopped = step(&shared, &namespace, &name, turn, |state| {
            let _ = state.store.delete(vmis(), &namespace, &name);
            state
                .store
                .set_status(vms(), &namespace, &name, stopped_status());
        });
        if stopped && then_start {
            start_instance(shared, namespace, name);
        }
    });
}

/// Runs one step if no newer action has taken over the VM; says whether it ran.
fn step(
    shared: &Shared,
    namespace: &str,
    name: &str,
    turn: u64,
    change: impl FnOnce(&mut MockState),
) -> bool {
    let Ok(mut state) = shared.lock() else {
        return false;
    };
    if state.turn(namespace, name) != turn {
        return false;
    }
    change(&mut state);
    true
}

/// A new instance from the VM's template, owned by the VM.
fn new_instance(vm: &Value) -> Value {
    let template = &vm["spec"]["template"];
    let mut metadata = template["metadata"].clone();
    if !metadata.is_object() {
        metadata = json!({});
    }
    metadata["name"] = vm["metadata"]["name"].clone();
    metadata["ownerReferences"] = json!([{
        "apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine", "name": vm["metadata"]["name"],
        "uid": vm["metadata"]["uid"], "controller": true, "blockOwnerDeletion": true
    }]);
    json!({
        "apiVersion": "kubevirt.io/v1",
        "kind": "VirtualMachineInstance",
        "metadata": metadata,
        "spec": template["spec"],
        "status": {
            "phase": "Scheduling",
            "conditions": [{"type": "Ready", "status": "False", "reason": "PodNotExists", "message": "virt-launcher pod has not yet been scheduled"}],
            "guestOSInfo": {}
        }
    })
}

/// What identifies the VM's OS: its preference, else its `vm.kubevirt.io/os` annotation.
fn os_key(vm: &Value) -> String {
    vm["spec"]["preference"]["name"]
        .as_str()
        .or_else(|| vm["metadata"]["annotations"]["vm.kubevirt.io/os"].as_str())
        .unwrap_or_default()
        .to_owned()
}

/// Marks the agent connected and fills in what it reports.
pub fn connect_agent(vmi: &mut Value, os: &str) {
    if let Some(conditions) = vmi["status"]["conditions"].as_array_mut() {
        conditions.push(json!({"type": "AgentConnected", "status": "True", "lastProbeTime": now_timestamp(), "lastTransitionTime": null}));
    }
    vmi["status"]["guestOSInfo"] = guest_os_info(os);
    if let Some(interfaces) = vmi["status"]["interfaces"].as_array_mut() {
        for interface in interfaces {
            interface["infoSource"] = json!("domain, guest-agent");
            interface["interfaceName"] = json!("Ethernet");
        }
    }
}

/// What qemu-ga reports for an OS, named by preference (`windows.2k22`) or OS id (`windows2k22`).
pub fn guest_os_info(os: &str) -> Value {
    let windows = |pretty: &str, version: &str, id: &str, build: &str| {
        json!({"id": "mswindows", "name": "Microsoft Windows", "prettyName": pretty, "version": version,
               "versionId": id, "kernelVersion": "10.0", "kernelRelease": build, "machine": "x86_64"})
    };
    let key = os.replace('.', "");
    match key.as_str() {
        "windows11" => windows(
            "Windows 11 Enterprise",
            "Microsoft Windows 11",
            "11",
            "26100",
        ),
        "windows10" => windows(
            "Windows 10 Enterprise",
            "Microsoft Windows 10",
            "10",
            "19045",
        ),
        "windows2k25" => windows(
            "Windows Server 2025 Datacenter",
            "Microsoft Windows Server 2025",
            "2025",
            "26100",
        ),
        "windows2k22" => windows(
            "Windows Server 2022 Datacenter",
            "Microsoft Windows Server 2022",
            "2022",
            "20348",
        ),
        "windows2k19" => windows(
            "Windows Server 2019 Datacenter",
            "Microsoft Windows Server 2019",
            "2019",
            "17763",
        ),
        "windows2k16" => windows(
            "Windows Server 2016 Datacenter",
            "Microsoft Windows Server 2016",
            "2016",
            "14393",
        ),
        _ => {
            json!({"id": "fedora", "name": "Fedora Linux", "prettyName": "Fedora Linux 40 (Cloud Edition)",
                    "version": "40 (Cloud Edition)", "versionId": "40", "kernelRelease": "6.8.5-301.fc40.x86_64", "machine": "x86_64"})
        }
    }
}

/// Status of a VM with no VMI.
pub fn stopped_status() -> Value {
    json!({
        "printableStatus": "Stopped",
        "conditions": [{"type": "Ready", "status": "False", "reason": "VMINotExists", "message": "VMI does not exist"}]
    })
}

fn starting_status() -> Value {
    json!({
        "printableStatus": "Starting",
        "created": true,
        "conditions": [{"type": "Ready", "status": "False", "reason": "PodNotExists", "message": "virt-launcher pod has not yet been scheduled"}]
    })
}

fn stopping_status() -> Value {
    json!({
        "printableStatus": "Stopping",
        "created": true,
        "conditions": [{"type": "Ready", "status": "False", "reason": "PodTerminating", "message": "virt-launcher pod is terminating"}]
    })
}

/// Status of a VM whose VMI runs and is ready.
pub fn running_status() -> Value {
    json!({
        "printableStatus": "Running",
        "created": true,
        "ready": true,
        "conditions": [{"type": "Ready", "status": "True"}]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_boot_disk_is_the_first_in_boot_order() {
        let vm = |disks: Value| json!({"spec": {"template": {"spec": {"domain": {"devices": {"disks": disks}}}}}});
        assert!(boots_from_virtio(&vm(
            json!([{"name": "a", "disk": {"bus": "virtio"}}])
        )));
        assert!(!boots_from_virtio(&vm(
            json!([{"name": "a", "disk": {"bus": "sata"}}])
        )));
        assert!(!boots_from_virtio(&vm(json!([
            {"name": "data", "bootOrder": 2, "disk": {"bus": "virtio"}},
            {"name": "root", "bootOrder": 1, "disk": {"bus": "sata"}}
        ]))));
        assert!(
            !boots_from_virtio(&vm(json!([{"name": "a", "disk": {}}]))),
            "an unset bus is SATA"
        );
    }

    #[test]
    fn the_agent_reports_windows_as_qemu_ga_does() {
        let info = guest_os_info("windows.2k22");
        assert_eq!(info["id"], "mswindows");
        assert_eq!(info["kernelRelease"], "20348");
        assert_eq!(guest_os_info("windows11")["versionId"], "11");
    }

    #[test]
    fn a_new_instance_comes_from_the_template_and_is_owned_by_the_vm() {
        let vm = json!({"metadata": {"name": "w", "uid": "u-1"}, "spec": {"template": {"metadata": {"labels": {"a": "b"}}, "spec": {"domain": {}}}}});
        let vmi = new_instance(&vm);
        assert_eq!(vmi["metadata"]["name"], "w");
        assert_eq!(vmi["metadata"]["labels"]["a"], "b");
        assert_eq!(vmi["metadata"]["ownerReferences"][0]["uid"], "u-1");
        assert_eq!(vmi["status"]["phase"], "Scheduling");
    }
}
