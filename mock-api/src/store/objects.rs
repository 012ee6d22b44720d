//! The object store: every object kept as JSON, keyed by resource, namespace and name, with
//! the metadata a real API server assigns (uid, resourceVersion, generation, creation time).

use std::collections::BTreeMap;

use chrono::{SecondsFormat, Utc};
use serde_json::{json, Value};

use crate::kube::resources::ResourceType;
use crate::kube::status::ApiStatus;
use crate::store::watch::{EventLog, WatchEvent};

/// Where an object lives: resource (`plural.group`), namespace (empty when cluster-scoped), name.
type ObjectKey = (String, String, String);

/// All objects, and the counter behind resourceVersions.
#[derive(Debug, Default)]
pub struct Store {
    objects: BTreeMap<ObjectKey, Value>,
    resource_version: u64,
    /// Every change, for watches.
    pub events: EventLog,
}

impl Store {
    /// The latest resourceVersion as a number.
    pub fn latest(&self) -> u64 {
        self.resource_version
    }

    fn record(&mut self, kind: &'static str, key: &ObjectKey, object: &Value) {
        self.events.record(WatchEvent {
            resource_version: self.resource_version,
            kind,
            resource: key.0.clone(),
            namespace: key.1.clone(),
            object: std::sync::Arc::new(object.clone()),
        });
    }

    /// The latest resourceVersion, as a string as Kubernetes sends it.
    pub fn resource_version(&self) -> String {
        self.resource_version.to_string()
    }

    fn next_resource_version(&mut self) -> String {
        self.resource_version += 1;
        self.resource_version.to_string()
    }

    /// Objects of one resource in a namespace (or all), ordered by namespace and name.
    pub fn list(&self, resource: &ResourceType, namespace: Option<&str>) -> Vec<&Value> {
        let qualified = resource.qualified_name();
        self.objects
            .iter()
            .filter(|((r, ns, _), _)| *r == qualified && namespace.is_none_or(|want| want == ns))
            .map(|(_, object)| object)
            .collect()
    }

    pub fn get(&self, resource: &ResourceType, namespace: &str, name: &str) -> Option<&Value> {
        self.objects.get(&(
            resource.qualified_name(),
            namespace.to_owned(),
            name.to_owned(),
        ))
    }

    /// Whether a namespace object exists.
    pub fn namespace_exists(&self, namespace: &str) -> bool {
        self.objects
            .contains_key(&("namespaces".to_owned(), String::new(), namespace.to_owned()))
    }

    /// Creates an object as a POST would: checks it, fills in server-set metadata, stores it
    /// unless `dry_run`, and returns what was (or would have been) stored.
    pub fn create(
        &mut self,
        resource: &ResourceType,
        namespace: &str,
        mut object: Value,
        dry_run: bool,
    ) -> Result<Value, ApiStatus> {
        check_type(resource, &object)?;
        if resource.status_subresource {
            if let Some(fields) = object.as_object_mut() {
                fields.remove("status");
            }
        }
        let metadata = object
            .get_mut("metadata")
            .and_then(Value::as_object_mut)
            .ok_or_else(|| {
                ApiStatus::bad_request("Object 'metadata' is missing or not an object")
            })?;
        if resource.namespaced {
            match metadata.get("namespace").and_then(Value::as_str) {
                Some(ns) if ns != namespace => {
                    return Err(ApiStatus::bad_request(
                        "the namespace of the provided object does not match the namespace sent on the request",
                    ))
                }
                _ => {
                    metadata.insert("namespace".into(), json!(namespace));
                }
            }
        }
        let name = match (
            metadata.get("name").and_then(Value::as_str),
            metadata.get("generateName").and_then(Value::as_str),
        ) {
            (Some(name), _) if !name.is_empty() => name.to_owned(),
            (_, Some(prefix)) if !prefix.is_empty() => format!("{prefix}{}", random_suffix()),
            _ => {
                return Err(ApiStatus::invalid(
                    resource,
                    "",
                    vec![(
                        "metadata.name".into(),
                        "Required value: name or generateName is required".into(),
                    )],
                ))
            }
        };
        if let Some(problem) = dns_subdomain_problem(&name) {
            return Err(ApiStatus::invalid(
                resource,
                &name,
                vec![(
                    "metadata.name".into(),
                    format!("Invalid value: \"{name}\": {problem}"),
                )],
            ));
        }
        if resource.namespaced && !self.namespace_exists(namespace) {
            return Err(ApiStatus::new(
                404,
                "NotFound",
                format!("namespaces \"{namespace}\" not found"),
            ));
        }
        let key_namespace = if resource.namespaced {
            namespace.to_owned()
        } else {
            String::new()
        };
        let key = (resource.qualified_name(), key_namespace, name.clone());
        if self.objects.contains_key(&key) {
            return Err(ApiStatus::already_exists(resource, &name));
        }
        metadata.insert("name".into(), json!(name));
        metadata.insert("uid".into(), json!(uuid::Uuid::new_v4().to_string()));
        metadata.insert("generation".into(), json!(1));
        metadata
            .entry("creationTimestamp")
            .or_insert_with(|| json!(now_timestamp()));
        if dry_run {
            return Ok(object);
        }
        let rv = self.next_resource_version();
        set_resource_version(&mut object, rv);
        self.record("ADDED", &key, &object);
        self.objects.insert(key, object.clone());
        Ok(object)
    }

    /// Changes a stored object in place and gives it a new resourceVersion; `None` when it is
    /// gone. The caller bumps `generation` when it changes the spec.
    pub fn modify(
        &mut self,
        resource: &ResourceType,
        namespace: &str,
        name: &str,
        change: impl FnOnce(&mut Value),
    ) -> Option<Value> {
        let key = (
            resource.qualified_name(),
            namespace.to_owned(),
            name.to_owned(),
        );
        if !self.objects.contains_key(&key) {
            return None;
        }
        let rv = self.next_resource_version();
        let object = self.objects.get_mut(&key)?;
        change(object);
        set_resource_version(object, rv);
        let object = object.clone();
        self.record("MODIFIED", &key, &object);
        Some(object)
    }

    /// Removes an object and returns it.
    pub fn delete(
        &mut self,
        resource: &ResourceType,
        namespace: &str,
        name: &str,
    ) -> Option<Value> {
        let key = (
            resource.qualified_name(),
            namespace.to_owned(),
            name.to_owned(),
        );
        let mut object = self.objects.remove(&key)?;
        let rv = self.next_resource_version();
        set_resource_version(&mut object, rv);
        self.record("DELETED", &key, &object);
        Some(object)
    }

    /// Replaces the stored status of an object, as a controller does; returns false when the
    /// object is gone.
    pub fn set_status(
        &mut self,
        resource: &ResourceType,
        namespace: &str,
        name: &str,
        status: Value,
    ) -> bool {
        self.modify(resource, namespace, name, |object| {
            if let Some(fields) = object.as_object_mut() {
                fields.insert("status".into(), status);
            }
        })
        .is_some()
    }
}

/// Sets an object's resourceVersion. What is stored was checked on the way in, so its metadata
/// is an object; this writes without indexing all the same, as a panic here would be one while
/// the store's lock is held.
fn set_resource_version(object: &mut Value, resource_version: String) {
    let Some(fields) = object.as_object_mut() else {
        return;
    };
    let metadata = fields.entry("metadata").or_insert(Value::Null);
    if metadata.is_null() {
        *metadata = json!({});
    }
    if let Some(metadata) = metadata.as_object_mut() {
        metadata.insert("resourceVersion".into(), json!(resource_version));
    }
}

/// Rejects an object whose apiVersion or kind is not the resource's, as the API server does.
fn check_type(resource: &ResourceType, object: &Value) -> Result<(), ApiStatus> {
    if !object.is_object() {
        return Err(ApiStatus::bad_request(
            "the body of the request was in an unknown format",
        ));
    }
    let api_version = object
        .get("apiVersion")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if api_version != resource.api_version() {
        return Err(ApiStatus::bad_request(format!(
            "the API version in the data ({api_version}) does not match the expected API version ({})",
            resource.api_version()
        )));
    }
    let kind = object
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if kind != resource.kind {
        return Err(ApiStatus::bad_request(format!(
            "the kind in the data ({kind}) does not match the expected kind ({})",
            resource.kind
        )));
    }
    Ok(())
}

/// Why `name` is not a DNS-1123 subdomain, in the API server's words, or `None` if it is one.
fn dns_subdomain_problem(name: &str) -> Option<&'static str> {
    let label_ok = |label: &str| {
        !label.is_empty()
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    if name.len() > 253 {
        Some("must be no more than 253 characters")
    } else if !name.split('.').all(label_ok) {
        Some("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
    } else {
        None
    }
}

/// Five lowercase characters, as generateName appends.
fn random_suffix() -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    uuid::Uuid::new_v4().as_bytes()[..5]
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

/// The current time as Kubernetes writes it (`2026-11-25T20:00:00Z`).
pub fn now_timestamp() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kube::resources::find;

    fn store_with_namespace(ns: &str) -> Store {
        let mut store = Store::default();
        let namespaces = find("", "v1", "namespaces").unwrap();
        store
            .create(
                namespaces,
                "",
                json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}),
                false,
            )
            .unwrap();
        store
    }

    fn vm(name: &str) -> Value {
        json!({"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine", "metadata": {"name": name}, "spec": {}})
    }

    #[test]
    fn create_assigns_server_metadata_and_increasing_resource_versions() {
        let mut store = store_with_namespace("dev");
        let vms = find("kubevirt.io", "v1", "virtualmachines").unwrap();
        let a = store.create(vms, "dev", vm("a"), false).unwrap();
        let b = store.create(vms, "dev", vm("b"), false).unwrap();
        assert_eq!(a["metadata"]["namespace"], "dev");
        assert!(a["metadata"]["uid"].as_str().is_some_and(|u| u.len() == 36));
        assert_eq!(a["metadata"]["generation"], 1);
        let rv = |o: &Value| {
            o["metadata"]["resourceVersion"]
                .as_str()
                .unwrap()
                .parse::<u64>()
                .unwrap()
        };
        assert!(rv(&b) > rv(&a));
        assert_eq!(store.list(vms, Some("dev")).len(), 2);
        assert_eq!(store.list(vms, Some("other")).len(), 0);
    }

    #[test]
    fn creating_twice_is_a_conflict_and_dry_run_stores_nothing() {
        let mut store = store_with_namespace("dev");
        let vms = find("kubevirt.io", "v1", "virtualmachines").unwrap();
        store.create(vms, "dev", vm("dry"), true).unwrap();
        assert!(store.get(vms, "dev", "dry").is_none());
        store.create(vms, "dev", vm("a"), false).unwrap();
        let err = store.create(vms, "dev", vm("a"), false).unwrap_err();
        assert_eq!((err.code, err.reason), (409, "AlreadyExists"));
    }

    #[test]
    fn bad_names_wrong_kinds_and_missing_namespaces_are_refused() {
        let mut store = store_with_namespace("dev");
        let vms = find("kubevirt.io", "v1", "virtualmachines").unwrap();
        assert_eq!(
            store
                .create(vms, "dev", vm("Bad_Name"), false)
                .unwrap_err()
                .code,
            422
        );
        assert_eq!(
            store.create(vms, "nope", vm("a"), false).unwrap_err().code,
            404
        );
        let mut wrong = vm("a");
        wrong["kind"] = json!("VirtualMachineInstance");
        assert_eq!(
            store.create(vms, "dev", wrong, false).unwrap_err().code,
            400
        );
    }

    #[test]
    fn generate_name_gets_a_random_suffix() {
        let mut store = store_with_namespace("dev");
        let vms = find("kubevirt.io", "v1", "virtualmachines").unwrap();
        let object = json!({"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine", "metadata": {"generateName": "win-"}});
        let created = store.create(vms, "dev", object, false).unwrap();
        let name = created["metadata"]["name"].as_str().unwrap();
        assert!(name.starts_with("win-") && name.len() == 9, "{name}");
    }
}
