//! The requests that once panicked the mock or stopped its controllers for good, each refused
//! now as the API server refuses it, with the store unchanged and a VM still able to start; and
//! the guards around what only tests and same-origin pages may do.

mod support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::{namespace, stopped_vm, Mock};

const VMS: &str = "/apis/kubevirt.io/v1/namespaces/dev/virtualmachines";

fn mock_with_namespace(args: &[&str]) -> Mock {
    let mock = Mock::start(args);
    assert_eq!(
        mock.json("POST", "/api/v1/namespaces", &namespace("dev"))
            .status,
        201
    );
    mock
}

/// Sends a request that must be refused with `code` and a Status, changing nothing.
fn assert_refused(
    mock: &Mock,
    method: &str,
    target: &str,
    content_type: &str,
    body: &Value,
    code: u16,
) -> Value {
    let before = mock.resource_version();
    let answer = mock.json_as(method, target, content_type, body);
    assert_eq!(
        answer.status,
        code,
        "{method} {target}: {:?}",
        answer.json()
    );
    assert!(answer.is_failure_status(), "{:?}", answer.json());
    assert_eq!(mock.resource_version(), before, "the store changed");
    answer.json()
}

#[test]
fn a_self_subject_access_review_that_is_an_array_is_refused() {
    let mut mock = mock_with_namespace(&[]);
    let status = assert_refused(
        &mock,
        "POST",
        "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
        "application/json",
        &json!([]),
        400,
    );
    assert_eq!(status["reason"], "BadRequest");
    mock.assert_a_vm_still_starts("after-review");
    mock.assert_alive_without_panics();
}

#[test]
fn a_service_whose_spec_is_an_array_is_refused() {
    let mut mock = mock_with_namespace(&[]);
    let service =
        json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "rdp"}, "spec": []});
    let status = assert_refused(
        &mock,
        "POST",
        "/api/v1/namespaces/dev/services",
        "application/json",
        &service,
        400,
    );
    assert_eq!(
        status["message"],
        "Service in version \"v1\" cannot be handled as a Service: json: cannot unmarshal array into Go struct field Service.spec of type object"
    );
    mock.assert_a_vm_still_starts("after-service");
    mock.assert_alive_without_panics();
}

#[test]
fn a_merge_patch_that_makes_metadata_a_string_is_refused() {
    let mut mock = mock_with_namespace(&[]);
    assert_eq!(mock.json("POST", VMS, &stopped_vm("patched")).status, 201);
    let config_map =
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {}});
    assert_eq!(
        mock.json("POST", "/api/v1/namespaces/dev/configmaps", &config_map)
            .status,
        201
    );
    for target in [
        format!("{VMS}/patched"),
        "/api/v1/namespaces/dev/configmaps/c".to_owned(),
    ] {
        for content_type in [
            "application/merge-patch+json",
            "application/strategic-merge-patch+json",
        ] {
            if content_type.starts_with("application/strategic") && target.starts_with("/apis/") {
                continue;
            }
            let status = assert_refused(
                &mock,
                "PATCH",
                &target,
                content_type,
                &json!({"metadata": "x"}),
                422,
            );
            assert_eq!(status["details"]["causes"][0]["field"], "metadata");
        }
        let as_json_patch = json!([{"op": "replace", "path": "/metadata", "value": "x"}]);
        assert_refused(
            &mock,
            "PATCH",
            &target,
            "application/json-patch+json",
            &as_json_patch,
            422,
        );
    }
    mock.assert_a_vm_still_starts("after-patch");
    mock.assert_alive_without_panics();
}

#[test]
fn a_virtual_machine_body_that_is_an_array_is_refused() {
    let mut mock = mock_with_namespace(&[]);
    assert_refused(&mock, "POST", VMS, "application/json", &json!([]), 400);
    let mut firmware_text = stopped_vm("odd");
    firmware_text["spec"]["template"]["spec"]["domain"]["firmware"] = json!("x");
    // A custom resource is decoded whatever its shape: KubeVirt's schema refuses it, by field.
    let status = assert_refused(&mock, "POST", VMS, "application/json", &firmware_text, 422);
    assert_eq!(
        status["details"]["causes"][0]["field"],
        "spec.template.spec.domain.firmware"
    );
    assert_eq!(mock.json("POST", VMS, &stopped_vm("put")).status, 201);
    assert_refused(
        &mock,
        "PUT",
        &format!("{VMS}/put"),
        "application/json",
        &json!([]),
        400,
    );
    mock.assert_a_vm_still_starts("after-vm");
    mock.assert_alive_without_panics();
}

#[test]
fn a_huge_clock_advance_is_refused_and_the_cron_jobs_still_run() {
    let mut mock = mock_with_namespace(&["--test-controls"]);
    for advance in [
        json!(i64::MAX),
        json!(u64::MAX),
        json!(-60),
        json!(1e300),
        json!("60"),
    ] {
        let answer = mock.json("POST", "/mock/clock", &json!({"advanceSeconds": advance}));
        assert_eq!(answer.status, 400, "{advance}");
    }
    assert_cron_jobs_still_fire(&mock);
    mock.assert_a_vm_still_starts("after-clock");
    mock.assert_alive_without_panics();
}

#[test]
fn a_creation_timestamp_far_in_the_past_is_replaced_by_the_servers() {
    let mut mock = mock_with_namespace(&["--test-controls"]);
    let never = json!({"apiVersion": "batch/v1", "kind": "CronJob",
        "metadata": {"name": "never", "creationTimestamp": "0001-01-01T00:00:00Z"},
        "spec": {"schedule": "0 0 30 2 *", "jobTemplate": {"spec": {}}}});
    let created = mock.json("POST", "/apis/batch/v1/namespaces/dev/cronjobs", &never);
    assert_eq!(created.status, 201, "{:?}", created.json());
    let stamp = created.json()["metadata"]["creationTimestamp"].clone();
    assert!(
        stamp.as_str().is_some_and(|t| t.as_bytes()[0] == b'2'),
        "{stamp}"
    );
    // The CronJob controller is not stuck walking two thousand years of minutes.
    let started = Instant::now();
    mock.resource_version();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_cron_jobs_still_fire(&mock);
    mock.assert_a_vm_still_starts("after-timestamp");
    mock.assert_alive_without_panics();
}

fn wait_for_a_job(mock: &Mock) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let jobs = mock
            .json("GET", "/apis/batch/v1/namespaces/dev/jobs", &Value::Null)
            .json();
        if jobs["items"]
            .as_array()
            .is_some_and(|items| !items.is_empty())
        {
            return;
        }
        assert!(Instant::now() < deadline, "no Job was made: {jobs}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_test_controls_exist_only_with_their_flag() {
    let without = Mock::start(&[]);
    for (method, path) in [
        ("POST", "/mock/reset"),
        ("POST", "/mock/clock"),
        ("DELETE", "/mock/faults"),
    ] {
        let answer = without.json(method, path, &json!({"advanceSeconds": 60}));
        assert_eq!(answer.status, 404, "{method} {path}");
    }
    let with = Mock::start(&["--test-controls"]);
    assert_eq!(with.json("POST", "/mock/reset", &Value::Null).status, 204);
    let fault = json!({"path": "/nothing", "status": 503});
    let statuses: Vec<u16> = (0..=1000)
        .map(|_| with.json("POST", "/mock/faults", &fault).status)
        .collect();
    assert!(statuses[..1000].iter().all(|status| *status == 201));
    assert_eq!(statuses[1000], 400, "faults are bounded");
}

#[test]
fn a_websocket_watch_from_another_origin_is_refused() {
    let mut mock = Mock::start(&[]);
    let upgrade = |origin: Option<String>| {
        let mut headers = vec![
            ("Upgrade", "websocket".to_owned()),
            ("Connection", "Upgrade".to_owned()),
            ("Sec-WebSocket-Version", "13".to_owned()),
            ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==".to_owned()),
        ];
        if let Some(origin) = origin {
            headers.push(("Origin", origin));
        }
        let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        mock.send("GET", "/api/v1/namespaces?watch=true", &headers, b"")
    };
    let refused = upgrade(Some("http://evil.example".to_owned())).unwrap();
    assert_eq!(refused.status, 403);
    assert!(refused.is_failure_status());
    // The handshake's answer comes, then the socket stays open: read only its head.
    let same_origin = Some(format!("http://{}", mock.address));
    for origin in [same_origin, None] {
        let accepted = handshake_status(&mock, origin.as_deref());
        assert_eq!(accepted, 101, "{origin:?}");
    }
    mock.assert_alive_without_panics();
}

/// The status of a WebSocket handshake's answer, read without waiting for the socket to close.
fn handshake_status(mock: &Mock, origin: Option<&str>) -> u16 {
    use std::io::{Read as _, Write as _};
    let mut stream = std::net::TcpStream::connect(mock.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let origin = origin
        .map(|o| format!("Origin: {o}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "GET /api/v1/namespaces?watch=true HTTP/1.1\r\nHost: {}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n{origin}\r\n",
        mock.address
    )
    .unwrap();
    let mut head = [0_u8; 12];
    stream.read_exact(&mut head).unwrap();
    std::str::from_utf8(&head[9..12]).unwrap().parse().unwrap()
}

/// A CronJob made now fires once the clock moves past its minute: the controller still runs.
fn assert_cron_jobs_still_fire(mock: &Mock) {
    let every_minute = json!({"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "tick"},
        "spec": {"schedule": "* * * * *", "jobTemplate": {"spec": {}}}});
    assert_eq!(
        mock.json(
            "POST",
            "/apis/batch/v1/namespaces/dev/cronjobs",
            &every_minute
        )
        .status,
        201
    );
    assert_eq!(
        mock.json("POST", "/mock/clock", &json!({"advanceSeconds": 120}))
            .status,
        204
    );
    wait_for_a_job(mock);
}
