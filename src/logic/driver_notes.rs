//! What the app tells users about Windows and the VirtIO drivers, written once: the Add NIC,
//! Add disk and Add CD-ROM banners, the create notice and the switch dialog all read from here.

/// Title of the banner in the Add NIC modal of a Windows VM.
pub const NIC_BANNER_TITLE: &str = "Windows needs the guest tools for VirtIO network cards";
/// Body of that banner.
pub const NIC_BANNER_BODY: &str = "Windows has no VirtIO network driver until the guest tools are installed from the guest tools CD-ROM, so new network cards start on e1000e, which Windows setup knows. Once the guest tools are in, switch the card to VirtIO for up to three times the throughput.";
/// Added to the NIC banner when VirtIO is chosen for a Windows VM anyway.
pub const NIC_VIRTIO_CHOSEN: &str = "With VirtIO, this network card will not work until the guest tools are installed inside Windows.";

/// Title of the banner in the Add disk modal of a Windows VM.
pub const DISK_BANNER_TITLE: &str = "Windows needs the guest tools for VirtIO disks";
/// Body of that banner.
pub const DISK_BANNER_BODY: &str = "Windows setup cannot see a VirtIO or VirtIO-SCSI disk without the drivers on the guest tools CD-ROM, so disks start on SATA. After Windows and the guest tools are installed, switch the VM to VirtIO (Switch interface, one restart) for two to six times the disk speed.";
/// Added to the disk banner when VirtIO or VirtIO-SCSI is chosen for a Windows VM anyway.
pub const DISK_VIRTIO_CHOSEN: &str = "Windows will not see this disk until the guest tools are installed; do not install Windows onto it.";

/// When to pick which VirtIO disk bus, wherever a disk's bus is chosen.
pub const DISK_BUS_CHOICE: &str = "VirtIO is the simplest and fastest for a disk of its own. VirtIO-SCSI suits many disks, and SCSI features such as discard (UNMAP) and shared disks.";

/// Title of the banner in the Add CD-ROM dialog of a Windows VM.
pub const CDROM_BANNER_TITLE: &str = "Windows reads SATA CD-ROMs without extra drivers";
/// Body of that banner.
pub const CDROM_BANNER_BODY: &str = "CD-ROMs are attached on SATA, which Windows and its setup read without the guest tools. To give Windows the VirtIO drivers and the guest agent, add the Windows guest tools as the CD-ROM's source.";

/// What to do once a Windows VM exists, shown when it has been created.
pub const NEXT_STEPS: [&str; 3] = [
    "Open the console of the virtual machine (start it first if it is stopped).",
    "Install Windows from the install CD-ROM.",
    "Run the guest tools installer (virtio-win-guest-tools.exe) from the guest tools CD-ROM, then switch the disks and network cards to VirtIO.",
];
