//! Scheduled restarts in the cluster (see `logic::restart_schedule`): created in order, the
//! CronJob first so the others can be owned by it, replaced when one exists (scheduling again
//! replaces), removed again when the user may not create all of them.

use serde_json::Value;

use super::paths::{
    Resource, CRON_JOBS, ROLES, ROLE_BINDINGS, SELF_SUBJECT_REVIEWS, SERVICE_ACCOUNTS,
};
use super::{ApiClient, ApiError};
use crate::logic::restart_schedule::{cron_job, permissions, schedule_name, RestartRequest};
use crate::model::VirtualMachine;

/// Why a schedule could not be made, naming the object that failed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{kind}: {error}")]
pub struct ScheduleError {
    /// What could not be created ("CronJob", "Role"…).
    pub kind: &'static str,
    pub error: ApiError,
}

impl ScheduleError {
    /// In plain words; a 403 says who may not do what, and why the object is needed.
    pub fn user_message(&self, namespace: &str) -> String {
        if self.error.is_forbidden() {
            format!(
                "You may not create {}s in namespace {namespace}, and a scheduled restart needs one \
                 (a CronJob runs it, as a ServiceAccount with a Role allowed only to restart this VM). \
                 Ask a namespace administrator to schedule it, or restart the VM yourself.",
                self.kind
            )
        } else {
            self.error.user_message()
        }
    }
}

/// The user's name, as the API server knows it; `None` when it will not say.
pub async fn who_am_i(client: &ApiClient) -> Option<String> {
    let review =
        serde_json::json!({"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"});
    let answer: Value = client
        .create(&SELF_SUBJECT_REVIEWS.collection(None), &[], &review)
        .await
        .ok()?;
    answer["status"]["userInfo"]["username"]
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
    let collection = CRON_JOBS.collection(Some(&namespace));
    let failed = |kind: &'static str| move |error: ApiError| ScheduleError { kind, error };
    let name = schedule_name(&vm.metadata.name);
    // Look before writing, so that replacing is not a failed create (and a red console line).
    let existing = find(client, CRON_JOBS, &namespace, &name)
        .await
        .map_err(failed("CronJob"))?;
    let created_now = existing.is_none();
    let stored: Value = match existing {
        None => client
            .create(&collection, &[], &wanted)
            .await
            .map_err(failed("CronJob"))?,
        Some(current) => {
            // Keep its identity (and so the objects it owns); replace the rest.
            let mut replacement = wanted.clone();
            replacement["metadata"]["resourceVersion"] =
                current["metadata"]["resourceVersion"].clone();
            client
                .replace(&CRON_JOBS.item(Some(&namespace), &name), &replacement)
                .await
                .map_err(failed("CronJob"))?
        }
    };
    let [account, role, binding] = permissions(&vm.metadata.name, &stored);
    let steps = [
        ("ServiceAccount", SERVICE_ACCOUNTS, account),
        ("Role", ROLES, role),
        ("RoleBinding", ROLE_BINDINGS, binding),
    ];
    for (kind, resource, object) in steps {
        let present = !created_now
            && find(client, resource, &namespace, &name)
                .await
                .map_err(failed(kind))?
                .is_some();
        if present {
            continue;
        }
        if let Err(error) = client
            .create::<Value>(&resource.collection(Some(&namespace)), &[], &object)
            .await
        {
            if created_now {
                // Without its permissions the schedule would fail at its time: remove it.
                let _ = cancel(client, &namespace, &name).await;
            }
            return Err(ScheduleError { kind, error });
        }
    }
    Ok(())
}

/// The object called `name`, if there is one (a list narrowed to the name: no 404 to log).
async fn find(
    client: &ApiClient,
    resource: Resource,
    namespace: &str,
    name: &str,
) -> Result<Option<Value>, ApiError> {
    let selector = format!("metadata.name={name}");
    let (items, _) = client
        .list::<Value>(
            &resource.collection(Some(namespace)),
            &[("fieldSelector", &selector)],
        )
        .await?;
    Ok(items.into_iter().next())
}

/// Cancels a scheduled restart; what it owns goes with it.
pub async fn cancel(client: &ApiClient, namespace: &str, name: &str) -> Result<(), ApiError> {
    client.delete(&CRON_JOBS.item(Some(namespace), name)).await
}
