//! Every object the app builds must be accepted by KubeVirt: this validates them against
//! KubeVirt's own OpenAPI schema (`../shared/kubevirt/swagger.json`), rejecting unknown fields
//! as the API server does under strict field validation.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use serde_json::{Map, Value};
use windows_vms::logic::os::WindowsVersion;
use windows_vms::logic::vm_builder::{build_vm, DEFAULT_GUEST_TOOLS_IMAGE};
use windows_vms::logic::vm_draft::{BootSource, LinuxDistro, OsChoice, VmDraft};

fn swagger() -> Value {
    let path = std::env::var("KUBEVIRT_SWAGGER")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/kubevirt/swagger.json")
        });
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| {
        panic!(
            "KubeVirt's schema is needed at {} ({err}); set KUBEVIRT_SWAGGER",
            path.display()
        )
    });
    serde_json::from_str(&text).expect("swagger.json is JSON")
}

/// Checks `value` against `schema`, collecting "path: problem" lines.
fn check(
    value: &Value,
    schema: &Value,
    definitions: &Map<String, Value>,
    path: &str,
    problems: &mut Vec<String>,
) {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/definitions/");
        let target = definitions
            .get(name)
            .unwrap_or_else(|| panic!("schema has no {name}"));
        return check(value, target, definitions, path, problems);
    }
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
        problems.push(format!(
            "{path}: expected {}, got {value}",
            expected.unwrap_or("?")
        ));
        return;
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.contains(value) {
            problems.push(format!("{path}: {value} is not one of {allowed:?}"));
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (i, item) in array.iter().enumerate() {
            check(item, items, definitions, &format!("{path}[{i}]"), problems);
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
            problems.push(format!("{path}.{field}: required"));
        }
    }
    let properties = schema.get("properties").and_then(Value::as_object);
    let additional = schema.get("additionalProperties");
    for (key, child) in object {
        let child_path = format!("{path}.{key}");
        match (properties.and_then(|p| p.get(key)), additional) {
            (Some(child_schema), _) => {
                check(child, child_schema, definitions, &child_path, problems)
            }
            (None, Some(extra)) if extra.is_object() => {
                check(child, extra, definitions, &child_path, problems)
            }
            (None, Some(Value::Bool(true))) => {}
            (None, _) if properties.is_some() => {
                problems.push(format!("{child_path}: unknown field"))
            }
            _ => {}
        }
    }
}

fn problems(object: &Value, definition: &str) -> Vec<String> {
    let swagger = swagger();
    let definitions = swagger["definitions"].as_object().expect("definitions");
    let mut problems = Vec::new();
    check(
        object,
        &definitions[definition],
        definitions,
        "",
        &mut problems,
    );
    problems
}

fn draft(os: OsChoice, boot: BootSource) -> VmDraft {
    let mut draft = VmDraft::new("windows-dev", os);
    draft.name = "schema-check".into();
    draft.boot = boot;
    draft
}

#[test]
fn every_windows_vm_the_form_builds_is_valid() {
    for version in WindowsVersion::ALL {
        let vm = build_vm(
            &draft(
                OsChoice::Windows(version),
                BootSource::InstallIso {
                    url: "https://example.com/win.iso".into(),
                },
            ),
            DEFAULT_GUEST_TOOLS_IMAGE,
        );
        assert_eq!(
            problems(&vm, "v1.VirtualMachine"),
            Vec::<String>::new(),
            "{version:?}"
        );
    }
}

#[test]
fn every_linux_vm_the_form_builds_is_valid() {
    for distro in LinuxDistro::ALL {
        let os = OsChoice::Linux(distro);
        let vm = build_vm(&draft(os, os.suggested_boot()), DEFAULT_GUEST_TOOLS_IMAGE);
        assert_eq!(
            problems(&vm, "v1.VirtualMachine"),
            Vec::<String>::new(),
            "{distro:?}"
        );
    }
}

#[test]
fn the_checker_rejects_what_kubevirt_would() {
    let mut vm = build_vm(
        &draft(
            OsChoice::Windows(WindowsVersion::Windows11),
            BootSource::InstallIso {
                url: "https://e/x.iso".into(),
            },
        ),
        DEFAULT_GUEST_TOOLS_IMAGE,
    );
    vm["spec"]["template"]["spec"]["domain"]["devices"]["disks"][0]["disk"]["buss"] = "sata".into();
    vm["spec"]["template"]["spec"]["domain"]["devices"]["interfaces"][0]["model"] = 7.into();
    let found = problems(&vm, "v1.VirtualMachine");
    assert!(
        found
            .iter()
            .any(|p| p.contains("disks[0].disk.buss: unknown field")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("interfaces[0].model: expected string")),
        "{found:?}"
    );
}
