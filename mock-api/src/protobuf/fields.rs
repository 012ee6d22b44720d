//! How a message table is written: each field's number, its JSON name, what it holds, and
//! whether a zero value means "not set" (as Go's `omitempty` on a non-pointer field does).

/// What a field holds on the wire and how it reads in JSON.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    String,
    Bool,
    /// Any varint integer (int32 or int64), a number in JSON.
    Int,
    Message(&'static Message),
    /// A message whose fields Go's JSON puts in the parent object (`json:",inline"`).
    Inline(&'static Message),
    /// `metav1.Time`: `{seconds, nanos}` on the wire, an RFC 3339 string in JSON.
    Time,
    /// `metav1.MicroTime`: as `Time`, written with microseconds.
    MicroTime,
    /// `resource.Quantity`: a message around its string form.
    Quantity,
    /// `intstr.IntOrString`: `{type, intVal, strVal}` on the wire, a number or string in JSON.
    IntOrString,
    /// A message around raw JSON bytes (`FieldsV1`, `RawExtension`), the JSON itself in JSON.
    RawJson,
    /// `map<string, string>`.
    StringMap,
    /// `map<string, bytes>`, base64 values in JSON.
    BytesMap,
    /// `map<string, Quantity>`.
    QuantityMap,
}

/// When a decoded field is written into the JSON object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// A non-pointer Go field with `omitempty`: Go sends its zero value always, so a zero
    /// means unset and is left out.
    OmitZero,
    /// A pointer field (sent only when set) or one without `omitempty`: kept as sent.
    Keep,
    /// A repeated field: a JSON array.
    Repeated,
}

#[derive(Debug)]
pub struct Field {
    pub number: u32,
    pub json: &'static str,
    pub kind: Kind,
    pub presence: Presence,
}

/// One protobuf message: its name (for messages about it) and its fields.
#[derive(Debug)]
pub struct Message {
    pub name: &'static str,
    pub fields: &'static [Field],
}

impl Message {
    pub fn field(&self, number: u32) -> Option<&Field> {
        self.fields.iter().find(|f| f.number == number)
    }
}

const fn field(number: u32, json: &'static str, kind: Kind, presence: Presence) -> Field {
    Field {
        number,
        json,
        kind,
        presence,
    }
}

/// A string field with `omitempty`: an empty string is unset.
pub const fn text(number: u32, json: &'static str) -> Field {
    field(number, json, Kind::String, Presence::OmitZero)
}

/// A string field kept even when empty: no `omitempty`, or a `*string`.
pub const fn text_kept(number: u32, json: &'static str) -> Field {
    field(number, json, Kind::String, Presence::Keep)
}

pub const fn texts(number: u32, json: &'static str) -> Field {
    field(number, json, Kind::String, Presence::Repeated)
}

/// A `*bool`, or a `bool` without `omitempty`.
pub const fn flag(number: u32, json: &'static str) -> Field {
    field(number, json, Kind::Bool, Presence::Keep)
}

/// A `bool` with `omitempty`: false is unset.
pub const fn flag_value(number: u32, json: &'static str) -> Field {
    field(number, json, Kind::Bool, Presence::OmitZero)
}

/// A pointer integer, or one without `omitempty`.
pub const fn int(number: u32, json: &'static str) -> Field {
    field(number, json, Kind::Int, Presence::Keep)
}

/// An integer with `omitempty`: 0 is unset.
pub const fn int_value(number: u32, json: &'static str) -> Field {
    field(number, json, Kind::Int, Presence::OmitZero)
}

pub const fn ints(number: u32, json: &'static str) -> Field {
    field(number, json, Kind::Int, Presence::Repeated)
}

pub const fn message(number: u32, json: &'static str, message: &'static Message) -> Field {
    field(number, json, Kind::Message(message), Presence::Keep)
}

pub const fn messages(number: u32, json: &'static str, message: &'static Message) -> Field {
    field(number, json, Kind::Message(message), Presence::Repeated)
}

pub const fn inline(number: u32, message: &'static Message) -> Field {
    field(number, "", Kind::Inline(message), Presence::Keep)
}

pub const fn time(number: u32, json: &'static str) -> Field {
    field(number, json, Kind::Time, Presence::Keep)
}

pub const fn micro_time(number: u32, json: &'static str) -> Field {
    field(number, json, Kind::MicroTime, Presence::Keep)
}

pub const fn quantity(number: u32, json: &'static str) -> Field {
    field(number, json, Kind::Quantity, Presence::Keep)
}

pub const fn int_or_string(number: u32, json: &'static str) -> Field {
    field(number, json, Kind::IntOrString, Presence::Keep)
}

pub const fn raw_json(number: u32, json: &'static str) -> Field {
    field(number, json, Kind::RawJson, Presence::Keep)
}

pub const fn string_map(number: u32, json: &'static str) -> Field {
    field(number, json, Kind::StringMap, Presence::Keep)
}

pub const fn bytes_map(number: u32, json: &'static str) -> Field {
    field(number, json, Kind::BytesMap, Presence::Keep)
}

pub const fn quantity_map(number: u32, json: &'static str) -> Field {
    field(number, json, Kind::QuantityMap, Presence::Keep)
}
