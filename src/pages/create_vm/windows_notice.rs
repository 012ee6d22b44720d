//! The notice shown when a Windows OS is chosen: the guest tools will be mounted as a CD-ROM,
//! where to see it, and what comes after installing Windows.

use leptos::prelude::*;

use crate::components::{Alert, AlertVariant};
use crate::logic::vm_builder::GUEST_TOOLS_DISK;

#[component]
pub fn WindowsNotice() -> impl IntoView {
    view! {
        <Alert
            variant=AlertVariant::Info
            test_id="windows-guest-tools-notice"
            title="The Windows guest tools will be mounted as a CD-ROM"
        >
            <p>
                "The VirtIO drivers and the guest agent for Windows come on the CD-ROM "
                <code>{GUEST_TOOLS_DISK}</code>
                ". You will find it under Advanced > Virtual hardware, and on the VM's page. Disks start on SATA and network cards on e1000e, which Windows setup can use without extra drivers."
            </p>
            <p>
                "Once Windows is installed, run the guest tools installer from that CD-ROM, then switch the disks and network cards to VirtIO for much faster storage and network."
            </p>
        </Alert>
    }
}
