//! The icon beside a Windows VM's status that explains its device drivers: a warning when it
//! should switch to VirtIO, a quieter hint while the guest tools wait to be installed.

use leptos::prelude::*;

use crate::components::icons::IconKind;
use crate::components::{Button, ButtonLink, ButtonVariant, Popover};
use crate::context::{use_popover_control, use_switch_request};
use crate::logic::driver_hint::DriverHint;
use crate::logic::routes::AppRoute;
use crate::model::ObjectRef;
use crate::pages::links::href;
use crate::pages::virtio_suggestion::DontSuggestAgain;

/// Where to read about VirtIO drivers for Windows on KubeVirt.
const LEARN_MORE_URL: &str =
    "https://kubevirt.io/user-guide/user_workloads/windows_virtio_drivers/";

/// The hint's icon and popover for one VM.
#[component]
pub fn DriverHintPopover(
    /// The VM's name, for the button's accessible name.
    vm_name: String,
    /// What to say.
    hint: DriverHint,
    /// The VM's namespace, for the switch dialog.
    namespace: String,
) -> impl IntoView {
    let switch = use_switch_request();
    match hint {
        DriverHint::SwitchToVirtio { disks, nics } => {
            let devices = describe_devices(&disks, &nics);
            view! {
                <Popover
                    icon=IconKind::ExclamationTriangle
                    trigger_class="wvm-hint--warning"
                    trigger_label=format!("{vm_name}: switch to VirtIO for better performance")
                    title="Switch to VirtIO for better performance"
                >
                    <div class="pf-v6-c-popover__body">
                        <p>
                            "The guest tools are installed, so Windows has the VirtIO drivers. "
                            {devices.clone()}
                        </p>
                        <p class="wvm-hint__detail">
                            "VirtIO disks are typically 2 to 6 times faster than SATA, and VirtIO networking up to 3 times faster than e1000e. Switching takes effect when the VM restarts."
                        </p>
                    </div>
                    <footer class="pf-v6-c-popover__footer wvm-hint__actions">
                        {
                            let (namespace, vm_name) = (namespace.clone(), vm_name.clone());
                            let popover = use_popover_control();
                            // The popover around this button, read where it provides itself.
                            view! {
                                <Button
                                    small=true
                                    on_click=Callback::new(move |_| {
                                        if let Some(popover) = popover {
                                            popover.close.run(());
                                        }
                                        switch.open(ObjectRef::new(&namespace, &vm_name));
                                    })
                                >
                                    "Switch interface"
                                </Button>
                            }
                        }
                        <ButtonLink
                            variant=ButtonVariant::Link
                            small=true
                            href=LEARN_MORE_URL
                            external=true
                        >
                            "Learn more"
                        </ButtonLink>
                        <DontSuggestAgain namespace=namespace.clone() vm_name=vm_name.clone() />
                    </footer>
                </Popover>
            }
            .into_any()
        }
        DriverHint::GuestToolsMissing {
            disks,
            nics,
            tools_cdrom,
        } => {
            let devices = describe_devices(&disks, &nics);
            let details = href(&AppRoute::VmDetails {
                namespace: namespace.clone(),
                name: vm_name.clone(),
            });
            // Built each time the popover opens, from owned text.
            let install = move || match tools_cdrom.clone() {
                Some(cdrom) => view! {
                    <p class="wvm-hint__detail">
                        "In Windows, run the installer on the CD-ROM " <code>{cdrom}</code>
                        ". Once the agent connects, the VM can switch to the much faster VirtIO devices."
                    </p>
                }
                .into_any(),
                None => view! {
                    <p class="wvm-hint__detail">
                        "The guest tools CD-ROM is not attached: it was ejected or never added. Add it again on the VM's page (CD-ROM(s), Add CD-ROM), then run its installer in Windows."
                    </p>
                    <ButtonLink variant=ButtonVariant::Link small=true href=details.clone()>
                        "Add the guest tools CD-ROM"
                    </ButtonLink>
                }
                .into_any(),
            };
            view! {
                <Popover
                    icon=IconKind::Wrench
                    trigger_class="wvm-hint--info"
                    trigger_label=format!("{vm_name}: the guest tools are not installed yet")
                    title="Guest tools not installed yet"
                >
                    <div class="pf-v6-c-popover__body">
                        <p>{devices.clone()} " Its guest agent has not connected."</p>
                        {install.clone()}
                    </div>
                    <footer class="pf-v6-c-popover__footer wvm-hint__actions">
                        <DontSuggestAgain namespace=namespace.clone() vm_name=vm_name.clone() />
                    </footer>
                </Popover>
            }
            .into_any()
        }
        DriverHint::RestartPending => view! {
            <Popover
                icon=IconKind::InProgress
                trigger_class="wvm-hint--info"
                trigger_label=format!("{vm_name}: restart pending to switch to VirtIO")
                title="Restart pending"
            >
                <div class="pf-v6-c-popover__body">
                    <p>
                        "The switch to VirtIO is saved. It takes effect the next time the VM restarts."
                    </p>
                </div>
            </Popover>
        }
        .into_any(),
    }
}

/// "Disk rootdisk is still on SATA and network card default on e1000e."
fn describe_devices(disks: &[String], nics: &[String]) -> String {
    let list = |kind: &str, names: &[String]| match names {
        [] => None,
        [one] => Some(format!("{kind} {one}")),
        many => Some(format!("{kind}s {}", many.join(", "))),
    };
    match (list("disk", disks), list("network card", nics)) {
        (Some(d), Some(n)) => {
            format!("Its {d} still uses SATA and its {n} an emulated Intel model.")
        }
        (Some(d), None) => format!("Its {d} still uses SATA."),
        (None, Some(n)) => format!("Its {n} still uses an emulated Intel model."),
        (None, None) => String::new(),
    }
}
