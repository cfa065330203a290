#!/usr/bin/env bash
# Tests `make install` / `make uninstall` (mk/install.mk) into temporary DESTDIRs; touches nothing else.
#   QUAY_BIN_DIR=dir  take quayd, quayctl, quay-devwatch from dir (default: the debug build, built if missing)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
BINS="quayd quayctl quay-devwatch"
if [ -z "${QUAY_BIN_DIR:-}" ]; then
    QUAY_BIN_DIR=$(swift build --show-bin-path)
    for b in $BINS; do [ -x "$QUAY_BIN_DIR/$b" ] || swift build --product "$b"; done
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail=0
ok()   { echo "ok: $*"; }
bad()  { echo "FAIL: $*"; fail=1; }
check_file() { # path mode
    if [ -f "$1" ]; then
        m=$(stat -c %a "$1"); [ "$m" = "$2" ] && ok "$1 ($m)" || bad "$1 mode $m, want $2"
    else bad "missing $1"; fi
}

# 1. Default layout, PREFIX=/usr/local.
D=$WORK/stage
make --no-print-directory install DESTDIR="$D" QUAY_BIN_DIR="$QUAY_BIN_DIR" > "$WORK/install.log" 2>&1 \
    || { cat "$WORK/install.log"; bad "make install failed"; exit 1; }
for b in $BINS; do check_file "$D/usr/local/bin/$b" 755; done
check_file "$D/lib/systemd/system/quayd.service" 644
check_file "$D/lib/systemd/system/quayd.socket" 644
check_file "$D/lib/udev/rules.d/70-quay.rules" 644
check_file "$D/usr/local/share/quay/web/hall.html" 644
check_file "$D/usr/local/share/quay/web/kiosk.html" 644
check_file "$D/usr/lib/sysusers.d/quay.conf" 644
check_file "$D/usr/local/share/doc/quay/quayd-web.conf" 644
for f in docs/*.md; do check_file "$D/usr/local/share/doc/quay/$(basename "$f")" 644; done
grep -q '^g quay-scanner ' "$D/usr/lib/sysusers.d/quay.conf" && ok "sysusers.d creates quay-scanner" || bad "no quay-scanner in sysusers.d"
grep -q '^ExecStart=/usr/local/bin/quayd run --config /etc/quayd/quayd.toml$' "$D/lib/systemd/system/quayd.service" \
    && ok "ExecStart /usr/local/bin/quayd" || bad "ExecStart not /usr/local/bin/quayd"
if [ -f docs/quayd.sample.toml ]; then
    check_file "$D/etc/quayd/quayd.toml" 644
    cmp -s docs/quayd.sample.toml "$D/etc/quayd/quayd.toml" && ok "sample config installed" || bad "config differs from sample"
else
    grep -q 'docs/quayd.sample.toml missing' "$WORK/install.log" && ok "missing sample config reported (docs/quayd.sample.toml not written yet)" \
        || bad "missing sample config not reported"
fi
grep -q 'systemctl enable' "$WORK/install.log" && bad "activation ran although DESTDIR was set" || ok "no activation with DESTDIR"

# 2. A site's configuration survives a reinstall.
mkdir -p "$D/etc/quayd"
echo '# site config' > "$D/etc/quayd/quayd.toml"
make --no-print-directory install DESTDIR="$D" QUAY_BIN_DIR="$QUAY_BIN_DIR" > "$WORK/install2.log" 2>&1 || bad "reinstall failed"
[ "$(cat "$D/etc/quayd/quayd.toml")" = '# site config' ] && ok "existing quayd.toml kept" || bad "quayd.toml overwritten"

# 3. uninstall removes everything but the configuration.
make --no-print-directory uninstall DESTDIR="$D" > "$WORK/uninstall.log" 2>&1 || bad "make uninstall failed"
left=$(cd "$D" && find . -type f | sort)
[ "$left" = "./etc/quayd/quayd.toml" ] && ok "uninstall left only etc/quayd/quayd.toml" || bad "uninstall left: $left"

# 4. PREFIX=/opt/quay rewrites the unit paths.
P=$WORK/opt
make --no-print-directory install DESTDIR="$P" PREFIX=/opt/quay QUAY_BIN_DIR="$QUAY_BIN_DIR" > "$WORK/install3.log" 2>&1 || bad "install PREFIX=/opt/quay failed"
[ -x "$P/opt/quay/bin/quayd" ] && ok "PREFIX=/opt/quay binaries" || bad "no $P/opt/quay/bin/quayd"
grep -q '^ExecStart=/opt/quay/bin/quayd run' "$P/lib/systemd/system/quayd.service" && ok "ExecStart follows PREFIX" || bad "ExecStart ignores PREFIX"
grep -q 'file:/opt/quay/share/doc/quay/operations.md' "$P/lib/systemd/system/quayd.service" && ok "Documentation= follows PREFIX" || bad "Documentation= ignores PREFIX"
grep -rq '/usr/local' "$P/lib/systemd/system/" && bad "/usr/local left in units" || ok "no /usr/local in units"

[ $fail = 0 ] && echo "install: all checks passed" || echo "install: FAILED"
exit $fail
