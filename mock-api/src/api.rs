//! Answers Kubernetes API requests: discovery, list, get and create, with faults applied first.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::controller;
use crate::defaults::Allocator;
use crate::discovery;
use crate::faults::{self, Faults};
use crate::http::{json_response, query_params};
use crate::lifecycle;
use crate::openapi;
use crate::paths::{self, ApiPath};
use crate::rbac::{self, Denials};
use crate::resources::ResourceType;
use crate::selectors;
use crate::status::ApiStatus;
use crate::store::Store;
use crate::table;
use crate::update;
use crate::validation;
use crate::watch_stream;

/// Everything the mock keeps, behind one lock.
#[derive(Debug, Default)]
pub struct MockState {
    pub store: Store,
    pub faults: Faults,
    pub allocator: Allocator,
    /// Permissions tests took away.
    pub denials: Denials,
    /// Ends every open watch abruptly when its value changes.
    pub watch_drops: WatchDrops,
    /// KubeVirt's schema, when it could be read: objects of its groups are checked against it.
    pub schema: Option<Arc<mock_api::schema::KubeVirtSchema>>,
    /// How far the mock's clock runs ahead of the real one (tests move it to fire schedules).
    pub clock_offset: chrono::Duration,
    /// VMs whose guest has the guest tools installed: their agent connects when they run.
    pub guest_tools: HashSet<(String, String)>,
    /// How much faster than KubeVirt's usual pace the controller works (1 when 0).
    pub speed: f64,
    /// How long after the first boot with the guest tools CD the guest has them installed.
    pub guest_tools_install: Duration,
    /// The latest action on each VM, so an older controller step knows it was superseded.
    turns: HashMap<(String, String), u64>,
    next_ip: u8,
}

impl MockState {
    /// Starts a new action on a VM and returns its number.
    pub fn next_turn(&mut self, namespace: &str, name: &str) -> u64 {
        let turn = self
            .turns
            .entry((namespace.to_owned(), name.to_owned()))
            .or_default();
        *turn += 1;
        *turn
    }

    /// The number of the latest action on a VM.
    pub fn turn(&self, namespace: &str, name: &str) -> u64 {
        self.turns
            .get(&(namespace.to_owned(), name.to_owned()))
            .copied()
            .unwrap_or_default()
    }

    /// A pod address for a new instance.
    pub fn next_ip(&mut self) -> String {
        self.next_ip = self.next_ip.wrapping_add(1);
        format!("10.128.3.{}", 10 + u16::from(self.next_ip))
    }
}

pub type Shared = Arc<Mutex<MockState>>;

/// A signal to every open watch: when its number changes, they all end abruptly, as when a
/// load balancer or the API server drops connections.
#[derive(Debug)]
pub struct WatchDrops(tokio::sync::watch::Sender<u64>);

impl Default for WatchDrops {
    fn default() -> Self {
        Self(tokio::sync::watch::channel(0).0)
    }
}

impl WatchDrops {
    pub fn drop_all(&self) {
        self.0.send_modify(|n| *n += 1);
    }

    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<u64> {
        self.0.subscribe()
    }
}

/// The request headers that change an answer.
pub struct Headers<'a> {
    pub accept: &'a str,
    pub content_type: &'a str,
}

/// Handles one API request.
pub async fn handle(
    shared: Shared,
    method: Method,
    uri: Uri,
    headers: Headers<'_>,
    body: &[u8],
) -> Response {
    let accept = headers.accept;
    let path = paths::strip_console_prefix(uri.path()).to_owned();
    let path_and_query = match uri.query() {
        Some(q) => format!("{path}?{q}"),
        None => path.clone(),
    };
    let api_path = paths::parse(&path);
    let fault = lock(&shared).faults.take(method.as_str(), &path_and_query);
    if let Some(fault) = fault {
        if fault.delay_ms > 0 {
            tokio::time::sleep(Duration::from_millis(fault.delay_ms)).await;
        }
        if fault.status != 0 {
            return faults::fault_response(
                &fault,
                &method,
                &api_path,
                uri.query().unwrap_or_default(),
            );
        }
    }
    if let Some(access) = rbac::access_of(&method, &api_path, uri.query().unwrap_or_default()) {
        if lock(&shared).denials.denies(&access) {
            return faults::forbidden(&method, &api_path, uri.query().unwrap_or_default())
                .into_response();
        }
    }
    if matches!(method, Method::POST | Method::PUT)
        && !body.is_empty()
        && !json_body(headers.content_type)
    {
        return ApiStatus::new(
            415,
            "UnsupportedMediaType",
            "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml",
        )
        .into_response();
    }
    let query = query_params(&uri);
    let table_of = match (&method, &api_path) {
        (&Method::GET, ApiPath::Collection { resource, .. } | ApiPath::Item { resource, .. })
            if table::wants_table(accept) =>
        {
            Some(*resource)
        }
        _ => None,
    };
    if let (
        &Method::GET,
        ApiPath::Collection {
            resource,
            namespace,
        },
    ) = (&method, &api_path)
    {
        if query.get("watch").is_some_and(|w| w == "true" || w == "1") {
            let as_table = table::wants_table(accept).then_some(*resource);
            return watch_stream::watch(&shared, resource, namespace.clone(), &query, as_table)
                .unwrap_or_else(IntoResponse::into_response);
        }
    }
    let result = match (&method, api_path) {
        (&Method::GET, ApiPath::Version) => Ok(discovery::version()),
        (&Method::GET, ApiPath::GuestOsInfo { namespace, name }) => {
            let state = lock(&shared);
            let vmi = state.store.get(
                &crate::resources::VIRTUAL_MACHINE_INSTANCES,
                &namespace,
                &name,
            );
            return match crate::guest::guest_os_info_answer(vmi, &name) {
                Ok(info) => json_response(StatusCode::OK, &info),
                Err(refusal) => {
                    crate::http::text_response(StatusCode::INTERNAL_SERVER_ERROR, &refusal)
                }
            };
        }
        (&Method::GET, ApiPath::OpenApiRoot) => Ok(openapi::root()),
        (&Method::GET, ApiPath::OpenApiDocument(path)) => {
            openapi::document(&path).ok_or_else(ApiStatus::path_not_found)
        }
        (&Method::GET, ApiPath::CoreVersions) => Ok(discovery::core_versions()),
        (&Method::GET, ApiPath::Groups) => Ok(discovery::groups()),
        (&Method::GET, ApiPath::GroupVersion { group, version }) => {
            Ok(discovery::resource_list(&group, &version))
        }
        (
            &Method::GET,
            ApiPath::Collection {
                resource,
                namespace,
            },
        ) => {
            // Written out from the store under the lock: 10,000 objects are not copied first.
            let state = lock(&shared);
            return match list(&state.store, resource, namespace.as_deref(), &query) {
                Ok(page) if table_of.is_some() => {
                    json_response(StatusCode::OK, &page.table(resource))
                }
                Ok(page) => page.into_response(),
                Err(status) => status.into_response(),
            };
        }
        (
            &Method::GET,
            ApiPath::Item {
                resource,
                namespace,
                name,
            },
        ) => {
            let state = lock(&shared);
            state
                .store
                .get(resource, namespace.as_deref().unwrap_or_default(), &name)
                .cloned()
                .ok_or_else(|| ApiStatus::not_found(resource, &name))
        }
        (
            &Method::POST,
            ApiPath::Collection {
                resource,
                namespace,
            },
        ) => {
            let dry_run = dry_run(&query);
            return match create(
                &shared,
                resource,
                namespace.as_deref().unwrap_or_default(),
                headers.content_type,
                body,
                WriteOptions {
                    dry_run,
                    strict: strict(&query),
                },
            ) {
                Ok(created) => json_response(StatusCode::CREATED, &created),
                Err(status) => status.into_response(),
            };
        }
        (
            &Method::PUT,
            ApiPath::Item {
                resource,
                namespace,
                name,
            },
        ) => update::replace(
            &shared,
            resource,
            namespace.as_deref().unwrap_or_default(),
            &name,
            headers.content_type,
            body,
            WriteOptions {
                dry_run: dry_run(&query),
                strict: strict(&query),
            },
        ),
        (
            &Method::PATCH,
            ApiPath::Item {
                resource,
                namespace,
                name,
            },
        ) => update::patch(
            &shared,
            resource,
            namespace.as_deref().unwrap_or_default(),
            &name,
            headers.content_type,
            body,
            WriteOptions {
                dry_run: dry_run(&query),
                strict: strict(&query),
            },
        ),
        (
            &Method::PUT,
            ApiPath::VmAction {
                namespace,
                name,
                action,
            },
        ) => {
            return match lifecycle::act(&shared, &namespace, &name, &action) {
                Ok(()) => StatusCode::ACCEPTED.into_response(),
                Err(status) => status.into_response(),
            };
        }
        (
            &Method::DELETE,
            ApiPath::Item {
                resource,
                namespace,
                name,
            },
        ) => delete(
            &shared,
            resource,
            namespace.as_deref().unwrap_or_default(),
            &name,
        ),
        (_, ApiPath::Unknown) => Err(ApiStatus::path_not_found()),
        _ => Err(ApiStatus::method_not_allowed()),
    };
    match (result, table_of) {
        (Ok(value), Some(resource)) => json_response(StatusCode::OK, &as_table(resource, &value)),
        (Ok(value), None) => json_response(StatusCode::OK, &value),
        (Err(status), _) => status.into_response(),
    }
}

/// One object as the Table `kubectl get` asked for.
fn as_table(resource: &ResourceType, value: &Value) -> Value {
    let rv = value["metadata"]["resourceVersion"]
        .as_str()
        .unwrap_or_default();
    table::table(resource, &[value], rv, true)
}

/// Whether a POST or PUT body is in a format the mock reads: JSON or YAML (an absent type is
/// taken as JSON). A cluster also reads protobuf; kubectl sends JSON for KubeVirt's kinds.
fn json_body(content_type: &str) -> bool {
    let media_type = content_type.split(';').next().unwrap_or_default().trim();
    matches!(
        media_type,
        "" | "application/json" | "application/yaml" | "*/*"
    )
}

/// Reads a POST or PUT body as its Content-Type says.
pub fn decode_body(content_type: &str, body: &[u8]) -> Result<Value, ApiStatus> {
    let yaml = content_type.split(';').next().unwrap_or_default().trim() == "application/yaml";
    let decoded = if yaml {
        serde_yaml::from_slice::<Value>(body).map_err(|err| err.to_string())
    } else {
        serde_json::from_slice::<Value>(body).map_err(|err| err.to_string())
    };
    decoded.map_err(|err| {
        ApiStatus::bad_request(format!(
            "the body of the request could not be decoded: {err}"
        ))
    })
}

/// How a write was asked for.
#[derive(Clone, Copy, Debug)]
pub struct WriteOptions {
    /// `?dryRun=All`: check, answer, store nothing.
    pub dry_run: bool,
    /// `?fieldValidation=Strict`: unknown fields are errors.
    pub strict: bool,
}

fn strict(query: &HashMap<String, String>) -> bool {
    query.get("fieldValidation").is_some_and(|v| v == "Strict")
}

/// Whether the request only asks what would happen (`?dryRun=All`).
fn dry_run(query: &HashMap<String, String>) -> bool {
    query.get("dryRun").is_some_and(|v| v == "All")
}

pub fn lock(shared: &Shared) -> std::sync::MutexGuard<'_, MockState> {
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// One page of a list, borrowing the objects from the store.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct ListPage<'a> {
    api_version: String,
    kind: String,
    metadata: Value,
    items: Vec<&'a Value>,
}

impl ListPage<'_> {
    /// The page as the Table `kubectl get` asks for, keeping its paging.
    fn table(&self, resource: &ResourceType) -> Value {
        let rv = self.metadata["resourceVersion"]
            .as_str()
            .unwrap_or_default();
        let mut t = table::table(resource, &self.items, rv, true);
        if let Some(token) = self.metadata.get("continue") {
            t["metadata"]["continue"] = token.clone();
        }
        t
    }

    fn into_response(self) -> Response {
        match serde_json::to_vec(&self) {
            Ok(bytes) => Response::builder()
                .status(StatusCode::OK)
                .header(axum::http::header::CONTENT_TYPE, "application/json")
                .header(axum::http::header::CACHE_CONTROL, "no-cache, private")
                .body(axum::body::Body::from(bytes))
                .unwrap_or_default(),
            Err(err) => ApiStatus::new(500, "InternalError", err.to_string()).into_response(),
        }
    }
}

/// A list answer with selectors, `limit` and `continue` applied.
fn list<'a>(
    store: &'a Store,
    resource: &ResourceType,
    namespace: Option<&str>,
    query: &std::collections::HashMap<String, String>,
) -> Result<ListPage<'a>, ApiStatus> {
    let (labels, fields) = selectors::from_query(query)?;
    let matching: Vec<&Value> = store
        .list(resource, namespace)
        .into_iter()
        .filter(|o| labels.matches(o) && fields.matches(o))
        .collect();
    let offset = match query.get("continue").filter(|c| !c.is_empty()) {
        Some(token) => token
            .strip_prefix("offset-")
            .and_then(|n| n.parse::<usize>().ok())
            .ok_or_else(|| ApiStatus::new(410, "Expired", "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter."))?,
        None => 0,
    };
    let limit = query
        .get("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .filter(|l| *l > 0)
        .unwrap_or(usize::MAX);
    let total = matching.len();
    let items: Vec<&Value> = matching.into_iter().skip(offset).take(limit).collect();
    let mut metadata = json!({"resourceVersion": store.resource_version()});
    let next = offset.saturating_add(items.len());
    if next < total {
        metadata["continue"] = json!(format!("offset-{next}"));
        metadata["remainingItemCount"] = json!(total - next);
    }
    Ok(ListPage {
        api_version: resource.api_version(),
        kind: format!("{}List", resource.kind),
        metadata,
        items,
    })
}

fn create(
    shared: &Shared,
    resource: &'static ResourceType,
    namespace: &str,
    content_type: &str,
    body: &[u8],
    options: WriteOptions,
) -> Result<Value, ApiStatus> {
    let dry_run = options.dry_run;
    let mut object = decode_body(content_type, body)?;
    if resource.kind == "SelfSubjectAccessReview" {
        return Ok(rbac::review(&lock(shared).denials, object));
    }
    if resource.kind == "SelfSubjectReview" {
        // Says who the caller is; nothing is stored.
        object["status"] =
            json!({"userInfo": {"username": "developer", "groups": ["system:authenticated"]}});
        return Ok(object);
    }
    if resource.kind == "VirtualMachine" {
        crate::admission::default_new_vm(&mut object);
    }
    let created = {
        let mut state = lock(shared);
        validation::check(state.schema.as_deref(), resource, &object, options.strict)?;
        state.allocator.on_create(resource, &mut object);
        state.store.create(resource, namespace, object, dry_run)?
    };
    if !dry_run {
        controller::on_created(shared.clone(), resource, &created);
    }
    Ok(created)
}

/// Deletes an object and, as the garbage collector does, everything it owns (a VM's instance,
/// the Services created for it, and what those own in turn).
pub fn delete(
    shared: &Shared,
    resource: &'static ResourceType,
    namespace: &str,
    name: &str,
) -> Result<Value, ApiStatus> {
    let mut state = lock(shared);
    let deleted = state
        .store
        .delete(resource, namespace, name)
        .ok_or_else(|| ApiStatus::not_found(resource, name))?;
    if resource.kind == "VirtualMachine" {
        state.next_turn(namespace, name);
    }
    let mut owners: Vec<String> = deleted["metadata"]["uid"]
        .as_str()
        .map(str::to_owned)
        .into_iter()
        .collect();
    while let Some(owner) = owners.pop() {
        for dependent_type in crate::resources::RESOURCES {
            let dependents: Vec<(String, String, String)> = state
                .store
                .list(dependent_type, None)
                .into_iter()
                .filter(|o| {
                    o["metadata"]["ownerReferences"]
                        .as_array()
                        .is_some_and(|refs| refs.iter().any(|r| r["uid"] == owner.as_str()))
                })
                .map(|o| {
                    let meta = &o["metadata"];
                    let text = |field: &str| meta[field].as_str().unwrap_or_default().to_owned();
                    (text("namespace"), text("name"), text("uid"))
                })
                .collect();
            for (ns, dependent, uid) in dependents {
                if state
                    .store
                    .delete(dependent_type, &ns, &dependent)
                    .is_some()
                {
                    owners.push(uid);
                }
            }
        }
    }
    Ok(deleted)
}
