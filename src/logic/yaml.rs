//! Renders JSON as YAML for people to read (the VM's YAML tab, the create form's review),
//! block style, keys in the order the server sent them, strings quoted only when they must be.

use serde_json::Value;

/// The YAML text of a value, ending with a newline.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => write_map(&mut out, map, 0),
        Value::Array(items) if !items.is_empty() => write_list(&mut out, items, 0),
        scalar => {
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
    }
    out
}

fn indent(out: &mut String, level: usize) {
    out.push_str(&"  ".repeat(level));
}

fn write_map(out: &mut String, map: &serde_json::Map<String, Value>, level: usize) {
    for (key, value) in map {
        indent(out, level);
        out.push_str(&string_text(key));
        out.push(':');
        write_child(out, value, level);
    }
}

fn write_list(out: &mut String, items: &[Value], level: usize) {
    for item in items {
        indent(out, level);
        out.push('-');
        match item {
            // The first key of a map item shares the dash's line.
            Value::Object(map) if !map.is_empty() => {
                let mut nested = String::new();
                write_map(&mut nested, map, level + 1);
                out.push(' ');
                out.push_str(nested.trim_start());
            }
            Value::Array(inner) if !inner.is_empty() => {
                out.push('\n');
                write_list(out, inner, level + 1);
            }
            scalar => {
                out.push(' ');
                out.push_str(&scalar_text(scalar));
                out.push('\n');
            }
        }
    }
}

fn write_child(out: &mut String, value: &Value, level: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            write_map(out, map, level + 1);
        }
        // Lists under a key sit at the key's own indentation, as kubectl prints them.
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            write_list(out, items, level);
        }
        scalar => {
            out.push(' ');
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string_text(s),
        Value::Array(_) => "[]".to_owned(),
        Value::Object(_) => "{}".to_owned(),
    }
}

/// A string as is when YAML reads it back as the same string, else double-quoted.
fn string_text(s: &str) -> String {
    let reserved = [
        "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n",
    ];
    let needs_quotes = s.is_empty()
        || s.trim() != s
        || reserved.contains(&s.to_ascii_lowercase().as_str())
        || s.parse::<f64>().is_ok()
        || s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c))
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.chars().any(|c| c.is_control());
    if needs_quotes {
        serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn objects_lists_and_scalars_print_in_block_style() {
        let vm = json!({
            "apiVersion": "kubevirt.io/v1",
            "metadata": {"name": "win11", "labels": {"app": "win11"}},
            "spec": {"running": false, "disks": [{"name": "rootdisk", "disk": {"bus": "sata"}}, {"name": "cd", "bootOrder": 2}], "empty": {}, "none": []}
        });
        let expected = "\
apiVersion: kubevirt.io/v1
metadata:
  name: win11
  labels:
    app: win11
spec:
  running: false
  disks:
  - name: rootdisk
    disk:
      bus: sata
  - name: cd
    bootOrder: 2
  empty: {}
  none: []
";
        assert_eq!(to_yaml(&vm), expected);
    }

    #[test]
    fn strings_that_would_read_back_differently_are_quoted() {
        for (text, printed) in [
            ("true", "\"true\""),
            ("8191", "\"8191\""),
            ("", "\"\""),
            ("a: b", "\"a: b\""),
            ("-x", "\"-x\""),
            ("64Gi", "64Gi"),
            ("docker://quay.io/x:1", "docker://quay.io/x:1"),
            ("line\nbreak", "\"line\\nbreak\""),
        ] {
            assert_eq!(string_text(text), printed, "{text}");
        }
    }
}
