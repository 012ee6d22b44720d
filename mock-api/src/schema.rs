//! Checks objects against KubeVirt's OpenAPI schema (`swagger.json`) as the API server checks
//! custom resources: types, enums and required fields, and fields the schema does not know.

use std::path::Path;

use serde_json::{Map, Value};

/// One thing wrong with an object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where, as `spec.template.spec.domain.devices.disks[0].disk.bus`.
    pub field: String,
    pub kind: ProblemKind,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// A field the schema does not have (dropped by a cluster, refused under strict validation).
    Unknown,
    /// A wrong type, a value not allowed, a missing required field.
    Invalid,
}

/// KubeVirt's schema definitions.
#[derive(Debug, Clone)]
pub struct KubeVirtSchema {
    definitions: Map<String, Value>,
}

impl KubeVirtSchema {
    /// Reads `swagger.json`.
    pub fn load(path: &Path) -> Result<Self, String> {
        let text =
            std::fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))?;
        let swagger: Value =
            serde_json::from_str(&text).map_err(|err| format!("{}: {err}", path.display()))?;
        Self::from_swagger(&swagger).ok_or_else(|| format!("{}: no definitions", path.display()))
    }

    pub fn from_swagger(swagger: &Value) -> Option<Self> {
        Some(Self {
            definitions: swagger["definitions"].as_object()?.clone(),
        })
    }

    /// The definition of a kind (`kubevirt.io/v1` `VirtualMachine` is `v1.VirtualMachine`).
    pub fn definition_for(&self, api_version: &str, kind: &str) -> Option<String> {
        let version = api_version.rsplit('/').next()?;
        let name = format!("{version}.{kind}");
        self.definitions.contains_key(&name).then_some(name)
    }

    /// Everything wrong with `value` as an instance of `definition`.
    pub fn problems(&self, value: &Value, definition: &str) -> Vec<Problem> {
        let mut problems = Vec::new();
        if let Some(schema) = self.definitions.get(definition) {
            self.check(value, schema, "", &mut problems);
        }
        problems
    }

    fn check(&self, value: &Value, schema: &Value, path: &str, problems: &mut Vec<Problem>) {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let name = reference.trim_start_matches("#/definitions/");
            // A definition the document lacks accepts anything.
            if let Some(target) = self.definitions.get(name) {
                self.check(value, target, path, problems);
            }
            return;
        }
        let mut invalid = |message: String| {
            problems.push(Problem {
                field: path.trim_start_matches('.').to_owned(),
                kind: ProblemKind::Invalid,
                message,
            })
        };
        let expected = schema.get("type").and_then(Value::as_str);
        let type_ok = match expected {
            Some("object") => value.is_object(),
            Some("array") => value.is_array(),
            Some("string") => value.is_string(),
            Some("integer") => value.is_i64() || value.is_u64(),
            Some("number") => value.is_number(),
            Some("boolean") => value.is_boolean(),
            _ => true,
        };
        if !type_ok {
            let field = path.trim_start_matches('.');
            invalid(format!(
                "Invalid value: {value}: {field} in body must be of type {}: {}",
                expected.unwrap_or("?"),
                json_type(value)
            ));
            return;
        }
        if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
            if !allowed.contains(value) {
                let allowed: Vec<String> = allowed.iter().map(Value::to_string).collect();
                invalid(format!(
                    "Unsupported value: {value}: supported values: {}",
                    allowed.join(", ")
                ));
            }
        }
        if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
            for (i, item) in array.iter().enumerate() {
                self.check(item, items, &format!("{path}[{i}]"), problems);
            }
        }
        let Some(object) = value.as_object() else {
            return;
        };
        for required in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(field) = required.as_str().filter(|f| !object.contains_key(*f)) {
                problems.push(Problem {
                    field: format!("{path}.{field}").trim_start_matches('.').to_owned(),
                    kind: ProblemKind::Invalid,
                    message: "Required value".to_owned(),
                });
            }
        }
        let properties = schema.get("properties").and_then(Value::as_object);
        let additional = schema.get("additionalProperties");
        for (key, child) in object {
            let child_path = format!("{path}.{key}");
            match (properties.and_then(|p| p.get(key)), additional) {
                (Some(child_schema), _) => self.check(child, child_schema, &child_path, problems),
                (None, Some(extra)) if extra.is_object() => {
                    self.check(child, extra, &child_path, problems)
                }
                (None, Some(Value::Bool(true))) => {}
                (None, _) if properties.is_some() => problems.push(Problem {
                    field: child_path.trim_start_matches('.').to_owned(),
                    kind: ProblemKind::Unknown,
                    message: format!("unknown field \"{}\"", child_path.trim_start_matches('.')),
                }),
                _ => {}
            }
        }
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema() -> KubeVirtSchema {
        KubeVirtSchema::from_swagger(&json!({"definitions": {
            "v1.Thing": {"type": "object", "required": ["spec"], "properties": {
                "metadata": {"$ref": "#/definitions/missing"},
                "spec": {"type": "object", "properties": {
                    "bus": {"type": "string", "enum": ["sata", "virtio"]},
                    "count": {"type": "integer"},
                    "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                    "items": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}}}}
                }}
            }}
        }}))
        .unwrap()
    }

    #[test]
    fn types_enums_required_and_unknown_fields_are_found_with_their_path() {
        let s = schema();
        assert_eq!(
            s.definition_for("example.io/v1", "Thing").as_deref(),
            Some("v1.Thing")
        );
        let problems = s.problems(
            &json!({"metadata": {"anything": 1}, "spec": {"bus": "ide", "count": "2", "labels": {"a": 1}, "items": [{"nam": "x"}]}}),
            "v1.Thing",
        );
        let found: Vec<(&str, ProblemKind)> = problems
            .iter()
            .map(|p| (p.field.as_str(), p.kind))
            .collect();
        assert_eq!(
            found,
            [
                ("spec.bus", ProblemKind::Invalid),
                ("spec.count", ProblemKind::Invalid),
                ("spec.labels.a", ProblemKind::Invalid),
                ("spec.items[0].nam", ProblemKind::Unknown)
            ]
        );
        assert_eq!(
            problems[1].message,
            "Invalid value: \"2\": spec.count in body must be of type integer: string"
        );
        assert_eq!(s.problems(&json!({}), "v1.Thing")[0].field, "spec");
    }
}
