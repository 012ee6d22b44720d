//! The bar that shows while rows are checked: how many, and what to do with all of them.

use leptos::prelude::*;

use crate::components::{Button, ButtonVariant};
use crate::logic::vm_selection::Selection;
use crate::model::ObjectRef;
use crate::pages::bulk_switch::BulkSwitchDialog;

#[component]
pub fn BulkBar(selection: RwSignal<Selection>) -> impl IntoView {
    let switching = RwSignal::new(None::<Vec<ObjectRef>>);
    view! {
        <Show when=move || !selection.with(Selection::is_empty)>
            <div
                class="wvm-bulk-bar"
                role="region"
                aria-label="Selected virtual machines"
                data-testid="bulk-bar"
            >
                <span class="wvm-bulk-bar__count">
                    {move || format!("{} selected", selection.with(Selection::len))}
                </span>
                <Button
                    variant=ButtonVariant::Secondary
                    small=true
                    on_click=Callback::new(move |()| {
                        switching.set(Some(selection.with_untracked(Selection::targets)))
                    })
                >
                    "Switch interfaces…"
                </Button>
                <Button
                    variant=ButtonVariant::Link
                    small=true
                    on_click=Callback::new(move |()| selection.set(Selection::default()))
                >
                    "Clear selection"
                </Button>
            </div>
        </Show>
        {move || {
            switching
                .get()
                .map(|targets| {
                    view! {
                        <BulkSwitchDialog
                            targets
                            on_close=Callback::new(move |()| switching.set(None))
                        />
                    }
                })
        }}
    }
}
