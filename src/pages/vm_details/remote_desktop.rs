//! The Remote desktop card of a Windows VM: the address of the Service that exposes its RDP
//! port with a downloadable `.rdp` file, or, when none does, the offer to create one.

use leptos::prelude::*;

use crate::pages::download::download;

use crate::api::live_list::{ListTarget, LiveList};
use crate::api::resource::ApiResource;
use crate::api::{self, ApiError};
use crate::components::{Alert, AlertVariant, Button, ButtonVariant, ErrorAlert, Mutation};
use crate::context::use_client;
use crate::logic::os::vm_os;
use crate::logic::remote_desktop::{
    connect_address, find_rdp_endpoint, node_address, rdp_file, rdp_service,
    remote_desktop_probably_off, RdpEndpoint, ServiceKind,
};
use crate::model::vm::VmObject;
use crate::model::{Service, VirtualMachineInstance};

/// The card, for Windows VMs only.
#[component]
pub fn RemoteDesktopCard(
    namespace: String,
    name: String,
    #[prop(into)] vm: Signal<VmObject>,
    #[prop(into)] vmi: Signal<Option<VirtualMachineInstance>>,
) -> impl IntoView {
    let windows = Memo::new(move |_| vm_os(&vm.read().vm).is_some_and(|os| os.is_windows()));
    let client = use_client();
    let services = LiveList::<Service>::new(client.clone(), {
        let namespace = namespace.clone();
        move || ListTarget::all(Some(&namespace))
    });
    let endpoint = Memo::new(move |_| {
        services.with(|listed| {
            let services = listed?.as_ref().ok()?;
            find_rdp_endpoint(services, &vm.read().vm)
        })
    });
    // A NodePort is reached on the address of the node the VM runs on.
    let node_name =
        Memo::new(move |_| vmi.read().as_ref().and_then(|i| i.status.node_name.clone()));
    let node = ApiResource::new(move || node_name.get(), {
        let client = client.clone();
        move |node: Option<String>| {
            let client = client.clone();
            async move {
                match node {
                    Some(node) => api::services::node(&client, &node)
                        .await
                        .map(|n| node_address(&n).or(Some(node))),
                    None => Ok(None),
                }
            }
        }
    });
    let address = Memo::new(move |_| {
        let endpoint = endpoint.get()?;
        // Without leave to read the node, its name is still an address on most networks.
        let node = node
            .get()
            .and_then(Result::ok)
            .flatten()
            .or_else(|| node_name.get());
        connect_address(&endpoint, node.as_deref())
    });
    let file_name = format!("{name}.rdp");
    move || {
        windows.get().then(|| {
            let (file_name, namespace) = (file_name.clone(), namespace.clone());
            view! {
                <section
                    class="pf-v6-c-page__main-section"
                    aria-labelledby="wvm-rdp-title"
                    data-testid="remote-desktop"
                >
                    <h2 class="pf-v6-c-title pf-m-lg" id="wvm-rdp-title">
                        "Remote desktop"
                    </h2>
                    {move || {
                        remote_desktop_probably_off(&vm.read().vm)
                            .then(|| {
                                view! {
                                    <p class="wvm-muted" data-testid="rdp-maybe-off">
                                        "Remote Desktop may still be off inside Windows: a fresh install has it off, and nothing says this VM's answer file turned it on. Turn it on in Windows (Settings, System, Remote Desktop) before connecting."
                                    </p>
                                }
                            })
                    }}
                    {move || match endpoint.get() {
                        Some(found) => {
                            view! {
                                <Exposed
                                    endpoint=found
                                    address=address.get()
                                    file_name=file_name.clone()
                                />
                            }
                                .into_any()
                        }
                        None => {
                            view! {
                                <NotExposed
                                    vm
                                    namespace=namespace.clone()
                                    loaded=Signal::derive(move || services.with(|s| s.is_some()))
                                />
                            }
                                .into_any()
                        }
                    }}
                </section>
            }
        })
    }
}

/// A Service reaches the desktop: where, and the file that opens it.
#[component]
fn Exposed(endpoint: RdpEndpoint, address: Option<String>, file_name: String) -> impl IntoView {
    let kind = match endpoint.kind.as_str() {
        "NodePort" => "from outside the cluster, on the node's port",
        "LoadBalancer" => "through a load balancer",
        _ => "from inside the cluster",
    };
    view! {
        <p>
            "Service " <strong>{endpoint.service.clone()}</strong> " (" {endpoint.kind.clone()}
            ") exposes Remote Desktop " {kind} "."
        </p>
        {match address.map(|address| (rdp_file(&address), address)) {
            Some((Err(bad), _)) => {
                view! {
                    <Alert
                        variant=AlertVariant::Warning
                        test_id="rdp-bad-address"
                        title=bad.to_string()
                    />
                }
                    .into_any()
            }
            Some((Ok(contents), address)) => {
                view! {
                    <dl class="pf-v6-c-description-list pf-m-horizontal wvm-overview">
                        <div class="pf-v6-c-description-list__group">
                            <dt class="pf-v6-c-description-list__term">
                                <span class="pf-v6-c-description-list__text">"Address"</span>
                            </dt>
                            <dd class="pf-v6-c-description-list__description">
                                <div
                                    class="pf-v6-c-description-list__text"
                                    data-testid="rdp-address"
                                >
                                    {address.clone()}
                                </div>
                            </dd>
                        </div>
                    </dl>
                    <div class="wvm-button-row">
                        <Button
                            variant=ButtonVariant::Secondary
                            on_click=Callback::new(move |_| download(
                                &file_name,
                                "application/x-rdp",
                                &contents,
                            ))
                        >
                            "Download .rdp file"
                        </Button>
                    </div>
                }
                    .into_any()
            }
            None => view! { <p class="wvm-muted">"The Service has no address yet."</p> }.into_any(),
        }}
    }
}

/// No Service reaches the desktop: offer to create one of the kind the user picks.
#[component]
fn NotExposed(
    #[prop(into)] vm: Signal<VmObject>,
    namespace: String,
    #[prop(into)] loaded: Signal<bool>,
) -> impl IntoView {
    let client = use_client();
    let kind = RwSignal::new(ServiceKind::ClusterIp);
    // The live list shows the new Service; only a failure needs saying.
    let create = Mutation::new(move |service: serde_json::Value| {
        let (client, namespace) = (client.clone(), namespace.clone());
        async move {
            api::services::create(&client, &namespace, &service)
                .await
                .map(drop)
                .map_err(|err| create_error(&err, &namespace))
        }
    });
    let on_create = Callback::new(move |_| {
        if !create.pending().get_untracked() {
            create.dispatch(rdp_service(&vm.get_untracked().vm, kind.get_untracked()));
        }
    });
    let choice = move |value: ServiceKind, label: &'static str, help: &'static str| {
        view! {
            <div class="pf-v6-c-radio">
                <input
                    class="pf-v6-c-radio__input"
                    type="radio"
                    name="wvm-rdp-kind"
                    id=format!("wvm-rdp-{}", value.api_name())
                    prop:checked=move || kind.get() == value
                    on:change=move |_| kind.set(value)
                />
                <label class="pf-v6-c-radio__label" for=format!("wvm-rdp-{}", value.api_name())>
                    {label}
                </label>
                <span class="pf-v6-c-radio__description">{help}</span>
            </div>
        }
    };
    view! {
        <p>
            "No Service exposes port 3389 of this VM yet. Create one to connect with any Remote Desktop client."
        </p>
        <fieldset class="wvm-rdp-kind" disabled=move || !loaded.get()>
            <legend class="pf-v6-screen-reader">"How to reach the desktop"</legend>
            {choice(
                ServiceKind::ClusterIp,
                "ClusterIP",
                "From inside the cluster: your pods, or a VPN or port-forward into it.",
            )}
            {choice(
                ServiceKind::NodePort,
                "NodePort",
                "From outside the cluster, on a port of the node's address.",
            )}
        </fieldset>
        <div class="wvm-button-row">
            <Button
                variant=ButtonVariant::Secondary
                disabled=Signal::derive(move || create.pending().get() || !loaded.get())
                on_click=on_create
            >
                "Create Service"
            </Button>
        </div>
        {move || {
            create
                .error()
                .map(|message| {
                    view! { <ErrorAlert title="Could not create the Service" message /> }
                })
        }}
    }
}

fn create_error(err: &ApiError, namespace: &str) -> String {
    if err.is_forbidden() {
        format!("You may not create Services in namespace {namespace}. Ask an administrator to expose port 3389 of this VM.")
    } else {
        err.user_message()
    }
}
