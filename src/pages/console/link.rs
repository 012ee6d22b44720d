//! Keeps one console connection going while its view is mounted: connects, says how it is
//! doing, retries by the rules of `logic::console::after_close`, and closes when the view goes
//! away. The protocol on top (RFB or serial text) plugs in as two callbacks.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use leptos::prelude::*;

use crate::api::client::sleep_ms;
use crate::api::console_socket::{refusal, ConsoleSocket, SocketEvent};
use crate::api::ApiClient;
use crate::logic::console::{after_close, AfterClose, Connection, ConsoleKind};
use crate::model::ObjectRef;

/// Called when a connection opens: the protocol starts afresh. True when it is ready for
/// input at once (a serial port); false when a handshake comes first (RFB).
pub type OnOpen = Box<dyn Fn() -> bool>;
/// Called with the guest's bytes: the bytes to answer with and whether the session is ready
/// for input now, or why it cannot go on.
pub type OnBytes = Box<dyn Fn(&[u8]) -> Result<Received, String>>;

/// What the protocol made of the guest's bytes.
pub struct Received {
    pub reply: Vec<u8>,
    pub ready: bool,
}

/// A handle on the connection, cheap to copy into event handlers.
#[derive(Clone, Copy)]
pub struct ConsoleLink {
    state: RwSignal<Connection>,
    inner: StoredValue<Rc<Inner>, LocalStorage>,
}

struct Inner {
    client: ApiClient,
    vmi: ObjectRef,
    kind: ConsoleKind,
    state: RwSignal<Connection>,
    socket: RefCell<Option<ConsoleSocket>>,
    /// Bumped by every connect and by the end, so events of an older socket are ignored.
    generation: Cell<u32>,
    /// Automatic tries since the last open.
    attempt: Cell<u32>,
    /// The current try asked KubeVirt to leave someone else's session alone.
    preserving: Cell<bool>,
    on_open: OnOpen,
    on_bytes: OnBytes,
}

impl ConsoleLink {
    /// Connects now. With `take_over`, a VNC console someone else has open becomes ours (the
    /// user asked for it); without, it is refused and left to them (a preview).
    pub fn start(
        client: ApiClient,
        vmi: ObjectRef,
        kind: ConsoleKind,
        take_over: bool,
        on_open: OnOpen,
        on_bytes: OnBytes,
    ) -> Self {
        let state = RwSignal::new(Connection::Connecting);
        let inner = Rc::new(Inner {
            client,
            vmi,
            kind,
            state,
            socket: RefCell::new(None),
            generation: Cell::new(0),
            attempt: Cell::new(0),
            preserving: Cell::new(false),
            on_open,
            on_bytes,
        });
        Inner::connect(&inner, !take_over);
        let weak = send_wrapper::SendWrapper::new(Rc::downgrade(&inner));
        on_cleanup(move || {
            if let Some(inner) = weak.take().upgrade() {
                inner.end();
            }
        });
        ConsoleLink {
            state,
            inner: StoredValue::new_local(inner),
        }
    }

    pub fn state(self) -> Signal<Connection> {
        self.state.into()
    }

    /// Sends bytes to the guest (dropped when not connected).
    pub fn send(self, bytes: &[u8]) {
        self.inner.with_value(|inner| {
            if let Some(socket) = inner.socket.borrow().as_ref() {
                socket.send(bytes);
            }
        });
    }

    /// Connects again now, taking the console over.
    pub fn reconnect(self) {
        if let Some(inner) = self.inner.try_get_value() {
            inner.attempt.set(0);
            Inner::connect(&inner, false);
        }
    }
}

impl Inner {
    fn connect(this: &Rc<Inner>, preserve_session: bool) {
        let generation = this.generation.get().wrapping_add(1);
        this.generation.set(generation);
        this.socket.replace(None);
        this.preserving.set(preserve_session);
        // A try after a failure keeps saying what failed until it succeeds.
        let retrying = this.state.try_with_untracked(|state| match state {
            Connection::Retrying { reason, .. } => Some(reason.clone()),
            _ => None,
        });
        this.state.try_set(match retrying.flatten() {
            Some(reason) => Connection::Retrying {
                reason,
                in_seconds: 0,
            },
            None => Connection::Connecting,
        });
        let weak: Weak<Inner> = Rc::downgrade(this);
        let opened = ConsoleSocket::open(
            &this.client,
            &this.vmi,
            this.kind,
            preserve_session,
            move |event| {
                if let Some(inner) = weak.upgrade() {
                    if inner.generation.get() == generation {
                        Inner::on_event(&inner, event);
                    }
                }
            },
        );
        match opened {
            Ok(socket) => {
                this.socket.replace(Some(socket));
            }
            Err(err) => {
                this.state.try_set(Connection::Disconnected {
                    reason: err.user_message(),
                });
            }
        }
    }

    fn on_event(this: &Rc<Inner>, event: SocketEvent) {
        match event {
            SocketEvent::Open => {
                this.attempt.set(0);
                if (this.on_open)() {
                    this.state.try_set(Connection::Connected);
                }
            }
            SocketEvent::Bytes(bytes) => match (this.on_bytes)(&bytes) {
                Ok(Received { reply, ready }) => {
                    if let Some(socket) = this.socket.borrow().as_ref() {
                        socket.send(&reply);
                    }
                    // "Connected" only once input reaches the guest as it should.
                    if ready
                        && this
                            .state
                            .try_with_untracked(|s| *s != Connection::Connected)
                            == Some(true)
                    {
                        this.state.try_set(Connection::Connected);
                    }
                }
                Err(reason) => {
                    this.socket.replace(None);
                    this.state.try_set(Connection::Disconnected { reason });
                }
            },
            SocketEvent::Closed { opened, .. } => {
                this.socket.replace(None);
                let generation = this.generation.get();
                let this = this.clone();
                leptos::task::spawn_local(async move {
                    let refused = if opened {
                        None
                    } else {
                        read_refusal(&this).await
                    };
                    if this.generation.get() != generation {
                        return;
                    }
                    let refused = refused.as_ref().map(|err| (err.code().unwrap_or(0), err));
                    let message = refused.map(|(code, err)| (code, status_message(err)));
                    let next = after_close(
                        this.kind,
                        opened,
                        this.preserving.get(),
                        message.as_ref().map(|(code, text)| (*code, text.as_str())),
                        this.attempt.get(),
                    );
                    Inner::follow(&this, next, generation).await;
                });
            }
        }
    }

    async fn follow(this: &Rc<Inner>, next: AfterClose, generation: u32) {
        match next {
            AfterClose::Stay { reason } => {
                this.state.try_set(Connection::Disconnected { reason });
            }
            AfterClose::Retry { reason, delay_ms } => {
                this.attempt.set(this.attempt.get().saturating_add(1));
                this.state.try_set(Connection::Retrying {
                    reason,
                    in_seconds: delay_ms.div_ceil(1000),
                });
                sleep_ms(i32::try_from(delay_ms).unwrap_or(i32::MAX)).await;
                if this.generation.get() == generation {
                    Inner::connect(this, true);
                }
            }
        }
    }

    /// Closes for good: the view went away.
    fn end(&self) {
        self.generation.set(self.generation.get().wrapping_add(1));
        self.socket.replace(None);
    }
}

/// How long the reason for a refusal may take to read before the console goes on without it.
const REFUSAL_READ_MS: i32 = 3_000;

/// Asks why the last connection was refused, giving up after a few seconds: a browser queues
/// plain requests while all its connections to an HTTP/1.1 server carry open watches.
async fn read_refusal(inner: &Inner) -> Option<crate::api::ApiError> {
    use futures::future::{select, Either};
    let asked = std::pin::pin!(refusal(&inner.client, &inner.vmi, inner.kind));
    let waited = std::pin::pin!(sleep_ms(REFUSAL_READ_MS));
    match select(asked, waited).await {
        Either::Left((answer, _)) => answer,
        Either::Right(_) => None,
    }
}

/// The server's own words, without the code and reason the status line does not need.
fn status_message(err: &crate::api::ApiError) -> String {
    match err {
        crate::api::ApiError::Status { message, .. } if !message.is_empty() => message.clone(),
        other => other.user_message(),
    }
}
