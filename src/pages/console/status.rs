//! A console connection's state in words, always in view, with Reconnect when it is lost.

use leptos::prelude::*;

use super::link::ConsoleLink;
use crate::components::icons::{Icon, IconKind};
use crate::components::{Button, ButtonVariant};
use crate::logic::console::Connection;

/// "Connecting…", "Connected", or why it is not, with a Reconnect button.
#[component]
pub fn ConnectionStatus(link: ConsoleLink) -> impl IntoView {
    let state = link.state();
    let line = move || match state.get() {
        Connection::Connecting => (IconKind::InProgress, "Connecting…".to_owned(), false),
        Connection::Connected => (IconKind::CheckCircle, "Connected".to_owned(), false),
        Connection::Retrying {
            reason,
            in_seconds: 0,
        } => (
            IconKind::ExclamationTriangle,
            format!("Disconnected: {reason} Trying again now…"),
            true,
        ),
        Connection::Retrying { reason, in_seconds } => (
            IconKind::ExclamationTriangle,
            format!("Disconnected: {reason} Trying again in {in_seconds} s."),
            true,
        ),
        Connection::Disconnected { reason } => (
            IconKind::ExclamationCircle,
            format!("Disconnected: {reason}"),
            true,
        ),
    };
    view! {
        <span class="wvm-console__status" role="status" data-testid="console-status">
            {move || {
                let (icon, text, lost) = line();
                view! {
                    <span class="wvm-console__status-text" class:wvm-console__status-text--lost=lost>
                        <Icon kind=icon />
                        {text}
                    </span>
                }
            }}
            <Show when=move || {
                matches!(state.get(), Connection::Retrying { .. } | Connection::Disconnected { .. })
            }>
                <Button
                    variant=ButtonVariant::Secondary
                    small=true
                    on_click=Callback::new(move |_| link.reconnect())
                >
                    "Reconnect"
                </Button>
            </Show>
        </span>
    }
}
