//! A mock Kubernetes + KubeVirt API server seeded with a demo cluster; also serves the built
//! app, so one address gives both (as the OpenShift console does).

mod admission;
mod api;
mod cluster_content;
mod controller;
mod cron;
mod defaults;
mod discovery;
mod faults;
mod files;
mod guest;
mod http;
mod labels;
mod lifecycle;
mod list;
mod openapi;
mod paths;
mod provisioning;
mod rbac;
mod request;
mod resources;
mod scheduler;
mod seed;
mod selectors;
mod server;
mod shape;
mod status;
mod store;
mod table;
mod test_controls;
mod update;
mod validation;
mod watch;
mod watch_stream;
mod websocket;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Router;

use api::{MockState, Shared};

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
  --test-controls
                serve the test controls under /mock/ (faults, clock, reset, ...)";

/// Largest request body accepted.
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
/// How long a client may take to send a request's body.
const BODY_READ_TIMEOUT: Duration = Duration::from_secs(60);

struct Options {
    host: String,
    port: u16,
    dist: PathBuf,
    seed: SeedOptions,
    /// Whether the test controls under `/mock/` are served.
    test_controls: bool,
    /// KubeVirt's swagger.json to use instead of the bundled schema.
    schema: Option<PathBuf>,
}

/// What a reset puts back.
#[derive(Clone)]
struct SeedOptions {
    demo: bool,
    speed: f64,
    /// Manifests to load instead of the bundled instancetypes and preferences.
    common_instancetypes: Option<Arc<PathBuf>>,
    scale_vms: usize,
    guest_tools_install: Duration,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        host: "127.0.0.1".into(),
        port: 8080,
        dist: PathBuf::from("dist"),
        schema: None,
        test_controls: false,
        seed: SeedOptions {
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
            "--test-controls" => options.test_controls = true,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(options)
}

#[derive(Clone)]
struct AppState {
    shared: Shared,
    dist: Arc<PathBuf>,
    seed: SeedOptions,
    schema: Arc<mock_api::schema::KubeVirtSchema>,
    test_controls: bool,
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
    let state = AppState {
        shared: Arc::new(Mutex::new(MockState::default())),
        dist: Arc::new(options.dist),
        seed: options.seed,
        schema,
        test_controls: options.test_controls,
    };
    reset(&state);
    scheduler::spawn(state.shared.clone());
    let app = Router::new().fallback(route).with_state(state);
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
    server::serve(listener, app, server::Limits::default()).await;
}

/// Empties the store and the faults and, unless started empty, seeds the demo cluster.
fn reset(state: &AppState) {
    let mut fresh = MockState::default();
    fresh.guest_tools_install = state.seed.guest_tools_install;
    fresh.speed = state.seed.speed;
    fresh.schema = Some(state.schema.clone());
    let seeded = match (state.seed.demo, state.seed.scale_vms) {
        (false, 0) => Ok(()),
        (true, 0) => seed::seed(&mut fresh.store),
        (demo, count) => (if demo {
            seed::seed(&mut fresh.store)
        } else {
            Ok(())
        })
        .and_then(|()| seed::seed_scale(&mut fresh.store, count)),
    };
    if let Err(err) = seeded {
        eprintln!("the demo data is invalid: {err}");
        std::process::exit(1);
    }
    if state.seed.demo {
        let objects = match state.seed.common_instancetypes.as_deref() {
            Some(dir) => cluster_content::read_common_instancetypes(dir),
            None => {
                mock_api::kubevirt_data::bundled_cluster_objects().map_err(|err| err.to_string())
            }
        };
        if let Err(problem) = objects
            .and_then(|objects| cluster_content::load_cluster_objects(&mut fresh.store, objects))
        {
            eprintln!("the cluster instancetypes and preferences could not be loaded: {problem}");
            std::process::exit(1);
        }
    }
    fresh.guest_tools = seed::with_guest_tools(&fresh.store);
    *api::lock(&state.shared) = fresh;
}

async fn route(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_owned();
    if path.starts_with("/mock/") {
        if !state.test_controls {
            // Without the flag there are no test controls: the path is as unknown as any other.
            return http::text_response(StatusCode::NOT_FOUND, "404 page not found");
        }
        let put_back = || reset(&state);
        return test_controls::answer(&state.shared, &parts.method, &path, body, put_back).await;
    }
    if paths::is_api_path(&path) && websocket::is_upgrade(&parts) {
        return websocket::watch(state.shared.clone(), parts).await;
    }
    if paths::is_api_path(&path) {
        let body = match read_body(body).await {
            Ok(body) => body,
            Err(refused) => return refused.status().into_response(),
        };
        let accept = parts
            .headers
            .get(axum::http::header::ACCEPT)
            .and_then(|a| a.to_str().ok())
            .unwrap_or_default();
        let content_type = parts
            .headers
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|a| a.to_str().ok())
            .unwrap_or_default();
        return api::handle(
            state.shared.clone(),
            parts.method.clone(),
            parts.uri.clone(),
            api::Headers {
                accept,
                content_type,
            },
            &body,
        )
        .await;
    }
    files::serve(&state.dist, &path).await
}

/// Why a request body was not taken.
#[derive(Debug, thiserror::Error)]
enum BodyRefused {
    #[error("Request entity too large: limit is {MAX_BODY_BYTES}")]
    TooLarge,
    #[error("the request body did not arrive within {} seconds", BODY_READ_TIMEOUT.as_secs())]
    TooSlow,
}

impl BodyRefused {
    fn status(&self) -> status::ApiStatus {
        match self {
            Self::TooLarge => {
                status::ApiStatus::new(413, "RequestEntityTooLarge", self.to_string())
            }
            Self::TooSlow => status::ApiStatus::new(408, "Timeout", self.to_string()),
        }
    }
}

/// Reads a request body, within `MAX_BODY_BYTES` and `BODY_READ_TIMEOUT`. The rest of an
/// oversized body is read and dropped (up to a point), so the client gets the 413 instead of a
/// broken connection.
async fn read_body(body: Body) -> Result<axum::body::Bytes, BodyRefused> {
    use http_body_util::BodyExt as _;
    const DRAIN_LIMIT: usize = 8 * MAX_BODY_BYTES;
    let mut body = body;
    let mut kept: Vec<u8> = Vec::new();
    let mut seen = 0_usize;
    let read = async {
        while let Some(Ok(frame)) = body.frame().await {
            if let Ok(chunk) = frame.into_data() {
                seen += chunk.len();
                if seen <= MAX_BODY_BYTES {
                    kept.extend_from_slice(&chunk);
                } else if seen > DRAIN_LIMIT {
                    break;
                }
            }
        }
    };
    tokio::time::timeout(BODY_READ_TIMEOUT, read)
        .await
        .map_err(|_| BodyRefused::TooSlow)?;
    if seen > MAX_BODY_BYTES {
        return Err(BodyRefused::TooLarge);
    }
    Ok(kept.into())
}
