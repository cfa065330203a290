#!/usr/bin/env bash
# Runs quayd with the embedded demo center and shows it working: tickets issued at the kiosk,
# numbers called to counters, the queue as a clerk sees it. Ctrl-C stops everything.
set -euo pipefail
bin=${1:-.build/debug}
state=$(mktemp -d /tmp/quay-demo.XXXXXX)
export QUAY_SOCKET=$state/control.sock
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; echo; echo "Demo state kept in $state"; }
trap cleanup EXIT INT TERM
"$bin/quayd" run --demo --state-dir "$state" &
pid=$!
for _ in $(seq 1 100); do "$bin/quayctl" ping >/dev/null 2>&1 && break; sleep 0.1; done
echo "== quayd is up: $("$bin/quayctl" ping)"
echo "== Hall display (when built with it): http://127.0.0.1:8080/"
echo "== Try in another terminal:  QUAY_SOCKET=$QUAY_SOCKET $bin/quayctl queue"
while kill -0 "$pid" 2>/dev/null; do
    sleep 10
    echo; echo "== Queue now (quayctl queue):"; "$bin/quayctl" queue || true
done
