//! The Add CD-ROM dialog: name and disc (the Windows guest tools, an ISO from a URL, a copy of
//! an ISO in a PVC, or a PVC of the VM's namespace). CD-ROMs are always on SATA; for Windows the
//! banner says why that needs no drivers.

use leptos::prelude::*;

use super::{
    checked_submit, claims_in, split_volume, volume_options, DialogFooterNotes, DriverBanner,
    VolumeSelect,
};
use crate::components::{FormGroup, FormModal, SelectCaret};
use crate::logic::cluster_options::ClusterOptions;
use crate::logic::driver_notes::{CDROM_BANNER_BODY, CDROM_BANNER_TITLE};
use crate::logic::vm_draft::{check_cdrom, CdromDraft, CdromSource};

#[component]
pub fn AddCdromDialog(
    /// Whether the VM runs Windows (then the banner shows).
    windows: bool,
    /// Names the VM's disks and volumes already take.
    #[prop(into)]
    taken: Signal<Vec<String>>,
    /// What the cluster offers: ISOs in PVCs and the guest tools image.
    #[prop(into)]
    cluster: Signal<ClusterOptions>,
    /// The VM's namespace: only its PVCs can be attached as they are.
    #[prop(into)]
    namespace: Signal<String>,
    /// The CD-ROM the form starts with.
    initial: CdromDraft,
    /// Called with the checked CD-ROM; the caller closes the dialog when it is added.
    on_submit: Callback<CdromDraft>,
    on_cancel: Callback<()>,
    /// Why the caller could not add it (the server refused), shown in the dialog.
    #[prop(optional, into)]
    failure: MaybeProp<String>,
    /// While the caller is adding it: a second submit is ignored.
    #[prop(optional, into)]
    pending: MaybeProp<bool>,
    /// A note for the foot of the form.
    #[prop(optional)]
    note: Option<&'static str>,
) -> impl IntoView {
    let cdrom = RwSignal::new(initial);
    let problem = RwSignal::new(None::<String>);
    let check = move |candidate: &CdromDraft| {
        taken.with_untracked(|taken| {
            let names: Vec<&str> = taken.iter().map(String::as_str).collect();
            check_cdrom(candidate, &names)
        })
    };
    let on_submit = checked_submit(cdrom, pending, problem, check, on_submit);
    let edit = move |source: CdromSource| {
        cdrom.update(|c| c.source = source);
        problem.set(None);
    };
    let kind = move || match cdrom.read().source {
        CdromSource::GuestTools => "guest-tools",
        CdromSource::Url { .. } => "url",
        CdromSource::Pvc { .. } => "pvc",
        CdromSource::Existing { .. } => "existing",
    };
    let on_kind = move |ev| {
        edit(match event_target_value(&ev).as_str() {
            "url" => CdromSource::Url { url: String::new() },
            "pvc" => CdromSource::Pvc {
                namespace: String::new(),
                name: String::new(),
            },
            "existing" => CdromSource::Existing {
                name: String::new(),
            },
            _ => CdromSource::GuestTools,
        })
    };
    let chosen = move || match &cdrom.read().source {
        CdromSource::Pvc { namespace, name } => format!("{namespace}/{name}"),
        CdromSource::Existing { name } => name.clone(),
        _ => String::new(),
    };
    let volumes = move || {
        let claims = cluster.get().claims;
        if kind() == "existing" {
            claims_in(claims, &namespace.get())
        } else {
            volume_options(claims)
        }
    };
    view! {
        <FormModal
            title="Add CD-ROM"
            title_id="wvm-add-cdrom-title"
            submit_label="Add"
            on_submit
            on_cancel
        >
            {windows
                .then(|| {
                    view! {
                        <DriverBanner
                            title=CDROM_BANNER_TITLE
                            body=CDROM_BANNER_BODY
                            virtio_chosen=""
                            warn=Signal::derive(|| false)
                            test_id="cdrom-driver-banner"
                        />
                    }
                })}
            <FormGroup id="cdrom-name" label="Name" required=true error=problem>
                <span class="pf-v6-c-form-control" class:pf-m-error=move || problem.get().is_some()>
                    <input
                        id="cdrom-name"
                        type="text"
                        autocomplete="off"
                        prop:value=move || cdrom.read().name.clone()
                        on:input=move |ev| {
                            cdrom.update(|c| c.name = event_target_value(&ev));
                            problem.set(None);
                        }
                    />
                </span>
            </FormGroup>
            <FormGroup id="cdrom-source" label="Source" required=true>
                <span class="pf-v6-c-form-control wvm-select">
                    <select id="cdrom-source" prop:value=kind on:change=on_kind>
                        <option value="guest-tools">"Windows guest tools"</option>
                        <option value="url">"Import an ISO from a URL"</option>
                        <option value="pvc">"Clone a PVC"</option>
                        <option value="existing">"Use an existing PVC"</option>
                    </select>
                    <SelectCaret />
                </span>
            </FormGroup>
            {move || match kind() {
                "url" => {
                    view! {
                        <FormGroup id="cdrom-url" label="ISO URL" required=true>
                            <span class="pf-v6-c-form-control">
                                <input
                                    id="cdrom-url"
                                    type="text"
                                    placeholder="https://example.com/disc.iso"
                                    prop:value=move || match &cdrom.read().source {
                                        CdromSource::Url { url } => url.clone(),
                                        _ => String::new(),
                                    }
                                    on:input=move |ev| edit(CdromSource::Url {
                                        url: event_target_value(&ev),
                                    })
                                />
                            </span>
                        </FormGroup>
                    }
                        .into_any()
                }
                "pvc" | "existing" => {
                    view! {
                        <VolumeSelect
                            id="cdrom-volume"
                            chosen=Signal::derive(chosen)
                            volumes=Signal::derive(volumes)
                            on_change=Callback::new(move |value: String| {
                                edit(
                                    if kind() == "existing" {
                                        CdromSource::Existing {
                                            name: value,
                                        }
                                    } else {
                                        let (namespace, name) = split_volume(&value);
                                        CdromSource::Pvc {
                                            namespace,
                                            name,
                                        }
                                    },
                                )
                            })
                        />
                    }
                        .into_any()
                }
                _ => ().into_any(),
            }}
            <FormGroup id="cdrom-interface" label="Interface">
                <span class="pf-v6-c-form-control pf-m-readonly">
                    <input id="cdrom-interface" type="text" readonly=true value="SATA" />
                </span>
            </FormGroup>
            <DialogFooterNotes failure failure_title="Could not add the CD-ROM" note />
        </FormModal>
    }
}
