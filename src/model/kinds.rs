//! The kinds the app reads or writes only as JSON (through `Raw<K>`) or by name: each a type
//! with just its metadata, so the API layer knows where the server keeps it.

use serde::Deserialize;

use super::resource::resource;
use super::ObjectMeta;

/// Declares a kind known only by its metadata.
macro_rules! metadata_only {
    ($(#[$doc:meta])* $name:ident, $group:literal, $version:literal, $plural:literal, $namespaced:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Deserialize)]
        #[serde(default)]
        pub struct $name {
            pub metadata: ObjectMeta,
        }

        resource!($name, $group, $version, $plural, stringify!($name), $namespaced);
    };
}

metadata_only!(
    /// Holds the guest tools image name (`virtio-win`).
    ConfigMap, "", "v1", "configmaps", true
);
metadata_only!(
    /// Holds a VM's answer files.
    Secret, "", "v1", "secrets", true
);
metadata_only!(
    /// Runs a scheduled restart.
    ServiceAccount, "", "v1", "serviceaccounts", true
);
metadata_only!(
    /// Lets a scheduled restart restart its one VM.
    Role, "rbac.authorization.k8s.io", "v1", "roles", true
);
metadata_only!(
    /// Grants a scheduled restart's Role to its ServiceAccount.
    RoleBinding, "rbac.authorization.k8s.io", "v1", "rolebindings", true
);
metadata_only!(
    /// Asks the API server who the user is.
    SelfSubjectReview, "authentication.k8s.io", "v1", "selfsubjectreviews", false
);
metadata_only!(
    /// A claim a new VM's disk may clone.
    PersistentVolumeClaim, "", "v1", "persistentvolumeclaims", true
);
metadata_only!(
    /// A named OS image a new VM's disk may clone.
    DataSource, "cdi.kubevirt.io", "v1beta1", "datasources", true
);
metadata_only!(
    /// A secondary network a NIC may join.
    NetworkAttachmentDefinition, "k8s.cni.cncf.io", "v1", "network-attachment-definitions", true
);
metadata_only!(
    /// A size a new VM may take.
    VirtualMachineClusterInstancetype, "instancetype.kubevirt.io", "v1beta1",
    "virtualmachineclusterinstancetypes", false
);
metadata_only!(
    /// Defaults for a guest OS.
    VirtualMachineClusterPreference, "instancetype.kubevirt.io", "v1beta1",
    "virtualmachineclusterpreferences", false
);
