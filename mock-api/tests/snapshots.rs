//! Snapshots and restores as KubeVirt's controllers and webhooks handle them: a snapshot
//! becomes ready and captures the VM; a restore of a running VM is refused; a restore of a
//! stopped one brings the captured spec back.

mod support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::{namespace, stopped_vm, Mock};

const VMS: &str = "/apis/kubevirt.io/v1/namespaces/dev/virtualmachines";
const SNAPSHOTS: &str = "/apis/snapshot.kubevirt.io/v1beta1/namespaces/dev/virtualmachinesnapshots";
const RESTORES: &str = "/apis/snapshot.kubevirt.io/v1beta1/namespaces/dev/virtualmachinerestores";

fn eventually(mock: &Mock, target: &str, what: &str, done: impl Fn(&Value) -> bool) -> Value {
    let start = Instant::now();
    loop {
        let answer = mock.json("GET", target, &Value::Null);
        if answer.status == 200 && done(&answer.json()) {
            return answer.json();
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "{what}: {:?}",
            answer.json()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn bus(vm: &Value) -> Value {
    vm["spec"]["template"]["spec"]["domain"]["devices"]["disks"][0]["disk"]["bus"].clone()
}

fn restore(name: &str) -> Value {
    json!({"apiVersion": "snapshot.kubevirt.io/v1beta1", "kind": "VirtualMachineRestore",
        "metadata": {"name": name},
        "spec": {"target": {"apiGroup": "kubevirt.io", "kind": "VirtualMachine", "name": "win"},
                 "virtualMachineSnapshotName": "before"}})
}

#[test]
fn a_snapshot_restores_the_spec_it_captured_once_the_vm_is_stopped() {
    let mut mock = Mock::start(&[]);
    assert_eq!(
        mock.json("POST", "/api/v1/namespaces", &namespace("dev"))
            .status,
        201
    );
    assert_eq!(mock.json("POST", VMS, &stopped_vm("win")).status, 201);
    let snapshot = json!({"apiVersion": "snapshot.kubevirt.io/v1beta1", "kind": "VirtualMachineSnapshot",
        "metadata": {"name": "before"},
        "spec": {"source": {"apiGroup": "kubevirt.io", "kind": "VirtualMachine", "name": "win"}}});
    let created = mock.json("POST", SNAPSHOTS, &snapshot);
    assert_eq!(created.status, 201, "{:?}", created.json());

    let early = mock.json("POST", RESTORES, &restore("too-early"));
    assert_eq!(early.status, 422, "not ready yet: {:?}", early.json());

    let ready = eventually(
        &mock,
        &format!("{SNAPSHOTS}/before"),
        "the snapshot becomes ready",
        |s| s["status"]["readyToUse"] == true,
    );
    assert_eq!(ready["status"]["phase"], "Succeeded");
    let content_name = ready["status"]["virtualMachineSnapshotContentName"]
        .as_str()
        .unwrap();
    let content = mock.json(
        "GET",
        &format!("/apis/snapshot.kubevirt.io/v1beta1/namespaces/dev/virtualmachinesnapshotcontents/{content_name}"),
        &Value::Null,
    );
    assert_eq!(
        bus(&content.json()["spec"]["source"]["virtualMachine"]),
        "sata"
    );

    let switch = json!([{"op": "replace", "path": "/spec/template/spec/domain/devices/disks/0/disk/bus", "value": "virtio"}]);
    let patched = mock.json_as(
        "PATCH",
        &format!("{VMS}/win"),
        "application/json-patch+json",
        &switch,
    );
    assert_eq!(patched.status, 200);
    let start = "/apis/subresources.kubevirt.io/v1/namespaces/dev/virtualmachines/win/start";
    assert_eq!(mock.json("PUT", start, &json!({})).status, 202);
    eventually(
        &mock,
        "/apis/kubevirt.io/v1/namespaces/dev/virtualmachineinstances/win",
        "it runs",
        |_| true,
    );

    let refused = mock.json("POST", RESTORES, &restore("while-running"));
    assert_eq!(refused.status, 422);
    let message = refused.json()["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(message.contains("\"win\" is not stopped"), "{message}");

    let stop = "/apis/subresources.kubevirt.io/v1/namespaces/dev/virtualmachines/win/stop";
    assert_eq!(mock.json("PUT", stop, &json!({})).status, 202);
    let instance = "/apis/kubevirt.io/v1/namespaces/dev/virtualmachineinstances/win";
    let start_wait = Instant::now();
    while mock.json("GET", instance, &Value::Null).status != 404 {
        assert!(start_wait.elapsed() < Duration::from_secs(15), "it stops");
        std::thread::sleep(Duration::from_millis(50));
    }
    let created = mock.json("POST", RESTORES, &restore("back"));
    assert_eq!(created.status, 201, "{:?}", created.json());
    let done = eventually(
        &mock,
        &format!("{RESTORES}/back"),
        "the restore completes",
        |r| r["status"]["complete"] == true,
    );
    assert_eq!(done["status"]["conditions"][1]["type"], "Ready");
    let vm = mock.json("GET", &format!("{VMS}/win"), &Value::Null).json();
    assert_eq!(bus(&vm), "sata", "the captured disk bus is back");
    assert!(vm["status"].get("restoreInProgress").is_none());
    assert!(vm["metadata"]["annotations"]["restore.kubevirt.io/lastRestoreUID"].is_string());

    let wrong_kind = json!({"apiVersion": "snapshot.kubevirt.io/v1beta1", "kind": "VirtualMachineSnapshot",
        "metadata": {"name": "pod"}, "spec": {"source": {"apiGroup": "", "kind": "Pod", "name": "win"}}});
    assert_eq!(mock.json("POST", SNAPSHOTS, &wrong_kind).status, 422);
    let deleted = mock.json("DELETE", &format!("{SNAPSHOTS}/before"), &Value::Null);
    assert_eq!(deleted.status, 200);
    let content_path = format!("/apis/snapshot.kubevirt.io/v1beta1/namespaces/dev/virtualmachinesnapshotcontents/{content_name}");
    assert_eq!(
        mock.json("GET", &content_path, &Value::Null).status,
        404,
        "its content goes with it"
    );
    mock.assert_alive_without_panics();
}
