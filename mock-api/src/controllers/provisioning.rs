//! CDI, in miniature: a VM with DataVolume templates gets its DataVolumes (owned by it), which
//! import through KubeVirt's phases with a progress figure; the VM says Provisioning until they
//! have succeeded, and only then starts.

use std::time::Duration;

use serde_json::{json, Value};

use crate::controllers::instance::{paced, start_instance, stopped_status};
use crate::kube::resources::{DATA_VOLUMES, VIRTUAL_MACHINES};
use crate::state::{lock, MockState, Shared};

/// Time between the import's steps.
const IMPORT_STEP: Duration = Duration::from_millis(600);
/// What an import reports on its way, as (phase, progress).
const IMPORT_PHASES: [(&str, &str); 5] = [
    ("ImportScheduled", "N/A"),
    ("ImportInProgress", "12.50%"),
    ("ImportInProgress", "45.63%"),
    ("ImportInProgress", "87.20%"),
    ("Succeeded", "100.0%"),
];

/// Creates the VM's DataVolumes and walks them to Succeeded, then starts the VM if it should
/// run. Returns false when the VM has no DataVolume templates.
pub fn provision(shared: Shared, vm: &Value, runs: bool) -> bool {
    let Some(templates) = vm["spec"]["dataVolumeTemplates"]
        .as_array()
        .filter(|t| !t.is_empty())
    else {
        return false;
    };
    let namespace = vm["metadata"]["namespace"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let name = vm["metadata"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let mut volumes = Vec::new();
    {
        let mut state = lock(&shared);
        volumes.extend(create_data_volumes(&mut state, vm, templates));
        state.store.set_status(&VIRTUAL_MACHINES, &namespace, &name, json!({
            "printableStatus": "Provisioning",
            "conditions": [{"type": "Ready", "status": "False", "reason": "VMINotExists", "message": "VMI does not exist"}]
        }));
    }
    tokio::spawn(async move {
        for (phase, progress) in IMPORT_PHASES {
            {
                let mut state = lock(&shared);
                if state
                    .store
                    .get(&VIRTUAL_MACHINES, &namespace, &name)
                    .is_none()
                {
                    return;
                }
                for volume in &volumes {
                    state.store.set_status(
                        &DATA_VOLUMES,
                        &namespace,
                        volume,
                        dv_status(volume, phase, progress),
                    );
                }
            }
            tokio::time::sleep(paced(&shared, IMPORT_STEP)).await;
        }
        if runs {
            start_instance(shared, namespace, name);
        } else {
            lock(&shared)
                .store
                .set_status(&VIRTUAL_MACHINES, &namespace, &name, stopped_status());
        }
    });
    true
}

/// Creates the DataVolumes of `templates` that do not exist yet, owned by `vm`; returns their
/// names. One that exists already (made by hand, or kept from before) is used as it is.
fn create_data_volumes(state: &mut MockState, vm: &Value, templates: &[Value]) -> Vec<String> {
    let namespace = vm["metadata"]["namespace"].as_str().unwrap_or_default();
    let name = vm["metadata"]["name"].as_str().unwrap_or_default();
    let mut created = Vec::new();
    for template in templates {
        let Some(dv_name) = template["metadata"]["name"].as_str() else {
            continue;
        };
        if state.store.get(&DATA_VOLUMES, namespace, dv_name).is_some() {
            continue;
        }
        let data_volume = json!({
            "apiVersion": "cdi.kubevirt.io/v1beta1",
            "kind": "DataVolume",
            "metadata": {
                "name": dv_name,
                "labels": template["metadata"]["labels"],
                "ownerReferences": [{"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine", "name": name,
                                      "uid": vm["metadata"]["uid"], "controller": true, "blockOwnerDeletion": true}]
            },
            "spec": template["spec"],
        });
        if state
            .store
            .create(&DATA_VOLUMES, namespace, data_volume, false)
            .is_ok()
        {
            created.push(dv_name.to_owned());
        }
    }
    created
}

/// For a VM given a new DataVolume template after it was created (a disk added from its page):
/// KubeVirt creates the missing DataVolume at once, and CDI fills it; the VM itself is left as
/// it is (a running one gets the disk at its next restart).
pub fn provision_added(shared: Shared, vm: &Value) {
    let Some(templates) = vm["spec"]["dataVolumeTemplates"].as_array() else {
        return;
    };
    let namespace = vm["metadata"]["namespace"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let volumes = create_data_volumes(&mut lock(&shared), vm, templates);
    if volumes.is_empty() {
        return;
    }
    tokio::spawn(async move {
        for (phase, progress) in IMPORT_PHASES {
            {
                let mut state = lock(&shared);
                for volume in &volumes {
                    if state.store.get(&DATA_VOLUMES, &namespace, volume).is_some() {
                        state.store.set_status(
                            &DATA_VOLUMES,
                            &namespace,
                            volume,
                            dv_status(volume, phase, progress),
                        );
                    }
                }
            }
            tokio::time::sleep(paced(&shared, IMPORT_STEP)).await;
        }
    });
}

/// A DataVolume's status in a phase, with the conditions CDI sets.
fn dv_status(name: &str, phase: &str, progress: &str) -> Value {
    let done = phase == "Succeeded";
    json!({
        "phase": phase,
        "progress": progress,
        "claimName": name,
        "restartCount": 0,
        "conditions": [
            {"type": "Bound", "status": "True", "reason": "Bound", "message": format!("PVC {name} Bound")},
            if done {
                json!({"type": "Running", "status": "False", "reason": "Completed", "message": "Import Complete"})
            } else {
                json!({"type": "Running", "status": "True", "reason": "Pod is running"})
            },
            {"type": "Ready", "status": if done { "True" } else { "False" }, "reason": if done { "" } else { "TransferRunning" }}
        ]
    })
}
