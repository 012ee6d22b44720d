//! `Api<K>`: the requests for one kind of object, scoped to a namespace or to all of them, as
//! kube-rs's `Api`. The kind's `Resource` impl gives the paths; every request goes through
//! `ApiClient`, which stays the only code that speaks HTTP.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::paths::{self, kubevirt_subresource};
use super::{ApiClient, ApiError};
use crate::logic::vm_actions::VmAction;
use crate::model::{ObjectRef, Resource, VirtualMachine, VmObject};

/// Which objects of a collection a list or watch covers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListParams {
    /// `metadata.name=NAME` to follow one object.
    pub field_selector: Option<String>,
    /// Only objects with these labels.
    pub label_selector: Option<String>,
}

impl ListParams {
    /// Only the object called `name` (a stopped VM's instance may not exist: no 404 then).
    pub fn named(name: &str) -> Self {
        Self {
            field_selector: Some(format!("metadata.name={name}")),
            label_selector: None,
        }
    }

    /// Only the objects matching a label selector.
    pub fn labelled(selector: &str) -> Self {
        Self {
            field_selector: None,
            label_selector: Some(selector.to_owned()),
        }
    }

    /// The query parameters, unencoded.
    pub fn query(&self) -> Vec<(&str, &str)> {
        self.field_selector
            .iter()
            .map(|s| ("fieldSelector", s.as_str()))
            .chain(
                self.label_selector
                    .iter()
                    .map(|s| ("labelSelector", s.as_str())),
            )
            .collect()
    }
}

/// How a create is sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PostParams {
    /// Only validate (`?dryRun=All`): nothing is stored.
    pub dry_run: bool,
}

impl PostParams {
    pub const DRY_RUN: Self = Self { dry_run: true };

    fn query(self) -> &'static [(&'static str, &'static str)] {
        if self.dry_run {
            &[("dryRun", "All")]
        } else {
            &[]
        }
    }
}

/// Requests for objects of kind `K` in one namespace (or all).
pub struct Api<K> {
    client: ApiClient,
    namespace: Option<String>,
    kind: PhantomData<fn() -> K>,
}

impl<K> Clone for Api<K> {
    fn clone(&self) -> Self {
        Self {
            client: self.client.clone(),
            namespace: self.namespace.clone(),
            kind: PhantomData,
        }
    }
}

impl<K: Resource> Api<K> {
    /// The objects in `namespace` (a cluster-scoped kind ignores it).
    pub fn namespaced(client: &ApiClient, namespace: &str) -> Self {
        Self::scoped(client, Some(namespace))
    }

    /// The objects in every namespace, or of a cluster-scoped kind.
    pub fn all(client: &ApiClient) -> Self {
        Self::scoped(client, None)
    }

    /// In `namespace` when one is given, else in all.
    pub fn scoped(client: &ApiClient, namespace: Option<&str>) -> Self {
        Self {
            client: client.clone(),
            namespace: namespace.map(str::to_owned),
            kind: PhantomData,
        }
    }

    /// The namespace of the object `target` names.
    pub fn of(client: &ApiClient, target: &ObjectRef) -> Self {
        Self::namespaced(client, &target.namespace)
    }

    /// The namespace this `Api` is scoped to.
    pub fn namespace(&self) -> Option<&str> {
        self.namespace.as_deref()
    }

    /// The path of the collection.
    pub fn collection_path(&self) -> String {
        paths::collection::<K>(self.namespace())
    }

    /// The path of the object called `name`.
    pub fn item_path(&self, name: &str) -> String {
        paths::item::<K>(self.namespace(), name)
    }
}

impl<K: Resource + DeserializeOwned> Api<K> {
    /// Reads the object called `name`, retrying transient failures.
    pub async fn get(&self, name: &str) -> Result<K, ApiError> {
        self.client.get(&self.item_path(name)).await
    }

    /// Creates an object from `body` and returns what the server stored. Never retried: a
    /// create whose answer was lost may have happened.
    pub async fn create(&self, body: &Value, params: PostParams) -> Result<K, ApiError> {
        self.client
            .create(&self.collection_path(), params.query(), body)
            .await
    }

    /// Replaces the object called `name` with `body`, which carries the `resourceVersion` it
    /// was read at (a stale one is refused with 409).
    pub async fn replace(&self, name: &str, body: &Value) -> Result<K, ApiError> {
        self.client.replace(&self.item_path(name), body).await
    }

    /// Changes the object called `name` with a JSON patch, guarded by its `test` operations.
    pub async fn json_patch(&self, name: &str, ops: &Value) -> Result<K, ApiError> {
        self.client.json_patch(&self.item_path(name), ops).await
    }

    /// Merge-patches the object `name` (see `ApiClient::merge_patch`).
    pub async fn merge_patch(&self, name: &str, patch: &Value) -> Result<K, ApiError> {
        self.client.merge_patch(&self.item_path(name), patch).await
    }

    /// Deletes the object called `name` in the background, as kubectl does.
    pub async fn delete(&self, name: &str) -> Result<(), ApiError> {
        self.client.delete(&self.item_path(name)).await
    }

    /// Opens a watch from `resource_version` (bookmarks asked for, the server ending it after
    /// `timeout_seconds`) and hands over the lines of the stream as they come.
    pub async fn watch(
        &self,
        params: &ListParams,
        resource_version: &str,
        timeout_seconds: &str,
        on_lines: impl FnMut(&[&str]),
    ) -> Result<(), ApiError> {
        let mut query = vec![
            ("watch", "true"),
            ("resourceVersion", resource_version),
            ("allowWatchBookmarks", "true"),
            ("timeoutSeconds", timeout_seconds),
        ];
        query.extend(params.query());
        self.client
            .watch_lines(&self.collection_path(), &query, on_lines)
            .await
    }
}

impl<K: Resource + DeserializeOwned> Api<K> {
    /// Lists every object `params` selects, page by page; returns them and the
    /// resourceVersion to watch from.
    pub async fn list(&self, params: &ListParams) -> Result<(Vec<K>, Option<String>), ApiError> {
        self.client
            .list(&self.collection_path(), &params.query())
            .await
    }

    /// As `list`, handing over each page as it arrives (see `ApiClient::list_pages`).
    pub async fn list_pages(
        &self,
        params: &ListParams,
        on_page: impl FnMut(Vec<K>, bool),
    ) -> Result<Option<String>, ApiError> {
        self.client
            .list_pages(&self.collection_path(), &params.query(), on_page)
            .await
    }

    /// The object called `name`, if there is one: a list narrowed to the name, so that an
    /// absent object is no error (and no 404 in the browser's console).
    pub async fn find(&self, name: &str) -> Result<Option<K>, ApiError> {
        let (items, _) = self.list(&ListParams::named(name)).await?;
        Ok(items.into_iter().find(|item| item.meta().name == name))
    }
}

/// The model types of a KubeVirt VirtualMachine: the ones its actions apply to.
pub trait VmResource: Resource {}

impl VmResource for VirtualMachine {}
impl VmResource for VmObject {}

impl<K: VmResource + DeserializeOwned> Api<K> {
    /// Takes `action` on the VM called `name` (in this `Api`'s namespace): start, stop and
    /// restart through KubeVirt's subresources (202, no body), delete as any object.
    pub async fn act(&self, name: &str, action: VmAction) -> Result<(), ApiError> {
        match action.subresource() {
            Some(subresource) => {
                let path = kubevirt_subresource::<K>(self.namespace(), name, subresource);
                self.client.put_empty(&path).await
            }
            None => self.delete(name).await,
        }
    }

    pub async fn start(&self, name: &str) -> Result<(), ApiError> {
        self.act(name, VmAction::Start).await
    }

    pub async fn stop(&self, name: &str) -> Result<(), ApiError> {
        self.act(name, VmAction::Stop).await
    }

    pub async fn restart(&self, name: &str) -> Result<(), ApiError> {
        self.act(name, VmAction::Restart).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CronJob, Namespace, VirtualMachineInstance};

    #[test]
    fn an_api_is_scoped_to_its_namespace() {
        let client = ApiClient::new("/k8s");
        let vms = Api::<VirtualMachine>::namespaced(&client, "dev");
        assert_eq!(vms.namespace(), Some("dev"));
        assert_eq!(
            vms.item_path("win11"),
            "/apis/kubevirt.io/v1/namespaces/dev/virtualmachines/win11"
        );
        assert_eq!(
            Api::<VirtualMachineInstance>::all(&client).collection_path(),
            "/apis/kubevirt.io/v1/virtualmachineinstances"
        );
        assert_eq!(
            Api::<CronJob>::of(&client, &ObjectRef::new("ops", "x")).collection_path(),
            "/apis/batch/v1/namespaces/ops/cronjobs"
        );
        // A cluster-scoped kind ignores the namespace.
        assert_eq!(
            Api::<Namespace>::namespaced(&client, "dev").item_path("dev"),
            "/api/v1/namespaces/dev"
        );
    }

    #[test]
    fn list_params_become_selectors() {
        assert_eq!(
            ListParams::named("win").query(),
            [("fieldSelector", "metadata.name=win")]
        );
        assert_eq!(
            ListParams::labelled("a=b").query(),
            [("labelSelector", "a=b")]
        );
        assert!(ListParams::default().query().is_empty());
        assert_eq!(PostParams::DRY_RUN.query(), [("dryRun", "All")]);
        assert!(PostParams::default().query().is_empty());
    }
}
