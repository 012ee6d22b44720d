//! The shape an object must have before the mock reads or writes into it: a JSON object whose
//! `metadata` has the types Kubernetes gives it and, for the kinds the mock's controllers touch,
//! the fields they read and write. Writing through `serde_json::Value`'s index panics when a
//! parent is not an object, so every body and every patched object is checked here before the
//! store or a controller sees it, and refused as the API server refuses what it cannot decode.

use serde_json::Value;

use crate::kube::resources::ResourceType;
use crate::kube::status::ApiStatus;

/// What a field must be; `null` always passes, as the API server reads it as absent.
enum Shape {
    /// Anything (an `IntOrString`, or a part the mock never looks into).
    Any,
    String,
    Bool,
    Integer,
    /// An object whose listed fields have these shapes; other fields are not looked at.
    Object(&'static [(&'static str, Shape)]),
    /// An object of string values (labels, annotations).
    StringMap,
    /// An array whose items all have one shape.
    List(&'static Shape),
}

const OWNER_REFERENCE: Shape = Shape::Object(&[
    ("apiVersion", Shape::String),
    ("kind", Shape::String),
    ("name", Shape::String),
    ("uid", Shape::String),
    ("controller", Shape::Bool),
    ("blockOwnerDeletion", Shape::Bool),
]);

const OBJECT_META: Shape = Shape::Object(&[
    ("name", Shape::String),
    ("generateName", Shape::String),
    ("namespace", Shape::String),
    ("uid", Shape::String),
    ("resourceVersion", Shape::String),
    ("generation", Shape::Integer),
    ("creationTimestamp", Shape::String),
    ("labels", Shape::StringMap),
    ("annotations", Shape::StringMap),
    ("ownerReferences", Shape::List(&OWNER_REFERENCE)),
    ("finalizers", Shape::List(&Shape::String)),
]);

/// What every object has.
const OBJECT: &[(&str, Shape)] = &[
    ("apiVersion", Shape::String),
    ("kind", Shape::String),
    ("metadata", OBJECT_META),
];

const NAMED: Shape = Shape::Object(&[("name", Shape::String)]);
const BUS: Shape = Shape::Object(&[("bus", Shape::String)]);

/// A VM template's spec and an instance's: what admission defaults and the controllers read.
const INSTANCE_SPEC: Shape = Shape::Object(&[
    ("architecture", Shape::String),
    (
        "domain",
        Shape::Object(&[
            ("machine", Shape::Object(&[("type", Shape::String)])),
            (
                "firmware",
                Shape::Object(&[("uuid", Shape::String), ("serial", Shape::String)]),
            ),
            (
                "devices",
                Shape::Object(&[
                    (
                        "disks",
                        Shape::List(&Shape::Object(&[
                            ("name", Shape::String),
                            ("bootOrder", Shape::Integer),
                            ("disk", BUS),
                            ("cdrom", BUS),
                            ("lun", BUS),
                        ])),
                    ),
                    ("interfaces", Shape::List(&NAMED)),
                ]),
            ),
        ]),
    ),
    (
        "volumes",
        Shape::List(&Shape::Object(&[
            ("name", Shape::String),
            ("containerDisk", Shape::Object(&[("image", Shape::String)])),
        ])),
    ),
    ("networks", Shape::List(&NAMED)),
]);

const VIRTUAL_MACHINE: &[(&str, Shape)] = &[(
    "spec",
    Shape::Object(&[
        ("runStrategy", Shape::String),
        ("running", Shape::Bool),
        ("preference", NAMED),
        ("instancetype", NAMED),
        (
            "template",
            Shape::Object(&[("metadata", OBJECT_META), ("spec", INSTANCE_SPEC)]),
        ),
        (
            "dataVolumeTemplates",
            Shape::List(&Shape::Object(&[
                ("metadata", OBJECT_META),
                ("spec", Shape::Any),
            ])),
        ),
    ]),
)];

const CONDITION: Shape = Shape::Object(&[("type", Shape::String), ("status", Shape::String)]);

/// An instance's status is no subresource: clients may write it, and the controllers write into it.
const VIRTUAL_MACHINE_INSTANCE: &[(&str, Shape)] = &[
    ("spec", INSTANCE_SPEC),
    (
        "status",
        Shape::Object(&[
            ("phase", Shape::String),
            ("nodeName", Shape::String),
            ("conditions", Shape::List(&CONDITION)),
            (
                "interfaces",
                Shape::List(&Shape::Object(&[
                    ("name", Shape::String),
                    ("ipAddress", Shape::String),
                    ("infoSource", Shape::String),
                    ("interfaceName", Shape::String),
                ])),
            ),
            ("guestOSInfo", Shape::Object(&[])),
        ]),
    ),
];

const SERVICE: &[(&str, Shape)] = &[(
    "spec",
    Shape::Object(&[
        ("type", Shape::String),
        ("clusterIP", Shape::String),
        ("clusterIPs", Shape::List(&Shape::String)),
        (
            "ports",
            Shape::List(&Shape::Object(&[
                ("name", Shape::String),
                ("protocol", Shape::String),
                ("port", Shape::Integer),
                ("targetPort", Shape::Any),
                ("nodePort", Shape::Integer),
            ])),
        ),
    ]),
)];

const CRON_JOB: &[(&str, Shape)] = &[(
    "spec",
    Shape::Object(&[
        ("schedule", Shape::String),
        ("timeZone", Shape::String),
        ("suspend", Shape::Bool),
        ("startingDeadlineSeconds", Shape::Integer),
        (
            "jobTemplate",
            Shape::Object(&[("metadata", OBJECT_META), ("spec", Shape::Any)]),
        ),
    ]),
)];

const SELF_SUBJECT_ACCESS_REVIEW: &[(&str, Shape)] = &[(
    "spec",
    Shape::Object(&[(
        "resourceAttributes",
        Shape::Object(&[
            ("namespace", Shape::String),
            ("verb", Shape::String),
            ("group", Shape::String),
            ("version", Shape::String),
            ("resource", Shape::String),
            ("subresource", Shape::String),
            ("name", Shape::String),
        ]),
    )]),
)];

/// The fields of a kind the mock reads or writes beyond those every object has.
fn fields_of(kind: &str) -> &'static [(&'static str, Shape)] {
    match kind {
        "VirtualMachine" => VIRTUAL_MACHINE,
        "VirtualMachineInstance" => VIRTUAL_MACHINE_INSTANCE,
        "Service" => SERVICE,
        "CronJob" => CRON_JOB,
        "SelfSubjectAccessReview" => SELF_SUBJECT_ACCESS_REVIEW,
        _ => &[],
    }
}

/// Where an object does not have the shape the mock needs, in the words of Go's JSON decoder,
/// which the API server passes on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("json: cannot unmarshal {found} into Go struct field {kind}.{field} of type {expected}")]
pub struct ShapeError {
    pub kind: &'static str,
    /// Where, as `spec.ports[0].port`; empty for the object itself.
    pub field: String,
    pub expected: &'static str,
    pub found: &'static str,
}

/// Checks a create or update body; a wrong shape is refused with 400, as the API server refuses
/// a body it cannot decode.
pub fn check_body(resource: &ResourceType, object: &Value) -> Result<(), ApiStatus> {
    problem(resource, object).map_or(Ok(()), |problem| {
        Err(ApiStatus::bad_request(format!(
            "{kind} in version \"{version}\" cannot be handled as a {kind}: {}",
            not_an_object_or(&problem),
            kind = resource.kind,
            version = resource.version,
        )))
    })
}

/// Checks the object a patch produced; a wrong shape is refused with 422, as the API server
/// refuses a patch whose result it cannot decode.
pub fn check_patched(resource: &ResourceType, name: &str, object: &Value) -> Result<(), ApiStatus> {
    problem(resource, object).map_or(Ok(()), |problem| {
        let field = if problem.field.is_empty() {
            "patch".to_owned()
        } else {
            problem.field.clone()
        };
        Err(ApiStatus::invalid(
            resource,
            name,
            vec![(
                field,
                format!("Invalid value: {}", not_an_object_or(&problem)),
            )],
        ))
    })
}

fn not_an_object_or(problem: &ShapeError) -> String {
    if problem.field.is_empty() {
        format!(
            "json: cannot unmarshal {} into Go value of type {}",
            problem.found, problem.kind
        )
    } else {
        problem.to_string()
    }
}

/// The first place where `object` does not have the shape its kind needs.
fn problem(resource: &ResourceType, object: &Value) -> Option<ShapeError> {
    let fail = |field: String, expected, value: &Value| ShapeError {
        kind: resource.kind,
        field,
        expected,
        found: json_type(value),
    };
    if !object.is_object() {
        return Some(fail(String::new(), "object", object));
    }
    [OBJECT, fields_of(resource.kind)]
        .into_iter()
        .flatten()
        .find_map(|(name, shape)| {
            check(shape, &object[*name], (*name).to_owned())
                .map(|(field, expected, value)| fail(field, expected, value))
        })
}

/// The first field under `value` (at `field`) that does not have its shape: where, what it
/// should be, and what it is.
fn check<'a>(
    shape: &Shape,
    value: &'a Value,
    field: String,
) -> Option<(String, &'static str, &'a Value)> {
    if value.is_null() {
        return None;
    }
    let wrong = |expected| Some((field.clone(), expected, value));
    match shape {
        Shape::Any => None,
        Shape::String if !value.is_string() => wrong("string"),
        Shape::Bool if !value.is_boolean() => wrong("bool"),
        Shape::Integer if !(value.is_i64() || value.is_u64()) => wrong("int64"),
        Shape::String | Shape::Bool | Shape::Integer => None,
        Shape::StringMap => match value.as_object() {
            None => wrong("map[string]string"),
            Some(entries) => entries
                .iter()
                .find(|(_, entry)| !entry.is_string())
                .map(|(key, entry)| (format!("{field}.{key}"), "string", entry)),
        },
        Shape::Object(fields) => match value.as_object() {
            None => wrong("object"),
            Some(_) => fields
                .iter()
                .find_map(|(name, shape)| check(shape, &value[*name], format!("{field}.{name}"))),
        },
        Shape::List(item) => match value.as_array() {
            None => wrong("array"),
            Some(items) => items
                .iter()
                .enumerate()
                .find_map(|(i, entry)| check(item, entry, format!("{field}[{i}]"))),
        },
    }
}

/// How Go's decoder names a JSON value's type.
fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kube::resources::{
        SELF_SUBJECT_ACCESS_REVIEWS, SERVICES, VIRTUAL_MACHINES, VIRTUAL_MACHINE_INSTANCES,
    };
    use serde_json::json;

    #[test]
    fn a_body_that_is_not_an_object_is_refused_as_undecodable() {
        let err = check_body(&SELF_SUBJECT_ACCESS_REVIEWS, &json!([])).unwrap_err();
        assert_eq!((err.code, err.reason), (400, "BadRequest"));
        assert_eq!(
            err.message,
            "SelfSubjectAccessReview in version \"v1\" cannot be handled as a SelfSubjectAccessReview: json: cannot unmarshal array into Go value of type SelfSubjectAccessReview"
        );
    }

    #[test]
    fn the_first_wrong_field_is_named_with_its_path() {
        let service =
            json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}, "spec": []});
        assert_eq!(
            check_body(&SERVICES, &service).unwrap_err().message,
            "Service in version \"v1\" cannot be handled as a Service: json: cannot unmarshal array into Go struct field Service.spec of type object"
        );
        let port =
            json!({"metadata": {"name": "s"}, "spec": {"ports": [{"port": 1}, {"port": "x"}]}});
        assert!(check_body(&SERVICES, &port)
            .unwrap_err()
            .message
            .ends_with("Service.spec.ports[1].port of type int64"));
        let label = json!({"metadata": {"name": "s", "labels": {"app": 1}}});
        assert!(check_body(&SERVICES, &label)
            .unwrap_err()
            .message
            .ends_with("Service.metadata.labels.app of type string"));
    }

    #[test]
    fn a_patched_object_of_the_wrong_shape_is_invalid() {
        let vm = json!({"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine", "metadata": "x"});
        let err = check_patched(&VIRTUAL_MACHINES, "w", &vm).unwrap_err();
        assert_eq!((err.code, err.reason), (422, "Invalid"));
        assert_eq!(
            err.details.unwrap()["causes"][0]["field"],
            "metadata",
            "the cause names the field"
        );
    }

    #[test]
    fn nulls_unknown_fields_and_well_formed_objects_pass() {
        let vmi = json!({"metadata": {"name": "w", "labels": null}, "spec": {"domain": {"devices": {"disks": [null]}}},
            "status": {"interfaces": [{"name": "default", "queueCount": 1}], "whatever": []}, "extra": [1]});
        assert_eq!(check_body(&VIRTUAL_MACHINE_INSTANCES, &vmi), Ok(()));
        let vm = json!({"metadata": {"name": "w"}, "spec": {"template": {"spec": {"domain": {"firmware": "x"}}}}});
        assert!(check_body(&VIRTUAL_MACHINES, &vm)
            .unwrap_err()
            .message
            .ends_with("VirtualMachine.spec.template.spec.domain.firmware of type object"));
    }
}
