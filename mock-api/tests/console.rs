//! The `vnc` and `console` subresources over a real WebSocket: the RFB handshake with the
//! mock's server, the simulated guest's screens, a click on the guest tools installer that
//! connects the agent, the keys the console received, the guest's keyboard layout deciding
//! what scancodes type, the serial SAC prompt, KubeVirt's refusals before the upgrade, one
//! session per VM, and arbitrary bytes that break nothing.

mod support;

use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};
use support::rfb::{open, Rfb};
use support::{namespace, stopped_vm, Mock};
use tungstenite::Message;

const TOOLS_IMAGE: &str = "quay.io/kubevirt/virtio-container-disk:v1.4.0";

fn console_path(name: &str, device: &str) -> String {
    format!(
        "/apis/subresources.kubevirt.io/v1/namespaces/dev/virtualmachineinstances/{name}/{device}"
    )
}

/// A Windows VM (by its OS annotation), with the guest tools CD when `tools`, its boot disk on
/// `bus`.
fn windows_vm(name: &str, bus: &str, tools: bool) -> Value {
    let mut vm = stopped_vm(name);
    vm["metadata"]["annotations"] = json!({"vm.kubevirt.io/os": "windows2k22"});
    let spec = &mut vm["spec"]["template"]["spec"];
    spec["domain"]["devices"]["disks"][0]["disk"]["bus"] = json!(bus);
    if tools {
        spec["domain"]["devices"]["disks"]
            .as_array_mut()
            .unwrap()
            .push(json!({"name": "tools", "cdrom": {"bus": "sata"}}));
        spec["volumes"]
            .as_array_mut()
            .unwrap()
            .push(json!({"name": "tools", "containerDisk": {"image": TOOLS_IMAGE}}));
    }
    vm
}

/// Creates the VM in `dev`, starts it and waits until its instance runs.
fn run(mock: &Mock, vm: &Value) {
    mock.json("POST", "/api/v1/namespaces", &namespace("dev"));
    let name = vm["metadata"]["name"].as_str().unwrap();
    let created = mock.json(
        "POST",
        "/apis/kubevirt.io/v1/namespaces/dev/virtualmachines",
        vm,
    );
    assert_eq!(created.status, 201, "{:?}", created.json());
    let start =
        format!("/apis/subresources.kubevirt.io/v1/namespaces/dev/virtualmachines/{name}/start");
    assert_eq!(mock.json("PUT", &start, &Value::Null).status, 202);
    wait_until(mock, name, "its instance runs", |vmi| {
        vmi["status"]["phase"] == "Running"
    });
}

fn wait_until(mock: &Mock, name: &str, what: &str, check: impl Fn(&Value) -> bool) {
    let path = format!("/apis/kubevirt.io/v1/namespaces/dev/virtualmachineinstances/{name}");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let vmi = mock.json("GET", &path, &Value::Null).json();
        if check(&vmi) {
            return;
        }
        assert!(Instant::now() < deadline, "never saw {what}: {vmi}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn agent_connected(vmi: &Value) -> bool {
    vmi["status"]["conditions"]
        .as_array()
        .is_some_and(|c| c.iter().any(|c| c["type"] == "AgentConnected"))
}

fn connect(mock: &Mock, name: &str) -> Rfb {
    let mut rfb = Rfb::handshake(open(mock.address, &console_path(name, "vnc")).unwrap());
    rfb.set_encodings(&[0, 1, -223, -258]);
    assert_eq!(rfb.read_message(), [-258], "extended key events accepted");
    rfb.request(false);
    rfb.read_message();
    rfb
}

#[test]
fn a_click_on_the_desktops_install_button_installs_the_guest_tools() {
    let mut mock = Mock::start(&["--guest-tools-install-ms", "600000", "--test-controls"]);
    run(&mock, &windows_vm("w", "sata", true));
    let mut rfb = connect(&mock, "w");
    assert_eq!(rfb.name, "w");
    // The button of `screens::INSTALL_BUTTON`, green, once the firmware is done.
    rfb.wait_for(1280, "the install button", |rfb| {
        rfb.pixel(484, 364) == 0x0010_7c10
    });
    assert!(!agent_connected(
        &mock
            .json(
                "GET",
                "/apis/kubevirt.io/v1/namespaces/dev/virtualmachineinstances/w",
                &Value::Null
            )
            .json()
    ));
    rfb.pointer(1, 600, 380);
    rfb.pointer(0, 600, 380);
    wait_until(&mock, "w", "the agent connect", agent_connected);
    rfb.wait_for(1280, "the button go", |rfb| {
        rfb.pixel(484, 364) != 0x0010_7c10
    });
    // Keys: what they typed comes back from the test controls.
    for keysym in [0x68, 0x69] {
        rfb.key(true, keysym);
        rfb.key(false, keysym);
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    let keys = loop {
        let keys = mock
            .json("GET", "/mock/console/dev/w/keys", &Value::Null)
            .json();
        if keys["keys"].as_array().is_some_and(|k| k.len() == 4) || Instant::now() > deadline {
            break keys;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(keys["text"], "hi");
    assert_eq!(
        keys["keys"][0],
        json!({"keysym": 0x68, "scancode": null, "down": true})
    );
    assert_eq!(keys["keys"][1]["down"], false);
    mock.assert_alive_without_panics();
}

/// Presses the keys of QEMU extended key events in order, then releases them in reverse.
fn chord(rfb: &mut Rfb, scancodes: &[u32]) {
    let event = |down: bool, scancode: u32| {
        let mut bytes = vec![255, 0, 0, u8::from(down), 0, 0, 0, 0];
        bytes.extend_from_slice(&scancode.to_be_bytes());
        bytes
    };
    for scancode in scancodes {
        rfb.send(&event(true, *scancode));
    }
    for scancode in scancodes.iter().rev() {
        rfb.send(&event(false, *scancode));
    }
}

/// The `keys` control's answer once the console has received `count` key events.
fn keys_after(mock: &Mock, name: &str, count: usize) -> Value {
    let path = format!("/mock/console/dev/{name}/keys");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let keys = mock.json("GET", &path, &Value::Null).json();
        if keys["keys"].as_array().is_some_and(|k| k.len() == count) {
            return keys;
        }
        assert!(Instant::now() < deadline, "never saw {count} keys: {keys}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_guests_layout_decides_what_scancodes_type() {
    let mut mock = Mock::start(&["--test-controls"]);
    let layout = "/mock/console/dev/k/layout";
    let put = |body: &[u8]| mock.send("PUT", layout, &[], body).unwrap();
    for bad in [
        &b""[..],
        b"de",
        b"[]",
        b"{\"layout\": 3}",
        b"{\"lang\": \"de\"}",
        b"\xff\xfe",
    ] {
        let refused = put(bad);
        assert_eq!(refused.status, 400, "{bad:?}");
        let message = String::from_utf8_lossy(&refused.body).into_owned();
        assert!(message.starts_with("expected {\"layout\": L}"), "{message}");
    }
    for unknown in ["DE", "dvorak", ""] {
        let refused = mock.json("PUT", layout, &json!({ "layout": unknown }));
        assert_eq!(refused.status, 400);
        assert_eq!(
            String::from_utf8_lossy(&refused.body),
            format!("unknown layout {unknown:?}: the guest's layout is one of us, uk, de, fr, ja")
        );
    }
    assert_eq!(
        mock.json("POST", layout, &json!({"layout": "de"})).status,
        405
    );
    assert_eq!(
        mock.json("GET", layout, &Value::Null).json(),
        json!({"layout": "us"})
    );

    assert_eq!(
        mock.json("PUT", layout, &json!({"layout": "de"})).status,
        204
    );
    run(&mock, &stopped_vm("k"));
    let mut rfb = connect(&mock, "k");
    // German: the key right of T is Z, AltGr+Q is @, the key right of P is Ü.
    chord(&mut rfb, &[0x15]);
    chord(&mut rfb, &[0xb8, 0x10]);
    chord(&mut rfb, &[0x1a]);
    let keys = keys_after(&mock, "k", 8);
    assert_eq!(keys["text"], "z@ü");
    assert_eq!(keys["layout"], "de");
    assert_eq!(
        keys["keys"][2],
        json!({"keysym": 0, "scancode": 0xb8, "down": true})
    );
    // A new layout applies at once, in the same session.
    for (name, scancodes, count) in [
        ("ja", &[0x7d][..], 10),
        ("uk", &[0x2a, 0x04][..], 14),
        ("fr", &[0x1d, 0x38, 0x12][..], 20),
        ("us", &[0x2a, 0x03][..], 24),
    ] {
        let set = mock.json("PUT", layout, &json!({ "layout": name }));
        assert_eq!(set.status, 204);
        chord(&mut rfb, scancodes);
        assert_eq!(keys_after(&mock, "k", count)["layout"], name);
    }
    assert_eq!(keys_after(&mock, "k", 24)["text"], "z@ü¥£€@");

    assert_eq!(
        mock.json("PUT", layout, &json!({"layout": "fr"})).status,
        204
    );
    assert_eq!(mock.json("POST", "/mock/reset", &Value::Null).status, 204);
    let reset = mock
        .json("GET", "/mock/console/dev/k/keys", &Value::Null)
        .json();
    assert_eq!(reset["layout"], "us");
    mock.assert_alive_without_panics();
}

#[test]
fn windows_on_virtio_without_drivers_shows_the_stop_screen() {
    let mut mock = Mock::start(&[]);
    run(&mock, &windows_vm("b", "virtio", false));
    let mut rfb = connect(&mock, "b");
    rfb.wait_for(1280, "the blue screen", |rfb| {
        rfb.pixel(5, 5) == 0x0000_78d7
    });
    // Extended key events carry scancodes, read through the guest's layout (US by default).
    let mut ext_key = vec![255, 0, 0, 1, 0, 0, 0, 0x7a, 0, 0, 0, 0x15];
    rfb.send(&ext_key);
    ext_key[3] = 0;
    rfb.send(&ext_key);
    rfb.wait_for(1280, "the typed line change", |rfb| {
        // After "Typed: " (7 cells of 12 pixels from x = 16) on the last text line.
        (100..112).any(|x| (736..750).any(|y| rfb.pixel(x, y) == 0x00ff_ffff))
    });
    mock.assert_alive_without_panics();
}

#[test]
fn consoles_are_refused_before_the_upgrade_as_virt_api_refuses_them() {
    let mut mock = Mock::start(&["--test-controls"]);
    mock.json("POST", "/api/v1/namespaces", &namespace("dev"));
    let missing = mock
        .send("GET", &console_path("nothing", "vnc"), &[], b"")
        .unwrap();
    assert_eq!(missing.status, 404);
    assert!(missing.is_failure_status());
    assert_eq!(
        missing.json()["message"],
        "virtualmachineinstance.kubevirt.io \"nothing\" not found"
    );
    run(&mock, &stopped_vm("f"));
    let plain = mock
        .send("GET", &console_path("f", "vnc"), &[], b"")
        .unwrap();
    assert_eq!(plain.status, 400, "not a WebSocket");
    let other_origin = mock
        .send(
            "GET",
            &console_path("f", "vnc"),
            &[("Origin", "http://evil.example")],
            b"",
        )
        .unwrap();
    assert_eq!(other_origin.status, 400, "virt-api takes any origin");
    let denial = json!({"verb": "get", "resource": "virtualmachineinstances/console"});
    assert_eq!(mock.json("POST", "/mock/rbac/deny", &denial).status, 201);
    let denied = mock
        .send("GET", &console_path("f", "console"), &[], b"")
        .unwrap();
    assert_eq!(denied.status, 403);
    assert!(denied.json()["message"]
        .as_str()
        .unwrap()
        .contains("cannot get resource \"virtualmachineinstances/console\""));
    mock.assert_alive_without_panics();
}

#[test]
fn a_new_session_takes_over_unless_the_old_one_is_preserved() {
    let mut mock = Mock::start(&[]);
    run(&mock, &stopped_vm("f"));
    let mut first = connect(&mock, "f");
    let preserved = mock
        .send(
            "GET",
            &format!("{}?preserveSession=true", console_path("f", "vnc")),
            &[],
            b"",
        )
        .unwrap();
    assert_eq!(preserved.status, 500);
    assert_eq!(
        preserved.json()["message"],
        "Active VNC connection. Request denied."
    );
    let _second = connect(&mock, "f");
    let ended = loop {
        match first.socket.read() {
            Ok(Message::Binary(_)) => continue,
            other => break other,
        }
    };
    assert!(
        ended.is_err() || matches!(ended, Ok(Message::Close(_))),
        "{ended:?}"
    );
    mock.assert_alive_without_panics();
}

#[test]
fn the_serial_console_is_sac_on_windows() {
    let mut mock = Mock::start(&[]);
    run(&mock, &windows_vm("s", "sata", false));
    let mut socket = open(mock.address, &console_path("s", "console")).unwrap();
    // Text frames are dropped, as virt-handler drops them.
    socket.send(Message::Text("help\r".into())).unwrap();
    socket.send(Message::Binary(b"\r".to_vec().into())).unwrap();
    socket
        .send(Message::Binary(b"help\r".to_vec().into()))
        .unwrap();
    let mut received = String::new();
    while !received.contains("cmd ") || !received.ends_with("SAC>") {
        match socket.read().unwrap() {
            Message::Binary(bytes) => received.push_str(&String::from_utf8_lossy(&bytes)),
            other => panic!("{other:?} after {received:?}"),
        }
    }
    assert!(received.starts_with("\r\nSAC>help\r\n"), "{received:?}");
    mock.assert_alive_without_panics();
}

#[test]
fn arbitrary_bytes_to_the_vnc_server_break_nothing() {
    let mut mock = Mock::start(&[]);
    run(&mock, &stopped_vm("f"));
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(48);
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let bytes = proptest::collection::vec(any::<u8>(), 0..300);
    let chunks = proptest::collection::vec(bytes, 1..6);
    let outcome = TestRunner::new(config).run(&(any::<bool>(), chunks), |(handshake, chunks)| {
        let socket = open(mock.address, &console_path("f", "vnc")).unwrap();
        let mut rfb = if handshake {
            Rfb::handshake(socket)
        } else {
            let mut rfb = Rfb::handshake_skipped(socket);
            rfb.read(12);
            rfb
        };
        for chunk in chunks {
            if rfb.socket.send(Message::Binary(chunk.into())).is_err() {
                break;
            }
        }
        let _ = rfb.socket.close(None);
        Ok(())
    });
    assert!(outcome.is_ok(), "{outcome:?}");
    mock.assert_alive_without_panics();
    let _still_served = connect(&mock, "f");
}
