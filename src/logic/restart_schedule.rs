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
const SIGN_OUT_DEADLINE: &str = "vm.windows-vms.io/sign-out-deadline";
const SNAPSHOT: &str = "vm.windows-vms.io/snapshot";
/// How late the Job may still restart the VM (a cluster that was down must not restart it
/// hours later, in the middle of the working day).
const LATEST_START_SECONDS: i64 = 3600;
/// A CronJob's name may be at most 52 characters (its Jobs add a suffix).
const MAX_NAME: usize = 52;
/// Hex digits of the name hash that keeps long names apart.
const NAME_HASH_DIGITS: usize = 10;

/// The label selector that finds every scheduled restart.
pub fn selector() -> String {
    format!("{MANAGED_BY_LABEL}={MANAGED_BY},{ACTION_LABEL}={RESTART_ACTION}")
}

/// The one name all objects of a VM's scheduled restart share: scheduling again replaces.
/// `restart-<vm>` when that fits; a longer one keeps as much of the VM's name as fits and ends
/// in a hash of the whole name, so two VMs whose names begin alike get different schedules.
pub fn schedule_name(vm: &str) -> String {
    let plain = format!("restart-{vm}");
    if plain.chars().count() <= MAX_NAME {
        return plain;
    }
    let hash = format!("{:016x}", fnv1a(vm.as_bytes()));
    let hash = &hash[..NAME_HASH_DIGITS];
    let prefix: String = plain
        .chars()
        .take(MAX_NAME - 1 - NAME_HASH_DIGITS)
        .collect();
    format!("{}-{hash}", prefix.trim_end_matches('-'))
}

/// FNV-1a, 64 bits: stable across builds and platforms, which a name must be.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Whether an object found under a schedule's name is this VM's scheduled restart: our labels
/// naming this VM, and owned by `owner_uid` (the VM for the CronJob, the CronJob for the rest).
/// Anything else under that name belongs to someone else and is never reused or replaced.
pub fn is_ours(object: &Value, vm_name: &str, owner_uid: &str) -> bool {
    let labels = &object["metadata"]["labels"];
    let labelled = labels[MANAGED_BY_LABEL] == MANAGED_BY
        && labels[ACTION_LABEL] == RESTART_ACTION
        && labels[VM_LABEL] == vm_name;
    let owned = object["metadata"]["ownerReferences"]
        .as_array()
        .is_some_and(|owners| owners.iter().any(|o| o["uid"] == owner_uid));
    labelled && owned
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
    /// Restart only once nobody is signed in to the guest.
    pub sign_out_wait: Option<SignOutWait>,
    /// The VirtualMachineSnapshot to take just before the restart.
    pub snapshot: Option<String>,
    /// Whether the Job may tell its steps as Events (the user may grant that).
    pub tell_in_events: bool,
}

/// "Only if nobody is signed in, else ask again every `retry_minutes` until `deadline`."
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignOutWait {
    pub retry_minutes: u32,
    pub deadline: DateTime<Utc>,
}

fn labels(vm: &str) -> Value {
    json!({MANAGED_BY_LABEL: MANAGED_BY, VM_LABEL: vm, ACTION_LABEL: RESTART_ACTION})
}

/// The script the Job runs (see the file for what it does and why).
pub const SCRIPT: &str = include_str!("restart_schedule/restart.sh");

/// How long the Job may run after its start when it does not wait for users: enough for a
/// snapshot to become ready and the restart to be asked for.
const JOB_RUN_SECONDS: i64 = 1800;

/// What the Job's pod asks for: enough for `kubectl`, little enough for any quota.
const JOB_REQUESTS: (&str, &str) = ("10m", "64Mi");
const JOB_LIMITS: (&str, &str) = ("200m", "256Mi");

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
    let mut env = vec![
        json!({"name": "NAMESPACE", "value": namespace}),
        json!({"name": "VM", "value": vm_name}),
        json!({"name": "CRONJOB", "value": name}),
        json!({"name": "LATEST_START", "value": latest}),
        json!({"name": "HOME", "value": "/tmp"}),
    ];
    let mut run_seconds = JOB_RUN_SECONDS;
    if let Some(wait) = &request.sign_out_wait {
        let deadline = wait
            .deadline
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        env.push(json!({"name": "DEADLINE", "value": deadline}));
        env.push(json!({"name": "RETRY_MINUTES", "value": wait.retry_minutes.max(1).to_string()}));
        run_seconds += (wait.deadline - request.when).num_seconds().max(0);
        annotations[SIGN_OUT_DEADLINE] = json!(deadline);
    }
    if let Some(snapshot) = &request.snapshot {
        env.push(json!({"name": "SNAPSHOT", "value": snapshot}));
        annotations[SNAPSHOT] = json!(snapshot);
    }
    let mut metadata = json!({"name": name, "namespace": namespace, "labels": labels(vm_name), "annotations": annotations});
    if let Some(uid) = &vm.metadata.uid {
        metadata["ownerReferences"] = json!([{"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine", "name": vm_name, "uid": uid}]);
    }
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
                    // Never retried: a retry after a restart that happened would restart again.
                    "backoffLimit": 0,
                    "activeDeadlineSeconds": run_seconds,
                    "template": {
                        "metadata": {"labels": labels(vm_name)},
                        "spec": {
                            "serviceAccountName": name,
                            "restartPolicy": "Never",
                            // Pod Security `restricted`; the UID comes from the image or, on
                            // OpenShift, from the namespace's range.
                            "securityContext": {
                                "runAsNonRoot": true,
                                "seccompProfile": {"type": "RuntimeDefault"}
                            },
                            "containers": [{
                                "name": "restart",
                                "image": request.image,
                                "command": ["/bin/sh", "-c", SCRIPT],
                                "env": env,
                                "securityContext": {
                                    "allowPrivilegeEscalation": false,
                                    "capabilities": {"drop": ["ALL"]},
                                    "readOnlyRootFilesystem": true,
                                    "runAsNonRoot": true
                                },
                                "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
                                "resources": {
                                    "requests": {"cpu": JOB_REQUESTS.0, "memory": JOB_REQUESTS.1},
                                    "limits": {"cpu": JOB_LIMITS.0, "memory": JOB_LIMITS.1}
                                }
                            }],
                            // The only writable place: kubectl keeps its cache under $HOME.
                            "volumes": [{"name": "tmp", "emptyDir": {"sizeLimit": "64Mi"}}]
                        }
                    }
                }
            }
        }
    })
}

/// The ServiceAccount, Role and RoleBinding the Job runs with, owned by the CronJob (`owner`
/// as the server stored it, for its uid): restart this VM, delete this schedule, tell what it
/// did in Events where the user may allow that, and what the request needs besides (ask who is signed in to this VM, take
/// and watch this snapshot).
pub fn permissions(vm_name: &str, owner: &Value, request: &RestartRequest) -> [Value; 3] {
    let name = schedule_name(vm_name);
    let mut rules = vec![
        json!({"apiGroups": ["subresources.kubevirt.io"], "resources": ["virtualmachines/restart"], "resourceNames": [vm_name], "verbs": ["update"]}),
        json!({"apiGroups": ["batch"], "resources": ["cronjobs"], "resourceNames": [name], "verbs": ["delete"]}),
    ];
    if request.tell_in_events {
        // Creating cannot be limited by name; an Event only tells.
        rules.push(json!({"apiGroups": [""], "resources": ["events"], "verbs": ["create"]}));
    }
    if request.sign_out_wait.is_some() {
        rules.push(json!({"apiGroups": ["subresources.kubevirt.io"], "resources": ["virtualmachineinstances/userlist"], "resourceNames": [vm_name], "verbs": ["get"]}));
    }
    if let Some(snapshot) = &request.snapshot {
        rules.push(json!({"apiGroups": ["snapshot.kubevirt.io"], "resources": ["virtualmachinesnapshots"], "verbs": ["create"]}));
        rules.push(json!({"apiGroups": ["snapshot.kubevirt.io"], "resources": ["virtualmachinesnapshots"], "resourceNames": [snapshot], "verbs": ["get", "list", "watch"]}));
    }
    let namespace = owner["metadata"]["namespace"].clone();
    let metadata = json!({
        "name": name, "namespace": namespace, "labels": labels(vm_name),
        "ownerReferences": [{"apiVersion": "batch/v1", "kind": "CronJob", "name": name, "uid": owner["metadata"]["uid"]}]
    });
    [
        json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": metadata}),
        json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": metadata, "rules": rules}),
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
    /// Its Job ran and failed: a Job that restarted the VM (or found it stopped) removes the
    /// schedule, so one that fired, runs no Job and is still there did not get through.
    pub failed: bool,
    /// Whether it fired at all.
    pub fired: bool,
    /// It restarts only once nobody is signed in, waiting until then at most.
    pub sign_out_deadline: Option<DateTime<Utc>>,
    /// The snapshot it takes before the restart.
    pub snapshot: Option<String>,
}

impl ScheduledRestart {
    /// Reads one of our CronJobs; `None` for any other.
    pub fn from_cron_job(cron_job: &CronJob) -> Option<Self> {
        let meta = &cron_job.metadata;
        if meta.labels.get(ACTION_LABEL).map(String::as_str) != Some(RESTART_ACTION) {
            return None;
        }
        let annotation = |key: &str| meta.annotations.get(key).cloned();
        let when = DateTime::parse_from_rfc3339(&annotation(SCHEDULED_FOR)?)
            .ok()?
            .with_timezone(&Utc);
        // Fired for this time: a schedule replaced after an earlier one fired keeps the
        // earlier `lastScheduleTime`, which says nothing of the new time.
        let fired = cron_job
            .status
            .last_schedule_time
            .as_deref()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .is_some_and(|t| t.with_timezone(&Utc) >= when);
        Some(Self {
            name: meta.name.clone(),
            namespace: meta.namespace.clone().unwrap_or_default(),
            vm: meta.labels.get(VM_LABEL)?.clone(),
            when,
            time_zone: annotation(TIME_ZONE),
            reason: annotation(REASON),
            note: annotation(NOTE),
            created_by: annotation(CREATED_BY),
            sign_out_deadline: annotation(SIGN_OUT_DEADLINE)
                .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
                .map(|t| t.with_timezone(&Utc)),
            snapshot: annotation(SNAPSHOT),
            failed: fired && cron_job.status.active.is_empty(),
            fired,
        })
    }

    /// Whether it did not restart the VM: its Job failed, or it never fired and now cannot
    /// (the cluster was down past the latest start).
    pub fn did_not_happen(&self, now: DateTime<Utc>) -> bool {
        let latest = self.when + Duration::seconds(LATEST_START_SECONDS);
        self.failed || (!self.fired && now > latest)
    }
}

// Natively only: the checks use Kubernetes' own types, which the wasm tests do not build.
#[cfg(all(test, unix, not(target_arch = "wasm32")))]
mod script_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
