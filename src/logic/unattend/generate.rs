//! Writes an `autounattend.xml` from the form's settings: a full unattended install onto the
//! first disk, with drivers from the guest tools CD and the guest tools at first logon.

use std::fmt::Write;

use super::choices::{driver_folder, CD_DRIVE_LETTERS, SETUP_DRIVERS};
use super::{UnattendSettings, UNATTEND_NAMESPACE};
use crate::logic::os::WindowsVersion;

/// Attributes every component element carries.
const COMPONENT_ATTRIBUTES: &str = r#"processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS""#;

/// The answer file for `version`; `uefi` picks the partition layout.
pub fn generate(settings: &UnattendSettings, version: WindowsVersion, uefi: bool) -> String {
    let s = settings;
    let mut xml = String::new();
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        xml,
        r#"<unattend xmlns="{UNATTEND_NAMESPACE}" xmlns:wcm="http://schemas.microsoft.com/WMIConfig/2002/State">"#
    );

    // windowsPE: language of setup, drivers, disk layout, image, licence.
    xml.push_str("  <settings pass=\"windowsPE\">\n");
    component(&mut xml, "Microsoft-Windows-International-Core-WinPE", &format!(
        "<SetupUILanguage><UILanguage>{locale}</UILanguage></SetupUILanguage><InputLocale>{keyboard}</InputLocale><SystemLocale>{locale}</SystemLocale><UILanguage>{locale}</UILanguage><UserLocale>{locale}</UserLocale>",
        locale = escape(&s.locale), keyboard = escape(&s.keyboard)));
    if s.load_virtio_drivers {
        let mut paths = String::from("<DriverPaths>");
        let mut index = 0;
        for driver in SETUP_DRIVERS {
            for letter in CD_DRIVE_LETTERS {
                index += 1;
                let _ = write!(
                    paths,
                    r#"<PathAndCredentials wcm:action="add" wcm:keyValue="{index}"><Path>{letter}:\{driver}\{}\amd64</Path></PathAndCredentials>"#,
                    driver_folder(version)
                );
            }
        }
        paths.push_str("</DriverPaths>");
        component(&mut xml, "Microsoft-Windows-PnpCustomizationsWinPE", &paths);
    }
    let mut setup = disk_configuration(uefi);
    let _ = write!(setup, "<ImageInstall><OSImage><InstallFrom><MetaData wcm:action=\"add\"><Key>/IMAGE/NAME</Key><Value>{}</Value></MetaData></InstallFrom><InstallTo><DiskID>0</DiskID><PartitionID>{}</PartitionID></InstallTo></OSImage></ImageInstall>",
        escape(&s.edition), if uefi { 3 } else { 1 });
    let _ = write!(setup, "<UserData><AcceptEula>{}</AcceptEula><FullName>{}</FullName><Organization>{}</Organization>",
        s.accept_eula, escape(&s.admin_name), escape(&s.organization));
    let key = s.product_key.trim();
    // No key at all lets setup use one in firmware; an empty <Key/> would stall it.
    if !key.is_empty() {
        let _ = write!(
            setup,
            "<ProductKey><Key>{}</Key><WillShowUI>OnError</WillShowUI></ProductKey>",
            escape(key)
        );
    }
    setup.push_str("</UserData>");
    component(&mut xml, "Microsoft-Windows-Setup", &setup);
    xml.push_str("  </settings>\n");

    // specialize: the machine's name, organisation, time zone and key, and Remote Desktop.
    xml.push_str("  <settings pass=\"specialize\">\n");
    let mut shell = format!("<ComputerName>{}</ComputerName><RegisteredOrganization>{}</RegisteredOrganization><TimeZone>{}</TimeZone>",
        escape(&s.computer_name), escape(&s.organization), escape(&s.time_zone));
    if !key.is_empty() {
        let _ = write!(shell, "<ProductKey>{}</ProductKey>", escape(key));
    }
    component(&mut xml, "Microsoft-Windows-Shell-Setup", &shell);
    if s.enable_remote_desktop {
        // Connections allowed, only after Network Level Authentication, through the
        // firewall's own Remote Desktop rules.
        component(
            &mut xml,
            "Microsoft-Windows-TerminalServices-LocalSessionManager",
            "<fDenyTSConnections>false</fDenyTSConnections>",
        );
        component(
            &mut xml,
            "Microsoft-Windows-TerminalServices-RDP-WinStationExtensions",
            "<UserAuthentication>1</UserAuthentication>",
        );
        component(&mut xml, "Networking-MPSSVC-Svc",
            "<FirewallGroups><FirewallGroup wcm:action=\"add\" wcm:keyValue=\"RemoteDesktop\"><Active>true</Active><Group>@FirewallAPI.dll,-28752</Group><Profile>all</Profile></FirewallGroup></FirewallGroups>");
    }
    xml.push_str("  </settings>\n");

    // oobeSystem: no questions, the administrator account, and the guest tools at first logon.
    xml.push_str("  <settings pass=\"oobeSystem\">\n");
    component(&mut xml, "Microsoft-Windows-International-Core", &format!(
        "<InputLocale>{keyboard}</InputLocale><SystemLocale>{locale}</SystemLocale><UILanguage>{locale}</UILanguage><UserLocale>{locale}</UserLocale>",
        locale = escape(&s.locale), keyboard = escape(&s.keyboard)));
    let password = format!(
        "<Password><Value>{}</Value><PlainText>true</PlainText></Password>",
        escape(&s.admin_password)
    );
    let mut oobe = String::from("<OOBE><HideEULAPage>true</HideEULAPage><HideOnlineAccountScreens>true</HideOnlineAccountScreens><HideWirelessSetupInOOBE>true</HideWirelessSetupInOOBE><ProtectYourPC>3</ProtectYourPC></OOBE>");
    let _ = write!(oobe, "<UserAccounts><LocalAccounts><LocalAccount wcm:action=\"add\"><Name>{name}</Name><Group>Administrators</Group>{password}</LocalAccount></LocalAccounts></UserAccounts>",
        name = escape(&s.admin_name));
    let _ = write!(oobe, "<AutoLogon><Enabled>true</Enabled><LogonCount>1</LogonCount><Username>{}</Username>{password}</AutoLogon>", escape(&s.admin_name));
    if s.install_guest_tools {
        // The CD's letter is not known in advance: look for the installer on each.
        let command = format!(
            r"cmd /c for %d in ({}) do @if exist %d:\virtio-win-guest-tools.exe start /wait %d:\virtio-win-guest-tools.exe /passive /norestart",
            CD_DRIVE_LETTERS
                .iter()
                .map(char::to_string)
                .collect::<Vec<_>>()
                .join(" ")
        );
        let _ = write!(oobe, "<FirstLogonCommands><SynchronousCommand wcm:action=\"add\"><Order>1</Order><Description>Install the Windows guest tools and guest agent</Description><CommandLine>{}</CommandLine></SynchronousCommand></FirstLogonCommands>", escape(&command));
    }
    component(&mut xml, "Microsoft-Windows-Shell-Setup", &oobe);
    xml.push_str("  </settings>\n</unattend>\n");
    xml
}

fn component(xml: &mut String, name: &str, body: &str) {
    let _ = writeln!(
        xml,
        "    <component name=\"{name}\" {COMPONENT_ATTRIBUTES}>{body}</component>"
    );
}

/// Wipes disk 0 and lays it out for UEFI (EFI, MSR, Windows) or BIOS (one partition).
fn disk_configuration(uefi: bool) -> String {
    let (create, modify) = if uefi {
        (
            r#"<CreatePartition wcm:action="add"><Order>1</Order><Type>EFI</Type><Size>260</Size></CreatePartition><CreatePartition wcm:action="add"><Order>2</Order><Type>MSR</Type><Size>16</Size></CreatePartition><CreatePartition wcm:action="add"><Order>3</Order><Type>Primary</Type><Extend>true</Extend></CreatePartition>"#,
            r#"<ModifyPartition wcm:action="add"><Order>1</Order><PartitionID>1</PartitionID><Format>FAT32</Format><Label>System</Label></ModifyPartition><ModifyPartition wcm:action="add"><Order>2</Order><PartitionID>2</PartitionID></ModifyPartition><ModifyPartition wcm:action="add"><Order>3</Order><PartitionID>3</PartitionID><Format>NTFS</Format><Label>Windows</Label><Letter>C</Letter></ModifyPartition>"#,
        )
    } else {
        (
            r#"<CreatePartition wcm:action="add"><Order>1</Order><Type>Primary</Type><Extend>true</Extend></CreatePartition>"#,
            r#"<ModifyPartition wcm:action="add"><Order>1</Order><PartitionID>1</PartitionID><Format>NTFS</Format><Label>Windows</Label><Letter>C</Letter><Active>true</Active></ModifyPartition>"#,
        )
    };
    format!("<DiskConfiguration><Disk wcm:action=\"add\"><DiskID>0</DiskID><WillWipeDisk>true</WillWipeDisk><CreatePartitions>{create}</CreatePartitions><ModifyPartitions>{modify}</ModifyPartitions></Disk></DiskConfiguration>")
}

/// Escapes text for an XML element's content.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}
