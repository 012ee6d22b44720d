//! The app shell: router, route table and the API client every page uses.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api::config::AppConfig;
use crate::api::namespaces::NamespaceNames;
use crate::api::ApiClient;
use crate::pages::console::VmConsolePage;
use crate::pages::create_vm::CreateVmPage;
use crate::pages::layout::Layout;
use crate::pages::not_found::NotFound;
use crate::pages::switch_interface::{SwitchInterfaceHost, SwitchRequest};
use crate::pages::vm_details::VmDetailsPage;
use crate::pages::vm_list::VmListPage;

/// The whole app, talking to the API under `config.api_base`.
#[component]
pub fn App(
    /// Run-time settings read from `config.json`.
    config: AppConfig,
) -> impl IntoView {
    let client = ApiClient::new(&config.api_base);
    let base = config.base_path.trim_end_matches('/').to_owned();
    provide_context(config);
    NamespaceNames::provide(client.clone());
    provide_context(client);
    SwitchRequest::provide();
    view! {
        <Router base=base>
            <SwitchInterfaceHost />
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=VmListPage />
                    <Route path=path!("/vms") view=VmListPage />
                    <Route path=path!("/vms/~new") view=CreateVmPage />
                    <Route path=path!("/ns/:ns/vms") view=VmListPage />
                    <Route path=path!("/ns/:ns/vms/~new") view=CreateVmPage />
                    <Route path=path!("/ns/:ns/vms/:name") view=VmDetailsPage />
                    <Route path=path!("/ns/:ns/vms/:name/console") view=VmConsolePage />
                </Routes>
            </Layout>
        </Router>
    }
}
