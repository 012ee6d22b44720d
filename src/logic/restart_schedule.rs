//! A restart scheduled in the cluster, so it happens with the browser closed: a one-shot
//! CronJob in the VM's namespace whose Job restarts the VM and then deletes the CronJob, run as
//! a ServiceAccount whose Role allows exactly that. Every object carries labels naming the VM
//! and the action; the CronJob is owned by the VM, the rest by the CronJob, so deleting either
//! cleans up after it.

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use super::schedule_time::one_shot_cron;
use crate::model::{CronJob, VirtualMachine};

pub const MANAGED_BY_LABEL: &str = "app.kubernetes.io/managed-by";
pub const MANAGED_BY: &str = "windows-vms";
pub const VM_LABEL: &str = "vm.windows-vms.io/name";
pub const ACTION_LABEL: &str = "vm.windows-vms.io/action";
pub const RESTART_ACTION: &str = "restart";
const SCHEDULED_FOR: &str = "vm.windows-vms.io/scheduled-for";
const TIME_ZONE: &str = "vm.windows-vms.io/time-zone";
const NOTE: &str = "vm.windows-vms.io/note";
const CREATED_BY: &str = "vm.windows-vms.io/created-by";
const REASON: &str = "vm.windows-vms.io/reason";
/// How late the Job may still restart the VM (a cluster that was down must not restart it
/// hours later, in the middle of the working day).
const LATEST_START_SECONDS: i64 = 3600;
/// A CronJob's name may be at most 52 characters (its Jobs add a suffix).
const MAX_NAME: usize = 52;

/// The label selector that finds every scheduled restart.
pub fn selector() -> String {
    format!("{MANAGED_BY_LABEL}={MANAGED_BY},{ACTION_LABEL}={RESTART_ACTION}")
}

/// The one name all objects of a VM's scheduled restart share: scheduling again replaces.
pub fn schedule_name(vm: &str) -> String {
    let name = format!("restart-{vm}");
    name.chars()
        .take(MAX_NAME)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned()
}

/// What the user asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct RestartRequest {
    pub when: DateTime<Utc>,
    /// The user's time zone, to show the time as they chose it.
    pub time_zone: String,
    pub note: String,
    pub created_by: Option<String>,
    /// The image with `kubectl` and a shell that runs the restart.
    pub image: String,
    /// Why, in words ("Apply the interface switch").
    pub reason: String,
}

fn labels(vm: &str) -> Value {
    json!({MANAGED_BY_LABEL: MANAGED_BY, VM_LABEL: vm, ACTION_LABEL: RESTART_ACTION})
}

/// The script the Job runs: restart unless too late, then remove the schedule. A refused
/// restart (the VM is stopped) is fine: the change then applies when it starts.
const SCRIPT: &str = r#"set -u
now=$(date -u +%s)
latest=$(date -u -d "$LATEST_START" +%s)
if [ "$now" -le "$latest" ]; then
  echo '{}' | kubectl replace --raw "/apis/subresources.kubevirt.io/v1/namespaces/$NAMESPACE/virtualmachines/$VM/restart" -f - \
    || echo "The restart was refused; the change applies when the VM next starts."
else
  echo "Too late to restart (latest start was $LATEST_START); not restarting."
fi
kubectl delete cronjob "$CRONJOB" -n "$NAMESPACE" --wait=false
"#;

/// The CronJob, owned by the VM.
pub fn cron_job(vm: &VirtualMachine, request: &RestartRequest) -> Value {
    let vm_name = &vm.metadata.name;
    let namespace = vm.metadata.namespace.clone().unwrap_or_default();
    let name = schedule_name(vm_name);
    let when = request
        .when
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let latest = (request.when + Duration::seconds(LATEST_START_SECONDS))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut annotations =
        json!({SCHEDULED_FOR: when, TIME_ZONE: request.time_zone, REASON: request.reason});
    if !request.note.trim().is_empty() {
        annotations[NOTE] = json!(request.note.trim());
    }
    if let Some(user) = &request.created_by {
        annotations[CREATED_BY] = json!(user);
    }
    let mut metadata = json!({"name": name, "namespace": namespace, "labels": labels(vm_name), "annotations": annotations});
    if let Some(uid) = &vm.metadata.uid {
        metadata["ownerReferences"] = json!([{"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine", "name": vm_name, "uid": uid}]);
    }
    let env = json!([
        {"name": "NAMESPACE", "value": namespace},
        {"name": "VM", "value": vm_name},
        {"name": "CRONJOB", "value": name},
        {"name": "LATEST_START", "value": latest}
    ]);
    json!({
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": metadata,
        "spec": {
            "schedule": one_shot_cron(request.when),
            "timeZone": "Etc/UTC",
            "concurrencyPolicy": "Forbid",
            "startingDeadlineSeconds": LATEST_START_SECONDS,
            "successfulJobsHistoryLimit": 1,
            "failedJobsHistoryLimit": 1,
            "jobTemplate": {
                "metadata": {"labels": labels(vm_name)},
                "spec": {
                    "backoffLimit": 2,
                    "ttlSecondsAfterFinished": 3600,
                    "template": {
                        "metadata": {"labels": labels(vm_name)},
                        "spec": {
                            "serviceAccountName": name,
                            "restartPolicy": "Never",
                            "containers": [{
                                "name": "restart",
                                "image": request.image,
                                "command": ["/bin/sh", "-c", SCRIPT],
                                "env": env
                            }]
                        }
                    }
                }
            }
        }
    })
}

/// The ServiceAccount, Role and RoleBinding the Job runs with, owned by the CronJob (`owner`
/// as the server stored it, for its uid).
pub fn permissions(vm_name: &str, owner: &Value) -> [Value; 3] {
    let name = schedule_name(vm_name);
    let namespace = owner["metadata"]["namespace"].clone();
    let metadata = json!({
        "name": name, "namespace": namespace, "labels": labels(vm_name),
        "ownerReferences": [{"apiVersion": "batch/v1", "kind": "CronJob", "name": name, "uid": owner["metadata"]["uid"]}]
    });
    [
        json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": metadata}),
        json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": metadata, "rules": [
            {"apiGroups": ["subresources.kubevirt.io"], "resources": ["virtualmachines/restart"], "resourceNames": [vm_name], "verbs": ["update"]},
            {"apiGroups": ["batch"], "resources": ["cronjobs"], "resourceNames": [name], "verbs": ["delete"]}
        ]}),
        json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": metadata,
            "subjects": [{"kind": "ServiceAccount", "name": name, "namespace": namespace}],
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": name}}),
    ]
}

/// A scheduled restart as the VM list and page show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScheduledRestart {
    pub name: String,
    pub namespace: String,
    pub vm: String,
    pub when: DateTime<Utc>,
    pub time_zone: Option<String>,
    pub reason: Option<String>,
    pub note: Option<String>,
    pub created_by: Option<String>,
}

impl ScheduledRestart {
    /// Reads one of our CronJobs; `None` for any other.
    pub fn from_cron_job(cron_job: &CronJob) -> Option<Self> {
        let meta = &cron_job.metadata;
        if meta.labels.get(ACTION_LABEL).map(String::as_str) != Some(RESTART_ACTION) {
            return None;
        }
        let annotation = |key: &str| meta.annotations.get(key).cloned();
        Some(Self {
            name: meta.name.clone(),
            namespace: meta.namespace.clone().unwrap_or_default(),
            vm: meta.labels.get(VM_LABEL)?.clone(),
            when: DateTime::parse_from_rfc3339(&annotation(SCHEDULED_FOR)?)
                .ok()?
                .with_timezone(&Utc),
            time_zone: annotation(TIME_ZONE),
            reason: annotation(REASON),
            note: annotation(NOTE),
            created_by: annotation(CREATED_BY),
        })
    }
}

// Natively only: the checks use Kubernetes' own types, which the wasm tests do not build.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
