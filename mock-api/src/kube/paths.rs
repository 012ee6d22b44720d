//! Reads a Kubernetes API path into what it addresses.

use crate::kube::resources::{self, ResourceType};

/// Prefix under which the OpenShift console proxies the API; the mock serves it there too.
pub const CONSOLE_PREFIX: &str = "/api/kubernetes";

/// What an API path addresses.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiPath {
    Version,
    /// `/api`: the core API versions.
    CoreVersions,
    /// `/apis`: the API groups.
    Groups,
    /// `/api/v1` or `/apis/G/V`: the resources of one group-version.
    GroupVersion {
        group: String,
        version: String,
    },
    Collection(CollectionPath),
    Item(ItemPath),
    /// `PUT /apis/subresources.kubevirt.io/v1/namespaces/NS/virtualmachines/NAME/ACTION`.
    VmAction(VmActionPath),
    /// `GET /apis/subresources.kubevirt.io/v1/namespaces/NS/virtualmachineinstances/NAME/guestosinfo`.
    GuestOsInfo(InstancePath),
    /// `GET /apis/subresources.kubevirt.io/v1/namespaces/NS/virtualmachineinstances/NAME/userlist`.
    UserList(InstancePath),
    /// `GET .../virtualmachineinstances/NAME/vnc` or `/console`: a console, over a WebSocket.
    Console(InstancePath, ConsoleDevice),
    /// `/openapi/v3`: the index of OpenAPI documents.
    OpenApiRoot,
    /// `/openapi/v3/<apis/G/V | api/v1>`: one group-version's document.
    OpenApiDocument(String),
    /// A path under the API that names nothing served.
    Unknown,
}

/// The objects of one resource, in one namespace or (without one) in all.
#[derive(Debug, Clone, PartialEq)]
pub struct CollectionPath {
    pub resource: &'static ResourceType,
    pub namespace: Option<String>,
}

/// One object.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemPath {
    pub resource: &'static ResourceType,
    /// None for a cluster-scoped object.
    pub namespace: Option<String>,
    pub name: String,
}

impl ItemPath {
    /// The namespace the store keys the object under: empty when cluster-scoped.
    pub fn namespace_key(&self) -> &str {
        self.namespace.as_deref().unwrap_or_default()
    }
}

/// An action on a VM: `start`, `stop`, `restart`, ...
#[derive(Debug, Clone, PartialEq)]
pub struct VmActionPath {
    pub namespace: String,
    pub name: String,
    pub action: String,
}

/// A VM instance's subresource.
#[derive(Debug, Clone, PartialEq)]
pub struct InstancePath {
    pub namespace: String,
    pub name: String,
}

/// Which console of an instance a path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsoleDevice {
    Vnc,
    Serial,
}

impl ConsoleDevice {
    /// The subresource's name: `vnc` or `console`.
    pub fn subresource(self) -> &'static str {
        match self {
            Self::Vnc => "vnc",
            Self::Serial => "console",
        }
    }
}

/// The group of KubeVirt's VM actions.
pub const SUBRESOURCES_GROUP: &str = "subresources.kubevirt.io";

/// Whether a request path belongs to the API (rather than to the app's files).
pub fn is_api_path(path: &str) -> bool {
    let path = strip_console_prefix(path);
    path == "/api"
        || path.starts_with("/api/")
        || path == "/apis"
        || path.starts_with("/apis/")
        || path == "/version"
        || path.starts_with("/openapi")
}

/// The path without the console's proxy prefix.
pub fn strip_console_prefix(path: &str) -> &str {
    match path.strip_prefix(CONSOLE_PREFIX) {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => rest,
        _ => path,
    }
}

/// Parses an API path (with or without the console prefix).
pub fn parse(path: &str) -> ApiPath {
    let path = strip_console_prefix(path);
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let (group, version, rest) = match segments.as_slice() {
        ["version"] => return ApiPath::Version,
        ["openapi", "v3"] => return ApiPath::OpenApiRoot,
        ["openapi", "v3", rest @ ..] => return ApiPath::OpenApiDocument(rest.join("/")),
        ["api"] => return ApiPath::CoreVersions,
        ["apis"] => return ApiPath::Groups,
        ["api", version, rest @ ..] => ("", *version, rest),
        ["apis", SUBRESOURCES_GROUP, "v1", "namespaces", ns, "virtualmachines", name, action] => {
            return ApiPath::VmAction(VmActionPath {
                namespace: (*ns).to_owned(),
                name: (*name).to_owned(),
                action: (*action).to_owned(),
            })
        }
        ["apis", SUBRESOURCES_GROUP, "v1", "namespaces", ns, "virtualmachineinstances", name, "guestosinfo"] => {
            return ApiPath::GuestOsInfo(InstancePath {
                namespace: (*ns).to_owned(),
                name: (*name).to_owned(),
            })
        }
        ["apis", SUBRESOURCES_GROUP, "v1", "namespaces", ns, "virtualmachineinstances", name, "userlist"] => {
            return ApiPath::UserList(InstancePath {
                namespace: (*ns).to_owned(),
                name: (*name).to_owned(),
            })
        }
        ["apis", SUBRESOURCES_GROUP, "v1", "namespaces", ns, "virtualmachineinstances", name, device @ ("vnc" | "console")] =>
        {
            let device = if *device == "vnc" {
                ConsoleDevice::Vnc
            } else {
                ConsoleDevice::Serial
            };
            let instance = InstancePath {
                namespace: (*ns).to_owned(),
                name: (*name).to_owned(),
            };
            return ApiPath::Console(instance, device);
        }
        ["apis", group, version, rest @ ..] => (*group, *version, rest),
        _ => return ApiPath::Unknown,
    };
    if group == SUBRESOURCES_GROUP && version == "v1" && rest.is_empty() {
        return ApiPath::GroupVersion {
            group: group.to_owned(),
            version: version.to_owned(),
        };
    }
    if !resources::group_versions().contains(&(group, version)) {
        return ApiPath::Unknown;
    }
    let find = |plural: &str| resources::find(group, version, plural);
    match rest {
        [] => ApiPath::GroupVersion {
            group: group.to_owned(),
            version: version.to_owned(),
        },
        [plural] => match find(plural) {
            Some(resource) => ApiPath::Collection(CollectionPath {
                resource,
                namespace: None,
            }),
            None => ApiPath::Unknown,
        },
        ["namespaces", ns, plural] => match find(plural).filter(|r| r.namespaced) {
            Some(resource) => ApiPath::Collection(CollectionPath {
                resource,
                namespace: Some((*ns).to_owned()),
            }),
            None => ApiPath::Unknown,
        },
        ["namespaces", ns, plural, name] => match find(plural).filter(|r| r.namespaced) {
            Some(resource) => ApiPath::Item(ItemPath {
                resource,
                namespace: Some((*ns).to_owned()),
                name: (*name).to_owned(),
            }),
            None => ApiPath::Unknown,
        },
        [plural, name] => match find(plural).filter(|r| !r.namespaced) {
            Some(resource) => ApiPath::Item(ItemPath {
                resource,
                namespace: None,
                name: (*name).to_owned(),
            }),
            None => ApiPath::Unknown,
        },
        _ => ApiPath::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_with_and_without_the_console_prefix_are_the_same() {
        for prefix in ["", CONSOLE_PREFIX] {
            let p = parse(&format!(
                "{prefix}/apis/kubevirt.io/v1/namespaces/dev/virtualmachines/win11"
            ));
            match p {
                ApiPath::Item(ItemPath {
                    resource,
                    namespace,
                    name,
                }) => {
                    assert_eq!(resource.kind, "VirtualMachine");
                    assert_eq!(namespace.as_deref(), Some("dev"));
                    assert_eq!(name, "win11");
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn discovery_collections_and_cluster_scoped_items() {
        assert_eq!(parse("/api"), ApiPath::CoreVersions);
        assert_eq!(parse("/api/kubernetes/apis"), ApiPath::Groups);
        assert_eq!(
            parse("/api/v1"),
            ApiPath::GroupVersion {
                group: "".into(),
                version: "v1".into()
            }
        );
        assert!(matches!(
            parse("/apis/kubevirt.io/v1/virtualmachines"),
            ApiPath::Collection(CollectionPath {
                namespace: None,
                ..
            })
        ));
        assert!(matches!(
            parse("/api/v1/namespaces/dev"),
            ApiPath::Item(ItemPath {
                namespace: None,
                ..
            })
        ));
        assert_eq!(parse("/apis/nope.io/v1/things"), ApiPath::Unknown);
        assert_eq!(
            parse("/api/kubernetes/apis/subresources.kubevirt.io/v1/namespaces/dev/virtualmachines/w/restart"),
            ApiPath::VmAction(VmActionPath { namespace: "dev".into(), name: "w".into(), action: "restart".into() })
        );
        assert_eq!(parse("/api/v1/namespaces/dev/namespaces"), ApiPath::Unknown);
    }

    #[test]
    fn only_api_paths_are_api_paths() {
        assert!(is_api_path(
            "/api/kubernetes/apis/kubevirt.io/v1/virtualmachines"
        ));
        assert!(is_api_path("/apis"));
        assert!(!is_api_path("/vms"));
        assert!(!is_api_path("/ns/dev/vms/win11"));
        assert!(!is_api_path("/apiary.js"));
    }
}
