//! How a VM's `status.printableStatus` is presented: its kind (icon and colour) and a plain
//! explanation for the states that need one.

/// The kind of state a printable status is in; decides the icon and colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusKind {
    Running,
    Stopped,
    Paused,
    InProgress,
    Error,
    Unknown,
}

impl StatusKind {
    /// The CSS modifier class for this kind.
    pub fn as_class(self) -> &'static str {
        match self {
            Self::Running => "wvm-status--running",
            Self::Stopped => "wvm-status--stopped",
            Self::Paused => "wvm-status--paused",
            Self::InProgress => "wvm-status--progress",
            Self::Error => "wvm-status--error",
            Self::Unknown => "wvm-status--unknown",
        }
    }
}

/// The status shown for a VM whose controller has not written one yet.
pub const UNKNOWN_STATUS: &str = "Unknown";

/// Classifies a KubeVirt printable status (see KubeVirt's `setPrintableStatus`).
pub fn status_kind(printable: &str) -> StatusKind {
    match printable {
        "Running" => StatusKind::Running,
        "Stopped" => StatusKind::Stopped,
        "Paused" => StatusKind::Paused,
        "Starting"
        | "Stopping"
        | "Terminating"
        | "Migrating"
        | "Provisioning"
        | "WaitingForVolumeBinding"
        | "WaitingForReceiver" => StatusKind::InProgress,
        "ErrorUnschedulable" | "ErrorPvcNotFound" | "DataVolumeError" | "ErrImagePull"
        | "ImagePullBackOff" | "CrashLoopBackOff" => StatusKind::Error,
        _ => StatusKind::Unknown,
    }
}

/// A sentence explaining a status that is not self-evident, for a tooltip or popover.
pub fn status_explanation(printable: &str) -> Option<&'static str> {
    Some(match printable {
        "ErrorUnschedulable" => {
            "No node can run this VM with the CPU, memory or devices it asks for."
        }
        "ErrorPvcNotFound" => {
            "A disk of this VM refers to a PersistentVolumeClaim that does not exist."
        }
        "DataVolumeError" => "Importing or cloning one of this VM's disks failed.",
        "ErrImagePull" | "ImagePullBackOff" => {
            "A container disk image of this VM could not be pulled."
        }
        "CrashLoopBackOff" => "The VM keeps failing shortly after it starts.",
        "Provisioning" => "The VM's disks are being prepared.",
        "WaitingForVolumeBinding" => "The VM waits for its disks to be bound to storage.",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kubevirt_printable_status_has_a_kind() {
        let cases = [
            ("Running", StatusKind::Running),
            ("Stopped", StatusKind::Stopped),
            ("Paused", StatusKind::Paused),
            ("Starting", StatusKind::InProgress),
            ("Provisioning", StatusKind::InProgress),
            ("Terminating", StatusKind::InProgress),
            ("ErrorUnschedulable", StatusKind::Error),
            ("DataVolumeError", StatusKind::Error),
            ("CrashLoopBackOff", StatusKind::Error),
            ("Unknown", StatusKind::Unknown),
            ("SomethingNew", StatusKind::Unknown),
        ];
        for (status, kind) in cases {
            assert_eq!(status_kind(status), kind, "{status}");
        }
    }

    #[test]
    fn every_error_status_is_explained() {
        for status in [
            "ErrorUnschedulable",
            "ErrorPvcNotFound",
            "DataVolumeError",
            "ErrImagePull",
            "CrashLoopBackOff",
        ] {
            assert_eq!(status_kind(status), StatusKind::Error);
            assert!(status_explanation(status).is_some(), "{status}");
        }
        assert_eq!(status_explanation("Running"), None);
    }
}
