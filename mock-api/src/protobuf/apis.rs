//! Tables of the kinds of the named groups the mock serves in protobuf: rbac (Role,
//! RoleBinding), batch (CronJob, Job), authorization (SelfSubjectAccessReview) and
//! authentication (SelfSubjectReview). Field numbers are those of each group's
//! `k8s.io/api/<group>/v1/generated.proto`.

use super::core_v1::OBJECT_REFERENCE;
use super::fields::{
    flag, flag_value, int, int_value, message, messages, text, text_kept, texts, time, Message,
};
use super::meta::{LABEL_SELECTOR, OBJECT_META, SELECTOR_REQUIREMENT};
use super::pod::POD_TEMPLATE_SPEC;

pub static ROLE: Message = Message {
    name: "Role",
    fields: &[
        message(1, "metadata", &OBJECT_META),
        messages(2, "rules", &POLICY_RULE),
    ],
};

static POLICY_RULE: Message = Message {
    name: "PolicyRule",
    fields: &[
        texts(1, "verbs"),
        texts(2, "apiGroups"),
        texts(3, "resources"),
        texts(4, "resourceNames"),
        texts(5, "nonResourceURLs"),
    ],
};

pub static ROLE_BINDING: Message = Message {
    name: "RoleBinding",
    fields: &[
        message(1, "metadata", &OBJECT_META),
        messages(2, "subjects", &SUBJECT),
        message(3, "roleRef", &ROLE_REF),
    ],
};

static SUBJECT: Message = Message {
    name: "Subject",
    fields: &[
        text_kept(1, "kind"),
        text(2, "apiGroup"),
        text_kept(3, "name"),
        text(4, "namespace"),
    ],
};

static ROLE_REF: Message = Message {
    name: "RoleRef",
    fields: &[
        text_kept(1, "apiGroup"),
        text_kept(2, "kind"),
        text_kept(3, "name"),
    ],
};

pub static CRON_JOB: Message = Message {
    name: "CronJob",
    fields: &[
        message(1, "metadata", &OBJECT_META),
        message(2, "spec", &CRON_JOB_SPEC),
        message(3, "status", &CRON_JOB_STATUS),
    ],
};

static CRON_JOB_SPEC: Message = Message {
    name: "CronJobSpec",
    fields: &[
        text_kept(1, "schedule"),
        int(2, "startingDeadlineSeconds"),
        text(3, "concurrencyPolicy"),
        flag(4, "suspend"),
        message(5, "jobTemplate", &JOB_TEMPLATE_SPEC),
        int(6, "successfulJobsHistoryLimit"),
        int(7, "failedJobsHistoryLimit"),
        text_kept(8, "timeZone"),
    ],
};

static CRON_JOB_STATUS: Message = Message {
    name: "CronJobStatus",
    fields: &[
        messages(1, "active", &OBJECT_REFERENCE),
        time(4, "lastScheduleTime"),
        time(5, "lastSuccessfulTime"),
    ],
};

static JOB_TEMPLATE_SPEC: Message = Message {
    name: "JobTemplateSpec",
    fields: &[
        message(1, "metadata", &OBJECT_META),
        message(2, "spec", &JOB_SPEC),
    ],
};

pub static JOB: Message = Message {
    name: "Job",
    fields: &[
        message(1, "metadata", &OBJECT_META),
        message(2, "spec", &JOB_SPEC),
        message(3, "status", &JOB_STATUS),
    ],
};

static JOB_SPEC: Message = Message {
    name: "JobSpec",
    fields: &[
        int(1, "parallelism"),
        int(2, "completions"),
        int(3, "activeDeadlineSeconds"),
        message(4, "selector", &LABEL_SELECTOR),
        flag(5, "manualSelector"),
        message(6, "template", &POD_TEMPLATE_SPEC),
        int(7, "backoffLimit"),
        int(8, "ttlSecondsAfterFinished"),
        text_kept(9, "completionMode"),
        flag(10, "suspend"),
        int(12, "backoffLimitPerIndex"),
        int(13, "maxFailedIndexes"),
        text_kept(14, "podReplacementPolicy"),
        text_kept(15, "managedBy"),
    ],
};

static JOB_STATUS: Message = Message {
    name: "JobStatus",
    fields: &[
        messages(1, "conditions", &JOB_CONDITION),
        time(2, "startTime"),
        time(3, "completionTime"),
        int_value(4, "active"),
        int_value(5, "succeeded"),
        int_value(6, "failed"),
        text(7, "completedIndexes"),
        message(8, "uncountedTerminatedPods", &UNCOUNTED_TERMINATED_PODS),
        int(9, "ready"),
        text_kept(10, "failedIndexes"),
        int(11, "terminating"),
    ],
};

static JOB_CONDITION: Message = Message {
    name: "JobCondition",
    fields: &[
        text_kept(1, "type"),
        text_kept(2, "status"),
        time(3, "lastProbeTime"),
        time(4, "lastTransitionTime"),
        text(5, "reason"),
        text(6, "message"),
    ],
};

static UNCOUNTED_TERMINATED_PODS: Message = Message {
    name: "UncountedTerminatedPods",
    fields: &[texts(1, "succeeded"), texts(2, "failed")],
};

pub static SELF_SUBJECT_ACCESS_REVIEW: Message = Message {
    name: "SelfSubjectAccessReview",
    fields: &[
        message(1, "metadata", &OBJECT_META),
        message(2, "spec", &ACCESS_REVIEW_SPEC),
        message(3, "status", &ACCESS_REVIEW_STATUS),
    ],
};

static ACCESS_REVIEW_SPEC: Message = Message {
    name: "SelfSubjectAccessReviewSpec",
    fields: &[
        message(1, "resourceAttributes", &RESOURCE_ATTRIBUTES),
        message(2, "nonResourceAttributes", &NON_RESOURCE_ATTRIBUTES),
    ],
};

static RESOURCE_ATTRIBUTES: Message = Message {
    name: "ResourceAttributes",
    fields: &[
        text(1, "namespace"),
        text(2, "verb"),
        text(3, "group"),
        text(4, "version"),
        text(5, "resource"),
        text(6, "subresource"),
        text(7, "name"),
        message(8, "fieldSelector", &SELECTOR_ATTRIBUTES),
        message(9, "labelSelector", &SELECTOR_ATTRIBUTES),
    ],
};

/// `FieldSelectorAttributes` and `LabelSelectorAttributes`, which have the same fields.
static SELECTOR_ATTRIBUTES: Message = Message {
    name: "FieldSelectorAttributes",
    fields: &[
        text(1, "rawSelector"),
        messages(2, "requirements", &SELECTOR_REQUIREMENT),
    ],
};

static NON_RESOURCE_ATTRIBUTES: Message = Message {
    name: "NonResourceAttributes",
    fields: &[text(1, "path"), text(2, "verb")],
};

static ACCESS_REVIEW_STATUS: Message = Message {
    name: "SubjectAccessReviewStatus",
    fields: &[
        flag(1, "allowed"),
        text(2, "reason"),
        text(3, "evaluationError"),
        flag_value(4, "denied"),
    ],
};

pub static SELF_SUBJECT_REVIEW: Message = Message {
    name: "SelfSubjectReview",
    fields: &[
        message(1, "metadata", &OBJECT_META),
        message(2, "status", &SELF_SUBJECT_REVIEW_STATUS),
    ],
};

static SELF_SUBJECT_REVIEW_STATUS: Message = Message {
    name: "SelfSubjectReviewStatus",
    fields: &[message(1, "userInfo", &USER_INFO)],
};

static USER_INFO: Message = Message {
    name: "UserInfo",
    fields: &[text(1, "username"), text(2, "uid"), texts(3, "groups")],
};
