//! CronJobs and Jobs, as far as the app reads them: the schedules it made to restart VMs and
//! the Jobs they ran.

use serde::Deserialize;

use super::resource::resource;
use super::ObjectMeta;

/// A CronJob.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct CronJob {
    pub metadata: ObjectMeta,
    pub spec: CronJobSpec,
    pub status: CronJobStatus,
}

resource!(CronJob, "batch", "v1", "cronjobs", "CronJob", true);

/// When it last fired and which of its Jobs still run.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CronJobStatus {
    pub last_schedule_time: Option<String>,
    pub active: Vec<serde_json::Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CronJobSpec {
    pub schedule: String,
    pub time_zone: Option<String>,
    pub suspend: Option<bool>,
}

/// A Job, as far as the app reads the ones its scheduled restarts run.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Job {
    pub metadata: ObjectMeta,
    pub status: JobStatus,
}

resource!(Job, "batch", "v1", "jobs", "Job", true);

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct JobStatus {
    pub active: Option<u32>,
    pub succeeded: Option<u32>,
    pub failed: Option<u32>,
    pub start_time: Option<String>,
    pub conditions: Vec<super::Condition>,
}
