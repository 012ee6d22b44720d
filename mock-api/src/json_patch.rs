//! The two patch formats KubeVirt objects accept: JSON merge patch (RFC 7386) and JSON patch
//! (RFC 6902, with `test`), applied to plain JSON values. A JSON patch is bounded as the API
//! server bounds it, in operations and in what `copy` may add, and also in how deep the document
//! may grow and how much work its operations may cause: one request can neither build a huge
//! object nor keep the server busy for minutes.

use serde_json::{Map, Value};

/// Most operations one JSON patch may carry (the API server's limit).
pub const MAX_OPERATIONS: usize = 10_000;
/// Most bytes (as JSON, about) the values of one patch's `copy` operations may add up to: each
/// copy can double a document, so a few dozen would otherwise build one of gigabytes.
pub const MAX_COPIED_BYTES: usize = 4 * 1024 * 1024;
/// How deeply a patched document may nest. Checking, writing out or dropping a value recurses
/// once per level, and `move` could otherwise stack subtrees into a chain that overflows the
/// stack.
pub const MAX_DEPTH: usize = 256;
/// How many values one patch's operations may visit or shift in all: each insert into or
/// removal from the front of a long array moves every later item.
pub const MAX_WORK: usize = 32 * 1024 * 1024;

/// Why a JSON patch could not be applied; the text is what the API server reports.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum PatchError {
    /// The body is not a list of operations.
    #[error("{0}")]
    Malformed(String),
    /// An operation could not be applied (a missing path, a failed `test`), or the patch would
    /// go beyond one of the limits above.
    #[error("{0}")]
    Failed(String),
    /// The patch has more than `MAX_OPERATIONS` operations.
    #[error("The allowed maximum operations in a JSON patch is {MAX_OPERATIONS}, got {0}")]
    TooManyOperations(usize),
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
    if operations.len() > MAX_OPERATIONS {
        return Err(PatchError::TooManyOperations(operations.len()));
    }
    let mut patched = target.clone();
    let mut spent = Spent::default();
    for operation in operations {
        apply_one(&mut patched, operation, &mut spent)?;
    }
    *target = patched;
    Ok(())
}

/// What one patch has used of its limits so far.
#[derive(Default)]
struct Spent {
    copied_bytes: usize,
    work: usize,
}

impl Spent {
    fn work(&mut self, amount: usize) -> Result<(), PatchError> {
        self.work = self.work.saturating_add(amount);
        if self.work > MAX_WORK {
            return Err(PatchError::Failed(format!(
                "the patch would visit or move more than {MAX_WORK} values"
            )));
        }
        Ok(())
    }

    fn copy(&mut self, bytes: usize) -> Result<(), PatchError> {
        self.copied_bytes = self.copied_bytes.saturating_add(bytes);
        if self.copied_bytes > MAX_COPIED_BYTES {
            return Err(PatchError::Failed(format!(
                "Unable to complete the copy, the accumulated size increase of copy is {}, exceeding the limit {MAX_COPIED_BYTES}",
                self.copied_bytes
            )));
        }
        Ok(())
    }
}

/// How deep a value nests (a scalar 0, `[]` 1, `[[]]` 2) and about how many bytes it takes as
/// JSON. Walked without recursion, each value visited counting as work.
fn extent(value: &Value, spent: &mut Spent) -> Result<(usize, usize), PatchError> {
    let (mut depth, mut bytes) = (0_usize, 0_usize);
    let mut pending = vec![(value, 1_usize)];
    while let Some((value, level)) = pending.pop() {
        spent.work(1)?;
        match value {
            Value::Object(fields) => {
                depth = depth.max(level);
                bytes = bytes.saturating_add(2);
                for (key, field) in fields {
                    bytes = bytes.saturating_add(key.len() + 4);
                    pending.push((field, level + 1));
                }
            }
            Value::Array(items) => {
                depth = depth.max(level);
                bytes = bytes.saturating_add(2 + items.len());
                pending.extend(items.iter().map(|item| (item, level + 1)));
            }
            Value::String(text) => bytes = bytes.saturating_add(text.len() + 2),
            // Numbers, booleans and null: a few bytes each.
            _ => bytes = bytes.saturating_add(8),
        }
    }
    Ok((depth, bytes))
}

/// Refuses to put a value that nests `depth` deep at `path` when the document would then nest
/// deeper than `MAX_DEPTH`.
fn check_depth(path: &str, depth: usize) -> Result<(), PatchError> {
    let level = path.matches('/').count();
    if level + depth > MAX_DEPTH {
        return Err(PatchError::Failed(format!(
            "the value at {path} would make the object nest deeper than {MAX_DEPTH} levels"
        )));
    }
    Ok(())
}

fn apply_one(target: &mut Value, operation: &Value, spent: &mut Spent) -> Result<(), PatchError> {
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
        "add" => {
            let value = value()?;
            let (depth, _) = extent(&value, spent)?;
            add(target, path, value, depth, spent)
        }
        "remove" => remove(target, path, spent).map(drop),
        "replace" => {
            let value = value()?;
            let (depth, _) = extent(&value, spent)?;
            check_depth(path, depth)?;
            let slot = target
                .pointer_mut(path)
                .ok_or_else(|| missing("replace", path))?;
            *slot = value;
            Ok(())
        }
        "test" => match target.pointer(path) {
            Some(current) if *current == value()? => Ok(()),
            _ => Err(PatchError::Failed(format!(
                "testing value {path} failed: test failed"
            ))),
        },
        "move" => {
            let moved = remove(target, from()?, spent)?;
            let (depth, _) = extent(&moved, spent)?;
            add(target, path, moved, depth, spent)
        }
        "copy" => {
            let source = target
                .pointer(from()?)
                .ok_or_else(|| missing("copy", path))?;
            // Measured before it is cloned: the clone is what could be too large.
            let (depth, bytes) = extent(source, spent)?;
            spent.copy(bytes)?;
            let copied = source.clone();
            add(target, path, copied, depth, spent)
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

/// Adds `value` (which nests `depth` deep) at `path`.
fn add(
    target: &mut Value,
    path: &str,
    value: Value,
    depth: usize,
    spent: &mut Spent,
) -> Result<(), PatchError> {
    check_depth(path, depth)?;
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
            spent.work(items.len() - index)?;
            items.insert(index, value);
            Ok(())
        }
        _ => Err(missing("add", path)),
    }
}

fn remove(target: &mut Value, path: &str, spent: &mut Spent) -> Result<Value, PatchError> {
    let (parent, key) = split(path).ok_or_else(|| missing("remove", path))?;
    match target.pointer_mut(parent) {
        Some(Value::Object(fields)) => fields.remove(&key).ok_or_else(|| missing("remove", path)),
        Some(Value::Array(items)) => {
            let index = key
                .parse::<usize>()
                .ok()
                .filter(|i| *i < items.len())
                .ok_or_else(|| missing("remove", path))?;
            spent.work(items.len() - index)?;
            Ok(items.remove(index))
        }
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

    #[test]
    fn a_patch_with_too_many_operations_is_refused_whole() {
        let mut doc = json!({"n": 0});
        let patch = Value::Array(vec![
            json!({"op": "test", "path": "/n", "value": 0});
            MAX_OPERATIONS + 1
        ]);
        assert_eq!(
            apply(&mut doc, &patch),
            Err(PatchError::TooManyOperations(MAX_OPERATIONS + 1))
        );
    }

    #[test]
    fn copies_that_keep_doubling_the_document_stop_at_the_limit() {
        let mut doc = json!({"a": "x".repeat(1024)});
        let doubling: Vec<Value> = (0..40)
            .map(|i| json!({"op": "copy", "from": "", "path": format!("/copy{i}")}))
            .collect();
        let err = apply(&mut doc, &Value::Array(doubling)).unwrap_err();
        assert!(
            matches!(&err, PatchError::Failed(m) if m.contains("accumulated size increase of copy")),
            "{err:?}"
        );
        assert_eq!(doc, json!({"a": "x".repeat(1024)}), "nothing applied");
    }

    #[test]
    fn moves_cannot_stack_a_document_deeper_than_the_limit() {
        // Two chains, each moved into the other's deepest point, then again.
        let chain = |depth: usize| (0..depth).fold(json!({}), |inner, _| json!({"c": inner}));
        let mut doc = json!({"a": chain(200), "b": chain(200)});
        let deepest_of_a = format!("/a{}", "/c".repeat(199));
        let patch = json!([{"op": "move", "from": "/b", "path": format!("{deepest_of_a}/b")}]);
        let err = apply(&mut doc, &patch).unwrap_err();
        assert!(
            matches!(&err, PatchError::Failed(m) if m.contains("nest deeper")),
            "{err:?}"
        );
        let shallow = json!([{"op": "move", "from": "/b", "path": "/a/b"}]);
        assert_eq!(apply(&mut doc, &shallow), Ok(()));
    }

    #[test]
    fn inserting_at_the_front_of_a_long_array_over_and_over_runs_out_of_work() {
        let mut doc = json!({"list": vec![0; 100_000]});
        let patch = Value::Array(vec![
            json!({"op": "add", "path": "/list/0", "value": 1});
            MAX_OPERATIONS
        ]);
        let err = apply(&mut doc, &patch).unwrap_err();
        assert!(
            matches!(&err, PatchError::Failed(m) if m.contains("visit or move")),
            "{err:?}"
        );
    }
}
