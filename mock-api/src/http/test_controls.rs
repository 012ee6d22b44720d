//! The test controls under `/mock/`, served only when the mock is started with
//! `--test-controls`: `POST /mock/reset`, `POST /mock/faults` (a `Fault`), `DELETE /mock/faults`,
//! `POST /mock/clock` (`{"advanceSeconds": N}` moves the clock CronJobs run on forward),
//! `POST /mock/watches/drop` (every open watch breaks off), `POST /mock/rbac/deny` (a `Denial`:
//! that verb on that resource is forbidden), `DELETE /mock/rbac` (all allowed), and
//! `GET /mock/console/NS/NAME/keys` (the keys that VM's VNC console received, the text they
//! typed and the guest's layout, as JSON) with `DELETE` on the same path (forgotten), and
//! `PUT /mock/console/NS/NAME/layout` (`{"layout": "de"}`: the guest's keyboard layout, which
//! decides what scancodes type), and `PUT /mock/guest-users/NS/NAME` (`{"users": [{"userName":
//! "bob", "domain": "CORP"}]}`: who is signed in to that guest). They answer in plain text, as they are no part of the
//! Kubernetes API, but for the JSON of `keys` and `GET` on `layout`.

use axum::body::{to_bytes, Body, Bytes};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::TimeDelta;
use serde::Deserialize;

use crate::admission::rbac::Denial;
use crate::console::layouts::Layout;
use crate::http::response::{json_response, text_response};
use crate::state::faults::Fault;
use crate::state::guest_users::{signed_in, NamedUser};
use crate::state::{lock, Shared};

/// Largest body a control takes.
pub const MAX_CONTROL_BODY_BYTES: usize = 64 * 1024;
/// How far ahead of the real clock tests may move the mock's: past any schedule a test makes,
/// and short of where adding it to the time could overflow.
pub const MAX_CLOCK_OFFSET: TimeDelta = TimeDelta::days(3660);

/// `POST /mock/clock`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ClockAdvance {
    advance_seconds: i64,
}

/// Answers a request to a control; `reset` puts the demo data back.
pub async fn answer(
    shared: &Shared,
    method: &Method,
    path: &str,
    body: Body,
    reset: impl FnOnce(),
) -> Response {
    let body = match to_bytes(body, MAX_CONTROL_BODY_BYTES).await {
        Ok(body) => body,
        Err(_) => {
            return text_response(
                StatusCode::PAYLOAD_TOO_LARGE,
                &format!("a control takes at most {MAX_CONTROL_BODY_BYTES} bytes"),
            )
        }
    };
    if let Some(rest) = path.strip_prefix("/mock/console/") {
        if let Some(vm) = rest.strip_suffix("/keys") {
            return console_keys(shared, method, vm);
        }
        if let Some(vm) = rest.strip_suffix("/layout") {
            return console_layout(shared, method, vm, &body);
        }
    }
    if let Some(vm) = path.strip_prefix("/mock/guest-users/") {
        return guest_users(shared, method, vm, &body);
    }
    match (method, path) {
        (&Method::POST, "/mock/reset") => {
            reset();
            StatusCode::NO_CONTENT.into_response()
        }
        (&Method::POST, "/mock/faults") => match serde_json::from_slice::<Fault>(&body) {
            Ok(fault) => match lock(shared).faults.add(fault) {
                Ok(()) => StatusCode::CREATED.into_response(),
                Err(refused) => text_response(StatusCode::BAD_REQUEST, &refused.to_string()),
            },
            Err(err) => text_response(StatusCode::BAD_REQUEST, &format!("not a fault: {err}")),
        },
        (&Method::DELETE, "/mock/faults") => {
            lock(shared).faults.clear();
            StatusCode::NO_CONTENT.into_response()
        }
        (&Method::POST, "/mock/clock") => advance_clock(shared, &body),
        (&Method::POST, "/mock/watches/drop") => {
            lock(shared).watch_drops.drop_all();
            StatusCode::NO_CONTENT.into_response()
        }
        (&Method::POST, "/mock/rbac/deny") => match serde_json::from_slice::<Denial>(&body) {
            Ok(denial) => match lock(shared).denials.add(denial) {
                Ok(()) => StatusCode::CREATED.into_response(),
                Err(refused) => text_response(StatusCode::BAD_REQUEST, &refused.to_string()),
            },
            Err(err) => text_response(StatusCode::BAD_REQUEST, &format!("not a denial: {err}")),
        },
        (&Method::DELETE, "/mock/rbac") => {
            lock(shared).denials.clear();
            StatusCode::NO_CONTENT.into_response()
        }
        _ => text_response(StatusCode::NOT_FOUND, "unknown mock control"),
    }
}

/// `PUT /mock/guest-users/NS/NAME` with `{"users": [{"userName", "domain"}...]}`: who is signed
/// in to that guest from now on (an empty list signs everybody out), kept until a reset.
fn guest_users(shared: &Shared, method: &Method, vm: &str, body: &Bytes) -> Response {
    #[derive(Deserialize)]
    struct Users {
        users: Vec<NamedUser>,
    }
    let Some(key) = console_vm(vm) else {
        return text_response(StatusCode::NOT_FOUND, "expected /mock/guest-users/NS/NAME");
    };
    if method != Method::PUT {
        return text_response(StatusCode::METHOD_NOT_ALLOWED, "PUT");
    }
    let named = match serde_json::from_slice::<Users>(body) {
        Ok(users) => users.users,
        Err(err) => {
            return text_response(StatusCode::BAD_REQUEST, &format!("not a user list: {err}"))
        }
    };
    let mut state = lock(shared);
    let now = chrono::Utc::now() + state.clock_offset;
    match signed_in(named, now) {
        Ok(users) => {
            state.guest_users.insert(key, users);
            StatusCode::NO_CONTENT.into_response()
        }
        Err(refused) => text_response(StatusCode::BAD_REQUEST, &refused.to_string()),
    }
}

/// `PUT /mock/console/NS/NAME/layout`.
#[derive(Deserialize)]
struct LayoutChoice {
    layout: String,
}

/// The VM of a `/mock/console/NS/NAME/...` path, from its `NS/NAME`.
fn console_vm(vm: &str) -> Option<(String, String)> {
    vm.split_once('/')
        .filter(|(namespace, name)| !namespace.is_empty() && !name.is_empty())
        .filter(|(_, name)| !name.contains('/'))
        .map(|(namespace, name)| (namespace.to_owned(), name.to_owned()))
}

/// `GET /mock/console/NS/NAME/keys`: `{"keys": [{"keysym", "scancode", "down"}...], "text",
/// "layout"}`, oldest first (`scancode` null for a plain key event); `DELETE` forgets the keys
/// and text (not the layout).
fn console_keys(shared: &Shared, method: &Method, vm: &str) -> Response {
    let Some(key) = console_vm(vm) else {
        return text_response(StatusCode::NOT_FOUND, "expected /mock/console/NS/NAME/keys");
    };
    let mut state = lock(shared);
    match *method {
        Method::GET => {
            let input = state.consoles.input.get(&key).cloned().unwrap_or_default();
            let mut answer = serde_json::json!(input);
            answer["layout"] = serde_json::json!(state.consoles.layout(&key));
            json_response(StatusCode::OK, &answer)
        }
        Method::DELETE => {
            state.consoles.input.remove(&key);
            StatusCode::NO_CONTENT.into_response()
        }
        _ => text_response(StatusCode::METHOD_NOT_ALLOWED, "GET or DELETE"),
    }
}

/// `PUT /mock/console/NS/NAME/layout` with `{"layout": "us"|"uk"|"de"|"fr"|"ja"}` gives the
/// guest that keyboard layout (kept until `POST /mock/reset`); `GET` answers it in that shape.
fn console_layout(shared: &Shared, method: &Method, vm: &str, body: &Bytes) -> Response {
    let Some(key) = console_vm(vm) else {
        return text_response(
            StatusCode::NOT_FOUND,
            "expected /mock/console/NS/NAME/layout",
        );
    };
    match *method {
        Method::GET => {
            let layout = lock(shared).consoles.layout(&key);
            json_response(StatusCode::OK, &serde_json::json!({"layout": layout}))
        }
        Method::PUT => {
            let Ok(LayoutChoice { layout }) = serde_json::from_slice(body) else {
                return text_response(
                    StatusCode::BAD_REQUEST,
                    "expected {\"layout\": L}, L one of \"us\", \"uk\", \"de\", \"fr\", \"ja\"",
                );
            };
            let layout = match layout.parse::<Layout>() {
                Ok(layout) => layout,
                Err(unknown) => {
                    return text_response(StatusCode::BAD_REQUEST, &unknown.to_string())
                }
            };
            match lock(shared).consoles.set_layout(key, layout) {
                Ok(()) => StatusCode::NO_CONTENT.into_response(),
                Err(refused) => text_response(StatusCode::BAD_REQUEST, &refused.to_string()),
            }
        }
        _ => text_response(StatusCode::METHOD_NOT_ALLOWED, "PUT or GET"),
    }
}

/// Moves the mock's clock forward, no further than `MAX_CLOCK_OFFSET` ahead of the real one.
fn advance_clock(shared: &Shared, body: &Bytes) -> Response {
    let most = MAX_CLOCK_OFFSET.num_seconds();
    let Ok(ClockAdvance { advance_seconds }) = serde_json::from_slice(body) else {
        return text_response(
            StatusCode::BAD_REQUEST,
            "expected {\"advanceSeconds\": N}, N a whole number of seconds",
        );
    };
    let mut state = lock(shared);
    let advanced = TimeDelta::try_seconds(advance_seconds)
        .filter(|_| advance_seconds >= 0)
        .and_then(|advance| state.clock_offset.checked_add(&advance))
        .filter(|offset| *offset <= MAX_CLOCK_OFFSET);
    match advanced {
        Some(offset) => {
            state.clock_offset = offset;
            StatusCode::NO_CONTENT.into_response()
        }
        None => text_response(
            StatusCode::BAD_REQUEST,
            &format!(
                "advanceSeconds must be at least 0, and the clock may run at most {most} seconds ahead ({} now)",
                state.clock_offset.num_seconds()
            ),
        ),
    }
}
