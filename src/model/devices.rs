//! The API's vocabulary for virtual hardware: disk buses and NIC models, with the one label
//! every page (wizard dialogs, VM page, switch dialog) shows for each.

use serde::{Deserialize, Serialize};

use super::reported::Vocabulary;

/// Bus of a disk (`disks[].disk.bus`). Serde names (for a draft kept in session storage) are
/// the variant names; `Reported<DiskBus>` reads and writes the API's spelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DiskBus {
    Sata,
    Virtio,
    Scsi,
}

impl DiskBus {
    /// The buses the app offers.
    pub const ALL: [DiskBus; 3] = [Self::Sata, Self::Virtio, Self::Scsi];

    /// The value KubeVirt takes (`disk.bus`).
    pub fn api_value(self) -> &'static str {
        match self {
            Self::Sata => "sata",
            Self::Virtio => "virtio",
            Self::Scsi => "scsi",
        }
    }

    pub fn from_api_value(value: &str) -> Option<DiskBus> {
        Self::ALL.into_iter().find(|b| b.api_value() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Sata => "SATA",
            Self::Virtio => "VirtIO",
            Self::Scsi => "VirtIO-SCSI",
        }
    }

    /// Whether Windows needs the guest tools' drivers to see a disk on this bus.
    pub fn needs_windows_drivers(self) -> bool {
        self != Self::Sata
    }
}

impl Vocabulary for DiskBus {
    const KNOWN: &'static [Self] = &Self::ALL;

    fn api_value(self) -> &'static str {
        DiskBus::api_value(self)
    }

    fn label(self) -> &'static str {
        DiskBus::label(self)
    }

    /// KubeVirt has buses the app does not offer; USB reads as its own name.
    fn unknown_label(value: &str) -> String {
        match value {
            "usb" => "USB".to_owned(),
            other => other.to_owned(),
        }
    }
}

/// Model of a NIC (`interfaces[].model`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NicModel {
    E1000e,
    Virtio,
    E1000,
    Rtl8139,
}

impl NicModel {
    /// The models the app offers.
    pub const ALL: [NicModel; 4] = [Self::E1000e, Self::Virtio, Self::E1000, Self::Rtl8139];

    /// The value KubeVirt takes (`interfaces[].model`).
    pub fn api_value(self) -> &'static str {
        match self {
            Self::E1000e => "e1000e",
            Self::Virtio => "virtio",
            Self::E1000 => "e1000",
            Self::Rtl8139 => "rtl8139",
        }
    }

    pub fn from_api_value(value: &str) -> Option<NicModel> {
        Self::ALL.into_iter().find(|m| m.api_value() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::E1000e => "e1000e",
            Self::Virtio => "VirtIO",
            Self::E1000 => "e1000",
            Self::Rtl8139 => "rtl8139",
        }
    }

    /// Whether Windows needs the guest tools' drivers to use a NIC of this model.
    pub fn needs_windows_drivers(self) -> bool {
        self == Self::Virtio
    }

    /// The emulated Intel models Windows runs without drivers, slowly: the ones worth
    /// switching to VirtIO.
    pub fn is_emulated_intel(self) -> bool {
        matches!(self, Self::E1000 | Self::E1000e)
    }
}

impl Vocabulary for NicModel {
    const KNOWN: &'static [Self] = &Self::ALL;

    fn api_value(self) -> &'static str {
        NicModel::api_value(self)
    }

    fn label(self) -> &'static str {
        NicModel::label(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_values_read_back() {
        for bus in DiskBus::ALL {
            assert_eq!(DiskBus::from_api_value(bus.api_value()), Some(bus));
        }
        for model in NicModel::ALL {
            assert_eq!(NicModel::from_api_value(model.api_value()), Some(model));
        }
        assert_eq!(DiskBus::from_api_value("usb"), None);
    }

    #[test]
    fn drivers_are_needed_for_virtio_only() {
        assert!(!DiskBus::Sata.needs_windows_drivers());
        assert!(DiskBus::Scsi.needs_windows_drivers());
        assert!(NicModel::Virtio.needs_windows_drivers());
        assert!(!NicModel::E1000e.needs_windows_drivers());
        assert!(NicModel::E1000.is_emulated_intel());
        assert!(!NicModel::Rtl8139.is_emulated_intel());
    }
}
