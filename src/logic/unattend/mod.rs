//! Windows answer files (`autounattend.xml`) for KubeVirt's sysprep volumes: generated from a
//! form, or uploaded and checked; and their secrets masked for showing.

pub mod choices;
mod files;
mod generate;

pub use files::{
    check_upload, holds_product_key, holds_secrets, mask_secrets, AnswerFile, UploadProblem,
};
pub use generate::generate;

use serde::{Deserialize, Serialize};

/// The namespace every answer file's elements live in.
pub const UNATTEND_NAMESPACE: &str = "urn:schemas-microsoft-com:unattend";
/// Longest computer name Windows accepts (a NetBIOS name).
pub const MAX_COMPUTER_NAME: usize = 15;

/// What the form asks for a generated answer file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnattendSettings {
    /// `XXXXX-XXXXX-XXXXX-XXXXX-XXXXX`; empty means the key in firmware, or enter it later.
    pub product_key: String,
    /// The install image name (`choices::Edition::image_name`).
    pub edition: String,
    pub computer_name: String,
    pub organization: String,
    pub admin_name: String,
    pub admin_password: String,
    /// A Windows time zone name (`choices::TIME_ZONES`).
    pub time_zone: String,
    /// Display language and formats (`en-US`).
    pub locale: String,
    /// Keyboard layout, as a language tag (`de-DE`).
    pub keyboard: String,
    pub accept_eula: bool,
    /// Load the VirtIO storage and network drivers from the guest tools CD during setup.
    pub load_virtio_drivers: bool,
    /// Run the guest tools installer (drivers and guest agent) at first logon.
    pub install_guest_tools: bool,
    /// Allow Remote Desktop connections (with Network Level Authentication) and open the
    /// firewall's Remote Desktop rules.
    #[serde(default)]
    pub enable_remote_desktop: bool,
}

impl UnattendSettings {
    /// The form's starting values for a VM named `vm_name`.
    pub fn new(vm_name: &str, edition: &str) -> Self {
        Self {
            product_key: String::new(),
            edition: edition.to_owned(),
            computer_name: default_computer_name(vm_name),
            organization: String::new(),
            admin_name: "admin".to_owned(),
            admin_password: String::new(),
            time_zone: "UTC".to_owned(),
            locale: "en-US".to_owned(),
            keyboard: "en-US".to_owned(),
            accept_eula: true,
            load_virtio_drivers: true,
            install_guest_tools: true,
            // Off unless asked: the VM page's RDP card is where a way in from outside is made.
            enable_remote_desktop: false,
        }
    }
}

/// A computer name from a VM name: upper-cased, cut to 15 characters, no trailing '-'.
pub fn default_computer_name(vm_name: &str) -> String {
    let name: String = vm_name
        .chars()
        .take(MAX_COMPUTER_NAME)
        .collect::<String>()
        .to_ascii_uppercase();
    name.trim_end_matches('-').to_owned()
}

/// Which input of the form a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingsField {
    ProductKey,
    ComputerName,
    AdminName,
    AdminPassword,
    AcceptEula,
}

/// The problems of the form, each against its input; empty when it can be generated.
pub fn check_settings(settings: &UnattendSettings) -> Vec<(SettingsField, String)> {
    let mut problems = Vec::new();
    if let Err(message) = check_product_key(&settings.product_key) {
        problems.push((SettingsField::ProductKey, message));
    }
    let name = &settings.computer_name;
    if name.is_empty() || name.len() > MAX_COMPUTER_NAME {
        problems.push((
            SettingsField::ComputerName,
            format!("Use 1 to {MAX_COMPUTER_NAME} characters."),
        ));
    } else if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        problems.push((
            SettingsField::ComputerName,
            "Use only letters, digits and '-'.".to_owned(),
        ));
    } else if name.chars().all(|c| c.is_ascii_digit()) {
        problems.push((
            SettingsField::ComputerName,
            "Use at least one letter.".to_owned(),
        ));
    }
    let admin = settings.admin_name.trim();
    if admin.is_empty()
        || admin.len() > 20
        || admin.contains([
            '"', '/', '\\', '[', ']', ':', ';', '|', '=', ',', '+', '*', '?', '<', '>', '@',
        ])
    {
        problems.push((
            SettingsField::AdminName,
            "Use 1 to 20 characters, without \" / \\ [ ] : ; | = , + * ? < > @.".to_owned(),
        ));
    }
    if settings.admin_password.is_empty() {
        problems.push((
            SettingsField::AdminPassword,
            "Enter a password for the administrator account.".to_owned(),
        ));
    }
    if !settings.accept_eula {
        problems.push((
            SettingsField::AcceptEula,
            "Setup stops to ask unless the licence terms are accepted here.".to_owned(),
        ));
    }
    problems
}

/// Checks a product key's shape: five groups of five letters or digits, or nothing.
pub fn check_product_key(key: &str) -> Result<(), String> {
    let key = key.trim();
    if key.is_empty() {
        return Ok(());
    }
    let groups: Vec<&str> = key.split('-').collect();
    let well_formed = groups.len() == 5
        && groups.iter().all(|g| {
            g.len() == 5
                && g.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        });
    if well_formed {
        Ok(())
    } else {
        Err("A product key is five groups of five capital letters or digits: XXXXX-XXXXX-XXXXX-XXXXX-XXXXX.".to_owned())
    }
}

#[cfg(test)]
mod tests;
