#!/usr/bin/env bash
# CI check of the systemd units: `systemd-analyze verify` and the offline security score of quayd.service.
# verify refuses an ExecStart binary that does not exist (CI runs before `make install`), so it checks copies of
# the units whose ExecStart points at the built quayd.
#   scripts/check-systemd.sh [path/to/quayd]  or QUAYD_BIN=path/to/quayd   (default: the debug build; built with `swift build --product quayd` if missing)
#   MAX_EXPOSURE=2.0          fail when `systemd-analyze security` reports more
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
MAX_EXPOSURE=${MAX_EXPOSURE:-2.0}
command -v systemd-analyze >/dev/null || { echo "missing systemd-analyze (apt-get install systemd)" >&2; exit 1; }

BIN=${1:-${QUAYD_BIN:-}}
if [ -z "$BIN" ]; then
    BIN="$(cd "$REPO" && swift build --show-bin-path)/quayd"
    [ -x "$BIN" ] || (cd "$REPO" && swift build --product quayd)
fi
[ -x "$BIN" ] || { echo "quayd binary not found at $BIN" >&2; exit 1; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# main/: the units as shipped; web/: quayd.service plus the hall-display drop-in (picked up from quayd.service.d/).
mkdir -p "$WORK/main" "$WORK/web/quayd.service.d"
for u in quayd.service quayd.socket; do
    sed "s|/usr/local/bin/quayd|$BIN|g" "$REPO/systemd/$u" > "$WORK/main/$u"
done
cp "$WORK/main/quayd.service" "$WORK/web/quayd.service"
cp "$REPO/systemd/quayd-web.conf" "$WORK/web/quayd.service.d/web.conf"

fail=0
# --man=no: no man pages in CI images; Documentation= points at a file that exists only after install.
# systemd 252 exits 0 on "Unknown key ..., ignoring": any output counts as a failure.
if out=$(cd "$WORK/main" && systemd-analyze verify --man=no "$WORK/main/quayd.service" "$WORK/main/quayd.socket" 2>&1) && [ -z "$out" ]; then
    echo "ok: systemd-analyze verify quayd.service quayd.socket"
else
    echo "$out"; echo "FAIL: systemd-analyze verify"; fail=1
fi

score_of() { # unit file -> exposure number
    systemd-analyze security --offline=true --no-pager "$1" 2>&1 | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p'
}
score=$(score_of "$WORK/main/quayd.service")
[ -n "$score" ] || { echo "FAIL: no exposure level from systemd-analyze security"; exit 1; }
echo "systemd-analyze security quayd.service: exposure $score (limit $MAX_EXPOSURE)"
if awk -v s="$score" -v m="$MAX_EXPOSURE" 'BEGIN { exit !(s > m) }'; then
    systemd-analyze security --offline=true --no-pager "$WORK/main/quayd.service" | grep '✗' || true
    echo "FAIL: exposure $score > $MAX_EXPOSURE"; fail=1
fi

# With the hall web drop-in (AF_INET allowed, LAN-only IPAddressAllow): reported, gated at the same limit.
if out=$(cd "$WORK/web" && systemd-analyze verify --man=no "$WORK/web/quayd.service" 2>&1) && [ -z "$out" ]; then
    echo "ok: systemd-analyze verify quayd.service + quayd-web.conf"
else
    echo "$out"; echo "FAIL: verify with quayd-web.conf"; fail=1
fi
web=$(score_of "$WORK/web/quayd.service")
echo "systemd-analyze security quayd.service + quayd-web.conf: exposure $web"
if [ -z "$web" ] || awk -v s="$web" -v m="$MAX_EXPOSURE" 'BEGIN { exit !(s > m) }'; then
    echo "FAIL: exposure with the web drop-in '$web' > $MAX_EXPOSURE"; fail=1
fi
exit $fail
