//! Links to the app's pages, under the base path the app was mounted at.

use crate::context::try_use_config;
use crate::logic::routes::{with_base, AppRoute};

/// The base path from the app's configuration (empty when there is none).
pub fn base_path() -> String {
    try_use_config()
        .map(|config| config.base_path)
        .unwrap_or_default()
}

/// The address of a page, for an `href`.
pub fn href(route: &AppRoute) -> String {
    with_base(&base_path(), &route.path())
}
