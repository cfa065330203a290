#!/usr/bin/python3
"""Run a program against a umockdev USB printer whose /dev/usb/lp0 is backed by the virtual ESC/POS printer.

The testbed loads Tests/Fixtures/umockdev/printer/usblp-pos58.umockdev (0416:5011, interface 07/01/02 bound to
usblp, /dev/usb/lp0 = 180:0 backed by a PTY). The PTY master is served by escpos_printer.VirtualPrinter, so the
program's bytes are interpreted and drawn to PNG, and DLE EOT / GS a are answered. The usblp LPGETSTATUS
ioctl (0x060b) is answered from the virtual printer's state (0x18 ready, 0x38 paper out).

Usage: /usr/bin/python3 usblp_testbed.py [--out DIR] [--fault paper-out ...] -- PROGRAM ARGS...
The program runs with LD_PRELOAD=libumockdev-preload.so.0 and UMOCKDEV_DIR set. Output: the simulator's event
lines (PAGE, TEXT, QR, STATUS...), then "EXIT <rc>". Exit status: the program's.
Needs umockdev 0.17+, gir1.2-umockdev-1.0, python3-gi (run with /usr/bin/python3, not a pyenv python).
"""
import argparse
import fcntl
import os
import struct
import subprocess
import sys

import gi
gi.require_version('UMockdev', '1.0')
from gi.repository import UMockdev  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import escpos_printer  # noqa: E402

LPGETSTATUS = 0x060b
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURE = os.path.join(ROOT, 'Tests', 'Fixtures', 'umockdev', 'printer', 'usblp-pos58.umockdev')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default='.')
    ap.add_argument('--width', type=int, default=384)
    ap.add_argument('--fault', action='append', default=[])
    ap.add_argument('--fixture', default=FIXTURE)
    ap.add_argument('program', nargs=argparse.REMAINDER)
    a = ap.parse_args()
    prog = a.program[1:] if a.program[:1] == ['--'] else a.program
    if not prog:
        ap.error('give a program after --')
    os.makedirs(a.out, exist_ok=True)

    printer = escpos_printer.VirtualPrinter(a.width, a.out, 'usblp')
    for f in a.fault:
        printer.command(f)

    tb = UMockdev.Testbed.new()
    tb.add_from_file(a.fixture)
    master = tb.get_dev_fd('/dev/usb/lp0')
    if master < 0:
        print('ERROR /dev/usb/lp0 is not PTY-backed in', a.fixture, flush=True)
        return 2
    fcntl.fcntl(master, fcntl.F_SETFL, os.O_NONBLOCK)

    def on_ioctl(handler, client):
        if client.get_request() != LPGETSTATUS:
            return False
        status = 0x18 | (0x20 if printer.paper_out else 0)
        if printer.offline or printer.cover_open:
            status &= ~0x08
        client.get_arg().resolve(0, 4).update(0, struct.pack('i', status))
        client.complete(0, 0)
        return True

    handler = UMockdev.IoctlBase()
    handler.connect('handle-ioctl', on_ioctl)
    tb.attach_ioctl('/dev/usb/lp0', handler)

    env = dict(os.environ, UMOCKDEV_DIR=tb.get_root_dir(), LD_PRELOAD='libumockdev-preload.so.0')
    child = subprocess.Popen(prog, env=env)
    escpos_printer.serve(master, printer, stop=lambda: child.poll() is not None)
    escpos_printer.serve(master, printer, stop=_after(0.3))      # drain what the child wrote last
    rc = child.returncode
    tb.detach_ioctl('/dev/usb/lp0')
    del tb
    print('EXIT', rc, flush=True)
    return rc


def _after(seconds):
    import time
    end = time.monotonic() + seconds
    return lambda: time.monotonic() > end


if __name__ == '__main__':
    sys.exit(main())
