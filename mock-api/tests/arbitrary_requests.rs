//! Arbitrary JSON sent to every write endpoint and arbitrary query strings to every read: the
//! mock never panics, answers every error with a `Status`, changes nothing when it refuses, and
//! still starts a VM afterwards. Bodies are mostly valid objects with one part replaced by
//! arbitrary JSON, which reaches further into the mock than noise would.

mod support;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::Value;
use support::arbitrary::{query, write_case, Write};
use support::kinds::{Kind, FIXTURE, KINDS};
use support::{namespace, Mock};

/// A few hundred cases keep each run to a second or two; `PROPTEST_CASES` asks for more.
fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(400);
    Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 256,
        ..Config::default()
    }
}

fn start_with_fixtures() -> Mock {
    let mock = Mock::start(&[]);
    assert_eq!(
        mock.json("POST", "/api/v1/namespaces", &namespace("dev"))
            .status,
        201
    );
    for kind in KINDS.iter().filter(|k| k.stored) {
        ensure_fixture(&mock, kind);
    }
    settle(&mock);
    mock
}

/// Waits until the snapshot and restore controllers are done with what the last case made
/// (each snapshot and restore no longer progressing), so that a later case finds the store as
/// it stays.
fn settle(mock: &Mock) {
    let collections = [
        "/apis/snapshot.kubevirt.io/v1beta1/namespaces/dev/virtualmachinesnapshots",
        "/apis/snapshot.kubevirt.io/v1beta1/namespaces/dev/virtualmachinerestores",
    ];
    let progressing = |object: &Value| {
        object["status"]["conditions"].as_array().is_none_or(|c| {
            c.iter()
                .any(|c| c["type"] == "Progressing" && c["status"] == "True")
        })
    };
    let start = std::time::Instant::now();
    while collections.iter().any(|collection| {
        mock.json("GET", collection, &Value::Null).json()["items"]
            .as_array()
            .is_some_and(|items| items.iter().any(progressing))
    }) {
        assert!(
            start.elapsed().as_secs() < 15,
            "a snapshot or restore never settled"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Creates the kind's fixture when an earlier case deleted it.
fn ensure_fixture(mock: &Mock, kind: &Kind) {
    let item = format!("{}/{FIXTURE}", kind.collection);
    if mock.json("GET", &item, &Value::Null).status == 404 {
        let created = mock.json("POST", kind.collection, &(kind.object)(FIXTURE));
        assert_eq!(
            created.status,
            201,
            "{}: {:?}",
            kind.collection,
            created.json()
        );
        if kind.collection.contains("snapshot.kubevirt.io") {
            settle(mock);
        }
    }
}

fn fail(message: String) -> TestCaseError {
    TestCaseError::fail(message)
}

#[test]
fn arbitrary_bodies_to_every_write_endpoint_are_answered_without_harm() {
    let mut mock = start_with_fixtures();
    let mut runner = TestRunner::new(config());
    let outcome = runner.run(&write_case(), |(kind, write, body, query, yaml)| {
        let kind = &KINDS[kind];
        if kind.stored {
            ensure_fixture(&mock, kind);
        }
        let item = format!("{}/{FIXTURE}{query}", kind.collection);
        let document = if yaml {
            "application/yaml"
        } else {
            "application/json"
        };
        let (method, target, content_type) = match write {
            Write::Create => ("POST", format!("{}{query}", kind.collection), document),
            Write::Replace => ("PUT", item, document),
            Write::MergePatch => ("PATCH", item, "application/merge-patch+json"),
            Write::StrategicMergePatch => ("PATCH", item, "application/strategic-merge-patch+json"),
            Write::JsonPatch => ("PATCH", item, "application/json-patch+json"),
            Write::Delete => ("DELETE", item, "application/json"),
            Write::VmAction => (
                "PUT",
                "/apis/subresources.kubevirt.io/v1/namespaces/dev/virtualmachines/missing/start"
                    .to_owned(),
                "application/json",
            ),
        };
        let before = mock.resource_version();
        let headers = [
            ("Content-Type", content_type),
            ("Accept", "application/json"),
        ];
        let answer = mock
            .send(method, &target, &headers, body.to_string().as_bytes())
            .map_err(|err| fail(format!("{err}\n{}", mock.stderr())))?;
        prop_assert!(answer.status < 500, "{method} {target} {body}: {answer:?}");
        if answer.status < 400 && kind.collection.contains("snapshot.kubevirt.io") {
            // What it made is taken or restored a moment later: let that happen now.
            settle(&mock);
        }
        if answer.status >= 400 {
            prop_assert!(
                answer.is_failure_status(),
                "{method} {target} {body}: {:?}",
                answer.json()
            );
            prop_assert_eq!(
                mock.resource_version(),
                before,
                "{} {} {} changed the store",
                method,
                target,
                body
            );
        }
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("{failure}\n{}", mock.stderr());
    }
    mock.assert_alive_without_panics();
    mock.assert_a_vm_still_starts("survivor");
    mock.assert_alive_without_panics();
}

/// Paths of every read: lists (namespaced and across namespaces), items, discovery, OpenAPI.
fn read_paths() -> Vec<String> {
    let mut paths: Vec<String> = [
        "/api",
        "/apis",
        "/api/v1",
        "/apis/kubevirt.io/v1",
        "/version",
        "/openapi/v3",
        "/openapi/v3/apis/kubevirt.io/v1",
        "/openapi/v3/api/v1",
        "/apis/subresources.kubevirt.io/v1",
        "/api/kubernetes/apis/kubevirt.io/v1/virtualmachines",
    ]
    .map(str::to_owned)
    .to_vec();
    for kind in KINDS.iter().filter(|k| k.stored) {
        paths.push(kind.collection.to_owned());
        paths.push(kind.collection.replace("/namespaces/dev", ""));
        paths.push(format!("{}/{FIXTURE}", kind.collection));
        paths.push(format!("{}/missing", kind.collection));
    }
    paths.sort();
    paths.dedup();
    paths
}

#[test]
fn arbitrary_query_strings_to_every_read_are_answered_without_harm() {
    let mut mock = start_with_fixtures();
    let before = mock.resource_version();
    const ACCEPTS: &[&str] = &[
        "application/json",
        "application/json;as=Table;v=v1;g=meta.k8s.io",
        "*/*",
    ];
    let case = (
        prop::sample::select(read_paths()),
        query(),
        prop::sample::select(ACCEPTS),
    );
    let mut runner = TestRunner::new(config());
    let outcome = runner.run(&case, |(path, query, accept)| {
        let target = if query.is_empty() {
            path.clone()
        } else {
            format!("{path}?{query}")
        };
        let answer = mock
            .send("GET", &target, &[("Accept", accept)], b"")
            .map_err(|err| fail(format!("{err}\n{}", mock.stderr())))?;
        prop_assert!(answer.status < 500, "{target}: {answer:?}");
        if answer.status >= 400 {
            prop_assert!(answer.is_failure_status(), "{target}: {:?}", answer.json());
        }
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("{failure}\n{}", mock.stderr());
    }
    assert_eq!(mock.resource_version(), before, "reads changed the store");
    mock.assert_alive_without_panics();
    mock.assert_a_vm_still_starts("survivor");
    mock.assert_alive_without_panics();
}
