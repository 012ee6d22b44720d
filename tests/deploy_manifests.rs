//! `console-plugin/deploy.yaml` read as the API server reads it: every Kubernetes object against
//! Kubernetes' own types (a field the type does not know is refused, as strict field validation
//! refuses it), the `ConsolePlugin` against the fields of its CRD, the plugin's pods against the
//! `restricted` Pod Security profile, and the objects against each other and against the nginx
//! configuration and plugin manifest they serve.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{Container, Namespace, PodSpec, Service};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

const DEPLOY_YAML: &str = include_str!("../console-plugin/deploy.yaml");
const NGINX_CONF: &str = include_str!("../console-plugin/nginx.conf");
const PLUGIN_MANIFEST: &str = include_str!("../console-plugin/plugin-manifest.json");

/// Volume kinds the `restricted` Pod Security profile allows.
const RESTRICTED_VOLUMES: [&str; 8] = [
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "persistentVolumeClaim",
    "projected",
    "secret",
];

fn documents(yaml: &str) -> Vec<Value> {
    serde_yaml::Deserializer::from_str(yaml)
        .map(|document| Value::deserialize(document).expect("deploy.yaml is YAML"))
        .filter(|document| !document.is_null())
        .collect()
}

/// The object as `T`, or what `T` refused or dropped: a field it does not know, a value of the
/// wrong type.
fn typed<T: DeserializeOwned + Serialize>(object: &Value) -> Result<T, Vec<String>> {
    let typed: T = serde_json::from_value(object.clone()).map_err(|e| vec![e.to_string()])?;
    let mut problems = Vec::new();
    dropped(
        "",
        object,
        &serde_json::to_value(&typed).unwrap(),
        &mut problems,
    );
    if problems.is_empty() {
        Ok(typed)
    } else {
        Err(problems)
    }
}

fn dropped(path: &str, input: &Value, output: &Value, problems: &mut Vec<String>) {
    match (input, output) {
        (Value::Object(input), Value::Object(output)) => {
            for (key, value) in input {
                let path = format!("{path}.{key}");
                match output.get(key) {
                    Some(kept) => dropped(&path, value, kept, problems),
                    None => problems.push(format!("{path}: unknown field")),
                }
            }
        }
        (Value::Array(input), Value::Array(output)) if input.len() == output.len() => {
            for (n, (value, kept)) in input.iter().zip(output).enumerate() {
                dropped(&format!("{path}[{n}]"), value, kept, problems);
            }
        }
        _ if input == output => {}
        _ => problems.push(format!("{path}: {input} was read as {output}")),
    }
}

/// `console.openshift.io/v1` `ConsolePlugin`, with the fields of its CRD and no others.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ConsolePlugin {
    #[allow(dead_code)]
    api_version: String,
    #[allow(dead_code)]
    kind: String,
    metadata: Value,
    spec: ConsolePluginSpec,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ConsolePluginSpec {
    display_name: String,
    backend: ConsolePluginBackend,
    #[allow(dead_code)]
    i18n: Option<ConsolePluginI18n>,
    #[allow(dead_code)]
    proxy: Option<Vec<Value>>,
    #[allow(dead_code)]
    content_security_policy: Option<Vec<Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConsolePluginBackend {
    #[serde(rename = "type")]
    kind: BackendType,
    service: Option<ConsolePluginService>,
}

#[derive(Debug, Deserialize, PartialEq)]
enum BackendType {
    Service,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ConsolePluginService {
    name: String,
    namespace: String,
    port: i32,
    base_path: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ConsolePluginI18n {
    #[allow(dead_code)]
    load_type: LoadType,
}

#[derive(Debug, Deserialize)]
enum LoadType {
    Preload,
    Lazy,
    #[serde(rename = "")]
    Unset,
}

fn console_plugin(object: &Value) -> Result<ConsolePlugin, Vec<String>> {
    let plugin: ConsolePlugin =
        serde_json::from_value(object.clone()).map_err(|e| vec![format!("ConsolePlugin: {e}")])?;
    let mut problems = typed::<ObjectMeta>(&plugin.metadata)
        .err()
        .unwrap_or_default();
    let spec = &plugin.spec;
    if spec.display_name.is_empty() {
        problems.push("spec.displayName: must not be empty".into());
    }
    if plugin.metadata.get("namespace").is_some() {
        problems.push("metadata.namespace: a ConsolePlugin belongs to no namespace".into());
    }
    match &spec.backend.service {
        None => problems.push("spec.backend.service: required for type Service".into()),
        Some(service) => {
            if service.name.is_empty() || service.namespace.is_empty() {
                problems.push("spec.backend.service: name and namespace are required".into());
            }
            if !(1..=65535).contains(&service.port) {
                problems.push(format!(
                    "spec.backend.service.port: {} is no port",
                    service.port
                ));
            }
            if !service.base_path.as_deref().unwrap_or("/").starts_with('/') {
                problems.push("spec.backend.service.basePath: must start with /".into());
            }
        }
    }
    if problems.is_empty() {
        Ok(plugin)
    } else {
        Err(problems)
    }
}

struct Manifests {
    namespace: Namespace,
    deployment: Deployment,
    service: Service,
    plugin: ConsolePlugin,
}

fn check(yaml: &str) -> Result<Manifests, Vec<String>> {
    let (mut namespace, mut deployment, mut service, mut plugin) = (None, None, None, None);
    let mut problems = Vec::new();
    for object in documents(yaml) {
        let api_version = object["apiVersion"].as_str().unwrap_or_default().to_owned();
        let kind = object["kind"].as_str().unwrap_or_default().to_owned();
        let name = format!(
            "{kind} {}",
            object["metadata"]["name"].as_str().unwrap_or("?")
        );
        let found = match (api_version.as_str(), kind.as_str()) {
            ("v1", "Namespace") => typed(&object).map(|o| namespace = Some(o)),
            ("apps/v1", "Deployment") => typed(&object).map(|o| deployment = Some(o)),
            ("v1", "Service") => typed(&object).map(|o| service = Some(o)),
            ("console.openshift.io/v1", "ConsolePlugin") => {
                console_plugin(&object).map(|o| plugin = Some(o))
            }
            _ => Err(vec![format!("{api_version} {kind}: not expected here")]),
        };
        if let Err(found) = found {
            problems.extend(found.into_iter().map(|p| format!("{name}: {p}")));
        }
    }
    match (namespace, deployment, service, plugin) {
        (Some(namespace), Some(deployment), Some(service), Some(plugin)) if problems.is_empty() => {
            Ok(Manifests {
                namespace,
                deployment,
                service,
                plugin,
            })
        }
        _ if !problems.is_empty() => Err(problems),
        _ => Err(vec![
            "one Namespace, Deployment, Service and ConsolePlugin each".into(),
        ]),
    }
}

fn manifests() -> Manifests {
    check(DEPLOY_YAML).unwrap_or_else(|problems| panic!("deploy.yaml: {problems:#?}"))
}

fn pod(deployment: &Deployment) -> &PodSpec {
    deployment
        .spec
        .as_ref()
        .and_then(|s| s.template.spec.as_ref())
        .expect("a pod template")
}

/// What the `restricted` Pod Security profile, and keeping the pod away from the API and the
/// root filesystem, forbid in this pod.
fn restricted_problems(pod: &PodSpec) -> Vec<String> {
    let mut problems = Vec::new();
    let pod_context = pod.security_context.clone().unwrap_or_default();
    if pod.automount_service_account_token != Some(false) {
        problems.push("automountServiceAccountToken: must be false".into());
    }
    for (field, on) in [
        ("hostNetwork", pod.host_network),
        ("hostPID", pod.host_pid),
        ("hostIPC", pod.host_ipc),
    ] {
        if on == Some(true) {
            problems.push(format!("{field}: must not be true"));
        }
    }
    for volume in pod.volumes.iter().flatten() {
        let source = serde_json::to_value(volume).unwrap();
        let kinds: Vec<&String> = source
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| *k != "name")
            .collect();
        if !kinds
            .iter()
            .all(|kind| RESTRICTED_VOLUMES.contains(&kind.as_str()))
        {
            problems.push(format!("volume {}: {kinds:?} is not allowed", volume.name));
        }
    }
    let containers = pod
        .containers
        .iter()
        .chain(pod.init_containers.iter().flatten());
    for container in containers {
        let context = container.security_context.clone().unwrap_or_default();
        let at = |field: &str| format!("container {}: {field}", container.name);
        if context.allow_privilege_escalation != Some(false) {
            problems.push(at("allowPrivilegeEscalation must be false"));
        }
        if context.privileged == Some(true) {
            problems.push(at("privileged must not be true"));
        }
        if context.read_only_root_filesystem != Some(true) {
            problems.push(at("readOnlyRootFilesystem must be true"));
        }
        let capabilities = context.capabilities.clone().unwrap_or_default();
        if !capabilities.drop.iter().flatten().any(|c| c == "ALL") {
            problems.push(at("capabilities.drop must hold ALL"));
        }
        if capabilities
            .add
            .iter()
            .flatten()
            .any(|c| c != "NET_BIND_SERVICE")
        {
            problems.push(at("capabilities.add may hold NET_BIND_SERVICE only"));
        }
        if context.run_as_non_root.or(pod_context.run_as_non_root) != Some(true) {
            problems.push(at("runAsNonRoot must be true (here or for the pod)"));
        }
        if context.run_as_user.or(pod_context.run_as_user) == Some(0) {
            problems.push(at("runAsUser must not be 0"));
        }
        let seccomp = context
            .seccomp_profile
            .as_ref()
            .or(pod_context.seccomp_profile.as_ref());
        if !matches!(
            seccomp.map(|p| p.type_.as_str()),
            Some("RuntimeDefault" | "Localhost")
        ) {
            problems.push(at(
                "seccompProfile.type must be RuntimeDefault or Localhost",
            ));
        }
        problems.extend(resource_problems(container));
    }
    problems
}

/// CPU and memory both requested and limited, each request within its limit.
fn resource_problems(container: &Container) -> Vec<String> {
    let resources = container.resources.clone().unwrap_or_default();
    let (requests, limits) = (
        resources.requests.unwrap_or_default(),
        resources.limits.unwrap_or_default(),
    );
    let mut problems = Vec::new();
    for resource in ["cpu", "memory"] {
        match (requests.get(resource), limits.get(resource)) {
            (Some(request), Some(limit)) if quantity(&request.0) <= quantity(&limit.0) => {}
            (Some(request), Some(limit)) => problems.push(format!(
                "container {}: {resource} request {} is above its limit {}",
                container.name, request.0, limit.0
            )),
            _ => problems.push(format!(
                "container {}: {resource} needs a request and a limit",
                container.name
            )),
        }
    }
    problems
}

/// A Kubernetes quantity in base units ("250m" is 0.25, "64Mi" is 67108864).
fn quantity(text: &str) -> f64 {
    let suffixes = [
        ("Ki", 1024f64),
        ("Mi", 1024f64.powi(2)),
        ("Gi", 1024f64.powi(3)),
        ("m", 0.001),
        ("k", 1e3),
        ("M", 1e6),
        ("G", 1e9),
    ];
    let (number, scale) = suffixes
        .iter()
        .find_map(|(suffix, scale)| text.strip_suffix(suffix).map(|n| (n, *scale)))
        .unwrap_or((text, 1.0));
    number
        .parse::<f64>()
        .unwrap_or_else(|_| panic!("{text} is no quantity"))
        * scale
}

/// The paths nginx writes to, as its configuration names them.
fn nginx_writes() -> Vec<String> {
    NGINX_CONF
        .lines()
        .map(str::trim)
        .filter(|line| {
            line.starts_with("pid ")
                || line
                    .split(' ')
                    .next()
                    .is_some_and(|d| d.ends_with("_temp_path"))
        })
        .map(|line| {
            line.split_whitespace()
                .nth(1)
                .unwrap()
                .trim_end_matches(';')
                .to_owned()
        })
        .collect()
}

/// The value of the first nginx directive `name`.
fn nginx_directive(name: &str) -> String {
    NGINX_CONF
        .lines()
        .map(str::trim)
        .find_map(|line| line.strip_prefix(&format!("{name} ")))
        .unwrap_or_else(|| panic!("nginx.conf has no {name}"))
        .trim_end_matches(';')
        .to_owned()
}

fn port_number(container: &Container, port: &IntOrString) -> Option<i32> {
    match port {
        IntOrString::Int(number) => Some(*number),
        IntOrString::String(name) => container
            .ports
            .iter()
            .flatten()
            .find(|p| p.name.as_deref() == Some(name))
            .map(|p| p.container_port),
    }
}

#[test]
fn every_object_is_valid_for_its_type() {
    let manifests = manifests();
    assert_eq!(
        manifests.deployment.metadata.namespace.as_deref(),
        manifests.namespace.metadata.name.as_deref()
    );
    assert_eq!(
        manifests.service.metadata.namespace.as_deref(),
        manifests.namespace.metadata.name.as_deref()
    );
}

#[test]
fn a_field_kubernetes_does_not_know_is_refused() {
    let yaml = DEPLOY_YAML.replace(
        "readOnlyRootFilesystem: true",
        "readOnlyRootFileSystem: true",
    );
    let problems = check(&yaml).err().expect("the misspelt field is refused");
    assert_eq!(
        problems,
        ["Deployment windows-vms: .spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem: unknown field"]
    );
}

#[test]
fn a_value_of_the_wrong_type_is_refused() {
    let yaml = DEPLOY_YAML.replace("replicas: 2", "replicas: two");
    let problems = check(&yaml).err().expect("a word for a number is refused");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("Deployment windows-vms: invalid type: string \"two\""),
        "{problems:?}"
    );
}

#[test]
fn the_console_plugin_has_the_fields_its_crd_requires_and_no_others() {
    let plugin = manifests().plugin;
    assert_eq!(plugin.spec.backend.kind, BackendType::Service);
    assert_eq!(plugin.spec.display_name, "Windows VMs");

    let misspelt = DEPLOY_YAML.replace("  displayName: Windows VMs", "  display: Windows VMs");
    let problems = check(&misspelt)
        .err()
        .expect("an unknown ConsolePlugin field is refused");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("unknown field `display`")),
        "{problems:?}"
    );

    let without_service = DEPLOY_YAML.replace(
        "      namespace: windows-vms\n      port: 9443",
        "      port: 9443",
    );
    let problems = check(&without_service)
        .err()
        .expect("a backend service without a namespace is refused");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("missing field `namespace`")),
        "{problems:?}"
    );

    let bad_load_type = DEPLOY_YAML.replace("loadType: Lazy", "loadType: Sometimes");
    assert!(
        check(&bad_load_type).is_err(),
        "i18n.loadType is Preload, Lazy or empty"
    );
}

#[test]
fn the_plugin_pods_meet_the_restricted_pod_security_profile() {
    let manifests = manifests();
    assert_eq!(
        restricted_problems(pod(&manifests.deployment)),
        Vec::<String>::new()
    );
    assert_eq!(
        manifests
            .namespace
            .metadata
            .labels
            .unwrap_or_default()
            .get("pod-security.kubernetes.io/enforce")
            .map(String::as_str),
        Some("restricted"),
        "the namespace enforces the profile"
    );
}

#[test]
fn a_pod_that_could_gain_privileges_is_reported() {
    let weakened = DEPLOY_YAML
        .replace(
            "allowPrivilegeEscalation: false",
            "allowPrivilegeEscalation: true",
        )
        .replace(
            "capabilities: {drop: [ALL]}",
            "capabilities: {add: [NET_ADMIN]}",
        )
        .replace(
            "automountServiceAccountToken: false",
            "automountServiceAccountToken: true",
        )
        .replace("limits: {cpu: 250m, memory: 128Mi}", "limits: {cpu: 5m}");
    let deployment = check(&weakened).expect("still valid Kubernetes").deployment;
    assert_eq!(
        restricted_problems(pod(&deployment)),
        [
            "automountServiceAccountToken: must be false",
            "container nginx: allowPrivilegeEscalation must be false",
            "container nginx: capabilities.drop must hold ALL",
            "container nginx: capabilities.add may hold NET_BIND_SERVICE only",
            "container nginx: cpu request 10m is above its limit 5m",
            "container nginx: memory needs a request and a limit",
        ]
    );
}

#[test]
fn nginx_writes_only_to_an_empty_dir_and_reads_its_certificate_from_the_serving_secret() {
    let manifests = manifests();
    let pod = pod(&manifests.deployment);
    let container = &pod.containers[0];
    let volume_at = |path: &str| {
        let mount = container
            .volume_mounts
            .iter()
            .flatten()
            .filter(|m| path.starts_with(&format!("{}/", m.mount_path.trim_end_matches('/'))))
            .max_by_key(|m| m.mount_path.len())
            .unwrap_or_else(|| panic!("{path} is on the read-only root filesystem"));
        (
            mount,
            pod.volumes
                .iter()
                .flatten()
                .find(|v| v.name == mount.name)
                .expect("the mounted volume"),
        )
    };
    let writes = nginx_writes();
    assert_eq!(
        writes.len(),
        6,
        "the pid file and five temporary paths: {writes:?}"
    );
    for path in writes {
        let (_, volume) = volume_at(&path);
        assert!(
            volume.empty_dir.is_some(),
            "{path} is on volume {}, which is no emptyDir",
            volume.name
        );
    }
    let secret = manifests.service.metadata.annotations.unwrap_or_default()
        ["service.beta.openshift.io/serving-cert-secret-name"]
        .clone();
    for directive in ["ssl_certificate", "ssl_certificate_key"] {
        let (mount, volume) = volume_at(&nginx_directive(directive));
        assert_eq!(
            volume.secret.as_ref().and_then(|s| s.secret_name.clone()),
            Some(secret.clone())
        );
        assert_eq!(mount.read_only, Some(true));
    }
}

#[test]
fn the_probes_ask_nginx_over_tls_on_a_path_it_answers() {
    let manifests = manifests();
    let container = &pod(&manifests.deployment).containers[0];
    let listen: i32 = nginx_directive("listen")
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    for (kind, probe) in [
        ("readiness", &container.readiness_probe),
        ("liveness", &container.liveness_probe),
    ] {
        let get = probe
            .as_ref()
            .and_then(|p| p.http_get.as_ref())
            .unwrap_or_else(|| panic!("a {kind} probe"));
        assert_eq!(
            port_number(container, &get.port),
            Some(listen),
            "{kind} probe port"
        );
        assert_eq!(get.scheme.as_deref(), Some("HTTPS"), "{kind} probe scheme");
        let path = get.path.as_deref().unwrap_or("/");
        assert!(
            NGINX_CONF.contains(&format!("location = {path} {{")),
            "nginx answers {path}"
        );
    }
}

#[test]
fn the_service_and_console_plugin_lead_to_the_pods_port() {
    let manifests = manifests();
    let pod_labels = manifests
        .deployment
        .spec
        .as_ref()
        .unwrap()
        .template
        .metadata
        .as_ref()
        .unwrap()
        .labels
        .clone()
        .unwrap_or_default();
    let spec = manifests.service.spec.as_ref().expect("a service spec");
    let selector: BTreeMap<String, String> = spec.selector.clone().unwrap_or_default();
    assert!(
        !selector.is_empty() && selector.iter().all(|(k, v)| pod_labels.get(k) == Some(v)),
        "the Service selects the pods"
    );

    let backend = manifests.plugin.spec.backend.service.as_ref().unwrap();
    assert_eq!(
        Some(backend.name.as_str()),
        manifests.service.metadata.name.as_deref()
    );
    assert_eq!(
        Some(backend.namespace.as_str()),
        manifests.service.metadata.namespace.as_deref()
    );
    let port = spec
        .ports
        .iter()
        .flatten()
        .find(|p| p.port == backend.port)
        .expect("the Service has the plugin's port");
    let container = &pod(&manifests.deployment).containers[0];
    let target = port
        .target_port
        .clone()
        .unwrap_or(IntOrString::Int(port.port));
    assert_eq!(port_number(container, &target), Some(9443));

    let manifest: Value = serde_json::from_str(PLUGIN_MANIFEST).unwrap();
    assert_eq!(
        manifests.plugin.metadata["name"], manifest["name"],
        "the console loads /api/plugins/<ConsolePlugin name>/, whose manifest must carry that name"
    );
    assert_eq!(
        manifest["customProperties"]["console"]["displayName"],
        json!(manifests.plugin.spec.display_name)
    );
}
