//! Label and field selectors on lists, as `kubectl get -l` and the app send them.

use serde_json::Value;

use crate::kube::status::ApiStatus;

/// Longest label or field selector accepted, in bytes: a selector is matched against every
/// object a list or watch looks at, so its size multiplies the work of each.
pub const MAX_SELECTOR_BYTES: usize = 4096;
/// Most requirements one selector may have.
pub const MAX_REQUIREMENTS: usize = 100;

/// One requirement of a label selector.
#[derive(Debug, Clone, PartialEq)]
enum Requirement {
    Equals(String, String),
    NotEquals(String, String),
    Exists(String),
    NotExists(String),
}

/// A parsed label selector: every requirement must hold.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabelSelector(Vec<Requirement>);

impl LabelSelector {
    /// Parses `a=b,c!=d,e,!f` (set-based `in`/`notin` are not supported by the mock).
    pub fn parse(text: &str) -> Result<Self, ApiStatus> {
        let mut requirements = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let requirement = if let Some((k, v)) = part.split_once("!=") {
                Requirement::NotEquals(k.trim().into(), v.trim().into())
            } else if let Some((k, v)) = part.split_once("==").or_else(|| part.split_once('=')) {
                Requirement::Equals(k.trim().into(), v.trim().into())
            } else if let Some(k) = part.strip_prefix('!') {
                Requirement::NotExists(k.trim().into())
            } else if part.contains(' ') {
                return Err(ApiStatus::bad_request(format!(
                    "unable to parse requirement: {part}"
                )));
            } else {
                Requirement::Exists(part.into())
            };
            requirements.push(requirement);
        }
        check_count("labelSelector", requirements.len())?;
        Ok(Self(requirements))
    }

    pub fn matches(&self, object: &Value) -> bool {
        let labels = &object["metadata"]["labels"];
        let label = |k: &str| labels.get(k).and_then(Value::as_str);
        self.0.iter().all(|r| match r {
            Requirement::Equals(k, v) => label(k) == Some(v.as_str()),
            Requirement::NotEquals(k, v) => label(k) != Some(v.as_str()),
            Requirement::Exists(k) => label(k).is_some(),
            Requirement::NotExists(k) => label(k).is_none(),
        })
    }
}

/// A field selector: custom resources support only `metadata.name` and `metadata.namespace`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldSelector(Vec<(String, bool, String)>);

impl FieldSelector {
    pub fn parse(text: &str) -> Result<Self, ApiStatus> {
        let mut terms = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (field, equal, value) = if let Some((f, v)) = part.split_once("!=") {
                (f, false, v)
            } else if let Some((f, v)) = part.split_once("==").or_else(|| part.split_once('=')) {
                (f, true, v)
            } else {
                return Err(ApiStatus::bad_request(format!(
                    "invalid selector: '{part}'; can't understand '{part}'"
                )));
            };
            if !matches!(field, "metadata.name" | "metadata.namespace") {
                return Err(ApiStatus::bad_request(format!(
                    "field label not supported: {field}"
                )));
            }
            terms.push((field.to_owned(), equal, value.to_owned()));
        }
        check_count("fieldSelector", terms.len())?;
        Ok(Self(terms))
    }

    pub fn matches(&self, object: &Value) -> bool {
        self.0.iter().all(|(field, equal, value)| {
            let actual = match field.as_str() {
                "metadata.name" => object["metadata"]["name"].as_str(),
                _ => object["metadata"]["namespace"].as_str(),
            };
            (actual == Some(value.as_str())) == *equal
        })
    }
}

/// The label and field selectors of a list or watch request.
pub fn from_query(
    query: &std::collections::HashMap<String, String>,
) -> Result<(LabelSelector, FieldSelector), ApiStatus> {
    let text = |name: &str| query.get(name).map(String::as_str).unwrap_or_default();
    for name in ["labelSelector", "fieldSelector"] {
        let length = text(name).len();
        if length > MAX_SELECTOR_BYTES {
            return Err(ApiStatus::bad_request(format!(
                "{name} is too long: {length} bytes, at most {MAX_SELECTOR_BYTES}"
            )));
        }
    }
    Ok((
        LabelSelector::parse(text("labelSelector"))?,
        FieldSelector::parse(text("fieldSelector"))?,
    ))
}

/// Refuses a selector with more than `MAX_REQUIREMENTS` requirements.
fn check_count(name: &str, count: usize) -> Result<(), ApiStatus> {
    if count > MAX_REQUIREMENTS {
        return Err(ApiStatus::bad_request(format!(
            "{name} has {count} requirements, at most {MAX_REQUIREMENTS}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn label_selectors_match_like_kubernetes() {
        let object = json!({"metadata": {"name": "a", "labels": {"app": "sql", "tier": "db"}}});
        for (selector, expected) in [
            ("app=sql", true),
            ("app==sql,tier=db", true),
            ("app!=sql", false),
            ("tier", true),
            ("!tier", false),
            ("missing", false),
            ("", true),
        ] {
            assert_eq!(
                LabelSelector::parse(selector).unwrap().matches(&object),
                expected,
                "{selector}"
            );
        }
    }

    #[test]
    fn field_selectors_know_only_name_and_namespace() {
        let object = json!({"metadata": {"name": "a", "namespace": "dev"}});
        assert!(FieldSelector::parse("metadata.name=a")
            .unwrap()
            .matches(&object));
        assert!(!FieldSelector::parse("metadata.namespace!=dev")
            .unwrap()
            .matches(&object));
        assert_eq!(
            FieldSelector::parse("spec.running=true").unwrap_err().code,
            400
        );
    }

    #[test]
    fn selectors_past_their_limits_are_refused() {
        let query =
            |name: &str, value: String| std::collections::HashMap::from([(name.to_owned(), value)]);
        let long = query("labelSelector", "a".repeat(MAX_SELECTOR_BYTES + 1));
        assert_eq!(from_query(&long).unwrap_err().code, 400);
        let many = (0..=MAX_REQUIREMENTS)
            .map(|i| format!("k{i}"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(
            from_query(&query("labelSelector", many)).unwrap_err().code,
            400
        );
        let names = vec!["metadata.name=a"; MAX_REQUIREMENTS + 1].join(",");
        assert_eq!(
            from_query(&query("fieldSelector", names)).unwrap_err().code,
            400
        );
        assert!(from_query(&query("labelSelector", "a=b,c".into())).is_ok());
    }
}
