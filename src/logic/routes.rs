//! The app's addresses: which page a path shows, and where the namespace selector leads.

use crate::api::paths::encode_segment;

/// Segment that marks the create page, as the OpenShift console spells it.
pub const NEW_SEGMENT: &str = "~new";

/// The query that opens a VM's page on its Console tab.
pub const CONSOLE_TAB_QUERY: &str = "?tab=console";

/// A page of the app and what it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppRoute {
    /// VMs in one namespace, or in all when `None`.
    VmList { namespace: Option<String> },
    /// The create wizard, defaulting to a namespace.
    CreateVm { namespace: Option<String> },
    /// One VM.
    VmDetails { namespace: String, name: String },
    /// One VM's console, filling a window of its own.
    VmConsole { namespace: String, name: String },
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
            ["ns", n, "vms", name, "console"] => Some(Self::VmConsole {
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
            Self::VmConsole { namespace, name } => {
                format!(
                    "/ns/{}/vms/{}/console",
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
            Self::VmDetails { namespace, .. } | Self::VmConsole { namespace, .. } => {
                Some(namespace)
            }
        }
    }

    /// Where choosing another namespace leads: the same kind of page in that namespace; a VM's
    /// details page has no counterpart elsewhere, so it leads to the list.
    pub fn with_namespace(&self, namespace: Option<String>) -> Self {
        match self {
            Self::CreateVm { .. } => Self::CreateVm { namespace },
            Self::VmList { .. } | Self::VmDetails { .. } | Self::VmConsole { .. } => {
                Self::VmList { namespace }
            }
        }
    }
}

/// `path` under the app's base path (`/windows-vms` inside the console, empty standalone).
pub fn with_base(base: &str, path: &str) -> String {
    format!("{}{path}", base.trim_end_matches('/'))
}

/// The app's own part of a browser path: what follows the base path.
pub fn strip_base<'a>(base: &str, path: &'a str) -> &'a str {
    let base = base.trim_end_matches('/');
    match path.strip_prefix(base) {
        Some(rest) if !base.is_empty() && (rest.is_empty() || rest.starts_with('/')) => rest,
        _ => path,
    }
}

/// The page a deep link asks for with `?to=/ns/…/vms/…`: a static server without a fallback
/// to `index.html` (`kubectl proxy --www`) can only serve the root, so links carry the page
/// in the query. Only paths of this app are taken.
pub fn deep_link_target(query: &str) -> Option<String> {
    let query = query.trim_start_matches('?');
    let value = query.split('&').find_map(|pair| pair.strip_prefix("to="))?;
    let path = decode_segment(value);
    let (route_part, _) = path.split_once('?').unwrap_or((&path, ""));
    (path.starts_with('/') && !path.starts_with("//") && AppRoute::parse(route_part).is_some())
        .then_some(path)
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
    fn the_base_path_is_added_to_links_and_taken_off_locations() {
        assert_eq!(
            with_base("/windows-vms", "/ns/a/vms"),
            "/windows-vms/ns/a/vms"
        );
        assert_eq!(with_base("", "/vms"), "/vms");
        assert_eq!(
            strip_base("/windows-vms/", "/windows-vms/ns/a/vms"),
            "/ns/a/vms"
        );
        assert_eq!(
            strip_base("/windows-vms", "/windows-vmsx/vms"),
            "/windows-vmsx/vms"
        );
        assert_eq!(strip_base("", "/vms"), "/vms");
    }

    #[test]
    fn deep_links_in_the_query_lead_only_to_pages_of_the_app() {
        assert_eq!(
            deep_link_target("?to=%2Fns%2Fwindows-dev%2Fvms%2Fwin11"),
            Some("/ns/windows-dev/vms/win11".into())
        );
        assert_eq!(
            deep_link_target("to=/ns/a/vms/~new"),
            Some("/ns/a/vms/~new".into())
        );
        assert_eq!(deep_link_target("?to=//evil.example/x"), None);
        assert_eq!(deep_link_target("?to=https://evil.example"), None);
        assert_eq!(deep_link_target("?other=1"), None);
        assert_eq!(deep_link_target("?to=/etc/passwd"), None);
    }

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
            AppRoute::VmConsole {
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
        assert_eq!(AppRoute::parse("/ns/x/vms/y/console/more"), None);
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
