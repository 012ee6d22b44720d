//! What reading and writing a message share: the nesting limit, and the field being worked on,
//! which every error names.

use super::fields::{Field, Message};
use super::wire::WireError;
use super::ProtoError;

/// Deeper than any message the tables describe (a CronJob's container env is about 12 levels).
pub const MAX_DEPTH: usize = 32;

/// A field being read or written, for errors that name it.
pub struct FieldContext {
    pub message: &'static Message,
    pub field: &'static Field,
}

impl FieldContext {
    pub fn mismatch(&self) -> ProtoError {
        ProtoError::WireTypeMismatch {
            message: self.message.name,
            field: self.field.json_name(),
        }
    }

    pub fn wire(&self, problem: WireError) -> ProtoError {
        ProtoError::Wire {
            message: self.message.name,
            problem,
        }
    }

    pub fn invalid(&self, problem: &'static str) -> ProtoError {
        ProtoError::InvalidValue {
            message: self.message.name,
            field: self.field.json_name(),
            problem,
        }
    }

    pub fn wrong_json(&self, expected: &'static str) -> ProtoError {
        ProtoError::WrongJsonType {
            message: self.message.name,
            field: self.field.json_name(),
            expected,
        }
    }
}

impl Field {
    /// The field's JSON name, or its number for an inlined message.
    fn json_name(&self) -> String {
        if self.json.is_empty() {
            format!("#{}", self.number)
        } else {
            self.json.to_owned()
        }
    }
}
