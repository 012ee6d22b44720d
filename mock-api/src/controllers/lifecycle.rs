//! KubeVirt's `start`, `stop` and `restart` subresources: what they decide for a VM from its run
//! strategy and whether its instance runs, and carrying that out (its lifecycle handlers, in
//! miniature).

use serde_json::json;

use crate::controllers::instance;
use crate::kube::status::ApiStatus;
use crate::state::{lock, Shared};

/// A VM action requested through `subresources.kubevirt.io`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Start,
    Stop,
    Restart,
}

impl Action {
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "start" => Some(Self::Start),
            "stop" => Some(Self::Stop),
            "restart" => Some(Self::Restart),
            _ => None,
        }
    }
}

/// What happens to the instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InstanceChange {
    Start,
    Stop,
    Restart,
}

/// The accepted outcome of an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Effect {
    /// The run strategy the VM gets, when it changes.
    pub run_strategy: Option<&'static str>,
    pub instance: InstanceChange,
}

/// Decides an action, or gives the conflict message KubeVirt answers with (409).
pub fn decide(
    action: Action,
    run_strategy: &str,
    running: bool,
    printable_status: &str,
) -> Result<Effect, String> {
    let effect = |run_strategy, instance| {
        Ok(Effect {
            run_strategy,
            instance,
        })
    };
    match action {
        Action::Start if running => Err("VM is already running".to_owned()),
        Action::Start => match run_strategy {
            "Halted" => effect(Some("Always"), InstanceChange::Start),
            "Manual" | "RerunOnFailure" => effect(None, InstanceChange::Start),
            other => Err(format!("{other} does not support manual start requests")),
        },
        Action::Stop => match run_strategy {
            "Always" | "Once" => effect(Some("Halted"), InstanceChange::Stop),
            _ if !running => Err("VM is not running".to_owned()),
            _ => effect(None, InstanceChange::Stop),
        },
        Action::Restart => match run_strategy {
            // KubeVirt's own message misspells RunStrategy; kept so clients see the same text.
            "Halted" | "Once" => Err(format!(
                "RunStategy {run_strategy} does not support manual restart requests"
            )),
            _ if !running => Err(format!("VM is not running: {printable_status}")),
            _ => effect(None, InstanceChange::Restart),
        },
    }
}

/// Runs a VM action (`start`, `stop`, `restart`) as KubeVirt's subresource handlers do.
pub fn act(shared: &Shared, namespace: &str, name: &str, action: &str) -> Result<(), ApiStatus> {
    let action = Action::parse(action).ok_or_else(ApiStatus::path_not_found)?;
    let vms = &crate::kube::resources::VIRTUAL_MACHINES;
    let vmis = &crate::kube::resources::VIRTUAL_MACHINE_INSTANCES;
    let effect = {
        let mut state = lock(shared);
        let vm = state
            .store
            .get(vms, namespace, name)
            .cloned()
            .ok_or_else(|| {
                ApiStatus::new(
                    404,
                    "NotFound",
                    format!("virtualmachine.kubevirt.io \"{name}\" not found"),
                )
            })?;
        let running = state.store.get(vmis, namespace, name).is_some();
        let run_strategy = vm["spec"]["runStrategy"].as_str().unwrap_or("Halted");
        let printable = vm["status"]["printableStatus"]
            .as_str()
            .unwrap_or("Stopped");
        let effect = decide(action, run_strategy, running, printable).map_err(|message| ApiStatus {
            details: Some(json!({"name": name, "group": "kubevirt.io", "kind": "virtualmachine"})),
            ..ApiStatus::new(409, "Conflict", format!("Operation cannot be fulfilled on virtualmachine.kubevirt.io \"{name}\": {message}"))
        })?;
        if let Some(strategy) = effect.run_strategy {
            state.store.modify(vms, namespace, name, |vm| {
                vm["spec"]["runStrategy"] = json!(strategy);
                let generation = vm["metadata"]["generation"].as_i64().unwrap_or(1);
                vm["metadata"]["generation"] = json!(generation + 1);
            });
        }
        effect
    };
    let (ns, name) = (namespace.to_owned(), name.to_owned());
    match effect.instance {
        InstanceChange::Start => instance::start_instance(shared.clone(), ns, name),
        InstanceChange::Stop => instance::stop_instance(shared.clone(), ns, name, false),
        InstanceChange::Restart => instance::stop_instance(shared.clone(), ns, name, true),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_follows_the_run_strategy() {
        assert_eq!(
            decide(Action::Start, "Halted", false, "Stopped"),
            Ok(Effect {
                run_strategy: Some("Always"),
                instance: InstanceChange::Start
            })
        );
        assert_eq!(
            decide(Action::Start, "Manual", false, "Stopped").map(|e| e.run_strategy),
            Ok(None)
        );
        assert_eq!(
            decide(Action::Start, "Halted", true, "Running"),
            Err("VM is already running".into())
        );
        assert_eq!(
            decide(Action::Start, "Always", false, "Stopped"),
            Err("Always does not support manual start requests".into())
        );
    }

    #[test]
    fn stop_halts_an_always_vm_even_when_nothing_runs() {
        assert_eq!(
            decide(Action::Stop, "Always", false, "Starting"),
            Ok(Effect {
                run_strategy: Some("Halted"),
                instance: InstanceChange::Stop
            })
        );
        assert_eq!(
            decide(Action::Stop, "Halted", false, "Stopped"),
            Err("VM is not running".into())
        );
        assert_eq!(
            decide(Action::Stop, "Manual", true, "Running").map(|e| e.instance),
            Ok(InstanceChange::Stop)
        );
    }

    #[test]
    fn restart_needs_a_running_vm_that_may_restart() {
        assert_eq!(
            decide(Action::Restart, "Always", true, "Running").map(|e| e.instance),
            Ok(InstanceChange::Restart)
        );
        assert_eq!(
            decide(Action::Restart, "Halted", false, "Stopped"),
            Err("RunStategy Halted does not support manual restart requests".into())
        );
        assert_eq!(
            decide(Action::Restart, "Always", false, "ErrorUnschedulable"),
            Err("VM is not running: ErrorUnschedulable".into())
        );
    }
}
