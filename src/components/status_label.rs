//! A VM's printable status with the icon and colour of its kind.

use leptos::prelude::*;

use super::icons::{Icon, IconKind};
use crate::logic::vm_status::{explanation_of, kind_of, StatusKind};
use crate::model::PrintableStatus;

/// Shows a KubeVirt printable status ("Running", "ErrorUnschedulable", …) with its icon; the
/// explanation of a non-obvious status is in the tooltip.
#[component]
pub fn StatusLabel(
    /// The VM's `status.printableStatus`.
    status: PrintableStatus,
) -> impl IntoView {
    let kind = kind_of(&status);
    let icon = match kind {
        StatusKind::Running => IconKind::CheckCircle,
        StatusKind::Stopped => IconKind::PowerOff,
        StatusKind::Paused => IconKind::Pause,
        StatusKind::InProgress => IconKind::InProgress,
        StatusKind::Error => IconKind::ExclamationCircle,
        StatusKind::Unknown => IconKind::QuestionCircle,
    };
    let title = explanation_of(&status);
    view! {
        <span class=format!("wvm-status {}", kind.as_class()) title=title>
            <span class="wvm-status__icon">
                <Icon kind=icon />
            </span>
            <span class="wvm-status__text">{status.to_string()}</span>
        </span>
    }
}
