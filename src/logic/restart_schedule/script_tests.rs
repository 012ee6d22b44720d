//! The Job's script, run by `/bin/sh` with stand-ins for `kubectl`, `date` and `sleep`: the
//! stand-in kubectl answers as each test says and records what was asked; `sleep` moves a fake
//! clock that `date -u +%s` reads, so hours of waiting take no time.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use chrono::{Duration, Utc};
use serde_json::Value;

use super::SCRIPT;

const KUBECTL: &str = r#"#!/bin/sh
case "$1" in
  create)
    body=$(cat)
    case "$body" in
      *'"kind":"Event"'*)
        printf '%s\n' "$body" >> "$EVENTS"
        reason=$(printf '%s' "$body" | sed 's/.*"reason":"\([^"]*\)".*/\1/')
        echo "event:$reason" >> "$CALLS" ;;
      *)
        echo "snapshot" >> "$CALLS"
        if [ "$FAKE_SNAPSHOT" != ok ]; then echo "$FAKE_SNAPSHOT" >&2; exit 1; fi ;;
    esac ;;
  get)
    echo "userlist" >> "$CALLS"
    n=$(wc -l < "$CALLS")
    answer=$(sed -n '1p' "$USERS")
    if [ "$(wc -l < "$USERS")" -gt 1 ]; then sed -i '1d' "$USERS"; fi
    if [ "$answer" = NO_AGENT ]; then echo 'Error from server: an error on the server ("VMI does not have guest agent connected") has prevented the request from succeeding' >&2; exit 1; fi
    if [ "$answer" = ERROR ]; then echo 'Error from server (InternalError): etcdserver: request timed out' >&2; exit 1; fi
    printf '%s' "$answer" ;;
  wait) echo "wait" >> "$CALLS"; [ "$FAKE_WAIT" = ok ] || { echo "$FAKE_WAIT" >&2; exit 1; } ;;
  replace) cat > /dev/null; echo "replace" >> "$CALLS"
    if [ "$FAKE_RESTART" = ok ]; then echo '{}'; else echo "$FAKE_RESTART" >&2; exit 1; fi ;;
  delete) echo "delete" >> "$CALLS"
    if [ "$FAKE_DELETE" = ok ]; then echo 'cronjob.batch "x" deleted'; else echo "$FAKE_DELETE" >&2; exit 1; fi ;;
esac
"#;

const DATE: &str = r#"#!/bin/sh
if [ "$*" = "-u +%s" ]; then
  echo $(( $(/bin/date -u +%s) + $(cat "$CLOCK") ))
else
  exec /bin/date "$@"
fi
"#;

const SLEEP: &str = r#"#!/bin/sh
echo "sleep $1" >> "$CALLS"
echo $(( $(cat "$CLOCK") + $1 )) > "$CLOCK"
"#;

/// How the stand-ins answer; `users` are the userlist answers in turn (the last repeats).
struct Cluster {
    latest_start: String,
    restart: &'static str,
    delete: &'static str,
    snapshot: &'static str,
    wait: &'static str,
    users: Vec<String>,
    env: Vec<(&'static str, String)>,
}

impl Default for Cluster {
    fn default() -> Self {
        Self {
            latest_start: (Utc::now() + Duration::minutes(30)).to_rfc3339(),
            restart: "ok",
            delete: "ok",
            snapshot: "ok",
            wait: "ok",
            users: vec![NOBODY.to_owned()],
            env: Vec::new(),
        }
    }
}

/// What the script did.
struct Run {
    code: i32,
    stderr: String,
    calls: Vec<String>,
    events: Vec<Value>,
}

const NOBODY: &str =
    r#"{"apiVersion":"v1","kind":"VirtualMachineInstanceGuestOSUserList","items":[]}"#;

fn signed_in(users: &[&str]) -> String {
    let items: Vec<Value> = users
        .iter()
        .map(|u| serde_json::json!({"userName": u, "domain": "CORP", "loginTime": 1_764_400_000.5}))
        .collect();
    serde_json::json!({"apiVersion": "v1", "kind": "VirtualMachineInstanceGuestOSUserList", "items": items}).to_string()
}

fn run(cluster: Cluster) -> Run {
    static RUN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let dir: PathBuf = std::env::temp_dir().join(format!(
        "restart-script-{}-{}",
        std::process::id(),
        RUN.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in [("kubectl", KUBECTL), ("date", DATE), ("sleep", SLEEP)] {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::write(dir.join("clock"), "0").unwrap();
    std::fs::write(dir.join("users"), cluster.users.join("\n") + "\n").unwrap();
    let mut command = std::process::Command::new("/bin/sh");
    command
        .args(["-c", SCRIPT])
        .env_clear()
        .env("PATH", format!("{}:/usr/bin:/bin", dir.display()))
        .env("CALLS", dir.join("calls"))
        .env("EVENTS", dir.join("events"))
        .env("CLOCK", dir.join("clock"))
        .env("USERS", dir.join("users"))
        .env("FAKE_RESTART", cluster.restart)
        .env("FAKE_DELETE", cluster.delete)
        .env("FAKE_SNAPSHOT", cluster.snapshot)
        .env("FAKE_WAIT", cluster.wait)
        .env("NAMESPACE", "finance-apps")
        .env("VM", "win2k22-sql")
        .env("CRONJOB", "restart-win2k22-sql")
        .env("LATEST_START", &cluster.latest_start);
    for (name, value) in &cluster.env {
        command.env(name, value);
    }
    let output = command.output().unwrap();
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
    let calls = read("calls").lines().map(str::to_owned).collect();
    let events = read("events")
        .lines()
        .map(|line| serde_json::from_str(line).expect("each Event is JSON"))
        .collect();
    std::fs::remove_dir_all(&dir).ok();
    Run {
        code: output.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        calls,
        events,
    }
}

fn calls(list: &[&str]) -> Vec<String> {
    list.iter().map(|c| (*c).to_owned()).collect()
}

#[test]
fn the_job_ends_quietly_only_when_it_restarted_or_the_vm_is_stopped() {
    let done = run(Cluster::default());
    assert_eq!(done.code, 0, "{}", done.stderr);
    assert_eq!(done.calls, calls(&["replace", "event:Restarted", "delete"]));
    let event = &done.events[0];
    assert_eq!(event["involvedObject"]["kind"], "VirtualMachine");
    assert_eq!(event["involvedObject"]["name"], "win2k22-sql");
    assert_eq!(
        event["metadata"]["labels"]["vm.windows-vms.io/name"],
        "win2k22-sql"
    );
    crate::logic::patch_check::assert_kubernetes_valid::<k8s_openapi::api::core::v1::Event>(event);

    let stopped = run(Cluster {
        restart: "Error from server (Conflict): Operation cannot be fulfilled on virtualmachine.kubevirt.io \"win2k22-sql\": VM is not running",
        ..Cluster::default()
    });
    assert_eq!(
        (stopped.code, stopped.calls),
        (0, calls(&["replace", "event:NotRunning", "delete"]))
    );

    for refusal in [
        "Error from server (Forbidden): virtualmachines.subresources.kubevirt.io \"win2k22-sql\" is forbidden",
        "Error from server (Conflict): Operation cannot be fulfilled: a restart is already in progress",
    ] {
        let refused = run(Cluster { restart: refusal, ..Cluster::default() });
        assert_eq!(refused.code, 1, "{refusal}");
        assert!(refused.stderr.contains(refusal), "{}", refused.stderr);
        assert_eq!(refused.calls, calls(&["replace", "event:NotRestarted"]), "the schedule is kept to show the failure");
        assert_eq!(refused.events[0]["type"], "Warning");
    }
    let late = run(Cluster {
        latest_start: (Utc::now() - Duration::minutes(5)).to_rfc3339(),
        ..Cluster::default()
    });
    assert_eq!(late.code, 1);
    assert!(late.stderr.contains("too late"), "{}", late.stderr);
    assert_eq!(
        late.calls,
        calls(&["event:NotRestarted"]),
        "not restarted hours later"
    );
    let kept = run(Cluster {
        delete: "Error from server (Forbidden): cannot delete",
        ..Cluster::default()
    });
    assert_eq!(kept.code, 1);
    assert!(
        kept.stderr.contains("could not be removed"),
        "{}",
        kept.stderr
    );
}

fn waiting(deadline_minutes: i64, users: Vec<String>) -> Cluster {
    Cluster {
        users,
        env: vec![
            (
                "DEADLINE",
                (Utc::now() + Duration::minutes(deadline_minutes)).to_rfc3339(),
            ),
            ("RETRY_MINUTES", "10".to_owned()),
        ],
        ..Cluster::default()
    }
}

#[test]
fn a_conditional_restart_waits_while_anyone_is_signed_in() {
    let alice = signed_in(&["alice"]);
    let done = run(waiting(
        120,
        vec![
            alice.clone(),
            signed_in(&["alice", "dba"]),
            NOBODY.to_owned(),
        ],
    ));
    assert_eq!(done.code, 0, "{}", done.stderr);
    assert_eq!(
        done.calls,
        calls(&[
            "userlist",
            "event:WaitingForSignOut",
            "sleep 600",
            "userlist",
            "event:WaitingForSignOut",
            "sleep 600",
            "userlist",
            "replace",
            "event:Restarted",
            "delete",
        ])
    );
    let message = done.events[1]["message"].as_str().unwrap();
    assert!(message.contains("alice dba signed in"), "{message}");
    assert!(message.contains("Asking again at 20"), "{message}");
}

#[test]
fn a_conditional_restart_gives_up_at_its_deadline() {
    let gave_up = run(waiting(25, vec![signed_in(&["alice"])]));
    assert_eq!(gave_up.code, 1);
    assert_eq!(
        gave_up.calls,
        calls(&[
            "userlist",
            "event:WaitingForSignOut",
            "sleep 600",
            "userlist",
            "event:WaitingForSignOut",
            "sleep 600",
            "userlist",
            "event:WaitingForSignOut",
            "sleep 300",
            "userlist",
            "event:GaveUp",
        ]),
        "the last wait ends at the deadline, and nothing is restarted"
    );
    assert!(
        gave_up
            .stderr
            .contains("alice still signed in at the deadline"),
        "{}",
        gave_up.stderr
    );
    let silent = run(waiting(120, vec!["NO_AGENT".to_owned()]));
    assert_eq!(silent.code, 0);
    assert_eq!(
        silent.calls,
        calls(&[
            "userlist",
            "event:AgentSilent",
            "replace",
            "event:Restarted",
            "delete"
        ])
    );
}

#[test]
fn a_guest_agent_that_cannot_be_asked_for_another_reason_is_asked_again() {
    let flaky = run(waiting(120, vec!["ERROR".to_owned(), NOBODY.to_owned()]));
    assert_eq!(flaky.code, 0, "{}", flaky.stderr);
    assert_eq!(
        flaky.calls,
        calls(&[
            "userlist",
            "event:WaitingForSignOut",
            "sleep 600",
            "userlist",
            "replace",
            "event:Restarted",
            "delete",
        ]),
        "not restarted on an error that says nothing of who is signed in"
    );
    assert!(flaky.events[0]["message"]
        .as_str()
        .unwrap()
        .contains("etcdserver: request timed out"));
}

#[test]
fn names_with_backslashes_and_quotes_make_valid_events() {
    let odd = run(waiting(5, vec![signed_in(&[r#"o\"brien"#])]));
    assert_eq!(odd.code, 1);
    assert!(odd.events.iter().all(|e| e["message"].is_string()));
    let multi_line = run(Cluster {
        restart: "Error from server (Invalid): first line\nWarning: second line",
        ..Cluster::default()
    });
    assert_eq!(
        multi_line.events.len(),
        1,
        "a refusal of several lines still makes its Event"
    );
    assert!(multi_line.events[0]["message"]
        .as_str()
        .unwrap()
        .contains("first line Warning: second line"));
}

#[test]
fn the_snapshot_is_taken_and_ready_before_the_restart() {
    let with_snapshot = |snapshot: &'static str, wait: &'static str| Cluster {
        snapshot,
        wait,
        env: vec![("SNAPSHOT", "win2k22-sql-before-20261126-1330".to_owned())],
        ..Cluster::default()
    };
    let done = run(with_snapshot("ok", "ok"));
    assert_eq!(done.code, 0, "{}", done.stderr);
    assert_eq!(
        done.calls,
        calls(&[
            "snapshot",
            "wait",
            "event:SnapshotTaken",
            "replace",
            "event:Restarted",
            "delete"
        ])
    );
    let refused = run(with_snapshot(
        "Error from server (Forbidden): cannot create",
        "ok",
    ));
    assert_eq!(refused.code, 1);
    assert_eq!(
        refused.calls,
        calls(&["snapshot", "event:SnapshotFailed"]),
        "no restart without it"
    );
    assert!(
        refused.stderr.contains("cannot create"),
        "{}",
        refused.stderr
    );
    let never_ready = run(with_snapshot(
        "ok",
        "error: timed out waiting for the condition",
    ));
    assert_eq!(never_ready.code, 1);
    assert_eq!(
        never_ready.calls,
        calls(&["snapshot", "wait", "event:SnapshotFailed"])
    );
}
