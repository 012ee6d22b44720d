//! Tests of the draft: OS changes, volume defaults, storage round trips.

use super::*;

#[test]
fn changing_the_os_keeps_what_the_user_typed() {
    let mut draft = VmDraft::new("dev", OsChoice::Linux(LinuxDistro::Fedora), "id".into());
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
    assert_eq!(windows.boot, BootSource::IsoUrl { url: String::new() });
    assert_eq!(windows.root_bus, DiskBus::Sata);
    assert_eq!(windows.nics[0].model, NicModel::E1000e);
    assert!(windows.guest_tools && windows.hardware.tpm);

    let mut typed = windows.clone();
    typed.boot = BootSource::IsoUrl {
        url: "https://e/w.iso".into(),
    };
    typed.boot_chosen = true;
    typed.root_bus = DiskBus::Virtio;
    let server = typed.with_os(OsChoice::Windows(WindowsVersion::Server2019));
    assert_eq!(server.boot, typed.boot);
    assert_eq!(
        server.root_bus,
        DiskBus::Virtio,
        "a choice within Windows is kept"
    );
    assert!(!server.hardware.tpm, "Server 2019 has no TPM by default");
}

#[test]
fn passwords_keys_and_uploaded_files_are_not_kept_in_storage() {
    let mut draft = windows_draft(WindowsVersion::Windows11);
    let mut settings = UnattendSettings::new("win", "Windows 11 Pro");
    settings.admin_password = "secret".into();
    settings.product_key = "ABCDE-12345-FGHIJ-67890-KLMNO".into();
    draft.sysprep = SysprepChoice::Generate(settings);
    let (kept, left_out) = draft.without_secrets();
    let SysprepChoice::Generate(kept) = kept.sysprep else {
        panic!("still generated");
    };
    assert!(left_out);
    assert_eq!(kept.admin_password, "");
    assert_eq!(kept.product_key, "", "a product key is a secret too");
    assert_eq!(kept.computer_name, "WIN", "what is not secret is kept");
    let mut nothing_secret = draft.clone();
    nothing_secret.sysprep =
        SysprepChoice::Generate(UnattendSettings::new("win", "Windows 11 Pro"));
    assert!(!nothing_secret.without_secrets().1);

    let with_password = AnswerFile {
        name: "autounattend.xml".into(),
        text: "<unattend xmlns=\"urn:schemas-microsoft-com:unattend\"><a><Password><Value>x</Value></Password></a></unattend>".into(),
    };
    let plain = AnswerFile {
        name: "unattend.xml".into(),
        text: "<unattend xmlns=\"urn:schemas-microsoft-com:unattend\"/>".into(),
    };
    draft.sysprep = SysprepChoice::Upload {
        files: vec![with_password, plain],
    };
    assert_eq!(
        draft.without_secrets(),
        (
            VmDraft {
                sysprep: SysprepChoice::Upload { files: vec![] },
                ..draft.clone()
            },
            true
        ),
        "uploaded files are never kept, whatever they hold"
    );
}

#[test]
fn a_volume_suggests_the_os_and_size_it_was_made_for() {
    let mut draft = windows_draft(WindowsVersion::Windows11);
    draft.boot = BootSource::DataSource {
        namespace: "kubevirt-os-images".into(),
        name: "windows-2k22".into(),
    };
    let large = InstancetypeChoice {
        name: "u1.large".into(),
        cpus: 2,
        memory_mib: 8192,
    };
    let next = draft.with_source_defaults(Some("windows.2k22"), Some(large.clone()));
    assert_eq!(next.os, OsChoice::Windows(WindowsVersion::Server2022));
    assert_eq!(next.instancetype, Some(large));
    assert_eq!(next.boot, draft.boot, "the chosen volume stays");
    let unknown = draft.with_source_defaults(Some("windows.xp"), None);
    assert_eq!(unknown, draft);
}

#[test]
fn os_ids_round_trip() {
    for os in OsChoice::all() {
        assert_eq!(OsChoice::from_id(&os.id()), Some(os));
    }
}

#[test]
fn a_draft_survives_a_round_trip_through_storage() {
    let mut draft = windows_draft(WindowsVersion::Windows11);
    draft.extra_disks.push(DiskDraft {
        name: "data".into(),
        source: DiskSource::Blank,
        size_gib: 20,
        bus: DiskBus::Virtio,
    });
    let text = serde_json::to_string(&draft).unwrap();
    assert_eq!(serde_json::from_str::<VmDraft>(&text).unwrap(), draft);
}

#[test]
fn the_boot_source_is_summed_up_for_review() {
    let data_source = BootSource::DataSource {
        namespace: "kubevirt-os-images".into(),
        name: "windows-11".into(),
    };
    assert_eq!(
        data_source.summary(),
        "DataSource kubevirt-os-images/windows-11"
    );
    let iso = BootSource::IsoUrl {
        url: "https://example.com/w.iso".into(),
    };
    assert_eq!(iso.summary(), "Install ISO from https://example.com/w.iso");
}
