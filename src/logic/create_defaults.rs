//! What a new VM starts with when the cluster has more to offer than the OS's own defaults:
//! the OS's ready image to boot from, the instancetype that fits it, and the namespace.

use super::cluster_options::{ClusterOptions, DataSourceInfo};
use super::vm_draft::{BootSource, InstancetypeChoice, OsChoice, VmDraft};
use crate::model::ObjectRef;

/// Namespaces no VM of a user's belongs in: the cluster's own, and where the OS images live.
const SYSTEM_PREFIXES: [&str; 3] = ["kube-", "openshift", "kubevirt-"];

/// The DataSource a VM of `os` boots from unless the user chooses: the first ready one that
/// says it is this OS (its default-preference label) or is named as the common templates name
/// it (`windows-11`, `win11`, `fedora`). The VM's namespace is looked at first.
pub fn default_boot_image(os: OsChoice, options: &ClusterOptions) -> Option<&ObjectRef> {
    let names = common_names(os);
    options.data_sources.iter().find(|source| {
        let Some(info) = options.data_source_info.get(&source.to_string()) else {
            return false;
        };
        let says_so = info.defaults.preference.as_deref() == Some(os.preference());
        info.ready && (says_so || names.contains(&source.name))
    })
}

/// The names the common templates give an OS's image: `windows.11` is `windows-11`,
/// `windows11` or `win11`; `rhel.9` is `rhel9`.
fn common_names(os: OsChoice) -> Vec<String> {
    let preference = os.preference();
    let mut names = vec![preference.replace('.', "-"), preference.replace('.', "")];
    if let Some(version) = preference.strip_prefix("windows.") {
        names.push(format!("win{version}"));
    }
    names
}

/// The size a VM of `os` booting from `image` starts with, when the cluster has
/// instancetypes: the one the image suggests, else the smallest that meets what the OS needs.
/// `None` (vCPUs and memory of its own) when none does.
pub fn default_instancetype(
    os: OsChoice,
    options: &ClusterOptions,
    image: Option<&DataSourceInfo>,
) -> Option<InstancetypeChoice> {
    let suggested = image.and_then(|info| info.defaults.instancetype.as_deref());
    if let Some(found) =
        suggested.and_then(|name| options.instancetypes.iter().find(|it| it.name == name))
    {
        return Some(found.clone());
    }
    let (cpus, memory_gib, _) = os.suggested_size();
    // The list is smallest first.
    options
        .instancetypes
        .iter()
        .find(|it| it.cpus >= cpus && it.memory_mib >= u64::from(memory_gib) * 1024)
        .cloned()
}

/// The draft with what the cluster offers for what the user has not chosen: the boot source
/// follows the OS (its ready image, else the OS's own default), and so do the size and the root
/// disk, which grows to hold the image.
pub fn with_cluster_defaults(draft: &VmDraft, options: &ClusterOptions) -> VmDraft {
    let mut next = draft.clone();
    if !draft.boot_chosen {
        next.boot = match default_boot_image(draft.os, options) {
            Some(image) => BootSource::DataSource {
                namespace: image.namespace.clone(),
                name: image.name.clone(),
            },
            None => draft.os.suggested_boot(),
        };
    }
    let image = match &next.boot {
        BootSource::DataSource { namespace, name } => {
            options.data_source_info.get(&format!("{namespace}/{name}"))
        }
        _ => None,
    };
    if !draft.size_chosen {
        next.instancetype = default_instancetype(draft.os, options, image);
        let image_gib = image.and_then(|info| info.size_mib).map_or(0, |mib| {
            u32::try_from(mib.div_ceil(1024)).unwrap_or(u32::MAX)
        });
        next.disk_gib = draft.os.suggested_size().2.max(image_gib);
    }
    next
}

/// Where a new VM goes when the page names no namespace: the one the user last used, if they
/// may create VMs there, else the first of `namespaces` where they may, else `default`.
/// `may_create` answers for the namespaces asked about; others count as not allowed.
pub fn default_namespace(
    remembered: Option<&str>,
    namespaces: &[String],
    may_create: &dyn Fn(&str) -> bool,
) -> String {
    remembered
        .filter(|ns| may_create(ns))
        .or_else(|| {
            candidate_namespaces(namespaces)
                .into_iter()
                .find(|ns| may_create(ns))
        })
        .unwrap_or("default")
        .to_owned()
}

/// Most namespaces asked about for a default: in a cluster of hundreds, the first few do.
pub const MAX_NAMESPACES_ASKED: usize = 20;

/// The namespaces to ask about (may the user create VMs there?) for `default_namespace`: the
/// remembered one, then the candidates, at most `MAX_NAMESPACES_ASKED`.
pub fn namespaces_to_ask(remembered: Option<&str>, namespaces: &[String]) -> Vec<String> {
    let mut asked: Vec<String> = remembered.map(str::to_owned).into_iter().collect();
    for ns in candidate_namespaces(namespaces) {
        if asked.len() >= MAX_NAMESPACES_ASKED {
            break;
        }
        if !asked.iter().any(|a| a == ns) {
            asked.push(ns.to_owned());
        }
    }
    asked
}

/// The namespaces worth asking about, in order: every listed one but the system's.
pub fn candidate_namespaces(namespaces: &[String]) -> Vec<&str> {
    namespaces
        .iter()
        .map(String::as_str)
        .filter(|ns| !SYSTEM_PREFIXES.iter().any(|p| ns.starts_with(p)))
        .collect()
}

/// The SelfSubjectAccessReview that asks whether the user may create VMs in `namespace`.
pub fn may_create_vms_review(namespace: &str) -> serde_json::Value {
    access_review(namespace, "create", "kubevirt.io", "virtualmachines")
}

/// The SelfSubjectAccessReview that asks whether the user may `verb` `resource` of `group`
/// in `namespace`.
pub fn access_review(
    namespace: &str,
    verb: &str,
    group: &str,
    resource: &str,
) -> serde_json::Value {
    serde_json::json!({
        "apiVersion": "authorization.k8s.io/v1",
        "kind": "SelfSubjectAccessReview",
        "spec": {"resourceAttributes": {
            "namespace": namespace,
            "verb": verb,
            "group": group,
            "resource": resource,
        }},
    })
}

#[cfg(test)]
mod tests;
