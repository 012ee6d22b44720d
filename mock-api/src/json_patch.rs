//! The two patch formats KubeVirt objects accept: JSON merge patch (RFC 7386) and JSON patch
//! (RFC 6902, with `test`), applied to plain JSON values.

use serde_json::{Map, Value};

/// Why a JSON patch could not be applied; the text is what the API server reports.
#[derive(Debug, PartialEq, Eq)]
pub enum PatchError {
    /// The body is not a list of operations.
    Malformed(String),
    /// An operation could not be applied (a missing path, a failed `test`).
    Failed(String),
}

/// Applies a merge patch: objects merge, `null` removes, anything else replaces.
pub fn merge(target: &mut Value, patch: &Value) {
    let Some(patch_fields) = patch.as_object() else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let Some(target_fields) = target.as_object_mut() else {
        return;
    };
    for (key, value) in patch_fields {
        if value.is_null() {
            target_fields.remove(key);
        } else {
            merge(
                target_fields.entry(key.clone()).or_insert(Value::Null),
                value,
            );
        }
    }
}

/// Applies a JSON patch, all or nothing.
pub fn apply(target: &mut Value, patch: &Value) -> Result<(), PatchError> {
    let operations = patch.as_array().ok_or_else(|| {
        PatchError::Malformed(
            "json: cannot unmarshal object into Go value of type jsonpatch.Patch".into(),
        )
    })?;
    let mut patched = target.clone();
    for operation in operations {
        apply_one(&mut patched, operation)?;
    }
    *target = patched;
    Ok(())
}

fn apply_one(target: &mut Value, operation: &Value) -> Result<(), PatchError> {
    let op = operation["op"].as_str().unwrap_or_default();
    let path = operation["path"]
        .as_str()
        .ok_or_else(|| PatchError::Malformed(format!("operation {op:?} has no path")))?;
    let value = || {
        operation.get("value").cloned().ok_or_else(|| {
            PatchError::Malformed(format!("operation {op:?} on {path} has no value"))
        })
    };
    let from = || {
        operation["from"]
            .as_str()
            .ok_or_else(|| PatchError::Malformed(format!("operation {op:?} has no from")))
    };
    match op {
        "add" => add(target, path, value()?),
        "remove" => remove(target, path).map(drop),
        "replace" => {
            let slot = target
                .pointer_mut(path)
                .ok_or_else(|| missing("replace", path))?;
            *slot = value()?;
            Ok(())
        }
        "test" => match target.pointer(path) {
            Some(current) if *current == value()? => Ok(()),
            _ => Err(PatchError::Failed(format!(
                "testing value {path} failed: test failed"
            ))),
        },
        "move" => {
            let moved = remove(target, from()?)?;
            add(target, path, moved)
        }
        "copy" => {
            let copied = target
                .pointer(from()?)
                .cloned()
                .ok_or_else(|| missing("copy", path))?;
            add(target, path, copied)
        }
        other => Err(PatchError::Malformed(format!("Unexpected kind: {other}"))),
    }
}

fn missing(op: &str, path: &str) -> PatchError {
    PatchError::Failed(format!(
        "{op} operation does not apply: doc is missing path: \"{path}\": missing value"
    ))
}

/// The parent of a pointer and its last token, unescaped.
fn split(path: &str) -> Option<(&str, String)> {
    let (parent, last) = path.rsplit_once('/')?;
    Some((parent, last.replace("~1", "/").replace("~0", "~")))
}

fn add(target: &mut Value, path: &str, value: Value) -> Result<(), PatchError> {
    if path.is_empty() {
        *target = value;
        return Ok(());
    }
    let (parent, key) = split(path).ok_or_else(|| missing("add", path))?;
    match target.pointer_mut(parent) {
        Some(Value::Object(fields)) => {
            fields.insert(key, value);
            Ok(())
        }
        Some(Value::Array(items)) => {
            let index = if key == "-" {
                items.len()
            } else {
                key.parse::<usize>()
                    .ok()
                    .filter(|i| *i <= items.len())
                    .ok_or_else(|| missing("add", path))?
            };
            items.insert(index, value);
            Ok(())
        }
        _ => Err(missing("add", path)),
    }
}

fn remove(target: &mut Value, path: &str) -> Result<Value, PatchError> {
    let (parent, key) = split(path).ok_or_else(|| missing("remove", path))?;
    match target.pointer_mut(parent) {
        Some(Value::Object(fields)) => fields.remove(&key).ok_or_else(|| missing("remove", path)),
        Some(Value::Array(items)) => key
            .parse::<usize>()
            .ok()
            .filter(|i| *i < items.len())
            .map(|i| items.remove(i))
            .ok_or_else(|| missing("remove", path)),
        _ => Err(missing("remove", path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_merge_patch_merges_objects_and_removes_nulls() {
        let mut doc = json!({"a": {"b": 1, "c": 2}, "d": [1, 2], "keep": true});
        merge(&mut doc, &json!({"a": {"b": 5, "c": null}, "d": [3]}));
        assert_eq!(doc, json!({"a": {"b": 5}, "d": [3], "keep": true}));
    }

    #[test]
    fn a_json_patch_applies_every_operation() {
        let mut doc = json!({"list": [{"bus": "sata"}, {"bus": "sata"}], "a/b": 1});
        let patch = json!([
            {"op": "test", "path": "/list/0/bus", "value": "sata"},
            {"op": "replace", "path": "/list/0/bus", "value": "virtio"},
            {"op": "remove", "path": "/list/1"},
            {"op": "add", "path": "/list/-", "value": {"bus": "scsi"}},
            {"op": "copy", "from": "/a~1b", "path": "/copied"},
            {"op": "move", "from": "/copied", "path": "/moved"}
        ]);
        apply(&mut doc, &patch).unwrap();
        assert_eq!(
            doc,
            json!({"list": [{"bus": "virtio"}, {"bus": "scsi"}], "a/b": 1, "moved": 1})
        );
    }

    #[test]
    fn a_failed_test_leaves_the_document_untouched() {
        let mut doc = json!({"bus": "virtio", "n": 1});
        let patch = json!([
            {"op": "replace", "path": "/n", "value": 2},
            {"op": "test", "path": "/bus", "value": "sata"}
        ]);
        assert_eq!(
            apply(&mut doc, &patch),
            Err(PatchError::Failed(
                "testing value /bus failed: test failed".into()
            ))
        );
        assert_eq!(doc, json!({"bus": "virtio", "n": 1}));
    }

    #[test]
    fn missing_paths_and_bad_bodies_are_refused() {
        let mut doc = json!({"a": []});
        assert!(matches!(
            apply(&mut doc, &json!([{"op": "remove", "path": "/a/0"}])),
            Err(PatchError::Failed(_))
        ));
        assert!(matches!(
            apply(&mut doc, &json!({"op": "add"})),
            Err(PatchError::Malformed(_))
        ));
    }
}
