//! What KubeVirt's, CDI's and Kubernetes' controllers do after a write, in miniature and on a
//! short clock: VM instances started and stopped, the guest inside, disks provisioned, the
//! garbage collector, CronJobs fired on schedule, snapshots and restores. They act on the shared state; the request
//! path calls `on_created` and `on_updated`.

pub mod cron;
pub mod garbage_collector;
pub mod guest;
pub mod instance;
pub mod lifecycle;
pub mod provisioning;
pub mod restart_job;
pub mod scheduler;
pub mod snapshots;

use serde_json::Value;

use crate::kube::resources::{ResourceType, VIRTUAL_MACHINES};
use crate::state::{lock, Shared};

/// Reacts to a created object: a VM gets its first status, and starts when it should; a
/// snapshot or restore starts its work.
pub fn on_created(shared: Shared, resource: &'static ResourceType, object: &Value) {
    if resource.group == "snapshot.kubevirt.io" {
        snapshots::on_created(shared, resource, object);
        return;
    }
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
    if provisioning::provision(shared.clone(), object, runs) {
        return;
    }
    if runs {
        instance::start_instance(shared, namespace, name);
    } else {
        lock(&shared).store.set_status(
            &VIRTUAL_MACHINES,
            &namespace,
            &name,
            instance::stopped_status(),
        );
    }
}

/// Reacts to a changed object: a VM whose template changed may need a restart, and a new
/// DataVolume template gets its DataVolume.
pub fn on_updated(shared: Shared, resource: &'static ResourceType, old: &Value, new: &Value) {
    instance::on_updated(shared.clone(), resource, old, new);
    if resource.kind == "VirtualMachine"
        && old["spec"]["dataVolumeTemplates"] != new["spec"]["dataVolumeTemplates"]
    {
        provisioning::provision_added(shared, new);
    }
}
