//! The wizard's Remote Desktop choice: a Service that reaches the VM's RDP port, made with the
//! VM, and a generated answer file that turns Remote Desktop on whenever such a Service is
//! made (a Service to a desktop that refuses connections helps nobody).

use super::{SysprepChoice, VmDraft};
use crate::logic::remote_desktop::ServiceKind;

impl VmDraft {
    /// Chooses the Service (`None`: none). Choosing one turns Remote Desktop on in a generated
    /// answer file; choosing none leaves what the user set there.
    pub fn set_rdp_service(&mut self, kind: Option<ServiceKind>) {
        self.rdp_service = kind;
        self.follow_remote_desktop_default();
    }

    /// Turns Remote Desktop on in a generated answer file when a Service is made; called when
    /// either is chosen.
    pub fn follow_remote_desktop_default(&mut self) {
        if let (Some(_), SysprepChoice::Generate(settings)) = (self.rdp_service, &mut self.sysprep)
        {
            settings.enable_remote_desktop = true;
        }
    }

    /// The Service the VM is created with: only a Windows VM gets one.
    pub fn rdp_service_to_create(&self) -> Option<ServiceKind> {
        self.rdp_service.filter(|_| self.is_windows())
    }
}

#[cfg(test)]
mod tests {
    use crate::logic::os::WindowsVersion;
    use crate::logic::remote_desktop::ServiceKind;
    use crate::logic::unattend::UnattendSettings;
    use crate::logic::vm_draft::{LinuxDistro, OsChoice, SysprepChoice, VmDraft};

    fn generated(draft: &VmDraft) -> bool {
        matches!(&draft.sysprep, SysprepChoice::Generate(s) if s.enable_remote_desktop)
    }

    #[test]
    fn a_service_turns_remote_desktop_on_in_the_answer_file_in_either_order() {
        let windows = OsChoice::Windows(WindowsVersion::Windows11);
        let mut draft = VmDraft::new("dev", windows, "c".into());
        draft.sysprep = SysprepChoice::Generate(UnattendSettings::new("win", "Windows 11 Pro"));
        assert!(!generated(&draft), "off until asked for");
        draft.set_rdp_service(Some(ServiceKind::NodePort));
        assert!(generated(&draft));
        draft.set_rdp_service(None);
        assert!(generated(&draft), "what the answer file says stays");

        let mut later = VmDraft::new("dev", windows, "c".into());
        later.set_rdp_service(Some(ServiceKind::ClusterIp));
        later.sysprep = SysprepChoice::Generate(UnattendSettings::new("win", "Windows 11 Pro"));
        later.follow_remote_desktop_default();
        assert!(generated(&later), "an answer file started after the choice");
        assert_eq!(later.rdp_service_to_create(), Some(ServiceKind::ClusterIp));

        later.os = OsChoice::Linux(LinuxDistro::Fedora);
        assert_eq!(later.rdp_service_to_create(), None, "only Windows gets one");
    }
}
