//! KubeVirt's VM controller, in miniature and on a short clock: a VM that should run gets
//! an instance that goes Scheduling → Scheduled → Running, and its guest agent connects when the
//! guest tools are installed in it; a VM that stops loses its instance. Each step checks that no
//! newer action on the same VM has superseded it.

use std::time::Duration;

use serde_json::{json, Value};

use crate::controllers::guest::{
    boots_from_virtio, connect_agent_of, has_guest_tools_cd, os_key, record_boot_failure,
};
use crate::kube::resources::{ResourceType, VIRTUAL_MACHINES, VIRTUAL_MACHINE_INSTANCES};
use crate::state::{lock, MockState, Shared};
use crate::store::now_timestamp;

/// Time between the steps of starting or stopping an instance.
const STEP: Duration = Duration::from_millis(800);
/// How long the guest agent takes to connect once the guest runs.
const AGENT_DELAY: Duration = Duration::from_millis(1500);

/// A controller delay at the mock's speed (`--speed 10` runs ten times faster).
pub fn paced(shared: &Shared, delay: Duration) -> Duration {
    let speed = lock(shared).speed;
    // Checked: a speed near 0 would make a delay too long for a Duration.
    Duration::try_from_secs_f64(delay.as_secs_f64() / speed).unwrap_or(delay)
}

fn vms() -> &'static ResourceType {
    &VIRTUAL_MACHINES
}

fn vmis() -> &'static ResourceType {
    &VIRTUAL_MACHINE_INSTANCES
}

/// Starts the VM's instance and walks it to Running.
pub fn start_instance(shared: Shared, namespace: String, name: String) {
    let turn = {
        let mut state = lock(&shared);
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
        tokio::time::sleep(paced(&shared, STEP)).await;
        step(&shared, &namespace, &name, turn, |state| {
            state.store.modify(vmis(), &namespace, &name, |vmi| {
                vmi["status"]["phase"] = json!("Scheduled");
                vmi["status"]["nodeName"] = json!("worker-1");
            });
        });
        tokio::time::sleep(paced(&shared, STEP)).await;
        step(&shared, &namespace, &name, turn, |state| {
            let ip = state.next_ip();
            state.store.modify(vmis(), &namespace, &name, |vmi| {
                vmi["status"]["phase"] = json!("Running");
                vmi["status"]["phaseTransitionTimestamps"] = json!([
                    {"phase": "Running", "phaseTransitionTimestamp": now_timestamp()}]);
                vmi["status"]["conditions"] = json!([{"type": "Ready", "status": "True", "lastProbeTime": null, "lastTransitionTime": now_timestamp()}]);
                vmi["status"]["interfaces"] = json!([{"name": "default", "ipAddress": ip, "ipAddresses": [ip], "infoSource": "domain", "queueCount": 1, "linkState": "up"}]);
            });
            state
                .store
                .set_status(vms(), &namespace, &name, running_status());
        });
        tokio::time::sleep(paced(&shared, AGENT_DELAY)).await;
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
                finish_tools_install(state, &namespace, &name, &vm);
            });
        }
    });
}

/// How long the guest tools installer runs once started from the console.
const CONSOLE_INSTALL: Duration = Duration::from_millis(2000);

/// Starts the guest tools installer in the running guest, as a click on its button in the
/// console does: the tools are in and the agent connects after `CONSOLE_INSTALL` (sooner than
/// the timer that stands for a user who installs them unseen). Says whether it started: only a
/// Windows guest with the tools CD and without the tools, not already installing, does.
pub fn install_guest_tools(shared: &Shared, namespace: &str, name: &str) -> bool {
    let key = (namespace.to_owned(), name.to_owned());
    let turn = {
        let mut state = lock(shared);
        let Some(vm) = state.store.get(vms(), namespace, name).cloned() else {
            return false;
        };
        let runs = state
            .store
            .get(vmis(), namespace, name)
            .is_some_and(|vmi| vmi["status"]["phase"] == "Running");
        let wanted = runs
            && os_key(&vm).starts_with("windows")
            && has_guest_tools_cd(&vm)
            && !state.guest_tools.contains(&key);
        if !wanted || !state.consoles.installing.insert(key.clone()) {
            return false;
        }
        state.turn(namespace, name)
    };
    let shared = shared.clone();
    tokio::spawn(async move {
        tokio::time::sleep(paced(&shared, CONSOLE_INSTALL)).await;
        let (namespace, name) = key;
        lock(&shared)
            .consoles
            .installing
            .remove(&(namespace.clone(), name.clone()));
        step(&shared, &namespace, &name, turn, |state| {
            if let Some(vm) = state.store.get(vms(), &namespace, &name).cloned() {
                finish_tools_install(state, &namespace, &name, &vm);
            }
        });
    });
    true
}

/// The guest has its tools: its agent connects now and on every boot; once only, whichever of
/// the console's click and the timer comes first.
fn finish_tools_install(state: &mut MockState, namespace: &str, name: &str, vm: &Value) {
    if state
        .guest_tools
        .insert((namespace.to_owned(), name.to_owned()))
    {
        connect_agent_of(state, namespace, name, vm);
    }
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

/// Stops the VM's instance; with `then_start`, starts a new one afterwards (a restart).
pub fn stop_instance(shared: Shared, namespace: String, name: String, then_start: bool) {
    let turn = {
        let mut state = lock(&shared);
        let turn = state.next_turn(&namespace, &name);
        state
            .store
            .set_status(vms(), &namespace, &name, stopping_status());
        turn
    };
    tokio::spawn(async move {
        tokio::time::sleep(paced(&shared, STEP)).await;
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
    let mut state = lock(shared);
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
    fn a_new_instance_comes_from_the_template_and_is_owned_by_the_vm() {
        let vm = json!({"metadata": {"name": "w", "uid": "u-1"}, "spec": {"template": {"metadata": {"labels": {"a": "b"}}, "spec": {"domain": {}}}}});
        let vmi = new_instance(&vm);
        assert_eq!(vmi["metadata"]["name"], "w");
        assert_eq!(vmi["metadata"]["labels"]["a"], "b");
        assert_eq!(vmi["metadata"]["ownerReferences"][0]["uid"], "u-1");
        assert_eq!(vmi["status"]["phase"], "Scheduling");
    }

    #[test]
    fn a_lock_poisoned_by_a_panic_does_not_stop_the_controller() {
        let shared: Shared = std::sync::Arc::new(std::sync::Mutex::new(MockState::default()));
        let poisoner = shared.clone();
        let panicked = std::thread::spawn(move || {
            let _held = poisoner.lock();
            panic!("a bug while the lock is held");
        })
        .join();
        assert!(panicked.is_err() && shared.is_poisoned());
        let turn = lock(&shared).next_turn("dev", "w");
        let mut stepped = false;
        assert!(step(&shared, "dev", "w", turn, |_| stepped = true));
        assert!(stepped, "the step ran on the recovered state");
    }
}
