# The scheduled restart's Job. Optionally waits until nobody is signed in to the guest (asking
# again every RETRY_MINUTES until DEADLINE), optionally takes the snapshot SNAPSHOT and waits
# until it is ready, then restarts VM and removes the schedule CRONJOB. What it does is also
# told as Events on the VM, labelled for it, so the VM's page can show it after the schedule
# is gone. Only a VM that is not running ends quietly (its change applies when it starts);
# anything else fails the Job and keeps the CronJob, so the failure stays visible.
set -u

# An Event on the VM: reason, type, message. Best effort: the restart does not depend on it.
say() {
  reason=$1
  type=$2
  shift 2
  message=$(printf '%s' "$*" | tr '\n\r\t' '   ' | sed 's/\\/\\\\/g; s/"/\\"/g')
  stamp=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  printf '{"apiVersion":"v1","kind":"Event","metadata":{"generateName":"%s.","labels":{"app.kubernetes.io/managed-by":"windows-vms","vm.windows-vms.io/name":"%s","vm.windows-vms.io/action":"restart"}},"involvedObject":{"apiVersion":"kubevirt.io/v1","kind":"VirtualMachine","name":"%s","namespace":"%s"},"reason":"%s","message":"%s","type":"%s","source":{"component":"windows-vms-restart"},"firstTimestamp":"%s","lastTimestamp":"%s","count":1}' \
    "$VM" "$VM" "$VM" "$NAMESPACE" "$reason" "$message" "$type" "$stamp" "$stamp" |
    kubectl create -n "$NAMESPACE" -f - >/dev/null 2>&1 || true
  printf '%s\n' "$*"
}

fail() {
  say "$1" Warning "$2" >&2
  exit 1
}

now=$(date -u +%s)
latest=$(date -u -d "$LATEST_START" +%s) || exit 1
if [ "$now" -gt "$latest" ]; then
  fail NotRestarted "Not restarted: too late, the latest start was $LATEST_START."
fi

if [ -n "${DEADLINE:-}" ]; then
  deadline=$(date -u -d "$DEADLINE" +%s) || exit 1
  while :; do
    if answer=$(kubectl get --raw "/apis/subresources.kubevirt.io/v1/namespaces/$NAMESPACE/virtualmachineinstances/$VM/userlist" 2>&1); then
      users=$(printf '%s' "$answer" | tr ',{}' '\n\n\n' |
        sed -n 's/^ *"userName" *: *"\([^"]*\)".*$/\1/p' | tr '\n' ' ' | sed 's/ *$//')
      [ -z "$users" ] && break
    elif printf '%s' "$answer" | grep -q 'guest agent connected\|not running\|NotFound'; then
      # No agent (or no running guest) to ask: nobody can be signed in through it.
      say AgentSilent Normal "The guest agent is not connected, so nobody is known to be signed in: restarting."
      break
    else
      # Any other refusal may pass: ask again, as while users are signed in.
      users="unknown users (the guest agent could not be asked: $answer)"
    fi
    now=$(date -u +%s)
    if [ "$now" -ge "$deadline" ]; then
      fail GaveUp "Not restarted: $users still signed in at the deadline, $DEADLINE."
    fi
    pause=$((RETRY_MINUTES * 60))
    if [ $((now + pause)) -gt "$deadline" ]; then
      pause=$((deadline - now))
    fi
    next=$(date -u -d "@$((now + pause))" +%Y-%m-%dT%H:%M:%SZ)
    say WaitingForSignOut Normal "Not restarted yet: $users signed in. Asking again at $next."
    sleep "$pause"
  done
fi

if [ -n "${SNAPSHOT:-}" ]; then
  if ! answer=$(printf '{"apiVersion":"snapshot.kubevirt.io/v1beta1","kind":"VirtualMachineSnapshot","metadata":{"name":"%s","labels":{"app.kubernetes.io/managed-by":"windows-vms","vm.windows-vms.io/name":"%s"}},"spec":{"source":{"apiGroup":"kubevirt.io","kind":"VirtualMachine","name":"%s"}}}' "$SNAPSHOT" "$VM" "$VM" |
    kubectl create -n "$NAMESPACE" -f - 2>&1); then
    fail SnapshotFailed "Not restarted: the snapshot $SNAPSHOT could not be taken: $answer"
  fi
  if ! answer=$(kubectl wait -n "$NAMESPACE" "virtualmachinesnapshot/$SNAPSHOT" --for=jsonpath='{.status.readyToUse}'=true --timeout=15m 2>&1); then
    fail SnapshotFailed "Not restarted: the snapshot $SNAPSHOT did not become ready: $answer"
  fi
  say SnapshotTaken Normal "Took the snapshot $SNAPSHOT."
fi

if answer=$(echo '{}' | kubectl replace --raw "/apis/subresources.kubevirt.io/v1/namespaces/$NAMESPACE/virtualmachines/$VM/restart" -f - 2>&1); then
  say Restarted Normal "Restarted $VM as scheduled."
elif printf '%s' "$answer" | grep -q 'is not running'; then
  say NotRunning Normal "$VM is not running: the change applies when it next starts."
else
  fail NotRestarted "Not restarted: $answer"
fi
if ! kubectl delete cronjob "$CRONJOB" -n "$NAMESPACE" --wait=false; then
  echo "The schedule $CRONJOB could not be removed; it fires again only next year." >&2
  exit 1
fi
