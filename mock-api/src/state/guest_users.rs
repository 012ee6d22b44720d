//! Who is signed in to each simulated guest, as its guest agent would report (the `userlist`
//! subresource); the demo seeds one user and a test control replaces the list.

use chrono::{DateTime, Utc};
use serde::Deserialize;

/// Most users one guest may have signed in at once.
pub const MAX_USERS: usize = 50;

/// One signed-in user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuestUser {
    pub user_name: String,
    pub domain: Option<String>,
    pub login_time: DateTime<Utc>,
}

/// A user as the test control names one (`PUT /mock/guest-users/NS/NAME`).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NamedUser {
    pub user_name: String,
    #[serde(default)]
    pub domain: Option<String>,
}

/// Why a user list was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadUsers {
    #[error("at most {MAX_USERS} users may be signed in to one guest")]
    TooMany,
    #[error("a user name is 1 to 64 characters")]
    BadName,
}

/// The users of a control's list, signed in at `now`.
pub fn signed_in(named: Vec<NamedUser>, now: DateTime<Utc>) -> Result<Vec<GuestUser>, BadUsers> {
    if named.len() > MAX_USERS {
        return Err(BadUsers::TooMany);
    }
    named
        .into_iter()
        .map(|user| {
            let length = user.user_name.chars().count();
            if !(1..=64).contains(&length) {
                return Err(BadUsers::BadName);
            }
            Ok(GuestUser {
                user_name: user.user_name,
                domain: user.domain.filter(|d| !d.is_empty()),
                login_time: now,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_control_list_is_checked_and_signed_in_now() {
        let now = Utc::now();
        let named = |name: &str| NamedUser {
            user_name: name.into(),
            domain: Some("CORP".into()),
        };
        let users = signed_in(vec![named("alice")], now).unwrap();
        assert_eq!(users[0].login_time, now);
        assert_eq!(users[0].domain.as_deref(), Some("CORP"));
        assert_eq!(signed_in(vec![named("")], now), Err(BadUsers::BadName));
        let crowd = (0..=MAX_USERS).map(|i| named(&format!("u{i}"))).collect();
        assert_eq!(signed_in(crowd, now), Err(BadUsers::TooMany));
    }
}
