//! Tests of the scheduled restart objects, checked against Kubernetes' own types.

use super::*;
use chrono::TimeZone;

fn vm() -> VirtualMachine {
    serde_json::from_value(
        json!({"metadata": {"name": "win2k22-sql", "namespace": "finance-apps", "uid": "vm-uid"}}),
    )
    .unwrap()
}

fn request() -> RestartRequest {
    RestartRequest {
        when: Utc.with_ymd_and_hms(2026, 11, 26, 13, 30, 0).unwrap(),
        time_zone: "Europe/Berlin".into(),
        note: "  after the nightly backup ".into(),
        created_by: Some("developer".into()),
        image: "quay.io/openshift/origin-cli:4.19".into(),
        reason: "Apply the interface switch".into(),
    }
}

use crate::logic::patch_check::assert_kubernetes_valid as assert_valid;

#[test]
fn the_cron_job_fires_once_at_the_utc_minute_and_is_owned_by_the_vm() {
    let cron_job = cron_job(&vm(), &request());
    assert_valid::<k8s_openapi::api::batch::v1::CronJob>(&cron_job);
    assert_eq!(cron_job["metadata"]["name"], "restart-win2k22-sql");
    assert_eq!(cron_job["spec"]["schedule"], "30 13 26 11 *");
    assert_eq!(cron_job["spec"]["timeZone"], "Etc/UTC");
    assert_eq!(cron_job["metadata"]["ownerReferences"][0]["uid"], "vm-uid");
    let annotations = &cron_job["metadata"]["annotations"];
    assert_eq!(
        annotations["vm.windows-vms.io/scheduled-for"],
        "2026-11-26T13:30:00Z"
    );
    assert_eq!(
        annotations["vm.windows-vms.io/note"],
        "after the nightly backup"
    );
    let pod = &cron_job["spec"]["jobTemplate"]["spec"]["template"]["spec"];
    assert_eq!(pod["serviceAccountName"], "restart-win2k22-sql");
    let env = pod["containers"][0]["env"].as_array().unwrap();
    assert!(env.contains(&json!({"name": "LATEST_START", "value": "2026-11-26T14:30:00Z"})));
    for labelled in [
        &cron_job,
        &cron_job["spec"]["jobTemplate"],
        &cron_job["spec"]["jobTemplate"]["spec"]["template"],
    ] {
        assert_eq!(
            labelled["metadata"]["labels"],
            json!({"app.kubernetes.io/managed-by": "windows-vms",
            "vm.windows-vms.io/name": "win2k22-sql", "vm.windows-vms.io/action": "restart"})
        );
    }
}

#[test]
fn the_job_may_restart_this_vm_and_delete_this_schedule_and_nothing_else() {
    let owner = json!({"metadata": {"name": "restart-win2k22-sql", "namespace": "finance-apps", "uid": "cj-uid"}});
    let [account, role, binding] = permissions("win2k22-sql", &owner);
    assert_valid::<k8s_openapi::api::core::v1::ServiceAccount>(&account);
    assert_valid::<k8s_openapi::api::rbac::v1::Role>(&role);
    assert_valid::<k8s_openapi::api::rbac::v1::RoleBinding>(&binding);
    assert_eq!(
        role["rules"],
        json!([
            {"apiGroups": ["subresources.kubevirt.io"], "resources": ["virtualmachines/restart"], "resourceNames": ["win2k22-sql"], "verbs": ["update"]},
            {"apiGroups": ["batch"], "resources": ["cronjobs"], "resourceNames": ["restart-win2k22-sql"], "verbs": ["delete"]}
        ])
    );
    assert_eq!(binding["subjects"][0]["name"], "restart-win2k22-sql");
    for object in [&account, &role, &binding] {
        assert_eq!(object["metadata"]["ownerReferences"][0]["uid"], "cj-uid");
    }
}

#[test]
fn long_names_are_cut_to_what_a_cron_job_allows() {
    let name = schedule_name(&"w".repeat(63));
    assert_eq!(name.len(), 52);
    assert!(schedule_name("a-b").starts_with("restart-a-b"));
}

#[test]
fn a_cron_job_reads_back_as_the_scheduled_restart() {
    let stored: CronJob = serde_json::from_value(cron_job(&vm(), &request())).unwrap();
    let scheduled = ScheduledRestart::from_cron_job(&stored).unwrap();
    assert_eq!(scheduled.vm, "win2k22-sql");
    assert_eq!(scheduled.when, request().when);
    assert_eq!(scheduled.created_by.as_deref(), Some("developer"));
    assert_eq!(scheduled.time_zone.as_deref(), Some("Europe/Berlin"));
    let other: CronJob = serde_json::from_value(json!({"metadata": {"name": "backup"}})).unwrap();
    assert_eq!(ScheduledRestart::from_cron_job(&other), None);
}
