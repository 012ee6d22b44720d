//! The VM list as CSV (RFC 4180): the rows the filter shows, in their order, with the columns
//! the list has and whether the VM should switch to VirtIO. Cells a spreadsheet would run as a
//! formula are written as text.

use super::driver_hint::DriverHint;
use super::vm_list::VmRow;

const HEADER: [&str; 7] = [
    "Name",
    "Namespace",
    "Status",
    "Operating system",
    "IP address",
    "Created",
    "Still on SATA or e1000e",
];

/// One cell, quoted when it holds a comma, quote or line break; a leading `=`, `+`, `-` or `@`
/// is prefixed with `'` so that opening the file never evaluates it.
fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The rows as CSV, a header first, lines ending in CRLF.
pub fn vm_list_csv<'a>(rows: impl IntoIterator<Item = &'a VmRow>) -> String {
    let mut out = HEADER.join(",");
    out.push_str("\r\n");
    for row in rows {
        let emulated = matches!(row.hint, Some(DriverHint::SwitchToVirtio { .. }));
        let cells = [
            row.name.clone(),
            row.namespace.clone(),
            row.status.to_string(),
            row.os.clone(),
            row.ip.clone().unwrap_or_default(),
            row.created.map(|t| t.to_rfc3339()).unwrap_or_default(),
            if emulated { "yes" } else { "" }.to_owned(),
        ];
        let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_are_not_run() {
        assert_eq!(cell("win11"), "win11");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(cell("-1,2"), "\"'-1,2\"");
    }

    #[test]
    fn a_header_then_one_line_per_row() {
        let row: VmRow = serde_json::from_value::<crate::model::VirtualMachine>(serde_json::json!({
            "metadata": {"name": "win", "namespace": "dev", "creationTimestamp": "2026-11-29T10:00:00Z"},
            "status": {"printableStatus": "Stopped"}
        }))
        .map(|vm| VmRow::new(&vm, None))
        .unwrap();
        let csv = vm_list_csv([&row]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "Name,Namespace,Status,Operating system,IP address,Created,Still on SATA or e1000e"
        );
        assert_eq!(lines[1], "win,dev,Stopped,—,,2026-11-29T10:00:00+00:00,");
        assert_eq!(lines[2], "", "the last line ends too");
    }
}
