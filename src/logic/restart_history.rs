//! What scheduled restarts did, as the VM page tells it: the Events their Jobs leave on the VM
//! (see `restart_schedule/restart.sh`) and the Jobs' own status, newest first, in words.

use chrono::{DateTime, Utc};

use crate::model::{Event, Job};

/// How many of the latest steps the page shows.
pub const SHOWN: usize = 6;

/// One thing a scheduled restart did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestartStep {
    pub at: Option<DateTime<Utc>>,
    /// What happened, in a few words.
    pub title: &'static str,
    /// The Job's own words.
    pub message: String,
    /// Whether it went wrong.
    pub warning: bool,
    /// Where it comes in a Job's run (waiting, snapshot, restart), to order steps told within
    /// the same second, as Event times are.
    stage: u8,
}

fn stage_of(reason: &str) -> u8 {
    match reason {
        "WaitingForSignOut" | "AgentSilent" => 1,
        "SnapshotTaken" | "SnapshotFailed" => 2,
        "Restarted" | "NotRunning" | "NotRestarted" | "GaveUp" => 3,
        _ => 0,
    }
}

fn title_of(reason: &str) -> &'static str {
    match reason {
        "Restarted" => "Restarted",
        "NotRunning" => "Not running, nothing to restart",
        "WaitingForSignOut" => "Waited for users to sign out",
        "GaveUp" => "Gave up: users stayed signed in",
        "AgentSilent" => "Guest agent silent",
        "SnapshotTaken" => "Snapshot taken",
        "SnapshotFailed" => "Snapshot failed",
        "NotRestarted" => "Not restarted",
        _ => "Note",
    }
}

fn time(text: Option<&str>) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text?)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The steps the Events tell, newest first, at most `SHOWN`.
pub fn restart_steps(events: &[Event]) -> Vec<RestartStep> {
    let mut steps: Vec<RestartStep> = events
        .iter()
        .map(|event| RestartStep {
            at: time(event.last_timestamp.as_deref())
                .or_else(|| time(event.event_time.as_deref()))
                .or(event.metadata.creation_timestamp),
            title: title_of(&event.reason),
            message: event.message.clone(),
            warning: event.type_ == "Warning",
            stage: stage_of(&event.reason),
        })
        .collect();
    steps.sort_by_key(|step| std::cmp::Reverse((step.at, step.stage)));
    steps.truncate(SHOWN);
    steps
}

/// Where a Job stands, in words: running (since when), done, or failed with its reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JobState {
    Running(Option<DateTime<Utc>>),
    Succeeded,
    Failed(String),
}

impl JobState {
    pub fn of(job: &Job) -> Self {
        let status = &job.status;
        if let Some(failed) = status
            .conditions
            .iter()
            .find(|c| c.type_ == "Failed" && c.is_true())
        {
            let reason = failed
                .message
                .clone()
                .or_else(|| failed.reason.clone())
                .unwrap_or_default();
            return Self::Failed(reason);
        }
        if status.succeeded.unwrap_or(0) > 0 {
            return Self::Succeeded;
        }
        Self::Running(time(status.start_time.as_deref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(reason: &str, kind: &str, at: &str, message: &str) -> Event {
        serde_json::from_value(
            json!({"metadata": {"name": reason}, "reason": reason, "type": kind,
            "lastTimestamp": at, "message": message}),
        )
        .unwrap()
    }

    #[test]
    fn steps_read_newest_first_in_words() {
        let events = vec![
            event(
                "WaitingForSignOut",
                "Normal",
                "2026-11-30T02:00:00Z",
                "alice signed in",
            ),
            event(
                "Restarted",
                "Normal",
                "2026-11-30T02:20:00Z",
                "Restarted win as scheduled.",
            ),
            event(
                "GaveUp",
                "Warning",
                "2026-11-29T06:00:00Z",
                "still signed in",
            ),
            event(
                "SnapshotTaken",
                "Normal",
                "2026-11-30T02:20:00Z",
                "Took the snapshot.",
            ),
        ];
        let steps = restart_steps(&events);
        let titles: Vec<&str> = steps.iter().map(|s| s.title).collect();
        assert_eq!(
            titles,
            [
                "Restarted",
                "Snapshot taken",
                "Waited for users to sign out",
                "Gave up: users stayed signed in"
            ],
            "newest first; within one second, in the order a Job takes its steps"
        );
        assert!(steps[3].warning && !steps[0].warning);
        let many: Vec<Event> = (0..10)
            .map(|i| {
                event(
                    "WaitingForSignOut",
                    "Normal",
                    &format!("2026-11-30T02:{i:02}:00Z"),
                    "",
                )
            })
            .collect();
        assert_eq!(restart_steps(&many).len(), SHOWN);
    }

    #[test]
    fn a_job_reads_as_running_done_or_failed_with_its_reason() {
        let job = |status: serde_json::Value| -> Job {
            serde_json::from_value(json!({"metadata": {"name": "j"}, "status": status})).unwrap()
        };
        assert_eq!(
            JobState::of(&job(
                json!({"active": 1, "startTime": "2026-11-30T02:00:00Z"})
            )),
            JobState::Running(time(Some("2026-11-30T02:00:00Z")))
        );
        assert_eq!(
            JobState::of(&job(json!({"succeeded": 1}))),
            JobState::Succeeded
        );
        assert_eq!(
            JobState::of(&job(
                json!({"failed": 1, "conditions": [{"type": "Failed", "status": "True",
                "reason": "BackoffLimitExceeded", "message": "Not restarted: alice still signed in"}]})
            )),
            JobState::Failed("Not restarted: alice still signed in".into())
        );
    }
}
