//! For tests: applies a JSON patch the way the API server does (test, add, replace, remove),
//! failing on a `test` that does not hold, so tests can check what a patch does; and checks an
//! object against Kubernetes' own types.

use serde_json::Value;

/// The document after `ops`, or the path of the first failed `test`.
pub fn apply(mut doc: Value, ops: &Value) -> Result<Value, String> {
    for op in ops.as_array().ok_or("a patch is an array")? {
        let path = op["path"].as_str().ok_or("no path")?;
        let (parent, last) = path.rsplit_once('/').ok_or("bad path")?;
        let last = last.replace("~1", "/").replace("~0", "~");
        match op["op"].as_str().ok_or("no op")? {
            "test" => {
                if doc.pointer(path) != Some(&op["value"]) {
                    return Err(path.to_owned());
                }
            }
            "remove" => match doc.pointer_mut(parent).ok_or(path)? {
                Value::Array(items) => {
                    items.remove(last.parse::<usize>().map_err(|_| path.to_owned())?);
                }
                Value::Object(fields) => {
                    fields.remove(&last).ok_or(path)?;
                }
                _ => return Err(path.to_owned()),
            },
            "add" | "replace" => match doc.pointer_mut(parent).ok_or(path)? {
                Value::Object(fields) => {
                    fields.insert(last, op["value"].clone());
                }
                // `-` appends; an index inserts there (or, for replace, overwrites).
                Value::Array(items) => {
                    let index = match last.as_str() {
                        "-" => items.len(),
                        other => other.parse::<usize>().map_err(|_| path.to_owned())?,
                    };
                    match op["op"].as_str() {
                        Some("add") if index <= items.len() => {
                            items.insert(index, op["value"].clone())
                        }
                        Some("replace") if index < items.len() => {
                            items[index] = op["value"].clone()
                        }
                        _ => return Err(path.to_owned()),
                    }
                }
                _ => return Err(path.to_owned()),
            },
            other => return Err(format!("unexpected op {other}")),
        }
    }
    Ok(doc)
}

/// Parses `object` as Kubernetes' own type and writes it back: a field Kubernetes does not know
/// is dropped, a wrong type fails, so equality means the object is valid.
#[cfg(not(target_arch = "wasm32"))]
pub fn assert_kubernetes_valid<T: serde::de::DeserializeOwned + serde::Serialize>(object: &Value) {
    let typed: T = serde_json::from_value(object.clone()).expect("parses as the Kubernetes type");
    assert_eq!(&serde_json::to_value(typed).unwrap(), object);
}
