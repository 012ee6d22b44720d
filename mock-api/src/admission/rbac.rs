//! RBAC, as far as tests need it: everything is allowed except what a test denied (a verb on a
//! resource, optionally in one namespace). Denied requests get RBAC's 403, and a
//! SelfSubjectAccessReview answers `allowed: false` for them, as a cluster would.

use axum::http::Method;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::kube::paths::{
    ApiPath, CollectionPath, InstancePath, ItemPath, VmActionPath, SUBRESOURCES_GROUP,
};
use crate::kube::status::ApiStatus;

/// One denied permission.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Denial {
    /// `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, or `*`.
    pub verb: String,
    /// Plural resource name, with `/subresource` for one (`virtualmachines/restart`).
    pub resource: String,
    /// Only in this namespace; everywhere when absent.
    pub namespace: Option<String>,
}

/// What a request asks to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    pub verb: String,
    pub group: String,
    pub resource: String,
    pub namespace: Option<String>,
}

/// Most denials in force at once: each is matched against every API request.
pub const MAX_DENIALS: usize = 1000;

/// A denial refused because `MAX_DENIALS` are in force.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{MAX_DENIALS} denials are in force already; DELETE /mock/rbac first")]
pub struct TooManyDenials;

/// The denials in force.
#[derive(Debug, Default)]
pub struct Denials(Vec<Denial>);

impl Denials {
    pub fn add(&mut self, denial: Denial) -> Result<(), TooManyDenials> {
        if self.0.len() >= MAX_DENIALS {
            return Err(TooManyDenials);
        }
        self.0.push(denial);
        Ok(())
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn denies(&self, access: &Access) -> bool {
        self.0.iter().any(|d| {
            (d.verb == "*" || d.verb == access.verb)
                && d.resource == access.resource
                && d.namespace
                    .as_ref()
                    .is_none_or(|ns| access.namespace.as_ref() == Some(ns))
        })
    }
}

/// The verb of a request, as RBAC names it.
pub fn verb(method: &Method, is_item: bool, query: &str) -> &'static str {
    match (method, is_item) {
        (&Method::GET, false) if query.contains("watch=true") || query.contains("watch=1") => {
            "watch"
        }
        (&Method::GET, false) => "list",
        (&Method::GET, true) => "get",
        (&Method::POST, _) => "create",
        (&Method::PUT, _) => "update",
        (&Method::PATCH, _) => "patch",
        (&Method::DELETE, _) => "delete",
        _ => "get",
    }
}

/// What a request asks to do, when it addresses a resource.
pub fn access_of(method: &Method, api_path: &ApiPath, query: &str) -> Option<Access> {
    match api_path {
        ApiPath::Collection(CollectionPath {
            resource,
            namespace,
        })
        | ApiPath::Item(ItemPath {
            resource,
            namespace,
            ..
        }) => Some(Access {
            verb: verb(method, matches!(api_path, ApiPath::Item(_)), query).to_owned(),
            group: resource.group.to_owned(),
            resource: resource.plural.to_owned(),
            namespace: namespace.clone(),
        }),
        ApiPath::VmAction(VmActionPath {
            namespace, action, ..
        }) => Some(Access {
            verb: "update".to_owned(),
            group: SUBRESOURCES_GROUP.to_owned(),
            resource: format!("virtualmachines/{action}"),
            namespace: Some(namespace.clone()),
        }),
        ApiPath::GuestOsInfo(InstancePath { namespace, .. }) => Some(Access {
            verb: "get".to_owned(),
            group: SUBRESOURCES_GROUP.to_owned(),
            resource: "virtualmachineinstances/guestosinfo".to_owned(),
            namespace: Some(namespace.clone()),
        }),
        ApiPath::UserList(InstancePath { namespace, .. }) => Some(Access {
            verb: "get".to_owned(),
            group: SUBRESOURCES_GROUP.to_owned(),
            resource: "virtualmachineinstances/userlist".to_owned(),
            namespace: Some(namespace.clone()),
        }),
        ApiPath::Console(InstancePath { namespace, .. }, device) => Some(Access {
            verb: "get".to_owned(),
            group: SUBRESOURCES_GROUP.to_owned(),
            resource: format!("virtualmachineinstances/{}", device.subresource()),
            namespace: Some(namespace.clone()),
        }),
        _ => None,
    }
}

/// Answers a SelfSubjectAccessReview (the request body) with its status filled in.
pub fn review(denials: &Denials, mut review: Value) -> Value {
    let attributes = &review["spec"]["resourceAttributes"];
    let text = |field: &str| attributes[field].as_str().unwrap_or_default().to_owned();
    let resource = match text("subresource").as_str() {
        "" => text("resource"),
        sub => format!("{}/{sub}", text("resource")),
    };
    let namespace = Some(text("namespace")).filter(|ns| !ns.is_empty());
    let access = Access {
        verb: text("verb"),
        group: text("group"),
        resource,
        namespace,
    };
    let allowed = !denials.denies(&access);
    review["status"] = if allowed {
        json!({"allowed": true, "reason": "allowed by the mock's RBAC"})
    } else {
        json!({"allowed": false, "denied": true, "reason": "denied by a test"})
    };
    review
}

/// RBAC's refusal, worded as the API server words it.
pub fn forbidden(method: &Method, api_path: &ApiPath, query: &str) -> ApiStatus {
    let (resource, namespace, name) = match api_path {
        ApiPath::Collection(CollectionPath {
            resource,
            namespace,
        }) => (Some(*resource), namespace.clone(), None),
        ApiPath::Item(ItemPath {
            resource,
            namespace,
            name,
        }) => (Some(*resource), namespace.clone(), Some(name.clone())),
        _ => (None, None, None),
    };
    let verb = verb(method, name.is_some(), query);
    if let ApiPath::VmAction(VmActionPath {
        namespace,
        name,
        action,
    }) = api_path
    {
        return ApiStatus::new(
            403,
            "Forbidden",
            format!("virtualmachines.subresources.kubevirt.io \"{name}\" is forbidden: User \"developer\" cannot update resource \"virtualmachines/{action}\" in API group \"subresources.kubevirt.io\" in the namespace \"{namespace}\""),
        );
    }
    if let ApiPath::Console(InstancePath { namespace, name }, device) = api_path {
        return ApiStatus::new(
            403,
            "Forbidden",
            format!("virtualmachineinstances.subresources.kubevirt.io \"{name}\" is forbidden: User \"developer\" cannot get resource \"virtualmachineinstances/{}\" in API group \"subresources.kubevirt.io\" in the namespace \"{namespace}\"", device.subresource()),
        );
    }
    let Some(resource) = resource else {
        return ApiStatus::new(
            403,
            "Forbidden",
            format!("forbidden: User \"developer\" cannot {verb} path"),
        );
    };
    let scope = match &namespace {
        Some(ns) => format!(" in the namespace \"{ns}\""),
        None => " at the cluster scope".to_owned(),
    };
    let subject = match &name {
        Some(name) => format!("{} \"{name}\"", resource.qualified_name()),
        None => resource.qualified_name(),
    };
    ApiStatus {
        details: Some(json!({"group": resource.group, "kind": resource.plural})),
        ..ApiStatus::new(
            403,
            "Forbidden",
            format!(
                "{subject} is forbidden: User \"developer\" cannot {verb} resource \"{}\" in API group \"{}\"{scope}",
                resource.plural, resource.group
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_denial_matches_its_verb_resource_and_namespace_only() {
        let mut denials = Denials::default();
        denials
            .add(Denial {
                verb: "create".into(),
                resource: "cronjobs".into(),
                namespace: Some("finance-apps".into()),
            })
            .unwrap();
        let access = |verb: &str, namespace: &str| Access {
            verb: verb.into(),
            group: "batch".into(),
            resource: "cronjobs".into(),
            namespace: Some(namespace.into()),
        };
        assert!(denials.denies(&access("create", "finance-apps")));
        assert!(!denials.denies(&access("list", "finance-apps")));
        assert!(!denials.denies(&access("create", "windows-dev")));
        let answered = review(
            &denials,
            json!({"spec": {"resourceAttributes": {"verb": "create", "group": "batch", "resource": "cronjobs", "namespace": "finance-apps"}}}),
        );
        assert_eq!(answered["status"]["allowed"], false);
        let restart = review(
            &denials,
            json!({"spec": {"resourceAttributes": {"verb": "update", "group": "subresources.kubevirt.io", "resource": "virtualmachines", "subresource": "restart", "namespace": "finance-apps"}}}),
        );
        assert_eq!(restart["status"]["allowed"], true);
    }
}
