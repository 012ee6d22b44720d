//! Component tests in a real browser: mount a widget, then read the DOM a user would see.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlElement;

use windows_vms::components::icons::IconKind;
use windows_vms::components::{
    Alert, AlertVariant, Button, ButtonType, ButtonVariant, ConfirmModal, EmptyState, ErrorAlert,
    Modal, StatusLabel,
};
use windows_vms::model::PrintableStatus;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a view into a fresh container and returns the container.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> HtmlElement {
    let document = document();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    leptos::mount::mount_to(container.clone(), view).forget();
    container
}

fn find(container: &HtmlElement, selector: &str) -> HtmlElement {
    container
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into()
}

#[wasm_bindgen_test]
fn an_error_alert_says_what_failed_and_retries_on_request() {
    let retries = RwSignal::new(0);
    let container = mount(move || {
        view! {
            <ErrorAlert
                title="Could not load virtual machines"
                message="You may not list virtual machines in namespace prod."
                on_retry=Callback::new(move |_| retries.update(|n| *n += 1))
            />
        }
    });
    let alert = find(&container, "[role=alert]");
    let text = alert.inner_text();
    assert!(text.contains("Could not load virtual machines"), "{text}");
    assert!(text.contains("namespace prod"), "{text}");
    find(&container, "button").click();
    find(&container, "button").click();
    assert_eq!(retries.get_untracked(), 2);
}

#[wasm_bindgen_test]
fn an_error_alert_without_retry_offers_no_button() {
    let container = mount(|| view! { <ErrorAlert title="Failed" message="Because." /> });
    assert!(container.query_selector("button").unwrap().is_none());
}

#[wasm_bindgen_test]
fn a_status_label_shows_its_kind_and_explains_errors() {
    let container = mount(|| {
        view! {
            <StatusLabel status=PrintableStatus::Running />
            <StatusLabel status=PrintableStatus::ErrorUnschedulable />
        }
    });
    let running = find(&container, ".wvm-status--running");
    assert_eq!(running.inner_text().trim(), "Running");
    assert!(running.get_attribute("title").is_none());
    let error = find(&container, ".wvm-status--error");
    assert!(error
        .get_attribute("title")
        .unwrap()
        .contains("No node can run this VM"));
}

#[wasm_bindgen_test]
fn an_empty_state_has_a_heading_and_its_actions() {
    let container = mount(|| {
        view! {
            <EmptyState icon=IconKind::Desktop title="No virtual machines" body="Nothing here yet.">
                <a href="/vms/~new">"Create virtual machine"</a>
            </EmptyState>
        }
    });
    assert_eq!(find(&container, "h2").inner_text(), "No virtual machines");
    assert_eq!(
        find(&container, "a").get_attribute("href").as_deref(),
        Some("/vms/~new")
    );
}

/// Lets the reactive system run what a change scheduled: effects run a tick later, and an
/// effect that renders a component schedules that component's own effects for the tick after.
async fn settle() {
    for _ in 0..5 {
        leptos::task::tick().await;
    }
}

/// What has focus now.
fn focused() -> Option<web_sys::Element> {
    document().active_element()
}

/// The open dialog named `title`; dialogs live in a portal on `<body>`, not in the container.
fn dialog_titled(title: &str) -> Option<HtmlElement> {
    let dialogs = document().query_selector_all("[role=dialog]").unwrap();
    (0..dialogs.length())
        .filter_map(|i| dialogs.item(i))
        .map(|node| node.unchecked_into::<HtmlElement>())
        .find(|dialog| {
            let id = dialog.get_attribute("aria-labelledby").unwrap_or_default();
            document()
                .get_element_by_id(&id)
                .is_some_and(|heading| heading.text_content().as_deref() == Some(title))
        })
}

#[wasm_bindgen_test]
async fn a_modal_starts_on_its_first_input_and_gives_focus_back_to_its_opener() {
    let open = RwSignal::new(false);
    let container = mount(move || {
        view! {
            <button id="wvm-test-opener" on:click=move |_| open.set(true)>
                "Add disk"
            </button>
            <Show when=move || open.get()>
                <Modal title="Add a test disk" on_close=Callback::new(move |_| open.set(false))>
                    <div class="pf-v6-c-modal-box__body">
                        <input id="wvm-test-disk-name" />
                    </div>
                </Modal>
            </Show>
        }
    });
    let opener = find(&container, "#wvm-test-opener");
    opener.focus().unwrap();
    opener.click();
    settle().await;
    let dialog = dialog_titled("Add a test disk").expect("the dialog is open");
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    assert_eq!(
        focused().map(|e| e.id()).as_deref(),
        Some("wvm-test-disk-name"),
        "focus starts on the first input"
    );
    open.set(false);
    settle().await;
    assert!(
        dialog_titled("Add a test disk").is_none(),
        "the dialog is gone"
    );
    assert_eq!(
        focused().map(|e| e.id()).as_deref(),
        Some("wvm-test-opener"),
        "focus is back on the opener"
    );
}

#[wasm_bindgen_test]
async fn a_confirmation_starts_on_cancel_and_confirms_on_request() {
    let confirmed = RwSignal::new(0);
    let cancelled = RwSignal::new(0);
    mount(move || {
        view! {
            <ConfirmModal
                title="Delete the test VM?"
                confirm_label="Delete"
                danger=true
                pending=false
                on_confirm=Callback::new(move |_| confirmed.update(|n| *n += 1))
                on_cancel=Callback::new(move |_| cancelled.update(|n| *n += 1))
            >
                <p>"It cannot be undone."</p>
            </ConfirmModal>
        }
    });
    settle().await;
    let dialog = dialog_titled("Delete the test VM?").expect("the dialog is open");
    let active: HtmlElement = focused().unwrap().unchecked_into();
    assert_eq!(
        active.inner_text().trim(),
        "Cancel",
        "focus starts on Cancel"
    );
    let delete = find(&dialog, "button.pf-m-danger");
    assert_eq!(delete.inner_text().trim(), "Delete");
    delete.click();
    active.click();
    assert_eq!(
        (confirmed.get_untracked(), cancelled.get_untracked()),
        (1, 1)
    );
}

#[wasm_bindgen_test]
async fn a_button_renders_patternfly_markup_and_follows_its_disabled_signal() {
    let clicks = RwSignal::new(0);
    let disabled = RwSignal::new(false);
    let container = mount(move || {
        view! {
            <Button
                variant=ButtonVariant::Secondary
                small=true
                test_id="copy"
                disabled
                on_click=Callback::new(move |_| clicks.update(|n| *n += 1))
            >
                "Copy YAML"
            </Button>
            <Button button_type=ButtonType::Submit>"Add"</Button>
            <Button variant=ButtonVariant::Plain aria_label="Close" icon=IconKind::Times />
        }
    });
    let copy = find(&container, "[data-testid=copy]");
    assert_eq!(
        copy.class_name(),
        "pf-v6-c-button pf-m-secondary pf-m-small"
    );
    assert_eq!(copy.get_attribute("type").as_deref(), Some("button"));
    assert_eq!(
        find(&copy, ".pf-v6-c-button__text").inner_text(),
        "Copy YAML"
    );
    copy.click();
    assert_eq!(clicks.get_untracked(), 1);
    disabled.set(true);
    settle().await;
    assert!(copy.has_attribute("disabled"));
    copy.click();
    assert_eq!(clicks.get_untracked(), 1, "a disabled button does nothing");

    let submit = find(&container, "[type=submit]");
    assert_eq!(submit.class_name(), "pf-v6-c-button pf-m-primary");
    let close = find(&container, "[aria-label=Close]");
    assert_eq!(close.class_name(), "pf-v6-c-button pf-m-plain");
    assert!(close
        .query_selector(".pf-v6-c-button__icon svg")
        .unwrap()
        .is_some());
    assert!(close
        .query_selector(".pf-v6-c-button__text")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
fn an_alert_says_its_severity_title_and_body_and_closes_on_request() {
    let closed = RwSignal::new(false);
    let container = mount(move || {
        view! {
            <Alert
                variant=AlertVariant::Warning
                test_id="restart-required"
                title="Restart required"
                on_close=Callback::new(move |_| closed.set(true))
                close_label="Close the notice"
            >
                <p>"Changes wait for the VM to restart."</p>
            </Alert>
        }
    });
    let alert = find(&container, "[data-testid=restart-required]");
    assert_eq!(alert.class_name(), "pf-v6-c-alert pf-m-inline pf-m-warning");
    assert!(alert.get_attribute("role").is_none());
    let title = find(&alert, ".pf-v6-c-alert__title").inner_text();
    assert!(
        title.contains("Warning alert:") && title.contains("Restart required"),
        "{title}"
    );
    assert_eq!(
        find(&alert, ".pf-v6-c-alert__description").inner_text(),
        "Changes wait for the VM to restart."
    );
    find(&alert, "[aria-label='Close the notice']").click();
    assert!(closed.get_untracked());
}
