//! Tests of the wizard's defaults: the boot image, the size, the namespace and the access review.

use serde_json::json;

use super::*;
use crate::logic::cluster_options::{data_source_info, SourceDefaults};
use crate::logic::os::WindowsVersion;

const WIN11: OsChoice = OsChoice::Windows(WindowsVersion::Windows11);
const SERVER2022: OsChoice = OsChoice::Windows(WindowsVersion::Server2022);

fn it(name: &str, cpus: u32, memory_gib: u64) -> InstancetypeChoice {
    InstancetypeChoice {
        name: name.into(),
        cpus,
        memory_mib: memory_gib * 1024,
    }
}

fn image(preference: Option<&str>, instancetype: Option<&str>, ready: bool) -> DataSourceInfo {
    DataSourceInfo {
        defaults: SourceDefaults {
            instancetype: instancetype.map(str::to_owned),
            preference: preference.map(str::to_owned),
        },
        ready,
        size_mib: Some(80 * 1024),
    }
}

/// A cluster with the common `u1` instancetypes and `images` in `kubevirt-os-images`.
fn cluster(images: &[(&str, DataSourceInfo)]) -> ClusterOptions {
    let mut options = ClusterOptions::unknown("tools");
    options.instancetypes = vec![
        it("u1.small", 1, 2),
        it("u1.medium", 1, 4),
        it("u1.large", 2, 8),
        it("u1.xlarge", 4, 16),
    ];
    for (name, info) in images {
        let source = ObjectRef::new("kubevirt-os-images", name);
        options
            .data_source_info
            .insert(source.to_string(), info.clone());
        options.data_sources.push(source);
    }
    options
}

#[test]
fn the_os_boots_from_its_ready_image_by_label_or_by_common_name() {
    let options = cluster(&[
        ("golden-2k22", image(Some("windows.2k22"), None, true)),
        ("win11", image(None, None, true)),
    ]);
    let by_name = default_boot_image(WIN11, &options).map(ToString::to_string);
    assert_eq!(by_name.as_deref(), Some("kubevirt-os-images/win11"));
    let by_label = default_boot_image(SERVER2022, &options).map(ToString::to_string);
    assert_eq!(by_label.as_deref(), Some("kubevirt-os-images/golden-2k22"));
    let fedora = OsChoice::Linux(crate::logic::vm_draft::LinuxDistro::Fedora);
    assert_eq!(default_boot_image(fedora, &options), None);
}

#[test]
fn an_image_that_is_not_ready_is_never_the_default() {
    let options = cluster(&[("windows-11", image(Some("windows.11"), None, false))]);
    assert_eq!(default_boot_image(WIN11, &options), None);
    let draft = with_cluster_defaults(&VmDraft::new("ns", WIN11, "id".into()), &options);
    assert_eq!(
        draft.boot,
        WIN11.suggested_boot(),
        "the ISO stays the way in"
    );
}

#[test]
fn the_size_is_the_images_suggestion_else_the_smallest_that_fits_the_os() {
    let options = cluster(&[]);
    let suggested = image(None, Some("u1.xlarge"), true);
    assert_eq!(
        default_instancetype(WIN11, &options, Some(&suggested)).map(|i| i.name),
        Some("u1.xlarge".into())
    );
    // Windows 11 needs 2 vCPUs and 4 GiB: u1.medium has one vCPU, so u1.large.
    assert_eq!(
        default_instancetype(WIN11, &options, None).map(|i| i.name),
        Some("u1.large".into())
    );
    let unknown = image(None, Some("cx1.huge"), true);
    assert_eq!(
        default_instancetype(WIN11, &options, Some(&unknown)).map(|i| i.name),
        Some("u1.large".into()),
        "a suggestion the cluster does not offer falls back to the fit"
    );
    let mut small = options.clone();
    small.instancetypes.retain(|it| it.cpus < 2);
    assert_eq!(default_instancetype(WIN11, &small, None), None, "Custom");
    assert_eq!(
        default_instancetype(WIN11, &ClusterOptions::unknown("t"), None),
        None
    );
}

#[test]
fn defaults_follow_the_os_until_the_user_chooses() {
    let options = cluster(&[
        (
            "windows-11",
            image(Some("windows.11"), Some("u1.large"), true),
        ),
        (
            "windows-2k22",
            image(Some("windows.2k22"), Some("u1.xlarge"), true),
        ),
    ]);
    let fresh = with_cluster_defaults(&VmDraft::new("ns", WIN11, "id".into()), &options);
    assert_eq!(
        fresh.boot,
        BootSource::DataSource {
            namespace: "kubevirt-os-images".into(),
            name: "windows-11".into()
        }
    );
    assert_eq!(
        fresh.instancetype.as_ref().map(|i| i.name.as_str()),
        Some("u1.large")
    );
    assert_eq!(fresh.disk_gib, 80, "the root disk holds the 80 GiB image");

    let server = with_cluster_defaults(&fresh.with_os(SERVER2022), &options);
    assert!(matches!(&server.boot, BootSource::DataSource { name, .. } if name == "windows-2k22"));
    assert_eq!(
        server.instancetype.as_ref().map(|i| i.name.as_str()),
        Some("u1.xlarge")
    );

    let mut chosen = fresh.clone();
    chosen.boot = BootSource::IsoUrl {
        url: "https://example.com/w.iso".into(),
    };
    chosen.boot_chosen = true;
    chosen.instancetype = None;
    chosen.size_chosen = true;
    let kept = with_cluster_defaults(&chosen.with_os(SERVER2022), &options);
    assert_eq!(kept.boot, chosen.boot);
    assert_eq!(kept.instancetype, None);
}

#[test]
fn applying_the_defaults_twice_changes_nothing() {
    let options = cluster(&[("windows-11", image(Some("windows.11"), None, true))]);
    let once = with_cluster_defaults(&VmDraft::new("ns", WIN11, "id".into()), &options);
    assert_eq!(with_cluster_defaults(&once, &options), once);
}

#[test]
fn a_data_source_says_whether_it_is_ready_and_how_big_its_image_is() {
    let source = json!({
        "metadata": {"name": "windows-11", "namespace": "kubevirt-os-images",
                     "labels": {"instancetype.kubevirt.io/default-preference": "windows.11"}},
        "spec": {"source": {"pvc": {"name": "windows-11-image"}}},
        "status": {"conditions": [{"type": "Ready", "status": "True"}]}
    });
    let info = data_source_info(&source, |ns, name| {
        (ns == "kubevirt-os-images" && name == "windows-11-image").then_some(65536)
    });
    assert!(info.ready);
    assert_eq!(info.size_mib, Some(65536));
    assert_eq!(info.defaults.preference.as_deref(), Some("windows.11"));
    let importing = json!({"spec": {"source": {"pvc": {"name": "x", "namespace": "y"}}},
        "status": {"conditions": [{"type": "Ready", "status": "False"}]}});
    let info = data_source_info(&importing, |_, _| None);
    assert!(!info.ready);
    assert_eq!(info.size_mib, None);
}

#[test]
fn the_namespace_is_the_remembered_one_else_the_first_allowed_else_default() {
    let namespaces: Vec<String> = [
        "default",
        "finance-apps",
        "kube-system",
        "openshift-cnv",
        "windows-dev",
    ]
    .map(String::from)
    .to_vec();
    let everywhere = |_: &str| true;
    assert_eq!(
        default_namespace(Some("windows-dev"), &namespaces, &everywhere),
        "windows-dev"
    );
    assert_eq!(default_namespace(None, &namespaces, &everywhere), "default");
    let only_dev = |ns: &str| ns == "windows-dev";
    assert_eq!(
        default_namespace(Some("finance-apps"), &namespaces, &only_dev),
        "windows-dev"
    );
    let system_only = |ns: &str| ns.starts_with("kube-") || ns.starts_with("openshift");
    assert_eq!(
        default_namespace(None, &namespaces, &system_only),
        "default",
        "never a system namespace"
    );
    assert_eq!(default_namespace(None, &[], &|_: &str| false), "default");
}

// Natively only: Kubernetes' own types are not built for the wasm tests.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_access_review_is_a_valid_kubernetes_object() {
    use k8s_openapi::api::authorization::v1::SelfSubjectAccessReview;
    let review: SelfSubjectAccessReview =
        serde_json::from_value(may_create_vms_review("windows-dev")).expect("a valid review");
    let asked = review
        .spec
        .resource_attributes
        .expect("resource attributes");
    assert_eq!(asked.namespace.as_deref(), Some("windows-dev"));
    assert_eq!(asked.verb.as_deref(), Some("create"));
    assert_eq!(asked.group.as_deref(), Some("kubevirt.io"));
    assert_eq!(asked.resource.as_deref(), Some("virtualmachines"));
}

#[test]
fn an_image_is_summed_up_by_size_and_readiness() {
    assert_eq!(image(None, None, true).summary(), "80 GiB, ready");
    let mut importing = image(None, None, false);
    importing.size_mib = None;
    assert_eq!(importing.summary(), "not ready yet");
}

#[test]
fn the_remembered_namespace_is_asked_about_first_and_few_are_asked() {
    let many: Vec<String> = (0..50).map(|i| format!("team-{i:02}")).collect();
    let asked = namespaces_to_ask(Some("team-07"), &many);
    assert_eq!(asked.len(), MAX_NAMESPACES_ASKED);
    assert_eq!(asked[0], "team-07");
    assert_eq!(asked.iter().filter(|ns| *ns == "team-07").count(), 1);
    let system = ["kube-system".to_owned(), "openshift-cnv".to_owned()];
    assert!(namespaces_to_ask(None, &system).is_empty());
}
