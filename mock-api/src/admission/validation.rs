//! What the API server checks before it stores a KubeVirt, CDI or instancetype object: the
//! object against KubeVirt's schema. Wrong types and values are refused with 422 Invalid; fields
//! the schema does not know are refused only under strict field validation (kubectl's default),
//! as a cluster does.

use mock_api::schema::{KubeVirtSchema, ProblemKind};
use serde_json::{json, Value};

use crate::kube::resources::ResourceType;
use crate::kube::status::ApiStatus;

/// The API groups whose objects the schema describes.
const CHECKED_GROUPS: [&str; 4] = [
    "kubevirt.io",
    "cdi.kubevirt.io",
    "instancetype.kubevirt.io",
    "snapshot.kubevirt.io",
];

/// Checks `object` before it is stored; `strict` when the request asked `fieldValidation=Strict`.
pub fn check(
    schema: Option<&KubeVirtSchema>,
    resource: &ResourceType,
    object: &Value,
    strict: bool,
) -> Result<(), ApiStatus> {
    let bad_labels = crate::admission::labels::problems(object);
    if !bad_labels.is_empty() {
        let name = object["metadata"]["name"].as_str().unwrap_or_default();
        return Err(ApiStatus::invalid(resource, name, bad_labels));
    }
    let Some(schema) = schema.filter(|_| CHECKED_GROUPS.contains(&resource.group)) else {
        return admit(resource, object);
    };
    // The schema has only the spec of a DataVolume.
    let (target, definition, prefix) =
        match schema.definition_for(&resource.api_version(), resource.kind) {
            Some(definition) => (object, definition, ""),
            None => match schema
                .definition_for(&resource.api_version(), &format!("{}Spec", resource.kind))
            {
                Some(definition) => (&object["spec"], definition, "spec."),
                None => return Ok(()),
            },
        };
    let problems = schema.problems(target, &definition);
    let name = object["metadata"]["name"].as_str().unwrap_or_default();
    let invalid: Vec<(String, String)> = problems
        .iter()
        .filter(|p| p.kind == ProblemKind::Invalid)
        .map(|p| (format!("{prefix}{}", p.field), p.message.clone()))
        .collect();
    if !invalid.is_empty() {
        return Err(ApiStatus {
            details: Some(
                json!({"name": name, "group": resource.group, "kind": resource.kind,
                "causes": invalid.iter().map(|(field, message)| json!({"reason": "FieldValueInvalid", "message": message, "field": field})).collect::<Vec<_>>()}),
            ),
            ..ApiStatus::new(
                422,
                "Invalid",
                format!(
                    "{}.{} \"{name}\" is invalid: {}",
                    resource.kind,
                    resource.group,
                    invalid
                        .iter()
                        .map(|(field, message)| format!("{field}: {message}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        });
    }
    let unknown: Vec<String> = problems
        .iter()
        .filter(|p| p.kind == ProblemKind::Unknown)
        .map(|p| format!("unknown field \"{prefix}{}\"", p.field))
        .collect();
    if strict && !unknown.is_empty() {
        return Err(ApiStatus::bad_request(format!(
            "{kind} in version \"{}\" cannot be handled as a {kind}: strict decoding error: {}",
            resource.version,
            unknown.join(", "),
            kind = resource.kind,
        )));
    }
    admit(resource, object)
}

/// The refusal for an object the mock cannot take as it is (`shape_refusal`, from
/// `shape`), unless the schema or the webhooks refuse it too: their answer names the field as a
/// cluster does for its custom resources, which it decodes whatever their shape.
pub fn refusal_for_shape(
    schema: Option<&KubeVirtSchema>,
    resource: &ResourceType,
    object: &Value,
    strict: bool,
    shape_refusal: ApiStatus,
) -> ApiStatus {
    if !object.is_object() {
        return shape_refusal;
    }
    check(schema, resource, object, strict)
        .err()
        .unwrap_or(shape_refusal)
}

/// KubeVirt's admission webhooks, after the schema.
fn admit(resource: &ResourceType, object: &Value) -> Result<(), ApiStatus> {
    if resource.kind == "VirtualMachine" {
        crate::admission::vm::check_vm(object)?;
    }
    Ok(())
}
