//! The Review step: a summary, whether to start the VM, and the exact YAML that will be sent.

use leptos::prelude::*;

use super::Wizard;
use crate::logic::cluster_options::memory_label;
use crate::logic::sysprep_volume::sysprep_object;
use crate::logic::vm_builder::build_vm;
use crate::logic::vm_draft::BootSource;
use crate::logic::yaml::to_yaml;

#[component]
pub fn ReviewStep(wizard: Wizard) -> impl IntoView {
    let draft = wizard.draft;
    let manifest = Memo::new(move |_| to_yaml(&build_vm(&draft.read(), &wizard.cluster.get())));
    let sysprep = Memo::new(move |_| sysprep_object(&draft.read()));
    let size = move || {
        let d = draft.read();
        let (cpus, memory) = d.effective_size();
        let base = format!(
            "{cpus} vCPU, {} memory, {} GiB root disk",
            memory_label(memory),
            d.disk_gib
        );
        match &d.instancetype {
            Some(it) => format!("{} ({base})", it.name),
            None => base,
        }
    };
    // An image is shown with its size and readiness, as it was chosen.
    let boot = move || {
        let d = draft.read();
        let summary = d.boot.summary();
        let info = match &d.boot {
            BootSource::DataSource { namespace, name } => wizard.cluster.with(|c| {
                c.data_source_info
                    .get(&format!("{namespace}/{name}"))
                    .map(|i| i.summary())
            }),
            _ => None,
        };
        match info {
            Some(info) => format!("{summary} ({info})"),
            None => summary,
        }
    };
    let devices = move || {
        let d = draft.read();
        let nics: Vec<String> = d
            .nics
            .iter()
            .map(|n| format!("{} ({}, {})", n.name, n.model.label(), n.network.label()))
            .collect();
        let disks: Vec<String> = std::iter::once(format!("rootdisk ({})", d.root_bus.label()))
            .chain(
                d.extra_disks
                    .iter()
                    .map(|x| format!("{} ({})", x.name, x.bus.label())),
            )
            .collect();
        (nics.join(", "), disks.join(", "))
    };
    let row = |term: &'static str, value: Signal<String>| {
        view! {
            <div class="pf-v6-c-description-list__group">
                <dt class="pf-v6-c-description-list__term">
                    <span class="pf-v6-c-description-list__text">{term}</span>
                </dt>
                <dd class="pf-v6-c-description-list__description">
                    <div class="pf-v6-c-description-list__text">{value}</div>
                </dd>
            </div>
        }
    };
    view! {
        <dl
            class="pf-v6-c-description-list pf-m-horizontal pf-m-compact"
            data-testid="review-summary"
        >
            {row("Name", Signal::derive(move || draft.read().name.clone()))}
            {row("Namespace", Signal::derive(move || draft.read().namespace.clone()))}
            {row("Operating system", Signal::derive(move || draft.read().os.label().to_owned()))}
            {row("Size", Signal::derive(size))}
            {row("Boot source", Signal::derive(boot))}
            {row("Network interfaces", Signal::derive(move || devices().0))}
            {row(
                "Remote Desktop",
                Signal::derive(move || {
                    let draft = draft.read();
                    match draft.rdp_service_to_create() {
                        Some(kind) => {
                            format!("Service {}-rdp ({}) to port 3389", draft.name, kind.api_name())
                        }
                        None => "No Service".to_owned(),
                    }
                }),
            )}
            {row("Disks", Signal::derive(move || devices().1))}
            {row(
                "Windows guest tools",
                Signal::derive(move || {
                    if draft.read().guest_tools {
                        "Mounted as a CD-ROM".to_owned()
                    } else {
                        "Not mounted".to_owned()
                    }
                }),
            )}
            {row(
                "Sysprep",
                Signal::derive(move || match sysprep.get() {
                    Some(object) => {
                        format!(
                            "{} in Secret {}",
                            object
                                .files
                                .iter()
                                .map(|f| f.name.clone())
                                .collect::<Vec<_>>()
                                .join(", "),
                            object.name,
                        )
                    }
                    None => "None: Windows is set up by hand".to_owned(),
                }),
            )}
        </dl>
        <div class="pf-v6-c-check wvm-review__start">
            <input
                class="pf-v6-c-check__input"
                type="checkbox"
                id="vm-start"
                prop:checked=move || draft.read().start
                on:change=move |ev| draft.update(|d| d.start = event_target_checked(&ev))
            />
            <label class="pf-v6-c-check__label" for="vm-start">
                "Start the virtual machine once created"
            </label>
        </div>
        <h3 class="pf-v6-c-title pf-m-md wvm-review__yaml-title">"YAML that will be sent"</h3>
        <p class="wvm-step-intro">
            "The server checks it first (a dry run); the VirtualMachine and its DataVolume templates are created in one request."
        </p>
        <pre
            class="wvm-manifest__code"
            data-testid="manifest"
            tabindex="0"
            role="region"
            aria-label="YAML that will be sent"
        >
            {move || manifest.get()}
        </pre>
        {move || {
            sysprep
                .get()
                .map(|object| {
                    view! {
                        <h3 class="pf-v6-c-title pf-m-md wvm-review__yaml-title">
                            "Secret with the answer files"
                        </h3>
                        <p class="wvm-step-intro">
                            "Created right after the VM and owned by it, so deleting the VM deletes it. Product keys, passwords and credentials are masked here."
                        </p>
                        <pre
                            class="wvm-manifest__code"
                            data-testid="sysprep-manifest"
                            tabindex="0"
                            role="region"
                            aria-label="YAML of the Secret"
                        >
                            {to_yaml(&object.manifest(None, true))}
                        </pre>
                        {object
                            .masked_files()
                            .into_iter()
                            .map(|file| {
                                view! {
                                    <h4 class="pf-v6-c-title pf-m-md wvm-review__yaml-title">
                                        <code>{file.name.clone()}</code>
                                    </h4>
                                    <pre
                                        class="wvm-manifest__code"
                                        data-testid="sysprep-file-masked"
                                        tabindex="0"
                                        role="region"
                                        aria-label=format!("{} with secrets masked", file.name)
                                    >
                                        {file.text}
                                    </pre>
                                }
                            })
                            .collect_view()}
                    }
                })
        }}
    }
}
