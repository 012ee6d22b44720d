//! Who is signed in to a guest, as its agent reports through the `userlist` subresource
//! (KubeVirt's `VirtualMachineInstanceGuestOSUserList`).

use serde::Deserialize;

/// The `userlist` answer.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct GuestUserList {
    #[serde(default)]
    pub items: Vec<GuestUser>,
}

/// One signed-in user.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct GuestUser {
    pub user_name: String,
    #[serde(default)]
    pub domain: Option<String>,
    /// Seconds since the epoch, with a fraction.
    #[serde(default)]
    pub login_time: Option<f64>,
}
