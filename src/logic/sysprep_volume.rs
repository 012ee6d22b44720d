//! The answer files of a draft as KubeVirt takes them: a Secret, attached as a `sysprep` volume
//! and owned by the VM. Always a Secret, whatever the files hold: an answer file can carry a
//! credential in places no check foresees, and a ConfigMap is readable with the `view` role.

use base64::Engine;
use serde_json::{json, Map, Value};

use super::os::vm_os;
use super::unattend::{generate, holds_product_key, mask_secrets, AnswerFile};
use super::vm_draft::{SysprepChoice, VmDraft};
use crate::model::VirtualMachine;

/// Name of the sysprep volume and its CD-ROM.
pub const SYSPREP_VOLUME: &str = "sysprep";
/// Annotation saying how the VM's Windows gets its licence: `product-key` (in the answer
/// file) or `activate-later`.
pub const LICENSING_ANNOTATION: &str = "vm.windows-vms.io/licensing";

/// The Secret holding a draft's answer files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SysprepObject {
    pub name: String,
    pub namespace: String,
    pub files: Vec<AnswerFile>,
}

/// The answer files of the draft: generated, uploaded, or none.
pub fn answer_files(draft: &VmDraft) -> Vec<AnswerFile> {
    match (&draft.sysprep, draft.os.windows()) {
        (SysprepChoice::Generate(settings), Some(version)) => vec![AnswerFile {
            name: "autounattend.xml".to_owned(),
            text: generate(settings, version, draft.hardware.uefi),
        }],
        (SysprepChoice::Upload { files }, Some(_)) => files.clone(),
        _ => Vec::new(),
    }
}

/// The Secret for the draft's answer files, if it has any.
pub fn sysprep_object(draft: &VmDraft) -> Option<SysprepObject> {
    let files = answer_files(draft);
    if files.is_empty() {
        return None;
    }
    Some(SysprepObject {
        name: format!("{}-sysprep", draft.name),
        namespace: draft.namespace.clone(),
        files,
    })
}

/// How Windows is licensed with these answer files (see `LICENSING_ANNOTATION`).
pub fn licensing(sysprep: Option<&SysprepObject>) -> &'static str {
    if sysprep.is_some_and(|object| object.files.iter().any(|f| holds_product_key(&f.text))) {
        "product-key"
    } else {
        "activate-later"
    }
}

/// Whether a VM's Windows still needs activating by hand: it was created without a product key
/// (said by the annotation), or has no answer file at all.
pub fn needs_activation(vm: &VirtualMachine) -> bool {
    if !vm_os(vm).is_some_and(|os| os.is_windows()) {
        return false;
    }
    match vm
        .metadata
        .annotations
        .get(LICENSING_ANNOTATION)
        .map(String::as_str)
    {
        Some(value) => value == "activate-later",
        None => !vm
            .spec
            .template
            .spec
            .volumes
            .iter()
            .any(|v| v.sysprep.is_some()),
    }
}

impl SysprepObject {
    /// The `sysprep` volume that refers to it.
    pub fn volume(&self) -> Value {
        json!({"name": SYSPREP_VOLUME, "sysprep": {"secret": {"name": self.name}}})
    }

    /// The Secret to create, owned by the VM `vm_uid` once it exists (so deleting the VM
    /// deletes it), with the files as they are or masked for showing.
    ///
    /// The owner reference has no `blockOwnerDeletion`: setting it needs the `finalizers`
    /// permission on the VM, which the dry run (made before the VM exists, so without an
    /// owner) cannot check, and nothing here needs the VM's deletion to wait for the Secret.
    pub fn manifest(&self, vm_uid: Option<&str>, masked: bool) -> Value {
        let mut data = Map::new();
        for file in &self.files {
            let value = if masked {
                format!(
                    "<{} bytes, base64-encoded: the file below>",
                    file.text.len()
                )
            } else {
                base64::engine::general_purpose::STANDARD.encode(file.text.as_bytes())
            };
            data.insert(file.name.clone(), Value::String(value));
        }
        let vm_name = self.name.trim_end_matches("-sysprep");
        let mut metadata =
            json!({"name": self.name, "namespace": self.namespace, "labels": {"app": vm_name}});
        if let Some(uid) = vm_uid {
            metadata["ownerReferences"] = json!([{"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine",
                "name": vm_name, "uid": uid}]);
        }
        json!({"apiVersion": "v1", "kind": "Secret", "metadata": metadata, "type": "Opaque", "data": data})
    }

    /// The files with product keys, passwords and credentials masked, for the review.
    pub fn masked_files(&self) -> Vec<AnswerFile> {
        self.files
            .iter()
            .map(|f| AnswerFile {
                name: f.name.clone(),
                text: mask_secrets(&f.text),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::os::WindowsVersion;
    use crate::logic::unattend::UnattendSettings;
    use crate::logic::vm_draft::windows_draft;

    fn generated(key: &str) -> VmDraft {
        let mut draft = windows_draft(WindowsVersion::Windows11);
        let mut settings = UnattendSettings::new("win", "Windows 11 Pro");
        settings.product_key = key.into();
        settings.admin_password = "pw".into();
        draft.sysprep = SysprepChoice::Generate(settings);
        draft
    }

    #[test]
    fn a_file_with_secrets_goes_into_a_secret_owned_by_the_vm() {
        let object = sysprep_object(&generated("ABCDE-12345-FGHIJ-67890-KLMNO")).unwrap();
        assert_eq!(
            object.volume(),
            json!({"name": "sysprep", "sysprep": {"secret": {"name": "win-sysprep"}}})
        );
        let secret = object.manifest(Some("uid-1"), false);
        #[cfg(not(target_arch = "wasm32"))]
        crate::logic::patch_check::assert_kubernetes_valid::<k8s_openapi::api::core::v1::Secret>(
            &secret,
        );
        assert_eq!(secret["metadata"]["ownerReferences"][0]["uid"], "uid-1");
        assert_eq!(
            secret["metadata"]["ownerReferences"][0].get("blockOwnerDeletion"),
            None,
            "the dry run, made without an owner, could not check the permission it needs"
        );
        let encoded = secret["data"]["autounattend.xml"].as_str().unwrap();
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .unwrap();
        assert!(String::from_utf8(decoded)
            .unwrap()
            .contains("ABCDE-12345-FGHIJ-67890-KLMNO"));
        let shown = object.manifest(None, true).to_string() + &object.masked_files()[0].text;
        assert!(!shown.contains("ABCDE-12345") && !shown.contains(">pw<"));
        assert_eq!(
            licensing(sysprep_object(&generated("ABCDE-12345-FGHIJ-67890-KLMNO")).as_ref()),
            "product-key"
        );
        assert_eq!(
            licensing(sysprep_object(&generated("")).as_ref()),
            "activate-later"
        );
    }

    #[test]
    fn windows_vms_without_a_key_are_told_to_activate() {
        let vm = |draft: &VmDraft| -> VirtualMachine {
            serde_json::from_value(crate::logic::vm_builder::build_vm(
                draft,
                &crate::logic::cluster_options::ClusterOptions::unknown("t"),
            ))
            .unwrap()
        };
        assert!(needs_activation(&vm(&windows_draft(
            WindowsVersion::Windows11
        ))));
        assert!(needs_activation(&vm(&generated(""))));
        assert!(!needs_activation(&vm(&generated(
            "ABCDE-12345-FGHIJ-67890-KLMNO"
        ))));
        let mut linux = windows_draft(WindowsVersion::Windows11).with_os(
            crate::logic::vm_draft::OsChoice::Linux(crate::logic::vm_draft::LinuxDistro::Fedora),
        );
        linux.name = "fedora".into();
        assert!(!needs_activation(&vm(&linux)));
    }

    #[test]
    fn a_file_without_secrets_goes_into_a_secret_too() {
        let mut draft = windows_draft(WindowsVersion::Server2022);
        let text = format!(
            "<unattend xmlns=\"{}\"/>",
            crate::logic::unattend::UNATTEND_NAMESPACE
        );
        draft.sysprep = SysprepChoice::Upload {
            files: vec![AnswerFile {
                name: "unattend.xml".into(),
                text: text.clone(),
            }],
        };
        let object = sysprep_object(&draft).unwrap();
        let secret = object.manifest(Some("uid-2"), false);
        assert_eq!(secret["kind"], "Secret");
        assert_eq!(
            secret["data"]["unattend.xml"],
            base64::engine::general_purpose::STANDARD.encode(&text)
        );
        assert_eq!(
            object.volume()["sysprep"],
            json!({"secret": {"name": "win-sysprep"}})
        );
        #[cfg(not(target_arch = "wasm32"))]
        crate::logic::patch_check::assert_kubernetes_valid::<k8s_openapi::api::core::v1::Secret>(
            &secret,
        );
        assert!(sysprep_object(&windows_draft(WindowsVersion::Server2022)).is_none());
    }
}
