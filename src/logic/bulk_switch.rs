//! Switching many Windows VMs to VirtIO at once: for each VM, what changes or why it is
//! skipped, the guarded patch that applies it, and how each one ended. The patches are the
//! single dialog's (`interface_switch::switch_patch`), so a VM changed since it was read is
//! refused by its own `test` operations and nothing is ever applied twice.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::interface_switch::{disk_choices, nic_choices, switch_patch};
use super::os::vm_os;
use crate::model::{DiskBus, Reported, VmObject};

/// Why a VM is left as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkipReason {
    NotWindows,
    /// Not running, or its guest agent is not connected: nobody can tell whether Windows has
    /// the VirtIO drivers, and a boot disk on VirtIO without them does not boot.
    AgentNotConnected,
    /// Nothing left on SATA or e1000e.
    AlreadySwitched,
}

impl SkipReason {
    pub fn label(self) -> &'static str {
        match self {
            Self::NotWindows => "Skipped: not Windows",
            Self::AgentNotConnected => {
                "Skipped: its guest agent is not connected, so the VirtIO drivers may be missing and the boot disk would be unsafe"
            }
            Self::AlreadySwitched => "Skipped: already on VirtIO",
        }
    }
}

/// What the bulk switch does to one VM.
#[derive(Clone, Debug, PartialEq)]
pub enum BulkPlan {
    /// Applies `ops`; `changes` says what in words ("rootdisk: SATA → VirtIO").
    Switch {
        ops: Value,
        changes: Vec<String>,
    },
    Skip(SkipReason),
}

/// The plan for `vm` as read (`raw` is the object with every field), with `disk_bus` for the
/// disks still on SATA and VirtIO for the NICs still emulated.
pub fn plan(
    vm: &VmObject,
    agent_connected: bool,
    disk_bus: DiskBus,
    now: DateTime<Utc>,
) -> BulkPlan {
    if !vm_os(&vm.vm).is_some_and(|os| os.is_windows()) {
        return BulkPlan::Skip(SkipReason::NotWindows);
    }
    if !agent_connected {
        return BulkPlan::Skip(SkipReason::AgentNotConnected);
    }
    let devices = &vm.vm.spec.template.spec.domain.devices;
    let mut disks = disk_choices(&devices.disks, true);
    for disk in disks.iter_mut().filter(|d| d.chosen != d.current) {
        disk.chosen = Reported::Known(disk_bus);
    }
    let nics = nic_choices(&devices.interfaces, true);
    let changes: Vec<String> = disks
        .iter()
        .filter(|d| d.changed())
        .map(|d| format!("{}: {} → {}", d.name, d.current.label(), d.chosen.label()))
        .chain(
            nics.iter()
                .filter(|n| n.changed())
                .map(|n| format!("{}: {} → {}", n.name, n.current.label(), n.chosen.label())),
        )
        .collect();
    match switch_patch(&vm.raw, &disks, &nics, now) {
        Ok(ops) => BulkPlan::Switch { ops, changes },
        Err(_) => BulkPlan::Skip(SkipReason::AlreadySwitched),
    }
}

/// How applying ended for one VM.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BulkOutcome {
    Done,
    /// Saved, but the restart asked for failed: the switch applies at the next restart.
    SavedNotRestarted(String),
    /// The VM changed since it was read: nothing was applied.
    ChangedMeanwhile,
    /// Refused, with the reason in plain words: nothing was applied.
    Refused(String),
}

impl BulkOutcome {
    pub fn label(&self) -> String {
        match self {
            Self::Done => "Done".to_owned(),
            Self::SavedNotRestarted(why) => {
                format!("Saved, but not restarted ({why}): it applies at the next restart")
            }
            Self::ChangedMeanwhile => {
                "Not applied: the VM changed since it was read. Open the list again to switch it"
                    .to_owned()
            }
            Self::Refused(why) => format!("Not applied: {why}"),
        }
    }

    /// Whether trying again may help (a refusal; never one that was saved or changed).
    pub fn retryable(&self) -> bool {
        matches!(self, Self::Refused(_))
    }

    pub fn failed(&self) -> bool {
        !matches!(self, Self::Done)
    }
}

/// How many of `plans` switch, and how many are skipped.
pub fn counts<'a>(plans: impl IntoIterator<Item = &'a BulkPlan>) -> (usize, usize) {
    plans
        .into_iter()
        .fold((0, 0), |(switch, skip), plan| match plan {
            BulkPlan::Switch { .. } => (switch + 1, skip),
            BulkPlan::Skip(_) => (switch, skip + 1),
        })
}

/// What a bulk start, stop or restart did, in one line: how many went through and, for the
/// others, which and why (the first few).
pub fn action_summary(action: &str, results: &[(String, Result<(), String>)]) -> String {
    const NAMED: usize = 3;
    let done = results.iter().filter(|(_, r)| r.is_ok()).count();
    let refused: Vec<String> = results
        .iter()
        .filter_map(|(vm, r)| r.as_ref().err().map(|why| format!("{vm}: {why}")))
        .collect();
    let mut line = format!("{action}: {done} of {} done.", results.len());
    if !refused.is_empty() {
        line.push_str(&format!(
            " Refused: {}",
            refused[..refused.len().min(NAMED)].join("; ")
        ));
        if refused.len() > NAMED {
            line.push_str(&format!("; and {} more", refused.len() - NAMED));
        }
        line.push('.');
    }
    line
}

#[cfg(test)]
mod tests;
