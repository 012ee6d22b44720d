//! The app's addresses: which page a path shows, and where the namespace selector leads.

use crate::api::paths::encode_segment;

/// Segment that marks the create page, as the OpenShift console spells it.
pub const NEW_SEGMENT: &str = "~new";

/// A page of the app and what it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppRoute {
    /// VMs in one namespace, or in all when `None`.
    VmList { namespace: Option<String> },
    /// The create wizard, defaulting to a namespace.
    CreateVm { namespace: Option<String> },
    /// One VM.
    VmDetails { namespace: String, name: String },
}

impl AppRoute {
    /// Reads a path such as `/ns/windows-dev/vms/win11`. Unknown paths give `None`.
    pub fn parse(path: &str) -> Option<Self> {
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        let ns = |s: &str| Some(decode_segment(s));
        match segments.as_slice() {
            [""] | ["vms"] => Some(Self::VmList { namespace: None }),
            ["vms", NEW_SEGMENT] => Some(Self::CreateVm { namespace: None }),
            ["ns", n, "vms"] => Some(Self::VmList { namespace: ns(n) }),
            ["ns", n, "vms", NEW_SEGMENT] => Some(Self::CreateVm { namespace: ns(n) }),
            ["ns", n, "vms", name] => Some(Self::VmDetails {
                namespace: decode_segment(n),
                name: decode_segment(name),
            }),
            _ => None,
        }
    }

    /// The path of this page.
    pub fn path(&self) -> String {
        let ns_prefix = |ns: &Option<String>| match ns {
            Some(ns) => format!("/ns/{}", encode_segment(ns)),
            None => String::new(),
        };
        match self {
            Self::VmList { namespace } => format!("{}/vms", ns_prefix(namespace)),
            Self::CreateVm { namespace } => format!("{}/vms/{NEW_SEGMENT}", ns_prefix(namespace)),
            Self::VmDetails { namespace, name } => {
                format!(
                    "/ns/{}/vms/{}",
                    encode_segment(namespace),
                    encode_segment(name)
                )
            }
        }
    }

    /// The namespace this page is scoped to, if any.
    pub fn namespace(&self) -> Option<&str> {
        match self {
            Self::VmList { namespace } | Self::CreateVm { namespace } => namespace.as_deref(),
            Self::VmDetails { namespace, .. } => Some(namespace),
        }
    }

    /// Where choosing another namespace leads: the same kind of page in that namespace; a VM's
    /// details page has no counterpart elsewhere, so it leads to the list.
    pub fn with_namespace(&self, namespace: Option<String>) -> Self {
        match self {
            Self::CreateVm { .. } => Self::CreateVm { namespace },
            Self::VmList { .. } | Self::VmDetails { .. } => Self::VmList { namespace },
        }
    }
}

/// Undoes the percent-encoding of a path segment; malformed escapes are kept as written.
fn decode_segment(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip() {
        let routes = [
            AppRoute::VmList { namespace: None },
            AppRoute::VmList {
                namespace: Some("windows-dev".into()),
            },
            AppRoute::CreateVm { namespace: None },
            AppRoute::CreateVm {
                namespace: Some("finance".into()),
            },
            AppRoute::VmDetails {
                namespace: "finance".into(),
                name: "win2k22-sql".into(),
            },
        ];
        for route in routes {
            assert_eq!(
                AppRoute::parse(&route.path()),
                Some(route.clone()),
                "{}",
                route.path()
            );
        }
    }

    #[test]
    fn the_root_is_the_list_of_all_vms_and_unknown_paths_are_none() {
        assert_eq!(
            AppRoute::parse("/"),
            Some(AppRoute::VmList { namespace: None })
        );
        assert_eq!(AppRoute::parse("/no/such/page"), None);
        assert_eq!(AppRoute::parse("/ns/x"), None);
    }

    #[test]
    fn changing_namespace_keeps_the_kind_of_page() {
        let details = AppRoute::VmDetails {
            namespace: "a".into(),
            name: "vm".into(),
        };
        assert_eq!(details.with_namespace(Some("b".into())).path(), "/ns/b/vms");
        let create = AppRoute::CreateVm {
            namespace: Some("a".into()),
        };
        assert_eq!(create.with_namespace(None).path(), "/vms/~new");
    }

    #[test]
    fn encoded_namespaces_are_decoded() {
        assert_eq!(
            AppRoute::parse("/ns/a%20b/vms").unwrap().namespace(),
            Some("a b")
        );
        assert_eq!(decode_segment("100%"), "100%");
    }
}
