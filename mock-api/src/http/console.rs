//! KubeVirt's `vnc` and `console` subresources: WebSocket upgrades with the subprotocol
//! `plain.kubevirt.io`, raw bytes in binary frames (text frames are dropped), refused before
//! the upgrade with a `Status` as virt-api refuses them. One session per instance and console:
//! a new one ends the old, unless `preserveSession=true` asks for VNC, which is then refused.
//! The screen is the simulated guest's, or QEMU's through a bridged socket (`console_bridge`).

use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::Method;
use axum::response::{IntoResponse, Response};

use crate::admission::rbac;
use crate::console::framebuffer::Framebuffer;
use crate::console::guest_view::{self, View};
use crate::console::keys::Keyboard;
use crate::console::rfb::RfbServer;
use crate::console::serial::SerialGuest;
use crate::http::console_bridge::{self, VncSockets};
use crate::http::response::query_params;
use crate::http::websocket::is_upgrade;
use crate::kube::paths::{ApiPath, ConsoleDevice, InstancePath};
use crate::kube::status::ApiStatus;
use crate::state::console::ConsoleKind;
use crate::state::{lock, Shared};

/// The one subprotocol KubeVirt's consoles speak.
pub const PLAIN_PROTOCOL: &str = "plain.kubevirt.io";
/// Largest message a client may send.
const MAX_MESSAGE_BYTES: usize = 1024 * 1024;
/// How often a session looks for a change of the guest's screen or state.
const TICK: Duration = Duration::from_millis(100);

/// One console session's target.
#[derive(Debug, Clone)]
struct Target {
    shared: Shared,
    namespace: String,
    name: String,
    uid: String,
}

/// Answers a request to a console: refused before any upgrade, or upgraded to a session.
pub async fn serve(
    shared: Shared,
    sockets: &VncSockets,
    mut parts: Parts,
    instance: InstancePath,
    device: ConsoleDevice,
) -> Response {
    // No Origin check: virt-api's upgrader accepts every origin (its `CheckOrigin` returns
    // true), and `kubectl proxy` forwards the page's Origin with the API server's Host, so a
    // check here would refuse the console through it. The console's own proxy checks Origin.
    let api_path = ApiPath::Console(instance.clone(), device);
    let query = parts.uri.query().unwrap_or_default().to_owned();
    if let Some(access) = rbac::access_of(&Method::GET, &api_path, &query) {
        if lock(&shared).denials.denies(&access) {
            return rbac::forbidden(&Method::GET, &api_path, &query).into_response();
        }
    }
    let kind = match device {
        ConsoleDevice::Vnc => ConsoleKind::Vnc,
        ConsoleDevice::Serial => ConsoleKind::Serial,
    };
    let InstancePath { namespace, name } = instance;
    let uid = match guest_view::connectable(&shared, &namespace, &name, kind) {
        Ok(uid) => uid,
        Err(status) => return status.into_response(),
    };
    let vm = (namespace.clone(), name.clone());
    let preserve = query_params(&parts.uri)
        .get("preserveSession")
        .is_some_and(|v| v == "true");
    if kind == ConsoleKind::Vnc && preserve && lock(&shared).consoles.sessions.is_open(&vm, kind) {
        return ApiStatus::new(
            500,
            "InternalError",
            "Active VNC connection. Request denied.",
        )
        .into_response();
    }
    // As virt-api, reach the guest's socket before answering the client.
    let bridged = match sockets
        .path_for(&namespace, &name)
        .filter(|_| kind == ConsoleKind::Vnc)
    {
        Some(path) => match tokio::net::UnixStream::connect(&path).await {
            Ok(stream) => Some(stream),
            Err(err) => {
                return ApiStatus::new(
                    500,
                    "InternalError",
                    format!("dial unix {}: connect: {err}", path.display()),
                )
                .into_response()
            }
        },
        None => None,
    };
    if !is_upgrade(&parts) {
        return ApiStatus::bad_request(
            "websocket: the client is not using the websocket protocol: 'upgrade' token not found in 'Connection' header",
        )
        .into_response();
    }
    let upgrade = match WebSocketUpgrade::from_request_parts(&mut parts, &()).await {
        Ok(upgrade) => upgrade,
        Err(rejection) => return rejection.into_response(),
    };
    let target = Target {
        shared,
        namespace,
        name,
        uid,
    };
    upgrade
        .protocols([PLAIN_PROTOCOL])
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| async move {
            let ended = lock(&target.shared).consoles.sessions.open(vm, kind);
            match (kind, bridged) {
                (_, Some(stream)) => console_bridge::pump(socket, stream, ended).await,
                (ConsoleKind::Vnc, None) => vnc(socket, target, ended).await,
                (ConsoleKind::Serial, None) => serial(socket, target, ended).await,
            }
        })
}

/// What a session waits for next.
enum Next {
    Bytes(Vec<u8>),
    Tick,
    End,
}

/// Waits for the client's next bytes (text frames are dropped, as virt-handler drops them),
/// a tick, or the end of the session (the client went, or a newer session took over).
async fn next(
    socket: &mut WebSocket,
    tick: &mut tokio::time::Interval,
    ended: &mut tokio::sync::watch::Receiver<bool>,
) -> Next {
    loop {
        tokio::select! {
            message = socket.recv() => match message {
                Some(Ok(Message::Binary(bytes))) => return Next::Bytes(bytes.to_vec()),
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return Next::End,
                Some(Ok(_)) => continue,
            },
            _ = tick.tick() => return Next::Tick,
            changed = ended.changed() => {
                if changed.is_err() || *ended.borrow() {
                    return Next::End;
                }
            }
        }
    }
}

/// The simulated guest's screen behind the RFB server.
async fn vnc(mut socket: WebSocket, target: Target, mut ended: tokio::sync::watch::Receiver<bool>) {
    let Target {
        shared,
        namespace,
        name,
        uid,
    } = target;
    let (mut rfb, greeting) = RfbServer::new(&name);
    if socket.send(Message::Binary(greeting.into())).await.is_err() {
        return;
    }
    let mut keyboard = Keyboard::default();
    let mut buttons = 0_u8;
    let mut drawn: Option<(View, Framebuffer)> = None;
    let mut tick = tokio::time::interval(TICK);
    loop {
        let bytes = match next(&mut socket, &mut tick, &mut ended).await {
            Next::Bytes(bytes) => Some(bytes),
            Next::Tick => None,
            // As virt-handler, end without a closing handshake.
            Next::End => return,
        };
        let Some(view) = guest_view::view(&shared, &namespace, &name, &uid) else {
            return;
        };
        let mut out = Vec::new();
        if let Some(bytes) = bytes {
            let screen = draw(&mut drawn, view.clone(), &name);
            let mut events = Vec::new();
            let received = rfb.receive(&bytes, screen, &mut out, &mut events);
            guest_view::apply(
                &shared,
                &namespace,
                &name,
                &events,
                &mut keyboard,
                &mut buttons,
                view.screen,
            );
            if let Err(refused) = received {
                let _ = socket.send(Message::Binary(out.into())).await;
                let reason: String = refused.to_string().chars().take(120).collect();
                let close = CloseFrame {
                    code: 1003,
                    reason: reason.into(),
                };
                let _ = socket.send(Message::Close(Some(close))).await;
                return;
            }
        }
        if rfb.waiting() {
            let Some(view) = guest_view::view(&shared, &namespace, &name, &uid) else {
                return;
            };
            let screen = draw(&mut drawn, view, &name);
            rfb.update(screen, &mut out);
        }
        if !out.is_empty() && socket.send(Message::Binary(out.into())).await.is_err() {
            return;
        }
    }
}

/// The screen for a view, drawn again only when the view changed.
fn draw<'a>(drawn: &'a mut Option<(View, Framebuffer)>, view: View, name: &str) -> &'a Framebuffer {
    if drawn.as_ref().is_some_and(|(last, _)| *last != view) {
        *drawn = None;
    }
    let (_, screen) = drawn.get_or_insert_with(|| {
        let screen = view.screen.draw(name, &view.typed);
        (view, screen)
    });
    screen
}

/// The simulated guest's serial port.
async fn serial(
    mut socket: WebSocket,
    target: Target,
    mut ended: tokio::sync::watch::Receiver<bool>,
) {
    let Some(view) = guest_view::view(&target.shared, &target.namespace, &target.name, &target.uid)
    else {
        return;
    };
    let mut guest = SerialGuest::new(&target.name, view.windows);
    let mut tick = tokio::time::interval(TICK);
    loop {
        match next(&mut socket, &mut tick, &mut ended).await {
            Next::Bytes(bytes) => {
                let out = guest.receive(&bytes);
                if !out.is_empty() && socket.send(Message::Binary(out.into())).await.is_err() {
                    return;
                }
            }
            Next::Tick => {
                if guest_view::view(&target.shared, &target.namespace, &target.name, &target.uid)
                    .is_none()
                {
                    return;
                }
            }
            Next::End => return,
        }
    }
}
