//! KubeVirt's VirtualMachine admission webhooks: the mutating one's defaults (architecture,
//! machine type, firmware identity), and the validating one for the mistakes users make most: a
//! run strategy missing or doubled, a disk without a volume (or the reverse), names used twice,
//! an interface without a network (or the reverse), and CD-ROMs on a bus they cannot use.

use std::collections::{HashMap, HashSet};

use serde_json::{json, Value};

use crate::kube::status::ApiStatus;

const RUN_STRATEGIES: [&str; 5] = ["Always", "Halted", "Manual", "RerunOnFailure", "Once"];
const BUSES: [&str; 4] = ["virtio", "scsi", "sata", "usb"];

/// Fills in what KubeVirt's mutating webhook persists on a new VM; what is set stays.
pub fn default_new_vm(vm: &mut Value) {
    // Only a template with a domain gets them (the webhook defaults what it is given).
    let Some(template) = vm["spec"]
        .get_mut("template")
        .filter(|t| t["spec"]["domain"].is_object())
    else {
        return;
    };
    let annotations = &mut template["metadata"]["annotations"];
    if annotations["kubevirt.io/pci-topology-version"].is_null() {
        annotations["kubevirt.io/pci-topology-version"] = json!("v3");
    }
    let spec = &mut template["spec"];
    if spec["architecture"].is_null() {
        spec["architecture"] = json!("amd64");
    }
    let domain = &mut spec["domain"];
    if domain["machine"]["type"].is_null() {
        domain["machine"]["type"] = json!("q35");
    }
    let firmware = &mut domain["firmware"];
    if firmware["uuid"].is_null() {
        firmware["uuid"] = json!(uuid::Uuid::new_v4().to_string());
    }
    if firmware["serial"].is_null() {
        firmware["serial"] = json!(uuid::Uuid::new_v4().to_string());
    }
}

/// Refuses a VM as the webhook would, with every cause it finds.
pub fn check_vm(vm: &Value) -> Result<(), ApiStatus> {
    let causes = vm_causes(vm);
    if causes.is_empty() {
        return Ok(());
    }
    let name = vm["metadata"]["name"].as_str().unwrap_or_default();
    let messages: Vec<&str> = causes.iter().take(10).map(|(_, m)| m.as_str()).collect();
    Err(ApiStatus {
        details: Some(
            json!({"name": name, "group": "kubevirt.io", "kind": "VirtualMachine",
            "causes": causes.iter().map(|(field, message)| json!({"reason": "FieldValueInvalid", "message": message, "field": field})).collect::<Vec<_>>()}),
        ),
        ..ApiStatus::new(
            422,
            "Invalid",
            format!(
                "admission webhook \"virtualmachine-validator.kubevirt.io\" denied the request: {}",
                messages.join(", ")
            ),
        )
    })
}

/// The webhook's causes, as (field, message).
pub fn vm_causes(vm: &Value) -> Vec<(String, String)> {
    let mut causes = Vec::new();
    let spec = &vm["spec"];
    match (spec.get("running"), spec["runStrategy"].as_str()) {
        (Some(_), Some(_)) => causes.push(("spec.running".into(), "Running and RunStrategy are mutually exclusive. Note that Running is deprecated, please use RunStrategy instead".into())),
        (None, None) => causes.push(("spec.running".into(), "RunStrategy must be specified".into())),
        (None, Some(strategy)) if !RUN_STRATEGIES.contains(&strategy) => {
            causes.push(("spec.runStrategy".into(), format!("Invalid RunStrategy ({strategy})")))
        }
        _ => {}
    }
    let Some(template) = spec.get("template").filter(|t| t.is_object()) else {
        causes.push((
            "spec.template".into(),
            "missing virtual machine template.".into(),
        ));
        return causes;
    };
    let vmi = &template["spec"];
    let empty = Vec::new();
    let list = |value: &Value| value.as_array().unwrap_or(&empty).clone();
    let disks = list(&vmi["domain"]["devices"]["disks"]);
    let volumes = list(&vmi["volumes"]);
    let interfaces = list(&vmi["domain"]["devices"]["interfaces"]);
    let networks = list(&vmi["networks"]);
    let names = |items: &[Value]| -> HashSet<String> {
        items
            .iter()
            .filter_map(|i| i["name"].as_str().map(str::to_owned))
            .collect()
    };
    let disks_path = "spec.template.spec.domain.devices.disks";
    let (volume_names, disk_names) = (names(&volumes), names(&disks));
    // The first index of each name, so names used twice are found in one pass over a long list.
    let mut first_disks: HashMap<String, usize> = HashMap::new();
    for (i, disk) in disks.iter().enumerate() {
        let name = disk["name"].as_str().unwrap_or_default();
        if !volume_names.contains(name) {
            causes.push((
                format!("{disks_path}[{i}].name"),
                format!("{disks_path}[{i}].Name '{name}' not found."),
            ));
        }
        if let Some(&j) = first_disks.get(&disk["name"].to_string()) {
            causes.push((
                format!("{disks_path}[{i}].name"),
                format!("{disks_path}[{i}] and {disks_path}[{j}] must not have the same Name."),
            ));
        } else {
            first_disks.insert(disk["name"].to_string(), i);
        }
        if let Some(cdrom) = disk.get("cdrom") {
            match cdrom["bus"].as_str() {
                Some("virtio") => causes.push((
                    format!("{disks_path}[{i}].cdrom.bus"),
                    "Bus type virtio is invalid for CD-ROM device".into(),
                )),
                Some("ide") => causes.push((
                    format!("{disks_path}[{i}].cdrom.bus"),
                    "IDE bus is not supported".into(),
                )),
                _ => {}
            }
        }
        for target in ["disk", "cdrom", "lun"] {
            if let Some(bus) = disk[target]["bus"]
                .as_str()
                .filter(|b| !BUSES.contains(b) && *b != "ide")
            {
                causes.push((format!("{disks_path}[{i}].{target}.bus"), format!("{disks_path}[{i}] is set with an unrecognized bus {bus}, must be one of: [virtio scsi sata usb]")));
            }
        }
    }
    for (i, volume) in volumes.iter().enumerate() {
        let name = volume["name"].as_str().unwrap_or_default();
        if !disk_names.contains(name) {
            causes.push((
                format!("spec.template.spec.volumes[{i}].name"),
                format!("spec.template.spec.domain.volumes[{i}].name '{name}' not found."),
            ));
        }
    }
    let interfaces_path = "spec.template.spec.domain.devices.interfaces";
    let (network_names, interface_names) = (names(&networks), names(&interfaces));
    let mut network_seen: HashSet<String> = HashSet::new();
    for (i, interface) in interfaces.iter().enumerate() {
        let name = interface["name"].as_str().unwrap_or_default();
        if !network_names.contains(name) {
            causes.push((
                format!("{interfaces_path}[{i}].name"),
                format!("{interfaces_path}[{i}].name '{name}' not found."),
            ));
        }
    }
    for (i, network) in networks.iter().enumerate() {
        let name = network["name"].as_str().unwrap_or_default();
        if !interface_names.contains(name) {
            causes.push((
                format!("spec.template.spec.networks[{i}].name"),
                format!("spec.template.spec.networks[{i}].name '{name}' not found."),
            ));
        }
        if !network_seen.insert(network["name"].to_string()) {
            causes.push((format!("spec.template.spec.networks[{i}].name"), format!("Network with name \"{name}\" already exists, every network must have a unique name")));
        }
    }
    causes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vm(template_spec: Value) -> Value {
        json!({"metadata": {"name": "w"}, "spec": {"runStrategy": "Halted", "template": {"spec": template_spec}}})
    }

    #[test]
    fn a_new_vm_gets_kubevirts_defaults_and_keeps_its_own() {
        let mut new = vm(json!({"domain": {"machine": {"type": "pc-q35-rhel9.6.0"}}}));
        default_new_vm(&mut new);
        let spec = &new["spec"]["template"]["spec"];
        assert_eq!(spec["architecture"], "amd64");
        assert_eq!(spec["domain"]["machine"]["type"], "pc-q35-rhel9.6.0");
        assert_eq!(
            spec["domain"]["firmware"]["uuid"].as_str().unwrap().len(),
            36
        );
        assert_eq!(
            new["spec"]["template"]["metadata"]["annotations"]["kubevirt.io/pci-topology-version"],
            "v3"
        );
    }

    #[test]
    fn a_consistent_vm_passes() {
        let ok = vm(json!({
            "domain": {"devices": {"disks": [{"name": "root", "disk": {"bus": "sata"}}, {"name": "cd", "cdrom": {"bus": "sata"}}],
                                   "interfaces": [{"name": "default", "masquerade": {}}]}},
            "volumes": [{"name": "root"}, {"name": "cd"}],
            "networks": [{"name": "default", "pod": {}}]
        }));
        assert_eq!(vm_causes(&ok), Vec::<(String, String)>::new());
    }

    #[test]
    fn the_common_mistakes_get_kubevirts_messages() {
        let bad = vm(json!({
            "domain": {"devices": {"disks": [{"name": "rootdisk", "disk": {}}, {"name": "rootdisk", "cdrom": {"bus": "virtio"}}],
                                   "interfaces": [{"name": "default"}]}},
            "volumes": [{"name": "other"}]
        }));
        let messages: Vec<String> = vm_causes(&bad).into_iter().map(|(_, m)| m).collect();
        assert!(messages.contains(
            &"spec.template.spec.domain.devices.disks[0].Name 'rootdisk' not found.".to_owned()
        ));
        assert!(messages.contains(&"spec.template.spec.domain.devices.disks[1] and spec.template.spec.domain.devices.disks[0] must not have the same Name.".to_owned()));
        assert!(messages.contains(&"Bus type virtio is invalid for CD-ROM device".to_owned()));
        assert!(messages
            .contains(&"spec.template.spec.domain.volumes[0].name 'other' not found.".to_owned()));
        assert!(messages.contains(
            &"spec.template.spec.domain.devices.interfaces[0].name 'default' not found.".to_owned()
        ));
        let both = json!({"metadata": {"name": "w"}, "spec": {"running": true, "runStrategy": "Always", "template": {}}});
        assert!(vm_causes(&both)[0]
            .1
            .starts_with("Running and RunStrategy are mutually exclusive"));
        let err =
            check_vm(&json!({"metadata": {"name": "w"}, "spec": {"runStrategy": "Sometimes"}}))
                .unwrap_err();
        assert_eq!(err.code, 422);
        assert!(err.message.starts_with("admission webhook \"virtualmachine-validator.kubevirt.io\" denied the request: Invalid RunStrategy (Sometimes), missing virtual machine template."));
    }
}
