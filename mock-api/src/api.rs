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
use crate::http::{answer, json_response, query_params, status_answer};
use crate::lifecycle;
use crate::list::list;
use crate::openapi;
use crate::paths::{self, ApiPath};
use crate::rbac::{self, Denials};
use crate::request::{check_body_format, decode_body, WriteOptions};
use crate::resources::ResourceType;
use crate::shape;
use crate::status::ApiStatus;
use crate::store::Store;
use crate::table;
use crate::update::{self, delete};
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
    pub watch_drops: crate::watch_stream::WatchDrops,
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
            if fault.after {
                // Carried out, then the answer is lost on the way back.
                drop(serve(shared.clone(), method.clone(), &uri, headers, body).await);
            }
            return faults::fault_response(
                &fault,
                &method,
                &api_path,
                uri.query().unwrap_or_default(),
            );
        }
    }
    serve(shared, method, &uri, headers, body).await
}

/// Answers a request once any fault has been applied.
async fn serve(
    shared: Shared,
    method: Method,
    uri: &Uri,
    headers: Headers<'_>,
    body: &[u8],
) -> Response {
    let accept = headers.accept;
    let path = paths::strip_console_prefix(uri.path()).to_owned();
    let api_path = paths::parse(&path);
    if let Some(access) = rbac::access_of(&method, &api_path, uri.query().unwrap_or_default()) {
        if lock(&shared).denials.denies(&access) {
            return faults::forbidden(&method, &api_path, uri.query().unwrap_or_default())
                .into_response();
        }
    }
    if matches!(method, Method::POST | Method::PUT) && !body.is_empty() {
        if let Err(status) = check_body_format(headers.content_type) {
            return status.into_response();
        }
    }
    let query = query_params(uri);
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
                Ok(page) if table_of.is_some() => json_response(
                    StatusCode::OK,
                    &page.table(resource, table::wants_objects(&query)),
                ),
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
            return match create(
                &shared,
                resource,
                namespace.as_deref().unwrap_or_default(),
                headers.content_type,
                body,
                WriteOptions::from_query(&query),
            ) {
                Ok(created) => answer(StatusCode::CREATED, &created, accept),
                Err(status) => status_answer(&status, accept),
            };
        }
        (
            &(Method::PUT | Method::PATCH),
            ApiPath::Item {
                resource,
                namespace,
                name,
            },
        ) => {
            let target = update::Target {
                resource,
                namespace: namespace.as_deref().unwrap_or_default(),
                name: &name,
            };
            let options = WriteOptions::from_query(&query);
            if method == Method::PUT {
                update::replace(&shared, &target, headers.content_type, body, options)
            } else {
                update::patch(&shared, &target, headers.content_type, body, options)
            }
        }
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
        (Ok(value), Some(resource)) => {
            let mut table = as_table(resource, &value);
            if table::wants_objects(&query) {
                table::include_objects(&mut table, &[&value]);
            }
            json_response(StatusCode::OK, &table)
        }
        (Ok(value), None) => answer(StatusCode::OK, &value, accept),
        (Err(status), _) => status_answer(&status, accept),
    }
}

/// One object as the Table `kubectl get` asked for.
fn as_table(resource: &ResourceType, value: &Value) -> Value {
    let rv = value["metadata"]["resourceVersion"]
        .as_str()
        .unwrap_or_default();
    table::table(resource, &[value], rv, true)
}

/// Takes the lock on everything the mock keeps; the one way every part of it does. A panic while
/// it was held leaves it poisoned: the state is taken as it is rather than refused, so neither
/// requests nor the controllers stop for good because of one bad moment.
pub fn lock(shared: &Shared) -> std::sync::MutexGuard<'_, MockState> {
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
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
    if let Err(refusal) = shape::check_body(resource, &object) {
        let schema = lock(shared).schema.clone();
        let strict = options.strict;
        return Err(validation::refusal_for_shape(
            schema.as_deref(),
            resource,
            &object,
            strict,
            refusal,
        ));
    }
    if let Some(metadata) = object.get_mut("metadata").and_then(Value::as_object_mut) {
        // The API server sets the creation time; a client's would also have the CronJob
        // controller look for missed schedules since then.
        metadata.remove("creationTimestamp");
    }
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
