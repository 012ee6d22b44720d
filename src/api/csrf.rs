//! The CSRF token the OpenShift console expects back on every mutation.

/// Name of the cookie the console sets and the header it checks against it.
pub const CSRF_COOKIE: &str = "csrf-token";
pub const CSRF_HEADER: &str = "X-CSRFToken";

/// Finds the `csrf-token` value in a `document.cookie` string.
pub fn token_from_cookies(cookies: &str) -> Option<String> {
    cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == CSRF_COOKIE)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

/// Whether a request with this method changes state and so must carry the token.
pub fn method_needs_token(method: &str) -> bool {
    !matches!(method, "GET" | "HEAD" | "OPTIONS")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_token_among_other_cookies() {
        assert_eq!(
            token_from_cookies("a=1; csrf-token=abc123; b=2"),
            Some("abc123".into())
        );
        assert_eq!(token_from_cookies("csrf-token=xyz"), Some("xyz".into()));
    }

    #[test]
    fn no_cookie_or_an_empty_one_gives_no_token() {
        assert_eq!(token_from_cookies(""), None);
        assert_eq!(token_from_cookies("other=1; xcsrf-token=no"), None);
        assert_eq!(token_from_cookies("csrf-token="), None);
    }

    #[test]
    fn only_mutations_carry_the_token() {
        for method in ["POST", "PUT", "PATCH", "DELETE"] {
            assert!(method_needs_token(method), "{method}");
        }
        for method in ["GET", "HEAD", "OPTIONS"] {
            assert!(!method_needs_token(method), "{method}");
        }
    }
}
