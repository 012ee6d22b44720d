//! Values the API reports from a fixed vocabulary (a disk bus, a NIC model): the ones the app
//! knows as enums, and any other kept as the API spelled it, so that reading an object and
//! writing it back never loses a value a newer KubeVirt added.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A closed set of values the API takes, each with the word the app shows for it.
pub trait Vocabulary: Copy + PartialEq + fmt::Debug + 'static {
    /// Every value the app knows.
    const KNOWN: &'static [Self];

    /// How the API spells it.
    fn api_value(self) -> &'static str;

    /// How every page names it.
    fn label(self) -> &'static str;

    /// How a page names a value the app does not know: as the API spells it, unless a type
    /// knows better.
    fn unknown_label(value: &str) -> String {
        value.to_owned()
    }

    /// The known value the API spells so.
    fn from_api_value(value: &str) -> Option<Self> {
        Self::KNOWN.iter().copied().find(|v| v.api_value() == value)
    }
}

/// A value as the API reported it: one the app knows, or any other, kept as spelled.
/// Serialized, it is written back exactly as it was read.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Reported<T> {
    Known(T),
    Unknown(String),
}

impl<T: Vocabulary> Reported<T> {
    /// Reads a value as the API spells it.
    pub fn parse(value: &str) -> Self {
        T::from_api_value(value).map_or_else(|| Self::Unknown(value.to_owned()), Self::Known)
    }

    /// The value as the API spells it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Known(value) => value.api_value(),
            Self::Unknown(value) => value,
        }
    }

    /// The known value, if it is one.
    pub fn known(&self) -> Option<T> {
        match self {
            Self::Known(value) => Some(*value),
            Self::Unknown(_) => None,
        }
    }

    /// Whether this is `value`.
    pub fn is(&self, value: T) -> bool {
        self.known() == Some(value)
    }

    /// How every page names it.
    pub fn label(&self) -> String {
        match self {
            Self::Known(value) => value.label().to_owned(),
            Self::Unknown(value) => T::unknown_label(value),
        }
    }
}

impl<T> From<T> for Reported<T> {
    fn from(value: T) -> Self {
        Self::Known(value)
    }
}

impl<T: Vocabulary> From<&str> for Reported<T> {
    fn from(value: &str) -> Self {
        Self::parse(value)
    }
}

/// Compares with a value as the API spells it.
impl<T: Vocabulary> PartialEq<&str> for Reported<T> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl<T: Vocabulary> fmt::Display for Reported<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<T: Vocabulary> Serialize for Reported<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de, T: Vocabulary> Deserialize<'de> for Reported<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        Ok(Self::parse(&value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DiskBus, NicModel};

    #[test]
    fn known_values_read_as_enums() {
        let bus: Reported<DiskBus> = serde_json::from_str("\"scsi\"").unwrap();
        assert_eq!(bus, Reported::Known(DiskBus::Scsi));
        assert_eq!(bus.label(), "VirtIO-SCSI");
        let model: Reported<NicModel> = serde_json::from_str("\"e1000e\"").unwrap();
        assert!(model.is(NicModel::E1000e));
    }

    #[test]
    fn unknown_values_survive_a_round_trip() {
        for text in ["\"usb\"", "\"Virtio\"", "\"\""] {
            let bus: Reported<DiskBus> = serde_json::from_str(text).unwrap();
            assert_eq!(bus.known(), None, "{text}");
            assert_eq!(serde_json::to_string(&bus).unwrap(), text);
        }
        let model: Reported<NicModel> = serde_json::from_str("\"igb\"").unwrap();
        assert_eq!(model, Reported::Unknown("igb".into()));
        assert_eq!(model.label(), "igb");
        assert_eq!(serde_json::to_value(&model).unwrap(), "igb");
    }

    #[test]
    fn known_values_are_written_as_the_api_spells_them() {
        let written = serde_json::to_value(Reported::Known(DiskBus::Virtio)).unwrap();
        assert_eq!(written, "virtio");
        assert_eq!(Reported::<DiskBus>::from("sata").as_str(), "sata");
    }
}
