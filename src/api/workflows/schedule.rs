//! Scheduled restarts in the cluster (see `logic::restart_schedule`): created in order, the
//! CronJob first so the others can be owned by it, replaced when this VM's exists (scheduling
//! again replaces), never when an object of that name is someone else's, and removed again when
//! the user may not create all of them.

use serde_json::Value;

use crate::api::typed::{Api, PostParams};
use crate::api::{ApiClient, ApiError};
use crate::logic::restart_schedule::{
    cron_job, is_ours, permissions, schedule_name, RestartRequest,
};
use crate::model::{
    CronJob, ObjectRef, Raw, Resource, Role, RoleBinding, SelfSubjectReview, ServiceAccount,
    VirtualMachine,
};

/// Why a schedule could not be made, naming the object that failed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{kind} {name}: {problem}")]
pub struct ScheduleError {
    /// What could not be created ("CronJob", "Role"…).
    pub kind: &'static str,
    pub name: String,
    pub problem: ScheduleProblem,
    /// The CronJob made a moment before could not be removed again after the failure.
    pub left_behind: Option<ApiError>,
    /// The CronJob made a moment before was removed again: nothing half-made is left.
    pub rolled_back: bool,
}

/// What went wrong with the object.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ScheduleProblem {
    #[error("{0}")]
    Api(ApiError),
    /// An object of that name exists and is not this VM's scheduled restart.
    #[error("exists and belongs to something else")]
    Taken,
}

impl ScheduleError {
    fn api(kind: &'static str, name: &str) -> impl Fn(ApiError) -> Self {
        let name = name.to_owned();
        move |error| Self {
            kind,
            name: name.clone(),
            problem: ScheduleProblem::Api(error),
            left_behind: None,
            rolled_back: false,
        }
    }

    /// In plain words; a 403 says who may not do what, and why the object is needed.
    pub fn user_message(&self, namespace: &str) -> String {
        let (kind, name) = (self.kind, &self.name);
        let mut message = match &self.problem {
            ScheduleProblem::Api(error) if error.is_forbidden() => format!(
                "You may not create {kind}s in namespace {namespace}, and a scheduled restart needs one \
                 (a CronJob runs it, as a ServiceAccount with a Role allowed only to restart this VM). \
                 Ask a namespace administrator to schedule it, or restart the VM yourself."
            ),
            ScheduleProblem::Api(error) => error.user_message(),
            ScheduleProblem::Taken => format!(
                "A {kind} named {name} already exists in namespace {namespace} and is not this VM's \
                 scheduled restart, so it was left alone. Rename or remove it, or restart the VM yourself."
            ),
        };
        if let Some(error) = &self.left_behind {
            message.push_str(&format!(
                " The CronJob {name} made a moment before could not be removed again ({}): \
                 it will fail at its time; cancel it on the VM's page or remove it with \
                 kubectl delete cronjob {name} -n {namespace}.",
                error.user_message()
            ));
        }
        message
    }
}

/// The user's name, as the API server knows it; `None` when it will not say.
pub async fn who_am_i(client: &ApiClient) -> Option<String> {
    let review =
        serde_json::json!({"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"});
    let answer = Api::<Raw<SelfSubjectReview>>::all(client)
        .create(&review, PostParams::default())
        .await
        .ok()?;
    answer.raw["status"]["userInfo"]["username"]
        .as_str()
        .map(str::to_owned)
}

/// Creates (or replaces) the scheduled restart of `vm`.
pub async fn schedule_restart(
    client: &ApiClient,
    vm: &VirtualMachine,
    request: &RestartRequest,
) -> Result<(), ScheduleError> {
    let namespace = vm.metadata.namespace.clone().unwrap_or_default();
    let wanted = cron_job(vm, request);
    let cron_jobs = Api::<Raw<CronJob>>::namespaced(client, &namespace);
    let name = schedule_name(&vm.metadata.name);
    let failed = |kind: &'static str| ScheduleError::api(kind, &name);
    let taken = |kind: &'static str| ScheduleError {
        kind,
        name: name.clone(),
        problem: ScheduleProblem::Taken,
        left_behind: None,
        rolled_back: false,
    };
    let vm_uid = vm.metadata.uid.clone().unwrap_or_default();
    // Look before writing, so that replacing is not a failed create (and a red console line).
    let existing = cron_jobs
        .find(&name)
        .await
        .map_err(failed("CronJob"))?
        .map(|found| found.raw);
    if existing
        .as_ref()
        .is_some_and(|current| !is_ours(current, &vm.metadata.name, &vm_uid))
    {
        return Err(taken("CronJob"));
    }
    let created_now = existing.is_none();
    let stored = match existing {
        None => cron_jobs
            .create(&wanted, PostParams::default())
            .await
            .map_err(failed("CronJob"))?,
        Some(current) => {
            // Keep its identity (and so the objects it owns); replace the rest.
            let mut replacement = wanted.clone();
            replacement["metadata"]["resourceVersion"] =
                current["metadata"]["resourceVersion"].clone();
            cron_jobs
                .replace(&name, &replacement)
                .await
                .map_err(failed("CronJob"))?
        }
    }
    .raw;
    let cron_job_uid = stored["metadata"]["uid"].as_str().unwrap_or_default();
    let [account, role, binding] = permissions(&vm.metadata.name, &stored, request);
    let vm_name = vm.metadata.name.as_str();
    let permissions = async {
        ensure::<ServiceAccount>(client, &namespace, &name, vm_name, cron_job_uid, &account)
            .await?;
        ensure::<Role>(client, &namespace, &name, vm_name, cron_job_uid, &role).await?;
        ensure::<RoleBinding>(client, &namespace, &name, vm_name, cron_job_uid, &binding).await
    }
    .await;
    if let Err(mut error) = permissions {
        if created_now {
            // Without its permissions the schedule would fail at its time: remove it, and
            // say so when that fails too.
            error.left_behind = cancel(client, &ObjectRef::new(&namespace, &name))
                .await
                .err();
            error.rolled_back = error.left_behind.is_none();
        }
        return Err(error);
    }
    Ok(())
}

/// Creates `object`, one of the permissions of the schedule `name` (owned by the CronJob
/// `owner_uid`); the schedule's own, when there, is replaced if its rules differ (a schedule
/// made again may need more, such as asking who is signed in).
async fn ensure<K: Resource>(
    client: &ApiClient,
    namespace: &str,
    name: &str,
    vm_name: &str,
    owner_uid: &str,
    object: &Value,
) -> Result<(), ScheduleError> {
    let kind = K::TYPE.kind;
    let failed = ScheduleError::api(kind, name);
    let api = Api::<Raw<K>>::namespaced(client, namespace);
    match api.find(name).await.map_err(&failed)? {
        Some(present) if is_ours(&present.raw, vm_name, owner_uid) => {
            if present.raw["rules"] == object["rules"] {
                return Ok(());
            }
            let mut replacement = object.clone();
            replacement["metadata"]["resourceVersion"] =
                present.raw["metadata"]["resourceVersion"].clone();
            api.replace(name, &replacement)
                .await
                .map(drop)
                .map_err(failed)
        }
        Some(_) => Err(ScheduleError {
            kind,
            name: name.to_owned(),
            problem: ScheduleProblem::Taken,
            left_behind: None,
            rolled_back: false,
        }),
        None => api
            .create(object, PostParams::default())
            .await
            .map(drop)
            .map_err(failed),
    }
}

/// Cancels a scheduled restart (the CronJob `schedule`); what it owns goes with it.
pub async fn cancel(client: &ApiClient, schedule: &ObjectRef) -> Result<(), ApiError> {
    Api::<CronJob>::of(client, schedule)
        .delete(&schedule.name)
        .await
}
