//! The simulated guest as its consoles see it: whether an instance can be connected to (with
//! KubeVirt's refusals), which screen it shows for its state, and what its keys and clicks do.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::console::keys::Keyboard;
use crate::console::rfb::Event;
use crate::console::screens::{Screen, Tools};
use crate::controllers::guest::{boots_from_virtio, has_guest_tools_cd, os_key};
use crate::controllers::instance::{install_guest_tools, paced};
use crate::kube::resources::{VIRTUAL_MACHINES, VIRTUAL_MACHINE_INSTANCES};
use crate::kube::status::ApiStatus;
use crate::state::console::{ConsoleKind, KeyRecord};
use crate::state::{lock, Shared};

/// How long the firmware screen shows after the instance starts running.
const FIRMWARE: Duration = Duration::from_secs(3);

/// The instance a console connects to, checked as virt-api checks it: it exists (404), runs
/// (409) and has the device (400). Gives the instance's uid, which the session then follows.
pub fn connectable(
    shared: &Shared,
    namespace: &str,
    name: &str,
    kind: ConsoleKind,
) -> Result<String, ApiStatus> {
    let state = lock(shared);
    let vmi = state
        .store
        .get(&VIRTUAL_MACHINE_INSTANCES, namespace, name)
        .ok_or_else(|| ApiStatus {
            details: Some(
                json!({"name": name, "group": "kubevirt.io", "kind": "virtualmachineinstance"}),
            ),
            ..ApiStatus::new(
                404,
                "NotFound",
                format!("virtualmachineinstance.kubevirt.io \"{name}\" not found"),
            )
        })?;
    let phase = vmi["status"]["phase"].as_str().unwrap_or("Pending");
    if phase != "Running" {
        return Err(ApiStatus {
            details: Some(json!({"name": name, "group": "kubevirt.io", "kind": "virtualmachineinstance"})),
            ..ApiStatus::new(409, "Conflict", format!(
                "Operation cannot be fulfilled on virtualmachineinstance.kubevirt.io \"{name}\": Unable to connect to VirtualMachineInstance because phase is {phase} instead of Running"
            ))
        });
    }
    let devices = &vmi["spec"]["domain"]["devices"];
    let (flag, missing) = match kind {
        ConsoleKind::Vnc => (
            "autoattachGraphicsDevice",
            "No graphics devices are present.",
        ),
        ConsoleKind::Serial => ("autoattachSerialConsole", "No serial consoles are present."),
    };
    if devices[flag] == false {
        return Err(ApiStatus::bad_request(missing));
    }
    Ok(vmi["metadata"]["uid"]
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

/// What a console shows of a running instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    pub screen: Screen,
    pub typed: String,
    /// Whether it is a Windows guest (its serial console is SAC).
    pub windows: bool,
}

/// What the guest shows now, `None` once the instance with that uid no longer runs (the
/// session then ends, as a stopped virt-launcher ends it).
pub fn view(shared: &Shared, namespace: &str, name: &str, uid: &str) -> Option<View> {
    let firmware = paced(shared, FIRMWARE);
    let state = lock(shared);
    let vmi = state
        .store
        .get(&VIRTUAL_MACHINE_INSTANCES, namespace, name)?;
    if vmi["metadata"]["uid"] != uid || vmi["status"]["phase"] != "Running" {
        return None;
    }
    let vm = state
        .store
        .get(&VIRTUAL_MACHINES, namespace, name)
        .cloned()
        .unwrap_or(Value::Null);
    let key = (namespace.to_owned(), name.to_owned());
    let windows = os_key(&vm).starts_with("windows");
    let agent = vmi["status"]["conditions"].as_array().is_some_and(|c| {
        c.iter()
            .any(|c| c["type"] == "AgentConnected" && c["status"] == "True")
    });
    let tools = state.guest_tools.contains(&key);
    let screen = if booting(vmi, firmware) {
        Screen::Firmware
    } else if !windows {
        Screen::Linux
    } else if agent {
        Screen::Desktop(Tools::Nothing)
    } else if !tools && boots_from_virtio(&vm) {
        Screen::StopError
    } else if state.consoles.installing.contains(&key) {
        Screen::Desktop(Tools::Installing)
    } else if boots_from_install_media(&vm) && !tools {
        Screen::WindowsSetup
    } else if has_guest_tools_cd(&vm) && !tools {
        Screen::Desktop(Tools::Offered)
    } else {
        Screen::Desktop(Tools::Nothing)
    };
    let typed = state
        .consoles
        .input
        .get(&key)
        .map(|input| input.last_line(crate::console::screens::TYPED_WIDTH))
        .unwrap_or_default();
    Some(View {
        screen,
        typed,
        windows,
    })
}

/// Whether the instance became Running less than `firmware` ago.
fn booting(vmi: &Value, firmware: Duration) -> bool {
    let since = vmi["status"]["conditions"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["type"] == "Ready"))
        .and_then(|c| c["lastTransitionTime"].as_str())
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok());
    let Some(since) = since else {
        return false;
    };
    let elapsed = Utc::now().signed_duration_since(since);
    elapsed.to_std().map_or(true, |elapsed| elapsed < firmware)
}

/// Whether the VM boots from a CD (an install ISO): a CD-ROM carries a boot order.
fn boots_from_install_media(vm: &Value) -> bool {
    vm["spec"]["template"]["spec"]["domain"]["devices"]["disks"]
        .as_array()
        .is_some_and(|disks| {
            disks
                .iter()
                .any(|d| d.get("cdrom").is_some() && d["bootOrder"].is_u64())
        })
}

/// What the guest does with a client's input: keys are recorded (and typed, through the
/// guest's layout), and a press of the first button on the installer's button starts the
/// guest tools installation.
pub fn apply(
    shared: &Shared,
    namespace: &str,
    name: &str,
    events: &[Event],
    keyboard: &mut Keyboard,
    buttons: &mut u8,
    screen: Screen,
) {
    for event in events {
        match *event {
            Event::Key {
                down,
                keysym,
                scancode,
            } => {
                let vm = (namespace.to_owned(), name.to_owned());
                let mut state = lock(shared);
                let typed = keyboard.typed(down, keysym, scancode, state.consoles.layout(&vm));
                let record = KeyRecord {
                    keysym,
                    scancode,
                    down,
                };
                state
                    .consoles
                    .input
                    .entry(vm)
                    .or_default()
                    .record(record, typed);
            }
            Event::Pointer { buttons: now, x, y } => {
                let pressed = now & 1 == 1 && *buttons & 1 == 0;
                *buttons = now;
                let on_button = screen
                    .install_button()
                    .is_some_and(|b| b.contains(usize::from(x), usize::from(y)));
                if pressed && on_button {
                    install_guest_tools(shared, namespace, name);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::MockState;

    fn shared_with(vm: Value, phase: &str) -> Shared {
        let shared: Shared = std::sync::Arc::new(std::sync::Mutex::new(MockState::default()));
        {
            let mut state = lock(&shared);
            let dev = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "dev"}});
            state
                .store
                .create(&crate::kube::resources::NAMESPACES, "", dev, false)
                .unwrap();
            state
                .store
                .create(&VIRTUAL_MACHINES, "dev", vm.clone(), false)
                .unwrap();
            let vmi = json!({"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachineInstance",
                "metadata": {"name": vm["metadata"]["name"]}, "spec": vm["spec"]["template"]["spec"],
                "status": {"phase": phase, "conditions": [{"type": "Ready", "status": "True",
                    "lastTransitionTime": "2020-01-01T00:00:00Z"}]}});
            state
                .store
                .create(&VIRTUAL_MACHINE_INSTANCES, "dev", vmi, false)
                .unwrap();
        }
        shared
    }

    fn windows(disks: Value, volumes: Value) -> Value {
        json!({"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine",
            "metadata": {"name": "w", "annotations": {"vm.kubevirt.io/os": "windows2k22"}},
            "spec": {"template": {"spec": {"domain": {"devices": {"disks": disks}}, "volumes": volumes}}}})
    }

    fn screen_of(shared: &Shared) -> Screen {
        let uid = connectable(shared, "dev", "w", ConsoleKind::Vnc).unwrap();
        view(shared, "dev", "w", &uid).unwrap().screen
    }

    #[test]
    fn only_a_running_instance_can_be_connected_to() {
        let shared = shared_with(windows(json!([]), json!([])), "Scheduled");
        let refused = connectable(&shared, "dev", "w", ConsoleKind::Serial).unwrap_err();
        assert_eq!(refused.code, 409);
        assert!(refused
            .message
            .ends_with("because phase is Scheduled instead of Running"));
        assert_eq!(
            connectable(&shared, "dev", "x", ConsoleKind::Vnc)
                .unwrap_err()
                .code,
            404
        );
    }

    #[test]
    fn the_screen_follows_the_guest() {
        let root = |bus: &str| json!({"name": "root", "bootOrder": 1, "disk": {"bus": bus}});
        let tools_volume = json!([{"name": "tools", "containerDisk": {"image": "virtio-win:1"}}]);
        let tools_cd = json!({"name": "tools", "cdrom": {"bus": "sata"}});
        let offered = shared_with(
            windows(json!([root("sata"), tools_cd]), tools_volume),
            "Running",
        );
        assert_eq!(screen_of(&offered), Screen::Desktop(Tools::Offered));
        let stop = shared_with(windows(json!([root("virtio")]), json!([])), "Running");
        assert_eq!(screen_of(&stop), Screen::StopError);
        let iso = json!({"name": "iso", "bootOrder": 2, "cdrom": {"bus": "sata"}});
        let setup = shared_with(windows(json!([root("sata"), iso]), json!([])), "Running");
        assert_eq!(screen_of(&setup), Screen::WindowsSetup);
    }
}
