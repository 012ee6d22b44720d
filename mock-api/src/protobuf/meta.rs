//! Tables of the apimachinery messages every object uses: `ObjectMeta` and what it holds,
//! `ListMeta`, `LabelSelector`, `Condition`, and `Status` for error answers. Field numbers are those of
//! `k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto`.

use super::fields::{
    flag, int, int_value, message, messages, raw_json, string_map, text, text_kept, texts, time,
    Message,
};

pub static OBJECT_META: Message = Message {
    name: "ObjectMeta",
    fields: &[
        text(1, "name"),
        text(2, "generateName"),
        text(3, "namespace"),
        text(4, "selfLink"),
        text(5, "uid"),
        text(6, "resourceVersion"),
        int_value(7, "generation"),
        time(8, "creationTimestamp"),
        time(9, "deletionTimestamp"),
        int(10, "deletionGracePeriodSeconds"),
        string_map(11, "labels"),
        string_map(12, "annotations"),
        messages(13, "ownerReferences", &OWNER_REFERENCE),
        texts(14, "finalizers"),
        messages(17, "managedFields", &MANAGED_FIELDS_ENTRY),
    ],
};

static OWNER_REFERENCE: Message = Message {
    name: "OwnerReference",
    fields: &[
        text_kept(1, "kind"),
        text_kept(3, "name"),
        text_kept(4, "uid"),
        text_kept(5, "apiVersion"),
        flag(6, "controller"),
        flag(7, "blockOwnerDeletion"),
    ],
};

static MANAGED_FIELDS_ENTRY: Message = Message {
    name: "ManagedFieldsEntry",
    fields: &[
        text(1, "manager"),
        text(2, "operation"),
        text(3, "apiVersion"),
        time(4, "time"),
        text(6, "fieldsType"),
        raw_json(7, "fieldsV1"),
        text(8, "subresource"),
    ],
};

pub static LIST_META: Message = Message {
    name: "ListMeta",
    fields: &[
        text(1, "selfLink"),
        text(2, "resourceVersion"),
        text(3, "continue"),
        int(4, "remainingItemCount"),
    ],
};

pub static LABEL_SELECTOR: Message = Message {
    name: "LabelSelector",
    fields: &[
        string_map(1, "matchLabels"),
        messages(2, "matchExpressions", &SELECTOR_REQUIREMENT),
    ],
};

/// `LabelSelectorRequirement`; `FieldSelectorRequirement` has the same fields.
pub static SELECTOR_REQUIREMENT: Message = Message {
    name: "LabelSelectorRequirement",
    fields: &[
        text_kept(1, "key"),
        text_kept(2, "operator"),
        texts(3, "values"),
    ],
};

pub static STATUS: Message = Message {
    name: "Status",
    fields: &[
        message(1, "metadata", &LIST_META),
        text(2, "status"),
        text(3, "message"),
        text(4, "reason"),
        message(5, "details", &STATUS_DETAILS),
        int_value(6, "code"),
    ],
};

static STATUS_DETAILS: Message = Message {
    name: "StatusDetails",
    fields: &[
        text(1, "name"),
        text(2, "group"),
        text(3, "kind"),
        messages(4, "causes", &STATUS_CAUSE),
        int_value(5, "retryAfterSeconds"),
        text(6, "uid"),
    ],
};

static STATUS_CAUSE: Message = Message {
    name: "StatusCause",
    fields: &[text(1, "reason"), text(2, "message"), text(3, "field")],
};

/// `metav1.Condition`, the condition type of newer APIs.
pub static CONDITION: Message = Message {
    name: "Condition",
    fields: &[
        text_kept(1, "type"),
        text_kept(2, "status"),
        int_value(3, "observedGeneration"),
        time(4, "lastTransitionTime"),
        text_kept(5, "reason"),
        text_kept(6, "message"),
    ],
};
