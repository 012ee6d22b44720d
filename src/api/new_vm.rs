//! Creating a VM from the wizard: its answer-file Secret (if any) checked first,
//! the VM made exactly once, then the answer files stored, owned by the VM. When they cannot
//! be stored, the VM is deleted again, so nothing half-made is left. A Remote Desktop Service
//! asked for comes last: the VM is useful without it, so its failure is told, not undone.

use serde_json::Value;

use super::typed::{Api, PostParams};
use super::{vms, ApiClient, ApiError};
use crate::logic::remote_desktop::{rdp_service, ServiceKind};
use crate::logic::sysprep_volume::SysprepObject;
use crate::model::{Raw, Secret, VirtualMachine};

/// What went wrong, and with which object.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum CreateError {
    /// The VirtualMachine was refused (or its answer was lost and it is not there).
    #[error("virtual machine: {0}")]
    Vm(ApiError),
    /// The Secret with the answer files was refused; no VM is left behind.
    #[error("answer files: {0}")]
    AnswerFiles(ApiError),
    /// As `AnswerFiles`, but the VM made just before could not be deleted again.
    #[error("answer files: {0}; the virtual machine was left")]
    AnswerFilesVmLeft(ApiError),
}

/// A VM made, and why its Remote Desktop Service was not, if it was asked for and failed.
#[derive(Clone, Debug, PartialEq)]
pub struct Created {
    pub vm: VirtualMachine,
    pub rdp_service_failed: Option<ApiError>,
}

/// Creates `vm`, the `sysprep` object that goes with it and the Remote Desktop Service `rdp`.
pub async fn create(
    client: &ApiClient,
    vm: &Value,
    sysprep: Option<&SysprepObject>,
    rdp: Option<ServiceKind>,
    creation_id: &str,
) -> Result<Created, CreateError> {
    let vm = create_vm(client, vm, sysprep, creation_id).await?;
    let rdp_service_failed = match rdp {
        Some(kind) => {
            let namespace = vm.namespace().to_owned();
            super::services::create(client, &namespace, &rdp_service(&vm, kind))
                .await
                .err()
        }
        None => None,
    };
    Ok(Created {
        vm,
        rdp_service_failed,
    })
}

async fn create_vm(
    client: &ApiClient,
    vm: &Value,
    sysprep: Option<&SysprepObject>,
    creation_id: &str,
) -> Result<VirtualMachine, CreateError> {
    let namespace = vm["metadata"]["namespace"].as_str().unwrap_or_default();
    if let Some(object) = sysprep {
        secrets(client, object)
            .create(&object.manifest(None, false), PostParams::DRY_RUN)
            .await
            .map_err(CreateError::AnswerFiles)?;
    }
    let created = vms::create_once(client, namespace, vm, creation_id)
        .await
        .map_err(CreateError::Vm)?;
    let Some(object) = sysprep else {
        return Ok(created);
    };
    let uid = created.metadata.uid.clone().unwrap_or_default();
    match store(client, object, &uid).await {
        Ok(()) => Ok(created),
        Err(err) => {
            // The VM would wait for an answer file that will never come: take it back.
            let vms = Api::<VirtualMachine>::namespaced(client, namespace);
            match vms.delete(created.name()).await {
                Ok(()) => Err(CreateError::AnswerFiles(err)),
                Err(_) => Err(CreateError::AnswerFilesVmLeft(err)),
            }
        }
    }
}

/// The answer files are a Secret, read back whole to see who owns it.
fn secrets(client: &ApiClient, object: &SysprepObject) -> Api<Raw<Secret>> {
    Api::namespaced(client, &object.namespace)
}

/// Creates the object owned by the VM `uid`; retried once when the answer was lost, and an
/// object already there counts when this VM owns it (an earlier try that did happen).
async fn store(client: &ApiClient, object: &SysprepObject, uid: &str) -> Result<(), ApiError> {
    let secrets = secrets(client, object);
    let manifest = object.manifest(Some(uid), false);
    let mut retried = false;
    loop {
        match secrets.create(&manifest, PostParams::default()).await {
            Ok(_) => return Ok(()),
            Err(err) if err.is_transient() && !retried => retried = true,
            Err(err) if err.code() == Some(409) => {
                let existing = secrets.get(&object.name).await?;
                let owned = existing.raw["metadata"]["ownerReferences"]
                    .as_array()
                    .is_some_and(|owners| owners.iter().any(|o| o["uid"] == uid));
                return if owned { Ok(()) } else { Err(err) };
            }
            Err(err) => return Err(err),
        }
    }
}
