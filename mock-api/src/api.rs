//! Answers Kubernetes API requests: discovery, list, get and create, with faults applied first.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::controller;
use crate::discovery;
use crate::faults::{Fault, Faults};
use crate::http::{json_response, query_params, text_response};
use crate::lifecycle::{self, Action, InstanceChange};
use crate::paths::{self, ApiPath};
use crate::resources::ResourceType;
use crate::selectors::{FieldSelector, LabelSelector};
use crate::status::ApiStatus;
use crate::store::Store;
use crate::table;
use crate::watch::{self, WatchEvent};

/// Everything the mock keeps, behind one lock.
#[derive(Debug, Default)]
pub struct MockState {
    pub store: Store,
    pub faults: Faults,
    /// VMs whose guest has the guest tools installed: their agent connects when they run.
    pub guest_tools: HashSet<(String, String)>,
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

/// Handles one API request.
pub async fn handle(
    shared: Shared,
    method: Method,
    uri: Uri,
    accept: &str,
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
            return fault_response(&fault, &method, &api_path, uri.query().unwrap_or_default());
        }
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
            return watch(&shared, resource, namespace.clone(), &query, as_table)
                .unwrap_or_else(IntoResponse::into_response);
        }
    }
    let result = match (&method, api_path) {
        (&Method::GET, ApiPath::Version) => Ok(discovery::version()),
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
        ) => list(&lock(&shared).store, resource, namespace.as_deref(), &query),
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
            let dry_run = query.get("dryRun").is_some_and(|v| v == "All");
            return match create(
                &shared,
                resource,
                namespace.as_deref().unwrap_or_default(),
                body,
                dry_run,
            ) {
                Ok(created) => json_response(StatusCode::CREATED, &created),
                Err(status) => status.into_response(),
            };
        }
        (
            &Method::PUT,
            ApiPath::VmAction {
                namespace,
                name,
                action,
            },
        ) => {
            return match act(&shared, &namespace, &name, &action) {
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

/// A list or an object as the Table `kubectl get` asked for, keeping the list's paging.
fn as_table(resource: &ResourceType, value: &Value) -> Value {
    let rv = value["metadata"]["resourceVersion"]
        .as_str()
        .unwrap_or_default();
    match value["items"].as_array() {
        Some(items) => {
            let mut t = table::table(resource, &items.iter().collect::<Vec<_>>(), rv, true);
            if let Some(token) = value["metadata"].get("continue") {
                t["metadata"]["continue"] = token.clone();
            }
            t
        }
        None => table::table(resource, &[value], rv, true),
    }
}

fn lock(shared: &Shared) -> std::sync::MutexGuard<'_, MockState> {
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A list answer with selectors, `limit` and `continue` applied.
fn list(
    store: &Store,
    resource: &ResourceType,
    namespace: Option<&str>,
    query: &std::collections::HashMap<String, String>,
) -> Result<Value, ApiStatus> {
    let labels = LabelSelector::parse(
        query
            .get("labelSelector")
            .map(String::as_str)
            .unwrap_or_default(),
    )?;
    let fields = FieldSelector::parse(
        query
            .get("fieldSelector")
            .map(String::as_str)
            .unwrap_or_default(),
    )?;
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
    let page: Vec<Value> = matching
        .iter()
        .skip(offset)
        .take(limit)
        .map(|o| (*o).clone())
        .collect();
    let mut metadata = json!({"resourceVersion": store.resource_version()});
    let next = offset.saturating_add(page.len());
    if next < matching.len() {
        metadata["continue"] = json!(format!("offset-{next}"));
        metadata["remainingItemCount"] = json!(matching.len() - next);
    }
    Ok(json!({
        "apiVersion": resource.api_version(),
        "kind": format!("{}List", resource.kind),
        "metadata": metadata,
        "items": page,
    }))
}

fn create(
    shared: &Shared,
    resource: &'static ResourceType,
    namespace: &str,
    body: &[u8],
    dry_run: bool,
) -> Result<Value, ApiStatus> {
    let object: Value = serde_json::from_slice(body).map_err(|err| {
        ApiStatus::bad_request(format!(
            "the body of the request could not be decoded: {err}"
        ))
    })?;
    let created = lock(shared)
        .store
        .create(resource, namespace, object, dry_run)?;
    if !dry_run {
        controller::on_created(shared.clone(), resource, &created);
    }
    Ok(created)
}

/// A watch: chunked JSON lines, one event each, from a resourceVersion (or the current objects
/// as ADDED), with bookmarks when asked, until `timeoutSeconds` (30 minutes by default).
fn watch(
    shared: &Shared,
    resource: &'static ResourceType,
    namespace: Option<String>,
    query: &HashMap<String, String>,
    as_table: Option<&'static ResourceType>,
) -> Result<Response, ApiStatus> {
    use tokio_stream::wrappers::{BroadcastStream, IntervalStream};
    use tokio_stream::StreamExt as _;

    let labels = LabelSelector::parse(
        query
            .get("labelSelector")
            .map(String::as_str)
            .unwrap_or_default(),
    )?;
    let fields = FieldSelector::parse(
        query
            .get("fieldSelector")
            .map(String::as_str)
            .unwrap_or_default(),
    )?;
    let from = query
        .get("resourceVersion")
        .and_then(|rv| rv.parse::<u64>().ok())
        .filter(|rv| *rv != 0);
    let bookmarks = query
        .get("allowWatchBookmarks")
        .is_some_and(|b| b == "true");
    let timeout = query
        .get("timeoutSeconds")
        .and_then(|t| t.parse::<u64>().ok())
        .unwrap_or(1800);
    let qualified = resource.qualified_name();
    let wanted = move |e: &WatchEvent| {
        e.resource == qualified
            && namespace.as_ref().is_none_or(|ns| *ns == e.namespace)
            && labels.matches(&e.object)
            && fields.matches(&e.object)
    };
    let (first, receiver) = {
        let state = lock(shared);
        let resumed = match from {
            Some(rv) => state.store.events.resume(rv),
            None => state.store.events.resume(state.store.latest()),
        };
        let Some((past, receiver)) = resumed else {
            return Ok(stream_response(tokio_stream::iter([watch::expired_event(
                from.unwrap_or_default(),
            )])));
        };
        let mut first: Vec<String> = Vec::new();
        if from.is_none() {
            for object in state.store.list(resource, None) {
                let event = WatchEvent {
                    resource_version: 0,
                    kind: "ADDED",
                    resource: resource.qualified_name(),
                    namespace: object["metadata"]["namespace"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                    object: object.clone(),
                };
                if wanted(&event) {
                    first.push(event.line(as_table));
                }
            }
        }
        first.extend(past.iter().filter(|e| wanted(e)).map(|e| e.line(as_table)));
        (first, receiver)
    };
    let live = BroadcastStream::new(receiver)
        .filter_map(move |event| event.ok().filter(|e| wanted(e)).map(|e| e.line(as_table)));
    let (api_version, kind, shared) = (resource.api_version(), resource.kind, shared.clone());
    let marks = IntervalStream::new(tokio::time::interval(BOOKMARK_INTERVAL))
        .skip(1)
        .filter(move |_| bookmarks)
        .map(move |_| watch::bookmark_event(&api_version, kind, lock(&shared).store.latest()));
    let events = tokio_stream::iter(first).chain(live.merge(marks));
    let until_timeout = futures_util::StreamExt::take_until(
        events,
        tokio::time::sleep(Duration::from_secs(timeout)),
    );
    Ok(stream_response(until_timeout))
}

/// How often a watch that allows bookmarks gets one.
const BOOKMARK_INTERVAL: Duration = Duration::from_secs(15);

fn stream_response(lines: impl futures_util::Stream<Item = String> + Send + 'static) -> Response {
    use futures_util::StreamExt as _;
    let body = axum::body::Body::from_stream(lines.map(Ok::<_, std::convert::Infallible>));
    Response::builder()
        .status(StatusCode::OK)
        .header(axum::http::header::CONTENT_TYPE, "application/json")
        .body(body)
        .unwrap_or_default()
}

/// Runs a VM action (`start`, `stop`, `restart`) as KubeVirt's subresource handlers do.
fn act(shared: &Shared, namespace: &str, name: &str, action: &str) -> Result<(), ApiStatus> {
    let action = Action::parse(action).ok_or_else(ApiStatus::path_not_found)?;
    let vms =
        crate::resources::find("kubevirt.io", "v1", "virtualmachines").expect("VMs are served");
    let vmis = crate::resources::find("kubevirt.io", "v1", "virtualmachineinstances")
        .expect("VMIs are served");
    let effect = {
        let mut state = lock(shared);
        let vm = state
            .store
            .get(vms, namespace, name)
            .cloned()
            .ok_or_else(|| {
                ApiStatus::new(
                    404,
                    "NotFound",
                    format!("virtualmachine.kubevirt.io \"{name}\" not found"),
                )
            })?;
        let running = state.store.get(vmis, namespace, name).is_some();
        let run_strategy = vm["spec"]["runStrategy"].as_str().unwrap_or("Halted");
        let printable = vm["status"]["printableStatus"]
            .as_str()
            .unwrap_or("Stopped");
        let effect = lifecycle::decide(action, run_strategy, running, printable).map_err(|message| ApiStatus {
            details: Some(json!({"name": name, "group": "kubevirt.io", "kind": "virtualmachine"})),
            ..ApiStatus::new(409, "Conflict", format!("Operation cannot be fulfilled on virtualmachine.kubevirt.io \"{name}\": {message}"))
        })?;
        if let Some(strategy) = effect.run_strategy {
            state.store.modify(vms, namespace, name, |vm| {
                vm["spec"]["runStrategy"] = json!(strategy);
                let generation = vm["metadata"]["generation"].as_i64().unwrap_or(1);
                vm["metadata"]["generation"] = json!(generation + 1);
            });
        }
        effect
    };
    let (ns, name) = (namespace.to_owned(), name.to_owned());
    match effect.instance {
        InstanceChange::Start => controller::start_instance(shared.clone(), ns, name),
        InstanceChange::Stop => controller::stop_instance(shared.clone(), ns, name, false),
        InstanceChange::Restart => controller::stop_instance(shared.clone(), ns, name, true),
    }
    Ok(())
}

/// Deletes an object; a VM takes its instance with it, as its owner.
fn delete(
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
        let vmis = crate::resources::find("kubevirt.io", "v1", "virtualmachineinstances")
            .expect("VMIs are served");
        let _ = state.store.delete(vmis, namespace, name);
        state.next_turn(namespace, name);
    }
    Ok(deleted)
}

/// The answer a fault asks for; a 403 without a body reads like RBAC's.
fn fault_response(fault: &Fault, method: &Method, api_path: &ApiPath, query: &str) -> Response {
    let code = StatusCode::from_u16(fault.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match &fault.body {
        Some(Value::String(text)) => text_response(code, text),
        Some(body) => json_response(code, body),
        None if fault.status == 403 => forbidden(method, api_path, query).into_response(),
        None => ApiStatus::new(
            fault.status,
            ApiStatus::reason_for(fault.status),
            format!("injected failure {}", fault.status),
        )
        .into_response(),
    }
}

/// RBAC's refusal, worded as the API server words it.
fn forbidden(method: &Method, api_path: &ApiPath, query: &str) -> ApiStatus {
    let (resource, namespace, name) = match api_path {
        ApiPath::Collection {
            resource,
            namespace,
        } => (Some(*resource), namespace.clone(), None),
        ApiPath::Item {
            resource,
            namespace,
            name,
        } => (Some(*resource), namespace.clone(), Some(name.clone())),
        _ => (None, None, None),
    };
    let verb = match (method, &name) {
        (&Method::GET, None) if query.contains("watch=true") => "watch",
        (&Method::GET, None) => "list",
        (&Method::GET, Some(_)) => "get",
        (&Method::POST, _) => "create",
        (&Method::PUT, _) => "update",
        (&Method::PATCH, _) => "patch",
        (&Method::DELETE, _) => "delete",
        _ => "get",
    };
    if let ApiPath::VmAction {
        namespace,
        name,
        action,
    } = api_path
    {
        return ApiStatus::new(
            403,
            "Forbidden",
            format!("virtualmachines.subresources.kubevirt.io \"{name}\" is forbidden: User \"developer\" cannot update resource \"virtualmachines/{action}\" in API group \"subresources.kubevirt.io\" in the namespace \"{namespace}\""),
        );
    }
    let Some(resource) = resource else {
        return ApiStatus::new(
            403,
            "Forbidden",
            format!("forbidden: User \"developer\" cannot {verb} path"),
        );
    };
    let scope = match &namespace {
        Some(ns) => format!(" in the namespace \"{ns}\""),
        None => " at the cluster scope".to_owned(),
    };
    let subject = match &name {
        Some(name) => format!("{} \"{name}\"", resource.qualified_name()),
        None => resource.qualified_name(),
    };
    ApiStatus {
        details: Some(json!({"group": resource.group, "kind": resource.plural})),
        ..ApiStatus::new(
            403,
            "Forbidden",
            format!(
                "{subject} is forbidden: User \"developer\" cannot {verb} resource \"{}\" in API group \"{}\"{scope}",
                resource.plural, resource.group
            ),
        )
    }
}
