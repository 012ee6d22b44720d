//! Starts the mock's own binary for a test and speaks plain HTTP/1.1 to it, one connection per
//! request, so a request that kills its handler shows as an answer that never came.

// Each test file uses a part of it.
#![allow(dead_code)]

pub mod arbitrary;
pub mod kinds;
pub mod rfb;

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// A running mock, stopped when dropped.
pub struct Mock {
    child: Child,
    pub address: SocketAddr,
    stderr: Arc<Mutex<String>>,
}

/// An answer: status, headers (names in lower case) and body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the body is a failure `Status` carrying the answer's code, as the API server
    /// sends with every error.
    pub fn is_failure_status(&self) -> bool {
        let body = self.json();
        body["kind"] == "Status" && body["status"] == "Failure" && body["code"] == self.status
    }
}

impl Mock {
    /// Starts the mock with no demo data, fast controllers and `args`; resolves once it listens.
    pub fn start(args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mock-api"))
            .args(["--port", "0", "--dist", "/nonexistent", "--empty"])
            .args(["--speed", "100", "--guest-tools-install-ms", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the mock's binary starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut errors = BufReader::new(child.stderr.take().expect("stderr is piped"));
        let collected = stderr.clone();
        std::thread::spawn(move || {
            let mut line = String::new();
            while errors.read_line(&mut line).is_ok_and(|n| n > 0) {
                collected.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        let mut output = BufReader::new(child.stdout.take().expect("stdout is piped"));
        let mut line = String::new();
        output
            .read_line(&mut line)
            .expect("the mock says where it listens");
        let address = line
            .trim()
            .rsplit("http://")
            .next()
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        std::thread::spawn(move || std::io::copy(&mut output, &mut std::io::sink()));
        Self {
            child,
            address,
            stderr,
        }
    }

    /// Sends one request; `Err` when no answer came (the connection closed without one).
    pub fn send(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Result<Answer, String> {
        let mut stream = TcpStream::connect(self.address).map_err(|e| e.to_string())?;
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .map_err(|e| e.to_string())?;
        let mut head = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.address,
            body.len()
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream
            .write_all(head.as_bytes())
            .and_then(|()| stream.write_all(body))
            .map_err(|e| format!("{method} {target}: {e}"))?;
        let mut raw = Vec::new();
        stream
            .read_to_end(&mut raw)
            .map_err(|e| format!("{method} {target}: {e}"))?;
        parse(&raw).ok_or_else(|| format!("{method} {target}: no answer ({} bytes)", raw.len()))
    }

    /// Sends a JSON body (or none, for `Value::Null`) and asks for JSON.
    pub fn json(&self, method: &str, target: &str, body: &Value) -> Answer {
        self.json_as(method, target, "application/json", body)
    }

    /// Sends a JSON body with the given Content-Type and asks for JSON.
    pub fn json_as(&self, method: &str, target: &str, content_type: &str, body: &Value) -> Answer {
        let bytes = if body.is_null() {
            Vec::new()
        } else {
            body.to_string().into_bytes()
        };
        let headers = [
            ("Content-Type", content_type),
            ("Accept", "application/json"),
        ];
        self.send(method, target, &headers, &bytes)
            .unwrap_or_else(|err| panic!("{err}\n{}", self.stderr()))
    }

    /// The latest resourceVersion of the store: it moves with every change.
    pub fn resource_version(&self) -> String {
        let list = self.json("GET", "/api/v1/namespaces?limit=1", &Value::Null);
        list.json()["metadata"]["resourceVersion"]
            .as_str()
            .unwrap_or_else(|| panic!("no resourceVersion in {list:?}"))
            .to_owned()
    }

    /// What the mock wrote to stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Fails when the mock panicked anywhere, or has exited.
    pub fn assert_alive_without_panics(&mut self) {
        assert!(
            self.child.try_wait().unwrap().is_none(),
            "the mock exited:\n{}",
            self.stderr()
        );
        let stderr = self.stderr();
        assert!(!stderr.contains("panicked"), "the mock panicked:\n{stderr}");
    }

    /// Creates namespace `dev` and a stopped VM in it, starts it and waits until it runs: what
    /// no earlier request may have broken.
    pub fn assert_a_vm_still_starts(&self, name: &str) {
        self.json("POST", "/api/v1/namespaces", &namespace("dev"));
        let created = self.json(
            "POST",
            "/apis/kubevirt.io/v1/namespaces/dev/virtualmachines",
            &stopped_vm(name),
        );
        assert_eq!(created.status, 201, "{:?}", created.json());
        let started = self.json(
            "PUT",
            &format!(
                "/apis/subresources.kubevirt.io/v1/namespaces/dev/virtualmachines/{name}/start"
            ),
            &Value::Null,
        );
        assert_eq!(started.status, 202, "{:?}", started.json());
        let path = format!("/apis/kubevirt.io/v1/namespaces/dev/virtualmachines/{name}");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let vm = self.json("GET", &path, &Value::Null).json();
            if vm["status"]["printableStatus"] == "Running" {
                return;
            }
            assert!(Instant::now() < deadline, "the VM never ran: {vm}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn namespace(name: &str) -> Value {
    json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}})
}

/// A VM that is valid against KubeVirt's schema and its admission, and does not run.
pub fn stopped_vm(name: &str) -> Value {
    json!({
        "apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine",
        "metadata": {"name": name, "labels": {"app": "test"}},
        "spec": {
            "runStrategy": "Halted",
            "template": {
                "metadata": {"labels": {"kubevirt.io/domain": name}},
                "spec": {
                    "domain": {
                        "devices": {
                            "disks": [{"name": "root", "disk": {"bus": "sata"}}],
                            "interfaces": [{"name": "default", "masquerade": {}}]
                        },
                        "resources": {"requests": {"memory": "1Gi"}}
                    },
                    "networks": [{"name": "default", "pod": {}}],
                    "volumes": [{"name": "root", "containerDisk": {"image": "quay.io/containerdisks/fedora:40"}}]
                }
            }
        }
    })
}

/// Reads a whole HTTP/1.1 answer, undoing chunked transfer encoding.
fn parse(raw: &[u8]) -> Option<Answer> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..split]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    if chunked {
        body = unchunk(&body)?;
    }
    Some(Answer {
        status,
        headers,
        body,
    })
}

fn unchunk(mut rest: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = rest.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&rest[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Some(body);
        }
        body.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size + 2..)?;
    }
}
