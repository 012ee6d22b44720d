//! Remote desktop to a Windows VM: which Service exposes its RDP port, the Service to create
//! when none does, the address to connect to, and the `.rdp` file that opens it.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::model::service::{Node, Service};
use crate::model::VirtualMachine;

/// The port Windows listens on for Remote Desktop.
pub const RDP_PORT: u16 = 3389;
/// The label KubeVirt puts on a VM's launcher pod, naming its VM.
pub const VM_NAME_LABEL: &str = "vm.kubevirt.io/name";

/// Set (`enabled`) on a VM whose generated answer file turned Remote Desktop on.
pub const REMOTE_DESKTOP_ANNOTATION: &str = "vm.windows-vms.io/remote-desktop";

/// Whether Remote Desktop is probably still off inside Windows: a fresh install has it off, and
/// nothing says this VM's answer file turned it on.
pub fn remote_desktop_probably_off(vm: &VirtualMachine) -> bool {
    vm.metadata
        .annotations
        .get(REMOTE_DESKTOP_ANNOTATION)
        .is_none_or(|v| v != "enabled")
}
/// The label that marks what this app created.
const MANAGED_BY: &str = "app.kubernetes.io/managed-by";
const MANAGED_BY_VALUE: &str = "windows-vms";

/// How the user wants to reach the desktop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ServiceKind {
    /// From inside the cluster (other pods, or through a VPN or port-forward).
    ClusterIp,
    /// From outside, on a port of every node.
    NodePort,
}

impl ServiceKind {
    pub fn api_name(self) -> &'static str {
        match self {
            Self::ClusterIp => "ClusterIP",
            Self::NodePort => "NodePort",
        }
    }
}

/// A Service that reaches the VM's RDP port, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RdpEndpoint {
    pub service: String,
    pub kind: String,
    pub cluster_ip: Option<String>,
    pub port: u16,
    pub node_port: Option<u16>,
    pub external: Option<String>,
}

/// The labels of the VM's launcher pod that a Service can select on.
pub fn pod_labels(vm: &VirtualMachine) -> BTreeMap<String, String> {
    let mut labels = vm.spec.template.metadata.labels.clone();
    labels.insert(VM_NAME_LABEL.to_owned(), vm.metadata.name.clone());
    labels
}

/// The first Service (by name) that selects the VM's pod and forwards to port 3389.
pub fn find_rdp_endpoint(services: &[Service], vm: &VirtualMachine) -> Option<RdpEndpoint> {
    let labels = pod_labels(vm);
    let mut matching: Vec<&Service> = services
        .iter()
        .filter(|s| {
            !s.spec.selector.is_empty()
                && s.spec
                    .selector
                    .iter()
                    .all(|(k, v)| labels.get(k) == Some(v))
        })
        .collect();
    matching.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    matching.into_iter().find_map(|service| {
        let port = service.spec.ports.iter().find(|p| match &p.target_port {
            Some(Value::Number(n)) => n.as_u64() == Some(u64::from(RDP_PORT)),
            Some(_) => false,
            None => p.port == RDP_PORT,
        })?;
        Some(RdpEndpoint {
            service: service.metadata.name.clone(),
            kind: service
                .spec
                .type_
                .clone()
                .unwrap_or_else(|| "ClusterIP".into()),
            cluster_ip: service.spec.cluster_ip.clone().filter(|ip| ip != "None"),
            port: port.port,
            node_port: port.node_port,
            external: service
                .status
                .load_balancer
                .ingress
                .iter()
                .find_map(|i| i.ip.clone().or_else(|| i.hostname.clone())),
        })
    })
}

/// The Service to create: named after the VM, selecting its pod, owned by the VM so that it
/// goes when the VM goes.
pub fn rdp_service(vm: &VirtualMachine, kind: ServiceKind) -> Value {
    let name = &vm.metadata.name;
    let mut metadata = json!({
        "name": format!("{name}-rdp"),
        "namespace": vm.metadata.namespace,
        "labels": {MANAGED_BY: MANAGED_BY_VALUE, VM_NAME_LABEL: name},
    });
    if let Some(uid) = &vm.metadata.uid {
        metadata["ownerReferences"] = json!([{
            "apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine", "name": name, "uid": uid
        }]);
    }
    json!({
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": metadata,
        "spec": {
            "type": kind.api_name(),
            "selector": {VM_NAME_LABEL: name},
            "ports": [{"name": "rdp", "protocol": "TCP", "port": RDP_PORT, "targetPort": RDP_PORT}]
        }
    })
}

/// The node address to use for a NodePort: its external address, else its internal one.
pub fn node_address(node: &Node) -> Option<String> {
    ["ExternalIP", "InternalIP", "Hostname"]
        .iter()
        .find_map(|wanted| {
            node.status
                .addresses
                .iter()
                .find(|a| a.type_ == *wanted)
                .map(|a| a.address.clone())
        })
}

/// `host:port` to connect to: the load balancer, a node's port, or the cluster address.
pub fn connect_address(endpoint: &RdpEndpoint, node: Option<&str>) -> Option<String> {
    if let Some(external) = &endpoint.external {
        return Some(format!("{external}:{}", endpoint.port));
    }
    match (endpoint.kind.as_str(), endpoint.node_port, node) {
        ("NodePort" | "LoadBalancer", Some(port), Some(node)) => Some(format!("{node}:{port}")),
        _ => endpoint
            .cluster_ip
            .as_ref()
            .map(|ip| format!("{ip}:{}", endpoint.port)),
    }
}

/// Why an address may not go into a `.rdp` file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "\"{shown}\" is not a host name or IP address with a port, so no .rdp file is offered for it."
)]
pub struct BadRdpAddress {
    /// The address with control characters made visible.
    shown: String,
}

/// Checks `host:port` (or `[v6]:port`): a DNS name or an IP address, and a port. The address
/// comes from a Service or a Node any namespace editor may change, and a line break in it would
/// add settings of their choosing to the file the user opens.
pub fn check_rdp_address(address: &str) -> Result<(), BadRdpAddress> {
    let bad = || BadRdpAddress {
        shown: address.escape_debug().to_string(),
    };
    let (host, port) = address.rsplit_once(':').ok_or_else(bad)?;
    if !port.parse::<u16>().is_ok_and(|p| p > 0) || port.starts_with('+') {
        return Err(bad());
    }
    let host_ok = if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        v6.parse::<std::net::Ipv6Addr>().is_ok()
    } else {
        host.parse::<std::net::Ipv4Addr>().is_ok() || is_dns_name(host)
    };
    host_ok.then_some(()).ok_or_else(bad)
}

/// A DNS name: dot-separated labels of letters, digits and inner hyphens, 253 characters at most.
fn is_dns_name(host: &str) -> bool {
    host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// A `.rdp` file that opens a full-screen session to `address`, asking for credentials.
pub fn rdp_file(address: &str) -> Result<String, BadRdpAddress> {
    check_rdp_address(address)?;
    Ok([
        format!("full address:s:{address}"),
        "prompt for credentials:i:1".into(),
        "screen mode id:i:2".into(),
        "use multimon:i:0".into(),
        "session bpp:i:32".into(),
        "networkautodetect:i:1".into(),
        "bandwidthautodetect:i:1".into(),
        "audiomode:i:0".into(),
        "redirectclipboard:i:1".into(),
        "authentication level:i:2".into(),
    ]
    .iter()
    .map(|line| format!("{line}\r\n"))
    .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vm() -> VirtualMachine {
        serde_json::from_value(json!({
            "metadata": {"name": "win11", "namespace": "dev", "uid": "u-1"},
            "spec": {"template": {"metadata": {"labels": {"kubevirt.io/domain": "win11"}}}}
        }))
        .unwrap()
    }

    fn service(value: Value) -> Service {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn the_created_service_selects_the_vm_pod_and_is_found_again() {
        let created = rdp_service(&vm(), ServiceKind::NodePort);
        // Kubernetes' own Service type reads it back unchanged: every field is one it knows.
        #[cfg(not(target_arch = "wasm32"))]
        {
            let typed: k8s_openapi::api::core::v1::Service =
                serde_json::from_value(created.clone()).unwrap();
            assert_eq!(serde_json::to_value(typed).unwrap(), created);
        }
        assert_eq!(created["metadata"]["name"], "win11-rdp");
        assert_eq!(created["metadata"]["ownerReferences"][0]["uid"], "u-1");
        assert_eq!(created["spec"]["type"], "NodePort");
        let mut stored = created.clone();
        stored["spec"]["clusterIP"] = json!("172.30.0.5");
        stored["spec"]["ports"][0]["nodePort"] = json!(31389);
        let endpoint = find_rdp_endpoint(&[service(stored)], &vm()).unwrap();
        assert_eq!(endpoint.node_port, Some(31389));
        assert_eq!(
            connect_address(&endpoint, Some("192.168.10.11")).as_deref(),
            Some("192.168.10.11:31389")
        );
    }

    #[test]
    fn only_services_that_select_this_vm_and_reach_3389_count() {
        let other_vm = service(
            json!({"metadata": {"name": "a"}, "spec": {"selector": {"vm.kubevirt.io/name": "other"},
            "ports": [{"port": 3389}]}}),
        );
        let web = service(
            json!({"metadata": {"name": "b"}, "spec": {"selector": {"kubevirt.io/domain": "win11"},
            "ports": [{"port": 80, "targetPort": 8080}]}}),
        );
        let no_selector =
            service(json!({"metadata": {"name": "c"}, "spec": {"ports": [{"port": 3389}]}}));
        assert_eq!(
            find_rdp_endpoint(&[other_vm, web, no_selector], &vm()),
            None
        );
        let by_template_label = service(
            json!({"metadata": {"name": "d"}, "spec": {"selector": {"kubevirt.io/domain": "win11"},
            "clusterIP": "172.30.1.1", "ports": [{"port": 13389, "targetPort": 3389}]}}),
        );
        let found = find_rdp_endpoint(&[by_template_label], &vm()).unwrap();
        assert_eq!(
            connect_address(&found, None).as_deref(),
            Some("172.30.1.1:13389")
        );
    }

    #[test]
    fn a_load_balancer_address_wins_and_nodes_prefer_their_external_address() {
        let lb = service(
            json!({"metadata": {"name": "lb"}, "spec": {"type": "LoadBalancer", "selector": {"vm.kubevirt.io/name": "win11"},
            "ports": [{"port": 3389, "nodePort": 30001}]}, "status": {"loadBalancer": {"ingress": [{"ip": "203.0.113.7"}]}}}),
        );
        let endpoint = find_rdp_endpoint(&[lb], &vm()).unwrap();
        assert_eq!(
            connect_address(&endpoint, Some("10.0.0.1")).as_deref(),
            Some("203.0.113.7:3389")
        );
        let node: Node = serde_json::from_value(json!({"status": {"addresses": [
            {"type": "InternalIP", "address": "10.0.0.1"}, {"type": "ExternalIP", "address": "198.51.100.2"}]}}))
        .unwrap();
        assert_eq!(node_address(&node).as_deref(), Some("198.51.100.2"));
    }

    #[test]
    fn the_rdp_file_names_the_address_with_windows_line_ends() {
        let file = rdp_file("192.168.10.11:31389").unwrap();
        assert!(file.starts_with("full address:s:192.168.10.11:31389\r\n"));
        assert!(file.contains("prompt for credentials:i:1\r\n"));
        assert!(file.lines().all(|l| l.contains(':')));
    }

    #[test]
    fn only_a_host_name_or_ip_address_with_a_port_goes_into_an_rdp_file() {
        for good in [
            "192.168.10.11:31389",
            "rdp.example.com:3389",
            "win-01.apps.cluster.local:443",
            "[2001:db8::10]:3389",
        ] {
            assert_eq!(check_rdp_address(good), Ok(()), "{good}");
        }
        for bad in [
            "192.168.10.11:31389\r\nalternate shell:s:cmd.exe",
            "host\n:3389",
            "rdp.example.com",
            "rdp.example.com:0",
            "rdp.example.com:70000",
            "rdp.example.com:+3389",
            "-bad.example.com:3389",
            "a b:3389",
            "2001:db8::10:3389",
            "[not-v6]:3389",
            "javascript:alert(1)",
            ":3389",
        ] {
            assert!(rdp_file(bad).is_err(), "{bad:?}");
        }
        let shown = check_rdp_address("evil\r\nx:1").unwrap_err().to_string();
        assert!(shown.contains("\\r\\n") && !shown.contains('\r'), "{shown}");
    }
}
