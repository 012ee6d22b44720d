//! The bar that shows while rows are checked: how many, and what to do with all of them
//! (switch their interfaces, start, stop or restart them, a few at a time), with the outcome.

use leptos::prelude::*;

use crate::api::workflows::bulk::act_all;
use crate::components::{Alert, AlertVariant, Button, ButtonVariant, Mutation};
use crate::context::use_client;
use crate::logic::bulk_switch::action_summary;
use crate::logic::vm_actions::VmAction;
use crate::logic::vm_selection::Selection;
use crate::model::ObjectRef;
use crate::pages::bulk_switch::BulkSwitchDialog;

#[component]
pub fn BulkBar(selection: RwSignal<Selection>) -> impl IntoView {
    let switching = RwSignal::new(None::<Vec<ObjectRef>>);
    let client = use_client();
    let act = Mutation::new(move |action: VmAction| {
        let client = client.clone();
        let targets = selection.with_untracked(Selection::targets);
        async move {
            let results = act_all(&client, targets, action).await;
            let results: Vec<(String, Result<(), String>)> = results
                .into_iter()
                .map(|(vm, done)| {
                    (
                        format!("{}/{}", vm.namespace, vm.name),
                        done.map_err(|e| e.user_message()),
                    )
                })
                .collect();
            Ok::<String, ()>(action_summary(action.label(), &results))
        }
    });
    let action_button = move |action: VmAction| {
        view! {
            <Button
                variant=ButtonVariant::Secondary
                small=true
                disabled=act.pending()
                on_click=Callback::new(move |()| act.dispatch(action))
            >
                {action.label()}
            </Button>
        }
    };
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
                {action_button(VmAction::Start)}
                {action_button(VmAction::Stop)}
                {action_button(VmAction::Restart)}
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
            act.value()
                .map(|summary| {
                    view! {
                        <Alert
                            variant=AlertVariant::Info
                            test_id="bulk-action-result"
                            title=summary
                        />
                    }
                })
        }}
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
