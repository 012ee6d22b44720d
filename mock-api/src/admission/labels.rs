//! The API server's rules for label keys and values, which every kind's metadata must follow:
//! a value is empty or up to 63 letters, digits, '-', '_' and '.', starting and ending with a
//! letter or digit; a key is such a name, optionally after a DNS subdomain prefix and '/'.

use serde_json::Value;

/// Longest label value, and the name part of a key.
const MAX_NAME: usize = 63;
/// Longest prefix of a key (a DNS subdomain).
const MAX_PREFIX: usize = 253;

/// Every label of `object` that breaks the rules, as (field, message) causes.
pub fn problems(object: &Value) -> Vec<(String, String)> {
    let Some(labels) = object["metadata"]["labels"].as_object() else {
        return Vec::new();
    };
    let mut causes = Vec::new();
    for (key, value) in labels {
        if let Some(reason) = key_problem(key) {
            causes.push((
                "metadata.labels".to_owned(),
                format!("Invalid value: {}: {reason}", quoted(key)),
            ));
        }
        let value = value.as_str().unwrap_or_default();
        if !is_label_name(value, true) {
            causes.push((
                "metadata.labels".to_owned(),
                format!(
                    "Invalid value: {}: a valid label must be an empty string or consist of alphanumeric \
                     characters, '-', '_' or '.', and must start and end with an alphanumeric character, \
                     at most {MAX_NAME} characters",
                    quoted(value)
                ),
            ));
        }
    }
    causes
}

fn quoted(text: &str) -> String {
    Value::from(text).to_string()
}

fn key_problem(key: &str) -> Option<&'static str> {
    let (prefix, name) = match key.split_once('/') {
        Some((prefix, name)) => (Some(prefix), name),
        None => (None, key),
    };
    if let Some(prefix) = prefix {
        if !is_dns_subdomain(prefix) {
            return Some(
                "a label key's prefix must be a lowercase DNS subdomain of at most 253 characters",
            );
        }
    }
    (!is_label_name(name, false)).then_some(
        "a label key's name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, at most 63 characters",
    )
}

fn is_label_name(text: &str, may_be_empty: bool) -> bool {
    if text.is_empty() {
        return may_be_empty;
    }
    let edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    text.len() <= MAX_NAME
        && edge(text.chars().next())
        && edge(text.chars().last())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn is_dns_subdomain(text: &str) -> bool {
    text.len() <= MAX_PREFIX
        && text.split('.').all(|part| {
            let edge =
                |c: Option<char>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
            edge(part.chars().next())
                && edge(part.chars().last())
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn labels_follow_the_api_servers_rules() {
        let good = json!({"metadata": {"labels": {
            "app": "web", "app.kubernetes.io/managed-by": "windows-vms", "empty": "",
            "vm.windows-vms.io/name": "win2k22-sql", "k": "My_Value.1"}}});
        assert_eq!(problems(&good), Vec::<(String, String)>::new());
        for (key, value) in [
            ("evil", "<img src=x onerror=alert(1)>"),
            ("app", "-leading"),
            ("app", &"x".repeat(64)),
            ("Bad.Prefix/name", "v"),
            ("/name", "v"),
            ("prefix/", "v"),
            ("a b", "v"),
        ] {
            let object = json!({"metadata": {"labels": {key: value}}});
            assert_eq!(problems(&object).len(), 1, "{key}={value}");
        }
    }
}
