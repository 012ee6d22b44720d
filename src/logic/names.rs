//! Checks for object names, with the reason in plain words, as the user types.

/// Longest DNS-1123 label, which is what a VM name must be (it becomes a hostname).
pub const MAX_NAME_LENGTH: usize = 63;

/// Why a name is not a valid DNS-1123 label.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NameProblem {
    #[error("Enter a name.")]
    Empty,
    #[error("Use at most {MAX_NAME_LENGTH} characters ({0} now).")]
    TooLong(usize),
    #[error("Use lowercase letters: \"{0}\" is uppercase.")]
    Uppercase(char),
    #[error("Use only lowercase letters, digits and '-': \"{0}\" is not allowed.")]
    BadCharacter(char),
    #[error("Start with a letter or digit.")]
    BadStart,
    #[error("End with a letter or digit.")]
    BadEnd,
}

/// Checks a DNS-1123 label (`[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 characters).
pub fn check_dns_label(name: &str) -> Result<(), NameProblem> {
    if name.is_empty() {
        return Err(NameProblem::Empty);
    }
    let length = name.chars().count();
    if length > MAX_NAME_LENGTH {
        return Err(NameProblem::TooLong(length));
    }
    if let Some(c) = name.chars().find(|c| c.is_ascii_uppercase()) {
        return Err(NameProblem::Uppercase(c));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(NameProblem::BadCharacter(c));
    }
    if name.starts_with('-') {
        return Err(NameProblem::BadStart);
    }
    if name.ends_with('-') {
        return Err(NameProblem::BadEnd);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_names_pass() {
        for name in ["win11", "a", "win2k22-sql-01", &"a".repeat(63)] {
            assert_eq!(check_dns_label(name), Ok(()), "{name}");
        }
    }

    #[test]
    fn bad_names_say_why() {
        let cases = [
            ("", NameProblem::Empty),
            ("Win11", NameProblem::Uppercase('W')),
            ("win_11", NameProblem::BadCharacter('_')),
            ("win.11", NameProblem::BadCharacter('.')),
            ("-win", NameProblem::BadStart),
            ("win-", NameProblem::BadEnd),
        ];
        for (name, problem) in cases {
            assert_eq!(check_dns_label(name), Err(problem), "{name}");
        }
        assert_eq!(
            check_dns_label(&"a".repeat(64)),
            Err(NameProblem::TooLong(64))
        );
        assert_eq!(
            NameProblem::BadCharacter('_').to_string(),
            "Use only lowercase letters, digits and '-': \"_\" is not allowed."
        );
    }
}
