//! The CronJob controller, in miniature: a CronJob whose schedule comes due (on the mock's
//! clock, which tests may move forward) gets a Job. The mock runs no containers: a Job the app
//! made to restart a VM is carried out by `restart_job` as its script would.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{json, Value};

use crate::controllers::cron::{timestamp, Schedule};
use crate::controllers::restart_job;
use crate::kube::resources::{CRON_JOBS, JOBS};
use crate::state::{lock, Shared};
use crate::store::now_timestamp;

/// How often CronJobs are checked.
const TICK: Duration = Duration::from_millis(250);
/// How far back a CronJob is looked at for a missed schedule when its starting deadline does not
/// say less. Each check then walks a day of minutes at most, whatever the CronJob's last schedule
/// or the mock's clock say.
const LOOKBACK: TimeDelta = TimeDelta::days(1);

/// Starts checking CronJobs for as long as the server runs.
pub fn spawn(shared: Shared) {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(TICK).await;
            for due in due_jobs(&shared) {
                restart_job::start(shared.clone(), due.namespace, due.cron_job, due.job);
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

/// A CronJob's Job for the minute it came due.
struct Firing {
    namespace: String,
    cron_job: String,
    fired: DateTime<Utc>,
    job: Value,
}

/// Creates the Jobs of every CronJob due by now.
fn due_jobs(shared: &Shared) -> Vec<Due> {
    let mut state = lock(shared);
    let Some(now) = Utc::now().checked_add_signed(state.clock_offset) else {
        return Vec::new();
    };
    // Read in place: only the CronJobs that came due are copied from, not all at every tick.
    let firings: Vec<Firing> = state
        .store
        .list(&CRON_JOBS, None)
        .into_iter()
        .filter_map(|cron_job| firing(cron_job, now))
        .collect();
    let mut due = Vec::new();
    for Firing {
        namespace,
        cron_job: name,
        fired,
        job,
    } in firings
    {
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

/// The Job a CronJob makes now, if its schedule came due since it last fired.
fn firing(cron_job: &Value, now: DateTime<Utc>) -> Option<Firing> {
    if cron_job["spec"]["suspend"] == true {
        return None;
    }
    let since = timestamp(&cron_job["status"]["lastScheduleTime"])
        .or_else(|| timestamp(&cron_job["metadata"]["creationTimestamp"]))?;
    let schedule = cron_job["spec"]["schedule"]
        .as_str()
        .and_then(Schedule::parse)?;
    let deadline = cron_job["spec"]["startingDeadlineSeconds"].as_i64();
    let since = look_back_from(since, deadline, now);
    let zone = cron_job["spec"]["timeZone"].as_str().unwrap_or_default();
    let fired = schedule.fires_between(zone, since, now)?;
    let meta = &cron_job["metadata"];
    let namespace = meta["namespace"].as_str().unwrap_or_default().to_owned();
    let name = meta["name"].as_str().unwrap_or_default().to_owned();
    let template = &cron_job["spec"]["jobTemplate"];
    let mut job = json!({
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {
            "name": format!("{name}-{}", fired.timestamp() / 60),
            "ownerReferences": [{"apiVersion": "batch/v1", "kind": "CronJob", "name": name,
                                  "uid": meta["uid"], "controller": true, "blockOwnerDeletion": true}]
        },
        "spec": template["spec"],
    });
    // Only what the template has: the API server never stores a null map.
    for field in ["labels", "annotations"] {
        if let Some(map) = template["metadata"].get(field).filter(|m| m.is_object()) {
            job["metadata"][field] = map.clone();
        }
    }
    Some(Firing {
        namespace,
        cron_job: name,
        fired,
        job,
    })
}

/// Where to look for a missed schedule from: the CronJob's last schedule (or creation), but no
/// further back than its starting deadline (a later start is not made, as in the CronJob
/// controller) or `LOOKBACK`.
fn look_back_from(
    since: DateTime<Utc>,
    deadline_seconds: Option<i64>,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    let reach = deadline_seconds
        .and_then(|seconds| TimeDelta::try_seconds(seconds.max(0)))
        .map_or(LOOKBACK, |deadline| deadline.min(LOOKBACK));
    now.checked_sub_signed(reach)
        .map_or(since, |earliest| since.max(earliest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_creation_time_far_in_the_past_is_looked_back_to_for_a_day_at_most() {
        let now = timestamp(&json!("2026-11-26T14:00:00Z")).unwrap();
        let long_ago = timestamp(&json!("0001-01-01T00:00:00Z")).unwrap();
        assert_eq!(look_back_from(long_ago, None, now), now - LOOKBACK);
        assert_eq!(
            look_back_from(long_ago, Some(3600), now),
            now - TimeDelta::hours(1),
            "the starting deadline bounds it further"
        );
        let recent = now - TimeDelta::minutes(5);
        assert_eq!(look_back_from(recent, Some(3600), now), recent);
        assert_eq!(look_back_from(recent, Some(-5), now), now);
    }
}
