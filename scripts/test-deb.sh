#!/usr/bin/env bash
# Tests the Debian package for real: lintian, then installs it with apt into a fresh Debian 12 root made by
# debootstrap (minbase), checks the groups, the conffile and the units, runs `quayd check-config` and the demo
# (no simulated traffic) in its own network namespace and pings it with quayctl, purges the package and checks
# that nothing of it is left. Needs root and the Debian mirror (as apt-get does in CI).
#
#   scripts/test-deb.sh PATH.deb        QUAY_DEBIAN_MIRROR overrides http://deb.debian.org/debian
set -euo pipefail
cd "$(dirname "$0")/.."
DEB=$(readlink -f "${1:?usage: scripts/test-deb.sh PATH.deb}")
W=$PWD/.build-deb
MIRROR=${QUAY_DEBIAN_MIRROR:-http://deb.debian.org/debian}
ROOT=$W/root
fail=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fail=1; }

echo "== lintian"
if lintian --tag-display-limit 0 "$DEB" 2>&1 | grep -v 'running with root privileges' | tee "$W/lintian.log" | grep -q .; then
    bad "lintian has findings (every accepted one must be in packaging/deb/lintian-overrides, with why)"
else ok "lintian clean (overrides explained in packaging/deb/lintian-overrides)"; fi

echo "== a fresh Debian 12 root"
if [ ! -x "$W/root-cache/bin/sh" ]; then
    rm -rf "$W/root-cache"
    debootstrap --variant=minbase bookworm "$W/root-cache" "$MIRROR" > "$W/debootstrap.log" 2>&1 \
        || { tail -5 "$W/debootstrap.log"; echo "debootstrap failed"; exit 1; }
fi
mountpoint -q "$ROOT/proc" && umount "$ROOT/proc" || true
mountpoint -q "$ROOT/dev" && umount "$ROOT/dev" || true
rm -rf "$ROOT"
cp -a "$W/root-cache" "$ROOT"
cleanup() {
    mountpoint -q "$ROOT/proc" && umount -l "$ROOT/proc" || true
    mountpoint -q "$ROOT/dev" && umount -l "$ROOT/dev" || true
}
trap cleanup EXIT
mount -t proc proc "$ROOT/proc"
mount --bind /dev "$ROOT/dev"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
in_root() { chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@"; }
# What the root holds before the package (apt's own lists and caches left out).
snapshot() {
    (cd "$ROOT" && find . -xdev \( -path ./proc -o -path ./dev -o -path ./tmp -o -path ./var/cache -o -path ./var/lib/apt \
        -o -path ./var/log -o -path ./var/lib/dpkg -o -path ./run \) -prune -o -print | sort)
}
in_root apt-get update -qq > "$W/apt-update.log" 2>&1 || { tail -5 "$W/apt-update.log"; exit 1; }
snapshot > "$W/before.txt"

echo "== install"
cp "$DEB" "$ROOT/tmp/quay.deb"
if in_root apt-get install -y -qq --no-install-recommends /tmp/quay.deb > "$W/install.log" 2>&1; then ok "apt-get install"
else tail -20 "$W/install.log"; bad "apt-get install"; exit 1; fi
for g in quay quay-scanner quay-kiosk; do in_root getent group "$g" > /dev/null && ok "group $g" || bad "group $g missing"; done
[ -f "$ROOT/etc/quayd/quayd.toml" ] && ok "conffile /etc/quayd/quayd.toml" || bad "no /etc/quayd/quayd.toml"
grep -qx /etc/quayd/quayd.toml "$ROOT/var/lib/dpkg/info/quay.conffiles" && ok "registered as a conffile" || bad "not a conffile"
[ -L "$ROOT/etc/systemd/system/multi-user.target.wants/quayd.service" ] && ok "quayd.service enabled" || bad "quayd.service not enabled"
grep -q '^ExecStart=/usr/bin/quayd ' "$ROOT/lib/systemd/system/quayd.service" && ok "unit runs /usr/bin/quayd" || bad "unit ExecStart"
if in_root ldd /usr/bin/quayd | grep -q 'not found'; then bad "quayd misses libraries"; else ok "quayd finds every library"; fi
if in_root quayd check-config /etc/quayd/quayd.toml > "$W/check-config.log" 2>&1; then ok "quayd check-config"
else cat "$W/check-config.log"; bad "quayd check-config"; fi

echo "== run (own network namespace: loopback only)"
if unshare --net sh -c "ip link set lo up && exec chroot '$ROOT' env -i PATH=/usr/bin:/bin LANG=C.UTF-8 sh -c '
        quayd run --demo --no-demo-traffic --socket /tmp/q.sock --state-dir /tmp/qs > /tmp/quayd.log 2>&1 &
        pid=\$!
        i=0; while [ \$i -lt 100 ] && ! quayctl ping --socket /tmp/q.sock > /tmp/ping.txt 2>&1; do sleep 0.2; i=\$((i+1)); done
        cat /tmp/ping.txt; kill \$pid; wait \$pid
        grep -qi pong /tmp/ping.txt || grep -q ok /tmp/ping.txt'" > "$W/run.log" 2>&1; then
    ok "quayd run --demo answers quayctl ping ($(head -1 "$W/run.log"))"
else cat "$W/run.log"; grep -v '^ *[0-9]' "$ROOT/tmp/quayd.log" 2>/dev/null | tail -8; bad "quayd did not answer"; fi
cp "$ROOT/tmp/quayd.log" "$W/quayd-in-root.log" 2>/dev/null || true
rm -rf "$ROOT/tmp/qs" "$ROOT/tmp/q.sock" "$ROOT/tmp/quayd.log" "$ROOT/tmp/ping.txt"

echo "== purge"
in_root apt-get purge -y -qq quay > "$W/purge.log" 2>&1 && ok "apt-get purge" || { tail -10 "$W/purge.log"; bad "apt-get purge"; }
# The libraries and fonts apt pulled in for it go too, so the root is compared with what it was.
in_root apt-get autoremove --purge -y -qq >> "$W/purge.log" 2>&1 || true
rm -f "$ROOT/tmp/quay.deb"
snapshot > "$W/after.txt"
# The system groups stay (Debian policy: they may own files elsewhere); /etc/group and friends change for them.
left=$(comm -13 "$W/before.txt" "$W/after.txt" | grep -v -E '^\./etc/(group|gshadow|group-|gshadow-)$' || true)
if [ -z "$left" ]; then ok "nothing of the package is left"; else bad "left after purge:"; echo "$left" | head -20; fi
[ -z "$(find "$ROOT" -xdev -name '*quay*' ! -path "$ROOT/var/lib/dpkg/*" ! -path "$ROOT/var/log/*" ! -path "$ROOT/proc/*" 2>/dev/null)" ] \
    && ok "no file named quay* anywhere" || bad "files named quay* remain: $(find "$ROOT" -xdev -name '*quay*' ! -path "$ROOT/var/lib/dpkg/*" ! -path "$ROOT/var/log/*" | head -5)"

[ $fail = 0 ] && echo "deb: ok" || echo "deb: FAILED"
exit $fail
