//! Tests of the scheduled restart objects, checked against Kubernetes' own types.

use super::*;
use chrono::TimeZone;
use serde_json::Value;

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
        sign_out_wait: None,
        snapshot: None,
        tell_in_events: true,
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
    let [account, role, binding] = permissions("win2k22-sql", &owner, &request());
    assert_valid::<k8s_openapi::api::core::v1::ServiceAccount>(&account);
    assert_valid::<k8s_openapi::api::rbac::v1::Role>(&role);
    assert_valid::<k8s_openapi::api::rbac::v1::RoleBinding>(&binding);
    assert_eq!(
        role["rules"],
        json!([
            {"apiGroups": ["subresources.kubevirt.io"], "resources": ["virtualmachines/restart"], "resourceNames": ["win2k22-sql"], "verbs": ["update"]},
            {"apiGroups": ["batch"], "resources": ["cronjobs"], "resourceNames": ["restart-win2k22-sql"], "verbs": ["delete"]},
            {"apiGroups": [""], "resources": ["events"], "verbs": ["create"]}
        ])
    );
    let careful = RestartRequest {
        sign_out_wait: Some(SignOutWait {
            retry_minutes: 10,
            deadline: request().when + Duration::hours(2),
        }),
        snapshot: Some("win2k22-sql-before-20261126-1330".into()),
        ..request()
    };
    let quiet = RestartRequest {
        tell_in_events: false,
        ..request()
    };
    let [_, role, _] = permissions("win2k22-sql", &owner, &quiet);
    assert!(
        !role["rules"].to_string().contains("events"),
        "a user who may not create Events may not grant it either"
    );
    let [_, role, _] = permissions("win2k22-sql", &owner, &careful);
    assert_valid::<k8s_openapi::api::rbac::v1::Role>(&role);
    let extra = &role["rules"].as_array().unwrap()[3..];
    assert_eq!(
        extra,
        [
            json!({"apiGroups": ["subresources.kubevirt.io"], "resources": ["virtualmachineinstances/userlist"], "resourceNames": ["win2k22-sql"], "verbs": ["get"]}),
            json!({"apiGroups": ["snapshot.kubevirt.io"], "resources": ["virtualmachinesnapshots"], "verbs": ["create"]}),
            json!({"apiGroups": ["snapshot.kubevirt.io"], "resources": ["virtualmachinesnapshots"], "resourceNames": ["win2k22-sql-before-20261126-1330"], "verbs": ["get", "list", "watch"]}),
        ],
        "who is signed in to this VM, and this snapshot only"
    );
    assert_eq!(binding["subjects"][0]["name"], "restart-win2k22-sql");
    for object in [&account, &role, &binding] {
        assert_eq!(object["metadata"]["ownerReferences"][0]["uid"], "cj-uid");
    }
}

#[test]
fn schedule_names_fit_a_cron_job_and_are_one_per_vm() {
    assert_eq!(schedule_name("a-b"), "restart-a-b");
    let fits = "w".repeat(44);
    assert_eq!(schedule_name(&fits), format!("restart-{fits}"));
    // Two VMs whose names share their first 44 characters and more.
    let common = format!("{}-", "windows-server-2022-sql-cluster-node-primary");
    let (first, second) = (format!("{common}east"), format!("{common}west"));
    let names = [schedule_name(&first), schedule_name(&second)];
    assert_ne!(names[0], names[1]);
    for (name, vm) in names.iter().zip([&first, &second]) {
        assert!(name.len() <= 52, "{name}");
        assert!(name.starts_with("restart-windows-server-2022"), "{name}");
        assert_eq!(name, &schedule_name(vm), "the same name every time");
        let dns_label = name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !name.ends_with('-');
        assert!(dns_label, "{name}");
    }
    assert!(schedule_name(&"w".repeat(63)).len() <= 52);
}

#[test]
fn only_objects_labelled_for_this_vm_and_owned_by_the_owner_are_ours() {
    let ours = cron_job(&vm(), &request());
    assert!(is_ours(&ours, "win2k22-sql", "vm-uid"));
    assert!(!is_ours(&ours, "win2k22-sql-2", "vm-uid"), "another VM's");
    assert!(
        !is_ours(&ours, "win2k22-sql", "other-uid"),
        "another owner's"
    );
    let stranger = json!({"metadata": {"name": "restart-win2k22-sql", "ownerReferences": [{"uid": "vm-uid"}]}});
    assert!(
        !is_ours(&stranger, "win2k22-sql", "vm-uid"),
        "not labelled by us"
    );
}

#[test]
fn the_job_pod_passes_pod_security_restricted_and_a_resource_quota() {
    let cron_job = cron_job(&vm(), &request());
    let job = &cron_job["spec"]["jobTemplate"]["spec"];
    assert_eq!(job["backoffLimit"], 0, "a retry could restart twice");
    let pod = &job["template"]["spec"];
    assert_eq!(pod["securityContext"]["runAsNonRoot"], true);
    assert_eq!(
        pod["securityContext"]["seccompProfile"]["type"],
        "RuntimeDefault"
    );
    for container in pod["containers"].as_array().unwrap() {
        let security = &container["securityContext"];
        assert_eq!(security["allowPrivilegeEscalation"], false);
        assert_eq!(security["capabilities"]["drop"], json!(["ALL"]));
        assert_eq!(security["runAsNonRoot"], true);
        assert!(
            security.get("privileged").is_none() && security["capabilities"].get("add").is_none()
        );
        for kind in ["requests", "limits"] {
            for resource in ["cpu", "memory"] {
                assert!(
                    container["resources"][kind][resource].is_string(),
                    "{kind}.{resource}"
                );
            }
        }
    }
    for volume in pod["volumes"].as_array().unwrap() {
        assert!(
            volume.get("emptyDir").is_some(),
            "restricted allows no host paths"
        );
    }
    let by_digest = RestartRequest {
        image: "quay.io/openshift/origin-cli@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".into(),
        ..request()
    };
    let pinned = cron_job_of(&by_digest);
    assert_eq!(
        pinned["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]["image"],
        by_digest.image
    );
    assert_valid::<k8s_openapi::api::batch::v1::CronJob>(&pinned);
}

fn cron_job_of(request: &RestartRequest) -> Value {
    cron_job(&vm(), request)
}

#[test]
fn a_careful_schedule_tells_the_job_how_long_to_wait_and_what_to_snapshot() {
    let careful = RestartRequest {
        sign_out_wait: Some(SignOutWait {
            retry_minutes: 15,
            deadline: request().when + Duration::hours(3),
        }),
        snapshot: Some("win2k22-sql-before-20261126-1330".into()),
        ..request()
    };
    let cron_job = cron_job(&vm(), &careful);
    assert_valid::<k8s_openapi::api::batch::v1::CronJob>(&cron_job);
    let job = &cron_job["spec"]["jobTemplate"]["spec"];
    let env = job["template"]["spec"]["containers"][0]["env"]
        .as_array()
        .unwrap();
    for wanted in [
        json!({"name": "DEADLINE", "value": "2026-11-26T16:30:00Z"}),
        json!({"name": "RETRY_MINUTES", "value": "15"}),
        json!({"name": "SNAPSHOT", "value": "win2k22-sql-before-20261126-1330"}),
    ] {
        assert!(env.contains(&wanted), "{wanted}");
    }
    assert_eq!(
        job["activeDeadlineSeconds"],
        3 * 3600 + 1800,
        "it may wait until the deadline, then snapshot and restart"
    );
    let stored: CronJob = serde_json::from_value(cron_job).unwrap();
    let read = ScheduledRestart::from_cron_job(&stored).unwrap();
    assert_eq!(
        read.sign_out_deadline,
        Some(request().when + Duration::hours(3))
    );
    assert_eq!(
        read.snapshot.as_deref(),
        Some("win2k22-sql-before-20261126-1330")
    );
}

#[test]
fn a_cron_job_reads_back_as_the_scheduled_restart() {
    let stored: CronJob = serde_json::from_value(cron_job(&vm(), &request())).unwrap();
    let scheduled = ScheduledRestart::from_cron_job(&stored).unwrap();
    assert_eq!(scheduled.vm, "win2k22-sql");
    assert_eq!(scheduled.when, request().when);
    assert_eq!(scheduled.created_by.as_deref(), Some("developer"));
    assert_eq!(scheduled.time_zone.as_deref(), Some("Europe/Berlin"));
    assert!(!scheduled.failed);
    let mut fired = cron_job(&vm(), &request());
    fired["status"] = json!({"lastScheduleTime": "2026-11-26T13:30:00Z",
        "active": [{"kind": "Job", "name": "restart-win2k22-sql-29400000"}]});
    let running: CronJob = serde_json::from_value(fired.clone()).unwrap();
    assert!(
        !ScheduledRestart::from_cron_job(&running).unwrap().failed,
        "its Job still runs"
    );
    fired["status"]["active"] = json!([]);
    let failed: CronJob = serde_json::from_value(fired).unwrap();
    assert!(
        ScheduledRestart::from_cron_job(&failed).unwrap().failed,
        "fired, no Job running, still there"
    );
    let mut rescheduled = cron_job(&vm(), &request());
    rescheduled["metadata"]["annotations"]["vm.windows-vms.io/scheduled-for"] =
        json!("2026-11-27T13:30:00Z");
    rescheduled["status"] = json!({"lastScheduleTime": "2026-11-26T13:30:00Z", "active": []});
    let rescheduled: CronJob = serde_json::from_value(rescheduled).unwrap();
    assert!(
        !ScheduledRestart::from_cron_job(&rescheduled)
            .unwrap()
            .failed,
        "an earlier firing says nothing of the new time"
    );
    let at = request().when;
    assert!(ScheduledRestart::from_cron_job(&failed)
        .unwrap()
        .did_not_happen(at));
    assert!(
        !scheduled.did_not_happen(at + Duration::minutes(59)),
        "still within its latest start"
    );
    assert!(
        scheduled.did_not_happen(at + Duration::minutes(61)),
        "never fired, and now it cannot"
    );
    let other: CronJob = serde_json::from_value(json!({"metadata": {"name": "backup"}})).unwrap();
    assert_eq!(ScheduledRestart::from_cron_job(&other), None);
}
