//! Reads a protobuf message into its JSON object, field by field as the message's table says,
//! the way Kubernetes' Go types map the two: zero values of non-pointer fields are left out,
//! bytes become base64, times RFC 3339 strings.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use chrono::{DateTime, SecondsFormat};
use serde_json::{Map, Value};

use super::codec::{FieldContext, MAX_DEPTH};
use super::fields::{int, text_kept, Kind, Message, Presence};
use super::wire::{Reader, WireType};
use super::ProtoError;

/// Reads one message into a JSON object.
pub fn decode_message(
    message: &'static Message,
    bytes: &[u8],
    depth: usize,
) -> Result<Map<String, Value>, ProtoError> {
    let mut out = Map::new();
    decode_into(message, bytes, depth, &mut out)?;
    Ok(out)
}

fn decode_into(
    message: &'static Message,
    bytes: &[u8],
    depth: usize,
    out: &mut Map<String, Value>,
) -> Result<(), ProtoError> {
    if depth > MAX_DEPTH {
        return Err(ProtoError::TooDeep);
    }
    let wire_error = |problem| ProtoError::Wire {
        message: message.name,
        problem,
    };
    let mut reader = Reader::new(bytes);
    while !reader.is_empty() {
        let (number, wire) = reader.key().map_err(wire_error)?;
        let Some(field) = message.field(number) else {
            // Go sends the zero value of every non-pointer field; those of fields the table
            // leaves out carry nothing. Anything else would be dropped silently, so say so.
            if reader.skip(wire).map_err(wire_error)? {
                return Err(ProtoError::UnknownField {
                    message: message.name,
                    number,
                });
            }
            continue;
        };
        let context = FieldContext { message, field };
        if let Kind::Inline(inner) = field.kind {
            if wire != WireType::Delimited {
                return Err(context.mismatch());
            }
            decode_into(
                inner,
                reader.delimited().map_err(wire_error)?,
                depth + 1,
                out,
            )?;
            continue;
        }
        if field.presence == Presence::Repeated
            && wire == WireType::Delimited
            && matches!(field.kind, Kind::Int | Kind::Bool)
        {
            // A packed run of varints.
            let packed = reader.delimited().map_err(wire_error)?;
            let mut items = Reader::new(packed);
            while !items.is_empty() {
                let value = scalar(field.kind, items.varint().map_err(wire_error)?);
                push(out, field.json, value);
            }
            continue;
        }
        let value = context.decode_value(&mut reader, wire, depth)?;
        match (field.presence, value) {
            (_, None) => {}
            (Presence::Repeated, Some(value)) => push(out, field.json, value),
            (Presence::OmitZero, Some(value)) if is_zero(&value) => {}
            (_, Some(Value::Object(entry))) if is_map(field.kind) => {
                let map = out
                    .entry(field.json)
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(map) = map {
                    map.extend(entry);
                }
            }
            (_, Some(value)) => {
                out.insert(field.json.to_owned(), value);
            }
        }
    }
    Ok(())
}

fn is_map(kind: Kind) -> bool {
    matches!(kind, Kind::StringMap | Kind::BytesMap | Kind::QuantityMap)
}

fn is_zero(value: &Value) -> bool {
    match value {
        Value::String(s) => s.is_empty(),
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_i64() == Some(0),
        _ => false,
    }
}

fn push(out: &mut Map<String, Value>, key: &str, value: Value) {
    let list = out.entry(key).or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(list) = list {
        list.push(value);
    }
}

fn scalar(kind: Kind, raw: u64) -> Value {
    match kind {
        Kind::Bool => Value::Bool(raw != 0),
        // Negative int32 and int64 values are sent as 64-bit two's complement.
        _ => Value::from(raw as i64),
    }
}

impl FieldContext {
    /// One value of the field; `None` for a time that is not set.
    fn decode_value(
        &self,
        reader: &mut Reader<'_>,
        wire: WireType,
        depth: usize,
    ) -> Result<Option<Value>, ProtoError> {
        let kind = self.field.kind;
        if matches!(kind, Kind::Int | Kind::Bool) {
            if wire != WireType::Varint {
                return Err(self.mismatch());
            }
            return Ok(Some(scalar(
                kind,
                reader.varint().map_err(|e| self.wire(e))?,
            )));
        }
        if wire != WireType::Delimited {
            return Err(self.mismatch());
        }
        let payload = reader.delimited().map_err(|e| self.wire(e))?;
        let value = match kind {
            Kind::String => Value::String(self.utf8(payload)?),
            Kind::Message(inner) => Value::Object(decode_message(inner, payload, depth + 1)?),
            Kind::Time | Kind::MicroTime => return self.decode_time(payload, depth),
            Kind::Quantity => self.decode_quantity(payload)?,
            Kind::IntOrString => self.decode_int_or_string(payload, depth)?,
            Kind::RawJson => match self.first_payload(payload)? {
                None => return Ok(None),
                Some(raw) => {
                    serde_json::from_slice(raw).map_err(|_| self.invalid("does not hold JSON"))?
                }
            },
            Kind::StringMap | Kind::BytesMap | Kind::QuantityMap => self.decode_entry(payload)?,
            Kind::Int | Kind::Bool | Kind::Inline(_) => return Err(self.mismatch()),
        };
        Ok(Some(value))
    }

    fn utf8(&self, payload: &[u8]) -> Result<String, ProtoError> {
        String::from_utf8(payload.to_vec()).map_err(|_| self.invalid("is not UTF-8"))
    }

    fn decode_time(&self, payload: &[u8], depth: usize) -> Result<Option<Value>, ProtoError> {
        // An empty message is Go's zero time, which its JSON writes as null: not set.
        if payload.is_empty() {
            return Ok(None);
        }
        let parts = decode_message(&TIMESTAMP, payload, depth + 1)?;
        let seconds = parts.get("seconds").and_then(Value::as_i64).unwrap_or(0);
        let nanos = parts.get("nanos").and_then(Value::as_i64).unwrap_or(0);
        let time = u32::try_from(nanos)
            .ok()
            .and_then(|nanos| DateTime::from_timestamp(seconds, nanos))
            .ok_or_else(|| self.invalid("is not a time that can be written"))?;
        let format = match self.field.kind {
            Kind::MicroTime => SecondsFormat::Micros,
            _ => SecondsFormat::AutoSi,
        };
        Ok(Some(Value::String(time.to_rfc3339_opts(format, true))))
    }

    /// Field 1 of a message that has only that one (Quantity, FieldsV1, RawExtension).
    fn first_payload<'a>(&self, payload: &'a [u8]) -> Result<Option<&'a [u8]>, ProtoError> {
        let mut reader = Reader::new(payload);
        let mut found = None;
        while !reader.is_empty() {
            let (number, wire) = reader.key().map_err(|e| self.wire(e))?;
            match (number, wire) {
                (1, WireType::Delimited) => {
                    found = Some(reader.delimited().map_err(|e| self.wire(e))?)
                }
                (1, _) => return Err(self.mismatch()),
                _ => {
                    reader.skip(wire).map_err(|e| self.wire(e))?;
                }
            }
        }
        Ok(found)
    }

    fn decode_quantity(&self, payload: &[u8]) -> Result<Value, ProtoError> {
        Ok(match self.first_payload(payload)? {
            Some(text) => Value::String(self.utf8(text)?),
            // Go writes the zero Quantity as "0".
            None => Value::from("0"),
        })
    }

    fn decode_int_or_string(&self, payload: &[u8], depth: usize) -> Result<Value, ProtoError> {
        let parts = decode_message(&INT_OR_STRING, payload, depth + 1)?;
        Ok(if parts.get("type").and_then(Value::as_i64) == Some(1) {
            parts
                .get("strVal")
                .cloned()
                .unwrap_or_else(|| Value::from(""))
        } else {
            parts
                .get("intVal")
                .cloned()
                .unwrap_or_else(|| Value::from(0))
        })
    }

    /// One map entry (`{key = 1, value = 2}`) as a one-key object.
    fn decode_entry(&self, payload: &[u8]) -> Result<Value, ProtoError> {
        let mut reader = Reader::new(payload);
        let mut key = String::new();
        let mut value = None;
        while !reader.is_empty() {
            let (number, wire) = reader.key().map_err(|e| self.wire(e))?;
            if wire != WireType::Delimited {
                return Err(self.mismatch());
            }
            let bytes = reader.delimited().map_err(|e| self.wire(e))?;
            match number {
                1 => key = self.utf8(bytes)?,
                2 => {
                    value = Some(match self.field.kind {
                        Kind::BytesMap => Value::String(BASE64.encode(bytes)),
                        Kind::QuantityMap => self.decode_quantity(bytes)?,
                        _ => Value::String(self.utf8(bytes)?),
                    })
                }
                _ => {}
            }
        }
        let value = value.unwrap_or_else(|| match self.field.kind {
            Kind::QuantityMap => Value::from("0"),
            _ => Value::from(""),
        });
        Ok(Value::Object(Map::from_iter([(key, value)])))
    }
}

/// `{seconds, nanos}` of `metav1.Time` and `MicroTime`.
static TIMESTAMP: Message = Message {
    name: "Time",
    fields: &[int(1, "seconds"), int(2, "nanos")],
};
static INT_OR_STRING: Message = Message {
    name: "IntOrString",
    fields: &[int(1, "type"), int(2, "intVal"), text_kept(3, "strVal")],
};
