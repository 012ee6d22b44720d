//! KubeVirt's snapshot controllers, in miniature: a VirtualMachineSnapshot captures its VM (the
//! spec, the disks, and so the guest inside) into a VirtualMachineSnapshotContent and becomes
//! ready after a while; a VirtualMachineRestore of a stopped VM puts the captured spec and guest
//! back. A restore of a VM that runs is refused at admission, as KubeVirt's webhook does.

use std::time::Duration;

use serde_json::{json, Value};

use crate::controllers::instance::paced;
use crate::kube::resources::{
    ResourceType, DATA_VOLUMES, PERSISTENT_VOLUME_CLAIMS, VIRTUAL_MACHINES,
    VIRTUAL_MACHINE_INSTANCES, VIRTUAL_MACHINE_RESTORES, VIRTUAL_MACHINE_SNAPSHOTS,
    VIRTUAL_MACHINE_SNAPSHOT_CONTENTS,
};
use crate::kube::status::ApiStatus;
use crate::state::{lock, Shared};
use crate::store::now_timestamp;

/// How long a snapshot takes to become ready, and a restore to complete, at speed 1.
const SNAPSHOT_TIME: Duration = Duration::from_secs(2);
const RESTORE_TIME: Duration = Duration::from_secs(2);
/// The restore webhook's name, as its refusals say.
const RESTORE_WEBHOOK: &str = "virtualmachinerestore-validator.snapshot.kubevirt.io";
/// The annotation a restore leaves on its VM.
const LAST_RESTORE: &str = "restore.kubevirt.io/lastRestoreUID";

fn text<'a>(object: &'a Value, pointer: &str) -> &'a str {
    object
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// Refuses a snapshot or restore whose source or target is not a VM, and a restore of a VM
/// that runs or is being restored, as KubeVirt's webhooks do.
pub fn admit(
    shared: &Shared,
    resource: &ResourceType,
    namespace: &str,
    object: &Value,
) -> Result<(), ApiStatus> {
    let (reference, webhook) = match resource.kind {
        "VirtualMachineSnapshot" => (
            "/spec/source",
            "virtualmachinesnapshot-validator.snapshot.kubevirt.io",
        ),
        "VirtualMachineRestore" => ("/spec/target", RESTORE_WEBHOOK),
        _ => return Ok(()),
    };
    let refuse = |field: &str, message: String| {
        let name = text(object, "/metadata/name");
        Err(ApiStatus {
            details: Some(
                json!({"name": name, "group": resource.group, "kind": resource.kind,
                "causes": [{"reason": "FieldValueInvalid", "message": message, "field": field}]}),
            ),
            ..ApiStatus::new(
                422,
                "Invalid",
                format!("admission webhook \"{webhook}\" denied the request: {message}"),
            )
        })
    };
    let field = reference.trim_start_matches('/').replace('/', ".");
    if text(object, &format!("{reference}/apiGroup")) != "kubevirt.io" {
        return refuse(&format!("{field}.apiGroup"), "missing apiGroup".to_owned());
    }
    if text(object, &format!("{reference}/kind")) != "VirtualMachine" {
        return refuse(
            &format!("{field}.kind"),
            format!(
                "invalid kind {}",
                text(object, &format!("{reference}/kind"))
            ),
        );
    }
    if resource.kind != "VirtualMachineRestore" {
        return Ok(());
    }
    let target = text(object, "/spec/target/name");
    let state = lock(shared);
    let vm = state.store.get(&VIRTUAL_MACHINES, namespace, target);
    let running = state
        .store
        .get(&VIRTUAL_MACHINE_INSTANCES, namespace, target)
        .is_some();
    if running {
        return refuse(
            "spec.target",
            format!("VirtualMachine \"{target}\" is not stopped"),
        );
    }
    if let Some(other) = vm.and_then(|vm| vm["status"]["restoreInProgress"].as_str()) {
        return refuse(
            "spec.target",
            format!("VirtualMachineRestore \"{other}\" in progress"),
        );
    }
    let snapshot = text(object, "/spec/virtualMachineSnapshotName");
    match state
        .store
        .get(&VIRTUAL_MACHINE_SNAPSHOTS, namespace, snapshot)
    {
        None => refuse(
            "spec.virtualMachineSnapshotName",
            format!("VirtualMachineSnapshot \"{snapshot}\" does not exist"),
        ),
        Some(found) if found["status"]["readyToUse"] != true => refuse(
            "spec.virtualMachineSnapshotName",
            format!("VirtualMachineSnapshot \"{snapshot}\" is not ready to use"),
        ),
        Some(_) => Ok(()),
    }
}

/// Reacts to a created snapshot or restore.
pub fn on_created(shared: Shared, resource: &ResourceType, object: &Value) {
    let namespace = text(object, "/metadata/namespace").to_owned();
    let name = text(object, "/metadata/name").to_owned();
    match resource.kind {
        "VirtualMachineSnapshot" => take(shared, namespace, name),
        "VirtualMachineRestore" => restore(shared, namespace, name),
        _ => {}
    }
}

fn conditions(ready: bool, progressing: bool, reason: &str) -> Value {
    let now = now_timestamp();
    let status = |on: bool| if on { "True" } else { "False" };
    json!([
        {"type": "Progressing", "status": status(progressing), "reason": reason, "lastProbeTime": null, "lastTransitionTime": now},
        {"type": "Ready", "status": status(ready), "reason": reason, "lastProbeTime": null, "lastTransitionTime": now}
    ])
}

/// Walks a new snapshot to ready: the VM as it is now is captured when it completes.
fn take(shared: Shared, namespace: String, name: String) {
    {
        let mut state = lock(&shared);
        let Some(snapshot) = state
            .store
            .get(&VIRTUAL_MACHINE_SNAPSHOTS, &namespace, &name)
            .cloned()
        else {
            return;
        };
        let source = text(&snapshot, "/spec/source/name");
        let Some(vm) = state
            .store
            .get(&VIRTUAL_MACHINES, &namespace, source)
            .cloned()
        else {
            let status = json!({"phase": "InProgress", "readyToUse": false,
                "conditions": conditions(false, false, "Source does not exist")});
            state
                .store
                .set_status(&VIRTUAL_MACHINE_SNAPSHOTS, &namespace, &name, status);
            return;
        };
        let agent = state
            .store
            .get(&VIRTUAL_MACHINE_INSTANCES, &namespace, source)
            .map(|vmi| {
                vmi["status"]["conditions"].as_array().is_some_and(|c| {
                    c.iter()
                        .any(|c| c["type"] == "AgentConnected" && c["status"] == "True")
                })
            });
        let indications: Vec<&str> = match agent {
            None => vec![],
            Some(true) => vec!["Online", "GuestAgent"],
            Some(false) => vec!["Online", "NoGuestAgent"],
        };
        let status = json!({"phase": "InProgress", "readyToUse": false, "sourceUID": vm["metadata"]["uid"],
            "indications": indications, "conditions": conditions(false, true, "Source locked and operation in progress")});
        state
            .store
            .set_status(&VIRTUAL_MACHINE_SNAPSHOTS, &namespace, &name, status);
    }
    tokio::spawn(async move {
        tokio::time::sleep(paced(&shared, SNAPSHOT_TIME)).await;
        complete_snapshot(&shared, &namespace, &name);
    });
}

/// Captures the VM into the snapshot's content and marks the snapshot ready.
fn complete_snapshot(shared: &Shared, namespace: &str, name: &str) {
    let mut state = lock(shared);
    let Some(snapshot) = state
        .store
        .get(&VIRTUAL_MACHINE_SNAPSHOTS, namespace, name)
        .cloned()
    else {
        return;
    };
    let source = text(&snapshot, "/spec/source/name").to_owned();
    let Some(vm) = state
        .store
        .get(&VIRTUAL_MACHINES, namespace, &source)
        .cloned()
    else {
        state.store.modify(&VIRTUAL_MACHINE_SNAPSHOTS, namespace, name, |s| {
            s["status"]["phase"] = json!("Failed");
            s["status"]["error"] = json!({"message": format!("VirtualMachine \"{source}\" was deleted"), "time": now_timestamp()});
            s["status"]["conditions"] = conditions(false, false, "Source does not exist");
        });
        return;
    };
    let uid = text(&snapshot, "/metadata/uid").to_owned();
    let mut included = Vec::new();
    let mut excluded = Vec::new();
    let mut backups = Vec::new();
    for volume in vm["spec"]["template"]["spec"]["volumes"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let volume_name = volume["name"].as_str().unwrap_or_default();
        let claim = volume["persistentVolumeClaim"]["claimName"]
            .as_str()
            .or_else(|| volume["dataVolume"]["name"].as_str());
        let Some(claim) = claim else {
            excluded.push(volume_name.to_owned());
            continue;
        };
        included.push(volume_name.to_owned());
        let spec = claim_spec(&state.store, namespace, &vm, claim);
        backups.push(json!({"volumeName": volume_name,
            "volumeSnapshotName": format!("vmsnapshot-{uid}-volume-{volume_name}"),
            "persistentVolumeClaim": {"metadata": {"name": claim, "namespace": namespace}, "spec": spec}}));
    }
    let content_name = format!("vmsnapshot-content-{uid}");
    let mut captured_vm = json!({"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine",
        "metadata": {"name": source, "namespace": namespace, "uid": vm["metadata"]["uid"],
                     "generation": vm["metadata"]["generation"]},
        "spec": vm["spec"]});
    if let Some(labels) = vm["metadata"].get("labels") {
        captured_vm["metadata"]["labels"] = labels.clone();
    }
    let content = json!({"apiVersion": "snapshot.kubevirt.io/v1beta1", "kind": "VirtualMachineSnapshotContent",
        "metadata": {"name": content_name, "namespace": namespace,
            "ownerReferences": [{"apiVersion": "snapshot.kubevirt.io/v1beta1", "kind": "VirtualMachineSnapshot",
                "name": name, "uid": uid, "controller": true, "blockOwnerDeletion": true}]},
        "spec": {"source": {"virtualMachine": captured_vm}, "virtualMachineSnapshotName": name, "volumeBackups": backups}});
    let Ok(content) = state.store.create(
        &VIRTUAL_MACHINE_SNAPSHOT_CONTENTS,
        namespace,
        content,
        false,
    ) else {
        return;
    };
    let now = now_timestamp();
    let volume_status: Vec<Value> = backups
        .iter()
        .map(|b| json!({"volumeSnapshotName": b["volumeSnapshotName"], "readyToUse": true, "creationTime": now}))
        .collect();
    state.store.set_status(
        &VIRTUAL_MACHINE_SNAPSHOT_CONTENTS,
        namespace,
        &content_name,
        json!({"readyToUse": true, "creationTime": now, "volumeSnapshotStatus": volume_status}),
    );
    if state
        .guest_tools
        .contains(&(namespace.to_owned(), source.clone()))
    {
        let content_uid = text(&content, "/metadata/uid").to_owned();
        state.snapshot_guest_tools.insert(content_uid);
    }
    state
        .store
        .modify(&VIRTUAL_MACHINE_SNAPSHOTS, namespace, name, |s| {
            s["status"]["phase"] = json!("Succeeded");
            s["status"]["readyToUse"] = json!(true);
            s["status"]["creationTime"] = json!(now);
            s["status"]["virtualMachineSnapshotContentName"] = json!(content_name);
            s["status"]["snapshotVolumes"] =
                json!({"includedVolumes": included, "excludedVolumes": excluded});
            s["status"]["conditions"] = conditions(true, false, "Operation complete");
        });
}

/// The spec of the claim `claim` of `vm`: the PVC's own, else what its DataVolume (stored, or
/// one of the VM's templates) asks for, as CDI makes the PVC from it.
fn claim_spec(store: &crate::store::Store, namespace: &str, vm: &Value, claim: &str) -> Value {
    if let Some(pvc) = store.get(&PERSISTENT_VOLUME_CLAIMS, namespace, claim) {
        return pvc["spec"].clone();
    }
    let template = vm["spec"]["dataVolumeTemplates"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|t| t["metadata"]["name"] == claim)
        .map(|t| t["spec"].clone());
    let data_volume = template.or_else(|| {
        store
            .get(&DATA_VOLUMES, namespace, claim)
            .map(|dv| dv["spec"].clone())
    });
    let Some(spec) = data_volume else {
        return json!({});
    };
    let storage = if spec["storage"].is_object() {
        &spec["storage"]
    } else {
        &spec["pvc"]
    };
    let mut claim_spec = json!({"resources": storage["resources"].clone()});
    if let Some(modes) = storage.get("accessModes") {
        claim_spec["accessModes"] = modes.clone();
    }
    claim_spec
}

/// Walks a new restore to complete: the VM gets the captured spec and guest back.
fn restore(shared: Shared, namespace: String, name: String) {
    {
        let mut state = lock(&shared);
        let Some(restore) = state
            .store
            .get(&VIRTUAL_MACHINE_RESTORES, &namespace, &name)
            .cloned()
        else {
            return;
        };
        let target = text(&restore, "/spec/target/name").to_owned();
        state.store.set_status(
            &VIRTUAL_MACHINE_RESTORES,
            &namespace,
            &name,
            json!({"complete": false, "conditions": conditions(false, true, "Creating new PVCs")}),
        );
        state
            .store
            .modify(&VIRTUAL_MACHINES, &namespace, &target, |vm| {
                vm["status"]["restoreInProgress"] = json!(name);
            });
    }
    tokio::spawn(async move {
        tokio::time::sleep(paced(&shared, RESTORE_TIME)).await;
        complete_restore(&shared, &namespace, &name);
    });
}

fn complete_restore(shared: &Shared, namespace: &str, name: &str) {
    let mut state = lock(shared);
    let Some(restore) = state
        .store
        .get(&VIRTUAL_MACHINE_RESTORES, namespace, name)
        .cloned()
    else {
        return;
    };
    let target = text(&restore, "/spec/target/name").to_owned();
    let snapshot_name = text(&restore, "/spec/virtualMachineSnapshotName");
    let content = state
        .store
        .get(&VIRTUAL_MACHINE_SNAPSHOTS, namespace, snapshot_name)
        .and_then(|s| s["status"]["virtualMachineSnapshotContentName"].as_str())
        .and_then(|content| {
            state
                .store
                .get(&VIRTUAL_MACHINE_SNAPSHOT_CONTENTS, namespace, content)
        })
        .cloned();
    let Some(content) = content else {
        state
            .store
            .modify(&VIRTUAL_MACHINE_RESTORES, namespace, name, |r| {
                r["status"]["conditions"] =
                    conditions(false, false, "Snapshot content does not exist");
            });
        state
            .store
            .modify(&VIRTUAL_MACHINES, namespace, &target, |vm| {
                if let Some(status) = vm["status"].as_object_mut() {
                    status.remove("restoreInProgress");
                }
            });
        return;
    };
    let captured = content["spec"]["source"]["virtualMachine"]["spec"]["template"].clone();
    let restore_uid = text(&restore, "/metadata/uid").to_owned();
    state
        .store
        .modify(&VIRTUAL_MACHINES, namespace, &target, |vm| {
            vm["spec"]["template"] = captured.clone();
            vm["metadata"]["annotations"][LAST_RESTORE] = json!(format!("{name}-{restore_uid}"));
            let generation = vm["metadata"]["generation"].as_i64().unwrap_or(1);
            vm["metadata"]["generation"] = json!(generation + 1);
            if let Some(status) = vm["status"].as_object_mut() {
                status.remove("restoreInProgress");
                // The restored spec is what runs next: nothing waits for a restart.
                if let Some(conditions) = status.get_mut("conditions").and_then(Value::as_array_mut)
                {
                    conditions.retain(|c| c["type"] != "RestartRequired");
                }
            }
        });
    let key = (namespace.to_owned(), target);
    if state
        .snapshot_guest_tools
        .contains(text(&content, "/metadata/uid"))
    {
        state.guest_tools.insert(key);
    } else {
        state.guest_tools.remove(&key);
    }
    let restores: Vec<Value> = content["spec"]["volumeBackups"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|b| json!({"volumeName": b["volumeName"], "persistentVolumeClaim": b["persistentVolumeClaim"]["metadata"]["name"],
            "volumeSnapshotName": b["volumeSnapshotName"]}))
        .collect();
    state.store.set_status(&VIRTUAL_MACHINE_RESTORES, namespace, name, json!({"complete": true,
        "restoreTime": now_timestamp(), "restores": restores, "conditions": conditions(true, false, "Operation complete")}));
}
