//! A CD-ROM added to an existing VM, and the first values the Add dialogs suggest.

use serde::{Deserialize, Serialize};

use super::{DiskBus, NetworkChoice, NicDraft, NicModel};

/// What an added CD-ROM holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CdromSource {
    /// The Windows guest tools (VirtIO drivers and agent), from the cluster's image.
    GuestTools,
    /// An ISO imported from a URL into a new volume.
    Url { url: String },
    /// A copy of an ISO kept in a PVC (for example in the shared OS images namespace).
    Pvc { namespace: String, name: String },
    /// A PVC in the VM's own namespace, attached as it is.
    Existing { name: String },
}

impl CdromSource {
    pub fn label(&self) -> String {
        match self {
            Self::GuestTools => "Windows guest tools".to_owned(),
            Self::Url { url } => format!("URL {url}"),
            Self::Pvc { namespace, name } => format!("PVC {namespace}/{name}"),
            Self::Existing { name } => format!("Existing PVC {name}"),
        }
    }
}

/// A CD-ROM to add. Its bus is always SATA: Windows reads SATA CD-ROMs without extra drivers,
/// and KubeVirt refuses VirtIO for CD-ROMs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CdromDraft {
    pub name: String,
    pub source: CdromSource,
}

/// Bus for a new disk: SATA for Windows, which has no VirtIO driver until the guest tools.
pub fn default_disk_bus(windows: bool) -> DiskBus {
    if windows {
        DiskBus::Sata
    } else {
        DiskBus::Virtio
    }
}

/// Model for a new NIC, for the same reason.
pub fn default_nic_model(windows: bool) -> NicModel {
    if windows {
        NicModel::E1000e
    } else {
        NicModel::Virtio
    }
}

/// The first `prefix-N`, N counting up from `from`, that is not in `taken`.
pub fn next_free_name(prefix: &str, from: usize, taken: &[String]) -> String {
    (from..)
        .map(|n| format!("{prefix}-{n}"))
        .find(|name| !taken.contains(name))
        .unwrap_or_else(|| prefix.to_owned())
}

/// The NIC an Add dialog suggests beside `others`: `nic-N` after the NICs there are, on the pod
/// network if no NIC uses it yet (else the first secondary network), with `model`.
pub fn suggested_nic(others: &[NicDraft], attachments: &[String], model: NicModel) -> NicDraft {
    let taken: Vec<String> = others.iter().map(|n| n.name.clone()).collect();
    let pod_free = !others.iter().any(|n| n.network == NetworkChoice::Pod);
    NicDraft {
        name: next_free_name("nic", others.len() + 1, &taken),
        network: match (pod_free, attachments.first()) {
            (false, Some(attachment)) => NetworkChoice::Multus {
                attachment: attachment.clone(),
            },
            _ => NetworkChoice::Pod,
        },
        model,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_suggested_name_skips_those_taken() {
        assert_eq!(next_free_name("disk", 1, &[]), "disk-1");
        let taken = vec!["disk-1".to_owned(), "disk-3".to_owned()];
        assert_eq!(next_free_name("disk", 1, &taken), "disk-2");
        assert_eq!(next_free_name("disk", 3, &taken), "disk-4");
    }

    #[test]
    fn a_suggested_nic_takes_the_pod_network_only_when_it_is_free() {
        let first = NicDraft::pod_network(NicModel::E1000e);
        let lab = vec!["lab-bridge".to_owned()];
        let second = suggested_nic(std::slice::from_ref(&first), &lab, NicModel::E1000e);
        assert_eq!(second.name, "nic-2");
        assert_eq!(
            second.network,
            NetworkChoice::Multus {
                attachment: "lab-bridge".into()
            }
        );
        assert_eq!(
            suggested_nic(&[], &lab, NicModel::Virtio).network,
            NetworkChoice::Pod
        );
    }

    #[test]
    fn windows_devices_start_on_what_windows_reads_without_drivers() {
        assert_eq!(default_disk_bus(true), DiskBus::Sata);
        assert_eq!(default_nic_model(true), NicModel::E1000e);
        assert_eq!(default_disk_bus(false), DiskBus::Virtio);
        assert_eq!(default_nic_model(false), NicModel::Virtio);
    }
}
