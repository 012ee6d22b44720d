//! The notification banner of the Add disk, Add NIC and Add CD-ROM dialogs for Windows VMs: why
//! devices start on SATA/e1000e, and what choosing VirtIO now means. Texts come from
//! `logic::driver_notes`.

use leptos::prelude::*;

use crate::components::{Alert, AlertVariant};

/// The banner; `virtio_chosen` adds the consequence of choosing a VirtIO device now.
#[component]
pub fn DriverBanner(
    title: &'static str,
    body: &'static str,
    virtio_chosen: &'static str,
    #[prop(into)] warn: Signal<bool>,
    test_id: &'static str,
) -> impl IntoView {
    let variant = Signal::derive(move || {
        if warn.get() {
            AlertVariant::Warning
        } else {
            AlertVariant::Info
        }
    });
    let chosen_note = move || {
        warn.get().then(|| {
            view! {
                <p class="wvm-driver-banner__chosen">
                    <strong>{virtio_chosen}</strong>
                </p>
            }
        })
    };
    view! {
        <Alert variant title test_id>
            <p>{body}</p>
            {chosen_note}
        </Alert>
    }
}
