//! Keeps what the user has not chosen on what the cluster offers (the OS's ready image, the
//! instancetype that fits, see `logic::create_defaults`), and fills in a namespace when the page
//! names none.

use std::collections::HashSet;

use futures::future::join_all;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;

use super::Wizard;
use crate::api::access::may_create_vms;
use crate::api::namespaces::NamespaceNames;
use crate::api::ApiClient;
use crate::logic::create_defaults::{default_namespace, namespaces_to_ask, with_cluster_defaults};
use crate::pages::last_namespace;

/// Applies the cluster's defaults whenever what the cluster offers is read (again: the
/// namespace changed). Changes of the OS apply them where they happen (`Wizard::set_os`).
pub fn follow_cluster_defaults(wizard: Wizard) {
    let draft = wizard.draft;
    Effect::new(move |_| {
        let options = wizard.cluster.get();
        let current = draft.get_untracked();
        let next = with_cluster_defaults(&current, &options);
        if next != current {
            draft.set(next);
        }
    });
}

/// When the draft has no namespace, picks the remembered one or the first where the user may
/// create VMs, once the namespace names are read. A namespace the user picks meanwhile wins.
pub fn fill_namespace(wizard: Wizard, client: ApiClient) {
    if !wizard.draft.read_untracked().namespace.is_empty() {
        return;
    }
    let NamespaceNames(names) = NamespaceNames::expect();
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) {
            return true;
        }
        // Unread yet: wait. Not allowed to list namespaces: ask only about the remembered one.
        let Some(listed) = names.get() else {
            return false;
        };
        let listed = listed.unwrap_or_default();
        let client = client.clone();
        spawn_local_scoped_with_cancellation(async move {
            let remembered = last_namespace::load();
            let asked = namespaces_to_ask(remembered.as_deref(), &listed);
            let answers = join_all(asked.iter().map(|ns| may_create_vms(&client, ns))).await;
            // A review that failed counts as "no": the default must not lead into a refusal.
            let allowed: HashSet<&str> = asked
                .iter()
                .zip(answers)
                .filter(|(_, answer)| matches!(answer, Ok(true)))
                .map(|(ns, _)| ns.as_str())
                .collect();
            let chosen =
                default_namespace(remembered.as_deref(), &listed, &|ns| allowed.contains(ns));
            wizard.draft.update(|d| {
                if d.namespace.is_empty() {
                    d.namespace = chosen;
                }
            });
        });
        true
    });
}
