//! The run-time configuration served beside index.html (`config.json`), so one build serves
//! the console proxy, `kubectl proxy` and the mock alike.

use serde::Deserialize;

use crate::logic::cluster_options::FALLBACK_GUEST_TOOLS_IMAGE;
use crate::logic::switch_safety::DEFAULT_AGENT_TIMEOUT_SECONDS;

/// API base of the OpenShift console's proxy, used when nothing else is configured.
pub const DEFAULT_API_BASE: &str = "/api/kubernetes";

/// The image that runs scheduled restarts: it needs `/bin/sh`, GNU `date` and `kubectl`.
pub const DEFAULT_RESTART_JOB_IMAGE: &str = "quay.io/openshift/origin-cli:4.19";

/// What `config.json` may say.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AppConfig {
    /// Path under which the Kubernetes API is reached.
    pub api_base: String,
    /// Image of the Job that restarts a VM at its scheduled time.
    pub restart_job_image: String,
    /// How long after a switch restart the guest agent may take before Revert is offered.
    pub agent_timeout_seconds: u32,
    /// The Windows guest tools image used when the cluster has no `virtio-win` ConfigMap.
    pub guest_tools_image: String,
    /// Path the app's pages live under (`/windows-vms` in the console; empty standalone).
    pub base_path: String,
    /// Whether the app is mounted inside another page (the console), which brings its own
    /// masthead and navigation.
    pub embedded: bool,
    /// The namespace to open when the address names none (the console's active namespace).
    pub namespace: Option<String>,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            api_base: DEFAULT_API_BASE.to_owned(),
            restart_job_image: DEFAULT_RESTART_JOB_IMAGE.to_owned(),
            agent_timeout_seconds: DEFAULT_AGENT_TIMEOUT_SECONDS,
            guest_tools_image: FALLBACK_GUEST_TOOLS_IMAGE.to_owned(),
            base_path: String::new(),
            embedded: false,
            namespace: None,
        }
    }
}

/// Where the standalone build finds its configuration: at the root, beside index.html, so a
/// deep link such as `/ns/dev/vms` reads the same file.
const CONFIG_PATH: &str = "/config.json";

/// Reads `config.json`; a missing or unreadable file means the defaults.
pub async fn load() -> AppConfig {
    let Ok(response) = gloo_net::http::Request::get(CONFIG_PATH).send().await else {
        return AppConfig::default();
    };
    if !response.ok() {
        return AppConfig::default();
    }
    response.json::<AppConfig>().await.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_fields_fall_back_to_the_console_proxy() {
        let config: AppConfig = serde_json::from_str("{}").unwrap();
        assert_eq!(config.api_base, "/api/kubernetes");
        let config: AppConfig = serde_json::from_str(r#"{"apiBase":"/k8s"}"#).unwrap();
        assert_eq!(config.api_base, "/k8s");
        assert_eq!(config.restart_job_image, DEFAULT_RESTART_JOB_IMAGE);
    }
}
