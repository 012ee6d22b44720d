//! The VM's devices: the CD-ROM(s) section (with the Windows guest tools marked), the disks
//! and the network interfaces.

use leptos::prelude::*;

use crate::components::DataTable;
use crate::logic::vm_devices::{DiskInfo, NicInfo};

/// The CD-ROMs, the guest tools first and marked as such, each with an eject button.
#[component]
pub fn CdRomList(
    cdroms: Vec<DiskInfo>,
    /// Called with the CD-ROM the user wants to eject.
    on_eject: Callback<DiskInfo>,
) -> impl IntoView {
    view! {
        <section class="pf-v6-c-page__main-section" aria-labelledby="wvm-cdroms-title" data-testid="cdroms">
            <h2 class="pf-v6-c-title pf-m-lg" id="wvm-cdroms-title">"CD-ROM(s)"</h2>
            {if cdroms.is_empty() {
                view! { <p class="wvm-muted">"This VM has no CD-ROM."</p> }.into_any()
            } else {
                view! {
                    <ul class="wvm-cdroms" role="list">
                        {cdroms.into_iter().map(|cd| view! {
                            <li class="wvm-cdroms__item">
                                <span class="wvm-cdroms__name">{cd.name.clone()}</span>
                                <button class="pf-v6-c-button pf-m-link pf-m-inline wvm-cdroms__eject" type="button"
                                    aria-label=format!("Eject {}", cd.name)
                                    on:click={
                                        let cd = cd.clone();
                                        move |_| on_eject.run(cd.clone())
                                    }>
                                    <span class="pf-v6-c-button__text">"Eject"</span>
                                </button>
                                {cd.guest_tools.then(|| view! {
                                    <span class="pf-v6-c-label pf-m-blue pf-m-compact">
                                        <span class="pf-v6-c-label__content"><span class="pf-v6-c-label__text">"Windows guest tools"</span></span>
                                    </span>
                                })}
                                <span class="wvm-cdroms__source">{cd.source.clone()}</span>
                                {cd.guest_tools.then(|| view! {
                                    <p class="wvm-cdroms__note">"VirtIO drivers and the guest agent for Windows: run the installer on this CD-ROM inside Windows, then switch the disks and network card to VirtIO."</p>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// The disks with their kind, interface and source.
#[component]
pub fn DiskTable(disks: Vec<DiskInfo>) -> impl IntoView {
    let rows = disks
        .into_iter()
        .map(|d| {
            let boot_order = d
                .boot_order
                .map(|o| o.to_string())
                .unwrap_or_else(|| "—".to_owned());
            vec![
                d.name,
                d.kind.label().to_owned(),
                d.interface,
                d.source,
                boot_order,
            ]
        })
        .collect();
    view! {
        <section class="pf-v6-c-page__main-section" aria-labelledby="wvm-disks-title">
            <h2 class="pf-v6-c-title pf-m-lg" id="wvm-disks-title">"Disks"</h2>
            <DataTable label="Disks" columns=&["Name", "Type", "Interface", "Source", "Boot order"] rows />
        </section>
    }
}

/// The network interfaces with their model and network.
#[component]
pub fn NicTable(nics: Vec<NicInfo>) -> impl IntoView {
    let rows = nics
        .into_iter()
        .map(|n| vec![n.name, n.model, n.network])
        .collect();
    view! {
        <section class="pf-v6-c-page__main-section" aria-labelledby="wvm-nics-title">
            <h2 class="pf-v6-c-title pf-m-lg" id="wvm-nics-title">"Network interfaces"</h2>
            <DataTable label="Network interfaces" columns=&["Name", "Model", "Network"] rows />
        </section>
    }
}

/// For a Windows VM created without a product key: how to activate it.
#[component]
pub fn LicensingNote() -> impl IntoView {
    view! {
        <section class="pf-v6-c-page__main-section" aria-labelledby="wvm-licensing-title" data-testid="licensing-note">
            <h2 class="pf-v6-c-title pf-m-lg" id="wvm-licensing-title">"Licensing"</h2>
            <p>"No product key was given when this VM was created. Windows uses a key stored in the firmware if there is one; otherwise activate it inside Windows: Settings > System > Activation, or "
                <code>"slmgr /ipk XXXXX-XXXXX-XXXXX-XXXXX-XXXXX"</code>" in an administrator prompt."</p>
            <p class="wvm-muted">"To license new VMs from the start, generate an answer file with the key in the create wizard (Advanced > Sysprep)."</p>
        </section>
    }
}
