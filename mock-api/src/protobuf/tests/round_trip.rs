//! decode(encode(x)) == x for realistic objects of every kind the tables cover, with the
//! fields the mock and kubectl set on them.

use serde_json::{json, Value};

use crate::protobuf::{decode, encode};

fn assert_round_trips(object: Value) {
    let bytes = encode(&object).unwrap_or_else(|err| panic!("{err} in {object}"));
    assert_eq!(decode(&bytes), Ok(object));
}

fn metadata(name: &str) -> Value {
    json!({
        "name": name, "namespace": "windows-dev", "uid": "0b3c5a9e-7d41-4c1e-9f0a-5d2f8e6b1a22",
        "resourceVersion": "1042", "generation": 3, "creationTimestamp": "2026-10-20T10:10:44Z",
        "labels": {"app.kubernetes.io/name": name, "team": "qa"},
        "annotations": {"note": "line one\nline two", "empty": ""},
        "ownerReferences": [{"apiVersion": "batch/v1", "kind": "CronJob", "name": "nightly",
            "uid": "5f1c2d3e-0000-4000-8000-000000000001", "controller": true, "blockOwnerDeletion": true}],
        "finalizers": ["kubernetes.io/pvc-protection"],
        "managedFields": [{"manager": "kubectl-create", "operation": "Update", "apiVersion": "v1",
            "time": "2026-10-20T10:10:44Z", "fieldsType": "FieldsV1",
            "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:team": {}}}}}]
    })
}

#[test]
fn namespaces_secrets_config_maps_and_service_accounts() {
    assert_round_trips(json!({"apiVersion": "v1", "kind": "Namespace",
        "metadata": {"name": "demo", "uid": "u-1", "resourceVersion": "7", "creationTimestamp": "2026-10-20T10:10:44Z",
            "labels": {"kubernetes.io/metadata.name": "demo"}, "deletionTimestamp": "2026-10-21T00:00:00Z",
            "deletionGracePeriodSeconds": 0},
        "spec": {"finalizers": ["kubernetes"]},
        "status": {"phase": "Terminating", "conditions": [{"type": "NamespaceDeletionContentFailure", "status": "False",
            "lastTransitionTime": "2026-10-21T00:00:01Z", "reason": "ContentDeleted", "message": "All content successfully deleted"}]}}));
    assert_round_trips(
        json!({"apiVersion": "v1", "kind": "Secret", "metadata": metadata("db"),
        "type": "kubernetes.io/basic-auth", "immutable": false,
        "data": {"username": "YWRtaW4=", "password": "AAEC/f7/", "empty": ""}}),
    );
    assert_round_trips(
        json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "plain"},
        "stringData": {"token": "not encoded"}}),
    );
    assert_round_trips(
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": metadata("virtio-win"),
        "data": {"virtio-win-image": "quay.io/kubevirt/virtio-container-disk:v1.6.0", "unicode": "Grüße ✓"},
        "binaryData": {"blob": "3q2+7w=="}, "immutable": true}),
    );
    assert_round_trips(
        json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": metadata("restarter"),
        "secrets": [{"name": "restarter-token", "namespace": "windows-dev", "kind": "Secret"}],
        "imagePullSecrets": [{"name": "quay"}], "automountServiceAccountToken": false}),
    );
}

#[test]
fn roles_and_role_bindings() {
    assert_round_trips(
        json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": metadata("vm-restarter"),
        "rules": [
            {"verbs": ["get", "patch"], "apiGroups": ["kubevirt.io"], "resources": ["virtualmachines"], "resourceNames": ["win11-dev-01"]},
            {"verbs": ["update"], "apiGroups": ["subresources.kubevirt.io"], "resources": ["virtualmachines/restart"]},
            {"verbs": ["get"], "nonResourceURLs": ["/healthz", "/version"]},
        ]}),
    );
    assert_round_trips(
        json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": metadata("vm-restarter"),
        "subjects": [
            {"kind": "ServiceAccount", "name": "restarter", "namespace": "windows-dev"},
            {"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "system:authenticated"},
        ],
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "vm-restarter"}}),
    );
}

/// A pod template with most of what the tables know.
fn pod_template() -> Value {
    json!({
        "metadata": {"labels": {"vm.windows-vms.io/action": "restart", "vm.windows-vms.io/name": "win11-dev-01"}},
        "spec": {
            "serviceAccountName": "restarter", "restartPolicy": "Never", "terminationGracePeriodSeconds": 30,
            "activeDeadlineSeconds": 600, "dnsPolicy": "ClusterFirst", "nodeSelector": {"kubernetes.io/os": "linux"},
            "automountServiceAccountToken": true, "enableServiceLinks": false, "priority": 0, "hostNetwork": true,
            "securityContext": {"runAsNonRoot": true, "runAsUser": 1000, "runAsGroup": 0, "fsGroup": 2000,
                "supplementalGroups": [3000, 4000], "seccompProfile": {"type": "RuntimeDefault"},
                "sysctls": [{"name": "net.ipv4.ping_group_range", "value": "0 2147483647"}]},
            "tolerations": [{"key": "node-role.kubernetes.io/infra", "operator": "Exists", "effect": "NoSchedule", "tolerationSeconds": 300}],
            "imagePullSecrets": [{"name": "quay"}],
            "volumes": [
                {"name": "scratch", "emptyDir": {"sizeLimit": "1Gi"}},
                {"name": "script", "configMap": {"name": "restart-script", "defaultMode": 493, "items": [{"key": "run.sh", "path": "run.sh"}]}},
                {"name": "token", "secret": {"secretName": "api-token", "optional": true}},
                {"name": "data", "persistentVolumeClaim": {"claimName": "data", "readOnly": true}},
            ],
            "containers": [{
                "name": "restart", "image": "quay.io/openshift/origin-cli:4.19", "imagePullPolicy": "IfNotPresent",
                "command": ["/bin/sh", "-c"], "args": ["oc patch vm win11-dev-01 --type merge -p '{}'"],
                "workingDir": "/work", "ports": [{"name": "metrics", "containerPort": 8080, "protocol": "TCP"}],
                "env": [
                    {"name": "VM", "value": "win11-dev-01"},
                    {"name": "UNSET"},
                    {"name": "NS", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}},
                    {"name": "LIMIT", "valueFrom": {"resourceFieldRef": {"containerName": "restart", "resource": "limits.memory", "divisor": "1Mi"}}},
                    {"name": "MODE", "valueFrom": {"configMapKeyRef": {"name": "settings", "key": "mode", "optional": true}}},
                    {"name": "TOKEN", "valueFrom": {"secretKeyRef": {"name": "api-token", "key": "token"}}},
                ],
                "envFrom": [{"prefix": "CFG_", "configMapRef": {"name": "settings"}}, {"secretRef": {"name": "api-token", "optional": false}}],
                "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": "100m", "memory": "64Mi"}},
                "volumeMounts": [{"name": "script", "mountPath": "/scripts", "readOnly": true}, {"name": "scratch", "mountPath": "/tmp", "subPath": "t"}],
                "securityContext": {"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true, "runAsNonRoot": true,
                    "capabilities": {"drop": ["ALL"]}, "seccompProfile": {"type": "Localhost", "localhostProfile": "profiles/restart.json"}},
                "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
            }],
        }
    })
}

#[test]
fn cron_jobs_and_their_jobs() {
    assert_round_trips(
        json!({"apiVersion": "batch/v1", "kind": "CronJob", "metadata": metadata("restart-win11-dev-01"),
        "spec": {"schedule": "0 3 * * 6", "timeZone": "Europe/Berlin", "concurrencyPolicy": "Forbid", "suspend": false,
            "startingDeadlineSeconds": 200, "successfulJobsHistoryLimit": 1, "failedJobsHistoryLimit": 0,
            "jobTemplate": {"metadata": {"labels": {"a": "b"}}, "spec": {"backoffLimit": 0, "ttlSecondsAfterFinished": 3600, "template": pod_template()}}},
        "status": {"lastScheduleTime": "2026-10-24T01:00:00Z", "lastSuccessfulTime": "2026-10-24T01:00:07Z",
            "active": [{"kind": "Job", "namespace": "windows-dev", "name": "restart-29123456", "uid": "j-1", "apiVersion": "batch/v1", "resourceVersion": "99"}]}}),
    );
    assert_round_trips(
        json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": metadata("restart-29123456"),
        "spec": {"parallelism": 1, "completions": 1, "backoffLimit": 6, "completionMode": "NonIndexed", "suspend": false,
            "manualSelector": false, "podReplacementPolicy": "TerminatingOrFailed",
            "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "j-1"},
                "matchExpressions": [{"key": "tier", "operator": "In", "values": ["a", "b"]}]},
            "template": pod_template()},
        "status": {"startTime": "2026-10-24T01:00:00Z", "completionTime": "2026-10-24T01:00:07Z", "succeeded": 1,
            "ready": 0, "terminating": 0, "uncountedTerminatedPods": {},
            "conditions": [{"type": "Complete", "status": "True", "lastProbeTime": "2026-10-24T01:00:07Z",
                "lastTransitionTime": "2026-10-24T01:00:07Z", "reason": "CompletionsReached", "message": "Reached expected number of succeeded pods"}]}}),
    );
}

#[test]
fn access_reviews_and_who_am_i() {
    assert_round_trips(
        json!({"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview", "metadata": {},
        "spec": {"resourceAttributes": {"namespace": "windows-dev", "verb": "update", "group": "subresources.kubevirt.io",
            "version": "v1", "resource": "virtualmachines", "subresource": "restart", "name": "win11-dev-01",
            "labelSelector": {"requirements": [{"key": "team", "operator": "In", "values": ["qa"]}]},
            "fieldSelector": {"rawSelector": "metadata.name=x"}}},
        "status": {"allowed": false, "denied": true, "reason": "denied by a test", "evaluationError": "none"}}),
    );
    assert_round_trips(
        json!({"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview", "metadata": {},
        "spec": {"nonResourceAttributes": {"path": "/healthz", "verb": "get"}}, "status": {"allowed": true}}),
    );
    assert_round_trips(
        json!({"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview", "metadata": {},
        "status": {"userInfo": {"username": "developer", "uid": "1", "groups": ["system:authenticated"]}}}),
    );
}

#[test]
fn events_services_and_statuses() {
    assert_round_trips(
        json!({"apiVersion": "v1", "kind": "Event", "metadata": {"name": "win11.1", "namespace": "windows-dev"},
        "involvedObject": {"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachineInstance", "name": "win11", "namespace": "windows-dev", "uid": "v-1"},
        "reason": "GuestBootFailed", "message": "Windows stopped with INACCESSIBLE_BOOT_DEVICE", "type": "Warning",
        "source": {"component": "virt-handler", "host": "worker-1"},
        "firstTimestamp": "2026-10-24T01:00:00Z", "lastTimestamp": "2026-10-24T01:05:00Z", "count": 3,
        "eventTime": "2026-10-24T01:00:00.123456Z", "series": {"count": 2, "lastObservedTime": "2026-10-24T01:05:00.000000Z"},
        "action": "Boot", "related": {"kind": "Pod", "name": "virt-launcher-win11"},
        "reportingComponent": "", "reportingInstance": "worker-1"}),
    );
    assert_round_trips(
        json!({"apiVersion": "v1", "kind": "Service", "metadata": metadata("rdp"),
        "spec": {"type": "NodePort", "selector": {"vm": "win11"}, "clusterIP": "172.30.0.11", "clusterIPs": ["172.30.0.11"],
            "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack", "sessionAffinity": "ClientIP",
            "sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 10800}},
            "ports": [{"name": "rdp", "protocol": "TCP", "port": 3389, "targetPort": 3389, "nodePort": 30001},
                {"name": "web", "port": 80, "targetPort": "http"}]},
        "status": {"loadBalancer": {"ingress": [{"ip": "192.0.2.10"}]}}}),
    );
    assert_round_trips(
        json!({"apiVersion": "v1", "kind": "Status", "metadata": {}, "status": "Failure",
        "message": "VirtualMachine \"bad\" is invalid: spec.running: Invalid value", "reason": "Invalid", "code": 422,
        "details": {"name": "bad", "group": "kubevirt.io", "kind": "VirtualMachine", "retryAfterSeconds": 2,
            "causes": [{"reason": "FieldValueInvalid", "message": "Invalid value", "field": "spec.running"}]}}),
    );
}

#[test]
fn quantities_written_as_numbers_read_back_as_strings() {
    let mut object = json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"},
        "spec": {"template": {"spec": {"containers": [{"name": "c", "resources": {"limits": {"cpu": 2}}}]}}}});
    let decoded = encode(&object).map(|bytes| decode(&bytes));
    object["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]["cpu"] = json!("2");
    assert_eq!(decoded, Ok(Ok(object)));
}
