//! What the cluster offers a new VM, read from its objects: instancetypes, preferences, the
//! guest tools image (`virtio-win` ConfigMap), secondary networks and bootable volumes.

use serde_json::Value;

use super::vm_draft::InstancetypeChoice;
use crate::model::ObjectRef;

/// The image that carries the Windows guest tools when the cluster names none.
pub const FALLBACK_GUEST_TOOLS_IMAGE: &str = "quay.io/kubevirt/virtio-container-disk:v1.6.0";

/// What a new VM may use, as far as the cluster told (empty lists when it could not).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterOptions {
    /// General-purpose (`u1`) cluster instancetypes, smallest first.
    pub instancetypes: Vec<InstancetypeChoice>,
    /// Names of the cluster preferences.
    pub preferences: Vec<String>,
    /// The guest tools image: the cluster's, else the configured fallback.
    pub guest_tools_image: String,
    /// Whether `guest_tools_image` came from the cluster's `virtio-win` ConfigMap.
    pub guest_tools_from_cluster: bool,
    /// NetworkAttachmentDefinitions in the VM's namespace.
    pub attachments: Vec<String>,
    /// DataSources ready to boot from.
    pub data_sources: Vec<ObjectRef>,
    /// What each DataSource tells of its image, keyed by `namespace/name`.
    pub data_source_info: std::collections::BTreeMap<String, DataSourceInfo>,
    /// PVCs that may hold an install ISO.
    pub claims: Vec<ObjectRef>,
    /// Reads that failed for a reason other than the kind not being there or not being
    /// allowed (logged out, timed out, a server error), in words: the wizard says so instead
    /// of passing the gap off as "not installed".
    pub unread: Vec<String>,
}

impl ClusterOptions {
    /// Options of a cluster that told nothing, with `fallback_image` for the guest tools.
    pub fn unknown(fallback_image: &str) -> Self {
        Self {
            instancetypes: Vec::new(),
            preferences: Vec::new(),
            guest_tools_image: fallback_image.to_owned(),
            guest_tools_from_cluster: false,
            attachments: Vec::new(),
            data_sources: Vec::new(),
            data_source_info: Default::default(),
            claims: Vec::new(),
            unread: Vec::new(),
        }
    }

    /// Whether the cluster has the preference `name`.
    pub fn has_preference(&self, name: &str) -> bool {
        self.preferences.iter().any(|p| p == name)
    }
}

/// What a bootable volume says the VM booting from it should be.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceDefaults {
    pub instancetype: Option<String>,
    pub preference: Option<String>,
}

/// What a DataSource tells of the image it publishes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DataSourceInfo {
    /// The instancetype and preference it suggests.
    pub defaults: SourceDefaults,
    /// Whether its `Ready` condition is true: a clone from it can start now.
    pub ready: bool,
    /// Size of the image, from the PVC it points at, when that PVC could be read.
    pub size_mib: Option<u64>,
}

/// What `data_source` tells of its image; `claim_size` gives the size (MiB) of a PVC by
/// namespace and name, when it is known.
pub fn data_source_info(
    data_source: &Value,
    claim_size: impl Fn(&str, &str) -> Option<u64>,
) -> DataSourceInfo {
    let ready = data_source["status"]["conditions"]
        .as_array()
        .is_some_and(|conditions| {
            conditions
                .iter()
                .any(|c| c["type"] == "Ready" && c["status"] == "True")
        });
    let pvc = &data_source["spec"]["source"]["pvc"];
    let own_namespace = data_source["metadata"]["namespace"].as_str().unwrap_or("");
    let size_mib = pvc["name"]
        .as_str()
        .and_then(|name| claim_size(pvc["namespace"].as_str().unwrap_or(own_namespace), name));
    DataSourceInfo {
        defaults: source_defaults(data_source),
        ready,
        size_mib,
    }
}

impl DataSourceInfo {
    /// The image's size and readiness in words: `64 GiB, ready`.
    pub fn summary(&self) -> String {
        let state = if self.ready { "ready" } else { "not ready yet" };
        match self.size_mib {
            Some(mib) => format!("{}, {state}", memory_label(mib)),
            None => state.to_owned(),
        }
    }
}

/// Size of a PVC in MiB: what it holds once bound, else what it asks for.
pub fn claim_size_mib(claim: &Value) -> Option<u64> {
    claim["status"]["capacity"]["storage"]
        .as_str()
        .or_else(|| claim["spec"]["resources"]["requests"]["storage"].as_str())
        .and_then(quantity_mib)
}

/// The defaults a DataSource object carries in its labels.
pub fn source_defaults(data_source: &Value) -> SourceDefaults {
    let label = |key: &str| {
        data_source["metadata"]["labels"][key]
            .as_str()
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    SourceDefaults {
        instancetype: label("instancetype.kubevirt.io/default-instancetype"),
        preference: label("instancetype.kubevirt.io/default-preference"),
    }
}

/// The general-purpose instancetypes among `items` (cluster instancetype objects), smallest
/// first. Other series (compute, memory, real-time) are for specialists and left out.
pub fn general_purpose_instancetypes(items: &[Value]) -> Vec<InstancetypeChoice> {
    let mut choices: Vec<InstancetypeChoice> = items
        .iter()
        .filter_map(instancetype_choice)
        .filter(|it| it.name.starts_with("u1."))
        .collect();
    choices.sort_by_key(|it| (it.cpus, it.memory_mib));
    choices
}

fn instancetype_choice(item: &Value) -> Option<InstancetypeChoice> {
    Some(InstancetypeChoice {
        name: item["metadata"]["name"].as_str()?.to_owned(),
        cpus: u32::try_from(item["spec"]["cpu"]["guest"].as_u64()?).ok()?,
        memory_mib: quantity_mib(item["spec"]["memory"]["guest"].as_str()?)?,
    })
}

/// A memory quantity (`512Mi`, `4Gi`, `1Ti`, `2G`) in MiB, rounded down.
pub fn quantity_mib(quantity: &str) -> Option<u64> {
    let split = quantity
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(quantity.len());
    let (number, unit) = quantity.split_at(split);
    let number: u64 = number.parse().ok()?;
    let bytes_per_unit: u64 = match unit {
        "" => 1,
        "Ki" => 1 << 10,
        "Mi" => 1 << 20,
        "Gi" => 1 << 30,
        "Ti" => 1 << 40,
        "k" => 1_000,
        "M" => 1_000_000,
        "G" => 1_000_000_000,
        "T" => 1_000_000_000_000,
        _ => return None,
    };
    number.checked_mul(bytes_per_unit).map(|b| b >> 20)
}

/// The image named by a `virtio-win` ConfigMap, if it names one.
pub fn guest_tools_image(config_map: &Value) -> Option<String> {
    config_map["data"]["virtio-win-image"]
        .as_str()
        .map(str::trim)
        .filter(|image| !image.is_empty())
        .map(str::to_owned)
}

/// Shows a size in plain words: `4 GiB`, `512 MiB`.
pub fn memory_label(mib: u64) -> String {
    if mib.is_multiple_of(1024) {
        format!("{} GiB", mib / 1024)
    } else {
        format!("{mib} MiB")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_general_purpose_instancetypes_are_offered_smallest_first() {
        let it = |name: &str, cpus: u32, memory: &str| json!({"metadata": {"name": name}, "spec": {"cpu": {"guest": cpus}, "memory": {"guest": memory}}});
        let items = [
            it("u1.large", 2, "8Gi"),
            it("cx1.large", 2, "4Gi"),
            it("u1.nano", 1, "512Mi"),
            json!({"metadata": {"name": "u1.broken"}, "spec": {}}),
        ];
        let names: Vec<(String, u64)> = general_purpose_instancetypes(&items)
            .into_iter()
            .map(|it| (it.name, it.memory_mib))
            .collect();
        assert_eq!(names, [("u1.nano".into(), 512), ("u1.large".into(), 8192)]);
    }

    #[test]
    fn quantities_read_binary_and_decimal_units() {
        assert_eq!(quantity_mib("4Gi"), Some(4096));
        assert_eq!(quantity_mib("512Mi"), Some(512));
        assert_eq!(quantity_mib("2G"), Some(1907));
        assert_eq!(quantity_mib("lots"), None);
        assert_eq!(memory_label(4096), "4 GiB");
        assert_eq!(memory_label(512), "512 MiB");
    }

    #[test]
    fn the_virtio_win_config_map_names_the_image() {
        let cm = json!({"data": {"virtio-win-image": "registry.example/virtio-win:4.19"}});
        assert_eq!(
            guest_tools_image(&cm).as_deref(),
            Some("registry.example/virtio-win:4.19")
        );
        assert_eq!(guest_tools_image(&json!({"data": {}})), None);
    }
}
