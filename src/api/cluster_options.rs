//! Reads what the cluster offers a new VM (see `logic::cluster_options`). Each read may fail on
//! its own: a kind not installed or a namespace the user may not list means less to offer,
//! never nothing; any other failure (logged out, timed out, a server error) is also said.

use std::collections::BTreeMap;

use futures::future::{join, join5, join_all};
use serde_json::Value;

use super::typed::{Api, ListParams};
use super::{ApiClient, ApiError};
use crate::logic::cluster_options::{
    claim_size_mib, data_source_info, general_purpose_instancetypes, guest_tools_image,
    ClusterOptions,
};
use crate::model::{
    ConfigMap, DataSource, NetworkAttachmentDefinition, ObjectRef, PersistentVolumeClaim, Raw,
    Resource, VirtualMachineClusterInstancetype, VirtualMachineClusterPreference,
};

/// Where OpenShift Virtualization keeps the `virtio-win` ConfigMap, in the order looked at.
const GUEST_TOOLS_NAMESPACES: [&str; 2] = ["openshift-cnv", "kubevirt-hyperconverged"];
/// Where the shared OS images (PVCs and DataSources) live on OpenShift and upstream.
const OS_IMAGE_NAMESPACES: [&str; 2] = ["openshift-virtualization-os-images", "kubevirt-os-images"];

/// Everything a VM in `namespace` may use; `fallback_image` when the cluster names no guest
/// tools image. The reads go out together: none depends on another.
pub async fn load(client: &ApiClient, namespace: &str, fallback_image: &str) -> ClusterOptions {
    let mut volume_namespaces: Vec<&str> = OS_IMAGE_NAMESPACES.to_vec();
    if !namespace.is_empty() && !volume_namespaces.contains(&namespace) {
        volume_namespaces.insert(0, namespace);
    }
    let volumes = join_all(volume_namespaces.into_iter().map(|ns| async move {
        let (sources, claims) = join(
            items::<DataSource>(client, Some(ns)),
            items::<PersistentVolumeClaim>(client, Some(ns)),
        )
        .await;
        (ns, sources, claims)
    }));
    let attachments = async {
        if namespace.is_empty() {
            Read::default()
        } else {
            items::<NetworkAttachmentDefinition>(client, Some(namespace)).await
        }
    };
    let (instancetypes, preferences, image, attachments, volumes) = join5(
        items::<VirtualMachineClusterInstancetype>(client, None),
        items::<VirtualMachineClusterPreference>(client, None),
        cluster_guest_tools_image(client),
        attachments,
        volumes,
    )
    .await;

    let mut options = ClusterOptions::unknown(fallback_image);
    let mut unread = Vec::new();
    let instancetypes = instancetypes.note(&mut unread, "cluster instancetypes");
    let preferences = preferences.note(&mut unread, "cluster preferences");
    let attachments = attachments.note(&mut unread, "network attachment definitions");
    let image = image.note(&mut unread, "the virtio-win ConfigMap");
    options.instancetypes = general_purpose_instancetypes(&instancetypes);
    options.preferences = names(&preferences);
    if let Some(image) = image {
        options.guest_tools_image = image;
        options.guest_tools_from_cluster = true;
    }
    options.attachments = names(&attachments);
    let volumes: Vec<_> = volumes
        .into_iter()
        .map(|(ns, sources, claims)| {
            let sources = sources.note(&mut unread, &format!("DataSources in {ns}"));
            let claims = claims.note(&mut unread, &format!("PersistentVolumeClaims in {ns}"));
            (ns, sources, claims)
        })
        .collect();
    options.unread = unread;
    // A DataSource's image is a PVC, usually beside it: its size is known when that was read.
    let claim_sizes: BTreeMap<String, u64> = volumes
        .iter()
        .flat_map(|(ns, _, claims)| {
            claims.iter().filter_map(move |claim| {
                let name = claim["metadata"]["name"].as_str()?;
                Some((format!("{ns}/{name}"), claim_size_mib(claim)?))
            })
        })
        .collect();
    let claim_size = |ns: &str, name: &str| claim_sizes.get(&format!("{ns}/{name}")).copied();
    for (ns, sources, claims) in volumes {
        for source in &sources {
            if let Some(name) = source["metadata"]["name"].as_str() {
                options
                    .data_source_info
                    .insert(format!("{ns}/{name}"), data_source_info(source, claim_size));
            }
        }
        let in_ns = |name: String| ObjectRef::new(ns, &name);
        options
            .data_sources
            .extend(names(&sources).into_iter().map(in_ns));
        options.claims.extend(names(&claims).into_iter().map(in_ns));
    }
    options
}

/// What one read gave: its value (empty when it failed), and the error worth telling.
#[derive(Default)]
struct Read<T> {
    value: T,
    error: Option<ApiError>,
}

impl<T: Default> Read<T> {
    /// A read's answer; a kind that is not there, or not for this user, is simply empty.
    fn from(answer: Result<T, ApiError>) -> Self {
        match answer {
            Ok(value) => Self { value, error: None },
            Err(err) if absent(&err) => Self::default(),
            Err(err) => Self {
                value: T::default(),
                error: Some(err),
            },
        }
    }

    /// The value, noting in `unread` what could not be read and why.
    fn note(self, unread: &mut Vec<String>, what: &str) -> T {
        if let Some(err) = self.error {
            unread.push(format!("{what}: {}", err.user_message()));
        }
        self.value
    }
}

/// Whether a failed read only says the kind is not there, or not for this user.
fn absent(err: &ApiError) -> bool {
    err.is_not_found() || err.is_forbidden()
}

/// The image the cluster's `virtio-win` ConfigMap names, looked for where OpenShift keeps it.
async fn cluster_guest_tools_image(client: &ApiClient) -> Read<Option<String>> {
    for ns in GUEST_TOOLS_NAMESPACES {
        match Api::<Raw<ConfigMap>>::namespaced(client, ns)
            .get("virtio-win")
            .await
        {
            Ok(config_map) => {
                if let Some(image) = guest_tools_image(&config_map.raw) {
                    return Read::from(Ok(Some(image)));
                }
            }
            Err(err) if absent(&err) => {}
            Err(err) => return Read::from(Err(err)),
        }
    }
    Read::default()
}

/// The objects of a collection, as JSON; none when it is not there or not for this user.
async fn items<K: Resource>(client: &ApiClient, namespace: Option<&str>) -> Read<Vec<Value>> {
    Read::from(
        Api::<Raw<K>>::scoped(client, namespace)
            .list(&ListParams::default())
            .await
            .map(|(items, _)| items.into_iter().map(|item| item.raw).collect()),
    )
}

fn names(items: &[Value]) -> Vec<String> {
    let mut names: Vec<String> = items
        .iter()
        .filter_map(|item| item["metadata"]["name"].as_str().map(str::to_owned))
        .collect();
    names.sort();
    names
}
