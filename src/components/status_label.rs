//! A VM's printable status with the icon and colour of its kind.

use leptos::prelude::*;

use super::icons::{Icon, IconKind};
use crate::logic::vm_status::{status_explanation, status_kind, StatusKind};

/// Shows a KubeVirt printable status ("Running", "ErrorUnschedulable", …) with its icon; the
/// explanation of a non-obvious status is in the tooltip.
#[component]
pub fn StatusLabel(
    /// The VM's `status.printableStatus`.
    status: String,
) -> impl IntoView {
    let kind = status_kind(&status);
    let icon = match kind {
        StatusKind::Running => IconKind::CheckCircle,
        StatusKind::Stopped => IconKind::PowerOff,
        StatusKind::Paused => IconKind::Pause,
        StatusKind::InProgress => IconKind::InProgress,
        StatusKind::Error => IconKind::ExclamationCircle,
        StatusKind::Unknown => IconKind::QuestionCircle,
    };
    let title = status_explanation(&status);
    view! {
        <span class=format!("wvm-status {}", kind.as_class()) title=title>
            <span class="wvm-status__icon">
                <Icon kind=icon />
            </span>
            <span class="wvm-status__text">{status}</span>
        </span>
    }
}
