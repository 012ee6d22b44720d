//! The notification banner of the Add disk, Add NIC and Add CD-ROM dialogs for Windows VMs: why
//! devices start on SATA/e1000e, and what choosing VirtIO now means. Texts come from
//! `logic::driver_notes`.

use leptos::prelude::*;

use crate::components::icons::{Icon, IconKind};

/// The banner; `virtio_chosen` adds the consequence of choosing a VirtIO device now.
#[component]
pub fn DriverBanner(
    title: &'static str,
    body: &'static str,
    virtio_chosen: &'static str,
    #[prop(into)] warn: Signal<bool>,
    test_id: &'static str,
) -> impl IntoView {
    view! {
        <div class="pf-v6-c-alert pf-m-inline" class:pf-m-info=move || !warn.get() class:pf-m-warning=warn
            data-testid=test_id>
            <div class="pf-v6-c-alert__icon">
                {move || if warn.get() {
                    view! { <Icon kind=IconKind::ExclamationTriangle /> }
                } else {
                    view! { <Icon kind=IconKind::InfoCircle /> }
                }}
            </div>
            <p class="pf-v6-c-alert__title">
                <span class="pf-v6-screen-reader">{move || if warn.get() { "Warning alert:" } else { "Info alert:" }}</span>
                {title}
            </p>
            <div class="pf-v6-c-alert__description">
                <p>{body}</p>
                {move || warn.get().then(|| view! { <p class="wvm-driver-banner__chosen"><strong>{virtio_chosen}</strong></p> })}
            </div>
        </div>
    }
}
