//! The NICs and extra disks of a draft, as the Networking and Storage steps edit them.

use serde::{Deserialize, Serialize};

// The API's vocabulary, named here too: the wizard's code imports it from the draft.
pub use crate::model::devices::{DiskBus, NicModel};

/// Which network a NIC joins.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NetworkChoice {
    /// The pod network, through masquerade (the VM sits beside the namespace's pods).
    Pod,
    /// A secondary network: a NetworkAttachmentDefinition in the VM's namespace.
    Multus { attachment: String },
}

impl NetworkChoice {
    pub fn label(&self) -> String {
        match self {
            Self::Pod => "Pod network".to_owned(),
            Self::Multus { attachment } => attachment.clone(),
        }
    }
}

/// A NIC of the draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NicDraft {
    pub name: String,
    pub network: NetworkChoice,
    pub model: NicModel,
}

impl NicDraft {
    /// The NIC every new VM starts with.
    pub fn pod_network(model: NicModel) -> Self {
        Self {
            name: "default".to_owned(),
            network: NetworkChoice::Pod,
            model,
        }
    }
}

/// What an added disk holds at first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DiskSource {
    Blank,
    /// An image imported from a URL.
    Url {
        url: String,
    },
    /// A clone of a PVC.
    Pvc {
        namespace: String,
        name: String,
    },
    /// A clone of what a DataSource points at.
    DataSource {
        namespace: String,
        name: String,
    },
    /// A PVC in the VM's own namespace, attached as it is (its data is used, not copied).
    Existing {
        name: String,
    },
}

impl DiskSource {
    pub fn label(&self) -> String {
        match self {
            Self::Blank => "Blank".to_owned(),
            Self::Url { url } => format!("URL {url}"),
            Self::Pvc { namespace, name } => format!("PVC {namespace}/{name}"),
            Self::DataSource { namespace, name } => format!("DataSource {namespace}/{name}"),
            Self::Existing { name } => format!("Existing PVC {name}"),
        }
    }
}

/// A disk added in the Storage step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiskDraft {
    pub name: String,
    pub source: DiskSource,
    pub size_gib: u32,
    pub bus: DiskBus,
}
