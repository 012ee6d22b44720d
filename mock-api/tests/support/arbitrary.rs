//! Strategies for arbitrary requests: JSON values, bodies that are valid objects with one part
//! replaced, JSON patches over an object's own paths, and query strings.

use proptest::prelude::*;
use serde_json::{json, Value};

use super::kinds::{Kind, FIXTURE, KINDS};

/// Keys the mock looks for, so arbitrary objects meet its code paths.
const KEYS: &[&str] = &[
    "metadata",
    "spec",
    "status",
    "name",
    "namespace",
    "labels",
    "annotations",
    "template",
    "domain",
    "devices",
    "disks",
    "interfaces",
    "volumes",
    "networks",
    "firmware",
    "machine",
    "ports",
    "port",
    "nodePort",
    "targetPort",
    "type",
    "clusterIP",
    "runStrategy",
    "running",
    "resourceAttributes",
    "verb",
    "apiVersion",
    "kind",
    "creationTimestamp",
    "ownerReferences",
    "uid",
    "generateName",
    "generation",
    "resourceVersion",
    "finalizers",
    "schedule",
    "jobTemplate",
    "suspend",
    "timeZone",
    "conditions",
    "phase",
    "bus",
    "bootOrder",
    "containerDisk",
    "image",
    "preference",
    "data",
    "x",
];

/// Strings that mean something to the mock. Nothing here makes a VM run or a CronJob fire, so
/// no controller changes the store in the background while refusals are checked.
const WORDS: &[&str] = &[
    "",
    FIXTURE,
    "dev",
    "v1",
    "kubevirt.io/v1",
    "batch/v1",
    "VirtualMachine",
    "Service",
    "CronJob",
    "Halted",
    "Manual",
    "NodePort",
    "sata",
    "virtio",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "-",
    "/",
    "~1",
    "Etc/UTC",
    "Mars/Olympus",
    "windows.11",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(WORDS).prop_map(str::to_owned),
        3 => "[a-z0-9.-]{0,12}",
        1 => any::<String>(),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![4 => prop::sample::select(KEYS).prop_map(str::to_owned), 1 => "[a-zA-Z]{1,6}"]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1.0e12..1.0e12_f64).prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..5)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

/// Every place in a value, as the keys and indexes that lead there (the root first).
fn places(value: &Value) -> Vec<Vec<String>> {
    let mut found: Vec<Vec<String>> = vec![Vec::new()];
    let mut index = 0;
    while index < found.len() {
        let place = found[index].clone();
        let mut here = value;
        for token in &place {
            here = match here {
                Value::Array(items) => &items[token.parse::<usize>().unwrap()],
                other => &other[token.as_str()],
            };
        }
        let children: Vec<String> = match here {
            Value::Object(fields) => fields.keys().cloned().collect(),
            Value::Array(items) => (0..items.len()).map(|i| i.to_string()).collect(),
            _ => Vec::new(),
        };
        found.extend(
            children
                .into_iter()
                .map(|child| [place.clone(), vec![child]].concat()),
        );
        index += 1;
    }
    found
}

fn pointer(place: &[String]) -> String {
    place
        .iter()
        .map(|t| format!("/{}", t.replace('~', "~0").replace('/', "~1")))
        .collect()
}

/// `template` with what is at `place` replaced by `new`.
fn replaced(template: &Value, place: &[String], new: Value) -> Value {
    let mut changed = template.clone();
    if let Some(slot) = changed.pointer_mut(&pointer(place)) {
        *slot = new;
    }
    changed
}

/// A merge patch that sets only `place` (up to its first array, which a merge patch replaces
/// whole) to `leaf`.
fn sparse(place: &[String], leaf: Value) -> Value {
    let keys: Vec<&String> = place
        .iter()
        .take_while(|t| t.parse::<usize>().is_err())
        .collect();
    keys.into_iter()
        .rev()
        .fold(leaf, |inner, key| json!({ key.as_str(): inner }))
}

#[derive(Clone, Copy, Debug)]
pub enum Write {
    Create,
    Replace,
    MergePatch,
    StrategicMergePatch,
    JsonPatch,
    Delete,
    VmAction,
}

const WRITES: [Write; 7] = [
    Write::Create,
    Write::Replace,
    Write::MergePatch,
    Write::StrategicMergePatch,
    Write::JsonPatch,
    Write::Delete,
    Write::VmAction,
];

fn json_patch_operation(places: Vec<Vec<String>>) -> impl Strategy<Value = Value> {
    let path = prop_oneof![
        4 => prop::sample::select(places).prop_map(|p| pointer(&p)),
        1 => "[a-z/~0-9-]{0,12}",
    ];
    let op =
        prop::sample::select(&["add", "remove", "replace", "move", "copy", "test", "nope"][..]);
    (
        op,
        path.clone(),
        prop::option::of(path),
        prop::option::of(json_value()),
    )
        .prop_map(|(op, path, from, value)| {
            let mut operation = json!({"op": op, "path": path});
            if let Some(from) = from {
                operation["from"] = json!(from);
            }
            if let Some(value) = value {
                operation["value"] = value;
            }
            operation
        })
}

/// A body for `write` to an object of `kind`: arbitrary JSON, or a valid one with a part
/// replaced by it.
fn body(kind: &'static Kind, write: Write) -> BoxedStrategy<Value> {
    let name = if matches!(write, Write::Create) {
        "created"
    } else {
        FIXTURE
    };
    let template = (kind.object)(name);
    let places = places(&template);
    let place = prop::sample::select(places.clone());
    match write {
        Write::Create | Write::Replace => prop_oneof![
            1 => json_value(),
            3 => (place, json_value()).prop_map(move |(p, v)| replaced(&template, &p, v)),
        ]
        .boxed(),
        Write::MergePatch | Write::StrategicMergePatch => prop_oneof![
            1 => json_value(),
            3 => (place, json_value()).prop_map(|(p, v)| sparse(&p, v)),
        ]
        .boxed(),
        Write::JsonPatch => prop_oneof![
            1 => json_value(),
            3 => prop::collection::vec(json_patch_operation(places), 0..6).prop_map(Value::Array),
        ]
        .boxed(),
        Write::Delete | Write::VmAction => json_value().boxed(),
    }
}

/// A write: the kind (an index into `KINDS`), what is done, the body, a query, and whether a
/// body for POST or PUT goes as YAML (which JSON is too) rather than JSON.
pub fn write_case() -> impl Strategy<Value = (usize, Write, Value, &'static str, bool)> {
    (0..KINDS.len(), prop::sample::select(&WRITES[..])).prop_flat_map(|(kind, write)| {
        let query = prop::sample::select(&["", "?dryRun=All", "?fieldValidation=Strict"][..]);
        let body = body(&KINDS[kind], write);
        (Just(kind), Just(write), body, query, any::<bool>())
    })
}

const QUERY_KEYS: &[&str] = &[
    "labelSelector",
    "fieldSelector",
    "limit",
    "continue",
    "resourceVersion",
    "resourceVersionMatch",
    "timeoutSeconds",
    "allowWatchBookmarks",
    "watch",
    "sendInitialEvents",
    "fieldValidation",
    "dryRun",
    "pretty",
    "x",
];

const QUERY_VALUES: &[&str] = &[
    "true",
    "1",
    "0",
    "-1",
    "18446744073709551615",
    "99999999999999999999",
    "offset-1",
    "offset-18446744073709551615",
    "a=b,c!=d",
    "!x,y",
    "app in (a,b)",
    "metadata.name=fixture",
    "spec.x=1",
    "===",
    "%",
    "%zz",
    "%FF",
    "a%00b",
    "All",
    "Strict",
];

pub fn query() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        2 => prop::sample::select(QUERY_VALUES).prop_map(|v| v.replace(' ', "%20")),
        2 => "[a-zA-Z0-9=!,._/ ()-]{0,16}".prop_map(|v| v.replace(' ', "%20")),
        1 => any::<String>().prop_map(|v| percent_encode(&v)),
        1 => "[a-z]{1,3}".prop_map(|v| v.repeat(2000)),
    ];
    let pair = (prop::sample::select(QUERY_KEYS), value);
    prop::collection::vec(pair, 0..5).prop_map(|pairs| {
        let watches = pairs.iter().any(|(key, _)| *key == "watch");
        let mut query: Vec<String> = pairs.into_iter().map(|(k, v)| format!("{k}={v}")).collect();
        if watches {
            // A watch answers until it times out: end it at once, after its first events.
            query.push("timeoutSeconds=0".to_owned());
        }
        query.join("&")
    })
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
