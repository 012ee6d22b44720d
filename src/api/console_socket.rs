//! WebSockets to a VMI's `vnc` and `console` subresources, under the same API base as every
//! other call: the subprotocol KubeVirt speaks, bytes in binary frames both ways (KubeVirt drops
//! text frames), and the reason a refused connection was refused.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BinaryType, CloseEvent, MessageEvent, WebSocket};

use super::client::ApiClient;
use super::error::ApiError;
use super::paths::kubevirt_subresource;
use crate::logic::console::{socket_url, ConsoleKind, SUBPROTOCOL};
use crate::model::{ObjectRef, VirtualMachineInstance};

/// What happened on a console socket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SocketEvent {
    /// The upgrade went through; bytes may flow.
    Open,
    /// Bytes from the guest, in order. Frame boundaries mean nothing.
    Bytes(Vec<u8>),
    /// The connection ended (KubeVirt ends without a closing handshake, so `code` is usually
    /// 1006). `opened` says whether it ever opened: if not, the server refused the upgrade.
    Closed { code: u16, opened: bool },
}

/// One open console connection. Dropping it closes the connection and silences its handlers.
pub struct ConsoleSocket {
    socket: WebSocket,
    _on_open: Closure<dyn FnMut()>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

impl ConsoleSocket {
    /// Connects to `vmi`'s console of `kind`. With `preserve_session`, a VNC console that
    /// someone else has open is refused instead of taken over (for a preview that must not
    /// steal the screen from a person using it).
    pub fn open(
        client: &ApiClient,
        vmi: &ObjectRef,
        kind: ConsoleKind,
        preserve_session: bool,
        on_event: impl Fn(SocketEvent) + 'static,
    ) -> Result<Self, ApiError> {
        let url = socket_url_of(client, vmi, kind, preserve_session)?;
        let socket = WebSocket::new_with_str(&url, SUBPROTOCOL).map_err(|err| {
            ApiError::Network(
                err.as_string()
                    .unwrap_or_else(|| "the browser refused the address".to_owned()),
            )
        })?;
        socket.set_binary_type(BinaryType::Arraybuffer);
        let on_event = Rc::new(on_event);
        let opened = Rc::new(Cell::new(false));
        let on_open = {
            let (on_event, opened) = (on_event.clone(), opened.clone());
            Closure::<dyn FnMut()>::new(move || {
                opened.set(true);
                on_event(SocketEvent::Open);
            })
        };
        let on_message = {
            let on_event = on_event.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                // Text frames never come from KubeVirt; anything else is not ours to read.
                if let Ok(buffer) = event.data().dyn_into::<js_sys::ArrayBuffer>() {
                    on_event(SocketEvent::Bytes(
                        js_sys::Uint8Array::new(&buffer).to_vec(),
                    ));
                }
            })
        };
        let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |event: CloseEvent| {
            on_event(SocketEvent::Closed {
                code: event.code(),
                opened: opened.get(),
            });
        });
        socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        Ok(ConsoleSocket {
            socket,
            _on_open: on_open,
            _on_message: on_message,
            _on_close: on_close,
        })
    }

    /// Sends bytes in one binary frame; nothing happens once the connection is closed.
    pub fn send(&self, bytes: &[u8]) {
        if bytes.is_empty() || self.socket.ready_state() != WebSocket::OPEN {
            return;
        }
        // A failure here means the socket is closing; its close event says so.
        let _ = self.socket.send_with_u8_array(bytes);
    }
}

impl Drop for ConsoleSocket {
    fn drop(&mut self) {
        self.socket.set_onopen(None);
        self.socket.set_onmessage(None);
        self.socket.set_onclose(None);
        let _ = self.socket.close();
    }
}

/// The API path of a console subresource.
fn console_path(vmi: &ObjectRef, kind: ConsoleKind) -> String {
    kubevirt_subresource::<VirtualMachineInstance>(
        Some(&vmi.namespace),
        &vmi.name,
        kind.subresource(),
    )
}

fn socket_url_of(
    client: &ApiClient,
    vmi: &ObjectRef,
    kind: ConsoleKind,
    preserve_session: bool,
) -> Result<String, ApiError> {
    let location = web_sys::window()
        .ok_or_else(|| ApiError::Network("no browser window".to_owned()))?
        .location();
    let unreadable = |_| ApiError::Network("the page's address is unreadable".to_owned());
    let protocol = location.protocol().map_err(unreadable)?;
    let host = location.host().map_err(unreadable)?;
    let mut path = format!(
        "{}{}",
        client.base().trim_end_matches('/'),
        console_path(vmi, kind)
    );
    if kind == ConsoleKind::Vnc {
        path.push_str(if preserve_session {
            "?preserveSession=true"
        } else {
            "?preserveSession=false"
        });
    }
    Ok(socket_url(&protocol, &host, &path))
}

/// Why a console connection that never opened was refused. A browser cannot read the answer
/// to a refused upgrade, so this asks the same address again as a plain request, with
/// `preserveSession` so it cannot take over anyone's screen. `None` when the server says
/// nothing more useful than "not a WebSocket" (the console is there; the network failed).
pub async fn refusal(client: &ApiClient, vmi: &ObjectRef, kind: ConsoleKind) -> Option<ApiError> {
    let path = console_path(vmi, kind);
    let query: &[(&str, &str)] = match kind {
        ConsoleKind::Vnc => &[("preserveSession", "true")],
        ConsoleKind::Serial => &[],
    };
    match client
        .get_with_query::<serde_json::Value>(&path, query)
        .await
    {
        Err(err) if err.code().is_some_and(|code| code != 400) => Some(err),
        _ => None,
    }
}
