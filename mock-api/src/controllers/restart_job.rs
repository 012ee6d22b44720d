//! The Job of a scheduled restart, carried out as its script would (the mock runs no
//! containers): on the mock's clock, optionally wait until nobody is signed in to the guest
//! (asking again every `RETRY_MINUTES` until `DEADLINE`), optionally take the snapshot
//! `SNAPSHOT` and wait until it is ready, then restart the VM (or find it not running) and
//! delete the CronJob, which takes the Job and its permissions with it. Each step is told as
//! an Event on the VM, labelled for it, as the script does. Any refusal, a start later than
//! `LATEST_START` or users still signed in at the deadline fail the Job and keep the CronJob.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{json, Value};

use crate::controllers::cron::timestamp;
use crate::controllers::{garbage_collector, guest, lifecycle, snapshots};
use crate::kube::resources::{
    CRON_JOBS, EVENTS, JOBS, VIRTUAL_MACHINE_INSTANCES, VIRTUAL_MACHINE_SNAPSHOTS,
};
use crate::state::{lock, Shared};
use crate::store::now_timestamp;

const ACTION_LABEL: &str = "vm.windows-vms.io/action";
const VM_LABEL: &str = "vm.windows-vms.io/name";
/// How often a waiting Job looks at the clock, the guest and its snapshot.
const TICK: Duration = Duration::from_millis(250);

/// A restart Job's work, read from its labels and environment.
struct RestartJob {
    namespace: String,
    cron_job: String,
    job: String,
    vm: String,
    env: HashMap<String, String>,
}

/// Starts carrying out a Job the app made to restart a VM; any other Job is left alone.
pub fn start(shared: Shared, namespace: String, cron_job: String, job: Value) {
    let labels = &job["metadata"]["labels"];
    if labels[ACTION_LABEL] != "restart" {
        return;
    }
    let Some(vm) = labels[VM_LABEL].as_str().map(str::to_owned) else {
        return;
    };
    let env = job["spec"]["template"]["spec"]["containers"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|container| container["env"].as_array().into_iter().flatten())
        .filter_map(|v| {
            Some((
                v["name"].as_str()?.to_owned(),
                v["value"].as_str()?.to_owned(),
            ))
        })
        .collect();
    let work = RestartJob {
        namespace,
        cron_job,
        job: job["metadata"]["name"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        vm,
        env,
    };
    tokio::spawn(async move {
        let outcome = work.run(&shared).await;
        work.finish(&shared, outcome);
    });
}

fn mock_now(shared: &Shared) -> DateTime<Utc> {
    let offset = lock(shared).clock_offset;
    Utc::now()
        .checked_add_signed(offset)
        .unwrap_or_else(Utc::now)
}

/// Why the Job stopped short; `Cancelled` when its schedule was removed meanwhile.
enum Stop {
    Failed(String),
    Cancelled,
}

impl RestartJob {
    fn time(&self, name: &str) -> Option<DateTime<Utc>> {
        self.env.get(name).and_then(|t| timestamp(&json!(t)))
    }

    fn still_scheduled(&self, shared: &Shared) -> bool {
        lock(shared)
            .store
            .get(&JOBS, &self.namespace, &self.job)
            .is_some()
    }

    /// An Event on the VM, as the script's `say`, stamped with the mock's clock as the Job
    /// would see it.
    fn say(&self, shared: &Shared, reason: &str, warning: bool, message: &str) {
        let now = mock_now(shared).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let event = json!({"apiVersion": "v1", "kind": "Event",
            "metadata": {"generateName": format!("{}.", self.vm),
                "labels": {"app.kubernetes.io/managed-by": "windows-vms", VM_LABEL: self.vm, ACTION_LABEL: "restart"}},
            "involvedObject": {"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine", "name": self.vm, "namespace": self.namespace},
            "reason": reason, "message": message, "type": if warning { "Warning" } else { "Normal" },
            "source": {"component": "windows-vms-restart"}, "firstTimestamp": now, "lastTimestamp": now, "count": 1});
        let _ = lock(shared)
            .store
            .create(&EVENTS, &self.namespace, event, false);
    }

    fn fail(&self, shared: &Shared, reason: &str, message: String) -> Result<(), Stop> {
        self.say(shared, reason, true, &message);
        Err(Stop::Failed(message))
    }

    /// Waits on the mock's clock until `until`; false when the schedule went meanwhile.
    async fn sleep_until(&self, shared: &Shared, until: DateTime<Utc>) -> bool {
        while mock_now(shared) < until {
            if !self.still_scheduled(shared) {
                return false;
            }
            tokio::time::sleep(TICK).await;
        }
        true
    }

    /// Who is signed in, as the userlist subresource would answer; `None` when it refuses.
    fn signed_in(&self, shared: &Shared) -> Option<Vec<String>> {
        let state = lock(shared);
        let vmi = state
            .store
            .get(&VIRTUAL_MACHINE_INSTANCES, &self.namespace, &self.vm);
        let key = (self.namespace.clone(), self.vm.clone());
        let users = state
            .guest_users
            .get(&key)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let list = guest::user_list_answer(vmi, &self.vm, users).ok()?;
        Some(
            list["items"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|u| u["userName"].as_str().map(str::to_owned))
                .collect(),
        )
    }

    async fn run(&self, shared: &Shared) -> Result<(), Stop> {
        let now = mock_now(shared);
        if let Some(latest) = self.time("LATEST_START").filter(|latest| now > *latest) {
            let latest = latest.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            return self.fail(
                shared,
                "NotRestarted",
                format!("Not restarted: too late, the latest start was {latest}."),
            );
        }
        if let Some(deadline) = self.time("DEADLINE") {
            self.wait_for_sign_out(shared, deadline).await?;
        }
        if let Some(snapshot) = self.env.get("SNAPSHOT") {
            self.take_snapshot(shared, snapshot).await?;
        }
        match lifecycle::act(shared, &self.namespace, &self.vm, "restart") {
            Ok(()) => self.say(
                shared,
                "Restarted",
                false,
                &format!("Restarted {} as scheduled.", self.vm),
            ),
            Err(refused) if refused.message.contains("is not running") => self.say(
                shared,
                "NotRunning",
                false,
                &format!(
                    "{} is not running: the change applies when it next starts.",
                    self.vm
                ),
            ),
            Err(refused) => {
                return self.fail(
                    shared,
                    "NotRestarted",
                    format!("Not restarted: {}", refused.message),
                )
            }
        }
        Ok(())
    }

    async fn wait_for_sign_out(
        &self,
        shared: &Shared,
        deadline: DateTime<Utc>,
    ) -> Result<(), Stop> {
        let retry = self
            .env
            .get("RETRY_MINUTES")
            .and_then(|m| m.parse::<i64>().ok())
            .unwrap_or(1)
            .clamp(1, 24 * 60);
        loop {
            let Some(users) = self.signed_in(shared) else {
                self.say(shared, "AgentSilent", false, "The guest agent did not say who is signed in, so nobody is known to be: restarting.");
                return Ok(());
            };
            if users.is_empty() {
                return Ok(());
            }
            let users = users.join(" ");
            let now = mock_now(shared);
            if now >= deadline {
                let deadline = deadline.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
                return self.fail(
                    shared,
                    "GaveUp",
                    format!("Not restarted: {users} still signed in at the deadline, {deadline}."),
                );
            }
            let next = (now + TimeDelta::minutes(retry)).min(deadline);
            let at = next.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            self.say(
                shared,
                "WaitingForSignOut",
                false,
                &format!("Not restarted yet: {users} signed in. Asking again at {at}."),
            );
            if !self.sleep_until(shared, next).await {
                return Err(Stop::Cancelled);
            }
        }
    }

    async fn take_snapshot(&self, shared: &Shared, name: &str) -> Result<(), Stop> {
        let snapshot = json!({"apiVersion": "snapshot.kubevirt.io/v1beta1", "kind": "VirtualMachineSnapshot",
            "metadata": {"name": name, "namespace": self.namespace,
                "labels": {"app.kubernetes.io/managed-by": "windows-vms", VM_LABEL: self.vm}},
            "spec": {"source": {"apiGroup": "kubevirt.io", "kind": "VirtualMachine", "name": self.vm}}});
        let created =
            lock(shared)
                .store
                .create(&VIRTUAL_MACHINE_SNAPSHOTS, &self.namespace, snapshot, false);
        match created {
            Ok(created) => {
                snapshots::on_created(shared.clone(), &VIRTUAL_MACHINE_SNAPSHOTS, &created)
            }
            Err(refused) => {
                return self.fail(
                    shared,
                    "SnapshotFailed",
                    format!(
                        "Not restarted: the snapshot {name} could not be taken: {}",
                        refused.message
                    ),
                )
            }
        }
        loop {
            let ready = lock(shared)
                .store
                .get(&VIRTUAL_MACHINE_SNAPSHOTS, &self.namespace, name)
                .map(|s| s["status"]["readyToUse"] == true);
            match ready {
                Some(true) => break,
                None => {
                    return self.fail(
                        shared,
                        "SnapshotFailed",
                        format!(
                        "Not restarted: the snapshot {name} did not become ready: it was deleted"
                    ),
                    )
                }
                Some(false) if !self.still_scheduled(shared) => return Err(Stop::Cancelled),
                Some(false) => tokio::time::sleep(TICK).await,
            }
        }
        self.say(
            shared,
            "SnapshotTaken",
            false,
            &format!("Took the snapshot {name}."),
        );
        Ok(())
    }

    /// Records the outcome on the Job, and removes the schedule after a success.
    fn finish(&self, shared: &Shared, outcome: Result<(), Stop>) {
        let status = match &outcome {
            Ok(()) => json!({"succeeded": 1, "completionTime": now_timestamp(),
                "conditions": [{"type": "Complete", "status": "True"}]}),
            Err(Stop::Cancelled) => return,
            Err(Stop::Failed(message)) => json!({"failed": 1,
                "conditions": [{"type": "Failed", "status": "True", "reason": "BackoffLimitExceeded",
                    "message": format!("Job has reached the specified backoff limit: {message}")}]}),
        };
        let mut state = lock(shared);
        state
            .store
            .set_status(&JOBS, &self.namespace, &self.job, status);
        if outcome.is_err() {
            // The Job no longer runs; the CronJob stays to show that it fired and failed.
            let status = state
                .store
                .get(&CRON_JOBS, &self.namespace, &self.cron_job)
                .map(|cron_job| cron_job["status"].clone());
            if let Some(mut status) = status {
                status["active"] = json!([]);
                state
                    .store
                    .set_status(&CRON_JOBS, &self.namespace, &self.cron_job, status);
            }
            return;
        }
        drop(state);
        let _ = garbage_collector::delete(shared, &CRON_JOBS, &self.namespace, &self.cron_job);
    }
}
