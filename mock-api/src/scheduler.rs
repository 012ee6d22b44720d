//! The CronJob controller, in miniature: a CronJob whose schedule comes due (on the mock's
//! clock, which tests may move forward) gets a Job. The mock runs no containers, so a Job the
//! app made to restart a VM — labelled `vm.windows-vms.io/action: restart` and
//! `vm.windows-vms.io/name: <vm>` — is carried out here as its script would: restart the VM
//! (a refusal is fine: the change then applies at the next start) and delete its CronJob, which
//! takes the Job, ServiceAccount, Role and RoleBinding it owns with it.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::api::{lock, Shared};
use crate::cron::Schedule;
use crate::lifecycle;
use crate::resources::{CRON_JOBS, JOBS};
use crate::store::now_timestamp;

/// How often CronJobs are checked.
const TICK: Duration = Duration::from_millis(250);
pub const ACTION_LABEL: &str = "vm.windows-vms.io/action";
pub const VM_LABEL: &str = "vm.windows-vms.io/name";

/// Starts checking CronJobs for as long as the server runs.
pub fn spawn(shared: Shared) {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(TICK).await;
            for due in due_jobs(&shared) {
                run(&shared, due);
            }
        }
    });
}

/// A CronJob that came due, and the Job created for it.
struct Due {
    namespace: String,
    cron_job: String,
    job: Value,
}

/// Creates the Jobs of every CronJob due by now.
fn due_jobs(shared: &Shared) -> Vec<Due> {
    let mut state = lock(shared);
    let now = Utc::now() + state.clock_offset;
    let mut due = Vec::new();
    let cron_jobs: Vec<Value> = state
        .store
        .list(&CRON_JOBS, None)
        .into_iter()
        .cloned()
        .collect();
    for cron_job in cron_jobs {
        if cron_job["spec"]["suspend"] == true {
            continue;
        }
        let since = timestamp(&cron_job["status"]["lastScheduleTime"])
            .or_else(|| timestamp(&cron_job["metadata"]["creationTimestamp"]));
        let (Some(since), Some(schedule)) = (
            since,
            cron_job["spec"]["schedule"]
                .as_str()
                .and_then(Schedule::parse),
        ) else {
            continue;
        };
        let zone = cron_job["spec"]["timeZone"].as_str().unwrap_or_default();
        let Some(fired) = schedule.fires_between(zone, since, now) else {
            continue;
        };
        let meta = &cron_job["metadata"];
        let namespace = meta["namespace"].as_str().unwrap_or_default().to_owned();
        let name = meta["name"].as_str().unwrap_or_default().to_owned();
        let template = &cron_job["spec"]["jobTemplate"];
        let job = json!({
            "apiVersion": "batch/v1",
            "kind": "Job",
            "metadata": {
                "name": format!("{name}-{}", fired.timestamp() / 60),
                "labels": template["metadata"]["labels"],
                "annotations": template["metadata"]["annotations"],
                "ownerReferences": [{"apiVersion": "batch/v1", "kind": "CronJob", "name": name,
                                      "uid": meta["uid"], "controller": true, "blockOwnerDeletion": true}]
            },
            "spec": template["spec"],
        });
        let Ok(job) = state.store.create(&JOBS, &namespace, job, false) else {
            continue;
        };
        let scheduled = fired.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        state.store.set_status(&CRON_JOBS, &namespace, &name, json!({"lastScheduleTime": scheduled,
            "active": [{"kind": "Job", "namespace": namespace, "name": job["metadata"]["name"], "apiVersion": "batch/v1"}]}));
        state.store.set_status(
            &JOBS,
            &namespace,
            job["metadata"]["name"].as_str().unwrap_or_default(),
            json!({"startTime": now_timestamp(), "active": 1}),
        );
        due.push(Due {
            namespace,
            cron_job: name,
            job,
        });
    }
    due
}

/// Does what the Job's container would.
fn run(shared: &Shared, due: Due) {
    let labels = &due.job["metadata"]["labels"];
    if labels[ACTION_LABEL] != "restart" {
        return;
    }
    let Some(vm) = labels[VM_LABEL].as_str() else {
        return;
    };
    let outcome = lifecycle::act(shared, &due.namespace, vm, "restart");
    let job_name = due.job["metadata"]["name"].as_str().unwrap_or_default();
    let status = match &outcome {
        Ok(()) => json!({"succeeded": 1, "completionTime": now_timestamp(),
            "conditions": [{"type": "Complete", "status": "True"}]}),
        Err(refused) => json!({"succeeded": 1, "completionTime": now_timestamp(),
            "conditions": [{"type": "Complete", "status": "True", "message": refused.message}]}),
    };
    lock(shared)
        .store
        .set_status(&JOBS, &due.namespace, job_name, status);
    let _ = crate::update::delete(shared, &CRON_JOBS, &due.namespace, &due.cron_job);
}

fn timestamp(value: &Value) -> Option<DateTime<Utc>> {
    value
        .as_str()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc))
}
