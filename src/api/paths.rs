//! Kubernetes API paths for the kinds the app uses, relative to the API base.

/// A kind of object the API serves: its group, version and plural resource name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resource {
    /// API group; empty for the core group (`/api/v1`).
    pub group: &'static str,
    pub version: &'static str,
    pub plural: &'static str,
    pub namespaced: bool,
}

pub const VIRTUAL_MACHINES: Resource = Resource {
    group: "kubevirt.io",
    version: "v1",
    plural: "virtualmachines",
    namespaced: true,
};
pub const VIRTUAL_MACHINE_INSTANCES: Resource = Resource {
    group: "kubevirt.io",
    version: "v1",
    plural: "virtualmachineinstances",
    namespaced: true,
};
pub const NAMESPACES: Resource = Resource {
    group: "",
    version: "v1",
    plural: "namespaces",
    namespaced: false,
};
pub const SERVICES: Resource = Resource {
    group: "",
    version: "v1",
    plural: "services",
    namespaced: true,
};
pub const NODES: Resource = Resource {
    group: "",
    version: "v1",
    plural: "nodes",
    namespaced: false,
};
pub const CRON_JOBS: Resource = Resource {
    group: "batch",
    version: "v1",
    plural: "cronjobs",
    namespaced: true,
};
pub const SERVICE_ACCOUNTS: Resource = Resource {
    group: "",
    version: "v1",
    plural: "serviceaccounts",
    namespaced: true,
};
pub const ROLES: Resource = Resource {
    group: "rbac.authorization.k8s.io",
    version: "v1",
    plural: "roles",
    namespaced: true,
};
pub const ROLE_BINDINGS: Resource = Resource {
    group: "rbac.authorization.k8s.io",
    version: "v1",
    plural: "rolebindings",
    namespaced: true,
};
pub const SELF_SUBJECT_REVIEWS: Resource = Resource {
    group: "authentication.k8s.io",
    version: "v1",
    plural: "selfsubjectreviews",
    namespaced: false,
};

pub const CLUSTER_INSTANCETYPES: Resource = Resource {
    group: "instancetype.kubevirt.io",
    version: "v1beta1",
    plural: "virtualmachineclusterinstancetypes",
    namespaced: false,
};
pub const CLUSTER_PREFERENCES: Resource = Resource {
    group: "instancetype.kubevirt.io",
    version: "v1beta1",
    plural: "virtualmachineclusterpreferences",
    namespaced: false,
};
pub const CONFIG_MAPS: Resource = Resource {
    group: "",
    version: "v1",
    plural: "configmaps",
    namespaced: true,
};
pub const SECRETS: Resource = Resource {
    group: "",
    version: "v1",
    plural: "secrets",
    namespaced: true,
};
pub const DATA_SOURCES: Resource = Resource {
    group: "cdi.kubevirt.io",
    version: "v1beta1",
    plural: "datasources",
    namespaced: true,
};
pub const PERSISTENT_VOLUME_CLAIMS: Resource = Resource {
    group: "",
    version: "v1",
    plural: "persistentvolumeclaims",
    namespaced: true,
};
pub const NETWORK_ATTACHMENT_DEFINITIONS: Resource = Resource {
    group: "k8s.cni.cncf.io",
    version: "v1",
    plural: "network-attachment-definitions",
    namespaced: true,
};

impl Resource {
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

    #[test]
    fn virtual_machine_paths() {
        assert_eq!(
            VIRTUAL_MACHINES.collection(None),
            "/apis/kubevirt.io/v1/virtualmachines"
        );
        assert_eq!(
            VIRTUAL_MACHINES.collection(Some("windows-dev")),
            "/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines"
        );
        assert_eq!(
            VIRTUAL_MACHINES.item(Some("ns"), "win11"),
            "/apis/kubevirt.io/v1/namespaces/ns/virtualmachines/win11"
        );
    }

    #[test]
    fn core_cluster_scoped_paths_ignore_a_namespace() {
        assert_eq!(NAMESPACES.collection(Some("x")), "/api/v1/namespaces");
        assert_eq!(
            NAMESPACES.item(None, "default"),
            "/api/v1/namespaces/default"
        );
    }

    #[test]
    fn odd_characters_are_encoded() {
        assert_eq!(
            VIRTUAL_MACHINES.collection(Some("a/b c")),
            "/apis/kubevirt.io/v1/namespaces/a%2Fb%20c/virtualmachines"
        );
    }
}
