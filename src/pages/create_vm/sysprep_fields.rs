//! The Sysprep section of Advanced (Windows only): no answer file, uploaded ones (checked in
//! place, with the line of a problem), or one generated from a form.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::unattend_form::UnattendForm;
use super::Wizard;
use crate::components::icons::{Icon, IconKind};
use crate::components::{Button, ButtonVariant};
use crate::logic::unattend::{check_upload, choices::editions, AnswerFile, UnattendSettings};
use crate::logic::vm_draft::{DraftField, SysprepChoice};

#[component]
pub fn SysprepFields(wizard: Wizard) -> impl IntoView {
    let draft = wizard.draft;
    let mode = move || match draft.read().sysprep {
        SysprepChoice::None => "none",
        SysprepChoice::Upload { .. } => "upload",
        SysprepChoice::Generate(_) => "generate",
    };
    let choose = move |value: &'static str| {
        move |_| {
            draft.update(|d| {
                d.sysprep = match value {
                    "upload" => SysprepChoice::Upload { files: Vec::new() },
                    "generate" => {
                        let version =
                            d.os.windows()
                                .unwrap_or(crate::logic::os::WindowsVersion::Windows11);
                        let edition = editions(version)[0].image_name;
                        SysprepChoice::Generate(UnattendSettings::new(&d.name, edition))
                    }
                    _ => SysprepChoice::None,
                };
                d.follow_remote_desktop_default();
            })
        }
    };
    let radio = move |value: &'static str, label: &'static str, description: &'static str| {
        view! {
            <div class="pf-v6-c-radio">
                <input
                    class="pf-v6-c-radio__input"
                    type="radio"
                    name="vm-sysprep"
                    id=format!("vm-sysprep-{value}")
                    prop:checked=move || mode() == value
                    on:change=choose(value)
                />
                <label class="pf-v6-c-radio__label" for=format!("vm-sysprep-{value}")>
                    {label}
                </label>
                <span class="pf-v6-c-radio__description">{description}</span>
            </div>
        }
    };
    view! {
        <section class="wvm-advanced__section" aria-labelledby="wvm-sysprep-title">
            <h4 class="pf-v6-c-title pf-m-md" id="wvm-sysprep-title">
                "Sysprep"
            </h4>
            <div role="radiogroup" aria-labelledby="wvm-sysprep-title" class="wvm-sysprep__choices">
                {radio(
                    "none",
                    "None",
                    "Set Windows up by hand in its console; enter the product key inside Windows later.",
                )}
                {radio(
                    "upload",
                    "Upload answer files",
                    "autounattend.xml for setup, unattend.xml for after a sysprep.",
                )}
                {radio(
                    "generate",
                    "Generate an answer file",
                    "Product key, administrator, language and time zone; installs the drivers and the guest agent without a click.",
                )}
            </div>
            {move || match mode() {
                "upload" => view! { <UploadFields wizard /> }.into_any(),
                "generate" => view! { <UnattendForm wizard /> }.into_any(),
                _ => ().into_any(),
            }}
        </section>
    }
}

/// A file input; each good file is kept (replacing one of the same name), a bad one explained.
#[component]
fn UploadFields(wizard: Wizard) -> impl IntoView {
    let draft = wizard.draft;
    let problem = RwSignal::new(None::<String>);
    let files = move || match &draft.read().sysprep {
        SysprepChoice::Upload { files } => files.clone(),
        _ => Vec::new(),
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|list| list.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let name = file.name();
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            let Some(text) = text else {
                problem.set(Some(format!("{name} could not be read.")));
                return;
            };
            match check_upload(&name, &text) {
                Ok(checked) => {
                    problem.set(None);
                    draft.update(|d| {
                        if let SysprepChoice::Upload { files } = &mut d.sysprep {
                            files.retain(|f| f.name != checked.name);
                            files.push(checked);
                        }
                    });
                }
                Err(err) => problem.set(Some(format!("{name} was not added. {err}"))),
            }
        });
    };
    let remove = move |name: String| {
        draft.update(|d| {
            if let SysprepChoice::Upload { files } = &mut d.sysprep {
                files.retain(|f| f.name != name);
            }
        })
    };
    let shown_error = wizard.error(DraftField::Sysprep);
    view! {
        <div class="pf-v6-c-form__group wvm-sysprep__upload">
            <label class="pf-v6-c-form__label" for="vm-sysprep-file">
                <span class="pf-v6-c-form__label-text">"Answer file"</span>
            </label>
            <input
                id="vm-sysprep-file"
                type="file"
                accept=".xml,application/xml,text/xml"
                on:change=on_change
            />
            <div class="pf-v6-c-helper-text" aria-live="polite">
                {move || {
                    problem
                        .get()
                        .or_else(|| shown_error.get())
                        .map(|message| {
                            view! {
                                <div class="pf-v6-c-helper-text__item pf-m-error">
                                    <span class="pf-v6-c-helper-text__item-icon">
                                        <Icon kind=IconKind::ExclamationCircle />
                                    </span>
                                    <span
                                        class="pf-v6-c-helper-text__item-text"
                                        data-testid="sysprep-upload-error"
                                    >
                                        {message}
                                    </span>
                                </div>
                            }
                        })
                }}
            </div>
            <ul class="wvm-sysprep__files">
                {move || {
                    files()
                        .into_iter()
                        .map(|file: AnswerFile| {
                            let name = file.name.clone();
                            view! {
                                <li data-testid="sysprep-file">
                                    <code>{file.name.clone()}</code>
                                    {format!(
                                        " ({:.1} KiB, kept in a Secret) ",
                                        file.text.len() as f64 / 1024.0,
                                    )}
                                    <Button
                                        variant=ButtonVariant::InlineLink
                                        on_click=Callback::new(move |_| remove(name.clone()))
                                    >
                                        {format!("Remove {}", file.name)}
                                    </Button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
