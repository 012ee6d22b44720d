//! Tables of the core/v1 kinds the mock serves in protobuf, except the pod template (in
//! `pod`): Namespace, Secret, ConfigMap, ServiceAccount, Service and Event. Field numbers are
//! those of `k8s.io/api/core/v1/generated.proto`.

use super::fields::{
    bytes_map, flag, flag_value, int, int_or_string, int_value, message, messages, micro_time,
    string_map, text, text_kept, texts, time, Message,
};
use super::meta::{CONDITION, OBJECT_META};

pub static NAMESPACE: Message = Message {
    name: "Namespace",
    fields: &[
        message(1, "metadata", &OBJECT_META),
        message(2, "spec", &NAMESPACE_SPEC),
        message(3, "status", &NAMESPACE_STATUS),
    ],
};

static NAMESPACE_SPEC: Message = Message {
    name: "NamespaceSpec",
    fields: &[texts(1, "finalizers")],
};

static NAMESPACE_STATUS: Message = Message {
    name: "NamespaceStatus",
    fields: &[
        text(1, "phase"),
        messages(2, "conditions", &NAMESPACE_CONDITION),
    ],
};

static NAMESPACE_CONDITION: Message = Message {
    name: "NamespaceCondition",
    fields: &[
        text_kept(1, "type"),
        text_kept(2, "status"),
        time(4, "lastTransitionTime"),
        text(5, "reason"),
        text(6, "message"),
    ],
};

pub static SECRET: Message = Message {
    name: "Secret",
    fields: &[
        message(1, "metadata", &OBJECT_META),
        bytes_map(2, "data"),
        text(3, "type"),
        string_map(4, "stringData"),
        flag(5, "immutable"),
    ],
};

pub static CONFIG_MAP: Message = Message {
    name: "ConfigMap",
    fields: &[
        message(1, "metadata", &OBJECT_META),
        string_map(2, "data"),
        bytes_map(3, "binaryData"),
        flag(4, "immutable"),
    ],
};

pub static SERVICE_ACCOUNT: Message = Message {
    name: "ServiceAccount",
    fields: &[
        message(1, "metadata", &OBJECT_META),
        messages(2, "secrets", &OBJECT_REFERENCE),
        messages(3, "imagePullSecrets", &LOCAL_OBJECT_REFERENCE),
        flag(4, "automountServiceAccountToken"),
    ],
};

pub static OBJECT_REFERENCE: Message = Message {
    name: "ObjectReference",
    fields: &[
        text(1, "kind"),
        text(2, "namespace"),
        text(3, "name"),
        text(4, "uid"),
        text(5, "apiVersion"),
        text(6, "resourceVersion"),
        text(7, "fieldPath"),
    ],
};

pub static LOCAL_OBJECT_REFERENCE: Message = Message {
    name: "LocalObjectReference",
    fields: &[text(1, "name")],
};

pub static EVENT: Message = Message {
    name: "Event",
    fields: &[
        message(1, "metadata", &OBJECT_META),
        message(2, "involvedObject", &OBJECT_REFERENCE),
        text(3, "reason"),
        text(4, "message"),
        message(5, "source", &EVENT_SOURCE),
        time(6, "firstTimestamp"),
        time(7, "lastTimestamp"),
        int_value(8, "count"),
        text(9, "type"),
        micro_time(10, "eventTime"),
        message(11, "series", &EVENT_SERIES),
        text(12, "action"),
        message(13, "related", &OBJECT_REFERENCE),
        text_kept(14, "reportingComponent"),
        text_kept(15, "reportingInstance"),
    ],
};

static EVENT_SOURCE: Message = Message {
    name: "EventSource",
    fields: &[text(1, "component"), text(2, "host")],
};

static EVENT_SERIES: Message = Message {
    name: "EventSeries",
    fields: &[int_value(1, "count"), micro_time(2, "lastObservedTime")],
};

pub static SERVICE: Message = Message {
    name: "Service",
    fields: &[
        message(1, "metadata", &OBJECT_META),
        message(2, "spec", &SERVICE_SPEC),
        message(3, "status", &SERVICE_STATUS),
    ],
};

static SERVICE_SPEC: Message = Message {
    name: "ServiceSpec",
    fields: &[
        messages(1, "ports", &SERVICE_PORT),
        string_map(2, "selector"),
        text(3, "clusterIP"),
        text(4, "type"),
        texts(5, "externalIPs"),
        text(7, "sessionAffinity"),
        text(8, "loadBalancerIP"),
        texts(9, "loadBalancerSourceRanges"),
        text(10, "externalName"),
        text(11, "externalTrafficPolicy"),
        int_value(12, "healthCheckNodePort"),
        flag_value(13, "publishNotReadyAddresses"),
        message(14, "sessionAffinityConfig", &SESSION_AFFINITY_CONFIG),
        text_kept(17, "ipFamilyPolicy"),
        texts(18, "clusterIPs"),
        texts(19, "ipFamilies"),
        flag(20, "allocateLoadBalancerNodePorts"),
        text_kept(21, "loadBalancerClass"),
        text_kept(22, "internalTrafficPolicy"),
        text_kept(23, "trafficDistribution"),
    ],
};

static SERVICE_PORT: Message = Message {
    name: "ServicePort",
    fields: &[
        text(1, "name"),
        text(2, "protocol"),
        int(3, "port"),
        int_or_string(4, "targetPort"),
        int_value(5, "nodePort"),
        text_kept(6, "appProtocol"),
    ],
};

static SESSION_AFFINITY_CONFIG: Message = Message {
    name: "SessionAffinityConfig",
    fields: &[message(1, "clientIP", &CLIENT_IP_CONFIG)],
};

static CLIENT_IP_CONFIG: Message = Message {
    name: "ClientIPConfig",
    fields: &[int(1, "timeoutSeconds")],
};

static SERVICE_STATUS: Message = Message {
    name: "ServiceStatus",
    fields: &[
        message(1, "loadBalancer", &LOAD_BALANCER_STATUS),
        messages(2, "conditions", &CONDITION),
    ],
};

static LOAD_BALANCER_STATUS: Message = Message {
    name: "LoadBalancerStatus",
    fields: &[messages(1, "ingress", &LOAD_BALANCER_INGRESS)],
};

static LOAD_BALANCER_INGRESS: Message = Message {
    name: "LoadBalancerIngress",
    fields: &[text(1, "ip"), text(2, "hostname"), text_kept(3, "ipMode")],
};
