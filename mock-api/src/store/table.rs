//! Server-side printing: the `meta.k8s.io/v1 Table` that `kubectl get` asks for, with the
//! columns KubeVirt's CRDs declare, so kubectl prints what it prints against a cluster.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::kube::resources::ResourceType;

/// Whether an Accept header asks for a Table.
pub fn wants_table(accept: &str) -> bool {
    accept
        .split(',')
        .any(|part| part.contains("as=Table") && part.contains("g=meta.k8s.io"))
}

struct Column {
    name: &'static str,
    kind: &'static str,
    description: &'static str,
    priority: u8,
}

const fn column(
    name: &'static str,
    kind: &'static str,
    description: &'static str,
    priority: u8,
) -> Column {
    Column {
        name,
        kind,
        description,
        priority,
    }
}

fn columns(resource: &ResourceType) -> Vec<Column> {
    if resource.kind == "Event" {
        return event_columns();
    }
    let mut columns = vec![column(
        "Name",
        "string",
        "Name must be unique within a namespace.",
        0,
    )];
    columns.push(column("Age", "date", "CreationTimestamp is a timestamp representing the server time when this object was created.", 0));
    match resource.kind {
        "VirtualMachine" => {
            columns.push(column("Status", "string", "Human Readable Status", 0));
            columns.push(column("Ready", "string", "", 0));
        }
        "VirtualMachineInstance" => {
            columns.push(column("Phase", "string", "", 0));
            columns.push(column("IP", "string", "", 0));
            columns.push(column("NodeName", "string", "", 0));
            columns.push(column("Ready", "string", "", 0));
            columns.push(column("Live-Migratable", "string", "", 1));
            columns.push(column("Paused", "string", "", 1));
        }
        "VirtualMachineSnapshot" => {
            for name in ["SourceKind", "SourceName", "Phase", "ReadyToUse"] {
                columns.push(column(name, "string", "", 0));
            }
            columns.push(column("CreationTime", "date", "", 0));
            columns.push(column("Error", "string", "", 0));
        }
        "VirtualMachineRestore" => {
            for name in ["TargetKind", "TargetName", "Complete"] {
                columns.push(column(name, "string", "", 0));
            }
            columns.push(column("RestoreTime", "date", "", 0));
            columns.push(column("Error", "string", "", 0));
        }
        "DataVolume" => {
            columns.push(column(
                "Phase",
                "string",
                "The phase the data volume is in",
                0,
            ));
            columns.push(column(
                "Progress",
                "string",
                "Transfer progress in percentage if known, N/A otherwise",
                0,
            ));
            columns.push(column(
                "Restarts",
                "integer",
                "The number of times the transfer has been restarted.",
                0,
            ));
        }
        _ => {}
    }
    columns
}

fn condition(object: &Value, kind: &str) -> Value {
    object["status"]["conditions"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["type"] == kind))
        .map(|c| c["status"].clone())
        .unwrap_or(Value::String(String::new()))
}

/// The columns the API server prints Events with (`kubectl get events`): when, what and about
/// which object first, the name last and only with `-o wide`.
fn event_columns() -> Vec<Column> {
    vec![
        column("Last Seen", "string", "", 0),
        column("Type", "string", "", 0),
        column("Reason", "string", "", 0),
        column("Object", "string", "", 0),
        column("Message", "string", "", 0),
        column("Name", "string", "", 1),
    ]
}

/// How long ago an RFC 3339 time was, as kubectl prints ages.
fn since(time: &Value, now: DateTime<Utc>) -> String {
    time.as_str()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| human_duration((now - t.with_timezone(&Utc)).num_seconds()))
        .unwrap_or_else(|| "<unknown>".to_owned())
}

fn event_cells(event: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let seen = [
        &event["lastTimestamp"],
        &event["eventTime"],
        &event["metadata"]["creationTimestamp"],
    ]
    .into_iter()
    .find(|time| time.is_string())
    .map_or_else(|| "<unknown>".to_owned(), |time| since(time, now));
    let involved = &event["involvedObject"];
    let object = format!(
        "{}/{}",
        involved["kind"]
            .as_str()
            .unwrap_or_default()
            .to_ascii_lowercase(),
        involved["name"].as_str().unwrap_or_default()
    );
    vec![
        json!(seen),
        event["type"].clone(),
        event["reason"].clone(),
        json!(object),
        event["message"].clone(),
        event["metadata"]["name"].clone(),
    ]
}

/// One row: its cells and the object's metadata.
fn row(resource: &ResourceType, object: &Value, now: DateTime<Utc>) -> Value {
    let age = since(&object["metadata"]["creationTimestamp"], now);
    let mut cells = if resource.kind == "Event" {
        event_cells(object, now)
    } else {
        vec![object["metadata"]["name"].clone(), json!(age)]
    };
    match resource.kind {
        "VirtualMachine" => {
            cells.push(object["status"]["printableStatus"].clone());
            cells.push(condition(object, "Ready"));
        }
        "VirtualMachineInstance" => {
            cells.push(object["status"]["phase"].clone());
            cells.push(object["status"]["interfaces"][0]["ipAddress"].clone());
            cells.push(object["status"]["nodeName"].clone());
            cells.push(condition(object, "Ready"));
            cells.push(condition(object, "LiveMigratable"));
            cells.push(condition(object, "Paused"));
        }
        "VirtualMachineSnapshot" => {
            let status = &object["status"];
            cells.push(object["spec"]["source"]["kind"].clone());
            cells.push(object["spec"]["source"]["name"].clone());
            cells.push(status["phase"].clone());
            cells.push(status["readyToUse"].clone());
            cells.push(json!(since(&status["creationTime"], now)));
            cells.push(status["error"]["message"].clone());
        }
        "VirtualMachineRestore" => {
            let status = &object["status"];
            cells.push(object["spec"]["target"]["kind"].clone());
            cells.push(object["spec"]["target"]["name"].clone());
            cells.push(status["complete"].clone());
            cells.push(json!(since(&status["restoreTime"], now)));
            cells.push(status["error"]["message"].clone());
        }
        "DataVolume" => {
            cells.push(object["status"]["phase"].clone());
            cells.push(object["status"]["progress"].clone());
            cells.push(object["status"]["restartCount"].clone());
        }
        _ => {}
    }
    let cells: Vec<Value> = cells
        .into_iter()
        .map(|c| if c.is_null() { json!("") } else { c })
        .collect();
    json!({"cells": cells, "object": {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": object["metadata"]}})
}

/// Whether the request asks for whole objects in the rows (`includeObject=Object`, as kubectl
/// does to sort or filter what it prints); metadata only otherwise.
pub fn wants_objects(query: &std::collections::HashMap<String, String>) -> bool {
    query.get("includeObject").is_some_and(|v| v == "Object")
}

/// Puts the whole objects into a Table's rows, in the same order.
pub fn include_objects(table: &mut Value, objects: &[&Value]) {
    if let Some(rows) = table["rows"].as_array_mut() {
        for (row, object) in rows.iter_mut().zip(objects) {
            row["object"] = (*object).clone();
        }
    }
}

/// A Table of objects; `with_columns` is false for the watch events after the first.
pub fn table(
    resource: &ResourceType,
    objects: &[&Value],
    resource_version: &str,
    with_columns: bool,
) -> Value {
    let now = Utc::now();
    let mut table = json!({
        "kind": "Table",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": {"resourceVersion": resource_version},
        "rows": objects.iter().map(|o| row(resource, o, now)).collect::<Vec<_>>(),
    });
    if with_columns {
        table["columnDefinitions"] = columns(resource)
            .iter()
            .map(|c| {
                let format = if c.name == "Name" && resource.kind != "Event" {
                    "name"
                } else {
                    ""
                };
                json!({"name": c.name, "type": c.kind, "format": format, "description": c.description, "priority": c.priority})
            })
            .collect();
    }
    table
}

/// An age as kubectl prints it (Kubernetes' `HumanDuration`): 45s, 4m2s, 35m, 5h3m, 20h, 3d4h,
/// 45d, 2y3d.
pub fn human_duration(seconds: i64) -> String {
    let seconds = seconds.max(0);
    let (minutes, hours, days) = (seconds / 60, seconds / 3600, seconds / 86_400);
    match () {
        _ if seconds < 120 => format!("{seconds}s"),
        _ if minutes < 10 => match seconds % 60 {
            0 => format!("{minutes}m"),
            s => format!("{minutes}m{s}s"),
        },
        _ if minutes < 180 => format!("{minutes}m"),
        _ if hours < 8 => match minutes % 60 {
            0 => format!("{hours}h"),
            m => format!("{hours}h{m}m"),
        },
        _ if hours < 48 => format!("{hours}h"),
        _ if hours < 192 => match hours % 24 {
            0 => format!("{days}d"),
            h => format!("{days}d{h}h"),
        },
        _ if days < 365 * 2 => format!("{days}d"),
        _ => match days % 365 {
            0 => format!("{}y", days / 365),
            d => format!("{}y{d}d", days / 365),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kube::resources::find;

    #[test]
    fn ages_print_as_kubectl_prints_them() {
        for (seconds, printed) in [
            (45, "45s"),
            (242, "4m2s"),
            (600, "10m"),
            (2100, "35m"),
            (5 * 3600 + 180, "5h3m"),
            (20 * 3600, "20h"),
            (3 * 86_400 + 4 * 3600, "3d4h"),
            (45 * 86_400, "45d"),
            (733 * 86_400, "2y3d"),
        ] {
            assert_eq!(human_duration(seconds), printed, "{seconds}");
        }
    }

    #[test]
    fn a_vm_table_has_kubevirts_columns() {
        let vms = find("kubevirt.io", "v1", "virtualmachines").unwrap();
        let vm = json!({"metadata": {"name": "w", "creationTimestamp": "2026-01-01T00:00:00Z"},
            "status": {"printableStatus": "Running", "conditions": [{"type": "Ready", "status": "True"}]}});
        let table = table(vms, &[&vm], "7", true);
        let names: Vec<&str> = table["columnDefinitions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Name", "Age", "Status", "Ready"]);
        assert_eq!(table["rows"][0]["cells"][2], "Running");
        assert_eq!(table["rows"][0]["cells"][3], "True");
        assert!(wants_table(
            "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"
        ));
        assert!(!wants_table("application/json"));
    }
}
