//! Component tests in a real browser: mount a widget, then read the DOM a user would see.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlElement;

use windows_vms::components::icons::IconKind;
use windows_vms::components::{EmptyState, ErrorAlert, StatusLabel};

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
            <StatusLabel status="Running".to_owned() />
            <StatusLabel status="ErrorUnschedulable".to_owned() />
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
