//! Answer files as files: an upload checked (name, size, well-formed XML, the unattend
//! namespace) with the line of any problem, and the secrets in one found and masked.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::UNATTEND_NAMESPACE;

/// Largest answer file taken: the Secret holding it may not pass 1 MiB in all.
pub const MAX_ANSWER_FILE_BYTES: usize = 512 * 1024;
/// The file names KubeVirt's sysprep volume looks for (case does not matter).
pub const ANSWER_FILE_NAMES: [&str; 2] = ["autounattend.xml", "unattend.xml"];
const MASK: &str = "********";

/// An answer file that passed the checks, under the name KubeVirt looks for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerFile {
    pub name: String,
    pub text: String,
}

/// Why an upload was refused; `line` when the problem is at a place in the file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}{reason}", line.map(|l| format!("Line {l}: ")).unwrap_or_default())]
pub struct UploadProblem {
    pub line: Option<u32>,
    pub reason: String,
}

fn refuse(line: Option<u32>, reason: impl Into<String>) -> UploadProblem {
    UploadProblem {
        line,
        reason: reason.into(),
    }
}

/// Checks an uploaded file named `file_name` holding `text`.
pub fn check_upload(file_name: &str, text: &str) -> Result<AnswerFile, UploadProblem> {
    let name = file_name.to_ascii_lowercase();
    if !ANSWER_FILE_NAMES.contains(&name.as_str()) {
        return Err(refuse(None, format!("Name the file autounattend.xml (used by Windows setup) or unattend.xml (used after a sysprep); \"{file_name}\" is neither.")));
    }
    if text.len() > MAX_ANSWER_FILE_BYTES {
        return Err(refuse(
            None,
            format!(
                "The file has {} KiB; answer files may have at most {} KiB.",
                text.len() / 1024,
                MAX_ANSWER_FILE_BYTES / 1024
            ),
        ));
    }
    let document = roxmltree::Document::parse(text).map_err(|err| {
        let position = err.pos();
        refuse(
            Some(position.row),
            format!("{} (column {}).", plain_reason(&err), position.col),
        )
    })?;
    let root = document.root_element();
    let line = document.text_pos_at(root.range().start).row;
    if root.tag_name().name() != "unattend" {
        return Err(refuse(
            Some(line),
            format!(
                "The root element is <{}>; an answer file starts with <unattend>.",
                root.tag_name().name()
            ),
        ));
    }
    if root.tag_name().namespace() != Some(UNATTEND_NAMESPACE) {
        return Err(refuse(Some(line), format!("<unattend> must be in the namespace {UNATTEND_NAMESPACE} (xmlns=\"{UNATTEND_NAMESPACE}\").")));
    }
    Ok(AnswerFile {
        name,
        text: text.to_owned(),
    })
}

/// The parser's complaint without its own position (it is given as the line).
fn plain_reason(err: &roxmltree::Error) -> String {
    let text = err.to_string();
    let reason = text.split(" at ").next().unwrap_or(&text).to_owned();
    let mut chars = reason.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "The file is not well-formed XML".to_owned(),
    }
}

/// Words that make a command line worth hiding: it likely carries a password or a key.
const SECRET_COMMAND_WORDS: [&str; 7] = [
    "pass",
    "pwd",
    "net user",
    "secret",
    "key",
    "token",
    "credential",
];

/// Where a product key, password or credential sits in the file, as byte ranges of their text;
/// with `keys_only`, only the product keys. Elements are matched by local name in any
/// namespace and at any depth, so a setting in another component or pass is found too.
fn secret_ranges(text: &str, keys_only: bool) -> Vec<Range<usize>> {
    let Ok(document) = roxmltree::Document::parse(text) else {
        return Vec::new();
    };
    document
        .descendants()
        .filter(|node| node.is_text() && !node.text().unwrap_or_default().trim().is_empty())
        .filter(|node| {
            let Some(parent) = node.parent_element() else {
                return false;
            };
            let mut ancestors = node.ancestors().filter(|a| a.is_element());
            if keys_only {
                return ancestors.any(|a| a.tag_name().name() == "ProductKey");
            }
            // `<PlainText>true</PlainText>` says how a password is written, not what it is.
            if parent.tag_name().name() == "PlainText" {
                return false;
            }
            if parent.tag_name().name() == "CommandLine" {
                let command = node.text().unwrap_or_default().to_ascii_lowercase();
                return SECRET_COMMAND_WORDS.iter().any(|w| command.contains(w));
            }
            ancestors.any(|a| is_secret_element(a.tag_name().name()))
        })
        .map(|node| node.range())
        .collect()
}

/// Whether everything inside an element of this local name is secret: product keys, passwords
/// of any kind (`AdministratorPassword`, `MachinePassword`, `AutoLogon/Password`, ...) and
/// credentials (`Credentials`, `DomainAccount`...).
fn is_secret_element(local_name: &str) -> bool {
    let name = local_name.to_ascii_lowercase();
    name == "productkey" || name.contains("password") || name.contains("credential")
}

/// Whether the file holds a product key, a password or a credential.
pub fn holds_secrets(text: &str) -> bool {
    !secret_ranges(text, false).is_empty()
}

/// Whether the file gives a product key (else Windows is activated later, or from firmware).
pub fn holds_product_key(text: &str) -> bool {
    !secret_ranges(text, true).is_empty()
}

/// The file with every product key, password and credential replaced by asterisks, for showing.
pub fn mask_secrets(text: &str) -> String {
    let mut masked = text.to_owned();
    let mut ranges = secret_ranges(text, false);
    ranges.sort_by_key(|r| std::cmp::Reverse(r.start));
    for range in ranges {
        masked.replace_range(range, MASK);
    }
    masked
}
