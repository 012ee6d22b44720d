//! The choices the answer-file form offers: editions per Windows version, Windows time zone
//! names, locales, and where each version's drivers sit on the guest tools CD.

use crate::logic::os::WindowsVersion;

/// An edition: what users read, and the install image name setup matches (`/IMAGE/NAME`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edition {
    pub label: &'static str,
    pub image_name: &'static str,
}

/// The editions of a version, the usual one first.
pub fn editions(version: WindowsVersion) -> &'static [Edition] {
    match version {
        WindowsVersion::Windows11 => &[
            Edition {
                label: "Windows 11 Pro",
                image_name: "Windows 11 Pro",
            },
            Edition {
                label: "Windows 11 Enterprise",
                image_name: "Windows 11 Enterprise",
            },
            Edition {
                label: "Windows 11 Education",
                image_name: "Windows 11 Education",
            },
        ],
        WindowsVersion::Windows10 => &[
            Edition {
                label: "Windows 10 Pro",
                image_name: "Windows 10 Pro",
            },
            Edition {
                label: "Windows 10 Enterprise",
                image_name: "Windows 10 Enterprise",
            },
            Edition {
                label: "Windows 10 Education",
                image_name: "Windows 10 Education",
            },
        ],
        WindowsVersion::Server2025 => &[
            Edition {
                label: "Datacenter (Desktop Experience)",
                image_name: "Windows Server 2025 SERVERDATACENTER",
            },
            Edition {
                label: "Standard (Desktop Experience)",
                image_name: "Windows Server 2025 SERVERSTANDARD",
            },
            Edition {
                label: "Datacenter (Server Core)",
                image_name: "Windows Server 2025 SERVERDATACENTERCORE",
            },
        ],
        WindowsVersion::Server2022 => &[
            Edition {
                label: "Datacenter (Desktop Experience)",
                image_name: "Windows Server 2022 SERVERDATACENTER",
            },
            Edition {
                label: "Standard (Desktop Experience)",
                image_name: "Windows Server 2022 SERVERSTANDARD",
            },
            Edition {
                label: "Datacenter (Server Core)",
                image_name: "Windows Server 2022 SERVERDATACENTERCORE",
            },
        ],
        WindowsVersion::Server2019 => &[
            Edition {
                label: "Datacenter (Desktop Experience)",
                image_name: "Windows Server 2019 SERVERDATACENTER",
            },
            Edition {
                label: "Standard (Desktop Experience)",
                image_name: "Windows Server 2019 SERVERSTANDARD",
            },
        ],
        WindowsVersion::Server2016 => &[
            Edition {
                label: "Datacenter (Desktop Experience)",
                image_name: "Windows Server 2016 SERVERDATACENTER",
            },
            Edition {
                label: "Standard (Desktop Experience)",
                image_name: "Windows Server 2016 SERVERSTANDARD",
            },
        ],
    }
}

/// The folder of a version's drivers on the guest tools CD (`viostor\w11\amd64`).
pub fn driver_folder(version: WindowsVersion) -> &'static str {
    match version {
        WindowsVersion::Windows11 => "w11",
        WindowsVersion::Windows10 => "w10",
        WindowsVersion::Server2025 => "2k25",
        WindowsVersion::Server2022 => "2k22",
        WindowsVersion::Server2019 => "2k19",
        WindowsVersion::Server2016 => "2k16",
    }
}

/// The drivers setup needs from the CD: storage (VirtIO and VirtIO-SCSI), network, and the
/// serial port the guest agent talks through.
pub const SETUP_DRIVERS: [&str; 4] = ["viostor", "vioscsi", "NetKVM", "vioserial"];

/// Drive letters the CD may get; setup ignores paths that do not exist, so listing them all
/// finds the CD wherever it lands.
pub const CD_DRIVE_LETTERS: [char; 5] = ['D', 'E', 'F', 'G', 'H'];

/// Windows time zone names offered (`tzutil /l` spells them so), UTC first.
pub const TIME_ZONES: [&str; 16] = [
    "UTC",
    "GMT Standard Time",
    "W. Europe Standard Time",
    "Central Europe Standard Time",
    "Romance Standard Time",
    "E. Europe Standard Time",
    "Russian Standard Time",
    "India Standard Time",
    "China Standard Time",
    "Tokyo Standard Time",
    "AUS Eastern Standard Time",
    "Eastern Standard Time",
    "Central Standard Time",
    "Mountain Standard Time",
    "Pacific Standard Time",
    "E. South America Standard Time",
];

/// Language and keyboard tags offered.
pub const LOCALES: [(&str, &str); 9] = [
    ("en-US", "English (United States)"),
    ("en-GB", "English (United Kingdom)"),
    ("de-DE", "German (Germany)"),
    ("fr-FR", "French (France)"),
    ("es-ES", "Spanish (Spain)"),
    ("it-IT", "Italian (Italy)"),
    ("pt-BR", "Portuguese (Brazil)"),
    ("ja-JP", "Japanese (Japan)"),
    ("zh-CN", "Chinese (Simplified, China)"),
];
