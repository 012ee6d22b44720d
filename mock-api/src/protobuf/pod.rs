//! Tables of the pod template a Job or CronJob carries: PodSpec, Container and what they hold
//! that Jobs commonly set (env, resources, volumes, security contexts, tolerations). Field
//! numbers are those of `k8s.io/api/core/v1/generated.proto`.

use super::core_v1::LOCAL_OBJECT_REFERENCE;
use super::fields::{
    flag, flag_value, inline, int, int_value, ints, message, messages, quantity, quantity_map,
    string_map, text, text_kept, texts, Message,
};
use super::meta::OBJECT_META;

pub static POD_TEMPLATE_SPEC: Message = Message {
    name: "PodTemplateSpec",
    fields: &[
        message(1, "metadata", &OBJECT_META),
        message(2, "spec", &POD_SPEC),
    ],
};

static POD_SPEC: Message = Message {
    name: "PodSpec",
    fields: &[
        messages(1, "volumes", &VOLUME),
        messages(2, "containers", &CONTAINER),
        text(3, "restartPolicy"),
        int(4, "terminationGracePeriodSeconds"),
        int(5, "activeDeadlineSeconds"),
        text(6, "dnsPolicy"),
        string_map(7, "nodeSelector"),
        text(8, "serviceAccountName"),
        text(9, "serviceAccount"),
        text(10, "nodeName"),
        flag_value(11, "hostNetwork"),
        flag_value(12, "hostPID"),
        flag_value(13, "hostIPC"),
        message(14, "securityContext", &POD_SECURITY_CONTEXT),
        messages(15, "imagePullSecrets", &LOCAL_OBJECT_REFERENCE),
        text(16, "hostname"),
        text(17, "subdomain"),
        text(19, "schedulerName"),
        messages(20, "initContainers", &CONTAINER),
        flag(21, "automountServiceAccountToken"),
        messages(22, "tolerations", &TOLERATION),
        text(24, "priorityClassName"),
        int(25, "priority"),
        flag(27, "shareProcessNamespace"),
        text_kept(29, "runtimeClassName"),
        flag(30, "enableServiceLinks"),
        text_kept(31, "preemptionPolicy"),
        flag(35, "setHostnameAsFQDN"),
        message(36, "os", &POD_OS),
        flag(37, "hostUsers"),
    ],
};

static CONTAINER: Message = Message {
    name: "Container",
    fields: &[
        text_kept(1, "name"),
        text(2, "image"),
        texts(3, "command"),
        texts(4, "args"),
        text(5, "workingDir"),
        messages(6, "ports", &CONTAINER_PORT),
        messages(7, "env", &ENV_VAR),
        message(8, "resources", &RESOURCE_REQUIREMENTS),
        messages(9, "volumeMounts", &VOLUME_MOUNT),
        text(13, "terminationMessagePath"),
        text(14, "imagePullPolicy"),
        message(15, "securityContext", &SECURITY_CONTEXT),
        flag_value(16, "stdin"),
        flag_value(17, "stdinOnce"),
        flag_value(18, "tty"),
        messages(19, "envFrom", &ENV_FROM_SOURCE),
        text(20, "terminationMessagePolicy"),
        text_kept(24, "restartPolicy"),
    ],
};

static CONTAINER_PORT: Message = Message {
    name: "ContainerPort",
    fields: &[
        text(1, "name"),
        int_value(2, "hostPort"),
        int(3, "containerPort"),
        text(4, "protocol"),
        text(5, "hostIP"),
    ],
};

static ENV_VAR: Message = Message {
    name: "EnvVar",
    fields: &[
        text_kept(1, "name"),
        text(2, "value"),
        message(3, "valueFrom", &ENV_VAR_SOURCE),
    ],
};

static ENV_VAR_SOURCE: Message = Message {
    name: "EnvVarSource",
    fields: &[
        message(1, "fieldRef", &OBJECT_FIELD_SELECTOR),
        message(2, "resourceFieldRef", &RESOURCE_FIELD_SELECTOR),
        message(3, "configMapKeyRef", &KEY_SELECTOR),
        message(4, "secretKeyRef", &KEY_SELECTOR),
    ],
};

static OBJECT_FIELD_SELECTOR: Message = Message {
    name: "ObjectFieldSelector",
    fields: &[text(1, "apiVersion"), text_kept(2, "fieldPath")],
};

static RESOURCE_FIELD_SELECTOR: Message = Message {
    name: "ResourceFieldSelector",
    fields: &[
        text(1, "containerName"),
        text_kept(2, "resource"),
        quantity(3, "divisor"),
    ],
};

/// `ConfigMapKeySelector` and `SecretKeySelector`, which have the same fields.
static KEY_SELECTOR: Message = Message {
    name: "ConfigMapKeySelector",
    fields: &[
        inline(1, &LOCAL_OBJECT_REFERENCE),
        text_kept(2, "key"),
        flag(3, "optional"),
    ],
};

static ENV_FROM_SOURCE: Message = Message {
    name: "EnvFromSource",
    fields: &[
        text(1, "prefix"),
        message(2, "configMapRef", &ENV_SOURCE),
        message(3, "secretRef", &ENV_SOURCE),
    ],
};

/// `ConfigMapEnvSource` and `SecretEnvSource`, which have the same fields.
static ENV_SOURCE: Message = Message {
    name: "ConfigMapEnvSource",
    fields: &[inline(1, &LOCAL_OBJECT_REFERENCE), flag(2, "optional")],
};

static RESOURCE_REQUIREMENTS: Message = Message {
    name: "ResourceRequirements",
    fields: &[
        quantity_map(1, "limits"),
        quantity_map(2, "requests"),
        messages(3, "claims", &RESOURCE_CLAIM),
    ],
};

static RESOURCE_CLAIM: Message = Message {
    name: "ResourceClaim",
    fields: &[text_kept(1, "name"), text(2, "request")],
};

static VOLUME_MOUNT: Message = Message {
    name: "VolumeMount",
    fields: &[
        text_kept(1, "name"),
        flag_value(2, "readOnly"),
        text_kept(3, "mountPath"),
        text(4, "subPath"),
        text_kept(5, "mountPropagation"),
        text(6, "subPathExpr"),
        text_kept(7, "recursiveReadOnly"),
    ],
};

static VOLUME: Message = Message {
    name: "Volume",
    fields: &[text_kept(1, "name"), inline(2, &VOLUME_SOURCE)],
};

/// The volume sources a Job's pod commonly mounts.
static VOLUME_SOURCE: Message = Message {
    name: "VolumeSource",
    fields: &[
        message(2, "emptyDir", &EMPTY_DIR),
        message(6, "secret", &SECRET_VOLUME),
        message(10, "persistentVolumeClaim", &CLAIM_VOLUME),
        message(19, "configMap", &CONFIG_MAP_VOLUME),
    ],
};

static EMPTY_DIR: Message = Message {
    name: "EmptyDirVolumeSource",
    fields: &[text(1, "medium"), quantity(2, "sizeLimit")],
};

static SECRET_VOLUME: Message = Message {
    name: "SecretVolumeSource",
    fields: &[
        text(1, "secretName"),
        messages(2, "items", &KEY_TO_PATH),
        int(3, "defaultMode"),
        flag(4, "optional"),
    ],
};

static CONFIG_MAP_VOLUME: Message = Message {
    name: "ConfigMapVolumeSource",
    fields: &[
        inline(1, &LOCAL_OBJECT_REFERENCE),
        messages(2, "items", &KEY_TO_PATH),
        int(3, "defaultMode"),
        flag(4, "optional"),
    ],
};

static KEY_TO_PATH: Message = Message {
    name: "KeyToPath",
    fields: &[text_kept(1, "key"), text_kept(2, "path"), int(3, "mode")],
};

static CLAIM_VOLUME: Message = Message {
    name: "PersistentVolumeClaimVolumeSource",
    fields: &[text_kept(1, "claimName"), flag_value(2, "readOnly")],
};

static SECURITY_CONTEXT: Message = Message {
    name: "SecurityContext",
    fields: &[
        message(1, "capabilities", &CAPABILITIES),
        flag(2, "privileged"),
        message(3, "seLinuxOptions", &SE_LINUX_OPTIONS),
        int(4, "runAsUser"),
        flag(5, "runAsNonRoot"),
        flag(6, "readOnlyRootFilesystem"),
        flag(7, "allowPrivilegeEscalation"),
        int(8, "runAsGroup"),
        text_kept(9, "procMount"),
        message(11, "seccompProfile", &SECCOMP_PROFILE),
        message(12, "appArmorProfile", &SECCOMP_PROFILE),
    ],
};

static POD_SECURITY_CONTEXT: Message = Message {
    name: "PodSecurityContext",
    fields: &[
        message(1, "seLinuxOptions", &SE_LINUX_OPTIONS),
        int(2, "runAsUser"),
        flag(3, "runAsNonRoot"),
        ints(4, "supplementalGroups"),
        int(5, "fsGroup"),
        int(6, "runAsGroup"),
        messages(7, "sysctls", &SYSCTL),
        text_kept(9, "fsGroupChangePolicy"),
        message(10, "seccompProfile", &SECCOMP_PROFILE),
        message(11, "appArmorProfile", &SECCOMP_PROFILE),
        text_kept(12, "supplementalGroupsPolicy"),
        text_kept(13, "seLinuxChangePolicy"),
    ],
};

static CAPABILITIES: Message = Message {
    name: "Capabilities",
    fields: &[texts(1, "add"), texts(2, "drop")],
};

static SE_LINUX_OPTIONS: Message = Message {
    name: "SELinuxOptions",
    fields: &[
        text(1, "user"),
        text(2, "role"),
        text(3, "type"),
        text(4, "level"),
    ],
};

/// `SeccompProfile` and `AppArmorProfile`, which have the same fields.
static SECCOMP_PROFILE: Message = Message {
    name: "SeccompProfile",
    fields: &[text_kept(1, "type"), text_kept(2, "localhostProfile")],
};

static SYSCTL: Message = Message {
    name: "Sysctl",
    fields: &[text_kept(1, "name"), text_kept(2, "value")],
};

static TOLERATION: Message = Message {
    name: "Toleration",
    fields: &[
        text(1, "key"),
        text(2, "operator"),
        text(3, "value"),
        text(4, "effect"),
        int(5, "tolerationSeconds"),
    ],
};

static POD_OS: Message = Message {
    name: "PodOS",
    fields: &[text_kept(1, "name")],
};
