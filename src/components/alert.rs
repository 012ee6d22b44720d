//! PatternFly's inline alert: a severity with its icon and screen-reader prefix, a title, an
//! optional description, a close button and actions.

use leptos::prelude::*;
use leptos::text_prop::TextProp;

use super::button::{Button, ButtonVariant};
use super::icons::{Icon, IconKind};

/// How serious an alert is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AlertVariant {
    #[default]
    Info,
    Success,
    Warning,
    Danger,
}

impl AlertVariant {
    fn modifier(self) -> &'static str {
        match self {
            Self::Info => "pf-m-info",
            Self::Success => "pf-m-success",
            Self::Warning => "pf-m-warning",
            Self::Danger => "pf-m-danger",
        }
    }

    fn icon(self) -> IconKind {
        match self {
            Self::Info => IconKind::InfoCircle,
            Self::Success => IconKind::CheckCircle,
            Self::Warning => IconKind::ExclamationTriangle,
            Self::Danger => IconKind::ExclamationCircle,
        }
    }

    /// What a screen reader says before the title, as the icon alone says nothing to it.
    fn announcement(self) -> &'static str {
        match self {
            Self::Info => "Info alert:",
            Self::Success => "Success alert:",
            Self::Warning => "Warning alert:",
            Self::Danger => "Danger alert:",
        }
    }
}

/// The class attribute of an inline alert.
pub fn alert_class(variant: AlertVariant, plain: bool, extra: &str) -> String {
    let mut class = format!("pf-v6-c-alert pf-m-inline {}", variant.modifier());
    if plain {
        class.push_str(" pf-m-plain");
    }
    if !extra.is_empty() {
        class.push(' ');
        class.push_str(extra);
    }
    class
}

/// An inline alert.
#[component]
pub fn Alert(
    #[prop(into)] variant: Signal<AlertVariant>,
    #[prop(into)] title: TextProp,
    /// Without background or border, inside something that already has them.
    #[prop(optional)]
    plain: bool,
    /// `alert` for what must be heard at once, `status` for news.
    #[prop(optional)]
    role: Option<&'static str>,
    #[prop(optional)] test_id: Option<&'static str>,
    /// Classes of the page's own.
    #[prop(optional)]
    class: &'static str,
    /// Shows a close button, named by `close_label`, that calls this.
    #[prop(optional)]
    on_close: Option<Callback<()>>,
    #[prop(default = "Close")] close_label: &'static str,
    /// Buttons or links below the description.
    #[prop(optional, into)]
    actions: Option<ViewFn>,
    /// The description.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class=move || alert_class(variant.get(), plain, class) role=role data-testid=test_id>
            <div class="pf-v6-c-alert__icon">
                {move || view! { <Icon kind=variant.get().icon() /> }}
            </div>
            <p class="pf-v6-c-alert__title">
                <span class="pf-v6-screen-reader">{move || variant.get().announcement()}</span>
                {move || title.get()}
            </p>
            {on_close
                .map(|close| {
                    view! {
                        <div class="pf-v6-c-alert__action">
                            <Button
                                variant=ButtonVariant::Plain
                                aria_label=close_label
                                icon=IconKind::Times
                                on_click=close
                            />
                        </div>
                    }
                })}
            {children
                .map(|children| {
                    view! { <div class="pf-v6-c-alert__description">{children()}</div> }
                })}
            {actions
                .map(|actions| {
                    view! { <div class="pf-v6-c-alert__action-group">{actions.run()}</div> }
                })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alert_class_is_inline_with_its_severity() {
        assert_eq!(
            alert_class(AlertVariant::Danger, false, "wvm-server-problems"),
            "pf-v6-c-alert pf-m-inline pf-m-danger wvm-server-problems"
        );
        assert_eq!(
            alert_class(AlertVariant::Warning, true, ""),
            "pf-v6-c-alert pf-m-inline pf-m-warning pf-m-plain"
        );
    }
}
