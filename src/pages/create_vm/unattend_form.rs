//! The form that generates an answer file: licence, machine, administrator, language and the
//! two guest tools switches. Each problem shows beside its input.

use leptos::prelude::*;

use super::Wizard;
use crate::components::{FormGroup, SelectCaret};
use crate::logic::unattend::choices::{editions, LOCALES, TIME_ZONES};
use crate::logic::unattend::{check_settings, SettingsField, UnattendSettings};
use crate::logic::vm_draft::{DraftField, SysprepChoice};

#[component]
pub fn UnattendForm(wizard: Wizard) -> impl IntoView {
    let draft = wizard.draft;
    let settings = move || match &draft.read().sysprep {
        SysprepChoice::Generate(s) => s.clone(),
        _ => UnattendSettings::new("", ""),
    };
    let edit = move |change: &dyn Fn(&mut UnattendSettings)| {
        draft.update(|d| {
            if let SysprepChoice::Generate(s) = &mut d.sysprep {
                change(s);
            }
        });
        wizard.touch(DraftField::Sysprep);
    };
    let any_shown = wizard.error(DraftField::Sysprep);
    let error = move |field: SettingsField| {
        Signal::derive(move || {
            any_shown.get()?;
            check_settings(&settings())
                .into_iter()
                .find(|(f, _)| *f == field)
                .map(|(_, m)| m)
        })
    };
    let text = move |id: &'static str,
                     label: &'static str,
                     kind: &'static str,
                     field: Option<SettingsField>,
                     get: fn(&UnattendSettings) -> String,
                     set: fn(&mut UnattendSettings, String),
                     hint: &'static str| {
        let error = field.map(error).unwrap_or_else(|| Signal::derive(|| None));
        view! {
            <FormGroup id label hint error>
                <span class="pf-v6-c-form-control" class:pf-m-error=move || error.get().is_some()>
                    <input
                        id=id
                        type=kind
                        autocomplete="off"
                        prop:value=move || get(&settings())
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            edit(&|s| set(s, value.clone()))
                        }
                    />
                </span>
            </FormGroup>
        }
    };
    let select = move |id: &'static str,
                       label: &'static str,
                       options: Vec<(String, String)>,
                       get: fn(&UnattendSettings) -> String,
                       set: fn(&mut UnattendSettings, String)| {
        view! {
            <FormGroup id label>
                <span class="pf-v6-c-form-control wvm-select">
                    <select
                        id=id
                        prop:value=move || get(&settings())
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            edit(&|s| set(s, value.clone()))
                        }
                    >
                        {options
                            .into_iter()
                            .map(|(value, label)| {
                                let chosen = value.clone();
                                view! {
                                    <option value=value selected=move || get(&settings()) == chosen>
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <SelectCaret />
                </span>
            </FormGroup>
        }
    };
    let check = move |id: &'static str,
                      label: &'static str,
                      field: Option<SettingsField>,
                      get: fn(&UnattendSettings) -> bool,
                      set: fn(&mut UnattendSettings, bool)| {
        let error = field.map(error).unwrap_or_else(|| Signal::derive(|| None));
        view! {
            <div class="pf-v6-c-form__group">
                <div class="pf-v6-c-check">
                    <input
                        class="pf-v6-c-check__input"
                        type="checkbox"
                        id=id
                        prop:checked=move || get(&settings())
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            edit(&|s| set(s, on))
                        }
                    />
                    <label class="pf-v6-c-check__label" for=id>
                        {label}
                    </label>
                </div>
                {move || {
                    error
                        .get()
                        .map(|m| {
                            view! {
                                <p class="wvm-check-error" data-testid=format!("{id}-error")>
                                    {m}
                                </p>
                            }
                        })
                }}
            </div>
        }
    };
    let version = draft
        .with_untracked(|d| d.os.windows())
        .unwrap_or(crate::logic::os::WindowsVersion::Windows11);
    let edition_options = editions(version)
        .iter()
        .map(|e| (e.image_name.to_owned(), e.label.to_owned()))
        .collect();
    let zones = TIME_ZONES
        .iter()
        .map(|z| (z.to_string(), z.to_string()))
        .collect();
    let locales = || {
        LOCALES
            .iter()
            .map(|(tag, label)| (tag.to_string(), format!("{label} ({tag})")))
            .collect::<Vec<_>>()
    };
    view! {
        <div class="pf-v6-c-form wvm-unattend-form">
            {text(
                "unattend-key",
                "Product key",
                "text",
                Some(SettingsField::ProductKey),
                |s| s.product_key.clone(),
                |s, v| s.product_key = v,
                "Leave empty to use a key in the firmware, or to enter one inside Windows later.",
            )}
            {select(
                "unattend-edition",
                "Edition",
                edition_options,
                |s| s.edition.clone(),
                |s, v| s.edition = v,
            )}
            {text(
                "unattend-computer",
                "Computer name",
                "text",
                Some(SettingsField::ComputerName),
                |s| s.computer_name.clone(),
                |s, v| s.computer_name = v,
                "At most 15 letters, digits or '-'.",
            )}
            {text(
                "unattend-organization",
                "Organization",
                "text",
                None,
                |s| s.organization.clone(),
                |s, v| s.organization = v,
                "",
            )}
            {text(
                "unattend-admin",
                "Administrator account",
                "text",
                Some(SettingsField::AdminName),
                |s| s.admin_name.clone(),
                |s, v| s.admin_name = v,
                "",
            )}
            {text(
                "unattend-password",
                "Administrator password",
                "password",
                Some(SettingsField::AdminPassword),
                |s| s.admin_password.clone(),
                |s, v| s.admin_password = v,
                "Kept in a Secret with the answer file, never shown again; not kept across a page reload.",
            )}
            {select(
                "unattend-time-zone",
                "Time zone",
                zones,
                |s| s.time_zone.clone(),
                |s, v| s.time_zone = v,
            )}
            {select(
                "unattend-locale",
                "Language and formats",
                locales(),
                |s| s.locale.clone(),
                |s, v| s.locale = v,
            )}
            {select(
                "unattend-keyboard",
                "Keyboard",
                locales(),
                |s| s.keyboard.clone(),
                |s, v| s.keyboard = v,
            )}
            {check(
                "unattend-eula",
                "Accept the Microsoft software licence terms",
                Some(SettingsField::AcceptEula),
                |s| s.accept_eula,
                |s, on| s.accept_eula = on,
            )}
            {check(
                "unattend-drivers",
                "Load the VirtIO storage and network drivers from the guest tools CD during setup",
                None,
                |s| s.load_virtio_drivers,
                |s, on| s.load_virtio_drivers = on,
            )}
            {check(
                "unattend-guest-tools",
                "Install the guest tools and guest agent at first logon",
                None,
                |s| s.install_guest_tools,
                |s, on| s.install_guest_tools = on,
            )}
            {check(
                "unattend-remote-desktop",
                "Enable Remote Desktop, with its firewall rule (Network Level Authentication required)",
                None,
                |s| s.enable_remote_desktop,
                |s, on| s.enable_remote_desktop = on,
            )}
        </div>
    }
}
