#!/usr/bin/python3
"""Drive quay-devwatch inside a umockdev testbed: a USB printer (usblp lp0), a CH340 serial bridge and a
Honeywell evdev scanner, then hotplug them. Prints the child's JSON lines prefixed with "child: " and, last,
one line "RESULT {json}" that the Swift tests decode; exit status 0 when every check passed.

Usage: /usr/bin/python3 scripts/sim/devwatch-testbed.py SCENARIO DEVWATCH [CYCLES]
  SCENARIO  enumerate | hotplug | soak
  DEVWATCH  path to the built quay-devwatch
  CYCLES    soak only, default 100

umockdev 0.17 facts relied on (see Tests/Fixtures/umockdev/discovery/README.md):
 * Testbed.uevent() only works when this process runs under libumockdev-preload: re-exec via umockdev-wrapper.
 * UMOCKDEV_DIR is set with C setenv: os.environ lacks it, pass it to the child explicitly.
 * remove_device() sends no uevent: send "remove" for child, interface, usb_device first, then remove them.
 * A PTY-backed node can not be created twice: the printer node is file-backed (N: usb/lp0=00) so it can be
   re-plugged; the tty and the scanner are unplugged once and not re-added.
"""
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time

if 'libumockdev-preload' not in os.environ.get('LD_PRELOAD', ''):
    os.execvp('umockdev-wrapper', ['umockdev-wrapper', '/usr/bin/python3'] + sys.argv)

import gi  # noqa: E402
gi.require_version('UMockdev', '1.0')
from gi.repository import UMockdev  # noqa: E402

SCENARIO = sys.argv[1]
DEVWATCH = os.path.abspath(sys.argv[2])
CYCLES = int(sys.argv[3]) if len(sys.argv) > 3 else 100
FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'Tests', 'Fixtures', 'umockdev', 'discovery')

PCI = '/sys/devices/pci0000:00/0000:00:14.0/usb1'
PRINTER = [PCI + '/1-2/1-2:1.0/usbmisc/lp0', PCI + '/1-2/1-2:1.0', PCI + '/1-2']          # child first
SCANNER = [PCI + '/1-3/1-3:1.0/input/input0/event0', PCI + '/1-3/1-3:1.0/input/input0', PCI + '/1-3/1-3:1.0', PCI + '/1-3']
SERIAL = [PCI + '/1-4/1-4:1.0/ttyUSB0/tty/ttyUSB0', PCI + '/1-4/1-4:1.0/ttyUSB0', PCI + '/1-4/1-4:1.0', PCI + '/1-4']

BINDINGS = ['printer-0:printer:class=07/01',
            'serial-0:board:vidpid=1a86:7523',
            'scanner-0:scanner:id_path=pci-0000:00:14.0-usb-0:3:1.0',
            'spare-0:printer:serial=NOT_PLUGGED_IN']
if SCENARIO == 'enumerate':
    # Leave the scanner unbound: it must be listed as unassigned, with a matcher to copy.
    BINDINGS = [b for b in BINDINGS if not b.startswith('scanner-0:')]


def fixture(name):
    with open(os.path.join(FIXTURES, name)) as f:
        return f.read()


PRINTER_DESC = fixture('printer.umockdev').replace('N: usb/lp0\n', 'N: usb/lp0=00\n')

failures = []
lines = []          # every parsed child line, in order


def check(cond, what):
    if not cond:
        failures.append(what)
        print('FAIL:', what, flush=True)
    return cond


tb = UMockdev.Testbed.new()
tb.add_from_string(PRINTER_DESC)
tb.add_from_string(fixture('ch340-tty.umockdev'))
tb.add_from_string(fixture('scanner.umockdev'))

settle = '50' if SCENARIO == 'soak' else '200'
args = [DEVWATCH, '--open', '--settle-ms', settle]
for b in BINDINGS:
    args += ['--bind', b]
env = dict(os.environ, UMOCKDEV_DIR=tb.get_root_dir())
child = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
inbox = queue.Queue()


def reader():
    for raw in child.stdout:
        print('child:', raw.rstrip('\n')[:400], flush=True)
        try:
            inbox.put(json.loads(raw))
        except ValueError:
            inbox.put({'event': 'garbage', 'raw': raw})
    inbox.put(None)


threading.Thread(target=reader, daemon=True).start()


def wait_for(pred, what, timeout=10.0):
    """Consume child lines until pred(line) is true; False (and a failure) on timeout or child exit."""
    end = time.monotonic() + timeout
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return check(False, 'timeout waiting for ' + what)
        try:
            ln = inbox.get(timeout=left)
        except queue.Empty:
            continue
        if ln is None:
            return check(False, 'child exited while waiting for ' + what)
        lines.append(ln)
        if pred(ln):
            return True


def ev(name, role=None, devnode=None):
    return lambda ln: ln.get('event') == name and (role is None or ln.get('role') == role) \
        and (devnode is None or ln.get('devnode') == devnode)


def child_fds():
    try:
        return len(os.listdir('/proc/%d/fd' % child.pid))
    except OSError:
        return -1


def unplug(paths):
    for p in paths:
        tb.uevent(p, 'remove')
    for p in paths:
        tb.remove_device(p)


def count(name, role=None, devnode=None):
    f = ev(name, role, devnode)
    return sum(1 for ln in lines if f(ln))


ready = wait_for(ev('ready'), 'ready')
fds = {'ready': child_fds()}
if ready:
    check(count('attach', 'printer-0', '/dev/usb/lp0') == 1, 'printer-0 attached to /dev/usb/lp0 at start')
    check(count('attach', 'serial-0', '/dev/ttyUSB0') == 1, 'serial-0 attached to /dev/ttyUSB0 at start')
    bound = 2 if SCENARIO == 'enumerate' else 3
    if SCENARIO != 'enumerate':
        check(count('attach', 'scanner-0', '/dev/input/event0') == 1, 'scanner-0 attached to /dev/input/event0 at start')
    else:
        scan = [ln for ln in lines if ln.get('event') == 'unassigned' and ln.get('devnode') == '/dev/input/event0']
        check(len(scan) == 1 and 'id_path=pci-0000:00:14.0-usb-0:3:1.0' in scan[0].get('suggestions', [])
              and 'scanner' in scan[0].get('usableAs', []),
              'unbound scanner listed as unassigned with id_path suggestion')
    check(count('attach', 'spare-0') == 0, 'spare-0 (absent device) not attached')
    check(count('driver-attach') == bound and not any(ln.get('error') for ln in lines if ln.get('event') == 'driver-attach'),
          '%d driver-attach calls, every node opened' % bound)
    unassigned = {ln.get('devnode') for ln in lines if ln.get('event') == 'unassigned'}
    check('/dev/usb/lp0' not in unassigned and '/dev/bus/usb/001/005' not in unassigned,
          'bound printer (and its usb_device) not listed as unassigned')

if ready and SCENARIO == 'hotplug':
    tb.uevent(PRINTER[0], 'change')
    wait_for(ev('change', devnode='/dev/usb/lp0'), 'change event for lp0')
    unplug(PRINTER)
    wait_for(ev('detach', 'printer-0', '/dev/usb/lp0'), 'printer-0 detach after unplug')
    tb.add_from_string(PRINTER_DESC)
    wait_for(ev('attach', 'printer-0', '/dev/usb/lp0'), 'printer-0 attach after replug')
    # Fast replug inside the settle window: the driver must still hear detach then attach (its fd is dead).
    unplug(PRINTER)
    tb.add_from_string(PRINTER_DESC)
    wait_for(ev('attach', 'printer-0', '/dev/usb/lp0'), 'printer-0 attach after fast replug')
    check(count('detach', 'printer-0') == 2, 'fast replug still detached the printer (2 detaches so far)')
    unplug(SCANNER)
    wait_for(ev('detach', 'scanner-0', '/dev/input/event0'), 'scanner-0 detach after unplug')
    unplug(SERIAL)
    wait_for(ev('detach', 'serial-0', '/dev/ttyUSB0'), 'serial-0 detach after unplug')
    check(count('remove', devnode='/dev/usb/lp0') == 2, 'two remove uevents for lp0')
    check(count('detach', 'printer-0') == 2 and count('attach', 'printer-0') == 3, 'printer-0: 3 attaches, 2 detaches')
    check(count('attach', 'printer-0', '/dev/bus/usb/001/005') == 0, 'printer never bound to the raw usb_device')

if ready and SCENARIO == 'soak':
    for i in range(CYCLES):
        unplug(PRINTER)
        if not wait_for(ev('detach', 'printer-0'), 'detach in cycle %d' % (i + 1), 5):
            break
        tb.add_from_string(PRINTER_DESC)
        if not wait_for(ev('attach', 'printer-0', '/dev/usb/lp0'), 'attach in cycle %d' % (i + 1), 5):
            break
        if i == 0:
            fds['cycle1'] = child_fds()
    fds['end'] = child_fds()
    check(count('attach', 'printer-0', '/dev/usb/lp0') == CYCLES + 1, 'printer-0 attached %d times' % (CYCLES + 1))
    # Under heavy load a cycle's events can straddle the settle window and give an extra detach/attach pair:
    # every cycle must detach at least once, and attaches and detaches must balance (checked by the test).
    check(count('driver-detach', 'printer-0') >= CYCLES, 'driver-detach called at least %d times' % CYCLES)
    check(fds.get('cycle1', -1) > 0 and fds['end'] == fds['cycle1'],
          'no leaked descriptors (cycle 1: %s, end: %s)' % (fds.get('cycle1'), fds['end']))
    check(child.poll() is None, 'devwatch still running after the soak')

child.send_signal(signal.SIGTERM)
wait_for(ev('exit'), 'exit line after SIGTERM')
try:
    rc = child.wait(timeout=10)
except subprocess.TimeoutExpired:
    child.kill()
    rc = child.wait()
check(rc == 0, 'devwatch exit status 0 (got %s)' % rc)
if SCENARIO in ('enumerate', 'hotplug'):
    live = {'enumerate': 2, 'hotplug': 1}[SCENARIO]   # roles still attached at SIGTERM
    check(count('driver-detach') == count('detach') and count('driver-attach') == count('attach'),
          'every attach/detach decision reached the driver')
    check(count('attach') - count('detach') == 0, 'SIGTERM detached the %d roles still attached' % live)

result = {
    'scenario': SCENARIO, 'ok': not failures, 'failures': failures, 'rc': rc, 'fds': fds,
    'attach': {r: count('attach', r) for r in ('printer-0', 'serial-0', 'scanner-0', 'spare-0')},
    'detach': {r: count('detach', r) for r in ('printer-0', 'serial-0', 'scanner-0', 'spare-0')},
    'unassigned': sorted(ln.get('devnode') or '' for ln in lines if ln.get('event') == 'unassigned'),
    'uevents': sum(1 for ln in lines if ln.get('event') in ('add', 'remove', 'change')),
}
print('RESULT ' + json.dumps(result, sort_keys=True), flush=True)
del tb
sys.exit(0 if not failures else 1)
