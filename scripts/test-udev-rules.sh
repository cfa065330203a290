#!/usr/bin/env bash
# Checks udev-rules/70-quay.rules against the umockdev fixtures with `udevadm test`, in a private mount namespace
# so nothing touches the host: /etc/udev/rules.d, /run/udev, /dev and /etc/group are replaced by throwaway
# copies (udevadm test really creates /dev/quay/* links and /run/udev/data files, even under umockdev).
#
# Why this way (systemd 252, Debian 12): `udevadm verify` does not exist before systemd 253 (it is used when
# present); `udevadm test` has no option for another rules directory; under umockdev it reads the fake /sys
# and reports the rule lines it applied (GROUP/MODE/LINK and ENV), though it says "Device node ... is missing,
# skipping handling" because it stats nodes through calls umockdev does not fake. Needs root (unshare -m).
# Usage: scripts/test-udev-rules.sh            exit 0 when every check passed
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
RULES=${QUAY_RULES:-$REPO/udev-rules/70-quay.rules}
FIX=$REPO/Tests/Fixtures/umockdev/discovery
PCI=/sys/devices/pci0000:00/0000:00:14.0/usb1

for tool in udevadm umockdev-run unshare; do
    command -v $tool >/dev/null || { echo "missing $tool (apt-get install udev umockdev util-linux)" >&2; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "needs root for a private mount namespace (unshare -m)" >&2; exit 1; }

if udevadm verify --help >/dev/null 2>&1; then
    udevadm verify --resolve-names=never "$RULES"
    echo "ok: udevadm verify"
else
    echo "note: udevadm $(udevadm --version) has no 'verify' (systemd >= 253); relying on udevadm test below"
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# A keyboard from an unlisted vendor (Logitech 046d) must not be touched.
sed 's/0c2e/046d/g; s/0C2E/046D/g; s/Honeywell/Logitech/g' "$FIX/scanner.umockdev" > "$WORK/keyboard.umockdev"

cat > "$WORK/inner.sh" <<'INNER'
set -e
W=$1 RULES=$2 FIXTURES=$3 DEV=$4
mkdir -p /run/udev && mount -t tmpfs none /run/udev
mount -t tmpfs none /etc/udev/rules.d && cp "$RULES" /etc/udev/rules.d/70-quay.rules
cp /etc/group "$W/group"; grep -q '^quay-scanner:' "$W/group" || echo 'quay-scanner:x:989:' >> "$W/group"
mount --bind "$W/group" /etc/group
mkdir -p "$W/realdev" && mount --rbind /dev "$W/realdev" && mount -t tmpfs none /dev
for n in null zero urandom random full tty; do
    [ -e "$W/realdev/$n" ] && touch /dev/$n && mount --bind "$W/realdev/$n" /dev/$n
done
mkdir -p /dev/pts /dev/shm && mount --rbind "$W/realdev/pts" /dev/pts && mount -t tmpfs none /dev/shm
ln -s pts/ptmx /dev/ptmx
args=""
for f in $FIXTURES; do args="$args -d $f"; done
umockdev-run $args -- udevadm test --action=add "$DEV" 2>&1
INNER

fail=0
run() { # name device fixtures...
    local name=$1 dev=$2; shift 2
    unshare -m --propagation private bash "$WORK/inner.sh" "$WORK" "$RULES" "$*" "$dev" > "$WORK/$name.log" || true
    if grep -qiE 'invalid|failed to parse|unknown group|unknown key' <(grep '70-quay.rules' "$WORK/$name.log"); then
        echo "FAIL $name: udevadm complained about 70-quay.rules"; grep '70-quay.rules' "$WORK/$name.log"; fail=1
    fi
}
expect() { # name pattern description
    if grep -qE -- "$2" "$WORK/$1.log"; then echo "ok: $1: $3"; else echo "FAIL $1: $3 (no /$2/)"; fail=1; fi
}
reject() {
    if grep -qE -- "$2" "$WORK/$1.log"; then echo "FAIL $1: $3 (found /$2/)"; fail=1; else echo "ok: $1: $3"; fi
}

run printer "$PCI/1-2/1-2:1.0/usbmisc/lp0" "$FIX/printer.umockdev"
expect printer '^QUAY_ROLE=printer$' 'lp0 tagged QUAY_ROLE=printer'
expect printer "70-quay.rules:[0-9]+ LINK 'quay/printer-0'" 'lp0 linked as /dev/quay/printer-0'
expect printer '50-udev-default.rules:[0-9]+ GROUP 7$' 'lp0 keeps the default group lp'

run printer_usb "$PCI/1-2" "$FIX/printer.umockdev"
expect printer_usb '70-quay.rules:[0-9]+ MODE 0660' 'printer usb_device (libusb fallback) mode 0660 group lp'

run serial "$PCI/1-4/1-4:1.0/ttyUSB0/tty/ttyUSB0" "$FIX/ch340-tty.umockdev"
expect serial '^QUAY_SERIAL_BRIDGE=ch340$' 'CH340 recognised'
expect serial "LINK 'quay/serial-ttyUSB0'" 'ttyUSB0 linked as /dev/quay/serial-ttyUSB0'
expect serial '50-udev-default.rules:[0-9]+ GROUP 20$' 'ttyUSB0 keeps the default group dialout'

run scanner "$PCI/1-3/1-3:1.0/input/input0/event0" "$FIX/scanner.umockdev"
expect scanner '^QUAY_ROLE=scanner$' 'Honeywell event0 tagged QUAY_ROLE=scanner'
expect scanner '70-quay.rules:[0-9]+ GROUP 989$' 'scanner group quay-scanner'
expect scanner '70-quay.rules:[0-9]+ MODE 0640$' 'scanner mode 0640'
expect scanner "LINK 'quay/scanner-0'" 'event0 linked as /dev/quay/scanner-0'
expect scanner '^LIBINPUT_IGNORE_DEVICE=1$' 'compositors ignore the scanner'
reject scanner '^(CURRENT_)?TAGS=.*:uaccess:' 'scanner not tagged uaccess'

run keyboard "$PCI/1-3/1-3:1.0/input/input0/event0" "$WORK/keyboard.umockdev"
reject keyboard 'QUAY_ROLE' 'a keyboard from another vendor is left alone'
reject keyboard '70-quay.rules:[0-9]+' 'no quay rule applied to the keyboard'
expect keyboard '50-udev-default.rules:[0-9]+ GROUP 105$' 'keyboard keeps group input'

[ -e /dev/quay ] && { echo "FAIL: /dev/quay leaked onto the host"; fail=1; }
if [ $fail = 0 ]; then echo "udev rules: all checks passed"; else echo "udev rules: FAILED (logs were in $WORK)"; fi
exit $fail
