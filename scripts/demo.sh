#!/usr/bin/env bash
# The Quay demo: quayd with the embedded An Bình commune center, a virtual ESC/POS ticket printer (tickets become
# PNG files), a simulated RS-485 bus of LED counter boards, the hall display page, and simulated citizens and
# clerks. Every ten seconds it shows the queue as a clerk sees it and the last printed ticket. Ctrl-C stops it.
set -euo pipefail
bin=${1:-.build/debug}
here=$(cd "$(dirname "$0")" && pwd)
state=$(mktemp -d /tmp/quay-demo.XXXXXX)
export QUAY_SOCKET=$state/control.sock
pids=()
cleanup() {
    # The background loops are subshells: stop what they are running (sleep, quayctl) as well as the loop itself.
    for p in "${pids[@]}"; do pkill -TERM -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    echo; echo "Demo state, tickets and board log kept in $state"
}
trap cleanup EXIT
trap 'exit 130' INT TERM   # the EXIT trap cleans up, once

"$bin/quayd" demo-config > "$state/quayd.toml"

# Virtual printer on a pty: every cut becomes $state/tickets/ticket-N.png
mkdir -p "$state/tickets"
coproc PRINTER { exec /usr/bin/python3 "$here/sim/escpos_printer.py" --pty --out "$state/tickets" --prefix ticket --width 576; }
pids+=("$PRINTER_PID")
exec 8<&"${PRINTER[0]}"
read -r -u 8 kw printer_pty
[ "$kw" = PTY ] || { echo "printer simulator did not start"; exit 1; }
( while read -r -u 8 line; do case $line in PAGE*) echo "   [printer] $line";; esac; done ) &
pids+=($!)
cat >> "$state/quayd.toml" <<CONF

[[printer]]
role = "kiosk-printer"
match = "$printer_pty"
profile = "generic-80"
baud = 115200
flow = "none"
CONF

# Simulated LED boards (Modbus RTU, addresses 1-5) on a socat pty pair.
if [ -x /usr/bin/socat ] && /usr/bin/python3 -c 'import pymodbus' 2>/dev/null; then
    mkfifo "$state/boards.in"
    /usr/bin/python3 "$here/sim/modbus_board.py" --link "$state/bus" --units 1,2,3,4,5 --log "$state/boards.jsonl" < "$state/boards.in" > /dev/null 2>&1 &
    pids+=($!)
    exec 7> "$state/boards.in"   # keeps the simulator's stdin open
    for _ in $(seq 1 50); do [ -e "$state/bus" ] && break; sleep 0.1; done
    cat >> "$state/quayd.toml" <<CONF

[[board_bus]]
role = "boards"
match = "$state/bus"
baud = 9600
model = "generic-4digit"
[board_bus.boards]
q1 = 1
q2 = 2
q3 = 3
q4 = 4
q5 = 5
CONF
fi

# A serial QR scanner at the kiosk, on a socat pty pair: the demo "scans" receipts of ready dossiers into it.
if [ -x /usr/bin/socat ]; then
    /usr/bin/socat pty,raw,echo=0,link="$state/scanner.sim" pty,raw,echo=0,link="$state/scanner" &
    pids+=($!)
    for _ in $(seq 1 50); do [ -e "$state/scanner" ] && [ -e "$state/scanner.sim" ] && break; sleep 0.1; done
    cat >> "$state/quayd.toml" <<CONF

[[scanner]]
role = "kiosk-scanner"
match = "$state/scanner"
kiosk = "main"
CONF
fi

# Voice: every call, recall and results-ready is announced (chime, Vietnamese by espeak-ng, Khmer for Khmer
# tickets from the generated placeholder clip set) and spooled as WAV files a newcomer can play; no sound card
# needed. On a machine with one, add `device = "default"` to a zone to hear it as well.
if [ -x /usr/bin/espeak-ng ]; then
    "$here/voice/make-khmer-placeholder.sh" "$state/voice/km" >/dev/null
    cat >> "$state/quayd.toml" <<CONF

[voice]
enabled = true
engine = "espeak"
number_style = "digits"
khmer = "km-tickets"
clips_km = "$state/voice/km/manifest.toml"
spool_dir = "$state/voice/spool"

[[voice.zone]]
name = "A"
counters = ["q1", "q2", "q3"]

[[voice.zone]]
name = "B"
counters = ["q4", "q5"]
CONF
fi

"$bin/quayd" check-config "$state/quayd.toml"
"$bin/quayd" run --demo --config "$state/quayd.toml" --state-dir "$state/state" --socket "$QUAY_SOCKET" &
pids+=($!)
for _ in $(seq 1 100); do "$bin/quayctl" ping >/dev/null 2>&1 && break; sleep 0.1; done
echo "== quayd is up: $("$bin/quayctl" ping)"
echo "== Hall display: http://127.0.0.1:8080/   Tickets: $state/tickets/   Board writes: $state/boards.jsonl"
echo "== Kiosk touch screen: http://127.0.0.1:8080/kiosk/main   (take a ticket in Tiếng Việt, ភាសាខ្មែរ or English;"
echo "   it prints on the virtual printer: $state/tickets/; the screen's and the printed ticket's QR open its phone page;"
echo "   the kiosk's scanner scans a receipt now and then: the kiosk screen shows its return ticket)"
# A demo clerk for counter 2 (the simulated clerks keep calling at the other counters too).
printf 'demo-2468\n' | "$bin/quayctl" user add demo --role clerk --counters q2 --password-stdin >/dev/null
echo "== Clerk console: http://127.0.0.1:8080/clerk   user: demo   password: demo-2468   (counter 2)"
echo "== Rating screen of counter 2 (after Done, the citizen rates): http://127.0.0.1:8080/rate/q2"
follow=$("$bin/quayctl" raw '{"op":"issue","service":"hotich","language":"km","args":{"follow":true}}' \
    | sed -n 's/.*"follow":"\([A-Za-z0-9_-]*\)".*/\1/p')
[ -n "$follow" ] && echo "== Phone page of a Khmer ticket just taken: http://127.0.0.1:8080/t/$follow"
echo "== In another terminal: export QUAY_SOCKET=$QUAY_SOCKET; $bin/quayctl queue | devices | watch"
echo "== Report of today: $bin/quayctl report --day   (the month as the printable PDF or a spreadsheet:"
echo "   $bin/quayctl report --month $(TZ=Asia/Ho_Chi_Minh date +%Y-%m) --format pdf -o report.pdf   or --format xlsx|png|csv)"
echo "== Report page: http://127.0.0.1:8080/report   (no sign-in while no technician account exists on this loopback-only"
echo "   demo; with one, e.g. quayctl user add kt --role technician, it asks for a technician/admin sign-in)"
echo "== Metrics (Prometheus): http://127.0.0.1:8080/metrics   Health: http://127.0.0.1:8080/healthz"
[ -d "$state/voice" ] && echo "== Announcements: $state/voice/spool/*.wav (play one: aplay FILE or play FILE); try: $bin/quayctl say \"Xin chào\""

# A clerk marks a dossier result-ready; a little later its citizen scans the receipt QR at the kiosk scanner and
# gets a return ticket (printed like the others).
if [ -e "$state/scanner.sim" ]; then
    (
        n=0
        while sleep 25; do
            n=$((n + 1))
            code=$(printf "BN-DEMO-%04d" "$n")
            "$bin/quayctl" dossier create "$code" --procedure 1.001612 --procedure-name "Đăng ký khai sinh" \
                --appointment "$(TZ=Asia/Ho_Chi_Minh date +%F)" --name "Nguyễn Văn Demo" --counter q1 >/dev/null 2>&1 || continue
            "$bin/quayctl" dossier update "$code" result-ready >/dev/null 2>&1 || continue
            sleep 3
            printf '%s\r\n' "$code" > "$state/scanner.sim"
            echo "   [scanner] a citizen scanned receipt $code at the kiosk (quayctl watch --devices shows what quayd did)"
        done
    ) &
    pids+=($!)
fi
while sleep 10; do
    echo; echo "== Queue now (quayctl queue):"; "$bin/quayctl" queue || true
    echo; echo "== Devices (quayctl devices):"; "$bin/quayctl" devices || true
    last=$(ls -t "$state"/tickets/*.png 2>/dev/null | head -1 || true)
    [ -n "$last" ] && echo "== Last printed ticket: $last"
    [ -s "$state/boards.jsonl" ] && echo "== Last board write: $(tail -1 "$state/boards.jsonl")"
    spoken=$(ls -t "$state"/voice/spool/*.wav 2>/dev/null | head -1 || true)
    [ -n "$spoken" ] && echo "== Last announcement: $spoken"
done
