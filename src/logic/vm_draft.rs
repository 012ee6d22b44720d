//! What the create form asks: the operating system, size and boot source of a new VM, and the
//! problems that keep it from being created, each tied to its input.

use super::names::check_dns_label;
use super::os::WindowsVersion;

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
    pub fn os_id(self) -> &'static str {
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

/// A complete Windows draft named `win` in `windows-dev`, for tests.
#[cfg(test)]
pub fn windows_draft(version: WindowsVersion) -> VmDraft {
    let mut draft = VmDraft::new("windows-dev", OsChoice::Windows(version));
    draft.name = "win".into();
    draft.boot = BootSource::InstallIso {
        url: "https://example.com/win.iso".into(),
    };
    draft
}

#[cfg(test)]
mod tests {
    use super::*;

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
