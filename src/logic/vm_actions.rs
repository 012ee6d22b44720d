//! Which lifecycle actions a VM offers in its current state, and why one is not offered.

use crate::model::PrintableStatus;

/// A VM action the user can take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VmAction {
    Start,
    Stop,
    Restart,
    Delete,
}

impl VmAction {
    pub fn label(self) -> &'static str {
        match self {
            Self::Start => "Start",
            Self::Stop => "Stop",
            Self::Restart => "Restart",
            Self::Delete => "Delete",
        }
    }

    /// The `subresources.kubevirt.io` action, for all but Delete.
    pub fn subresource(self) -> Option<&'static str> {
        match self {
            Self::Start => Some("start"),
            Self::Stop => Some("stop"),
            Self::Restart => Some("restart"),
            Self::Delete => None,
        }
    }

    /// Words for a message after it went wrong: "Could not {verb} win11".
    pub fn verb(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Stop => "stop",
            Self::Restart => "restart",
            Self::Delete => "delete",
        }
    }
}

/// Every action with whether it can be taken now.
pub fn actions(status: &PrintableStatus) -> Vec<(VmAction, bool)> {
    use PrintableStatus as S;
    let stopped = *status == S::Stopped;
    let running = matches!(status, S::Running | S::Paused);
    let settling = matches!(status, S::Stopping | S::Terminating);
    vec![
        (VmAction::Start, stopped),
        // A VM that is starting, failing to schedule or provisioning can still be stopped.
        (VmAction::Stop, !stopped && !settling),
        (VmAction::Restart, running),
        (VmAction::Delete, *status != S::Terminating),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enabled(status: &str) -> Vec<&'static str> {
        actions(&PrintableStatus::parse(status))
            .into_iter()
            .filter(|(_, on)| *on)
            .map(|(a, _)| a.label())
            .collect()
    }

    #[test]
    fn actions_follow_the_state() {
        assert_eq!(enabled("Running"), ["Stop", "Restart", "Delete"]);
        assert_eq!(enabled("Stopped"), ["Start", "Delete"]);
        assert_eq!(enabled("ErrorUnschedulable"), ["Stop", "Delete"]);
        assert_eq!(enabled("Stopping"), ["Delete"]);
        assert_eq!(enabled("Terminating"), Vec::<&str>::new());
    }
}
