//! PatternFly's compact label: a short tag beside a name ("bootable", "CD-ROM").

use leptos::prelude::*;

/// The colours the app uses for labels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LabelColor {
    #[default]
    Grey,
    Blue,
}

/// A compact label.
#[component]
pub fn Label(#[prop(optional)] color: LabelColor, children: Children) -> impl IntoView {
    let class = match color {
        LabelColor::Grey => "pf-v6-c-label pf-m-compact",
        LabelColor::Blue => "pf-v6-c-label pf-m-blue pf-m-compact",
    };
    view! {
        <span class=class>
            <span class="pf-v6-c-label__content">{children()}</span>
        </span>
    }
}
