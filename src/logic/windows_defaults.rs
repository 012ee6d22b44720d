//! What each Windows version needs, as KubeVirt's common preferences and templates set it.

use super::os::WindowsVersion;

/// Firmware, security devices and minimum sizes for one Windows version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowsDefaults {
    pub min_cpus: u32,
    pub min_memory_gib: u32,
    pub min_disk_gib: u32,
    /// Keep the EFI variables (NVRAM) across restarts.
    pub efi_persistent: bool,
    pub secure_boot: bool,
    /// A persistent virtual TPM (Windows 11 setup refuses to run without one).
    pub tpm: bool,
    /// Present vCPUs as cores of one socket (desktop editions license by socket).
    pub cpu_as_cores: bool,
}

impl WindowsVersion {
    /// The defaults of this version.
    pub fn defaults(self) -> WindowsDefaults {
        let base = WindowsDefaults {
            min_cpus: 1,
            min_memory_gib: 2,
            min_disk_gib: 60,
            efi_persistent: false,
            secure_boot: true,
            tpm: false,
            cpu_as_cores: false,
        };
        match self {
            Self::Windows11 => WindowsDefaults {
                min_cpus: 2,
                min_memory_gib: 4,
                min_disk_gib: 64,
                efi_persistent: true,
                tpm: true,
                cpu_as_cores: true,
                ..base
            },
            Self::Windows10 => WindowsDefaults {
                cpu_as_cores: true,
                ..base
            },
            Self::Server2025 | Self::Server2022 => WindowsDefaults {
                efi_persistent: true,
                tpm: true,
                ..base
            },
            Self::Server2019 | Self::Server2016 => base,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_11_needs_tpm_secure_boot_and_bigger_minimums() {
        let d = WindowsVersion::Windows11.defaults();
        assert_eq!((d.min_cpus, d.min_memory_gib, d.min_disk_gib), (2, 4, 64));
        assert!(d.tpm && d.secure_boot && d.efi_persistent && d.cpu_as_cores);
    }

    #[test]
    fn servers_use_sockets_and_only_newer_ones_get_a_tpm() {
        for version in [WindowsVersion::Server2025, WindowsVersion::Server2022] {
            assert!(version.defaults().tpm, "{version:?}");
        }
        for version in [
            WindowsVersion::Server2019,
            WindowsVersion::Server2016,
            WindowsVersion::Windows10,
        ] {
            assert!(!version.defaults().tpm, "{version:?}");
        }
        assert!(!WindowsVersion::Server2022.defaults().cpu_as_cores);
    }
}
