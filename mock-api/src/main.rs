//! A mock Kubernetes + KubeVirt API server seeded with a demo cluster; also serves the built
//! app, so one address gives both (as the OpenShift console does). This file reads the flags
//! and starts it.
//!
//! The mock is built in layers, one folder each. A module uses only layers listed below its
//! own, and within a folder never a module that uses it back:
//!
//! ```text
//! main         flags, startup
//! http         connections, front door, route table, handlers, watches, test controls
//! cluster      the seeded cluster: demo VMs, instancetypes, boot sources
//! console      the simulated guest's screen (an RFB server) and serial port, without I/O
//! controllers  what follows a write: instances, guest, provisioning, GC, CronJobs
//! state        MockState behind one lock (its store, faults, RBAC denials, allocator)
//! store        objects, lists, selectors, Tables, watch history
//! admission    checks and defaults before a write, RBAC's answers: pure functions
//! kube         kinds, API paths, Status, discovery and OpenAPI documents
//! ```

mod admission;
mod cluster;
mod console;
mod controllers;
mod http;
mod kube;
mod state;
mod store;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use state::MockState;

const USAGE: &str = "usage: mock-api [--host ADDR] [--port PORT] [--dist DIR] [--empty]
  --host ADDR   address to listen on (default 127.0.0.1)
  --port PORT   port to listen on, 0 for any free one (default 8080)
  --dist DIR    the built app to serve (default dist)
  --empty       start with no demo data
  --scale-vms N add a namespace `scale-test` with N more VMs (for benchmarks)
  --common-instancetypes DIR
                load the cluster instancetypes and preferences from
                cluster-instancetypes.yaml and cluster-preferences.yaml there
                instead of the ones built in
  --kubevirt-schema PATH
                check objects against this swagger.json instead of the
                KubeVirt schema built in
  --speed F     run the simulated controllers F times faster (default 1)
  --guest-tools-install-ms MS
                how long after a Windows VM first boots with the guest tools CD the
                tools are installed and its agent connects (default 20000)
  --vnc-socket [NS/NAME=]PATH
                bridge the vnc subresource of that VM (of every VM without NS/NAME)
                to a QEMU VNC unix socket instead of the simulated screen; repeatable
  --test-controls
                serve the test controls under /mock/ (faults, clock, reset, ...)";

struct Options {
    host: String,
    port: u16,
    dist: PathBuf,
    seed: cluster::SeedOptions,
    /// Whether the test controls under `/mock/` are served.
    test_controls: bool,
    /// KubeVirt's swagger.json to use instead of the bundled schema.
    schema: Option<PathBuf>,
    vnc_sockets: http::console_bridge::VncSockets,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        host: "127.0.0.1".into(),
        port: 8080,
        dist: PathBuf::from("dist"),
        schema: None,
        test_controls: false,
        vnc_sockets: Default::default(),
        seed: cluster::SeedOptions {
            demo: true,
            speed: 1.0,
            common_instancetypes: None,
            scale_vms: 0,
            guest_tools_install: Duration::from_secs(20),
        },
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--host" => options.host = value("--host")?,
            "--port" => {
                options.port = value("--port")?
                    .parse()
                    .map_err(|_| "--port needs a number".to_owned())?
            }
            "--dist" => options.dist = PathBuf::from(value("--dist")?),
            "--empty" => options.seed.demo = false,
            "--common-instancetypes" => {
                options.seed.common_instancetypes =
                    Some(Arc::new(PathBuf::from(value("--common-instancetypes")?)))
            }
            "--kubevirt-schema" => {
                options.schema = Some(PathBuf::from(value("--kubevirt-schema")?))
            }
            "--speed" => {
                options.seed.speed = value("--speed")?
                    .parse::<f64>()
                    .ok()
                    .filter(|s| s.is_finite() && *s > 0.0)
                    .ok_or_else(|| "--speed needs a positive number".to_owned())?
            }
            "--scale-vms" => {
                options.seed.scale_vms = value("--scale-vms")?
                    .parse()
                    .map_err(|_| "--scale-vms needs a number".to_owned())?
            }
            "--guest-tools-install-ms" => {
                let ms = value("--guest-tools-install-ms")?
                    .parse()
                    .map_err(|_| "--guest-tools-install-ms needs a number".to_owned())?;
                options.seed.guest_tools_install = Duration::from_millis(ms);
            }
            "--vnc-socket" => options.vnc_sockets.add(&value("--vnc-socket")?)?,
            "--test-controls" => options.test_controls = true,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(options)
}

#[tokio::main]
async fn main() {
    let options = match parse_args() {
        Ok(options) => options,
        Err(problem) => {
            if !problem.is_empty() {
                eprintln!("{problem}");
            }
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    };
    let schema = match &options.schema {
        Some(path) => mock_api::schema::KubeVirtSchema::load(path),
        None => mock_api::kubevirt_data::bundled_schema().map_err(|err| err.to_string()),
    };
    let schema = match schema {
        Ok(schema) => Arc::new(schema),
        Err(problem) => {
            eprintln!("KubeVirt's schema could not be read: {problem}");
            std::process::exit(1);
        }
    };
    let state = http::AppState {
        shared: Arc::new(Mutex::new(MockState::default())),
        dist: Arc::new(options.dist),
        seed: options.seed,
        schema,
        test_controls: options.test_controls,
        vnc_sockets: Arc::new(options.vnc_sockets),
    };
    state.reset();
    controllers::scheduler::spawn(state.shared.clone());
    let listener = match tokio::net::TcpListener::bind((options.host.as_str(), options.port)).await
    {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("cannot listen on {}:{}: {err}", options.host, options.port);
            std::process::exit(1);
        }
    };
    match listener.local_addr() {
        Ok(addr) => println!("mock-api listening on http://{addr}"),
        Err(err) => eprintln!("listening, address unknown: {err}"),
    }
    http::server::serve(listener, http::app(state), http::server::Limits::default()).await;
}
