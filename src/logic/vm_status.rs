//! How a VM's `status.printableStatus` is presented: its kind (icon and colour) and a plain
//! explanation for the states that need one.

use crate::model::PrintableStatus;

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

/// Classifies a KubeVirt printable status (see KubeVirt's `setPrintableStatus`).
pub fn kind_of(status: &PrintableStatus) -> StatusKind {
    use PrintableStatus as S;
    match status {
        S::Running => StatusKind::Running,
        S::Stopped => StatusKind::Stopped,
        S::Paused => StatusKind::Paused,
        S::Starting
        | S::Stopping
        | S::Terminating
        | S::Migrating
        | S::Provisioning
        | S::WaitingForVolumeBinding
        | S::WaitingForReceiver => StatusKind::InProgress,
        S::ErrorUnschedulable
        | S::ErrorPvcNotFound
        | S::DataVolumeError
        | S::ErrImagePull
        | S::ImagePullBackOff
        | S::CrashLoopBackOff => StatusKind::Error,
        S::Unknown | S::Other(_) => StatusKind::Unknown,
    }
}

/// A sentence explaining a status that is not self-evident, for a tooltip or popover.
pub fn explanation_of(status: &PrintableStatus) -> Option<&'static str> {
    use PrintableStatus as S;
    Some(match status {
        S::ErrorUnschedulable => {
            "No node can run this VM with the CPU, memory or devices it asks for."
        }
        S::ErrorPvcNotFound => {
            "A disk of this VM refers to a PersistentVolumeClaim that does not exist."
        }
        S::DataVolumeError => "Importing or cloning one of this VM's disks failed.",
        S::ErrImagePull | S::ImagePullBackOff => {
            "A container disk image of this VM could not be pulled."
        }
        S::CrashLoopBackOff => "The VM keeps failing shortly after it starts.",
        S::Provisioning => "The VM's disks are being prepared.",
        S::WaitingForVolumeBinding => "The VM waits for its disks to be bound to storage.",
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
            assert_eq!(kind_of(&PrintableStatus::parse(status)), kind, "{status}");
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
            let status = PrintableStatus::parse(status);
            assert_eq!(kind_of(&status), StatusKind::Error);
            assert!(explanation_of(&status).is_some(), "{status}");
        }
        assert_eq!(explanation_of(&PrintableStatus::Running), None);
    }
}
