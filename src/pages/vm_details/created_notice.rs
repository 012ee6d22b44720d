//! Shown on a VM's page right after the wizard created it (`?created=1`): what to do next.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::{Alert, AlertVariant};
use crate::logic::driver_notes::NEXT_STEPS;
use crate::logic::os::vm_os;
use crate::model::vm::VmObject;

/// The "created" notice with the next steps, for a Windows VM the guest tools ones.
#[component]
pub fn CreatedNotice(vm: Signal<VmObject>) -> impl IntoView {
    let query = use_query_map();
    let dismissed = RwSignal::new(false);
    let shown = move || query.read().get("created").as_deref() == Some("1") && !dismissed.get();
    let rdp_failed = move || query.read().get("rdp").as_deref() == Some("failed");
    let windows = Memo::new(move |_| vm_os(&vm.read().vm).is_some_and(|os| os.is_windows()));
    move || {
        shown().then(|| {
            view! {
                <section class="pf-v6-c-page__main-section wvm-created-section">
                    <Alert
                        variant=AlertVariant::Success
                        role="status"
                        test_id="created-notice"
                        title=move || format!("Virtual machine {} created", vm.read().vm.name())
                        on_close=Callback::new(move |_| dismissed.set(true))
                        close_label="Close the notice"
                    >
                        {move || {
                            rdp_failed()
                                .then(|| {
                                    view! {
                                        <p data-testid="created-rdp-failed">
                                            "Its Remote Desktop Service could not be created. Create it from the Remote desktop card below."
                                        </p>
                                    }
                                })
                        }}
                        {move || {
                            if windows.get() {
                                view! {
                                    <p>"What comes next:"</p>
                                    <ol class="wvm-next-steps">
                                        {NEXT_STEPS
                                            .map(|step| view! { <li>{step}</li> })
                                            .collect_view()}
                                    </ol>
                                }
                                    .into_any()
                            } else {
                                view! { <p>"Start the virtual machine from the Actions menu."</p> }
                                    .into_any()
                            }
                        }}
                    </Alert>
                </section>
            }
        })
    }
}
