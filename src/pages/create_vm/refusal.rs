//! A refused create in plain words, each problem against the wizard step that can fix it.

use crate::api::new_vm::CreateError;
use crate::api::ApiError;
use crate::logic::vm_draft::VmDraft;
use crate::logic::wizard_steps::WizardStep;

/// The server's refusal in plain words, each against the step that can fix it.
pub fn server_problems(failure: &CreateError, draft: &VmDraft) -> Vec<(WizardStep, String)> {
    let err = match failure {
        CreateError::Vm(err) => err,
        CreateError::AnswerFiles(err) | CreateError::AnswerFilesVmLeft(err) => {
            let what = match err.code() {
                Some(409) => format!(
                    "A Secret named {}-sysprep already exists in namespace {}: remove it, or rename the virtual machine.",
                    draft.name, draft.namespace
                ),
                Some(403) => format!(
                    "You may not create the Secret for the answer files in namespace {}.",
                    draft.namespace
                ),
                _ => err.user_message(),
            };
            let outcome = if matches!(failure, CreateError::AnswerFilesVmLeft(_)) {
                format!("the virtual machine {} was made but could not be deleted again: delete it before you retry", draft.name)
            } else {
                "so no virtual machine was made".to_owned()
            };
            return vec![(
                WizardStep::Advanced,
                format!("The answer files could not be stored, {outcome}. {what}"),
            )];
        }
    };
    match err {
        ApiError::Status {
            code: 422, causes, ..
        } if !causes.is_empty() => causes
            .iter()
            .map(|cause| {
                let field = cause.field.clone().unwrap_or_default();
                let message = if field.is_empty() {
                    cause.message.clone()
                } else {
                    format!("{field}: {}", cause.message)
                };
                (WizardStep::of_api_field(&field), message)
            })
            .collect(),
        _ if err.code() == Some(409) => vec![(
            WizardStep::General,
            format!(
                "A virtual machine named {} already exists in namespace {}. Choose another name.",
                draft.name, draft.namespace
            ),
        )],
        _ if err.code() == Some(403) => vec![(
            WizardStep::Review,
            format!(
                "You may not create virtual machines in namespace {}.",
                draft.namespace
            ),
        )],
        _ => vec![(WizardStep::Review, err.user_message())],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::os::WindowsVersion;
    use crate::logic::vm_draft::windows_draft;
    use crate::model::StatusCause;

    fn status(code: u16, causes: Vec<StatusCause>) -> ApiError {
        ApiError::Status {
            code,
            reason: String::new(),
            message: "refused".into(),
            causes,
        }
    }

    #[test]
    fn each_cause_goes_to_the_step_owning_its_field() {
        let cause = |field: &str| StatusCause {
            field: Some(field.into()),
            message: "bad".into(),
            ..Default::default()
        };
        let err = CreateError::Vm(status(
            422,
            vec![
                cause("spec.template.spec.domain.devices.interfaces[0].model"),
                cause("metadata.name"),
            ],
        ));
        let steps: Vec<WizardStep> =
            server_problems(&err, &windows_draft(WindowsVersion::Windows11))
                .into_iter()
                .map(|(step, _)| step)
                .collect();
        assert_eq!(steps, [WizardStep::Networking, WizardStep::General]);
    }

    #[test]
    fn a_taken_name_and_a_taken_answer_file_name_are_told_apart() {
        let draft = windows_draft(WindowsVersion::Windows11);
        let vm = server_problems(&CreateError::Vm(status(409, vec![])), &draft);
        assert_eq!(vm[0].0, WizardStep::General);
        assert!(vm[0]
            .1
            .starts_with("A virtual machine named win already exists"));
        let files = server_problems(&CreateError::AnswerFiles(status(409, vec![])), &draft);
        assert_eq!(files[0].0, WizardStep::Advanced);
        assert!(
            files[0].1.contains("win-sysprep already exists"),
            "{}",
            files[0].1
        );
        let left = server_problems(&CreateError::AnswerFilesVmLeft(status(500, vec![])), &draft);
        assert!(left[0].1.contains("could not be deleted again"));
    }
}
