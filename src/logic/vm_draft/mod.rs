//! What the create wizard asks: the operating system, size, boot source, NICs, disks and
//! virtual hardware of a new VM. Kept as plain data so it survives a reload (session storage).

mod cdrom;
mod devices;
mod remote_desktop;
mod validate;

pub use cdrom::{
    default_disk_bus, default_nic_model, next_free_name, suggested_nic, CdromDraft, CdromSource,
};
pub use devices::{DiskBus, DiskDraft, DiskSource, NetworkChoice, NicDraft, NicModel};
pub use validate::{
    check_cdrom, check_disk, check_nic, validate, DraftField, DraftProblem, RESERVED_DISK_NAMES,
};

use serde::{Deserialize, Serialize};

use super::os::WindowsVersion;
use super::unattend::{AnswerFile, UnattendSettings};

/// Linux distributions offered beside Windows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinuxDistro {
    Fedora,
    Rhel9,
    CentOsStream9,
    Ubuntu,
}

impl LinuxDistro {
    pub const ALL: [LinuxDistro; 4] =
        [Self::Fedora, Self::Rhel9, Self::CentOsStream9, Self::Ubuntu];

    pub fn label(self) -> &'static str {
        match self {
            Self::Fedora => "Fedora",
            Self::Rhel9 => "Red Hat Enterprise Linux 9",
            Self::CentOsStream9 => "CentOS Stream 9",
            Self::Ubuntu => "Ubuntu",
        }
    }

    /// The `vm.kubevirt.io/os` value.
    pub fn os_id(self) -> &'static str {
        match self {
            Self::Fedora => "fedora",
            Self::Rhel9 => "rhel9",
            Self::CentOsStream9 => "centos-stream9",
            Self::Ubuntu => "ubuntu",
        }
    }

    /// The common-instancetypes preference for this distribution.
    pub fn preference(self) -> &'static str {
        match self {
            Self::Fedora => "fedora",
            Self::Rhel9 => "rhel.9",
            Self::CentOsStream9 => "centos.stream9",
            Self::Ubuntu => "ubuntu",
        }
    }

    /// A container disk with a cloud image of this distribution.
    pub fn default_image(self) -> &'static str {
        match self {
            Self::Fedora => "quay.io/containerdisks/fedora:latest",
            Self::Rhel9 => "registry.redhat.io/rhel9/rhel-guest-image:latest",
            Self::CentOsStream9 => "quay.io/containerdisks/centos-stream:9",
            Self::Ubuntu => "quay.io/containerdisks/ubuntu:24.04",
        }
    }
}

/// The operating system chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OsChoice {
    Windows(WindowsVersion),
    Linux(LinuxDistro),
}

impl OsChoice {
    /// Every choice, Windows first.
    pub fn all() -> Vec<OsChoice> {
        WindowsVersion::ALL
            .into_iter()
            .map(OsChoice::Windows)
            .chain(LinuxDistro::ALL.into_iter().map(OsChoice::Linux))
            .collect()
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Windows(v) => v.label(),
            Self::Linux(d) => d.label(),
        }
    }

    /// A stable id for forms (`windows.2k22`, `linux.fedora`).
    pub fn id(self) -> String {
        match self {
            Self::Windows(v) => v.preference().to_owned(),
            Self::Linux(d) => format!("linux.{}", d.os_id()),
        }
    }

    pub fn from_id(id: &str) -> Option<OsChoice> {
        Self::all().into_iter().find(|os| os.id() == id)
    }

    pub fn windows(self) -> Option<WindowsVersion> {
        match self {
            Self::Windows(v) => Some(v),
            Self::Linux(_) => None,
        }
    }

    /// The common-instancetypes preference that describes this OS.
    pub fn preference(self) -> &'static str {
        match self {
            Self::Windows(v) => v.preference(),
            Self::Linux(d) => d.preference(),
        }
    }

    /// Sizes a new VM of this OS starts with: (vCPUs, memory GiB, disk GiB).
    pub fn suggested_size(self) -> (u32, u32, u32) {
        match self {
            Self::Windows(v) => {
                let d = v.defaults();
                (d.min_cpus.max(2), d.min_memory_gib.max(4), d.min_disk_gib)
            }
            Self::Linux(_) => (1, 2, 30),
        }
    }

    /// Smallest (vCPUs, memory GiB, disk GiB) the OS installs with.
    pub fn minimums(self) -> (u32, u32, u32) {
        match self {
            Self::Windows(v) => {
                let d = v.defaults();
                (d.min_cpus, d.min_memory_gib, d.min_disk_gib)
            }
            Self::Linux(_) => (1, 1, 1),
        }
    }

    /// The boot source a new VM of this OS starts with.
    pub fn suggested_boot(self) -> BootSource {
        match self {
            Self::Windows(_) => BootSource::IsoUrl { url: String::new() },
            Self::Linux(d) => BootSource::ContainerDisk {
                image: d.default_image().to_owned(),
            },
        }
    }

    /// Bus for new disks: SATA for Windows, which has no VirtIO driver until the guest tools.
    pub fn default_disk_bus(self) -> DiskBus {
        default_disk_bus(self.windows().is_some())
    }

    /// Model for new NICs, for the same reason.
    pub fn default_nic_model(self) -> NicModel {
        default_nic_model(self.windows().is_some())
    }

    /// Firmware and devices this OS runs best with, as KubeVirt's preferences set them.
    pub fn default_hardware(self) -> Hardware {
        match self {
            Self::Windows(v) => {
                let d = v.defaults();
                Hardware {
                    uefi: true,
                    secure_boot: d.secure_boot,
                    tpm: d.tpm,
                    hyperv: true,
                }
            }
            Self::Linux(_) => Hardware {
                uefi: false,
                secure_boot: false,
                tpm: false,
                hyperv: false,
            },
        }
    }
}

/// Where the VM's system comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BootSource {
    /// An install ISO imported from a URL and attached as a CD-ROM; the root disk starts blank.
    IsoUrl { url: String },
    /// An install ISO already in a PVC, cloned and attached as a CD-ROM.
    IsoPvc { namespace: String, name: String },
    /// An installed disk image published as a DataSource, cloned into the root disk.
    DataSource { namespace: String, name: String },
    /// A disk image in a container registry, imported as the root disk.
    ContainerDisk { image: String },
}

impl BootSource {
    /// Whether the system is installed from a CD-ROM (the root disk starts blank).
    pub fn is_install_iso(&self) -> bool {
        matches!(self, Self::IsoUrl { .. } | Self::IsoPvc { .. })
    }

    /// Where the system comes from, in words, for Review.
    pub fn summary(&self) -> String {
        match self {
            Self::IsoUrl { url } => format!("Install ISO from {url}"),
            Self::IsoPvc { namespace, name } => format!("Install ISO in PVC {namespace}/{name}"),
            Self::DataSource { namespace, name } => format!("DataSource {namespace}/{name}"),
            Self::ContainerDisk { image } => format!("Container disk {image}"),
        }
    }
}

/// Firmware and the devices chosen in Advanced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hardware {
    /// UEFI rather than BIOS.
    pub uefi: bool,
    /// Secure Boot (UEFI only; needs SMM).
    pub secure_boot: bool,
    /// A persistent virtual TPM.
    pub tpm: bool,
    /// Hyper-V enlightenments, clock timers and a USB tablet (what Windows runs best with).
    pub hyperv: bool,
}

/// How Windows gets its answer file (sysprep): none (set up by hand, licence entered inside
/// Windows), files the user uploaded, or one generated from the form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SysprepChoice {
    #[default]
    None,
    Upload {
        files: Vec<AnswerFile>,
    },
    Generate(UnattendSettings),
}

/// A cluster instancetype picked as the size.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstancetypeChoice {
    pub name: String,
    pub cpus: u32,
    pub memory_mib: u64,
}

/// Everything the wizard asks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VmDraft {
    pub name: String,
    pub namespace: String,
    pub os: OsChoice,
    /// A cluster instancetype, or `None` for the explicit `cpus` and `memory_gib`.
    pub instancetype: Option<InstancetypeChoice>,
    pub cpus: u32,
    pub memory_gib: u32,
    pub boot: BootSource,
    /// Size of the root disk.
    pub disk_gib: u32,
    pub root_bus: DiskBus,
    /// Disks added in the Storage step, after the root disk.
    pub extra_disks: Vec<DiskDraft>,
    pub nics: Vec<NicDraft>,
    /// Whether the Windows guest tools CD-ROM is attached.
    pub guest_tools: bool,
    pub hardware: Hardware,
    /// The answer file for Windows setup.
    #[serde(default)]
    pub sysprep: SysprepChoice,
    /// A Service to reach the VM's Remote Desktop, made with the VM (Windows only).
    #[serde(default)]
    pub rdp_service: Option<crate::logic::remote_desktop::ServiceKind>,
    pub start: bool,
    /// The user picked the boot source: it no longer follows the OS and the cluster's images.
    #[serde(default)]
    pub boot_chosen: bool,
    /// The user set the size (instancetype, vCPUs, memory or root disk): it no longer follows.
    #[serde(default)]
    pub size_chosen: bool,
    /// Marks the VM this draft creates, so a create retried after a lost answer recognises
    /// its own VM instead of making a second one or calling the name taken.
    pub creation_id: String,
}

impl VmDraft {
    /// A draft with the suggested sizes, boot source, devices and hardware of `os`.
    pub fn new(namespace: &str, os: OsChoice, creation_id: String) -> Self {
        let (cpus, memory_gib, disk_gib) = os.suggested_size();
        Self {
            name: String::new(),
            namespace: namespace.to_owned(),
            os,
            instancetype: None,
            cpus,
            memory_gib,
            boot: os.suggested_boot(),
            disk_gib,
            root_bus: os.default_disk_bus(),
            extra_disks: Vec::new(),
            nics: vec![NicDraft::pod_network(os.default_nic_model())],
            guest_tools: os.windows().is_some(),
            hardware: os.default_hardware(),
            sysprep: SysprepChoice::None,
            rdp_service: None,
            start: true,
            boot_chosen: false,
            size_chosen: false,
            creation_id,
        }
    }

    /// The draft with another OS: sizes grow to what it needs (never shrink what the user set),
    /// a boot source the user has not chosen follows the OS, and when moving between Windows
    /// and Linux the buses, models and guest tools follow too. Hardware takes the new OS's
    /// defaults, as KubeVirt's preference for it would.
    pub fn with_os(&self, os: OsChoice) -> Self {
        let (cpus, memory_gib, disk_gib) = os.suggested_size();
        let untouched_boot = !self.boot_chosen;
        let mut next = Self {
            os,
            cpus: self.cpus.max(cpus),
            memory_gib: self.memory_gib.max(memory_gib),
            disk_gib: self.disk_gib.max(disk_gib),
            boot: if untouched_boot {
                os.suggested_boot()
            } else {
                self.boot.clone()
            },
            hardware: os.default_hardware(),
            ..self.clone()
        };
        if self.os.windows().is_some() != os.windows().is_some() {
            next.root_bus = os.default_disk_bus();
            next.guest_tools = os.windows().is_some();
            next.sysprep = SysprepChoice::None;
            for disk in &mut next.extra_disks {
                disk.bus = os.default_disk_bus();
            }
            for nic in &mut next.nics {
                nic.model = os.default_nic_model();
            }
        }
        next
    }

    /// The draft after choosing a bootable volume that suggests an OS (by its preference) and a
    /// size (`instancetype`, when the cluster offers it), as the console's catalog does.
    pub fn with_source_defaults(
        &self,
        preference: Option<&str>,
        instancetype: Option<InstancetypeChoice>,
    ) -> Self {
        let os =
            preference.and_then(|p| OsChoice::all().into_iter().find(|os| os.preference() == p));
        let mut next = match os {
            Some(os) if os != self.os => self.with_os(os),
            _ => self.clone(),
        };
        if instancetype.is_some() {
            next.instancetype = instancetype;
        }
        next
    }

    /// vCPUs and memory (MiB) the VM gets, from its instancetype or as set.
    pub fn effective_size(&self) -> (u32, u64) {
        match &self.instancetype {
            Some(it) => (it.cpus, it.memory_mib),
            None => (self.cpus, u64::from(self.memory_gib) * 1024),
        }
    }

    /// Whether this is a Windows VM.
    pub fn is_windows(&self) -> bool {
        self.os.windows().is_some()
    }

    /// The draft as it may be kept in the browser's storage: without the administrator
    /// password, the product key or any uploaded answer file (which may hold credentials no
    /// check finds), and whether anything was left out. Web storage is readable by every script
    /// of the origin (inside the console, every plugin's), so the user gives those again after
    /// a reload.
    pub fn without_secrets(&self) -> (Self, bool) {
        let mut kept = self.clone();
        let left_out = match &mut kept.sysprep {
            SysprepChoice::Generate(settings) => {
                let had = !settings.admin_password.is_empty() || !settings.product_key.is_empty();
                settings.admin_password.clear();
                settings.product_key.clear();
                had
            }
            SysprepChoice::Upload { files } => {
                let had = !files.is_empty();
                files.clear();
                had
            }
            SysprepChoice::None => false,
        };
        (kept, left_out)
    }
}

/// A complete Windows draft named `win` in `windows-dev`, for tests.
#[cfg(test)]
pub fn windows_draft(version: WindowsVersion) -> VmDraft {
    let mut draft = VmDraft::new("windows-dev", OsChoice::Windows(version), "test-id".into());
    draft.name = "win".into();
    draft.boot = BootSource::IsoUrl {
        url: "https://example.com/win.iso".into(),
    };
    draft.boot_chosen = true;
    draft
}

#[cfg(test)]
mod tests;
