//! The create wizard's steps, and which step owns a problem: one found in the draft, or a
//! field the API server named when it refused the VM.

use super::vm_draft::DraftField;

/// A step of the create wizard, in order.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum WizardStep {
    General,
    Networking,
    Storage,
    Advanced,
    Review,
}

impl WizardStep {
    pub const ALL: [WizardStep; 5] = [
        Self::General,
        Self::Networking,
        Self::Storage,
        Self::Advanced,
        Self::Review,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Self::General => "General",
            Self::Networking => "Networking",
            Self::Storage => "Storage",
            Self::Advanced => "Advanced",
            Self::Review => "Review and create",
        }
    }

    /// A stable id for DOM ids and tests.
    pub fn id(self) -> &'static str {
        match self {
            Self::General => "general",
            Self::Networking => "networking",
            Self::Storage => "storage",
            Self::Advanced => "advanced",
            Self::Review => "review",
        }
    }

    pub fn next(self) -> Option<WizardStep> {
        Self::ALL.get(self.index() + 1).copied()
    }

    pub fn previous(self) -> Option<WizardStep> {
        self.index().checked_sub(1).map(|i| Self::ALL[i])
    }

    fn index(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The step where a draft field is edited.
    pub fn of_field(field: DraftField) -> WizardStep {
        match field {
            DraftField::Name
            | DraftField::Namespace
            | DraftField::Cpus
            | DraftField::Memory
            | DraftField::Disk
            | DraftField::BootSource => Self::General,
            DraftField::Nics => Self::Networking,
            DraftField::Disks => Self::Storage,
            DraftField::Hardware | DraftField::Sysprep => Self::Advanced,
        }
    }

    /// The step that owns a field the API server named in a refusal
    /// (`spec.template.spec.domain.devices.interfaces[0].model`), so its problem is shown
    /// there. Unknown fields belong to Review.
    pub fn of_api_field(field: &str) -> WizardStep {
        let has = |part: &str| field.contains(part);
        let sizing = has(".domain.cpu") || has(".domain.memory");
        if field.starts_with("metadata")
            || sizing
            || has("spec.instancetype")
            || has("spec.preference")
        {
            Self::General
        } else if has(".interfaces") || has(".networks") {
            Self::Networking
        } else if has(".firmware")
            || has(".features")
            || has(".tpm")
            || has(".clock")
            || has("sysprep")
        {
            Self::Advanced
        } else if has(".disks") || has(".volumes") || has("dataVolumeTemplates") {
            Self::Storage
        } else {
            Self::Review
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_run_in_order() {
        assert_eq!(WizardStep::General.next(), Some(WizardStep::Networking));
        assert_eq!(WizardStep::Review.next(), None);
        assert_eq!(WizardStep::General.previous(), None);
        assert_eq!(WizardStep::Review.previous(), Some(WizardStep::Advanced));
    }

    #[test]
    fn refusals_are_shown_on_the_step_that_owns_the_field() {
        let cases = [
            ("metadata.name", WizardStep::General),
            ("spec.template.spec.domain.cpu.cores", WizardStep::General),
            (
                "spec.template.spec.domain.devices.interfaces[0].model",
                WizardStep::Networking,
            ),
            (
                "spec.template.spec.networks[1].multus.networkName",
                WizardStep::Networking,
            ),
            (
                "spec.template.spec.domain.devices.disks[2].disk.bus",
                WizardStep::Storage,
            ),
            (
                "spec.dataVolumeTemplates[0].spec.storage",
                WizardStep::Storage,
            ),
            (
                "spec.template.spec.domain.firmware.bootloader.efi",
                WizardStep::Advanced,
            ),
            (
                "spec.template.spec.domain.devices.tpm",
                WizardStep::Advanced,
            ),
            ("spec.runStrategy", WizardStep::Review),
        ];
        for (field, step) in cases {
            assert_eq!(WizardStep::of_api_field(field), step, "{field}");
        }
    }
}
