//! The facts about KubeVirt the mock and the tests rely on, kept in this repository: the
//! validation schema of KubeVirt's kinds and the cluster instancetypes and preferences of
//! common-instancetypes. `derive-kubevirt-data` makes the two data files from the published
//! sources; everything else reads them as they are bundled into the binary.

use std::path::Path;

use serde::Deserialize;
use serde_json::{Map, Value};
use thiserror::Error;

use crate::schema::KubeVirtSchema;

/// The derived schema: `{"source": {...}, "definitions": {...}}`.
pub const SCHEMA_JSON: &str = include_str!("../data/kubevirt-schema.json");
/// The derived cluster instancetypes and preferences: `{"source": {...}, "objects": [...]}`.
pub const CLUSTER_OBJECTS_JSON: &str = include_str!("../data/common-instancetypes.json");

/// What a schema keeps of each definition: what validation needs, and no prose.
const SCHEMA_KEYWORDS: [&str; 9] = [
    "type",
    "format",
    "enum",
    "required",
    "properties",
    "items",
    "additionalProperties",
    "$ref",
    "nullable",
];

/// The annotations kept on cluster objects: short display names, not descriptions.
const KEPT_ANNOTATIONS: [&str; 2] = [
    "openshift.io/display-name",
    "instancetype.kubevirt.io/displayName",
];

/// The kinds taken from the common-instancetypes manifests.
const CLUSTER_KINDS: [&str; 2] = [
    "VirtualMachineClusterInstancetype",
    "VirtualMachineClusterPreference",
];

#[derive(Debug, Error)]
pub enum DataError {
    #[error("{path}: {problem}")]
    Read { path: String, problem: String },
    #[error("{0} has no `definitions` object")]
    NoDefinitions(String),
    #[error("the bundled {what} is not valid: {problem}")]
    Bundled { what: &'static str, problem: String },
}

/// The schema bundled into the binary.
pub fn bundled_schema() -> Result<KubeVirtSchema, DataError> {
    let value: Value = serde_json::from_str(SCHEMA_JSON).map_err(|err| DataError::Bundled {
        what: "schema",
        problem: err.to_string(),
    })?;
    KubeVirtSchema::from_swagger(&value).ok_or(DataError::Bundled {
        what: "schema",
        problem: "no definitions".into(),
    })
}

/// The cluster instancetypes and preferences bundled into the binary.
pub fn bundled_cluster_objects() -> Result<Vec<Value>, DataError> {
    #[derive(Deserialize)]
    struct Bundle {
        objects: Vec<Value>,
    }
    serde_json::from_str::<Bundle>(CLUSTER_OBJECTS_JSON)
        .map(|bundle| bundle.objects)
        .map_err(|err| DataError::Bundled {
            what: "cluster instancetypes",
            problem: err.to_string(),
        })
}

/// Where the derived files came from, written into each of them.
#[derive(Debug, Clone)]
pub struct Sources {
    pub kubevirt_version: String,
    pub common_instancetypes_version: String,
}

impl Sources {
    fn to_json(&self) -> Value {
        let mut source = Map::new();
        source.insert("kubevirt".into(), self.kubevirt_version.clone().into());
        source.insert(
            "commonInstancetypes".into(),
            self.common_instancetypes_version.clone().into(),
        );
        Value::Object(source)
    }
}

/// The validation schema of every definition in KubeVirt's `swagger.json`.
pub fn derive_schema(swagger: &Value, sources: &Sources) -> Result<String, DataError> {
    let definitions = swagger["definitions"]
        .as_object()
        .ok_or_else(|| DataError::NoDefinitions("swagger.json".into()))?;
    let mut lines = Vec::with_capacity(definitions.len());
    for (name, definition) in definitions {
        lines.push(format!(
            "{}: {}",
            Value::from(name.as_str()),
            strip_schema(definition)
        ));
    }
    Ok(format!(
        "{{\"source\": {},\n\"definitions\": {{\n{}\n}}}}\n",
        sources.to_json(),
        lines.join(",\n")
    ))
}

/// A schema node with only the validation keywords, recursively.
fn strip_schema(node: &Value) -> Value {
    let Some(object) = node.as_object() else {
        return node.clone();
    };
    let mut kept = Map::new();
    for keyword in SCHEMA_KEYWORDS {
        let Some(value) = object.get(keyword) else {
            continue;
        };
        let value = match keyword {
            "properties" => Value::Object(
                value
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(name, child)| (name.clone(), strip_schema(child)))
                    .collect(),
            ),
            "items" | "additionalProperties" => strip_schema(value),
            _ => value.clone(),
        };
        kept.insert(keyword.to_owned(), value);
    }
    Value::Object(kept)
}

/// The cluster instancetypes and preferences of the common-instancetypes manifests: names,
/// labels, display names and specs.
pub fn derive_cluster_objects(manifests: &[Value], sources: &Sources) -> String {
    let mut lines = Vec::new();
    for object in manifests {
        let Some(kind) = object["kind"]
            .as_str()
            .filter(|kind| CLUSTER_KINDS.contains(kind))
        else {
            continue;
        };
        let mut metadata = Map::new();
        metadata.insert("name".into(), object["metadata"]["name"].clone());
        if let Some(labels) = object["metadata"]["labels"].as_object() {
            metadata.insert("labels".into(), Value::Object(labels.clone()));
        }
        let annotations: Map<String, Value> = object["metadata"]["annotations"]
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(key, _)| KEPT_ANNOTATIONS.contains(&key.as_str()))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        if !annotations.is_empty() {
            metadata.insert("annotations".into(), Value::Object(annotations));
        }
        let mut kept = Map::new();
        kept.insert("apiVersion".into(), object["apiVersion"].clone());
        kept.insert("kind".into(), kind.into());
        kept.insert("metadata".into(), Value::Object(metadata));
        kept.insert("spec".into(), object["spec"].clone());
        lines.push(Value::Object(kept).to_string());
    }
    format!(
        "{{\"source\": {},\n\"objects\": [\n{}\n]}}\n",
        sources.to_json(),
        lines.join(",\n")
    )
}

/// Reads every object of a multi-document YAML file.
pub fn read_manifests(path: &Path) -> Result<Vec<Value>, DataError> {
    let read_error = |problem: String| DataError::Read {
        path: path.display().to_string(),
        problem,
    };
    let text = std::fs::read_to_string(path).map_err(|err| read_error(err.to_string()))?;
    serde_yaml::Deserializer::from_str(&text)
        .map(|document| Value::deserialize(document).map_err(|err| read_error(err.to_string())))
        .filter(|object| !matches!(object, Ok(Value::Null)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sources() -> Sources {
        Sources {
            kubevirt_version: "v1.7.0".into(),
            common_instancetypes_version: "v1.5.0".into(),
        }
    }

    #[test]
    fn the_schema_keeps_validation_and_drops_prose() {
        let swagger = json!({"info": {"description": "x"}, "definitions": {
            "v1.Disk": {"description": "A disk.", "type": "object", "required": ["name"],
                "properties": {
                    "name": {"description": "Its name.", "type": "string", "default": ""},
                    "bus": {"type": "string", "enum": ["sata", "virtio"], "x-kubernetes-list-type": "atomic"},
                    "tags": {"type": "array", "items": {"description": "A tag.", "type": "string", "format": "byte"}},
                    "labels": {"type": "object", "additionalProperties": {"description": "v", "type": "string"}},
                    "target": {"$ref": "#/definitions/v1.Target", "description": "Where."}
                }}
        }});
        let text = derive_schema(&swagger, &sources()).unwrap();
        let derived: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            derived["source"],
            json!({"kubevirt": "v1.7.0", "commonInstancetypes": "v1.5.0"})
        );
        assert_eq!(
            derived["definitions"]["v1.Disk"],
            json!({"type": "object", "required": ["name"], "properties": {
                "name": {"type": "string"},
                "bus": {"type": "string", "enum": ["sata", "virtio"]},
                "tags": {"type": "array", "items": {"type": "string", "format": "byte"}},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "target": {"$ref": "#/definitions/v1.Target"}
            }})
        );
        assert!(!text.contains("description"));
    }

    #[test]
    fn cluster_objects_keep_names_labels_display_names_and_specs() {
        let manifests = [
            json!({"apiVersion": "instancetype.kubevirt.io/v1beta1", "kind": "VirtualMachineClusterPreference",
                "metadata": {"name": "windows.11", "labels": {"instancetype.kubevirt.io/os-type": "windows"},
                    "annotations": {"openshift.io/display-name": "Microsoft Windows 11",
                        "openshift.io/documentation-url": "https://example.com", "tags": "kubevirt,windows"}},
                "spec": {"devices": {"preferredDiskBus": "sata"}}}),
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "other"}}),
        ];
        let text = derive_cluster_objects(&manifests, &sources());
        let derived: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            derived["objects"],
            json!([{"apiVersion": "instancetype.kubevirt.io/v1beta1", "kind": "VirtualMachineClusterPreference",
                "metadata": {"name": "windows.11", "labels": {"instancetype.kubevirt.io/os-type": "windows"},
                    "annotations": {"openshift.io/display-name": "Microsoft Windows 11"}},
                "spec": {"devices": {"preferredDiskBus": "sata"}}}])
        );
    }

    #[test]
    fn the_bundled_data_is_read_and_says_where_it_came_from() {
        let schema = bundled_schema().unwrap();
        assert_eq!(
            schema
                .definition_for("kubevirt.io/v1", "VirtualMachine")
                .as_deref(),
            Some("v1.VirtualMachine")
        );
        for text in [SCHEMA_JSON, CLUSTER_OBJECTS_JSON] {
            let source = &serde_json::from_str::<Value>(text).unwrap()["source"];
            assert!(source["kubevirt"].as_str().is_some_and(|v| !v.is_empty()));
            assert!(source["commonInstancetypes"]
                .as_str()
                .is_some_and(|v| !v.is_empty()));
            assert!(!text.contains("\"description\""));
        }
        let objects = bundled_cluster_objects().unwrap();
        let windows_11 = objects
            .iter()
            .find(|o| o["metadata"]["name"] == "windows.11")
            .unwrap();
        assert_eq!(windows_11["spec"]["devices"]["preferredDiskBus"], "sata");
        assert!(objects.iter().any(|o| o["metadata"]["name"] == "u1.large"));
    }
}
