//! Who is signed in to a guest, in words, for the question before a restart: a restart signs
//! them out and loses what they have not saved.

use chrono::{DateTime, Utc};

use super::age::relative_age;
use crate::model::GuestUser;

/// `WINDEV\alice`, or `alice` without a domain.
pub fn account(user: &GuestUser) -> String {
    match user.domain.as_deref().filter(|d| !d.is_empty()) {
        Some(domain) => format!("{domain}\\{}", user.user_name),
        None => user.user_name.clone(),
    }
}

/// One line per user: `WINDEV\alice, signed in 2 hours ago`.
pub fn describe(users: &[GuestUser], now: DateTime<Utc>) -> Vec<String> {
    users
        .iter()
        .map(|user| {
            let since = user
                .login_time
                .and_then(|seconds| DateTime::from_timestamp_millis((seconds * 1000.0) as i64));
            match since {
                Some(at) => format!("{}, signed in {}", account(user), relative_age(at, now)),
                None => account(user),
            }
        })
        .collect()
}

/// How long the guest has run, in words: `The guest has been running for 3 days.`
pub fn uptime(since: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let age = relative_age(since, now);
    match age.strip_suffix(" ago") {
        Some(span) => format!("The guest has been running for {span}."),
        None => "The guest started just now.".to_owned(),
    }
}

/// The confirmation a restart needs while users are signed in, naming them:
/// `Sign out WINDEV\alice and restart`. `None` when nobody is.
pub fn sign_out_confirmation(users: &[GuestUser]) -> Option<String> {
    let mut names: Vec<String> = users.iter().map(account).collect();
    names.dedup();
    match names.as_slice() {
        [] => None,
        [one] => Some(format!("Sign out {one} and restart")),
        [rest @ .., last] => Some(format!(
            "Sign out {} and {last} and restart",
            rest.join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::GuestUserList;

    fn user(name: &str, domain: Option<&str>, login_time: Option<f64>) -> GuestUser {
        GuestUser {
            user_name: name.into(),
            domain: domain.map(str::to_owned),
            login_time,
        }
    }

    #[test]
    fn the_agents_list_reads_as_kubevirt_writes_it() {
        let list: GuestUserList = serde_json::from_str(
            r#"{"metadata":{},"items":[{"userName":"alice","domain":"WINDEV","loginTime":1764400000.25}]}"#,
        )
        .unwrap();
        assert_eq!(
            list.items,
            vec![user("alice", Some("WINDEV"), Some(1764400000.25))]
        );
        let empty: GuestUserList = serde_json::from_str(r#"{"metadata":{}}"#).unwrap();
        assert!(empty.items.is_empty());
    }

    #[test]
    fn users_are_named_with_their_domain_and_how_long_they_have_been_in() {
        let now = DateTime::from_timestamp(1_764_407_200, 0).unwrap();
        let alice = user("alice", Some("WINDEV"), Some(1_764_400_000.0));
        assert_eq!(
            describe(&[alice], now),
            vec!["WINDEV\\alice, signed in 2 hours ago"]
        );
        assert_eq!(describe(&[user("bob", None, None)], now), vec!["bob"]);
    }

    #[test]
    fn uptime_reads_as_a_span() {
        let now = DateTime::from_timestamp(1_764_407_200, 0).unwrap();
        let since = DateTime::from_timestamp(1_764_407_200 - 3 * 86_400, 0).unwrap();
        assert_eq!(uptime(since, now), "The guest has been running for 3 days.");
        assert_eq!(uptime(now, now), "The guest started just now.");
    }

    #[test]
    fn a_restart_with_users_signed_in_asks_naming_each() {
        assert_eq!(sign_out_confirmation(&[]), None);
        let users = [
            user("alice", Some("WINDEV"), None),
            user("bob", None, None),
            user("carol", Some(""), None),
        ];
        assert_eq!(
            sign_out_confirmation(&users[..1]).as_deref(),
            Some("Sign out WINDEV\\alice and restart")
        );
        assert_eq!(
            sign_out_confirmation(&users).as_deref(),
            Some("Sign out WINDEV\\alice, bob and carol and restart")
        );
    }
}
