//! Tests of the answer-file generator, upload checks and masking.

use super::choices::{driver_folder, SETUP_DRIVERS};
use super::*;
use crate::logic::os::WindowsVersion;

fn settings() -> UnattendSettings {
    let mut s = UnattendSettings::new("win11-dev", "Windows 11 Pro");
    s.product_key = "ABCDE-12345-FGHIJ-67890-KLMNO".into();
    s.admin_password = "S3cret!".into();
    s.organization = "Finance".into();
    s.time_zone = "W. Europe Standard Time".into();
    s.locale = "de-DE".into();
    s.keyboard = "de-DE".into();
    s
}

/// The texts of every element named `name`, in document order.
fn texts(xml: &str, name: &str) -> Vec<String> {
    let document = roxmltree::Document::parse(xml).expect("well-formed");
    document
        .descendants()
        .filter(|n| n.has_tag_name(name))
        .map(|n| n.text().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn the_generated_file_parses_and_holds_exactly_the_chosen_settings() {
    let xml = generate(&settings(), WindowsVersion::Windows11, true);
    let document = roxmltree::Document::parse(&xml).unwrap();
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "unattend");
    assert_eq!(root.tag_name().namespace(), Some(UNATTEND_NAMESPACE));
    assert_eq!(texts(&xml, "Key")[1], "ABCDE-12345-FGHIJ-67890-KLMNO");
    assert_eq!(
        texts(&xml, "ProductKey").len(),
        2,
        "windowsPE and specialize"
    );
    assert_eq!(texts(&xml, "ComputerName"), ["WIN11-DEV"]);
    assert_eq!(texts(&xml, "RegisteredOrganization"), ["Finance"]);
    assert_eq!(texts(&xml, "TimeZone"), ["W. Europe Standard Time"]);
    assert!(texts(&xml, "InputLocale").iter().all(|l| l == "de-DE"));
    assert_eq!(texts(&xml, "AcceptEula"), ["true"]);
    assert_eq!(texts(&xml, "Name")[0], "admin");
    assert_eq!(texts(&xml, "Value")[0], "Windows 11 Pro");
    assert_eq!(
        texts(&xml, "PartitionID").last().unwrap(),
        "3",
        "UEFI installs to the third partition"
    );
    assert!(texts(&xml, "CommandLine")[0].contains("virtio-win-guest-tools.exe /passive"));
    assert_eq!(
        check_upload("autounattend.xml", &xml).map(|f| f.name),
        Ok("autounattend.xml".into())
    );

    let mut plain = settings();
    plain.install_guest_tools = false;
    plain.load_virtio_drivers = false;
    let xml = generate(&plain, WindowsVersion::Server2019, false);
    assert!(texts(&xml, "CommandLine").is_empty() && texts(&xml, "Path").is_empty());
    assert_eq!(
        texts(&xml, "PartitionID").last().unwrap(),
        "1",
        "BIOS has one partition"
    );
}

#[test]
fn remote_desktop_is_allowed_with_nla_and_its_firewall_rule_only_when_asked() {
    let off = generate(&settings(), WindowsVersion::Windows11, true);
    assert!(
        texts(&off, "fDenyTSConnections").is_empty(),
        "Windows' own default: off"
    );
    let mut on = settings();
    on.enable_remote_desktop = true;
    let xml = generate(&on, WindowsVersion::Windows11, true);
    assert_eq!(texts(&xml, "fDenyTSConnections"), vec!["false"]);
    assert_eq!(texts(&xml, "UserAuthentication"), vec!["1"]);
    // The locale-independent name of the Remote Desktop rule group.
    assert!(texts(&xml, "Group").contains(&"@FirewallAPI.dll,-28752".to_owned()));
    assert_eq!(texts(&xml, "Active"), vec!["true"]);
    assert_eq!(
        check_upload("autounattend.xml", &xml).map(|f| f.name),
        Ok("autounattend.xml".into()),
        "the file still passes the upload checks"
    );
}

#[test]
fn an_absent_key_writes_no_product_key_at_all() {
    let mut s = settings();
    s.product_key = String::new();
    let xml = generate(&s, WindowsVersion::Windows10, true);
    assert!(texts(&xml, "ProductKey").is_empty());
    assert_eq!(
        texts(&xml, "Key"),
        ["/IMAGE/NAME"],
        "only the image selector is a Key"
    );
    assert!(!xml.contains("<Key/>") && !xml.contains("<Key></Key>"));
}

#[test]
fn driver_paths_cover_storage_and_network_for_each_version() {
    for version in WindowsVersion::ALL {
        let xml = generate(&settings(), version, true);
        let paths = texts(&xml, "Path");
        for driver in SETUP_DRIVERS {
            let wanted = format!(r"E:\{driver}\{}\amd64", driver_folder(version));
            assert!(paths.contains(&wanted), "{version:?}: {wanted}");
        }
        assert!(paths.iter().any(|p| p.starts_with(r"D:\NetKVM\")));
    }
}

#[test]
fn hostile_values_are_escaped_and_survive_a_round_trip() {
    let hostile = "<a> & \"b\" 'c' ]]> </unattend>";
    let long = "x".repeat(10_000);
    let mut s = settings();
    s.organization = hostile.into();
    s.admin_password = format!("{hostile}{long}");
    s.admin_name = "ad<min".into();
    let xml = generate(&s, WindowsVersion::Server2022, true);
    assert_eq!(texts(&xml, "RegisteredOrganization"), [hostile]);
    assert_eq!(texts(&xml, "Organization")[0], hostile);
    assert_eq!(texts(&xml, "Value")[1], format!("{hostile}{long}"));
    assert!(!xml.contains("]]>"));
}

#[test]
fn settings_are_checked_with_reasons() {
    let mut s = settings();
    assert!(check_settings(&s).is_empty());
    s.product_key = "abcde-12345".into();
    s.computer_name = "a-much-too-long-name".into();
    s.admin_password.clear();
    s.accept_eula = false;
    let fields: Vec<SettingsField> = check_settings(&s).into_iter().map(|(f, _)| f).collect();
    assert_eq!(
        fields,
        [
            SettingsField::ProductKey,
            SettingsField::ComputerName,
            SettingsField::AdminPassword,
            SettingsField::AcceptEula
        ]
    );
    assert_eq!(
        default_computer_name("sql-server-2022-primary"),
        "SQL-SERVER-2022"
    );
}

#[test]
fn uploads_are_refused_with_the_line_and_reason() {
    let broken = "<?xml version=\"1.0\"?>\n<unattend xmlns=\"urn:schemas-microsoft-com:unattend\">\n  <settings pass=\"windowsPE\">\n  </setting>\n</unattend>\n";
    let problem = check_upload("autounattend.xml", broken).unwrap_err();
    assert_eq!(problem.line, Some(4));
    assert!(problem.to_string().starts_with("Line 4: "), "{problem}");

    let wrong_namespace = "<unattend xmlns=\"urn:other\"/>";
    assert!(check_upload("unattend.xml", wrong_namespace)
        .unwrap_err()
        .reason
        .contains(UNATTEND_NAMESPACE));
    assert!(check_upload("answers.xml", "<unattend/>")
        .unwrap_err()
        .reason
        .contains("autounattend.xml"));
    let huge = format!(
        "<unattend xmlns=\"{UNATTEND_NAMESPACE}\">{}</unattend>",
        " ".repeat(600 * 1024)
    );
    assert!(check_upload("Autounattend.XML", &huge)
        .unwrap_err()
        .reason
        .contains("at most 512 KiB"));
}

#[test]
fn secrets_are_found_and_masked_and_nothing_else_is() {
    let xml = generate(&settings(), WindowsVersion::Windows11, true);
    assert!(holds_secrets(&xml));
    let masked = mask_secrets(&xml);
    assert!(!masked.contains("ABCDE-12345") && !masked.contains("S3cret!"));
    assert_eq!(texts(&masked, "Key")[0], "/IMAGE/NAME");
    assert_eq!(texts(&masked, "ComputerName"), ["WIN11-DEV"]);

    let mut keyless = settings();
    keyless.product_key.clear();
    keyless.admin_password = "x".into();
    let keyless = generate(&keyless, WindowsVersion::Windows11, true);
    assert!(holds_secrets(&keyless), "the password");
    assert!(!holds_product_key(&keyless) && holds_product_key(&xml));
    let no_secrets = format!(
        "<unattend xmlns=\"{UNATTEND_NAMESPACE}\"><settings pass=\"specialize\"/></unattend>"
    );
    assert!(!holds_secrets(&no_secrets));
}

/// An answer file with a credential of every kind Windows setup takes, each in its own place.
fn credentials_everywhere() -> String {
    format!(
        r#"<unattend xmlns="{UNATTEND_NAMESPACE}" xmlns:wcm="http://schemas.microsoft.com/WMIConfig/2002/State">
  <settings pass="specialize">
    <component name="Microsoft-Windows-UnattendedJoin">
      <Identification>
        <Credentials><Domain>CORP</Domain><Password>JoinPass-1</Password><Username>joiner</Username></Credentials>
        <JoinDomain>corp.example.com</JoinDomain>
        <MachinePassword>MachinePass-2</MachinePassword>
      </Identification>
    </component>
    <x:component xmlns:x="{UNATTEND_NAMESPACE}" name="Microsoft-Windows-Shell-Setup">
      <x:AutoLogon><x:Password><x:Value>AutoPass-3</x:Value><x:PlainText>true</x:PlainText></x:Password><x:Username>admin</x:Username></x:AutoLogon>
      <ProductKey>ABCDE-12345-FGHIJ-67890-KLMNO</ProductKey>
    </x:component>
  </settings>
  <settings pass="oobeSystem">
    <component name="Microsoft-Windows-Shell-Setup">
      <FirstLogonCommands>
        <SynchronousCommand wcm:action="add"><CommandLine>net user backup CmdPass-4 /add</CommandLine><Order>1</Order></SynchronousCommand>
        <SynchronousCommand wcm:action="add"><CommandLine>powershell -File C:\setup.ps1</CommandLine><Order>2</Order></SynchronousCommand>
      </FirstLogonCommands>
    </component>
  </settings>
</unattend>"#
    )
}

#[test]
fn every_kind_of_credential_is_masked_at_any_depth_and_in_any_namespace_prefix() {
    let xml = credentials_everywhere();
    assert!(check_upload("unattend.xml", &xml).is_ok());
    assert!(holds_secrets(&xml) && holds_product_key(&xml));
    let masked = mask_secrets(&xml);
    for secret in [
        "JoinPass-1",
        "MachinePass-2",
        "AutoPass-3",
        "ABCDE-12345",
        "CmdPass-4",
        "joiner",
        "CORP",
    ] {
        assert!(!masked.contains(secret), "{secret} is shown:\n{masked}");
    }
    for kept in [
        "corp.example.com",
        "<x:PlainText>true</x:PlainText>",
        "powershell -File",
        "<x:Username>admin</x:Username>",
    ] {
        assert!(masked.contains(kept), "{kept} is hidden:\n{masked}");
    }
}
