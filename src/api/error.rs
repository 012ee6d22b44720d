//! Typed API errors, parsed from the three shapes a server answers with (a JSON `Status`, plain
//! text, an empty body), and the plain words shown to users.

use crate::model::{Status, StatusCause};

/// Why an API call failed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The server answered with a `Status` body.
    #[error("{code} {reason}: {message}")]
    Status {
        code: u16,
        reason: String,
        message: String,
        causes: Vec<StatusCause>,
    },
    /// The server (or a proxy in front of it) answered with plain text or nothing.
    #[error("{code}: {text}")]
    Http { code: u16, text: String },
    /// No answer within the time limit; the request was cancelled.
    #[error("no answer within {0} seconds")]
    Timeout(u32),
    /// The request never reached a server.
    #[error("network failure: {0}")]
    Network(String),
    /// The answer was not what the API promises.
    #[error("unreadable response: {0}")]
    Decode(String),
    /// The request was cancelled because the page that made it went away.
    #[error("cancelled")]
    Aborted,
    /// The server is overloaded (429) and said when to come back (`Retry-After`, seconds).
    #[error("429 Too Many Requests, retry after {retry_after_seconds} s")]
    Throttled { retry_after_seconds: u32 },
}

impl ApiError {
    /// Builds the error for a non-2xx answer from its status code and body.
    pub fn from_response(code: u16, body: &str) -> Self {
        match serde_json::from_str::<Status>(body) {
            Ok(status) if status.kind == "Status" => ApiError::Status {
                code: if status.code == 0 { code } else { status.code },
                reason: status.reason,
                message: status.message,
                causes: status.details.map(|d| d.causes).unwrap_or_default(),
            },
            _ => ApiError::Http {
                code,
                text: body.trim().to_owned(),
            },
        }
    }

    /// The HTTP status code, when the server answered.
    pub fn code(&self) -> Option<u16> {
        match self {
            Self::Status { code, .. } | Self::Http { code, .. } => Some(*code),
            Self::Throttled { .. } => Some(429),
            _ => None,
        }
    }

    /// A 429's `Retry-After` (seconds, capped at a minute) makes the answer `Throttled`, so a
    /// retry waits as long as the server asked.
    pub fn with_retry_after(self, retry_after: Option<&str>) -> Self {
        let seconds = retry_after.and_then(|value| value.trim().parse::<u32>().ok());
        match seconds {
            Some(seconds) if self.code() == Some(429) => Self::Throttled {
                retry_after_seconds: seconds.min(60),
            },
            _ => self,
        }
    }

    /// How long to wait before trying again, when the server said.
    pub fn retry_after_ms(&self) -> Option<i32> {
        match self {
            Self::Throttled {
                retry_after_seconds,
            } => Some(*retry_after_seconds as i32 * 1000),
            _ => None,
        }
    }

    pub fn is_unauthorized(&self) -> bool {
        self.code() == Some(401)
    }

    pub fn is_forbidden(&self) -> bool {
        self.code() == Some(403)
    }

    pub fn is_not_found(&self) -> bool {
        self.code() == Some(404)
    }

    /// Whether the list behind a continue token or resourceVersion is gone and must be redone.
    pub fn is_gone(&self) -> bool {
        self.code() == Some(410)
    }

    /// Whether a write was refused because the object changed since it was read: a stale
    /// `resourceVersion` (409 Conflict) or a JSON patch whose `test` guard failed (422).
    pub fn is_changed_meanwhile(&self) -> bool {
        match self {
            Self::Status {
                code: 409, reason, ..
            } => reason == "Conflict",
            Self::Status {
                code: 422, causes, ..
            } => causes.iter().any(|c| {
                c.message.starts_with("testing value ") && c.message.ends_with("test failed")
            }),
            _ => false,
        }
    }

    /// Whether trying the same read again may succeed: overload, a gateway hiccup, no answer.
    /// Never used for writes that are not idempotent.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Timeout(_) | Self::Network(_) => true,
            _ => matches!(self.code(), Some(429 | 500 | 502 | 503 | 504)),
        }
    }

    /// What went wrong, in plain words: the first cause ("field: message"), else the server's
    /// message, else what the status code means.
    pub fn user_message(&self) -> String {
        if self.is_changed_meanwhile() {
            return "The virtual machine was changed by someone else meanwhile, so nothing was changed. Check what it looks like now and try again.".to_owned();
        }
        match self {
            Self::Status {
                code,
                message,
                causes,
                ..
            } => {
                if let Some(cause) = causes.first() {
                    match &cause.field {
                        Some(field)
                            if !field.is_empty() && !cause.message.starts_with(field.as_str()) =>
                        {
                            format!("{field}: {}", cause.message)
                        }
                        _ => cause.message.clone(),
                    }
                } else if !message.is_empty() {
                    sentence(message)
                } else {
                    code_meaning(*code).to_owned()
                }
            }
            Self::Http { code, text } if *code == 401 || text.is_empty() => {
                code_meaning(*code).to_owned()
            }
            Self::Http { code, text } => format!("{} {}", code_meaning(*code), sentence(text)),
            Self::Timeout(seconds) => {
                format!("The API server did not answer within {seconds} seconds. Try again in a moment.")
            }
            Self::Network(_) => {
                "Could not reach the API server. Check the connection and try again.".to_owned()
            }
            Self::Decode(what) => {
                format!("The API server sent an answer the console cannot read ({what}).")
            }
            Self::Aborted => "The request was cancelled.".to_owned(),
            Self::Throttled {
                retry_after_seconds,
            } => format!(
                "The API server is busy and asked to wait {retry_after_seconds} seconds. Try again then."
            ),
        }
    }
}

/// Upper-cases the first letter and ends with a full stop.
fn sentence(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// What a status code means to a user, when the server said nothing more.
pub fn code_meaning(code: u16) -> &'static str {
    match code {
        400 => "The request was not valid.",
        401 => "Your session has expired. Log in again to continue.",
        403 => "You do not have permission to do this.",
        404 => "It does not exist (any more).",
        405 => "The API server does not allow this operation.",
        409 => "Someone else changed this object meanwhile. Reload and try again.",
        410 => "The data changed too much meanwhile. Reload to see the current state.",
        415 => "The API server does not accept this kind of change.",
        422 => "The API server rejected the object as invalid.",
        429 => "The API server is busy. Try again in a moment.",
        500 => "The API server failed while handling the request.",
        502 | 503 => "The API server is not available right now. Try again in a moment.",
        504 => "The API server did not answer in time. Try again in a moment.",
        _ => "The API server answered with an error.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_body_is_parsed_with_its_causes() {
        let body = r#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
            "message":"admission webhook denied the request","reason":"Invalid",
            "details":{"causes":[{"reason":"FieldValueInvalid","message":"name 'x' not found.","field":"spec.template.spec.domain.devices.disks[0].name"}]},
            "code":422}"#;
        let err = ApiError::from_response(422, body);
        assert_eq!(err.code(), Some(422));
        assert_eq!(
            err.user_message(),
            "spec.template.spec.domain.devices.disks[0].name: name 'x' not found."
        );
    }

    #[test]
    fn a_cause_that_already_names_its_field_is_not_prefixed_twice() {
        let body = r#"{"kind":"Status","code":422,"reason":"Invalid","message":"m",
            "details":{"causes":[{"message":"spec.running: RunStrategy must be specified","field":"spec.running"}]}}"#;
        assert_eq!(
            ApiError::from_response(422, body).user_message(),
            "spec.running: RunStrategy must be specified"
        );
    }

    #[test]
    fn a_forbidden_status_keeps_the_servers_message() {
        let body = r#"{"kind":"Status","code":403,"reason":"Forbidden","message":"virtualmachines.kubevirt.io is forbidden: User \"dev\" cannot list resource \"virtualmachines\" in API group \"kubevirt.io\" in the namespace \"prod\""}"#;
        let err = ApiError::from_response(403, body);
        assert!(err.is_forbidden());
        assert!(err
            .user_message()
            .starts_with("Virtualmachines.kubevirt.io is forbidden: User \"dev\""));
    }

    #[test]
    fn a_busy_server_says_when_to_come_back() {
        let busy = ApiError::from_response(429, "").with_retry_after(Some("7"));
        assert_eq!(busy.retry_after_ms(), Some(7000));
        assert!(busy.is_transient() && busy.code() == Some(429));
        assert!(busy.user_message().contains("wait 7 seconds"));
        let capped = ApiError::from_response(429, "").with_retry_after(Some("3600"));
        assert_eq!(capped.retry_after_ms(), Some(60_000));
        let other = ApiError::from_response(503, "").with_retry_after(Some("5"));
        assert_eq!(other.retry_after_ms(), None, "only a 429 is throttled");
        assert_eq!(
            ApiError::from_response(429, "")
                .with_retry_after(Some("Wed, 21 Oct 2026 07:28:00 GMT"))
                .retry_after_ms(),
            None
        );
    }

    #[test]
    fn plain_text_and_empty_bodies_are_errors_too() {
        let csrf = ApiError::from_response(403, "CSRF token does not match\n");
        assert_eq!(
            csrf,
            ApiError::Http {
                code: 403,
                text: "CSRF token does not match".into()
            }
        );
        assert_eq!(
            csrf.user_message(),
            "You do not have permission to do this. CSRF token does not match."
        );

        let expired = ApiError::from_response(401, "");
        assert!(expired.is_unauthorized());
        assert_eq!(
            expired.user_message(),
            "Your session has expired. Log in again to continue."
        );

        assert_eq!(
            ApiError::from_response(502, "").user_message(),
            code_meaning(502)
        );
    }

    #[test]
    fn json_that_is_not_a_status_is_treated_as_text() {
        let err = ApiError::from_response(500, r#"{"error":"boom"}"#);
        assert!(matches!(err, ApiError::Http { code: 500, .. }));
    }

    #[test]
    fn only_reads_that_may_succeed_later_are_transient() {
        assert!(ApiError::Timeout(30).is_transient());
        assert!(ApiError::Network("x".into()).is_transient());
        for code in [429, 500, 502, 503, 504] {
            assert!(ApiError::from_response(code, "").is_transient(), "{code}");
        }
        for code in [400, 401, 403, 404, 409, 410, 422] {
            assert!(!ApiError::from_response(code, "").is_transient(), "{code}");
        }
        assert!(!ApiError::Aborted.is_transient());
    }
}
