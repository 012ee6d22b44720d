//! The codec against the bodies kubectl 1.32 sent for its typed commands (captured with
//! `-v=8`), against bytes worked out by hand, and against malformed input.

use serde_json::json;

use super::codec::MAX_DEPTH;
use super::decode::decode_message;
use super::{decode, encode, ProtoError};

mod round_trip;

fn bytes(hex: &[&str]) -> Vec<u8> {
    let hex: String = hex.concat();
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("test hex is valid"))
        .collect()
}

/// `kubectl create namespace demo`
const KUBECTL_NAMESPACE: &[&str] = &[
    "6b3873000a0f0a02763112094e616d657370616365121c0a140a0464656d6f12001a0022002a0032003800420012001a",
    "020a001a002200",
];

/// `kubectl create secret generic s1 --from-literal=user=admin --from-literal='password=p@ss w0rd'`
const KUBECTL_SECRET: &[&str] = &[
    "6b3873000a0c0a0276311206536563726574123c0a120a02733112001a0022002a0032003800420012150a0870617373",
    "776f72641209704073732077307264120d0a0475736572120561646d696e1a001a002200",
];

/// `kubectl create configmap c1 --from-literal=color=blue --from-literal=size=10`
const KUBECTL_CONFIGMAP: &[&str] = &[
    "6b3873000a0f0a0276311209436f6e6669674d6170122f0a120a02633112001a0022002a00320038004200120d0a0563",
    "6f6c6f721204626c7565120a0a0473697a65120231301a002200",
];

/// `kubectl create serviceaccount sa1`
const KUBECTL_SERVICEACCOUNT: &[&str] = &[
    "6b3873000a140a027631120e536572766963654163636f756e7412150a130a0373613112001a0022002a003200380042",
    "001a002200",
];

/// `kubectl create role r1 --verb=get,list --resource=configmaps,virtualmachines.kubevirt.io --resource-name=x`
const KUBECTL_ROLE: &[&str] = &[
    "6b3873000a240a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f76311204526f6c6512600a120a02",
    "723112001a0022002a00320038004200121c0a036765740a046c69737412001a0a636f6e6669676d617073220178122c",
    "0a036765740a046c697374120b6b756265766972742e696f1a0f7669727475616c6d616368696e65732201781a002200",
];

/// `kubectl create rolebinding rb1 --role=r1 --serviceaccount=default:sa1 --user=alice`
const KUBECTL_ROLEBINDING: &[&str] = &[
    "6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b526f6c6542696e64696e",
    "67128a010a130a0372623112001a0022002a00320038004200122a0a04557365721219726261632e617574686f72697a",
    "6174696f6e2e6b38732e696f1a05616c696365220012200a0e536572766963654163636f756e7412001a037361312207",
    "64656661756c741a250a19726261632e617574686f72697a6174696f6e2e6b38732e696f1204526f6c651a0272311a00",
    "2200",
];

/// `kubectl create cronjob cj1 --image=busybox --schedule='*/5 * * * *' -- echo hi`
const KUBECTL_CRONJOB: &[&str] = &[
    "6b3873000a130a0862617463682f7631120743726f6e4a6f6212ac010a130a03636a3112001a0022002a003200380042",
    "001292010a0b2a2f35202a202a202a202a1a002a80010a130a03636a3112001a0022002a00320038004200126932670a",
    "100a0012001a0022002a003200380042001253122c0a03636a31120762757379626f781a046563686f1a0268692a0042",
    "006a007200800100880100900100a201001a094f6e4661696c757265320042004a0052005800600068008201008a0100",
    "9a0100c201001a001a002200",
];

/// `kubectl auth can-i create virtualmachines`
const KUBECTL_SSAR: &[&str] = &[
    "6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a65637441636365",
    "737352657669657712550a100a0012001a0022002a0032003800420012370a350a0764656661756c7412066372656174",
    "651a0b6b756265766972742e696f22002a0f7669727475616c6d616368696e657332003a001a08080012001a0020001a",
    "002200",
];

/// `kubectl auth can-i get /healthz`
const KUBECTL_SSAR2: &[&str] = &[
    "6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a65637441636365",
    "7373526576696577122f0a100a0012001a0022002a003200380042001211120f0a082f6865616c74687a12036765741a",
    "08080012001a0020001a002200",
];

#[test]
fn kubectl_create_namespace_reads_as_its_json() {
    assert_eq!(
        decode(&bytes(KUBECTL_NAMESPACE)),
        Ok(
            json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "demo"}, "spec": {}, "status": {}})
        )
    );
}

#[test]
fn kubectl_create_secret_reads_with_base64_data() {
    assert_eq!(
        decode(&bytes(KUBECTL_SECRET)),
        Ok(
            json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s1"},
            "data": {"password": "cEBzcyB3MHJk", "user": "YWRtaW4="}})
        )
    );
}

#[test]
fn kubectl_create_configmap_and_serviceaccount_read_as_their_json() {
    assert_eq!(
        decode(&bytes(KUBECTL_CONFIGMAP)),
        Ok(
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c1"},
            "data": {"color": "blue", "size": "10"}})
        )
    );
    assert_eq!(
        decode(&bytes(KUBECTL_SERVICEACCOUNT)),
        Ok(json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "sa1"}}))
    );
}

#[test]
fn kubectl_create_role_and_rolebinding_keep_empty_list_items_and_unset_api_groups_out() {
    assert_eq!(
        decode(&bytes(KUBECTL_ROLE)),
        Ok(
            json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "r1"},
            "rules": [
                {"verbs": ["get", "list"], "apiGroups": [""], "resources": ["configmaps"], "resourceNames": ["x"]},
                {"verbs": ["get", "list"], "apiGroups": ["kubevirt.io"], "resources": ["virtualmachines"], "resourceNames": ["x"]},
            ]})
        )
    );
    assert_eq!(
        decode(&bytes(KUBECTL_ROLEBINDING)),
        Ok(
            json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": {"name": "rb1"},
            "subjects": [
                {"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "alice"},
                {"kind": "ServiceAccount", "name": "sa1", "namespace": "default"},
            ],
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "r1"}})
        )
    );
}

#[test]
fn kubectl_create_cronjob_reads_with_its_pod_template() {
    assert_eq!(
        decode(&bytes(KUBECTL_CRONJOB)),
        Ok(
            json!({"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "cj1"},
            "spec": {"schedule": "*/5 * * * *", "jobTemplate": {"metadata": {"name": "cj1"}, "spec": {"template": {
                "metadata": {},
                "spec": {"containers": [{"name": "cj1", "image": "busybox", "command": ["echo", "hi"], "resources": {}}],
                    "restartPolicy": "OnFailure"}}}}},
            "status": {}})
        )
    );
}

#[test]
fn kubectl_auth_can_i_reads_as_an_access_review() {
    assert_eq!(
        decode(&bytes(KUBECTL_SSAR)),
        Ok(
            json!({"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview", "metadata": {},
            "spec": {"resourceAttributes": {"namespace": "default", "verb": "create", "group": "kubevirt.io", "resource": "virtualmachines"}},
            "status": {"allowed": false}})
        )
    );
    assert_eq!(
        decode(&bytes(KUBECTL_SSAR2)).map(|review| review["spec"].clone()),
        Ok(json!({"nonResourceAttributes": {"path": "/healthz", "verb": "get"}}))
    );
}

/// `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c1"}, "data": {"a": "b"}}`
/// by hand: each field is its key byte ((number << 3) | 2 for length-delimited), a length and
/// the payload.
#[test]
fn a_small_config_map_encodes_to_the_bytes_worked_out_by_hand() {
    let expected: Vec<u8> = [
        &b"k8s\0"[..],
        // Unknown.typeMeta (1): apiVersion (1) "v1", kind (2) "ConfigMap": 4 + 11 bytes.
        &[0x0a, 15, 0x0a, 2],
        b"v1",
        &[0x12, 9],
        b"ConfigMap",
        // Unknown.raw (2): metadata (1) of 6 bytes and one data (2) entry of 8.
        &[0x12, 14],
        // ConfigMap.metadata: ObjectMeta.name (1) "c1".
        &[0x0a, 4, 0x0a, 2],
        b"c1",
        // ConfigMap.data: an entry {key (1) "a", value (2) "b"}.
        &[0x12, 6, 0x0a, 1, b'a', 0x12, 1, b'b'],
        // Unknown.contentEncoding (3) and contentType (4), empty as Go sends them.
        &[0x1a, 0, 0x22, 0],
    ]
    .concat();
    let object = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c1"}, "data": {"a": "b"}});
    assert_eq!(encode(&object), Ok(expected.clone()));
    assert_eq!(decode(&expected), Ok(object));
}

#[test]
fn zero_values_of_fields_without_a_table_entry_are_skipped_and_others_refused() {
    // Namespace with field 9 (not in its table): once empty, once holding "x".
    let namespace = |field_nine: &[u8]| {
        let raw: Vec<u8> = [
            &[0x0a, 6, 0x0a, 4][..],
            b"demo",
            &[0x4a, field_nine.len() as u8],
            field_nine,
        ]
        .concat();
        [
            &b"k8s\0"[..],
            &[0x0a, 15, 0x0a, 2],
            b"v1",
            &[0x12, 9],
            b"Namespace",
            &[0x12, raw.len() as u8],
            &raw,
        ]
        .concat()
    };
    assert_eq!(
        decode(&namespace(b"")),
        Ok(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "demo"}}))
    );
    assert_eq!(
        decode(&namespace(b"x")),
        Err(ProtoError::UnknownField {
            message: "Namespace",
            number: 9
        })
    );
}

#[test]
fn kinds_without_a_table_and_bodies_without_the_magic_are_refused() {
    let vm = json!({"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine", "metadata": {"name": "vm"}});
    assert!(matches!(
        encode(&vm),
        Err(ProtoError::UnsupportedKind { .. })
    ));
    assert_eq!(decode(b"{}"), Err(ProtoError::NoMagic));
    assert!(matches!(
        decode(b"k8s\0"),
        Err(ProtoError::UnsupportedKind { .. })
    ));
}

#[test]
fn every_truncation_and_many_corruptions_of_a_real_body_fail_cleanly() {
    let body = bytes(KUBECTL_CRONJOB);
    for len in 0..body.len() {
        // Some prefixes end on a field boundary and read; none may panic.
        let _ = decode(&body[..len]);
    }
    // A fixed-seed linear congruential generator: the same corruptions on every run.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) as usize
    };
    for _ in 0..20_000 {
        let mut corrupt = body.clone();
        for _ in 0..1 + next() % 4 {
            let at = 4 + next() % (corrupt.len() - 4);
            corrupt[at] = next() as u8;
        }
        let _ = decode(&corrupt);
    }
}

#[test]
fn nesting_beyond_the_limit_is_refused() {
    assert_eq!(
        decode_message(&super::core_v1::NAMESPACE, &[], MAX_DEPTH + 1),
        Err(ProtoError::TooDeep)
    );
}

#[test]
fn json_the_tables_cannot_write_is_an_error_for_the_caller_to_answer_in_json() {
    let extra =
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "surprise": 1}});
    assert_eq!(
        encode(&extra),
        Err(ProtoError::NoSuchField {
            message: "ObjectMeta",
            key: "surprise".into()
        })
    );
    let wrong = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": 7}});
    assert!(matches!(
        encode(&wrong),
        Err(ProtoError::WrongJsonType { .. })
    ));
    let not_base64 = json!({"apiVersion": "v1", "kind": "Secret", "data": {"a": "%%%"}});
    assert!(matches!(
        encode(&not_base64),
        Err(ProtoError::InvalidValue { .. })
    ));
}
