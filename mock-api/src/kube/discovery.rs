//! Discovery documents (`/version`, `/api`, `/apis`, `/apis/G/V`) in the legacy format kubectl
//! and client-go read.

use serde_json::{json, Value};

use crate::kube::resources::{group_versions, RESOURCES};

pub fn version() -> Value {
    json!({
        "major": "1", "minor": "32", "gitVersion": "v1.32.0", "gitCommit": "mock",
        "gitTreeState": "clean", "buildDate": "2026-01-01T00:00:00Z", "goVersion": "go1.23",
        "compiler": "gc", "platform": "linux/amd64"
    })
}

pub fn core_versions() -> Value {
    json!({
        "kind": "APIVersions",
        "versions": ["v1"],
        "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:8080"}]
    })
}

pub fn groups() -> Value {
    let groups: Vec<Value> = group_versions()
        .into_iter()
        .filter(|(group, _)| !group.is_empty())
        .map(|(group, version)| {
            let gv = json!({"groupVersion": format!("{group}/{version}"), "version": version});
            json!({"name": group, "versions": [gv.clone()], "preferredVersion": gv})
        })
        .collect();
    let mut groups = groups;
    let actions = json!({"groupVersion": "subresources.kubevirt.io/v1", "version": "v1"});
    groups.push(json!({"name": "subresources.kubevirt.io", "versions": [actions.clone()], "preferredVersion": actions}));
    json!({"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
}

pub fn resource_list(group: &str, version: &str) -> Value {
    let mut resources = Vec::new();
    if group == "subresources.kubevirt.io" {
        for action in ["start", "stop", "restart"] {
            resources.push(json!({"name": format!("virtualmachines/{action}"), "singularName": "", "namespaced": true, "kind": "", "verbs": ["update"]}));
        }
        resources.push(json!({"name": "virtualmachineinstances/guestosinfo", "singularName": "", "namespaced": true, "kind": "", "verbs": ["get"]}));
        resources.push(json!({"name": "virtualmachineinstances/userlist", "singularName": "", "namespaced": true, "kind": "", "verbs": ["get"]}));
    }
    for r in RESOURCES
        .iter()
        .filter(|r| r.group == group && r.version == version)
    {
        resources.push(json!({
            "name": r.plural,
            "singularName": r.singular,
            "namespaced": r.namespaced,
            "kind": r.kind,
            "verbs": ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
            "shortNames": r.short_names,
            "categories": r.categories,
        }));
        if r.status_subresource {
            resources.push(json!({
                "name": format!("{}/status", r.plural),
                "singularName": "",
                "namespaced": r.namespaced,
                "kind": r.kind,
                "verbs": ["get", "patch", "update"],
            }));
        }
    }
    let group_version = if group.is_empty() {
        version.to_owned()
    } else {
        format!("{group}/{version}")
    };
    json!({"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": group_version, "resources": resources})
}
