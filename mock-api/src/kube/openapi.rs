//! The smallest OpenAPI v3 documents with which `kubectl apply` (strict validation by default)
//! agrees to run: a root naming one document per group-version, and in each a `patch`
//! operation per kind with its group-version-kind and the `fieldValidation` parameter, so that
//! kubectl leaves validation to the server. There is no v2 document, as on newer clusters.

use serde_json::{json, Map, Value};

use crate::kube::resources::{group_versions, RESOURCES};

/// The path of a group-version's document, relative to the server (`apis/G/V` or `api/v1`).
fn document_path(group: &str, version: &str) -> String {
    if group.is_empty() {
        format!("api/{version}")
    } else {
        format!("apis/{group}/{version}")
    }
}

/// `GET /openapi/v3`.
pub fn root() -> Value {
    let paths: Map<String, Value> = group_versions()
        .into_iter()
        .map(|(group, version)| {
            let path = document_path(group, version);
            let url = format!("/openapi/v3/{path}?hash={}", hash(&path));
            (path, json!({"serverRelativeURL": url}))
        })
        .collect();
    json!({"paths": paths})
}

/// `GET /openapi/v3/<apis/G/V | api/v1>`, if that group-version is served.
pub fn document(path: &str) -> Option<Value> {
    let (group, version) = match path.split('/').collect::<Vec<_>>().as_slice() {
        ["api", version] => ("", *version),
        ["apis", group, version] => (*group, *version),
        _ => return None,
    };
    let mut paths = Map::new();
    for resource in RESOURCES
        .iter()
        .filter(|r| r.group == group && r.version == version)
    {
        let prefix = document_path(group, version);
        let item = if resource.namespaced {
            format!(
                "/{prefix}/namespaces/{{namespace}}/{}/{{name}}",
                resource.plural
            )
        } else {
            format!("/{prefix}/{}/{{name}}", resource.plural)
        };
        let gvk = json!([{"group": group, "version": version, "kind": resource.kind}]);
        let operation = |verb: &str| {
            json!({
                "operationId": format!("{verb}{}", resource.kind),
                "x-kubernetes-action": verb,
                "x-kubernetes-group-version-kind": gvk[0],
                "parameters": [
                    {"name": "fieldValidation", "in": "query", "schema": {"type": "string", "uniqueItems": true}},
                    {"name": "fieldManager", "in": "query", "schema": {"type": "string", "uniqueItems": true}},
                    {"name": "dryRun", "in": "query", "schema": {"type": "string", "uniqueItems": true}}
                ],
                "responses": {"200": {"description": "OK"}}
            })
        };
        paths.insert(
            item,
            json!({"get": operation("get"), "put": operation("put"), "patch": operation("patch"), "delete": operation("delete")}),
        );
    }
    (!paths.is_empty()).then(|| {
        json!({"openapi": "3.0.0", "info": {"title": "Kubernetes", "version": "v1.32.0"}, "paths": paths,
               "components": {"schemas": {}}})
    })
}

/// A stable stand-in for the document hash kubectl caches by.
fn hash(path: &str) -> String {
    let sum = path.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{sum:016X}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_names_a_document_that_has_the_patch_operation_kubectl_looks_for() {
        let root = root();
        let url = root["paths"]["apis/kubevirt.io/v1"]["serverRelativeURL"]
            .as_str()
            .unwrap();
        assert!(url.starts_with("/openapi/v3/apis/kubevirt.io/v1?hash="));
        let doc = document("apis/kubevirt.io/v1").unwrap();
        let patch = &doc["paths"]
            ["/apis/kubevirt.io/v1/namespaces/{namespace}/virtualmachines/{name}"]["patch"];
        assert_eq!(
            patch["x-kubernetes-group-version-kind"]["kind"],
            "VirtualMachine"
        );
        assert_eq!(patch["parameters"][0]["name"], "fieldValidation");
        assert!(document("apis/nothing.io/v1").is_none());
        assert!(document("api/v1").unwrap()["paths"]["/api/v1/namespaces/{name}"].is_object());
    }
}
