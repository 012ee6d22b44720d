//! Namespace reads, for the namespace selector.

use leptos::prelude::{expect_context, provide_context};

use super::resource::ApiResource;
use super::typed::{Api, ListParams};
use super::{ApiClient, ApiError};
use crate::model::Namespace;

/// The names of every namespace the user may list, sorted.
pub async fn list_names(client: &ApiClient) -> Result<Vec<String>, ApiError> {
    let (items, _) = Api::<Namespace>::all(client)
        .list(&ListParams::default())
        .await?;
    let mut names: Vec<String> = items.into_iter().map(|ns| ns.metadata.name).collect();
    names.sort();
    Ok(names)
}

/// The namespace names, read once for the whole app and shared through context.
#[derive(Clone, Copy)]
pub struct NamespaceNames(pub ApiResource<Vec<String>>);

impl NamespaceNames {
    /// Starts reading the names and provides them to every component below.
    pub fn provide(client: ApiClient) {
        let names = ApiResource::new(
            || (),
            move |()| {
                let client = client.clone();
                async move { list_names(&client).await }
            },
        );
        provide_context(NamespaceNames(names));
    }

    /// The names provided by the app.
    pub fn expect() -> Self {
        expect_context()
    }
}
