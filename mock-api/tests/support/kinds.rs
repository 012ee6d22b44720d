//! The kinds of object the mock serves, each with a valid object to start from.

use serde_json::{json, Value};

use super::{namespace, stopped_vm};

/// A kind of object the mock serves: its collection and a valid object of it named as asked.
pub struct Kind {
    pub collection: &'static str,
    /// Whether its objects are kept (and so can be read, replaced, patched and deleted).
    pub stored: bool,
    pub object: fn(&str) -> Value,
}

pub fn object(api_version: &str, kind: &str, name: &str, rest: Value) -> Value {
    let mut object = json!({"apiVersion": api_version, "kind": kind, "metadata": {"name": name, "labels": {"app": "test"}}});
    if let (Some(fields), Some(rest)) = (object.as_object_mut(), rest.as_object()) {
        fields.extend(rest.clone());
    }
    object
}

pub const KINDS: &[Kind] = &[
    Kind {
        collection: "/api/v1/namespaces",
        stored: true,
        object: namespace,
    },
    Kind {
        collection: "/api/v1/namespaces/dev/configmaps",
        stored: true,
        object: |n| object("v1", "ConfigMap", n, json!({"data": {"a": "b"}})),
    },
    Kind {
        collection: "/api/v1/namespaces/dev/secrets",
        stored: true,
        object: |n| object("v1", "Secret", n, json!({"stringData": {"a": "b"}})),
    },
    Kind {
        collection: "/api/v1/namespaces/dev/services",
        stored: true,
        object: |n| {
            object(
                "v1",
                "Service",
                n,
                json!({"spec": {"type": "NodePort", "selector": {"a": "b"},
                "ports": [{"name": "rdp", "port": 3389, "protocol": "TCP", "targetPort": 3389}]}}),
            )
        },
    },
    Kind {
        collection: "/api/v1/namespaces/dev/persistentvolumeclaims",
        stored: true,
        object: |n| {
            object(
                "v1",
                "PersistentVolumeClaim",
                n,
                json!({"spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}),
            )
        },
    },
    Kind {
        collection: "/api/v1/namespaces/dev/events",
        stored: true,
        object: |n| {
            object(
                "v1",
                "Event",
                n,
                json!({"reason": "Test", "involvedObject": {"kind": "Pod", "name": "p"}}),
            )
        },
    },
    Kind {
        collection: "/api/v1/namespaces/dev/serviceaccounts",
        stored: true,
        object: |n| object("v1", "ServiceAccount", n, json!({})),
    },
    Kind {
        collection: "/apis/batch/v1/namespaces/dev/cronjobs",
        stored: true,
        // Suspended, and its schedule (30 February) never comes.
        object: |n| {
            object(
                "batch/v1",
                "CronJob",
                n,
                json!({"spec": {"schedule": "0 0 30 2 *", "suspend": true,
                "startingDeadlineSeconds": 3600, "timeZone": "Etc/UTC",
                "jobTemplate": {"metadata": {"labels": {"a": "b"}}, "spec": {"template": {"spec": {"containers": []}}}}}}),
            )
        },
    },
    Kind {
        collection: "/apis/batch/v1/namespaces/dev/jobs",
        stored: true,
        object: |n| {
            object(
                "batch/v1",
                "Job",
                n,
                json!({"spec": {"template": {"spec": {"containers": []}}}}),
            )
        },
    },
    Kind {
        collection: "/apis/rbac.authorization.k8s.io/v1/namespaces/dev/roles",
        stored: true,
        object: |n| {
            object(
                "rbac.authorization.k8s.io/v1",
                "Role",
                n,
                json!({"rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]}]}),
            )
        },
    },
    Kind {
        collection: "/apis/rbac.authorization.k8s.io/v1/namespaces/dev/rolebindings",
        stored: true,
        object: |n| {
            object(
                "rbac.authorization.k8s.io/v1",
                "RoleBinding",
                n,
                json!({
                "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "r"},
                "subjects": [{"kind": "ServiceAccount", "name": "s", "namespace": "dev"}]}),
            )
        },
    },
    Kind {
        collection: "/apis/authentication.k8s.io/v1/selfsubjectreviews",
        stored: false,
        object: |n| {
            object(
                "authentication.k8s.io/v1",
                "SelfSubjectReview",
                n,
                json!({}),
            )
        },
    },
    Kind {
        collection: "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
        stored: false,
        object: |n| {
            object(
                "authorization.k8s.io/v1",
                "SelfSubjectAccessReview",
                n,
                json!({"spec": {"resourceAttributes":
                {"verb": "create", "group": "batch", "resource": "cronjobs", "namespace": "dev"}}}),
            )
        },
    },
    Kind {
        collection: "/apis/kubevirt.io/v1/namespaces/dev/virtualmachines",
        stored: true,
        object: stopped_vm,
    },
    Kind {
        collection: "/apis/kubevirt.io/v1/namespaces/dev/virtualmachineinstances",
        stored: true,
        object: |n| {
            object(
                "kubevirt.io/v1",
                "VirtualMachineInstance",
                n,
                json!({"spec": {"domain": {
                "devices": {"disks": [{"name": "root", "disk": {"bus": "sata"}}]},
                "resources": {"requests": {"memory": "1Gi"}}},
                "volumes": [{"name": "root", "containerDisk": {"image": "quay.io/containerdisks/fedora:40"}}]}}),
            )
        },
    },
    Kind {
        collection: "/apis/cdi.kubevirt.io/v1beta1/namespaces/dev/datavolumes",
        stored: true,
        object: |n| {
            object(
                "cdi.kubevirt.io/v1beta1",
                "DataVolume",
                n,
                json!({"spec": {"source": {"blank": {}},
                "storage": {"resources": {"requests": {"storage": "1Gi"}}}}}),
            )
        },
    },
    Kind {
        collection: "/apis/cdi.kubevirt.io/v1beta1/namespaces/dev/datasources",
        stored: true,
        object: |n| {
            object(
                "cdi.kubevirt.io/v1beta1",
                "DataSource",
                n,
                json!({"spec": {"source": {"pvc": {"name": "p", "namespace": "dev"}}}}),
            )
        },
    },
    Kind {
        collection:
            "/apis/instancetype.kubevirt.io/v1beta1/namespaces/dev/virtualmachineinstancetypes",
        stored: true,
        object: |n| {
            object(
                "instancetype.kubevirt.io/v1beta1",
                "VirtualMachineInstancetype",
                n,
                json!({"spec": {"cpu": {"guest": 2}, "memory": {"guest": "4Gi"}}}),
            )
        },
    },
    Kind {
        collection: "/apis/instancetype.kubevirt.io/v1beta1/virtualmachineclusterinstancetypes",
        stored: true,
        object: |n| {
            object(
                "instancetype.kubevirt.io/v1beta1",
                "VirtualMachineClusterInstancetype",
                n,
                json!({"spec": {"cpu": {"guest": 2}, "memory": {"guest": "4Gi"}}}),
            )
        },
    },
    Kind {
        collection:
            "/apis/instancetype.kubevirt.io/v1beta1/namespaces/dev/virtualmachinepreferences",
        stored: true,
        object: |n| {
            object(
                "instancetype.kubevirt.io/v1beta1",
                "VirtualMachinePreference",
                n,
                json!({"spec": {"devices": {"preferredDiskBus": "virtio"}}}),
            )
        },
    },
    Kind {
        collection: "/apis/instancetype.kubevirt.io/v1beta1/virtualmachineclusterpreferences",
        stored: true,
        object: |n| {
            object(
                "instancetype.kubevirt.io/v1beta1",
                "VirtualMachineClusterPreference",
                n,
                json!({"spec": {"devices": {"preferredDiskBus": "virtio"}}}),
            )
        },
    },
    Kind {
        collection: "/apis/snapshot.kubevirt.io/v1beta1/namespaces/dev/virtualmachinesnapshots",
        stored: true,
        object: |n| {
            object(
                "snapshot.kubevirt.io/v1beta1",
                "VirtualMachineSnapshot",
                n,
                json!({"spec": {"source": {"apiGroup": "kubevirt.io", "kind": "VirtualMachine", "name": "fixture"}}}),
            )
        },
    },
    // Not kept between cases: whether one is admitted depends on its snapshot being ready.
    Kind {
        collection: "/apis/snapshot.kubevirt.io/v1beta1/namespaces/dev/virtualmachinerestores",
        stored: false,
        object: |n| {
            object(
                "snapshot.kubevirt.io/v1beta1",
                "VirtualMachineRestore",
                n,
                json!({"spec": {"target": {"apiGroup": "kubevirt.io", "kind": "VirtualMachine", "name": "fixture"},
                    "virtualMachineSnapshotName": "fixture"}}),
            )
        },
    },
    Kind {
        collection: "/apis/k8s.cni.cncf.io/v1/namespaces/dev/network-attachment-definitions",
        stored: true,
        object: |n| {
            object(
                "k8s.cni.cncf.io/v1",
                "NetworkAttachmentDefinition",
                n,
                json!({"spec": {"config": "{}"}}),
            )
        },
    },
];

/// The existing object every item request addresses (`dev` itself is never touched).
pub const FIXTURE: &str = "fixture";
