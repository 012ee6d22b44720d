//! Faults that tests ask for: an error status, a plain-text body or a delay on the next
//! requests that match, so the app's error handling can be seen working. Kept here; `http`
//! answers with them.

use serde::Deserialize;
use serde_json::Value;

/// One requested fault.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    /// HTTP method to match; any when absent.
    pub method: Option<String>,
    /// Substring of the API path and query (console prefix removed) to match; ending in `$`,
    /// the path and query must end there (`/virtualmachines$` leaves out `?dryRun=All`).
    pub path: String,
    /// Status code to answer with; 0 means answer normally, only later (`delay_ms`).
    #[serde(default)]
    pub status: u16,
    /// Body to answer with: a JSON value, or a string sent as plain text; a `Status` when absent.
    pub body: Option<Value>,
    /// Milliseconds to wait before answering.
    #[serde(default)]
    pub delay_ms: u64,
    /// How many requests it applies to; all of them when absent.
    pub times: Option<u32>,
    /// Carry the request out first, then answer with the fault: the answer is lost on the
    /// way back, as with a timeout after the server acted.
    #[serde(default)]
    pub after: bool,
}

/// Most faults in force at once: each is matched against every API request.
pub const MAX_FAULTS: usize = 1000;
/// Longest wait a fault may ask for.
pub const MAX_DELAY_MS: u64 = 60_000;

/// Why a fault was not added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FaultRefused {
    #[error("{MAX_FAULTS} faults are in force already; DELETE /mock/faults first")]
    TooMany,
    #[error("status {0} is neither 0 nor an HTTP status from 200 to 599")]
    Status(u16),
    #[error("delayMs {0} is over the most a fault may wait, {MAX_DELAY_MS}")]
    Delay(u64),
}

/// The faults in force, first match wins.
#[derive(Debug, Default)]
pub struct Faults(Vec<Fault>);

impl Faults {
    pub fn add(&mut self, fault: Fault) -> Result<(), FaultRefused> {
        if fault.status != 0 && !(200..=599).contains(&fault.status) {
            return Err(FaultRefused::Status(fault.status));
        }
        if fault.delay_ms > MAX_DELAY_MS {
            return Err(FaultRefused::Delay(fault.delay_ms));
        }
        if self.0.len() >= MAX_FAULTS {
            return Err(FaultRefused::TooMany);
        }
        self.0.push(fault);
        Ok(())
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// The fault for this request, if any, counting it as used.
    pub fn take(&mut self, method: &str, path_and_query: &str) -> Option<Fault> {
        let index = self.0.iter().position(|f| {
            f.method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
                && match f.path.strip_suffix('$') {
                    Some(end) => path_and_query.ends_with(end),
                    None => path_and_query.contains(&f.path),
                }
        })?;
        let fault = self.0[index].clone();
        if let Some(times) = &mut self.0[index].times {
            *times = times.saturating_sub(1);
            if *times == 0 {
                self.0.remove(index);
            }
        }
        Some(fault)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fault(json: &str) -> Fault {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_fault_applies_to_matching_requests_as_many_times_as_asked() {
        let mut faults = Faults::default();
        faults
            .add(fault(
                r#"{"method":"GET","path":"/virtualmachines","status":503,"times":2}"#,
            ))
            .unwrap();
        assert!(faults
            .take("POST", "/apis/kubevirt.io/v1/virtualmachines")
            .is_none());
        assert!(faults.take("GET", "/api/v1/namespaces").is_none());
        assert_eq!(
            faults
                .take("get", "/apis/kubevirt.io/v1/virtualmachines?limit=250")
                .map(|f| f.status),
            Some(503)
        );
        assert!(faults
            .take("GET", "/apis/kubevirt.io/v1/virtualmachines")
            .is_some());
        assert!(faults
            .take("GET", "/apis/kubevirt.io/v1/virtualmachines")
            .is_none());
    }

    #[test]
    fn faults_past_the_limits_are_refused() {
        let mut faults = Faults::default();
        assert_eq!(
            faults.add(fault(r#"{"path":"/x","status":1}"#)),
            Err(FaultRefused::Status(1))
        );
        assert_eq!(
            faults.add(fault(r#"{"path":"/x","delayMs":600000}"#)),
            Err(FaultRefused::Delay(600_000))
        );
        for _ in 0..MAX_FAULTS {
            faults.add(fault(r#"{"path":"/x","status":503}"#)).unwrap();
        }
        assert_eq!(
            faults.add(fault(r#"{"path":"/x","status":503}"#)),
            Err(FaultRefused::TooMany)
        );
    }
}
