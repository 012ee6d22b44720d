//! `status.printableStatus` of a VirtualMachine: the states KubeVirt names (see its
//! `VirtualMachinePrintableStatus`), and any other kept as written.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Declares the enum and its spelling once.
macro_rules! printable_statuses {
    ($($variant:ident),* $(,)?) => {
        /// A VM's printable status. A status a newer KubeVirt adds is kept in `Other` and
        /// written back unchanged.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum PrintableStatus {
            $($variant,)*
            Other(String),
        }

        impl PrintableStatus {
            /// The status as KubeVirt spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => stringify!($variant),)*
                    Self::Other(status) => status,
                }
            }

            /// Reads a status as KubeVirt spells it.
            pub fn parse(status: &str) -> Self {
                match status {
                    $(stringify!($variant) => Self::$variant,)*
                    other => Self::Other(other.to_owned()),
                }
            }
        }
    };
}

printable_statuses!(
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
);

impl Default for PrintableStatus {
    /// What a VM whose controller has not written a status yet shows.
    fn default() -> Self {
        Self::Unknown
    }
}

impl From<&str> for PrintableStatus {
    fn from(status: &str) -> Self {
        Self::parse(status)
    }
}

impl fmt::Display for PrintableStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for PrintableStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for PrintableStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self::parse(&String::deserialize(deserializer)?))
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
