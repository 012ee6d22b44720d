//! Keeps the wizard's draft and step in the tab's session storage, so a reload or a failed
//! request loses nothing typed but secrets (passwords, the product key, uploaded answer files);
//! cleared once the VM is created or discarded.

use serde::{Deserialize, Serialize};

use crate::logic::vm_draft::VmDraft;
use crate::logic::wizard_steps::WizardStep;

const KEY: &str = "windows-vms.create-vm-draft";

/// What is kept.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StoredWizard {
    pub draft: VmDraft,
    pub step: WizardStep,
    /// Secrets were typed or uploaded and left out: the user is asked for them again.
    #[serde(default)]
    pub secrets_left_out: bool,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The kept draft, if there is one this version of the app can read.
pub fn load() -> Option<StoredWizard> {
    let text = storage()?.get_item(KEY).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Keeps the draft, without its secrets (see `VmDraft::without_secrets`). Storage may be
/// full or disabled; the wizard then still works, only without surviving a reload.
pub fn save(draft: &VmDraft, step: WizardStep) {
    let (draft, secrets_left_out) = draft.without_secrets();
    let kept = StoredWizard {
        draft,
        step,
        secrets_left_out,
    };
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(&kept)) {
        let _ = storage.set_item(KEY, &text);
    }
}

/// Forgets the draft.
pub fn clear() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(KEY);
    }
}

/// A fresh id for a new draft's VM: time and randomness, unique enough to tell this draft's VM
/// from any other of the same name.
pub fn new_creation_id() -> String {
    let random = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    format!("{:x}-{random:08x}", js_sys::Date::now() as u64)
}
