//! The kinds of object the mock serves, with what discovery says about each.

/// One served resource: where it lives in the API and how kubectl may name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResourceType {
    /// API group; empty for the core group.
    pub group: &'static str,
    pub version: &'static str,
    pub plural: &'static str,
    pub singular: &'static str,
    pub kind: &'static str,
    pub namespaced: bool,
    pub short_names: &'static [&'static str],
    pub categories: &'static [&'static str],
    /// Whether `status` is a subresource: then a create or update of the object ignores it.
    pub status_subresource: bool,
}

impl ResourceType {
    /// `group/version`, or just `version` for the core group.
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.to_owned()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// `plural.group`, as Kubernetes names the resource in messages.
    pub fn qualified_name(&self) -> String {
        if self.group.is_empty() {
            self.plural.to_owned()
        } else {
            format!("{}.{}", self.plural, self.group)
        }
    }
}

#[allow(clippy::too_many_arguments)]
const fn kind(
    group: &'static str,
    version: &'static str,
    plural: &'static str,
    singular: &'static str,
    kind: &'static str,
    namespaced: bool,
    short_names: &'static [&'static str],
    categories: &'static [&'static str],
    status_subresource: bool,
) -> ResourceType {
    ResourceType {
        group,
        version,
        plural,
        singular,
        kind,
        namespaced,
        short_names,
        categories,
        status_subresource,
    }
}

pub const NAMESPACES: ResourceType = kind(
    "",
    "v1",
    "namespaces",
    "namespace",
    "Namespace",
    false,
    &["ns"],
    &[],
    true,
);
pub const CONFIG_MAPS: ResourceType = kind(
    "",
    "v1",
    "configmaps",
    "configmap",
    "ConfigMap",
    true,
    &["cm"],
    &[],
    false,
);
pub const SECRETS: ResourceType = kind(
    "",
    "v1",
    "secrets",
    "secret",
    "Secret",
    true,
    &[],
    &[],
    false,
);
pub const SERVICES: ResourceType = kind(
    "",
    "v1",
    "services",
    "service",
    "Service",
    true,
    &["svc"],
    &["all"],
    true,
);
pub const NODES: ResourceType = kind("", "v1", "nodes", "node", "Node", false, &["no"], &[], true);
pub const PERSISTENT_VOLUME_CLAIMS: ResourceType = kind(
    "",
    "v1",
    "persistentvolumeclaims",
    "persistentvolumeclaim",
    "PersistentVolumeClaim",
    true,
    &["pvc"],
    &[],
    true,
);
pub const EVENTS: ResourceType = kind(
    "",
    "v1",
    "events",
    "event",
    "Event",
    true,
    &["ev"],
    &[],
    false,
);
pub const SERVICE_ACCOUNTS: ResourceType = kind(
    "",
    "v1",
    "serviceaccounts",
    "serviceaccount",
    "ServiceAccount",
    true,
    &["sa"],
    &[],
    false,
);
pub const CRON_JOBS: ResourceType = kind(
    "batch",
    "v1",
    "cronjobs",
    "cronjob",
    "CronJob",
    true,
    &["cj"],
    &["all"],
    true,
);
pub const JOBS: ResourceType = kind(
    "batch",
    "v1",
    "jobs",
    "job",
    "Job",
    true,
    &[],
    &["all"],
    true,
);
pub const ROLES: ResourceType = kind(
    "rbac.authorization.k8s.io",
    "v1",
    "roles",
    "role",
    "Role",
    true,
    &[],
    &[],
    false,
);
pub const ROLE_BINDINGS: ResourceType = kind(
    "rbac.authorization.k8s.io",
    "v1",
    "rolebindings",
    "rolebinding",
    "RoleBinding",
    true,
    &[],
    &[],
    false,
);
/// Create-only: answers who the caller is, stores nothing.
pub const SELF_SUBJECT_REVIEWS: ResourceType = kind(
    "authentication.k8s.io",
    "v1",
    "selfsubjectreviews",
    "selfsubjectreview",
    "SelfSubjectReview",
    false,
    &[],
    &[],
    false,
);
/// Create-only: answers whether the caller may do something, stores nothing.
pub const SELF_SUBJECT_ACCESS_REVIEWS: ResourceType = kind(
    "authorization.k8s.io",
    "v1",
    "selfsubjectaccessreviews",
    "selfsubjectaccessreview",
    "SelfSubjectAccessReview",
    false,
    &[],
    &[],
    false,
);
pub const VIRTUAL_MACHINES: ResourceType = kind(
    "kubevirt.io",
    "v1",
    "virtualmachines",
    "virtualmachine",
    "VirtualMachine",
    true,
    &["vm", "vms"],
    &["all"],
    true,
);
pub const VIRTUAL_MACHINE_INSTANCES: ResourceType = kind(
    "kubevirt.io",
    "v1",
    "virtualmachineinstances",
    "virtualmachineinstance",
    "VirtualMachineInstance",
    true,
    &["vmi", "vmis"],
    &["all"],
    false,
);

pub const DATA_VOLUMES: ResourceType = kind(
    "cdi.kubevirt.io",
    "v1beta1",
    "datavolumes",
    "datavolume",
    "DataVolume",
    true,
    &["dv", "dvs"],
    &["all"],
    true,
);
pub const DATA_SOURCES: ResourceType = kind(
    "cdi.kubevirt.io",
    "v1beta1",
    "datasources",
    "datasource",
    "DataSource",
    true,
    &["das"],
    &["all"],
    true,
);
pub const INSTANCETYPES: ResourceType = kind(
    "instancetype.kubevirt.io",
    "v1beta1",
    "virtualmachineinstancetypes",
    "virtualmachineinstancetype",
    "VirtualMachineInstancetype",
    true,
    &["vminstancetype", "vminstancetypes", "vmf", "vmfs"],
    &["all"],
    false,
);
pub const CLUSTER_INSTANCETYPES: ResourceType = kind(
    "instancetype.kubevirt.io",
    "v1beta1",
    "virtualmachineclusterinstancetypes",
    "virtualmachineclusterinstancetype",
    "VirtualMachineClusterInstancetype",
    false,
    &[
        "vmclusterinstancetype",
        "vmclusterinstancetypes",
        "vmcf",
        "vmcfs",
    ],
    &[],
    false,
);
pub const PREFERENCES: ResourceType = kind(
    "instancetype.kubevirt.io",
    "v1beta1",
    "virtualmachinepreferences",
    "virtualmachinepreference",
    "VirtualMachinePreference",
    true,
    &["vmpref", "vmprefs", "vmp", "vmps"],
    &["all"],
    false,
);
pub const CLUSTER_PREFERENCES: ResourceType = kind(
    "instancetype.kubevirt.io",
    "v1beta1",
    "virtualmachineclusterpreferences",
    "virtualmachineclusterpreference",
    "VirtualMachineClusterPreference",
    false,
    &["vmcpref", "vmcprefs", "vmcp", "vmcps"],
    &[],
    false,
);

pub const VIRTUAL_MACHINE_SNAPSHOTS: ResourceType = kind(
    "snapshot.kubevirt.io",
    "v1beta1",
    "virtualmachinesnapshots",
    "virtualmachinesnapshot",
    "VirtualMachineSnapshot",
    true,
    &["vmsnapshot", "vmsnapshots"],
    &["all"],
    true,
);
pub const VIRTUAL_MACHINE_SNAPSHOT_CONTENTS: ResourceType = kind(
    "snapshot.kubevirt.io",
    "v1beta1",
    "virtualmachinesnapshotcontents",
    "virtualmachinesnapshotcontent",
    "VirtualMachineSnapshotContent",
    true,
    &["vmsnapshotcontent", "vmsnapshotcontents"],
    &["all"],
    true,
);
pub const VIRTUAL_MACHINE_RESTORES: ResourceType = kind(
    "snapshot.kubevirt.io",
    "v1beta1",
    "virtualmachinerestores",
    "virtualmachinerestore",
    "VirtualMachineRestore",
    true,
    &["vmrestore", "vmrestores"],
    &["all"],
    true,
);

pub const NETWORK_ATTACHMENT_DEFINITIONS: ResourceType = kind(
    "k8s.cni.cncf.io",
    "v1",
    "network-attachment-definitions",
    "network-attachment-definition",
    "NetworkAttachmentDefinition",
    true,
    &["net-attach-def"],
    &[],
    false,
);

/// Every resource the mock serves.
pub const RESOURCES: &[ResourceType] = &[
    NAMESPACES,
    CONFIG_MAPS,
    SECRETS,
    SERVICES,
    PERSISTENT_VOLUME_CLAIMS,
    EVENTS,
    SERVICE_ACCOUNTS,
    NODES,
    CRON_JOBS,
    JOBS,
    ROLES,
    ROLE_BINDINGS,
    SELF_SUBJECT_REVIEWS,
    SELF_SUBJECT_ACCESS_REVIEWS,
    VIRTUAL_MACHINES,
    VIRTUAL_MACHINE_INSTANCES,
    DATA_VOLUMES,
    DATA_SOURCES,
    INSTANCETYPES,
    CLUSTER_INSTANCETYPES,
    PREFERENCES,
    CLUSTER_PREFERENCES,
    NETWORK_ATTACHMENT_DEFINITIONS,
    VIRTUAL_MACHINE_SNAPSHOTS,
    VIRTUAL_MACHINE_SNAPSHOT_CONTENTS,
    VIRTUAL_MACHINE_RESTORES,
];

/// The resource served at `group/version` under `plural`.
pub fn find(group: &str, version: &str, plural: &str) -> Option<&'static ResourceType> {
    RESOURCES
        .iter()
        .find(|r| r.group == group && r.version == version && r.plural == plural)
}

/// The group-versions the mock serves, in discovery order.
pub fn group_versions() -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for r in RESOURCES {
        if !out.contains(&(r.group, r.version)) {
            out.push((r.group, r.version));
        }
    }
    out
}
