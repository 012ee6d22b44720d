//! The `vnc` subresource bridged to a real QEMU (`--vnc-socket NS/NAME=PATH`), as virt-handler
//! bridges QEMU's socket: QEMU's own RFB handshake and its first framebuffer update arrive
//! through the mock's WebSocket. Skipped, saying so, where `qemu-system-x86_64` is missing
//! (`scripts/setup.sh --browser` installs it).

mod support;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::rfb::{open, Rfb};
use support::{namespace, stopped_vm, Mock};

/// QEMU booting nothing, its screen on a VNC unix socket; killed when dropped.
struct Qemu(Child);

impl Drop for Qemu {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn qemus_screen_arrives_through_the_vnc_subresource() {
    let dir = std::env::temp_dir().join(format!("mock-api-qemu-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let socket = dir.join("vnc.sock");
    let _ = std::fs::remove_file(&socket);
    let spawned = Command::new("qemu-system-x86_64")
        .args(["-accel", "tcg", "-m", "64", "-nodefaults", "-vga", "std"])
        .args(["-display", "none", "-monitor", "none", "-no-reboot"])
        .arg("-vnc")
        .arg(format!("unix:{}", socket.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let Ok(child) = spawned else {
        eprintln!("qemu-system-x86_64 is not installed: the bridge to QEMU is not tested");
        return;
    };
    let _qemu = Qemu(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !socket.exists() {
        assert!(
            Instant::now() < deadline,
            "QEMU never opened its VNC socket"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let mapping = format!("dev/q={}", socket.display());
    let mut mock = Mock::start(&["--vnc-socket", &mapping]);
    mock.json("POST", "/api/v1/namespaces", &namespace("dev"));
    let created = mock.json(
        "POST",
        "/apis/kubevirt.io/v1/namespaces/dev/virtualmachines",
        &stopped_vm("q"),
    );
    assert_eq!(created.status, 201);
    let start = "/apis/subresources.kubevirt.io/v1/namespaces/dev/virtualmachines/q/start";
    assert_eq!(mock.json("PUT", start, &Value::Null).status, 202);
    let vmi = "/apis/kubevirt.io/v1/namespaces/dev/virtualmachineinstances/q";
    while mock.json("GET", vmi, &Value::Null).json()["status"]["phase"] != "Running" {
        assert!(Instant::now() < deadline, "the VM never ran");
        std::thread::sleep(Duration::from_millis(20));
    }
    let path = "/apis/subresources.kubevirt.io/v1/namespaces/dev/virtualmachineinstances/q/vnc";
    let mut rfb = Rfb::handshake(open(mock.address, path).unwrap());
    assert_eq!(rfb.name, "QEMU");
    assert!(
        rfb.width >= 640 && rfb.height >= 400,
        "{}x{}",
        rfb.width,
        rfb.height
    );
    rfb.set_encodings(&[0]);
    rfb.request(false);
    let encodings = rfb.read_message();
    assert!(
        !encodings.is_empty() && encodings.iter().all(|e| *e == 0),
        "{encodings:?}"
    );
    drop(rfb);
    mock.assert_alive_without_panics();
    let _ = std::fs::remove_dir_all(&dir);
}
