//! Kubernetes API paths for the kinds the app uses, relative to the API base.

use crate::model::Resource;
pub use crate::model::ResourceType;

/// The group KubeVirt serves its VM actions (start, stop, restart…) under: an aggregated API
/// beside `kubevirt.io`, with the same version and plural.
const KUBEVIRT_SUBRESOURCES: &str = "subresources.kubevirt.io";

/// The collection of `K`: in one namespace, or across all when `namespace` is `None`.
pub fn collection<K: Resource>(namespace: Option<&str>) -> String {
    K::TYPE.collection(namespace)
}

/// One named object of `K`.
pub fn item<K: Resource>(namespace: Option<&str>, name: &str) -> String {
    K::TYPE.item(namespace, name)
}

/// A KubeVirt subresource (`start`, `stop`, `restart`…) of the `K` called `name`.
pub fn kubevirt_subresource<K: Resource>(
    namespace: Option<&str>,
    name: &str,
    subresource: &str,
) -> String {
    let aggregated = ResourceType {
        group: KUBEVIRT_SUBRESOURCES,
        ..K::TYPE
    };
    format!(
        "{}/{}",
        aggregated.item(namespace, name),
        encode_segment(subresource)
    )
}

impl ResourceType {
    fn group_version_prefix(&self) -> String {
        if self.group.is_empty() {
            format!("/api/{}", self.version)
        } else {
            format!("/apis/{}/{}", self.group, self.version)
        }
    }

    /// The collection: in one namespace, or across all when `namespace` is `None`.
    pub fn collection(&self, namespace: Option<&str>) -> String {
        match namespace.filter(|_| self.namespaced) {
            Some(ns) => {
                format!(
                    "{}/namespaces/{}/{}",
                    self.group_version_prefix(),
                    encode_segment(ns),
                    self.plural
                )
            }
            None => format!("{}/{}", self.group_version_prefix(), self.plural),
        }
    }

    /// One named object.
    pub fn item(&self, namespace: Option<&str>, name: &str) -> String {
        format!("{}/{}", self.collection(namespace), encode_segment(name))
    }
}

/// Percent-encodes a path segment: names are DNS labels, but a namespace from the address bar
/// may hold anything.
pub fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Namespace, VirtualMachine, VirtualMachineInstance};

    #[test]
    fn virtual_machine_paths() {
        assert_eq!(
            collection::<VirtualMachine>(None),
            "/apis/kubevirt.io/v1/virtualmachines"
        );
        assert_eq!(
            collection::<VirtualMachine>(Some("windows-dev")),
            "/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines"
        );
        assert_eq!(
            item::<VirtualMachine>(Some("ns"), "win11"),
            "/apis/kubevirt.io/v1/namespaces/ns/virtualmachines/win11"
        );
        assert_eq!(
            collection::<VirtualMachineInstance>(Some("ns")),
            "/apis/kubevirt.io/v1/namespaces/ns/virtualmachineinstances"
        );
    }

    #[test]
    fn core_cluster_scoped_paths_ignore_a_namespace() {
        assert_eq!(collection::<Namespace>(Some("x")), "/api/v1/namespaces");
        assert_eq!(
            item::<Namespace>(None, "default"),
            "/api/v1/namespaces/default"
        );
    }

    #[test]
    fn odd_characters_are_encoded() {
        assert_eq!(
            collection::<VirtualMachine>(Some("a/b c")),
            "/apis/kubevirt.io/v1/namespaces/a%2Fb%20c/virtualmachines"
        );
    }

    #[test]
    fn kubevirt_actions_use_the_subresources_group() {
        assert_eq!(
            kubevirt_subresource::<VirtualMachine>(Some("dev"), "win 11", "restart"),
            "/apis/subresources.kubevirt.io/v1/namespaces/dev/virtualmachines/win%2011/restart"
        );
    }

    #[test]
    fn every_kind_the_app_uses_has_its_path() {
        use crate::model::*;
        let cases = [
            (
                collection::<CronJob>(Some("n")),
                "/apis/batch/v1/namespaces/n/cronjobs",
            ),
            (
                collection::<Service>(Some("n")),
                "/api/v1/namespaces/n/services",
            ),
            (item::<Node>(Some("n"), "a"), "/api/v1/nodes/a"),
            (
                collection::<Secret>(Some("n")),
                "/api/v1/namespaces/n/secrets",
            ),
            (
                item::<ConfigMap>(Some("n"), "c"),
                "/api/v1/namespaces/n/configmaps/c",
            ),
            (
                collection::<Role>(Some("n")),
                "/apis/rbac.authorization.k8s.io/v1/namespaces/n/roles",
            ),
            (
                collection::<RoleBinding>(Some("n")),
                "/apis/rbac.authorization.k8s.io/v1/namespaces/n/rolebindings",
            ),
            (
                collection::<ServiceAccount>(Some("n")),
                "/api/v1/namespaces/n/serviceaccounts",
            ),
            (
                collection::<SelfSubjectReview>(None),
                "/apis/authentication.k8s.io/v1/selfsubjectreviews",
            ),
            (
                collection::<DataSource>(Some("n")),
                "/apis/cdi.kubevirt.io/v1beta1/namespaces/n/datasources",
            ),
            (
                collection::<PersistentVolumeClaim>(Some("n")),
                "/api/v1/namespaces/n/persistentvolumeclaims",
            ),
            (
                collection::<NetworkAttachmentDefinition>(Some("n")),
                "/apis/k8s.cni.cncf.io/v1/namespaces/n/network-attachment-definitions",
            ),
            (
                collection::<VirtualMachineClusterInstancetype>(None),
                "/apis/instancetype.kubevirt.io/v1beta1/virtualmachineclusterinstancetypes",
            ),
            (
                collection::<VirtualMachineClusterPreference>(None),
                "/apis/instancetype.kubevirt.io/v1beta1/virtualmachineclusterpreferences",
            ),
            (
                collection::<VmObject>(Some("n")),
                "/apis/kubevirt.io/v1/namespaces/n/virtualmachines",
            ),
            (
                collection::<Raw<CronJob>>(Some("n")),
                "/apis/batch/v1/namespaces/n/cronjobs",
            ),
        ];
        for (path, expected) in cases {
            assert_eq!(path, expected);
        }
    }

    #[test]
    fn kinds_and_api_versions_are_the_servers() {
        assert_eq!(VirtualMachine::TYPE.kind, "VirtualMachine");
        assert_eq!(VirtualMachine::TYPE.api_version(), "kubevirt.io/v1");
        assert_eq!(crate::model::Secret::TYPE.api_version(), "v1");
        assert_eq!(crate::model::CronJob::TYPE.kind, "CronJob");
    }
}
