//! The garbage collector: deleting an object deletes what it owns, and what that owns.

use std::collections::HashMap;

use serde_json::Value;

use crate::kube::resources::{ResourceType, RESOURCES};
use crate::kube::status::ApiStatus;
use crate::state::{lock, Shared};

/// An object with an owner.
struct Dependent {
    resource: &'static ResourceType,
    namespace: String,
    name: String,
    uid: String,
}

/// Deletes an object and, as the garbage collector does, everything it owns (a VM's instance,
/// the Services created for it, and what those own in turn).
pub fn delete(
    shared: &Shared,
    resource: &'static ResourceType,
    namespace: &str,
    name: &str,
) -> Result<Value, ApiStatus> {
    let mut state = lock(shared);
    let deleted = state
        .store
        .delete(resource, namespace, name)
        .ok_or_else(|| ApiStatus::not_found(resource, name))?;
    if resource.kind == "VirtualMachine" {
        state.next_turn(namespace, name);
    }
    // Who owns what, read in one pass: following it then costs no pass over the store per
    // object deleted.
    let mut dependents: HashMap<String, Vec<Dependent>> = HashMap::new();
    for dependent_type in RESOURCES {
        for object in state.store.list(dependent_type, None) {
            let meta = &object["metadata"];
            let text = |field: &str| meta[field].as_str().unwrap_or_default().to_owned();
            let owners = meta["ownerReferences"].as_array().into_iter().flatten();
            for owner in owners.filter_map(|r| r["uid"].as_str()) {
                dependents
                    .entry(owner.to_owned())
                    .or_default()
                    .push(Dependent {
                        resource: dependent_type,
                        namespace: text("namespace"),
                        name: text("name"),
                        uid: text("uid"),
                    });
            }
        }
    }
    let mut owners: Vec<String> = deleted["metadata"]["uid"]
        .as_str()
        .map(str::to_owned)
        .into_iter()
        .collect();
    while let Some(owner) = owners.pop() {
        for dependent in dependents.remove(&owner).unwrap_or_default() {
            if state
                .store
                .delete(dependent.resource, &dependent.namespace, &dependent.name)
                .is_some()
            {
                owners.push(dependent.uid);
            }
        }
    }
    Ok(deleted)
}
