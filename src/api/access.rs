//! Asks the API server what the user may do (SelfSubjectAccessReview), so a default never
//! leads the user into a refusal.

use serde::Deserialize;

use super::{ApiClient, ApiError};
use crate::logic::create_defaults::{access_review, may_create_vms_review};

const REVIEWS: &str = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

#[derive(Deserialize)]
struct Review {
    #[serde(default)]
    status: ReviewStatus,
}

#[derive(Default, Deserialize)]
struct ReviewStatus {
    #[serde(default)]
    allowed: bool,
}

/// Whether the user may create VMs in `namespace`. A review is only a question (nothing is
/// stored), so asking twice is harmless.
pub async fn may_create_vms(client: &ApiClient, namespace: &str) -> Result<bool, ApiError> {
    let review: Review = client
        .create(REVIEWS, &[], &may_create_vms_review(namespace))
        .await?;
    Ok(review.status.allowed)
}

/// Whether the user may create core Events in `namespace`: only then may the Role of a
/// scheduled restart grant it (Kubernetes refuses a Role that grants more than its maker
/// has, and the usual `admin` and `edit` roles do not write Events).
pub async fn may_create_events(client: &ApiClient, namespace: &str) -> Result<bool, ApiError> {
    let review: Review = client
        .create(
            REVIEWS,
            &[],
            &access_review(namespace, "create", "", "events"),
        )
        .await?;
    Ok(review.status.allowed)
}
