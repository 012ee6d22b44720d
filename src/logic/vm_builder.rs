//! Turns what the user chose in the create form into the VirtualMachine to send, with the
//! defaults each operating system needs (for Windows: SATA disks and an e1000e NIC until the
//! drivers are in, the guest tools CD-ROM, UEFI, Secure Boot, TPM and Hyper-V enlightenments).

use serde_json::{json, Value};

use super::names::check_dns_label;
use super::os::WindowsVersion;

/// The image that carries the Windows guest tools when the cluster names none.
pub const DEFAULT_GUEST_TOOLS_IMAGE: &str = "quay.io/kubevirt/virtio-container-disk:v1.6.0";
/// Name of the guest tools CD-ROM, as the OpenShift console names it.
pub const GUEST_TOOLS_DISK: &str = "windows-drivers-disk";
const ROOT_DISK: &str = "rootdisk";
const INSTALL_CDROM: &str = "installcdrom";
/// Room for any Windows install ISO.
const INSTALL_ISO_GIB: u32 = 8;

/// Linux distributions offered beside Windows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    fn os_id(self) -> &'static str {
        match self {
            Self::Fedora => "fedora",
            Self::Rhel9 => "rhel9",
            Self::CentOsStream9 => "centos-stream9",
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

    /// The boot source a new VM of this OS starts with.
    pub fn suggested_boot(self) -> BootSource {
        match self {
            Self::Windows(_) => BootSource::InstallIso { url: String::new() },
            Self::Linux(d) => BootSource::RegistryImage {
                image: d.default_image().to_owned(),
            },
        }
    }
}

/// Where the VM's system comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BootSource {
    /// An install ISO imported from a URL and attached as a CD-ROM; the root disk starts blank.
    InstallIso { url: String },
    /// A disk image in a container registry, imported as the root disk.
    RegistryImage { image: String },
}

/// Everything the create form asks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VmDraft {
    pub name: String,
    pub namespace: String,
    pub os: OsChoice,
    pub cpus: u32,
    pub memory_gib: u32,
    pub disk_gib: u32,
    pub boot: BootSource,
    pub start: bool,
}

impl VmDraft {
    /// A draft with the suggested sizes and boot source of `os`.
    pub fn new(namespace: &str, os: OsChoice) -> Self {
        let (cpus, memory_gib, disk_gib) = os.suggested_size();
        Self {
            name: String::new(),
            namespace: namespace.to_owned(),
            os,
            cpus,
            memory_gib,
            disk_gib,
            boot: os.suggested_boot(),
            start: true,
        }
    }
}

impl VmDraft {
    /// The draft with another OS: sizes grow to what it needs (never shrink what the user set),
    /// and a boot source the user has not touched follows the OS.
    pub fn with_os(&self, os: OsChoice) -> Self {
        let (cpus, memory_gib, disk_gib) = os.suggested_size();
        let untouched = self.boot == self.os.suggested_boot();
        Self {
            os,
            cpus: self.cpus.max(cpus),
            memory_gib: self.memory_gib.max(memory_gib),
            disk_gib: self.disk_gib.max(disk_gib),
            boot: if untouched {
                os.suggested_boot()
            } else {
                self.boot.clone()
            },
            ..self.clone()
        }
    }
}

/// Which input a problem belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DraftField {
    Name,
    Namespace,
    Cpus,
    Memory,
    Disk,
    BootSource,
}

/// A problem with the draft, shown beside its input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftProblem {
    pub field: DraftField,
    pub message: String,
}

/// Every problem in the draft; empty when it can be created.
pub fn validate(draft: &VmDraft) -> Vec<DraftProblem> {
    let mut problems = Vec::new();
    let mut problem = |field, message: String| problems.push(DraftProblem { field, message });
    if let Err(err) = check_dns_label(&draft.name) {
        problem(DraftField::Name, err.to_string());
    }
    if draft.namespace.is_empty() {
        problem(DraftField::Namespace, "Choose a namespace.".to_owned());
    }
    let (min_cpus, min_memory, min_disk) = match draft.os {
        OsChoice::Windows(v) => (
            v.defaults().min_cpus,
            v.defaults().min_memory_gib,
            v.defaults().min_disk_gib,
        ),
        OsChoice::Linux(_) => (1, 1, 1),
    };
    let os = draft.os.label();
    if draft.cpus < min_cpus {
        problem(
            DraftField::Cpus,
            format!("{os} needs at least {min_cpus} vCPU{}.", plural(min_cpus)),
        );
    }
    if draft.memory_gib < min_memory {
        problem(
            DraftField::Memory,
            format!("{os} needs at least {min_memory} GiB of memory."),
        );
    }
    if draft.disk_gib < min_disk {
        problem(
            DraftField::Disk,
            format!("{os} needs a disk of at least {min_disk} GiB."),
        );
    }
    match &draft.boot {
        BootSource::InstallIso { url } if url.trim().is_empty() => problem(
            DraftField::BootSource,
            "Enter the URL of the install ISO.".to_owned(),
        ),
        BootSource::InstallIso { url }
            if !(url.starts_with("http://") || url.starts_with("https://")) =>
        {
            problem(
                DraftField::BootSource,
                "The ISO URL must start with http:// or https://.".to_owned(),
            )
        }
        BootSource::RegistryImage { image }
            if image.trim().is_empty() || image.contains(char::is_whitespace) =>
        {
            problem(
                DraftField::BootSource,
                "Enter an image such as quay.io/containerdisks/fedora:latest.".to_owned(),
            )
        }
        _ => {}
    }
    problems
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The VirtualMachine for a draft. Windows gets its guest tools from `guest_tools_image`.
pub fn build_vm(draft: &VmDraft, guest_tools_image: &str) -> Value {
    let windows = match draft.os {
        OsChoice::Windows(v) => Some(v),
        OsChoice::Linux(_) => None,
    };
    // Windows has no VirtIO drivers until the guest tools are installed.
    let (disk_bus, nic_model) = if windows.is_some() {
        ("sata", "e1000e")
    } else {
        ("virtio", "virtio")
    };
    let root_dv = format!("{}-{ROOT_DISK}", draft.name);
    let storage = |gib: u32| json!({"resources": {"requests": {"storage": format!("{gib}Gi")}}});

    let mut disks = vec![json!({"name": ROOT_DISK, "bootOrder": 1, "disk": {"bus": disk_bus}})];
    let mut volumes = vec![json!({"name": ROOT_DISK, "dataVolume": {"name": root_dv}})];
    let mut data_volumes = Vec::new();
    match &draft.boot {
        BootSource::InstallIso { url } => {
            let iso_dv = format!("{}-{INSTALL_CDROM}", draft.name);
            data_volumes.push(json!({"metadata": {"name": root_dv}, "spec": {"source": {"blank": {}}, "storage": storage(draft.disk_gib)}}));
            data_volumes.push(json!({"metadata": {"name": iso_dv}, "spec": {"source": {"http": {"url": url.trim()}}, "storage": storage(INSTALL_ISO_GIB)}}));
            disks.push(json!({"name": INSTALL_CDROM, "bootOrder": 2, "cdrom": {"bus": "sata"}}));
            volumes.push(json!({"name": INSTALL_CDROM, "dataVolume": {"name": iso_dv}}));
        }
        BootSource::RegistryImage { image } => {
            let image = image.trim();
            let url = if image.starts_with("docker://") {
                image.to_owned()
            } else {
                format!("docker://{image}")
            };
            data_volumes.push(json!({"metadata": {"name": root_dv}, "spec": {"source": {"registry": {"url": url}}, "storage": storage(draft.disk_gib)}}));
        }
    }
    if windows.is_some() {
        disks.push(json!({"name": GUEST_TOOLS_DISK, "cdrom": {"bus": "sata"}}));
        volumes
            .push(json!({"name": GUEST_TOOLS_DISK, "containerDisk": {"image": guest_tools_image}}));
    }

    let mut domain = json!({
        "cpu": {"cores": 1, "sockets": draft.cpus, "threads": 1},
        "memory": {"guest": format!("{}Gi", draft.memory_gib)},
        "devices": {
            "disks": disks,
            "interfaces": [{"name": "default", "masquerade": {}, "model": nic_model}],
        },
    });
    let mut grace_period = 180;
    if let Some(version) = windows {
        apply_windows_defaults(&mut domain, version, draft.cpus);
        grace_period = 3600;
    }
    let os_id = match draft.os {
        OsChoice::Windows(v) => v.os_annotation(),
        OsChoice::Linux(d) => d.os_id(),
    };
    json!({
        "apiVersion": "kubevirt.io/v1",
        "kind": "VirtualMachine",
        "metadata": {
            "name": draft.name,
            "namespace": draft.namespace,
            "labels": {"app": draft.name},
            "annotations": {"vm.kubevirt.io/os": os_id},
        },
        "spec": {
            "runStrategy": if draft.start { "Always" } else { "Halted" },
            "dataVolumeTemplates": data_volumes,
            "template": {
                "metadata": {"labels": {"kubevirt.io/domain": draft.name}},
                "spec": {
                    "domain": domain,
                    "networks": [{"name": "default", "pod": {}}],
                    "terminationGracePeriodSeconds": grace_period,
                    "volumes": volumes,
                },
            },
        },
    })
}

/// Firmware, TPM, clock, Hyper-V and input settings Windows runs best with.
fn apply_windows_defaults(domain: &mut Value, version: WindowsVersion, cpus: u32) {
    let d = version.defaults();
    if d.cpu_as_cores {
        domain["cpu"] = json!({"cores": cpus, "sockets": 1, "threads": 1});
    }
    domain["firmware"] = json!({"bootloader": {"efi": {"secureBoot": d.secure_boot, "persistent": d.efi_persistent}}});
    domain["features"] = json!({
        "acpi": {},
        "apic": {},
        "smm": {"enabled": d.secure_boot},
        "hyperv": {
            "relaxed": {}, "vapic": {}, "vpindex": {}, "spinlocks": {"spinlocks": 8191}, "synic": {},
            "synictimer": {"direct": {}}, "tlbflush": {}, "frequencies": {}, "reenlightenment": {},
            "ipi": {}, "runtime": {}, "reset": {}
        }
    });
    domain["clock"] = json!({
        "utc": {},
        "timer": {"hpet": {"present": false}, "pit": {"tickPolicy": "delay"}, "rtc": {"tickPolicy": "catchup"}, "hyperv": {}}
    });
    // A USB tablet keeps the mouse in step in the VNC console.
    domain["devices"]["inputs"] = json!([{"name": "tablet", "type": "tablet", "bus": "usb"}]);
    if d.tpm {
        domain["devices"]["tpm"] = json!({"persistent": true});
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn windows_draft(version: WindowsVersion) -> VmDraft {
        let mut draft = VmDraft::new("windows-dev", OsChoice::Windows(version));
        draft.name = "win".into();
        draft.boot = BootSource::InstallIso {
            url: "https://example.com/win.iso".into(),
        };
        draft
    }

    fn devices(vm: &Value) -> &Value {
        &vm["spec"]["template"]["spec"]["domain"]["devices"]
    }

    #[test]
    fn windows_starts_on_sata_and_e1000e_with_the_guest_tools_cd() {
        let vm = build_vm(&windows_draft(WindowsVersion::Server2022), "tools:1");
        let disks = devices(&vm)["disks"].as_array().unwrap();
        assert_eq!(disks[0]["disk"]["bus"], "sata");
        assert_eq!(disks[1]["cdrom"]["bus"], "sata");
        assert_eq!(disks[2]["name"], GUEST_TOOLS_DISK);
        assert_eq!(disks[2]["cdrom"]["bus"], "sata");
        assert_eq!(devices(&vm)["interfaces"][0]["model"], "e1000e");
        let volumes = vm["spec"]["template"]["spec"]["volumes"]
            .as_array()
            .unwrap();
        assert_eq!(volumes[2]["containerDisk"]["image"], "tools:1");
        assert_eq!(
            vm["metadata"]["annotations"]["vm.kubevirt.io/os"],
            "windows2k22"
        );
    }

    #[test]
    fn windows_11_gets_tpm_secure_boot_and_cores() {
        let mut draft = windows_draft(WindowsVersion::Windows11);
        draft.cpus = 4;
        let vm = build_vm(&draft, DEFAULT_GUEST_TOOLS_IMAGE);
        let domain = &vm["spec"]["template"]["spec"]["domain"];
        assert_eq!(
            domain["firmware"]["bootloader"]["efi"],
            json!({"secureBoot": true, "persistent": true})
        );
        assert_eq!(domain["features"]["smm"]["enabled"], true);
        assert_eq!(domain["devices"]["tpm"]["persistent"], true);
        assert_eq!(
            domain["cpu"],
            json!({"cores": 4, "sockets": 1, "threads": 1})
        );
        assert_eq!(
            vm["spec"]["template"]["spec"]["terminationGracePeriodSeconds"],
            3600
        );
    }

    #[test]
    fn linux_uses_virtio_and_no_guest_tools() {
        let mut draft = VmDraft::new("dev", OsChoice::Linux(LinuxDistro::Fedora));
        draft.name = "fedora".into();
        let vm = build_vm(&draft, DEFAULT_GUEST_TOOLS_IMAGE);
        let disks = devices(&vm)["disks"].as_array().unwrap();
        assert_eq!(disks.len(), 1);
        assert_eq!(disks[0]["disk"]["bus"], "virtio");
        assert_eq!(devices(&vm)["interfaces"][0]["model"], "virtio");
        assert_eq!(
            vm["spec"]["dataVolumeTemplates"][0]["spec"]["source"]["registry"]["url"],
            "docker://quay.io/containerdisks/fedora:latest"
        );
    }

    #[test]
    fn minimums_are_enforced_per_version_with_the_reason() {
        let mut draft = windows_draft(WindowsVersion::Windows11);
        draft.cpus = 1;
        draft.memory_gib = 2;
        draft.disk_gib = 40;
        let problems = validate(&draft);
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "Windows 11 needs at least 2 vCPUs.",
                "Windows 11 needs at least 4 GiB of memory.",
                "Windows 11 needs a disk of at least 64 GiB."
            ]
        );
        assert!(validate(&windows_draft(WindowsVersion::Windows11)).is_empty());
    }

    #[test]
    fn a_bad_name_or_iso_url_is_reported_against_its_field() {
        let mut draft = windows_draft(WindowsVersion::Server2019);
        draft.name = "Win_1".into();
        draft.boot = BootSource::InstallIso {
            url: "ftp://x/y.iso".into(),
        };
        let fields: Vec<DraftField> = validate(&draft).iter().map(|p| p.field).collect();
        assert_eq!(fields, [DraftField::Name, DraftField::BootSource]);
    }

    #[test]
    fn changing_the_os_keeps_what_the_user_typed() {
        let mut draft = VmDraft::new("dev", OsChoice::Linux(LinuxDistro::Fedora));
        draft.name = "kept".into();
        draft.memory_gib = 16;
        let windows = draft.with_os(OsChoice::Windows(WindowsVersion::Windows11));
        assert_eq!(
            (
                windows.name.as_str(),
                windows.cpus,
                windows.memory_gib,
                windows.disk_gib
            ),
            ("kept", 2, 16, 64)
        );
        assert_eq!(windows.boot, BootSource::InstallIso { url: String::new() });

        let mut typed = windows.clone();
        typed.boot = BootSource::InstallIso {
            url: "https://e/w.iso".into(),
        };
        assert_eq!(
            typed
                .with_os(OsChoice::Windows(WindowsVersion::Server2022))
                .boot,
            typed.boot
        );
    }

    #[test]
    fn os_ids_round_trip() {
        for os in OsChoice::all() {
            assert_eq!(OsChoice::from_id(&os.id()), Some(os));
        }
    }
}
