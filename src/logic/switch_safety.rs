//! After a switch: does Windows look like it failed to boot? A VM whose interfaces were
//! switched (the previous ones are recorded on it) and whose guest agent has not connected a
//! while after its instance started is suspect: Windows without the VirtIO storage driver
//! cannot boot from a VirtIO disk, and then only reverting the switch helps.

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

use super::interface_switch::previous_interfaces;
use crate::model::VirtualMachineInstance;

/// How long a booting Windows guest may take to start its agent before the page worries.
pub const DEFAULT_AGENT_TIMEOUT_SECONDS: u32 = 300;

/// Whether to offer reverting the switch: the VM (`vm`, as stored) carries a recorded switch,
/// its instance started after the switch and has run for longer than `timeout`, and the agent
/// has not connected.
pub fn boot_failure_suspected(
    vm: &Value,
    vmi: Option<&VirtualMachineInstance>,
    now: DateTime<Utc>,
    timeout: Duration,
) -> bool {
    let Some(vmi) = vmi else {
        return false;
    };
    let Some(previous) = previous_interfaces(vm) else {
        return false;
    };
    if !vmi.running() || vmi.agent_connected() {
        return false;
    }
    // Only an instance started after the switch runs the new interfaces.
    vmi.metadata.creation_timestamp.is_some_and(|started| {
        previous
            .switched_at
            .is_none_or(|switched| started >= switched)
            && now - started > timeout
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn switched_vm() -> Value {
        json!({"metadata": {"annotations": {"vm.windows-vms.io/previous-interfaces":
            "{\"disks\":{\"rootdisk\":\"sata\"},\"switchedAt\":\"2026-11-25T09:59:00Z\"}"}}})
    }

    fn vmi(started: &str, agent: bool) -> VirtualMachineInstance {
        let mut conditions = vec![json!({"type": "Ready", "status": "True"})];
        if agent {
            conditions.push(json!({"type": "AgentConnected", "status": "True"}));
        }
        serde_json::from_value(json!({
            "metadata": {"name": "w", "creationTimestamp": started},
            "status": {"phase": "Running", "conditions": conditions}
        }))
        .unwrap()
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_switched_vm_without_its_agent_after_the_timeout_is_suspect() {
        let timeout = Duration::minutes(5);
        let started = "2026-11-25T10:00:00Z";
        let instance = vmi(started, false);
        assert!(
            !boot_failure_suspected(
                &switched_vm(),
                Some(&instance),
                at("2026-11-25T10:04:00Z"),
                timeout
            ),
            "still booting"
        );
        assert!(boot_failure_suspected(
            &switched_vm(),
            Some(&instance),
            at("2026-11-25T10:06:00Z"),
            timeout
        ));
    }

    #[test]
    fn an_agent_an_unswitched_vm_or_no_instance_is_not() {
        let timeout = Duration::minutes(5);
        let late = at("2026-11-25T11:00:00Z");
        let started = "2026-11-25T10:00:00Z";
        assert!(!boot_failure_suspected(
            &switched_vm(),
            Some(&vmi(started, true)),
            late,
            timeout
        ));
        assert!(!boot_failure_suspected(
            &json!({"metadata": {}}),
            Some(&vmi(started, false)),
            late,
            timeout
        ));
        assert!(!boot_failure_suspected(&switched_vm(), None, late, timeout));
        let before_the_switch = vmi("2026-11-25T09:00:00Z", false);
        assert!(
            !boot_failure_suspected(&switched_vm(), Some(&before_the_switch), late, timeout),
            "the instance running when the switch was saved still has the old interfaces"
        );
    }
}
