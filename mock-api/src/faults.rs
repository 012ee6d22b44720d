//! Faults that tests ask for: an error status, a plain-text body or a delay on the next
//! requests that match, so the app's error handling can be seen working.

use serde::Deserialize;
use serde_json::Value;

/// One requested fault.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    /// HTTP method to match; any when absent.
    pub method: Option<String>,
    /// Substring of the API path and query (console prefix removed) to match.
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
}

/// The faults in force, first match wins.
#[derive(Debug, Default)]
pub struct Faults(Vec<Fault>);

impl Faults {
    pub fn add(&mut self, fault: Fault) {
        self.0.push(fault);
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
                && path_and_query.contains(&f.path)
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
        faults.add(fault(
            r#"{"method":"GET","path":"/virtualmachines","status":503,"times":2}"#,
        ));
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
}
