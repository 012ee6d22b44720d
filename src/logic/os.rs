//! Which guest operating system a VM runs, read from the places KubeVirt tooling records it.

use crate::model::VirtualMachine;

/// The Windows versions KubeVirt's common preferences know.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum WindowsVersion {
    Windows11,
    Windows10,
    Server2025,
    Server2022,
    Server2019,
    Server2016,
}

impl WindowsVersion {
    /// Every version, newest desktop first, as offered to users.
    pub const ALL: [WindowsVersion; 6] = [
        Self::Windows11,
        Self::Windows10,
        Self::Server2025,
        Self::Server2022,
        Self::Server2019,
        Self::Server2016,
    ];

    /// Name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Self::Windows11 => "Windows 11",
            Self::Windows10 => "Windows 10",
            Self::Server2025 => "Windows Server 2025",
            Self::Server2022 => "Windows Server 2022",
            Self::Server2019 => "Windows Server 2019",
            Self::Server2016 => "Windows Server 2016",
        }
    }

    /// The common-instancetypes preference for this version (`windows.11`, `windows.2k22`, …).
    pub fn preference(self) -> &'static str {
        match self {
            Self::Windows11 => "windows.11",
            Self::Windows10 => "windows.10",
            Self::Server2025 => "windows.2k25",
            Self::Server2022 => "windows.2k22",
            Self::Server2019 => "windows.2k19",
            Self::Server2016 => "windows.2k16",
        }
    }

    /// The `vm.kubevirt.io/os` annotation value the OpenShift templates use.
    pub fn os_annotation(self) -> &'static str {
        match self {
            Self::Windows11 => "windows11",
            Self::Windows10 => "windows10",
            Self::Server2025 => "windows2k25",
            Self::Server2022 => "windows2k22",
            Self::Server2019 => "windows2k19",
            Self::Server2016 => "windows2k16",
        }
    }

    /// The `os.template.kubevirt.io/<id>` label id the OpenShift templates use.
    fn template_label_id(self) -> &'static str {
        match self {
            Self::Windows11 => "win11",
            Self::Windows10 => "win10",
            Self::Server2025 => "win2k25",
            Self::Server2022 => "win2k22",
            Self::Server2019 => "win2k19",
            Self::Server2016 => "win2k16",
        }
    }
}

/// A VM's guest operating system, as far as its object tells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GuestOs {
    Windows(WindowsVersion),
    /// A non-Windows OS, with the name to show.
    Other(String),
}

impl GuestOs {
    /// Name shown to users.
    pub fn label(&self) -> String {
        match self {
            Self::Windows(version) => version.label().to_owned(),
            Self::Other(name) => name.clone(),
        }
    }

    /// Whether this is any Windows version.
    pub fn is_windows(&self) -> bool {
        matches!(self, Self::Windows(_))
    }
}

const OS_ANNOTATION: &str = "vm.kubevirt.io/os";
const OS_TEMPLATE_LABEL_PREFIX: &str = "os.template.kubevirt.io/";

/// The VM's guest OS: from its preference, else the `vm.kubevirt.io/os` annotation, else an
/// `os.template.kubevirt.io/*` label on the VM or its template. `None` when nothing says.
pub fn vm_os(vm: &VirtualMachine) -> Option<GuestOs> {
    if let Some(preference) = &vm.spec.preference {
        return Some(from_preference(&preference.name));
    }
    let annotation = vm
        .metadata
        .annotations
        .get(OS_ANNOTATION)
        .or_else(|| vm.spec.template.metadata.annotations.get(OS_ANNOTATION));
    if let Some(os) = annotation {
        return Some(from_os_annotation(os));
    }
    vm.metadata
        .labels
        .iter()
        .chain(&vm.spec.template.metadata.labels)
        .filter(|(_, value)| value.as_str() == "true")
        .find_map(|(key, _)| key.strip_prefix(OS_TEMPLATE_LABEL_PREFIX))
        .map(from_template_label_id)
}

/// Reads a preference name such as `windows.2k22.virtio` or `rhel.9`.
pub fn from_preference(name: &str) -> GuestOs {
    let base = name.strip_suffix(".virtio").unwrap_or(name);
    windows_where(|v| v.preference() == base, name)
}

fn from_os_annotation(value: &str) -> GuestOs {
    windows_where(|v| v.os_annotation() == value, value)
}

fn from_template_label_id(id: &str) -> GuestOs {
    windows_where(|v| v.template_label_id() == id, id)
}

/// The Windows version for which `is` holds, else the OS that `id` names.
fn windows_where(is: impl Fn(WindowsVersion) -> bool, id: &str) -> GuestOs {
    WindowsVersion::ALL
        .into_iter()
        .find(|v| is(*v))
        .map(GuestOs::Windows)
        .unwrap_or_else(|| GuestOs::Other(linux_label(id)))
}

/// A readable name for a Linux preference or OS id (`rhel.9`, `rhel9`, `centos.stream9`, …).
fn linux_label(id: &str) -> String {
    let known = [
        ("rhel", "Red Hat Enterprise Linux"),
        ("centos.stream", "CentOS Stream"),
        ("centos-stream", "CentOS Stream"),
        ("fedora", "Fedora"),
        ("ubuntu", "Ubuntu"),
        ("debian", "Debian"),
        ("opensuse", "openSUSE"),
        ("sles", "SUSE Linux Enterprise Server"),
        ("cirros", "CirrOS"),
        ("alpine", "Alpine Linux"),
    ];
    for (prefix, name) in known {
        if let Some(rest) = id.strip_prefix(prefix) {
            let version = rest.trim_start_matches(['.', '-']);
            let version = version.split('.').next().unwrap_or_default();
            if version.is_empty() {
                return name.to_owned();
            }
            if version.chars().all(|c| c.is_ascii_digit()) {
                return format!("{name} {version}");
            }
        }
    }
    id.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::vm::Matcher;

    fn vm_with_preference(name: &str) -> VirtualMachine {
        let mut vm = VirtualMachine::default();
        vm.spec.preference = Some(Matcher {
            name: name.into(),
            kind: None,
        });
        vm
    }

    #[test]
    fn windows_preferences_and_their_virtio_variants_name_the_version() {
        for (name, expected) in [
            ("windows.11", WindowsVersion::Windows11),
            ("windows.11.virtio", WindowsVersion::Windows11),
            ("windows.10", WindowsVersion::Windows10),
            ("windows.2k25", WindowsVersion::Server2025),
            ("windows.2k22.virtio", WindowsVersion::Server2022),
            ("windows.2k19", WindowsVersion::Server2019),
            ("windows.2k16", WindowsVersion::Server2016),
        ] {
            assert_eq!(
                vm_os(&vm_with_preference(name)),
                Some(GuestOs::Windows(expected)),
                "{name}"
            );
        }
    }

    #[test]
    fn linux_preferences_get_readable_names() {
        for (name, expected) in [
            ("fedora", "Fedora"),
            ("rhel.9", "Red Hat Enterprise Linux 9"),
            ("centos.stream9", "CentOS Stream 9"),
            ("ubuntu", "Ubuntu"),
            ("some.custom.os", "some.custom.os"),
        ] {
            assert_eq!(from_preference(name).label(), expected, "{name}");
            assert!(!from_preference(name).is_windows());
        }
    }

    #[test]
    fn the_os_annotation_is_used_when_there_is_no_preference() {
        let mut vm = VirtualMachine::default();
        vm.metadata
            .annotations
            .insert(OS_ANNOTATION.into(), "windows2k22".into());
        assert_eq!(
            vm_os(&vm),
            Some(GuestOs::Windows(WindowsVersion::Server2022))
        );

        let mut vm = VirtualMachine::default();
        vm.spec
            .template
            .metadata
            .annotations
            .insert(OS_ANNOTATION.into(), "rhel9".into());
        assert_eq!(
            vm_os(&vm).map(|os| os.label()),
            Some("Red Hat Enterprise Linux 9".into())
        );
    }

    #[test]
    fn a_template_label_is_the_last_resort() {
        let mut vm = VirtualMachine::default();
        vm.spec
            .template
            .metadata
            .labels
            .insert("os.template.kubevirt.io/win10".into(), "true".into());
        assert_eq!(
            vm_os(&vm),
            Some(GuestOs::Windows(WindowsVersion::Windows10))
        );
    }

    #[test]
    fn a_vm_that_says_nothing_has_no_os() {
        assert_eq!(vm_os(&VirtualMachine::default()), None);
    }
}
