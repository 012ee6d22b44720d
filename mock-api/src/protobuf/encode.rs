//! Writes a JSON object as its protobuf message, field by field as the message's table says.
//! A key the table does not know is an error, never dropped, so a caller can answer in JSON.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use chrono::DateTime;
use serde_json::{Map, Value};

use super::codec::{FieldContext, MAX_DEPTH};
use super::fields::{Kind, Message, Presence};
use super::wire::{put_delimited, put_key, put_varint, WireType};
use super::ProtoError;

/// Writes a JSON object as the message; fails on a key the table does not know, so a caller
/// can answer in JSON rather than drop it.
pub fn encode_message(
    message: &'static Message,
    object: &Map<String, Value>,
    depth: usize,
    out: &mut Vec<u8>,
) -> Result<(), ProtoError> {
    if depth > MAX_DEPTH {
        return Err(ProtoError::TooDeep);
    }
    for key in object.keys() {
        // At the top, apiVersion and kind travel in the envelope.
        let type_meta = depth == 0 && (key == "apiVersion" || key == "kind");
        if !type_meta && !owns(message, key) {
            return Err(ProtoError::NoSuchField {
                message: message.name,
                key: key.clone(),
            });
        }
    }
    for field in message.fields {
        let context = FieldContext { message, field };
        if let Kind::Inline(inner) = field.kind {
            let part: Map<String, Value> = object
                .iter()
                .filter(|(key, _)| owns(inner, key))
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect();
            if !part.is_empty() {
                let mut payload = Vec::new();
                encode_message(inner, &part, depth + 1, &mut payload)?;
                put_delimited(out, field.number, &payload);
            }
            continue;
        }
        match object.get(field.json) {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) if field.presence == Presence::Repeated => {
                for item in items {
                    context.encode_value(item, depth, out)?;
                }
            }
            Some(_) if field.presence == Presence::Repeated => {
                return Err(context.wrong_json("a list"))
            }
            Some(value) => context.encode_value(value, depth, out)?,
        }
    }
    Ok(())
}

/// Whether a JSON key belongs to the message, directly or through an inlined one.
fn owns(message: &Message, key: &str) -> bool {
    message.fields.iter().any(|field| match field.kind {
        Kind::Inline(inner) => owns(inner, key),
        _ => field.json == key,
    })
}

impl FieldContext {
    fn encode_value(
        &self,
        value: &Value,
        depth: usize,
        out: &mut Vec<u8>,
    ) -> Result<(), ProtoError> {
        let number = self.field.number;
        match (self.field.kind, value) {
            (Kind::String, Value::String(s)) => put_delimited(out, number, s.as_bytes()),
            (Kind::String, _) => return Err(self.wrong_json("a string")),
            (Kind::Bool, Value::Bool(b)) => {
                put_key(out, number, WireType::Varint);
                put_varint(out, u64::from(*b));
            }
            (Kind::Int, Value::Number(n)) => {
                let n = n.as_i64().ok_or_else(|| self.wrong_json("an integer"))?;
                put_key(out, number, WireType::Varint);
                put_varint(out, n as u64);
            }
            (Kind::Message(inner), Value::Object(object)) => {
                let mut payload = Vec::new();
                encode_message(inner, object, depth + 1, &mut payload)?;
                put_delimited(out, number, &payload);
            }
            (Kind::Time | Kind::MicroTime, Value::String(s)) => {
                let time = DateTime::parse_from_rfc3339(s)
                    .map_err(|_| self.invalid("is not an RFC 3339 time"))?;
                let mut payload = Vec::new();
                put_key(&mut payload, 1, WireType::Varint);
                put_varint(&mut payload, time.timestamp() as u64);
                if time.timestamp_subsec_nanos() != 0 {
                    put_key(&mut payload, 2, WireType::Varint);
                    put_varint(&mut payload, u64::from(time.timestamp_subsec_nanos()));
                }
                put_delimited(out, number, &payload);
            }
            (Kind::Quantity, value) => put_delimited(out, number, &self.quantity(value)?),
            (Kind::IntOrString, Value::Number(n)) => {
                let n = n.as_i64().ok_or_else(|| self.wrong_json("an integer"))?;
                let mut payload = Vec::new();
                put_key(&mut payload, 2, WireType::Varint);
                put_varint(&mut payload, n as u64);
                put_delimited(out, number, &payload);
            }
            (Kind::IntOrString, Value::String(s)) => {
                let mut payload = Vec::new();
                put_key(&mut payload, 1, WireType::Varint);
                put_varint(&mut payload, 1);
                put_delimited(&mut payload, 3, s.as_bytes());
                put_delimited(out, number, &payload);
            }
            (Kind::RawJson, value) => {
                let mut payload = Vec::new();
                put_delimited(&mut payload, 1, value.to_string().as_bytes());
                put_delimited(out, number, &payload);
            }
            (Kind::StringMap | Kind::BytesMap | Kind::QuantityMap, Value::Object(map)) => {
                // Sorted keys, as Go writes maps, so equal objects give equal bytes.
                let mut entries: Vec<(&String, &Value)> = map.iter().collect();
                entries.sort_by(|a, b| a.0.cmp(b.0));
                for (key, value) in entries {
                    let mut entry = Vec::new();
                    put_delimited(&mut entry, 1, key.as_bytes());
                    match (self.field.kind, value) {
                        (Kind::StringMap, Value::String(s)) => {
                            put_delimited(&mut entry, 2, s.as_bytes())
                        }
                        (Kind::BytesMap, Value::String(s)) => {
                            let bytes = BASE64
                                .decode(s)
                                .map_err(|_| self.invalid("holds a value that is not base64"))?;
                            put_delimited(&mut entry, 2, &bytes);
                        }
                        (Kind::QuantityMap, value) => {
                            put_delimited(&mut entry, 2, &self.quantity(value)?)
                        }
                        _ => return Err(self.wrong_json("a map of strings")),
                    }
                    put_delimited(out, number, &entry);
                }
            }
            (Kind::Time | Kind::MicroTime | Kind::IntOrString, _) => {
                return Err(self.wrong_json("a string"))
            }
            (Kind::Bool, _) => return Err(self.wrong_json("a boolean")),
            (Kind::Int, _) => return Err(self.wrong_json("an integer")),
            (Kind::Message(_) | Kind::StringMap | Kind::BytesMap | Kind::QuantityMap, _) => {
                return Err(self.wrong_json("an object"))
            }
            (Kind::Inline(_), _) => return Err(self.mismatch()),
        }
        Ok(())
    }

    /// A Quantity's message; JSON may hold it as a number (`cpu: 2`).
    fn quantity(&self, value: &Value) -> Result<Vec<u8>, ProtoError> {
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => return Err(self.wrong_json("a quantity")),
        };
        let mut payload = Vec::new();
        put_delimited(&mut payload, 1, text.as_bytes());
        Ok(payload)
    }
}
