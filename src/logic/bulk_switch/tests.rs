//! Tests of the bulk switch's plans: what changes, what is skipped and why.

use chrono::TimeZone;
use serde_json::json;

use super::*;

fn vm(preference: &str, disk_bus: &str, nic_model: &str) -> VmObject {
    serde_json::from_value(json!({
        "metadata": {"name": "vm", "namespace": "ns"},
        "spec": {"preference": {"name": preference},
            "template": {"spec": {"domain": {"devices": {
                "disks": [
                    {"name": "rootdisk", "bootOrder": 1, "disk": {"bus": disk_bus}},
                    {"name": "windows-drivers-disk", "cdrom": {"bus": "sata"}}
                ],
                "interfaces": [{"name": "default", "masquerade": {}, "model": nic_model}]
            }}}}}
    }))
    .unwrap()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 23, 0, 0).unwrap()
}

#[test]
fn a_windows_vm_with_its_agent_switches_its_disks_and_nics_but_not_its_cdroms() {
    let BulkPlan::Switch { ops, changes } = plan(
        &vm("windows.2k22", "sata", "e1000e"),
        true,
        DiskBus::Scsi,
        now(),
    ) else {
        panic!("it switches");
    };
    assert_eq!(
        changes,
        ["rootdisk: SATA → VirtIO-SCSI", "default: e1000e → VirtIO"]
    );
    let text = ops.to_string();
    assert!(text.contains(r#""op":"test""#), "guarded: {text}");
    assert!(
        !text.contains("windows-drivers-disk"),
        "the CD-ROM stays: {text}"
    );
}

#[test]
fn vms_that_cannot_or_need_not_switch_are_skipped_with_the_reason() {
    assert_eq!(
        plan(
            &vm("fedora", "sata", "e1000e"),
            true,
            DiskBus::Virtio,
            now()
        ),
        BulkPlan::Skip(SkipReason::NotWindows)
    );
    assert_eq!(
        plan(
            &vm("windows.11", "sata", "e1000e"),
            false,
            DiskBus::Virtio,
            now()
        ),
        BulkPlan::Skip(SkipReason::AgentNotConnected)
    );
    assert_eq!(
        plan(
            &vm("windows.11", "virtio", "virtio"),
            true,
            DiskBus::Virtio,
            now()
        ),
        BulkPlan::Skip(SkipReason::AlreadySwitched)
    );
    let plans = [
        plan(
            &vm("windows.11", "sata", "virtio"),
            true,
            DiskBus::Virtio,
            now(),
        ),
        plan(
            &vm("fedora", "sata", "e1000e"),
            true,
            DiskBus::Virtio,
            now(),
        ),
    ];
    assert_eq!(counts(&plans), (1, 1));
}

#[test]
fn only_refusals_are_retried() {
    assert!(BulkOutcome::Refused("503".into()).retryable());
    assert!(
        !BulkOutcome::ChangedMeanwhile.retryable(),
        "never applied twice"
    );
    assert!(!BulkOutcome::SavedNotRestarted("409".into()).retryable());
    assert!(!BulkOutcome::Done.failed());
}

#[test]
fn a_bulk_action_says_how_many_went_through_and_names_the_first_refusals() {
    let results: Vec<(String, Result<(), String>)> = vec![
        ("a/one".into(), Ok(())),
        ("a/two".into(), Err("VM is not running".into())),
        ("a/three".into(), Ok(())),
    ];
    assert_eq!(
        action_summary("Restart", &results),
        "Restart: 2 of 3 done. Refused: a/two: VM is not running."
    );
    let many: Vec<(String, Result<(), String>)> = (0..5)
        .map(|i| (format!("a/vm{i}"), Err("403".into())))
        .collect();
    assert!(action_summary("Stop", &many).ends_with("a/vm2: 403; and 2 more."));
}
