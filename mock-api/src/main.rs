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
mod status;
mod store;
mod table;
mod update;
mod validation;
mod watch;
mod watch_stream;
mod websocket;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;

use api::{MockState, Shared};
use faults::Fault;

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
                tools are installed and its agent connects (default 20000)";

/// Largest request body accepted.
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

struct Options {
    host: String,
    port: u16,
    dist: PathBuf,
    seed: SeedOptions,
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
    if let Err(err) = axum::serve(listener, app).await {
        eprintln!("server stopped: {err}");
        std::process::exit(1);
    }
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
    *state.shared.lock().unwrap_or_else(|p| p.into_inner()) = fresh;
}

async fn route(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_owned();
    if path.starts_with("/mock/") {
        return admin(&state, &parts.method, &path, body).await;
    }
    if paths::is_api_path(&path) && websocket::is_upgrade(&parts) {
        return websocket::watch(state.shared.clone(), parts).await;
    }
    if paths::is_api_path(&path) {
        let body = match read_body(body).await {
            Some(body) => body,
            None => {
                return status::ApiStatus::new(
                    413,
                    "RequestEntityTooLarge",
                    "Request entity too large: limit is 8388608",
                )
                .into_response()
            }
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

/// Reads a request body; `None` when it is over the limit. The rest of an oversized body is
/// read and dropped (up to a point), so the client gets the 413 instead of a broken connection.
async fn read_body(body: Body) -> Option<axum::body::Bytes> {
    use http_body_util::BodyExt as _;
    const DRAIN_LIMIT: usize = 8 * MAX_BODY_BYTES;
    let mut body = body;
    let mut kept: Vec<u8> = Vec::new();
    let mut seen = 0_usize;
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
    (seen <= MAX_BODY_BYTES).then(|| kept.into())
}

/// Test controls: `POST /mock/reset`, `POST /mock/faults` (a `Fault`), `DELETE /mock/faults`,
/// `POST /mock/clock` (`{"advanceSeconds": N}` moves the clock CronJobs run on forward),
/// `POST /mock/watches/drop` (every open watch breaks off), `POST /mock/rbac/deny` (a
/// `Denial`: that verb on that resource is forbidden) and `DELETE /mock/rbac` (all allowed).
async fn admin(state: &AppState, method: &Method, path: &str, body: Body) -> Response {
    match (method, path) {
        (&Method::POST, "/mock/reset") => {
            reset(state);
            StatusCode::NO_CONTENT.into_response()
        }
        (&Method::POST, "/mock/faults") => {
            let bytes = to_bytes(body, MAX_BODY_BYTES).await.unwrap_or_default();
            match serde_json::from_slice::<Fault>(&bytes) {
                Ok(fault) => {
                    state
                        .shared
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .faults
                        .add(fault);
                    StatusCode::CREATED.into_response()
                }
                Err(err) => {
                    http::text_response(StatusCode::BAD_REQUEST, &format!("not a fault: {err}"))
                }
            }
        }
        (&Method::POST, "/mock/clock") => {
            let bytes = to_bytes(body, MAX_BODY_BYTES).await.unwrap_or_default();
            let seconds = serde_json::from_slice::<serde_json::Value>(&bytes)
                .ok()
                .and_then(|v| v["advanceSeconds"].as_i64());
            match seconds {
                Some(seconds) => {
                    let mut shared = state.shared.lock().unwrap_or_else(|p| p.into_inner());
                    shared.clock_offset += chrono::Duration::seconds(seconds);
                    StatusCode::NO_CONTENT.into_response()
                }
                None => {
                    http::text_response(StatusCode::BAD_REQUEST, "expected {\"advanceSeconds\": N}")
                }
            }
        }
        (&Method::POST, "/mock/watches/drop") => {
            let shared = state.shared.lock().unwrap_or_else(|p| p.into_inner());
            shared.watch_drops.drop_all();
            StatusCode::NO_CONTENT.into_response()
        }
        (&Method::POST, "/mock/rbac/deny") => {
            let bytes = to_bytes(body, MAX_BODY_BYTES).await.unwrap_or_default();
            match serde_json::from_slice::<rbac::Denial>(&bytes) {
                Ok(denial) => {
                    let mut shared = state.shared.lock().unwrap_or_else(|p| p.into_inner());
                    shared.denials.add(denial);
                    StatusCode::CREATED.into_response()
                }
                Err(err) => {
                    http::text_response(StatusCode::BAD_REQUEST, &format!("not a denial: {err}"))
                }
            }
        }
        (&Method::DELETE, "/mock/rbac") => {
            let mut shared = state.shared.lock().unwrap_or_else(|p| p.into_inner());
            shared.denials.clear();
            StatusCode::NO_CONTENT.into_response()
        }
        (&Method::DELETE, "/mock/faults") => {
            state
                .shared
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .faults
                .clear();
            StatusCode::NO_CONTENT.into_response()
        }
        _ => http::text_response(StatusCode::NOT_FOUND, "unknown mock control"),
    }
}
