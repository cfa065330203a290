#!/usr/bin/python3
"""Run the real quayd inside a umockdev testbed (USB printer with usblp lp0, CH340 serial bridge, Honeywell evdev
scanner) and check discovery, binding and hotplug through the control socket while tickets are issued.
Prints progress lines and, last, "RESULT {json}" for the Swift test; exit status 0 when every check passed.

Usage: /usr/bin/python3 scripts/sim/quayd-testbed.py QUAYD CONFIG STATE_DIR [CYCLES]
  The configuration must bind printer-0 with a matcher (class=07/01) to a profile without status replies (the
  file-backed lp0 cannot answer DLE EOT) and a board bus "boards" with vidpid=1a86:7523; the scanner stays unbound.

umockdev 0.17 facts relied on: see scripts/sim/devwatch-testbed.py and Tests/Fixtures/umockdev/discovery/README.md.
"""
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

if 'libumockdev-preload' not in os.environ.get('LD_PRELOAD', ''):
    os.execvp('umockdev-wrapper', ['umockdev-wrapper', '/usr/bin/python3'] + sys.argv)

import gi  # noqa: E402
gi.require_version('UMockdev', '1.0')
from gi.repository import UMockdev  # noqa: E402

QUAYD, CONFIG, STATE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
CYCLES = int(sys.argv[4]) if len(sys.argv) > 4 else 20
SOCK = os.path.join(STATE, 'control.sock')
FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'Tests', 'Fixtures', 'umockdev', 'discovery')
PCI = '/sys/devices/pci0000:00/0000:00:14.0/usb1'
PRINTER = [PCI + '/1-2/1-2:1.0/usbmisc/lp0', PCI + '/1-2/1-2:1.0', PCI + '/1-2']  # child first

failures = []
result = {}


def check(cond, what):
    print(('ok:   ' if cond else 'FAIL: ') + what, flush=True)
    if not cond:
        failures.append(what)
    return cond


def fixture(name):
    with open(os.path.join(FIXTURES, name)) as f:
        return f.read()


PRINTER_DESC = fixture('printer.umockdev').replace('N: usb/lp0\n', 'N: usb/lp0=00\n')
tb = UMockdev.Testbed.new()
tb.add_from_string(PRINTER_DESC)
tb.add_from_string(fixture('ch340-tty.umockdev'))
tb.add_from_string(fixture('scanner.umockdev'))
LP0 = os.path.join(tb.get_root_dir(), 'dev', 'usb', 'lp0')

# SIGTERM from the test harness: leave through `finally` so quayd is stopped too.
signal.signal(signal.SIGTERM, lambda *_: sys.exit(3))
log = open(os.path.join(STATE, 'quayd.log'), 'w')
env = dict(os.environ, UMOCKDEV_DIR=tb.get_root_dir())
daemon = subprocess.Popen([QUAYD, 'run', '--config', CONFIG, '--state-dir', STATE, '--socket', SOCK],
                          env=env, stdout=log, stderr=subprocess.STDOUT)


class Client:
    def __init__(self):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.settimeout(15)
        self.s.connect(SOCK)
        self.f = self.s.makefile('r', encoding='utf-8')
        self.n = 0

    def call(self, op, **fields):
        self.n += 1
        req = dict(fields, id=self.n, op=op)
        self.s.sendall((json.dumps(req) + '\n').encode())
        while True:
            reply = json.loads(self.f.readline())
            if reply.get('id') == self.n:
                return reply


def wait(pred, timeout=10.0, step=0.05):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(step)
    return None


def devices(c):
    return {d['role']: d for d in c.call('devices').get('devices', [])}


def unplug_printer():
    for p in PRINTER:
        tb.uevent(p, 'remove')
    for p in PRINTER:
        tb.remove_device(p)


def daemon_fds():
    try:
        return len(os.listdir('/proc/%d/fd' % daemon.pid))
    except OSError:
        return -1


def daemon_fd_targets():
    out = []
    try:
        for fd in os.listdir('/proc/%d/fd' % daemon.pid):
            try:
                out.append(os.readlink('/proc/%d/fd/%s' % (daemon.pid, fd)))
            except OSError:
                pass
    except OSError:
        pass
    return sorted(out)


def lp0_size():
    try:
        return os.path.getsize(LP0)
    except OSError:
        return -1


try:
    check(wait(lambda: os.path.exists(SOCK), 20) is not None, 'quayd control socket appears')
    c = Client()
    first = c.call('ping')
    result['ping'] = first
    # Enumeration at start binds the printer to usblp and the board bus to the CH340 tty.
    devs = wait(lambda: (lambda d: d if d.get('printer-0', {}).get('devnode') == '/dev/usb/lp0' else None)(devices(c)), 10)
    devs = devs or devices(c)
    result['devices_start'] = devs
    check(devs.get('printer-0', {}).get('devnode') == '/dev/usb/lp0' and devs['printer-0'].get('state') == 'ready',
          'printer-0 bound by class=07/01 to /dev/usb/lp0, ready')
    check(devs.get('boards', {}).get('devnode') == '/dev/ttyUSB0', 'board bus bound by vidpid=1a86:7523 to /dev/ttyUSB0')
    un = c.call('devices', args={'unassigned': True})
    body = un
    listed = [u for u in body.get('unassigned', []) if u['device'].get('devnode') == '/dev/input/event0']
    result['unassigned'] = [u['device'].get('devnode') for u in body.get('unassigned', [])]
    check(len(listed) == 1 and 'id_path=pci-0000:00:14.0-usb-0:3:1.0' in listed[0].get('suggestions', [])
          and 'scanner' in listed[0].get('usableAs', []), 'unbound scanner listed as unassigned with an id_path matcher')
    check('/dev/usb/lp0' not in result['unassigned'], 'bound printer not listed as unassigned')

    # A ticket prints through usblp.
    before = lp0_size()
    t1 = c.call('issue', service='hotich')
    result['issue1'] = t1
    check(t1.get('ok') is True, 'ticket issued with the printer plugged in')
    printed = t1.get('print') or {}
    check(printed.get('ok') is True and printed.get('printer') == 'printer-0', 'ticket printed on printer-0')
    check(wait(lambda: lp0_size() > before + 500, 5) is not None, 'ticket bytes reached /dev/usb/lp0 (%d -> %d)' % (before, lp0_size()))
    with open(LP0, 'rb') as f:
        data = f.read()
    check(b'\x1b@' in data and b'\x1dv0' in data, 'ESC @ and GS v 0 raster in what the printer received')

    # Unplug: the role goes absent, a kiosk issue is refused before a number is taken.
    unplug_printer()
    check(wait(lambda: devices(c).get('printer-0', {}).get('state') == 'absent', 10) is not None, 'printer-0 absent after unplug')
    t2 = c.call('issue', service='hotich')
    result['issue_unplugged'] = t2
    check(t2.get('ok') is False and str(t2.get('error', {}).get('code', '')).startswith('printer-'),
          'issue refused with a printer-* error while unplugged (%s)' % t2.get('error', {}).get('code'))
    check(bool(t2.get('error', {}).get('citizen', {}).get('km')), 'refusal carries Khmer text for the citizen')

    # Replug: ready again without a restart; numbering continues (the refused issue took no number).
    tb.add_from_string(PRINTER_DESC)
    check(wait(lambda: devices(c).get('printer-0', {}).get('state') == 'ready', 10) is not None, 'printer-0 ready after replug')
    t3 = c.call('issue', service='hotich')
    check(t3.get('ok') is True and (t3.get('print') or {}).get('ok') is True, 'ticket printed after replug')
    n1 = (t1.get('ticket') or {}).get('number')
    n3 = (t3.get('ticket') or {}).get('number')
    check((n1, n3) == ('A001', 'A002'), 'numbers A001 then A002 (got %s, %s)' % (n1, n3))

    # Soak: replug cycles while another client issues tickets continuously (no printer precheck in between).
    issued, errors, stop = [], [], threading.Event()

    def issuer():
        ic = Client()
        started.set()
        while not stop.is_set():
            r = ic.call('issue', service='datdai')
            if r.get('ok'):
                issued.append(r['ticket']['number'])
            else:
                errors.append(r.get('error', {}).get('code'))
            time.sleep(0.01)
        ic.f.close()
        ic.s.close()

    started = threading.Event()
    th = threading.Thread(target=issuer, daemon=True)
    th.start()
    started.wait(10)
    fds = {}
    done = 0
    for i in range(CYCLES):
        unplug_printer()
        if not wait(lambda: devices(c).get('printer-0', {}).get('state') == 'absent', 10):
            check(False, 'absent in cycle %d' % (i + 1))
            break
        tb.add_from_string(PRINTER_DESC)
        if not wait(lambda: devices(c).get('printer-0', {}).get('state') == 'ready', 10):
            check(False, 'ready in cycle %d' % (i + 1))
            break
        done += 1
        if i == 0:
            fds['cycle1'] = daemon_fds()
            targets1 = daemon_fd_targets()
    stop.set()
    th.join(10)
    # The issuer's connection is closed now: the daemon's count settles back (transient descriptors such as a
    # connection being torn down get a moment to go).
    base = fds.get('cycle1', -1) - 1
    fds['end'] = wait(lambda: (lambda n: n if n <= base else None)(daemon_fds()), 3) or daemon_fds()
    if fds['end'] != fds.get('cycle1'):
        t_end = daemon_fd_targets()
        if os.environ.get('QUAY_TESTBED_DEBUG'):
            out = subprocess.run(['ss', '-xpa'], capture_output=True, text=True).stdout
            print('\n'.join(ln for ln in out.splitlines() if 'pid=%d,' % os.getpid() in ln or 'pid=%d,' % daemon.pid in ln))
        result['fd_diff'] = {'gone': [t for t in targets1 if t not in t_end], 'new': [t for t in t_end if t not in targets1]}
    result['cycles'] = done
    result['fds'] = fds
    result['soak_issued'] = len(issued)
    check(done == CYCLES, '%d unplug/replug cycles completed' % CYCLES)
    check(daemon.poll() is None, 'quayd still running after the soak')
    check(fds.get('cycle1', -1) > 0 and fds['end'] <= base,
          'no leaked descriptors (cycle 1: %s, end: %s)' % (fds.get('cycle1'), fds['end']))
    check(len(issued) > 0, 'tickets kept being issued during the soak (%d)' % len(issued))
    # The B queue has no printer precheck issue in its path only if printing is by kiosk; here every issue is
    # checked: refusals while unplugged are expected, never duplicates or gaps among the numbers that were issued.
    seqs = [int(n[1:]) for n in issued]
    check(len(seqs) == len(set(seqs)), 'no duplicate numbers during the soak')
    check(seqs == list(range(1, len(seqs) + 1)), 'numbers consecutive from B001 during the soak')
    result['soak_refusals'] = sorted(set(e for e in errors if e))
    check(all(str(e).startswith('printer-') for e in errors), 'the only refusals were printer-* (%s)' % result['soak_refusals'])
    final = devices(c)
    check(final.get('printer-0', {}).get('state') == 'ready', 'printer-0 ready at the end')
except Exception as e:  # noqa: BLE001
    check(False, 'exception: %r' % (e,))
finally:
    if daemon.poll() is None:
        daemon.terminate()
        try:
            daemon.wait(15)
        except subprocess.TimeoutExpired:
            daemon.kill()
            check(False, 'quayd did not stop on SIGTERM')
    result['rc'] = daemon.returncode
    log.close()
    with open(os.path.join(STATE, 'quayd.log')) as f:
        tail = f.read()[-3000:]
    if failures:
        print(tail)

result['ok'] = not failures
result['failures'] = failures
print('RESULT ' + json.dumps(result), flush=True)
sys.exit(0 if result['ok'] else 1)
