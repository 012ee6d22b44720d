//! `status.printableStatus` of a VirtualMachine: the states KubeVirt names (see its
//! `VirtualMachinePrintableStatus`), and any other kept as written.

use super::open_enum::open_enum;

open_enum!(
    /// A VM's printable status. A status a newer KubeVirt adds is kept in `Other` and written
    /// back unchanged.
    PrintableStatus {
        Stopped,
        Provisioning,
        Starting,
        Running,
        Paused,
        Stopping,
        Terminating,
        CrashLoopBackOff,
        Migrating,
        Unknown,
        ErrorUnschedulable,
        ErrImagePull,
        ImagePullBackOff,
        ErrorPvcNotFound,
        DataVolumeError,
        WaitingForVolumeBinding,
        WaitingForReceiver,
    }
);

impl Default for PrintableStatus {
    /// What a VM whose controller has not written a status yet shows.
    fn default() -> Self {
        Self::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubevirt_statuses_read_as_variants() {
        let status: PrintableStatus = serde_json::from_str("\"ErrorUnschedulable\"").unwrap();
        assert_eq!(status, PrintableStatus::ErrorUnschedulable);
        assert_eq!(PrintableStatus::parse("Running"), PrintableStatus::Running);
        assert_eq!(
            serde_json::to_string(&PrintableStatus::Running).unwrap(),
            "\"Running\""
        );
    }

    #[test]
    fn an_unknown_status_survives_a_round_trip() {
        let status: PrintableStatus = serde_json::from_str("\"Hibernating\"").unwrap();
        assert_eq!(status, PrintableStatus::Other("Hibernating".into()));
        assert_eq!(serde_json::to_string(&status).unwrap(), "\"Hibernating\"");
        assert_eq!(status.to_string(), "Hibernating");
        // Case matters, as in KubeVirt.
        assert_eq!(
            PrintableStatus::parse("running"),
            PrintableStatus::Other("running".into())
        );
    }
}
