//! The keyboard layout each simulated guest has (a test control sets it), by name; what each
//! key types in a layout is the console's business (`console::layouts`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A guest keyboard layout.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    #[default]
    Us,
    Uk,
    De,
    Fr,
    Ja,
}

/// A layout name that is none of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown layout {0:?}: the guest's layout is one of us, uk, de, fr, ja")]
pub struct UnknownLayout(pub String);

impl Layout {
    pub const ALL: [Layout; 5] = [Layout::Us, Layout::Uk, Layout::De, Layout::Fr, Layout::Ja];

    /// Its name in the test control.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Us => "us",
            Layout::Uk => "uk",
            Layout::De => "de",
            Layout::Fr => "fr",
            Layout::Ja => "ja",
        }
    }
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Layout {
    type Err = UnknownLayout;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Layout::ALL
            .into_iter()
            .find(|layout| layout.name() == name)
            .ok_or_else(|| UnknownLayout(name.chars().take(40).collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_others_are_refused() {
        for layout in Layout::ALL {
            assert_eq!(layout.name().parse(), Ok(layout));
            assert_eq!(serde_json::json!(layout), layout.name());
        }
        assert_eq!(
            "dvorak".parse::<Layout>(),
            Err(UnknownLayout("dvorak".into()))
        );
        assert_eq!("US".parse::<Layout>(), Err(UnknownLayout("US".into())));
    }
}
