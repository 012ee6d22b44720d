//! The demo cluster: namespaces and VMs that show every state the app must handle.

use chrono::{Duration, SecondsFormat, Utc};
use serde_json::json;

use crate::controllers::guest::guest_os_info;
use crate::controllers::instance::{running_status, stopped_status};
use crate::kube::resources::{NAMESPACES, NODES, VIRTUAL_MACHINES, VIRTUAL_MACHINE_INSTANCES};
use crate::kube::status::ApiStatus;
use crate::store::Store;

use crate::cluster::content::GUEST_TOOLS_IMAGE;

/// How a seeded VM is running.
#[derive(Clone, Copy)]
enum State {
    Running { agent: bool },
    Stopped,
    Provisioning,
    Unschedulable,
}

struct SeedVm {
    namespace: &'static str,
    name: String,
    preference: &'static str,
    instancetype: Option<&'static str>,
    age: Duration,
    state: State,
}

/// Fills an empty store with the demo cluster.
/// Fails only if the demo data itself is invalid.
pub fn seed(store: &mut Store) -> Result<(), ApiStatus> {
    for ns in [
        "default",
        "windows-dev",
        "finance-apps",
        "kubevirt-os-images",
        crate::cluster::content::CNV_NAMESPACE,
    ] {
        create_namespace(store, ns)?;
    }
    crate::cluster::content::seed(store)?;
    for (index, node) in ["worker-1", "worker-2", "worker-3"].iter().enumerate() {
        create_node(store, node, index)?;
    }
    let vms = [
        SeedVm {
            namespace: "windows-dev",
            name: "win11-dev-01".into(),
            preference: "windows.11",
            instancetype: Some("u1.large"),
            age: Duration::days(12),
            state: State::Running { agent: true },
        },
        SeedVm {
            namespace: "windows-dev",
            name: "win10-legacy".into(),
            preference: "windows.10",
            instancetype: Some("u1.medium"),
            age: Duration::days(96),
            state: State::Stopped,
        },
        SeedVm {
            namespace: "windows-dev",
            name: "win2k25-build".into(),
            preference: "windows.2k25",
            instancetype: Some("u1.xlarge"),
            age: Duration::minutes(4),
            state: State::Provisioning,
        },
        SeedVm {
            namespace: "windows-dev",
            name: "fedora-tools".into(),
            preference: "fedora",
            instancetype: Some("u1.small"),
            age: Duration::days(30),
            state: State::Running { agent: true },
        },
        SeedVm {
            namespace: "finance-apps",
            name: "win2k22-sql".into(),
            preference: "windows.2k22",
            instancetype: Some("u1.2xlarge"),
            age: Duration::days(45),
            state: State::Running { agent: true },
        },
        SeedVm {
            namespace: "finance-apps",
            name: "win2k22-web".into(),
            preference: "windows.2k22",
            instancetype: Some("u1.large"),
            age: Duration::hours(5),
            state: State::Running { agent: false },
        },
        SeedVm {
            namespace: "finance-apps",
            name: "win2k19-erp".into(),
            preference: "windows.2k19",
            instancetype: None,
            age: Duration::days(2),
            state: State::Unschedulable,
        },
    ];
    for (index, vm) in vms.iter().enumerate() {
        seed_vm(store, vm, index)?;
    }
    Ok(())
}

/// Namespace of the VMs added for measuring the console at scale.
pub const SCALE_NAMESPACE: &str = "scale-test";

/// Adds a namespace with `count` VMs of every kind and state, for benchmarks.
pub fn seed_scale(store: &mut Store, count: usize) -> Result<(), ApiStatus> {
    create_namespace(store, SCALE_NAMESPACE)?;
    let preferences = [
        "windows.2k22",
        "windows.11",
        "fedora",
        "windows.2k19",
        "windows.10",
    ];
    for index in 0..count {
        let state = match index % 5 {
            0 | 1 => State::Running { agent: true },
            2 => State::Running { agent: false },
            _ => State::Stopped,
        };
        let vm = SeedVm {
            namespace: SCALE_NAMESPACE,
            name: format!("vm-{index:05}"),
            preference: preferences[index % preferences.len()],
            instancetype: Some("u1.medium"),
            age: Duration::minutes(i64::try_from(index).unwrap_or(0)),
            state,
        };
        seed_vm(store, &vm, index)?;
    }
    Ok(())
}

fn seed_vm(store: &mut Store, vm: &SeedVm, index: usize) -> Result<(), ApiStatus> {
    let windows = vm.preference.starts_with("windows");
    let (disk_bus, nic_model) = if windows {
        ("sata", "e1000e")
    } else {
        ("virtio", "virtio")
    };
    let root_disk = format!("{}-rootdisk", vm.name);
    let mut disks = vec![json!({"name": "rootdisk", "bootOrder": 1, "disk": {"bus": disk_bus}})];
    let mut volumes = vec![json!({"name": "rootdisk", "dataVolume": {"name": root_disk}})];
    if windows {
        disks.push(json!({"name": "windows-drivers-disk", "cdrom": {"bus": "sata"}}));
        volumes.push(
            json!({"name": "windows-drivers-disk", "containerDisk": {"image": GUEST_TOOLS_IMAGE}}),
        );
    }
    let mut domain = json!({"devices": {"disks": disks, "interfaces": [{"name": "default", "masquerade": {}, "model": nic_model}]}});
    if vm.instancetype.is_none() {
        // Asks for more than any node has, which is why it cannot be scheduled.
        domain["cpu"] = json!({"cores": 96});
        domain["memory"] = json!({"guest": "768Gi"});
    }
    let run_strategy = match vm.state {
        State::Stopped => "Halted",
        _ => "Always",
    };
    let mut spec = json!({
        "runStrategy": run_strategy,
        "preference": {"kind": "VirtualMachineClusterPreference", "name": vm.preference},
        "dataVolumeTemplates": [{
            "metadata": {"name": root_disk},
            "spec": {
                "sourceRef": {"kind": "DataSource", "name": vm.preference.replace('.', "-"), "namespace": "kubevirt-os-images"},
                "storage": {"resources": {"requests": {"storage": if windows { "64Gi" } else { "30Gi" }}}}
            }
        }],
        "template": {
            "metadata": {"labels": {"kubevirt.io/domain": vm.name}},
            "spec": {
                "domain": domain,
                "networks": [{"name": "default", "pod": {}}],
                "volumes": volumes
            }
        }
    });
    if let Some(instancetype) = vm.instancetype {
        spec["instancetype"] =
            json!({"kind": "VirtualMachineClusterInstancetype", "name": instancetype});
    }
    let created = store.create(
        &VIRTUAL_MACHINES,
        vm.namespace,
        json!({
            "apiVersion": "kubevirt.io/v1",
            "kind": "VirtualMachine",
            "metadata": {
                "name": vm.name,
                "creationTimestamp": ago(vm.age),
                "labels": {"app": vm.name},
                "annotations": {"description": description(vm)}
            },
            "spec": spec
        }),
        false,
    )?;
    let status = match vm.state {
        State::Running { agent } => {
            seed_vmi(store, vm, index, agent, &created)?;
            running_status()
        }
        State::Stopped => stopped_status(),
        State::Provisioning => json!({
            "printableStatus": "Provisioning",
            "conditions": [{"type": "Ready", "status": "False", "reason": "VMINotExists", "message": "VMI does not exist"}]
        }),
        State::Unschedulable => json!({
            "printableStatus": "ErrorUnschedulable",
            "created": true,
            "conditions": [
                {"type": "Ready", "status": "False", "reason": "PodNotExists", "message": "virt-launcher pod has not yet been scheduled"},
                {"type": "PodScheduled", "status": "False", "reason": "Unschedulable",
                 "message": "0/3 nodes are available: 3 Insufficient cpu, 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."}
            ]
        }),
    };
    store.set_status(&VIRTUAL_MACHINES, vm.namespace, &vm.name, status);
    Ok(())
}

fn seed_vmi(
    store: &mut Store,
    vm: &SeedVm,
    index: usize,
    agent: bool,
    created_vm: &serde_json::Value,
) -> Result<(), ApiStatus> {
    let vm_uid = created_vm["metadata"]["uid"].as_str().unwrap_or_default();
    let ip = format!("10.128.{}.{}", 2 + index / 200, 21 + index % 200);
    let mut conditions = vec![
        json!({"type": "Ready", "status": "True", "lastProbeTime": null, "lastTransitionTime": ago(vm.age)}),
    ];
    let mut guest_os = json!({});
    let mut info_source = "domain";
    if agent {
        conditions.push(json!({"type": "AgentConnected", "status": "True", "lastProbeTime": ago(Duration::minutes(1)), "lastTransitionTime": null}));
        info_source = "domain, guest-agent";
        guest_os = guest_os_info(vm.preference);
    }
    store.create(
        &VIRTUAL_MACHINE_INSTANCES,
        vm.namespace,
        json!({
            "apiVersion": "kubevirt.io/v1",
            "kind": "VirtualMachineInstance",
            "metadata": {
                "name": vm.name,
                "creationTimestamp": ago(vm.age),
                "labels": {"kubevirt.io/domain": vm.name, "kubevirt.io/nodeName": "worker-1"},
                "ownerReferences": [{"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine", "name": vm.name,
                                      "uid": vm_uid, "controller": true, "blockOwnerDeletion": true}]
            },
            "spec": created_vm["spec"]["template"]["spec"],
            "status": {
                "phase": "Running",
                "phaseTransitionTimestamps": [{"phase": "Running", "phaseTransitionTimestamp": ago(vm.age)}],
                "nodeName": "worker-1",
                "conditions": conditions,
                "guestOSInfo": guest_os,
                "interfaces": [{"name": "default", "ipAddress": ip, "ipAddresses": [ip], "mac": format!("52:54:00:3a:{:02x}:{:02x}", index / 256 % 256, index % 256),
                                "infoSource": info_source, "queueCount": 1, "linkState": "up"}]
            }
        }),
        false,
    )?;
    Ok(())
}

fn create_node(store: &mut Store, name: &str, index: usize) -> Result<(), ApiStatus> {
    store.create(
        &NODES,
        "",
        json!({
            "apiVersion": "v1", "kind": "Node",
            "metadata": {"name": name, "creationTimestamp": ago(Duration::days(90)),
                         "labels": {"kubernetes.io/hostname": name, "node-role.kubernetes.io/worker": "", "kubevirt.io/schedulable": "true"}},
            "spec": {}
        }),
        false,
    )?;
    let address = format!("192.168.10.{}", 11 + index);
    store.set_status(
        &NODES,
        "",
        name,
        json!({"addresses": [{"type": "InternalIP", "address": address}, {"type": "Hostname", "address": name}],
               "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady", "message": "kubelet is posting ready status"}]}),
    );
    Ok(())
}

fn create_namespace(store: &mut Store, ns: &str) -> Result<(), ApiStatus> {
    store.create(
        &NAMESPACES,
        "",
        json!({
            "apiVersion": "v1", "kind": "Namespace",
            "metadata": {"name": ns, "creationTimestamp": ago(Duration::days(40)), "labels": {"kubernetes.io/metadata.name": ns}},
            "spec": {"finalizers": ["kubernetes"]}
        }),
        false,
    )?;
    store.set_status(&NAMESPACES, "", ns, json!({"phase": "Active"}));
    Ok(())
}

fn description(vm: &SeedVm) -> &'static str {
    match vm.name.as_str() {
        "win11-dev-01" => "Developer desktop for the .NET team",
        "win10-legacy" => "Legacy build agent, kept for old installers",
        "win2k25-build" => "Build server, importing its disk",
        "fedora-tools" => "Tools VM next to the Windows desktops",
        "win2k22-sql" => "SQL Server for the finance reports",
        "win2k22-web" => "IIS front end, guest tools not yet installed",
        "win2k19-erp" => "ERP application server",
        _ => "Generated to measure the console with many VMs",
    }
}

fn ago(age: Duration) -> String {
    (Utc::now() - age).to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The VMs whose seeded instance has its guest agent connected: the guest tools are in them,
/// so their agent connects again after a restart.
pub fn with_guest_tools(store: &Store) -> std::collections::HashSet<(String, String)> {
    let vmis = &VIRTUAL_MACHINE_INSTANCES;
    store
        .list(vmis, None)
        .into_iter()
        .filter(|vmi| {
            vmi["status"]["conditions"].as_array().is_some_and(|c| {
                c.iter()
                    .any(|c| c["type"] == "AgentConnected" && c["status"] == "True")
            })
        })
        .map(|vmi| {
            let meta = &vmi["metadata"];
            (
                meta["namespace"].as_str().unwrap_or_default().to_owned(),
                meta["name"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_cluster_has_every_state_the_app_shows() {
        let mut store = Store::default();
        seed(&mut store).unwrap();
        let vms = &VIRTUAL_MACHINES;
        let statuses: Vec<&str> = store
            .list(vms, None)
            .iter()
            .map(|vm| vm["status"]["printableStatus"].as_str().unwrap())
            .collect();
        for expected in ["Running", "Stopped", "Provisioning", "ErrorUnschedulable"] {
            assert!(
                statuses.contains(&expected),
                "{expected} missing from {statuses:?}"
            );
        }
        assert!(store.list(vms, Some("default")).is_empty());
        let sql = store.get(vms, "finance-apps", "win2k22-sql").unwrap();
        assert_eq!(
            sql["spec"]["template"]["spec"]["domain"]["devices"]["disks"][0]["disk"]["bus"],
            "sata"
        );
        assert_eq!(
            sql["spec"]["template"]["spec"]["domain"]["devices"]["interfaces"][0]["model"],
            "e1000e"
        );
    }
}
