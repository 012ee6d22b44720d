//! Tests of snapshot names, records and how snapshots and restores read back.

use chrono::TimeZone;

use super::*;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 22, 5, 9).unwrap()
}

fn snapshot(value: Value) -> VirtualMachineSnapshot {
    serde_json::from_value(value).unwrap()
}

#[test]
fn names_carry_the_time_and_fit_in_63_characters() {
    assert_eq!(
        timed_name("win11-dev-01", "before-switch", at()),
        "win11-dev-01-before-switch-20261129-220509"
    );
    let long = timed_name(&"w".repeat(63), "restore", at());
    assert_eq!(long.len(), 63);
    assert!(long.ends_with("-restore-20261129-220509"));
}

#[test]
fn a_switch_records_its_snapshot_and_a_restore_forgets_the_switch() {
    let mut vm = json!({"metadata": {"annotations": {}}});
    let op = record_snapshot_op("win-before-switch-20261129-220509");
    assert_eq!(
        op["path"],
        "/metadata/annotations/vm.windows-vms.io~1switch-snapshot"
    );
    vm["metadata"]["annotations"][SWITCH_SNAPSHOT_ANNOTATION] = op["value"].clone();
    assert_eq!(
        switch_snapshot(&vm).as_deref(),
        Some("win-before-switch-20261129-220509")
    );
    assert_eq!(switch_snapshot(&json!({})), None);
    let forget = forget_switch_patch();
    assert!(forget["metadata"]["annotations"][PREVIOUS_INTERFACES_ANNOTATION].is_null());
    assert!(forget["metadata"]["annotations"]
        .as_object()
        .unwrap()
        .contains_key(SWITCH_SNAPSHOT_ANNOTATION));
}

#[test]
fn snapshots_read_back_newest_first_with_state_and_size() {
    let snapshots = vec![
        snapshot(json!({"metadata": {"name": "old"},
            "spec": {"source": {"kind": "VirtualMachine", "name": "win"}},
            "status": {"readyToUse": true, "creationTime": "2026-11-28T10:00:00Z",
                       "virtualMachineSnapshotContentName": "content-old"}})),
        snapshot(json!({"metadata": {"name": "new"},
            "spec": {"source": {"kind": "VirtualMachine", "name": "win"}},
            "status": {"phase": "InProgress", "readyToUse": false, "creationTime": "2026-11-29T10:00:00Z"}})),
        snapshot(json!({"metadata": {"name": "broken"},
            "spec": {"source": {"kind": "VirtualMachine", "name": "win"}},
            "status": {"phase": "Failed", "error": {"message": "volume snapshot class missing"}}})),
        snapshot(json!({"metadata": {"name": "other-vm"},
            "spec": {"source": {"kind": "VirtualMachine", "name": "other"}}})),
    ];
    let content: VirtualMachineSnapshotContent = serde_json::from_value(json!({
        "metadata": {"name": "content-old"},
        "spec": {"volumeBackups": [
            {"volumeName": "root", "persistentVolumeClaim": {"spec": {"resources": {"requests": {"storage": "64Gi"}}}}},
            {"volumeName": "data", "persistentVolumeClaim": {"spec": {"resources": {"requests": {"storage": "512Mi"}}}}}
        ]}
    }))
    .unwrap();
    let rows = snapshot_rows("win", &snapshots, &[content]);
    let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        ["new", "old", "broken"],
        "newest first, undated last"
    );
    assert_eq!(rows[0].state, SnapshotState::InProgress);
    assert_eq!(rows[1].state, SnapshotState::Ready);
    assert_eq!(rows[1].size_mib, Some(64 * 1024 + 512));
    assert_eq!(size_label(64 * 1024 + 512), "64.5 GiB");
    assert_eq!(size_label(64 * 1024), "64 GiB");
    assert_eq!(
        rows[2].state.label(),
        "Failed: volume snapshot class missing"
    );
}

#[test]
fn a_restore_is_in_progress_until_complete_even_while_held_up() {
    let restore = |status: Value| -> VirtualMachineRestore {
        serde_json::from_value(json!({"metadata": {"name": "r"}, "status": status})).unwrap()
    };
    assert_eq!(
        RestoreState::of(&restore(json!({"complete": true}))),
        RestoreState::Complete
    );
    assert_eq!(
        RestoreState::of(&restore(json!({"conditions": [
            {"type": "Progressing", "status": "False", "reason": "Waiting for target to be ready"}]}))),
        RestoreState::InProgress,
        "KubeVirt retries"
    );
}

#[test]
fn a_snapshot_error_is_final_only_once_the_phase_says_failed() {
    let retried = snapshot(json!({"metadata": {"name": "s"},
        "status": {"phase": "InProgress", "error": {"message": "conflict, retrying"}}}));
    assert_eq!(SnapshotState::of(&retried), SnapshotState::InProgress);
}
