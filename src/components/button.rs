//! PatternFly's button, as a `<button>` or as a link that looks like one, with typed variants
//! so no page spells its classes by hand.

use leptos::html;
use leptos::prelude::*;

use super::icons::{Icon, IconKind};

/// PatternFly's button variants.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ButtonVariant {
    #[default]
    Primary,
    Secondary,
    /// Looks like a link.
    Link,
    /// A link in the flow of text, without padding.
    InlineLink,
    /// A red link, for removing something (a table row's Remove).
    DangerLink,
    /// A red link in the flow of text.
    DangerInlineLink,
    /// Only an icon; needs an `aria_label`.
    Plain,
    /// A red button, for destroying something.
    Danger,
    /// An amber button, for something disruptive but undoable (a restart).
    Warning,
}

impl ButtonVariant {
    fn modifiers(self) -> &'static str {
        match self {
            Self::Primary => "pf-m-primary",
            Self::Secondary => "pf-m-secondary",
            Self::Link => "pf-m-link",
            Self::InlineLink => "pf-m-link pf-m-inline",
            Self::DangerLink => "pf-m-link pf-m-danger",
            Self::DangerInlineLink => "pf-m-link pf-m-danger pf-m-inline",
            Self::Plain => "pf-m-plain",
            Self::Danger => "pf-m-danger",
            Self::Warning => "pf-m-warning",
        }
    }
}

/// The class attribute of a button: its variant, then `small`, then any page class.
pub fn button_class(variant: ButtonVariant, small: bool, extra: &str) -> String {
    let mut class = format!("pf-v6-c-button {}", variant.modifiers());
    if small {
        class.push_str(" pf-m-small");
    }
    if !extra.is_empty() {
        class.push(' ');
        class.push_str(extra);
    }
    class
}

/// What a `<button>` does in a form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ButtonType {
    #[default]
    Button,
    Submit,
}

/// The icon and text inside a button, in PatternFly's spans.
fn button_content(icon: Option<IconKind>, children: Option<Children>) -> impl IntoView {
    (
        icon.map(|kind| {
            view! {
                <span class="pf-v6-c-button__icon">
                    <Icon kind />
                </span>
            }
        }),
        children.map(|children| view! { <span class="pf-v6-c-button__text">{children()}</span> }),
    )
}

/// A `<button>`.
#[component]
pub fn Button(
    #[prop(optional)] variant: ButtonVariant,
    /// PatternFly's small size.
    #[prop(optional)]
    small: bool,
    /// `type="submit"` submits the form around it.
    #[prop(optional)]
    button_type: ButtonType,
    #[prop(optional, into)] disabled: Signal<bool>,
    /// The accessible name, for buttons without text.
    #[prop(optional, into)]
    aria_label: Option<String>,
    #[prop(optional)] test_id: Option<&'static str>,
    /// Classes of the page's own, after PatternFly's.
    #[prop(optional)]
    class: &'static str,
    /// An icon before the text.
    #[prop(optional)]
    icon: Option<IconKind>,
    #[prop(optional)] on_click: Option<Callback<()>>,
    #[prop(optional)] node_ref: NodeRef<html::Button>,
    /// The text.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let button_type = match button_type {
        ButtonType::Button => "button",
        ButtonType::Submit => "submit",
    };
    view! {
        <button
            node_ref=node_ref
            class=button_class(variant, small, class)
            type=button_type
            disabled=move || disabled.get()
            aria-label=aria_label
            data-testid=test_id
            on:click=move |_| {
                if let Some(on_click) = on_click {
                    on_click.run(());
                }
            }
        >
            {button_content(icon, children)}
        </button>
    }
}

/// A link styled as a button: it goes somewhere rather than doing something.
#[component]
pub fn ButtonLink(
    #[prop(into)] href: Signal<String>,
    #[prop(optional)] variant: ButtonVariant,
    #[prop(optional)] small: bool,
    /// Opens in a new tab, without giving the page a handle on this one.
    #[prop(optional)]
    external: bool,
    #[prop(optional)] on_click: Option<Callback<()>>,
    children: Children,
) -> impl IntoView {
    view! {
        <a
            class=button_class(variant, small, "")
            href=move || href.get()
            target=external.then_some("_blank")
            rel=external.then_some("noopener noreferrer")
            on:click=move |_| {
                if let Some(on_click) = on_click {
                    on_click.run(());
                }
            }
        >
            {button_content(None, Some(children))}
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_button_class_names_its_variant_size_and_page_class_in_order() {
        assert_eq!(
            button_class(ButtonVariant::DangerInlineLink, false, ""),
            "pf-v6-c-button pf-m-link pf-m-danger pf-m-inline"
        );
        assert_eq!(
            button_class(ButtonVariant::Secondary, true, "wvm-x"),
            "pf-v6-c-button pf-m-secondary pf-m-small wvm-x"
        );
    }
}
