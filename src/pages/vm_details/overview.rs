//! A loaded VM: header with status and actions, restart alert, and the tabs Overview (facts and
//! CD-ROMs, a console preview), Disks, Network interfaces, YAML and Console.

use leptos::prelude::*;

use super::boot_failure::BootFailureAlert;
use super::devices::{CdRomList, DiskTable, LicensingNote, NicTable};
use super::eject::{EjectCdRom, EjectRequest};
use super::remote_desktop::RemoteDesktopCard;
use super::restore::{RestoreStatus, SnapshotRestore};
use super::snapshots::SnapshotList;
use super::yaml_panel::YamlPanel;
use crate::components::tabs::{panel_id, tab_id};
use crate::components::{Alert, AlertVariant};
use crate::components::{DataTable, KebabMenu, StatusLabel, TabBar};
use crate::logic::age::{absolute_utc, relative_age};
use crate::logic::console::connectable_instance;
use crate::logic::driver_hint::{suggestion_off, DriverHint};
use crate::logic::sysprep_volume::needs_activation;
use crate::logic::vm_devices::{cdroms, disks, nics};
use crate::logic::vm_list::VmRow;
use crate::model::vm::VmObject;
use crate::model::ObjectRef;
use crate::model::VirtualMachineInstance;
use crate::pages::console::{ConsolePreview, VmConsoleView};
use crate::pages::driver_hint_popover::DriverHintPopover;
use crate::pages::restart_history::RestartHistory;
use crate::pages::scheduled_restarts::ScheduledActions;
use crate::pages::virtio_suggestion::SuggestionOff;
use crate::pages::vm_actions::RowActions;

/// Everything the page shows about one VM, following it live: each part redraws only when
/// what it shows changes.
#[component]
pub fn VmOverview(
    #[prop(into)] vm: Signal<VmObject>,
    #[prop(into)] vmi: Signal<Option<VirtualMachineInstance>>,
    actions: RowActions,
    /// The tab shown, kept by the page across live updates.
    tab: RwSignal<usize>,
) -> impl IntoView {
    let row = Memo::new(move |_| VmRow::new(&vm.read().vm, vmi.read().as_ref()));
    let cdrom_list = Memo::new(move |_| cdroms(&vm.read().vm));
    let disk_list = Memo::new(move |_| disks(&vm.read().vm));
    let nic_list = Memo::new(move |_| nics(&vm.read().vm));
    let hint = Memo::new(move |_| row.read().hint.clone());
    let menu_key = Memo::new(move |_| {
        let row = row.read();
        (
            row.namespace.clone(),
            row.name.clone(),
            row.status.clone(),
            row.is_windows,
        )
    });
    let restart = Memo::new(move |_| {
        vm.read()
            .vm
            .condition("RestartRequired")
            .filter(|c| c.is_true())
            .map(|c| c.message.clone().unwrap_or_default())
    });
    let (namespace, name) = menu_key.with_untracked(|(ns, name, _, _)| (ns.clone(), name.clone()));
    let (rdp_namespace, rdp_name) = (namespace.clone(), name.clone());
    let eject_request = RwSignal::new(None::<EjectRequest>);
    let off_target = StoredValue::new((namespace.clone(), name.clone()));
    let console_target = ObjectRef::new(&namespace, &name);
    let restore = SnapshotRestore::new(console_target.clone());
    // The running instance the preview shows; a new one (after a restart) connects anew.
    let preview_target = Memo::new({
        let target = console_target.clone();
        move |_| {
            connectable_instance(&row.read().status, vmi.read().as_ref())
                .map(|uid| (target.clone(), uid))
        }
    });
    let raw = Signal::derive(move || vm.read().raw.clone());
    let hint_popover = move || {
        hint.get().map(|hint| {
            view! {
                <DriverHintPopover
                    vm_name=row.read_untracked().name.clone()
                    hint
                    namespace=row.read_untracked().namespace.clone()
                />
            }
        })
    };
    view! {
        <section class="pf-v6-c-page__main-section wvm-page-header wvm-page-header--start">
            <h1 class="pf-v6-c-title pf-m-2xl">{name.clone()}</h1>
            <span class="wvm-vm-table__status">
                {move || view! { <StatusLabel status=row.read().status.clone() /> }} {hint_popover}
            </span>
            <span class="wvm-page-header__actions">
                {move || {
                    let (namespace, name, status, windows) = menu_key.get();
                    view! {
                        <KebabMenu
                            label=format!("Actions for {name}")
                            actions=actions.menu(&namespace, &name, &status, windows)
                        />
                    }
                }}
            </span>
        </section>
        {move || {
            restart
                .get()
                .map(|message| {
                    view! {
                        <section class="pf-v6-c-page__main-section">
                            <Alert
                                variant=AlertVariant::Warning
                                test_id="restart-required"
                                title="Restart required"
                            >
                                <p>"Changes wait for the VM to restart: " {message}</p>
                            </Alert>
                        </section>
                    }
                })
        }}
        <BootFailureAlert vm vmi namespace=namespace.clone() name=name.clone() restore />
        <RestoreStatus restore />
        <section class="pf-v6-c-page__main-section wvm-tabs-section">
            <TabBar label="Virtual machine details" labels=TABS selected=tab />
        </section>
        <TabPanel index=0 tab>
            <section class="pf-v6-c-page__main-section" aria-labelledby="wvm-overview-title">
                <h2 class="pf-v6-c-title pf-m-lg" id="wvm-overview-title">
                    "Overview"
                </h2>
                {move || view! { <Facts row=row.get() vm=vm.get() vmi=vmi.get() /> }}
                {move || {
                    suggestion_off(&vm.read().vm)
                        .then(|| {
                            view! {
                                <SuggestionOff
                                    namespace=off_target.with_value(|t| t.0.clone())
                                    name=off_target.with_value(|t| t.1.clone())
                                />
                            }
                        })
                }}
            </section>
            {move || view! { <Conditions vm=vm.get() /> }}
            <ScheduledActions namespace=rdp_namespace.clone() vm=rdp_name.clone() />
            <RestartHistory namespace=rdp_namespace.clone() vm=rdp_name.clone() />
            <SnapshotList namespace=rdp_namespace.clone() vm=rdp_name.clone() restore />
            {move || {
                view! {
                    <CdRomList
                        cdroms=cdrom_list.get()
                        on_eject=Callback::new(move |cd| {
                            eject_request.set(Some((cd, vm.get_untracked().raw)))
                        })
                    />
                }
            }}
            <Show when=move || needs_activation(&vm.read().vm)>
                <LicensingNote />
            </Show>
            <Show when=move || {
                tab.get() == 0 && preview_target.get().is_some()
            }>
                {move || {
                    preview_target
                        .get()
                        .map(|(vmi, _uid)| {
                            view! {
                                <ConsolePreview
                                    vmi
                                    on_open=Callback::new(move |_| tab.set(CONSOLE_TAB))
                                />
                            }
                        })
                }}
            </Show>
            <RemoteDesktopCard namespace=rdp_namespace name=rdp_name vm vmi />
        </TabPanel>
        <TabPanel index=1 tab>
            {move || view! { <DriverWarning hint=hint.get() devices="disks" /> }}
            {move || view! { <DiskTable disks=disk_list.get() /> }}
        </TabPanel>
        <TabPanel index=2 tab>
            {move || view! { <DriverWarning hint=hint.get() devices="nics" /> }}
            {move || view! { <NicTable nics=nic_list.get() /> }}
        </TabPanel>
        <TabPanel index=3 tab>
            <section class="pf-v6-c-page__main-section">
                {move || view! { <YamlPanel raw=raw.get() /> }}
            </section>
        </TabPanel>
        <TabPanel index=CONSOLE_TAB tab>
            <section class="pf-v6-c-page__main-section">
                // Mounted only while shown: leaving the tab closes the connection.
                <Show when=move || tab.get() == CONSOLE_TAB>
                    <VmConsoleView
                        vm=console_target.clone()
                        status=Signal::derive(move || row.read().status.clone())
                        vmi
                        actions
                    />
                </Show>
            </section>
        </TabPanel>
        <EjectCdRom request=eject_request namespace=namespace.clone() name=name.clone() />
    }
}

/// The facts of the overview: where the VM runs, what it runs, since when.
#[component]
fn Facts(row: VmRow, vm: VmObject, vmi: Option<VirtualMachineInstance>) -> impl IntoView {
    let now = chrono::Utc::now();
    let dash = || "—".to_owned();
    // The guest agent knows the exact edition; without it, what the VM object says.
    let os = vmi
        .as_ref()
        .and_then(|vmi| vmi.status.guest_os_info.pretty_name.clone())
        .unwrap_or_else(|| row.os.clone());
    let node = vmi.as_ref().and_then(|vmi| vmi.status.node_name.clone());
    view! {
        <dl class="pf-v6-c-description-list pf-m-horizontal wvm-overview" data-testid="vm-overview">
            <Term label="Namespace" value=row.namespace.clone() />
            <Term label="Status" value=row.status.to_string() />
            <Term label="Operating system" value=os />
            <Term label="IP address" value=row.ip.clone().unwrap_or_else(dash) />
            <Term label="Node" value=node.unwrap_or_else(dash) />
            <Term label="Run strategy" value=vm.vm.spec.run_strategy.clone().unwrap_or_else(dash) />
            <Term
                label="Created"
                value=row
                    .created
                    .map(|t| format!("{} ({})", relative_age(t, now), absolute_utc(t)))
                    .unwrap_or_else(dash)
            />
        </dl>
    }
}

/// The VM's conditions as KubeVirt reports them.
#[component]
fn Conditions(vm: VmObject) -> impl IntoView {
    let rows: Vec<Vec<String>> = vm
        .vm
        .status
        .conditions
        .iter()
        .map(|c| {
            let dash = || "—".to_owned();
            vec![
                c.type_.clone(),
                c.status.clone(),
                c.reason.clone().unwrap_or_else(dash),
                c.message.clone().unwrap_or_else(dash),
            ]
        })
        .collect();
    (!rows.is_empty()).then(|| view! {
        <section class="pf-v6-c-page__main-section" aria-labelledby="wvm-conditions-title">
            <h2 class="pf-v6-c-title pf-m-lg" id="wvm-conditions-title">
                "Conditions"
            </h2>
            <DataTable label="Conditions" columns=&["Type", "Status", "Reason", "Message"] rows />
        </section>
    })
}

/// On the Disks and NICs tabs, the same warning as in the list, about those devices.
#[component]
fn DriverWarning(hint: Option<DriverHint>, devices: &'static str) -> impl IntoView {
    let Some(DriverHint::SwitchToVirtio { disks, nics }) = hint else {
        return None;
    };
    let (names, what, faster) = if devices == "disks" {
        (
            disks,
            "on SATA",
            "VirtIO disks are typically 2 to 6 times faster than SATA.",
        )
    } else {
        (
            nics,
            "on an emulated e1000/e1000e model",
            "VirtIO networking is up to 3 times faster than e1000e.",
        )
    };
    if names.is_empty() {
        return None;
    }
    let title = format!("{} still {what}", names.join(", "));
    Some(view! {
        <section class="pf-v6-c-page__main-section">
            <Alert variant=AlertVariant::Warning test_id="driver-warning" title>
                <p>
                    "The guest tools are installed, so Windows has the VirtIO drivers. " {faster}
                    " Switching takes effect when the VM restarts."
                </p>
            </Alert>
        </section>
    })
}

/// The tabs of the VM page.
const TABS: &[&str] = &["Overview", "Disks", "Network interfaces", "YAML", "Console"];

/// The index of the Console tab.
pub const CONSOLE_TAB: usize = 4;

/// The content of one tab, hidden while another tab is selected.
#[component]
fn TabPanel(index: usize, tab: RwSignal<usize>, children: Children) -> impl IntoView {
    view! {
        <div
            role="tabpanel"
            id=panel_id(index)
            aria-labelledby=tab_id(index)
            hidden=move || tab.get() != index
        >
            {children()}
        </div>
    }
}

/// One term of a description list.
#[component]
fn Term(label: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="pf-v6-c-description-list__group">
            <dt class="pf-v6-c-description-list__term">
                <span class="pf-v6-c-description-list__text">{label}</span>
            </dt>
            <dd class="pf-v6-c-description-list__description">
                <div class="pf-v6-c-description-list__text">{value}</div>
            </dd>
        </div>
    }
}
