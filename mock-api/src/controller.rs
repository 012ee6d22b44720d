//! What KubeVirt's controllers do after an object is created, in miniature: a new VM gets a
//! printable status, and one that should run reaches Running shortly after.

use std::time::Duration;

use serde_json::{json, Value};

use crate::api::Shared;
use crate::resources::ResourceType;

/// How long a new VM stays in Starting before it is Running.
const START_DELAY: Duration = Duration::from_secs(3);

/// Reacts to a created object.
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
    let run_strategy = object["spec"]["runStrategy"].as_str().unwrap_or("Halted");
    let runs = matches!(run_strategy, "Always" | "RerunOnFailure" | "Once");
    let initial = if runs {
        starting_status()
    } else {
        stopped_status()
    };
    if let Ok(mut state) = shared.lock() {
        state.store.set_status(resource, &namespace, &name, initial);
    }
    if runs {
        tokio::spawn(async move {
            tokio::time::sleep(START_DELAY).await;
            if let Ok(mut state) = shared.lock() {
                state
                    .store
                    .set_status(resource, &namespace, &name, running_status());
            }
        });
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

/// Status of a VM whose VMI runs and is ready.
pub fn running_status() -> Value {
    json!({
        "printableStatus": "Running",
        "created": true,
        "ready": true,
        "conditions": [{"type": "Ready", "status": "True"}]
    })
}
