//! A loaded VM: header with status and actions, restart alert, and the tabs Overview (facts and
//! CD-ROMs), Disks, Network interfaces and YAML.

use leptos::prelude::*;

use super::devices::{CdRomList, DiskTable, NicTable};
use super::yaml_panel::YamlPanel;
use crate::components::icons::{Icon, IconKind};
use crate::components::tabs::{panel_id, tab_id};
use crate::components::{KebabMenu, StatusLabel, TabBar};
use crate::logic::age::{absolute_utc, relative_age};
use crate::logic::vm_devices::{cdroms, disks, nics};
use crate::logic::vm_list::VmRow;
use crate::model::vm::VmObject;
use crate::model::VirtualMachineInstance;
use crate::pages::driver_hint_popover::DriverHintPopover;
use crate::pages::vm_actions::RowActions;

/// Everything the page shows about one VM.
#[component]
pub fn VmOverview(
    vm: VmObject,
    vmi: Option<VirtualMachineInstance>,
    actions: RowActions,
    /// The tab shown, kept by the page across live updates.
    tab: RwSignal<usize>,
) -> impl IntoView {
    let VmObject { vm, raw } = vm;
    let (cdrom_list, disk_list, nic_list) = (cdroms(&vm), disks(&vm), nics(&vm));
    let row = VmRow::new(&vm, vmi.as_ref());
    let now = chrono::Utc::now();
    // The guest agent knows the exact edition; without it, what the VM object says.
    let os = vmi
        .as_ref()
        .and_then(|vmi| vmi.status.guest_os_info.pretty_name.clone())
        .unwrap_or_else(|| row.os.clone());
    let restart = vm
        .condition("RestartRequired")
        .filter(|c| c.is_true())
        .map(|c| c.message.clone().unwrap_or_default());
    let node = vmi.as_ref().and_then(|vmi| vmi.status.node_name.clone());
    let dash = || "—".to_owned();
    view! {
        <section class="pf-v6-c-page__main-section wvm-page-header wvm-page-header--start">
            <h1 class="pf-v6-c-title pf-m-2xl">{row.name.clone()}</h1>
            <span class="wvm-vm-table__status">
                <StatusLabel status=row.status.clone() />
                {row.hint.clone().map(|hint| view! {
                    <DriverHintPopover vm_name=row.name.clone() hint />
                })}
            </span>
            <span class="wvm-page-header__actions">
                <KebabMenu label=format!("Actions for {}", row.name) actions=actions.menu(&row.namespace, &row.name, &row.status) />
            </span>
        </section>
        {restart.map(|message| view! {
            <section class="pf-v6-c-page__main-section">
                <div class="pf-v6-c-alert pf-m-inline pf-m-warning" data-testid="restart-required">
                    <div class="pf-v6-c-alert__icon"><Icon kind=IconKind::ExclamationTriangle /></div>
                    <p class="pf-v6-c-alert__title"><span class="pf-v6-screen-reader">"Warning alert:"</span>"Restart required"</p>
                    <div class="pf-v6-c-alert__description"><p>"Changes wait for the VM to restart: " {message}</p></div>
                </div>
            </section>
        })}
        <section class="pf-v6-c-page__main-section wvm-tabs-section">
            <TabBar label="Virtual machine details" labels=TABS selected=tab />
        </section>
        <TabPanel index=0 tab>
        <section class="pf-v6-c-page__main-section" aria-labelledby="wvm-overview-title">
            <h2 class="pf-v6-c-title pf-m-lg" id="wvm-overview-title">"Overview"</h2>
            <dl class="pf-v6-c-description-list pf-m-horizontal wvm-overview" data-testid="vm-overview">
                <Term label="Namespace" value=row.namespace.clone() />
                <Term label="Status" value=row.status.clone() />
                <Term label="Operating system" value=os />
                <Term label="IP address" value=row.ip.clone().unwrap_or_else(dash) />
                <Term label="Node" value=node.unwrap_or_else(dash) />
                <Term label="Run strategy" value=vm.spec.run_strategy.clone().unwrap_or_else(dash) />
                <Term label="Created" value=row.created.map(|t| format!("{} ({})", relative_age(t, now), absolute_utc(t))).unwrap_or_else(dash) />
            </dl>
        </section>
        <CdRomList cdroms=cdrom_list />
        </TabPanel>
        <TabPanel index=1 tab><DiskTable disks=disk_list /></TabPanel>
        <TabPanel index=2 tab><NicTable nics=nic_list /></TabPanel>
        <TabPanel index=3 tab>
            <section class="pf-v6-c-page__main-section"><YamlPanel raw /></section>
        </TabPanel>
    }
}

/// The tabs of the VM page.
const TABS: &[&str] = &["Overview", "Disks", "Network interfaces", "YAML"];

/// The content of one tab, hidden while another tab is selected.
#[component]
fn TabPanel(index: usize, tab: RwSignal<usize>, children: Children) -> impl IntoView {
    view! {
        <div role="tabpanel" id=panel_id(index) aria-labelledby=tab_id(index) hidden=move || tab.get() != index>
            {children()}
        </div>
    }
}

/// One term of a description list.
#[component]
fn Term(label: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="pf-v6-c-description-list__group">
            <dt class="pf-v6-c-description-list__term"><span class="pf-v6-c-description-list__text">{label}</span></dt>
            <dd class="pf-v6-c-description-list__description"><div class="pf-v6-c-description-list__text">{value}</div></dd>
        </div>
    }
}
