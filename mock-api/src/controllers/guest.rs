//! The guest inside a VM, simulated: which OS it is, what its agent reports once the Windows
//! guest tools are in, and how Windows fails to boot from a VirtIO disk without them.

use serde_json::{json, Value};

use crate::kube::resources::{EVENTS, VIRTUAL_MACHINE_INSTANCES};
use crate::state::guest_users::GuestUser;
use crate::state::MockState;
use crate::store::now_timestamp;

fn vmis() -> &'static crate::kube::resources::ResourceType {
    &VIRTUAL_MACHINE_INSTANCES
}

/// Connects the guest agent of a VM's running instance.
pub fn connect_agent_of(state: &mut MockState, namespace: &str, name: &str, vm: &Value) {
    let os = os_key(vm);
    state
        .store
        .modify(vmis(), namespace, name, |vmi| connect_agent(vmi, &os));
}

/// Whether the VM boots from a disk on a VirtIO bus (virtio or scsi): the lowest boot order,
/// else the first disk.
pub fn boots_from_virtio(vm: &Value) -> bool {
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
pub fn record_boot_failure(state: &mut MockState, namespace: &str, name: &str) {
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
pub fn has_guest_tools_cd(vm: &Value) -> bool {
    let spec = &vm["spec"]["template"]["spec"];
    let empty = Vec::new();
    // By name, so a VM with thousands of disks is one pass and not one per disk.
    let mut images = std::collections::HashMap::new();
    for volume in spec["volumes"].as_array().unwrap_or(&empty) {
        if let Some(name) = volume["name"].as_str() {
            images
                .entry(name)
                .or_insert(volume["containerDisk"]["image"].as_str());
        }
    }
    spec["domain"]["devices"]["disks"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .filter(|disk| disk.get("cdrom").is_some())
        .filter_map(|disk| images.get(disk["name"].as_str()?).copied().flatten())
        .any(|image| image.contains("virtio-container-disk") || image.contains("virtio-win"))
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

/// What identifies the VM's OS: its preference, else its `vm.kubevirt.io/os` annotation.
pub fn os_key(vm: &Value) -> String {
    vm["spec"]["preference"]["name"]
        .as_str()
        .or_else(|| vm["metadata"]["annotations"]["vm.kubevirt.io/os"].as_str())
        .unwrap_or_default()
        .to_owned()
}

/// What the `guestosinfo` subresource answers for an instance: the agent's report, or KubeVirt's
/// plain-text refusal (HTTP 500) when the instance does not run or its agent is away.
pub fn guest_os_info_answer(vmi: Option<&Value>, name: &str) -> Result<Value, String> {
    let vmi = agent_of(vmi, name)?;
    let os = &vmi["status"]["guestOSInfo"];
    let windows = os["id"] == "mswindows";
    Ok(json!({
        "guestAgentVersion": if windows { "107.0.1" } else { "8.2.0" },
        "hostname": name,
        "os": os,
        "timezone": if windows { "Coordinated Universal Time, 0" } else { "UTC, 0" },
        "userList": [],
        "fsInfo": {"disks": []}
    }))
}

/// The instance, when it runs with its agent connected; else KubeVirt's refusal.
fn agent_of<'a>(vmi: Option<&'a Value>, name: &str) -> Result<&'a Value, String> {
    let refuse = |why: &str| {
        format!(
            "Operation cannot be fulfilled on virtualmachineinstance.kubevirt.io \"{name}\": {why}"
        )
    };
    let vmi = vmi.ok_or_else(|| refuse("VMI is not running"))?;
    if vmi["status"]["phase"] != "Running" {
        return Err(refuse("VMI is not running"));
    }
    let agent = vmi["status"]["conditions"].as_array().is_some_and(|c| {
        c.iter()
            .any(|c| c["type"] == "AgentConnected" && c["status"] == "True")
    });
    if !agent {
        return Err(refuse("VMI does not have guest agent connected"));
    }
    Ok(vmi)
}

/// What the `userlist` subresource answers: a `VirtualMachineInstanceGuestOSUserList` of
/// `users` (login time in seconds since the epoch, as the agent reports it), or the refusal.
pub fn user_list_answer(
    vmi: Option<&Value>,
    name: &str,
    users: &[GuestUser],
) -> Result<Value, String> {
    agent_of(vmi, name)?;
    let items: Vec<Value> = users
        .iter()
        .map(|user| {
            let mut item = json!({
                "userName": user.user_name,
                "loginTime": user.login_time.timestamp_millis() as f64 / 1000.0,
            });
            if let Some(domain) = &user.domain {
                item["domain"] = json!(domain);
            }
            item
        })
        .collect();
    Ok(json!({"metadata": {}, "items": items}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn userlist_names_the_users_with_their_login_time_in_seconds() {
        let running = json!({"status": {"phase": "Running",
            "conditions": [{"type": "AgentConnected", "status": "True"}]}});
        let at = chrono::DateTime::from_timestamp(1_764_400_000, 250_000_000).unwrap();
        let users = [GuestUser {
            user_name: "alice".into(),
            domain: Some("WINDEV".into()),
            login_time: at,
        }];
        assert_eq!(
            user_list_answer(Some(&running), "w", &users),
            Ok(json!({"metadata": {}, "items": [
                {"userName": "alice", "domain": "WINDEV", "loginTime": 1_764_400_000.25}]}))
        );
        assert!(user_list_answer(None, "w", &users).is_err());
    }

    #[test]
    fn guestosinfo_needs_a_running_instance_with_its_agent() {
        assert_eq!(
            guest_os_info_answer(None, "w"),
            Err("Operation cannot be fulfilled on virtualmachineinstance.kubevirt.io \"w\": VMI is not running".into())
        );
        let no_agent = json!({"status": {"phase": "Running", "conditions": []}});
        assert!(guest_os_info_answer(Some(&no_agent), "w")
            .unwrap_err()
            .ends_with("VMI does not have guest agent connected"));
        let with_agent = json!({"status": {"phase": "Running", "conditions": [{"type": "AgentConnected", "status": "True"}],
            "guestOSInfo": guest_os_info("windows.2k22")}});
        assert_eq!(
            guest_os_info_answer(Some(&with_agent), "w").unwrap()["os"]["versionId"],
            "2022"
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
}
