//! Creating a VirtualMachine exactly once. Other VM reads, writes and actions are
//! `Api<VirtualMachine>` (see `typed`).

use super::typed::{Api, PostParams};
use super::{ApiClient, ApiError};
use crate::logic::vm_builder::CREATION_ID_ANNOTATION;
use crate::model::VirtualMachine;

/// Creates the VM built from a draft, exactly once: the server validates it first (dry run),
/// and when the create's answer is lost (timeout, dropped connection, 5xx) or the name is
/// taken, the VM under that name is read back. If it carries `creation_id` it is the one this
/// draft made, and it is returned as created; otherwise the original error stands (a 409
/// then means another VM has the name).
pub async fn create_once(
    client: &ApiClient,
    namespace: &str,
    vm: &serde_json::Value,
    creation_id: &str,
) -> Result<VirtualMachine, ApiError> {
    let vms = Api::<VirtualMachine>::namespaced(client, namespace);
    vms.create(vm, PostParams::DRY_RUN).await?;
    let err = match vms.create(vm, PostParams::default()).await {
        Ok(created) => return Ok(created),
        Err(err) => err,
    };
    if !(err.code() == Some(409) || err.is_transient()) {
        return Err(err);
    }
    let name = vm["metadata"]["name"].as_str().unwrap_or_default();
    match vms.get(name).await {
        Ok(existing)
            if existing
                .metadata
                .annotations
                .get(CREATION_ID_ANNOTATION)
                .map(String::as_str)
                == Some(creation_id) =>
        {
            Ok(existing)
        }
        _ => Err(err),
    }
}

/// Who is signed in to the guest of the VM `vm`, as its agent reports. Fails (KubeVirt answers
/// 500) when the VM does not run or its agent is not connected.
pub async fn signed_in_users(
    client: &ApiClient,
    vm: &crate::model::ObjectRef,
) -> Result<Vec<crate::model::GuestUser>, ApiError> {
    let path = super::paths::kubevirt_subresource::<crate::model::VirtualMachineInstance>(
        Some(&vm.namespace),
        &vm.name,
        "userlist",
    );
    let list: crate::model::GuestUserList = client.get(&path).await?;
    Ok(list.items)
}
