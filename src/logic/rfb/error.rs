//! Why an RFB connection cannot go on: each variant names what the server did wrong or refused.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RfbError {
    #[error("the server does not speak RFB (it sent {0:?})")]
    NotRfb(String),
    #[error("the server speaks RFB {major}.{minor}, older than 3.3")]
    UnsupportedVersion { major: u32, minor: u32 },
    #[error("the server refused the connection: {0}")]
    Refused(String),
    #[error("the server asks for authentication (security types {0:?}); only None is supported")]
    NoSupportedSecurity(Vec<u8>),
    #[error("authentication failed: {0}")]
    SecurityFailed(String),
    #[error("the server sent message type {0}, which this client does not know")]
    UnknownMessage(u8),
    #[error("the server sent a rectangle in encoding {0}, which this client did not ask for")]
    UnknownEncoding(i32),
    #[error("a rectangle at {x},{y} sized {w}x{h} lies outside the {fb_w}x{fb_h} screen")]
    OutOfBounds {
        x: u16,
        y: u16,
        w: u16,
        h: u16,
        fb_w: u16,
        fb_h: u16,
    },
    #[error("the ZRLE data is corrupt: {0}")]
    Zrle(&'static str),
}
