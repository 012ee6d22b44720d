//! What a cluster with KubeVirt, CDI and common-instancetypes has before anyone creates a VM:
//! the cluster instancetypes and preferences (the bundled ones, or read from common-instancetypes
//! manifests), DataSources for the OS images, and the `virtio-win` ConfigMap that names the
//! Windows guest tools image.

use std::path::Path;

use mock_api::kubevirt_data::read_manifests;
use serde_json::{json, Value};

use crate::kube::resources::{
    ResourceType, CLUSTER_INSTANCETYPES, CLUSTER_PREFERENCES, CONFIG_MAPS, DATA_SOURCES,
    NETWORK_ATTACHMENT_DEFINITIONS, PERSISTENT_VOLUME_CLAIMS,
};
use crate::kube::status::ApiStatus;
use crate::store::Store;

/// The image of the Windows guest tools CD.
pub const GUEST_TOOLS_IMAGE: &str = "quay.io/kubevirt/virtio-container-disk:v1.6.0";
/// Where OpenShift Virtualization keeps the `virtio-win` ConfigMap.
pub const CNV_NAMESPACE: &str = "openshift-cnv";
/// Where OS images and their DataSources live.
pub const OS_IMAGES_NAMESPACE: &str = "kubevirt-os-images";

/// Reads the cluster instancetypes and preferences from common-instancetypes manifests in `dir`.
pub fn read_common_instancetypes(dir: &Path) -> Result<Vec<Value>, String> {
    let mut objects = Vec::new();
    for file in ["cluster-instancetypes.yaml", "cluster-preferences.yaml"] {
        objects.extend(read_manifests(&dir.join(file)).map_err(|err| err.to_string())?);
    }
    Ok(objects)
}

/// Stores the cluster instancetypes and preferences among `objects`; says how many.
pub fn load_cluster_objects(store: &mut Store, objects: Vec<Value>) -> Result<usize, String> {
    let mut count = 0;
    for object in objects {
        let resource = [&CLUSTER_INSTANCETYPES, &CLUSTER_PREFERENCES]
            .into_iter()
            .find(|resource| object["kind"] == resource.kind);
        if let Some(resource) = resource {
            store
                .create(resource, "", object, false)
                .map_err(|err| err.to_string())?;
            count += 1;
        }
    }
    Ok(count)
}

/// The `virtio-win` ConfigMap and the OS image DataSources.
pub fn seed(store: &mut Store) -> Result<(), ApiStatus> {
    store.create(
        &CONFIG_MAPS,
        CNV_NAMESPACE,
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "virtio-win"},
               "data": {"virtio-win-image": GUEST_TOOLS_IMAGE}}),
        false,
    )?;
    let images = [
        ("windows-11", "windows.11", "u1.large"),
        ("windows-10", "windows.10", "u1.large"),
        ("windows-2k25", "windows.2k25", "u1.large"),
        ("windows-2k22", "windows.2k22", "u1.large"),
        ("windows-2k19", "windows.2k19", "u1.large"),
        ("fedora", "fedora", "u1.medium"),
    ];
    for (name, preference, instancetype) in images {
        create_data_source(store, &DATA_SOURCES, name, preference, instancetype)?;
    }
    // A Linux bridge on the lab network, as Multus would attach it.
    let bridge =
        json!({"cniVersion": "0.3.1", "name": "lab-bridge", "type": "bridge", "bridge": "br1"});
    store.create(
        &NETWORK_ATTACHMENT_DEFINITIONS,
        "windows-dev",
        json!({"apiVersion": "k8s.cni.cncf.io/v1", "kind": "NetworkAttachmentDefinition",
               "metadata": {"name": "lab-bridge", "annotations": {"k8s.v1.cni.cncf.io/resourceName": "bridge.network.kubevirt.io/br1"}},
               "spec": {"config": bridge.to_string()}}),
        false,
    )?;
    Ok(())
}

fn create_data_source(
    store: &mut Store,
    resource: &ResourceType,
    name: &str,
    preference: &str,
    instancetype: &str,
) -> Result<(), ApiStatus> {
    let claim = format!("{name}-image");
    let source = json!({"pvc": {"name": claim, "namespace": OS_IMAGES_NAMESPACE}});
    // The imported image the DataSource points at.
    store.create(
        &PERSISTENT_VOLUME_CLAIMS,
        OS_IMAGES_NAMESPACE,
        json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": claim},
               "spec": {"accessModes": ["ReadWriteMany"], "volumeMode": "Block",
                        "resources": {"requests": {"storage": "64Gi"}}}}),
        false,
    )?;
    store.set_status(
        &PERSISTENT_VOLUME_CLAIMS,
        OS_IMAGES_NAMESPACE,
        &claim,
        json!({"phase": "Bound", "accessModes": ["ReadWriteMany"], "capacity": {"storage": "64Gi"}}),
    );
    store.create(
        resource,
        OS_IMAGES_NAMESPACE,
        json!({
            "apiVersion": "cdi.kubevirt.io/v1beta1", "kind": "DataSource",
            "metadata": {"name": name, "labels": {
                "instancetype.kubevirt.io/default-preference": preference,
                "instancetype.kubevirt.io/default-instancetype": instancetype
            }},
            "spec": {"source": source}
        }),
        false,
    )?;
    store.set_status(
        resource,
        OS_IMAGES_NAMESPACE,
        name,
        json!({"source": source, "conditions": [{"type": "Ready", "status": "True", "reason": "Ready",
            "message": "DataSource is ready to be consumed", "lastHeartbeatTime": null, "lastTransitionTime": null}]}),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_instancetypes_and_preferences_load() {
        let mut store = Store::default();
        let objects = mock_api::kubevirt_data::bundled_cluster_objects().unwrap();
        let count = load_cluster_objects(&mut store, objects).unwrap();
        assert!(count > 100, "{count}");
        let windows = store.get(&CLUSTER_PREFERENCES, "", "windows.11").unwrap();
        assert_eq!(windows["spec"]["devices"]["preferredDiskBus"], "sata");
        let large = store.get(&CLUSTER_INSTANCETYPES, "", "u1.large").unwrap();
        assert_eq!(large["spec"]["cpu"]["guest"], 2);
        assert_eq!(large["spec"]["memory"]["guest"], "8Gi");
    }
}
