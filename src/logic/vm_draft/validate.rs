//! The problems that keep a draft from being created, each tied to the input (and so the
//! wizard step) it belongs to, in plain words.

use super::{
    BootSource, CdromDraft, CdromSource, DiskDraft, DiskSource, NetworkChoice, NicDraft,
    SysprepChoice, VmDraft,
};
use crate::logic::names::check_dns_label;
use crate::logic::unattend::check_settings;

/// Device names the wizard gives itself, which an added disk may not take.
pub const RESERVED_DISK_NAMES: [&str; 4] = [
    "rootdisk",
    "installcdrom",
    "windows-drivers-disk",
    "sysprep",
];

/// Which input a problem belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DraftField {
    Name,
    Namespace,
    Cpus,
    Memory,
    Disk,
    BootSource,
    Nics,
    Disks,
    Hardware,
    Sysprep,
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
    let (min_cpus, min_memory_gib, min_disk) = draft.os.minimums();
    let (cpus, memory_mib) = draft.effective_size();
    let os = draft.os.label();
    let size_field = if draft.instancetype.is_some() {
        DraftField::Cpus
    } else {
        DraftField::Memory
    };
    if cpus < min_cpus {
        problem(
            DraftField::Cpus,
            format!("{os} needs at least {min_cpus} vCPU{}.", plural(min_cpus)),
        );
    }
    if memory_mib < u64::from(min_memory_gib) * 1024 {
        problem(
            size_field,
            format!("{os} needs at least {min_memory_gib} GiB of memory."),
        );
    }
    if draft.disk_gib < min_disk {
        problem(
            DraftField::Disk,
            format!("{os} needs a disk of at least {min_disk} GiB."),
        );
    }
    if let Some(message) = boot_problem(&draft.boot) {
        problem(DraftField::BootSource, message);
    }
    if draft.nics.is_empty() {
        problem(
            DraftField::Nics,
            "Add a network interface: without one the VM cannot be reached.".to_owned(),
        );
    }
    for (index, nic) in draft.nics.iter().enumerate() {
        let others: Vec<&NicDraft> = draft
            .nics
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != index)
            .map(|(_, n)| n)
            .collect();
        if let Err(message) = check_nic(nic, &others) {
            problem(DraftField::Nics, format!("NIC {}: {message}", nic.name));
        }
    }
    for (index, disk) in draft.extra_disks.iter().enumerate() {
        let others: Vec<&str> = draft
            .extra_disks
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != index)
            .map(|(_, d)| d.name.as_str())
            .collect();
        if let Err(message) = check_disk(disk, &others) {
            problem(DraftField::Disks, format!("Disk {}: {message}", disk.name));
        }
    }
    if draft.hardware.secure_boot && !draft.hardware.uefi {
        problem(
            DraftField::Hardware,
            "Secure Boot needs UEFI firmware.".to_owned(),
        );
    }
    match &draft.sysprep {
        SysprepChoice::Upload { files } if files.is_empty() => problem(
            DraftField::Sysprep,
            "Upload an answer file, or choose another way to set up Windows.".to_owned(),
        ),
        SysprepChoice::Generate(settings) => {
            for (_, message) in check_settings(settings) {
                problem(DraftField::Sysprep, message);
            }
        }
        _ => {}
    }
    problems
}

/// Why a boot source cannot be used, if it cannot.
fn boot_problem(boot: &BootSource) -> Option<String> {
    match boot {
        BootSource::IsoUrl { url } => url_problem(url, "the install ISO"),
        BootSource::IsoPvc { name, .. } | BootSource::DataSource { name, .. }
            if name.is_empty() =>
        {
            Some("Choose the volume to boot from.".to_owned())
        }
        BootSource::ContainerDisk { image }
            if image.trim().is_empty() || image.contains(char::is_whitespace) =>
        {
            Some("Enter an image such as quay.io/containerdisks/fedora:latest.".to_owned())
        }
        _ => None,
    }
}

fn url_problem(url: &str, what: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        Some(format!("Enter the URL of {what}."))
    } else if !(url.starts_with("http://") || url.starts_with("https://")) {
        Some("The URL must start with http:// or https://.".to_owned())
    } else if url.contains(char::is_whitespace) {
        Some("The URL may not contain spaces.".to_owned())
    } else {
        None
    }
}

/// Checks a NIC against the other NICs of the VM.
pub fn check_nic(nic: &NicDraft, others: &[&NicDraft]) -> Result<(), String> {
    check_dns_label(&nic.name).map_err(|err| err.to_string())?;
    if others.iter().any(|o| o.name == nic.name) {
        return Err(format!("Another NIC is already named {}.", nic.name));
    }
    match &nic.network {
        NetworkChoice::Pod if others.iter().any(|o| o.network == NetworkChoice::Pod) => {
            Err("Only one NIC can use the pod network.".to_owned())
        }
        NetworkChoice::Multus { attachment } if attachment.is_empty() => {
            Err("Choose a network.".to_owned())
        }
        _ => Ok(()),
    }
}

/// Checks an added disk against the names already taken by the VM's other disks.
pub fn check_disk(disk: &DiskDraft, other_names: &[&str]) -> Result<(), String> {
    check_dns_label(&disk.name).map_err(|err| err.to_string())?;
    if RESERVED_DISK_NAMES.contains(&disk.name.as_str())
        || other_names.contains(&disk.name.as_str())
    {
        return Err(format!("Another disk is already named {}.", disk.name));
    }
    // An existing PVC keeps its own size.
    let sized = !matches!(disk.source, DiskSource::Existing { .. });
    if sized && disk.size_gib == 0 {
        return Err("Enter a size of at least 1 GiB.".to_owned());
    }
    match &disk.source {
        DiskSource::Url { url } => url_problem(url, "the disk image").map_or(Ok(()), Err),
        DiskSource::Pvc { name, .. } | DiskSource::DataSource { name, .. } if name.is_empty() => {
            Err("Choose the volume to copy.".to_owned())
        }
        DiskSource::Existing { name } if name.is_empty() => {
            Err("Choose the PVC to attach.".to_owned())
        }
        _ => Ok(()),
    }
}

/// Checks an added CD-ROM against the names its VM's disks and volumes already take.
pub fn check_cdrom(cdrom: &CdromDraft, other_names: &[&str]) -> Result<(), String> {
    check_dns_label(&cdrom.name).map_err(|err| err.to_string())?;
    if other_names.contains(&cdrom.name.as_str()) {
        return Err(format!(
            "Another disk or CD-ROM is already named {}.",
            cdrom.name
        ));
    }
    match &cdrom.source {
        CdromSource::Url { url } => url_problem(url, "the ISO").map_or(Ok(()), Err),
        CdromSource::Pvc { name, .. } | CdromSource::Existing { name } if name.is_empty() => {
            Err("Choose the volume that holds the ISO.".to_owned())
        }
        _ => Ok(()),
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::os::WindowsVersion;
    use crate::logic::vm_draft::{windows_draft, DiskBus, InstancetypeChoice, NicModel};

    #[test]
    fn minimums_are_enforced_per_version_with_the_reason() {
        let mut draft = windows_draft(WindowsVersion::Windows11);
        draft.cpus = 1;
        draft.memory_gib = 2;
        draft.disk_gib = 40;
        let messages: Vec<String> = validate(&draft).into_iter().map(|p| p.message).collect();
        assert_eq!(
            messages,
            [
                "Windows 11 needs at least 2 vCPUs.",
                "Windows 11 needs at least 4 GiB of memory.",
                "Windows 11 needs a disk of at least 64 GiB."
            ]
        );
        assert!(validate(&windows_draft(WindowsVersion::Windows11)).is_empty());
        let mut server = windows_draft(WindowsVersion::Server2016);
        (server.cpus, server.memory_gib, server.disk_gib) = (1, 2, 60);
        assert!(
            validate(&server).is_empty(),
            "Server 2016 installs with 1 vCPU, 2 GiB"
        );
    }

    #[test]
    fn an_instancetype_too_small_for_the_os_is_refused() {
        let mut draft = windows_draft(WindowsVersion::Windows11);
        draft.instancetype = Some(InstancetypeChoice {
            name: "u1.small".into(),
            cpus: 1,
            memory_mib: 2048,
        });
        let fields: Vec<DraftField> = validate(&draft).iter().map(|p| p.field).collect();
        assert_eq!(fields, [DraftField::Cpus, DraftField::Cpus]);
    }

    #[test]
    fn a_bad_name_or_iso_url_is_reported_against_its_field() {
        let mut draft = windows_draft(WindowsVersion::Server2019);
        draft.name = "Win_1".into();
        draft.boot = BootSource::IsoUrl {
            url: "ftp://x/y.iso".into(),
        };
        let fields: Vec<DraftField> = validate(&draft).iter().map(|p| p.field).collect();
        assert_eq!(fields, [DraftField::Name, DraftField::BootSource]);
    }

    #[test]
    fn nics_need_unique_names_and_one_pod_network() {
        let first = NicDraft::pod_network(NicModel::E1000e);
        let second = NicDraft::pod_network(NicModel::E1000e);
        assert_eq!(
            check_nic(&second, &[&first]),
            Err("Another NIC is already named default.".into())
        );
        let renamed = NicDraft {
            name: "nic-2".into(),
            ..second
        };
        assert_eq!(
            check_nic(&renamed, &[&first]),
            Err("Only one NIC can use the pod network.".into())
        );
        let mut draft = windows_draft(WindowsVersion::Windows10);
        draft.nics.clear();
        assert_eq!(validate(&draft)[0].field, DraftField::Nics);
    }

    #[test]
    fn disks_may_not_take_a_reserved_or_used_name_or_be_empty() {
        let disk = |name: &str, size_gib| DiskDraft {
            name: name.into(),
            source: DiskSource::Blank,
            size_gib,
            bus: DiskBus::Sata,
        };
        assert!(check_disk(&disk("rootdisk", 5), &[]).is_err());
        assert!(check_disk(&disk("data", 5), &["data"]).is_err());
        assert!(check_disk(&disk("data", 0), &[]).is_err());
        assert_eq!(check_disk(&disk("data", 5), &["logs"]), Ok(()));
    }

    #[test]
    fn an_existing_pvc_needs_no_size_but_a_name() {
        let existing = |name: &str| DiskDraft {
            name: "data".into(),
            source: DiskSource::Existing { name: name.into() },
            size_gib: 0,
            bus: DiskBus::Sata,
        };
        assert_eq!(check_disk(&existing("shared"), &[]), Ok(()));
        assert_eq!(
            check_disk(&existing(""), &[]),
            Err("Choose the PVC to attach.".into())
        );
    }

    #[test]
    fn cdroms_need_a_free_name_and_a_complete_source() {
        let cdrom = |name: &str, source| CdromDraft {
            name: name.into(),
            source,
        };
        assert_eq!(
            check_cdrom(&cdrom("tools", CdromSource::GuestTools), &["rootdisk"]),
            Ok(())
        );
        assert_eq!(
            check_cdrom(&cdrom("rootdisk", CdromSource::GuestTools), &["rootdisk"]),
            Err("Another disk or CD-ROM is already named rootdisk.".into())
        );
        assert!(check_cdrom(&cdrom("Bad_Name", CdromSource::GuestTools), &[]).is_err());
        let url = CdromSource::Url {
            url: "ftp://x/y.iso".into(),
        };
        assert_eq!(
            check_cdrom(&cdrom("iso", url), &[]),
            Err("The URL must start with http:// or https://.".into())
        );
        let unchosen = CdromSource::Pvc {
            namespace: "os-images".into(),
            name: String::new(),
        };
        assert_eq!(
            check_cdrom(&cdrom("iso", unchosen), &[]),
            Err("Choose the volume that holds the ISO.".into())
        );
    }

    #[test]
    fn secure_boot_needs_uefi() {
        let mut draft = windows_draft(WindowsVersion::Windows10);
        draft.hardware.uefi = false;
        assert_eq!(validate(&draft)[0].field, DraftField::Hardware);
    }
}
