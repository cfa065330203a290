#!/usr/bin/python3
"""A udev-matched board bus unplugged and plugged again, under umockdev, with the real quayd.

Usage: /usr/bin/python3 scripts/sim/boardbus-replug-testbed.py QUAYD CONFIG STATE_DIR
The configuration binds `[[board_bus]] role = "boards"` by `vidpid=1a86:7523` with board 1 on counter q1 (and
board 2 on q2). The testbed has the CH340 bridge of Tests/Fixtures/umockdev/discovery/ch340-tty.umockdev; its
PTY-backed /dev/ttyUSB0 is connected byte for byte to the Modbus board simulator (scripts/sim/modbus_board.py,
pymodbus), which logs every register write it accepts. The script calls a ticket (board 1 must get it), unplugs
the bridge (uevents child first, as the kernel does), calls the next ticket while it is away, then plugs it back.
The bridge comes back as /dev/ttyUSB1 (what the kernel does when the old node is still held open; umockdev 0.17
also cannot create a PTY node twice in one testbed). quayd must bind it by its USB ids again and the board must
show the number called while it was away, then the next call. Prints progress, then "RESULT {json}"; exit 0 when
every check passed.

umockdev 0.17 passes termios through to the PTY but answers other tty ioctls with ENOTTY; quayd takes the port with
TIOCEXCL (exclusive open), so the script answers TIOCEXCL/TIOCNXCL with success, as the kernel's tty layer does.
"""
import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import tty

if 'libumockdev-preload' not in os.environ.get('LD_PRELOAD', ''):
    os.execvp('umockdev-wrapper', ['umockdev-wrapper', '/usr/bin/python3'] + sys.argv)

import gi  # noqa: E402
gi.require_version('UMockdev', '1.0')
from gi.repository import UMockdev  # noqa: E402

QUAYD, CONFIG, STATE = (os.path.abspath(a) for a in sys.argv[1:4])
SOCK = os.path.join(STATE, 'control.sock')
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, '..', '..', 'Tests', 'Fixtures', 'umockdev', 'discovery')
USB = '/sys/devices/pci0000:00/0000:00:14.0/usb1/1-4'
failures, result = [], {}


def check(cond, what):
    print(('ok:   ' if cond else 'FAIL: ') + what, flush=True)
    if not cond:
        failures.append(what)
    return cond


def bridge_paths(tty_name):
    """The bridge's sysfs devices, child first."""
    iface = USB + '/1-4:1.0'
    return [iface + '/%s/tty/%s' % (tty_name, tty_name), iface + '/' + tty_name, iface, USB]


with open(os.path.join(FIXTURES, 'ch340-tty.umockdev')) as f:
    CH340 = f.read()
# The same adapter as ttyUSB1 (tty minor 1); everything else, USB ids included, unchanged.
# (The /dev/serial/by-* links of the first plug stay in the testbed: umockdev does not remove them; leave them out.)
CH340_AGAIN = '\n'.join(ln for ln in CH340.replace('ttyUSB0', 'ttyUSB1').replace('dev=188:0', 'dev=188:1')
                        .replace('MINOR=0\n', 'MINOR=1\n').split('\n') if not ln.startswith('S: '))


class Pump:
    """Copies bytes both ways between the emulated tty's PTY master and the board simulator's link."""

    def __init__(self, link):
        self.link = os.open(link, os.O_RDWR | os.O_NOCTTY)
        tty.setraw(self.link)
        self.master = None
        self.lock = threading.Lock()
        threading.Thread(target=self.run, daemon=True).start()

    def attach(self, master):
        with self.lock:
            self.master = master

    def run(self):
        while True:
            with self.lock:
                master = self.master
            fds = [self.link] + ([master] if master is not None else [])
            for fd in select.select(fds, [], [], 0.05)[0]:
                try:
                    data = os.read(fd, 4096)
                    if fd == self.link and master is not None:
                        os.write(master, data)
                    elif fd == master and data:
                        os.write(self.link, data)
                except OSError:
                    # EIO on the master while no process has the tty open (before quayd opens it, after it
                    # closes it): nothing to copy yet.
                    time.sleep(0.05)


class Client:
    def __init__(self):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.settimeout(15)
        self.s.connect(SOCK)
        self.f = self.s.makefile('r', encoding='utf-8')
        self.n = 0

    def call(self, op, **fields):
        self.n += 1
        self.s.sendall((json.dumps(dict(fields, id=self.n, op=op)) + '\n').encode())
        while True:
            reply = json.loads(self.f.readline())
            if reply.get('id') == self.n:
                return reply


def try_connect():
    try:
        return Client()
    except OSError:
        return None


def wait(pred, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(0.05)
    return None


def board_writes(log):
    try:
        with open(log) as f:
            return [json.loads(ln) for ln in f if ln.strip()]
    except OSError:
        return []


def shows(log, unit, value, after):
    return any(w['unit'] == unit and w['values'] == [value] for w in board_writes(log)[after:])


TIOCEXCL, TIOCNXCL = 0x540C, 0x540D


def on_ioctl(handler, client):
    if client.get_request() not in (TIOCEXCL, TIOCNXCL):
        return False                          # termios and the rest: umockdev's default handling
    client.complete(0, 0)
    return True


def attach(node):
    handler = UMockdev.IoctlBase()
    handler.connect('handle-ioctl', on_ioctl)
    tb.attach_ioctl(node, handler)
    return handler


def boards_state(c):
    devs = {d['role']: d for d in c.call('devices').get('devices', [])}
    return devs.get('boards', {})


tb = UMockdev.Testbed.new()
tb.add_from_string(CH340)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(3))
plain_env = {k: v for k, v in os.environ.items() if k != 'LD_PRELOAD'}
link, log = os.path.join(STATE, 'bus'), os.path.join(STATE, 'writes.jsonl')
board = subprocess.Popen(['/usr/bin/python3', os.path.join(HERE, 'modbus_board.py'), '--link', link, '--units', '1,2',
                          '--log', log], env=plain_env, stdin=subprocess.PIPE)
daemon = None
try:
    check(wait(lambda: os.path.exists(link), 20) is not None, 'board simulator up')
    pump = Pump(link)
    pump.attach(tb.get_dev_fd('/dev/ttyUSB0'))
    handlers = [attach('/dev/ttyUSB0')]
    qlog = open(os.path.join(STATE, 'quayd.log'), 'w')
    daemon = subprocess.Popen([QUAYD, 'run', '--config', CONFIG, '--state-dir', STATE, '--socket', SOCK],
                              env=dict(os.environ, UMOCKDEV_DIR=tb.get_root_dir()), stdout=qlog, stderr=subprocess.STDOUT)
    c = wait(try_connect, 20)
    bound = wait(lambda: boards_state(c) if boards_state(c).get('devnode') == '/dev/ttyUSB0' else None, 10)
    check(bound is not None, 'board bus bound by vidpid=1a86:7523 to /dev/ttyUSB0')
    for _ in range(3):
        c.call('issue', service='hotich')
    c.call('call-next', counter='q1')                                  # A001 on board 1
    check(wait(lambda: shows(log, 1, 1, 0), 10), 'board 1 shows 1 before the unplug')

    for p in bridge_paths('ttyUSB0'):
        tb.uevent(p, 'remove')
    for p in bridge_paths('ttyUSB0'):
        tb.remove_device(p)
    pump.attach(None)
    gone = wait(lambda: boards_state(c).get('state') == 'absent', 10)
    check(gone, 'board bus absent after the unplug (%s)' % boards_state(c))
    c.call('call-next', counter='q1')                                  # A002 while the bridge is away
    time.sleep(0.5)
    before = len(board_writes(log))

    tb.add_from_string(CH340_AGAIN)
    pump.attach(tb.get_dev_fd('/dev/ttyUSB1'))
    handlers.append(attach('/dev/ttyUSB1'))
    for p in reversed(bridge_paths('ttyUSB1')):
        tb.uevent(p, 'add')
    back = wait(lambda: boards_state(c) if boards_state(c).get('devnode') == '/dev/ttyUSB1' else None, 10)
    check(back is not None, 'board bus bound again, by its USB ids, to /dev/ttyUSB1 (%s)' % boards_state(c))
    check(wait(lambda: shows(log, 1, 2, before), 15), 'after the replug board 1 shows 2, called while it was away')
    c.call('call-next', counter='q1')                                  # A003
    check(wait(lambda: shows(log, 1, 3, before), 10), 'board 1 gets the next call (3) after the replug')
    result['writes_after_replug'] = board_writes(log)[before:]
    result['boards'] = boards_state(c)
except Exception as e:  # noqa: BLE001 (any failure is a test failure, reported in RESULT)
    check(False, 'scenario raised %r' % e)
finally:
    if daemon is not None and daemon.poll() is None:
        daemon.send_signal(signal.SIGTERM)
        try:
            daemon.wait(10)
        except subprocess.TimeoutExpired:
            daemon.kill()
    board.stdin.close()
    try:
        board.wait(5)
    except subprocess.TimeoutExpired:
        board.kill()
result['failures'] = failures
result['ok'] = not failures
print('RESULT ' + json.dumps(result), flush=True)
sys.exit(0 if result['ok'] else 1)
