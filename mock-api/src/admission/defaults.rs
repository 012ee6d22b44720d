//! What the API server fills in when an object is created, where clients rely on it: a
//! Service's cluster IP and, for NodePort and LoadBalancer Services, a node port per port.

use serde_json::{json, Value};

use crate::kube::resources::ResourceType;

/// Addresses and ports handed out so far.
#[derive(Debug, Default)]
pub struct Allocator {
    services: u32,
    node_ports: u16,
}

impl Allocator {
    /// Fills in the allocated fields of an object about to be created.
    pub fn on_create(&mut self, resource: &ResourceType, object: &mut Value) {
        if resource.kind != "Service" {
            return;
        }
        let spec = &mut object["spec"];
        if spec["type"].is_null() {
            spec["type"] = json!("ClusterIP");
        }
        if spec["clusterIP"].is_null() {
            self.services += 1;
            let ip = format!(
                "172.30.{}.{}",
                self.services / 250,
                10 + self.services % 250
            );
            spec["clusterIP"] = json!(ip);
            spec["clusterIPs"] = json!([ip]);
        }
        let wants_node_ports = matches!(spec["type"].as_str(), Some("NodePort" | "LoadBalancer"));
        if let Some(ports) = spec["ports"].as_array_mut() {
            for port in ports {
                if port["protocol"].is_null() {
                    port["protocol"] = json!("TCP");
                }
                if port["targetPort"].is_null() {
                    port["targetPort"] = port["port"].clone();
                }
                if wants_node_ports && port["nodePort"].is_null() {
                    // The default NodePort range is 30000-32767.
                    self.node_ports = (self.node_ports + 1) % 2768;
                    port["nodePort"] = json!(30000 + self.node_ports);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kube::resources::SERVICES;

    #[test]
    fn services_get_an_address_and_node_ports_when_they_ask() {
        let mut allocator = Allocator::default();
        let mut service = json!({"spec": {"type": "NodePort", "ports": [{"port": 3389}]}});
        allocator.on_create(&SERVICES, &mut service);
        assert_eq!(service["spec"]["clusterIP"], "172.30.0.11");
        assert_eq!(service["spec"]["ports"][0]["nodePort"], 30001);
        assert_eq!(service["spec"]["ports"][0]["targetPort"], 3389);
        let mut internal = json!({"spec": {"ports": [{"port": 80}]}});
        allocator.on_create(&SERVICES, &mut internal);
        assert_eq!(internal["spec"]["type"], "ClusterIP");
        assert!(internal["spec"]["ports"][0]["nodePort"].is_null());
    }
}
