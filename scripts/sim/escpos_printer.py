#!/usr/bin/python3
"""Virtual ESC/POS ticket printer for Quay tests and demos.

Independent of the Swift driver (shares no code with it): it interprets the byte stream the way a printer
does and draws the paper into PNG files, one per cut.

Transports:
  --pty             create a pseudo-terminal and print "PTY <slave path>" (use it as a serial port or as an lp node)
  --input PATH      read a file or FIFO standing in for /dev/usb/lp0 (replies go to --reply PATH if given)
  (library)         serve(fd, printer) on any fd, e.g. the umockdev PTY master in usblp_testbed.py

Interpreted: ESC @, ESC a, ESC E, ESC d, ESC J, ESC t, GS !, GS v 0, GS ( k (QR fn 65/67/69/80/81), GS V,
DLE EOT 1/2/3/4, GS a, printable text + LF. Unknown commands are reported as "UNKNOWN xx" and skipped.

Native text is drawn as one box per character (no font is embedded); each printed line is also reported
on stdout as "TEXT <line>" so tests can check it. Native QR codes are re-encoded with the `qrencode` CLI
(Debian package qrencode) and drawn module by module; without qrencode the sim prints "ERROR qrencode
missing" and draws a crossed box, so any QR test fails loudly.

Commands (stdin lines, or a --control FIFO): paper-near-end, paper-out, paper-ok, cover-open, cover-close,
offline, online, stall, resume, quit. Each is acknowledged with "ACK <command>".
Events on stdout: "PTY <path>", "PAGE <n> <png path> <bytes>", "TEXT <line>", "QR <hex payload>",
"STATUS <n> <hex reply>", "DROPPED <bytes>" (data received while unable to print), "UNKNOWN <hex>".
"""
import argparse
import os
import select
import signal
import shutil
import struct
import subprocess
import sys
import tty
import zlib

LINE_DOTS = 30          # default line spacing (1/6 inch at 180 dpi on most 80 mm printers)
CELL_W, CELL_H = 12, 24  # font A


def say(*parts):
    print(*parts, flush=True)


def write_png(path, rows, width):
    """8-bit greyscale PNG: black dots on white."""
    raw = bytearray()
    for r in rows:
        raw.append(0)
        raw.extend(0 if p else 255 for p in r)
    if not rows:
        raw.extend(b'\x00' + b'\xff' * width)

    def chunk(kind, data):
        c = struct.pack('>I', len(data)) + kind + data
        return c + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)

    hdr = struct.pack('>IIBBBBB', width, max(1, len(rows)), 8, 0, 0, 0, 0)
    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', hdr) + chunk(b'IDAT', zlib.compress(bytes(raw), 6)) + chunk(b'IEND', b''))


def qr_modules(payload, level):
    """Module matrix from the qrencode CLI, or None when it is not installed."""
    exe = shutil.which('qrencode')
    if not exe:
        return None
    out = subprocess.run([exe, '-8', '-l', level, '-m', '0', '-t', 'ASCII', '-o', '-'],
                         input=payload, capture_output=True, check=True).stdout.decode('ascii')
    return [[line[i] == '#' for i in range(0, len(line), 2)] for line in out.splitlines() if line]


class VirtualPrinter:
    def __init__(self, width=576, out_dir='.', prefix='ticket'):
        self.width = width
        self.out_dir = out_dir
        self.prefix = prefix
        self.pages = 0
        self.paper_near_end = self.paper_out = self.cover_open = self.offline = False
        self.asb_mask = 0
        self.replies = bytearray()
        self.dropped = 0
        self.bytes_in = 0
        self._reset_modes()
        self.rows = []
        self._parser = self._parse()
        next(self._parser)

    # ---- state -------------------------------------------------------------------------------------------
    def _reset_modes(self):
        self.align = 0
        self.bold = False
        self.scale_w = self.scale_h = 1
        self.line = bytearray()
        self.qr = {'module': 3, 'level': 'M', 'data': b''}

    def can_print(self):
        return not (self.paper_out or self.cover_open or self.offline)

    def command(self, cmd):
        cmd = cmd.strip()
        flags = {'paper-near-end': ('paper_near_end', True), 'paper-out': ('paper_out', True),
                 'cover-open': ('cover_open', True), 'cover-close': ('cover_open', False),
                 'offline': ('offline', True), 'online': ('offline', False)}
        if cmd == 'paper-ok':
            self.paper_out = self.paper_near_end = False
        elif cmd in flags:
            setattr(self, flags[cmd][0], flags[cmd][1])
        elif cmd not in ('stall', 'resume', 'quit', ''):
            say('ERROR unknown command', cmd)
            return
        if cmd:
            say('ACK', cmd)
        self._auto_status()

    # ---- status ------------------------------------------------------------------------------------------
    def realtime(self, n):
        b = 0x12
        if n == 1 and not self.can_print():
            b |= 0x08
        elif n == 2:
            b |= (0x04 if self.cover_open else 0) | (0x20 if self.paper_out else 0) | (0x40 if self.offline else 0)
        elif n == 4:
            b |= (0x0C if self.paper_near_end else 0) | (0x60 if self.paper_out else 0)
        return b

    def asb_block(self):
        b0 = 0x10 | (0x08 if not self.can_print() else 0) | (0x20 if self.cover_open else 0)
        b2 = (0x03 if self.paper_near_end else 0) | (0x0C if self.paper_out else 0)
        return bytes([b0, 0x00, b2, 0x00])

    def _auto_status(self):
        if self.asb_mask:
            self.replies += self.asb_block()

    # ---- paper -------------------------------------------------------------------------------------------
    def _blank(self, n):
        for _ in range(n):
            self.rows.append(bytearray(self.width))

    def _x0(self, w):
        return {0: 0, 1: max(0, (self.width - w) // 2), 2: max(0, self.width - w)}.get(self.align, 0)

    def _print_line(self):
        text = bytes(self.line)
        self.line = bytearray()
        if not self.can_print():
            self.dropped += len(text)
            return
        say('TEXT', text.decode('latin-1'))
        cw, ch = CELL_W * self.scale_w, CELL_H * self.scale_h
        x0 = self._x0(len(text) * cw)
        top = len(self.rows)
        self._blank(max(LINE_DOTS, ch + 6))
        for i, c in enumerate(text):
            if c == 0x20:
                continue
            left, right = x0 + i * cw + self.scale_w, x0 + (i + 1) * cw - 2 * self.scale_w
            t, b = top + 3, top + 3 + ch - 2
            th = 2 * self.scale_w if self.bold else self.scale_w
            for y in range(t, b):
                row = self.rows[y]
                for x in range(max(0, left), min(self.width, right)):
                    if y - t < th or b - y <= th or x - left < th or right - x <= th:
                        row[x] = 1

    def _raster(self, wbytes, height, data):
        if not self.can_print():
            self.dropped += len(data)
            return
        w = wbytes * 8
        x0 = self._x0(w)
        for y in range(height):
            row = bytearray(self.width)
            for xb in range(wbytes):
                v = data[y * wbytes + xb]
                if not v:
                    continue
                for bit in range(8):
                    x = x0 + xb * 8 + bit
                    if v & (0x80 >> bit) and x < self.width:
                        row[x] = 1
            self.rows.append(row)

    def _qr_print(self):
        payload = self.qr['data']
        if not self.can_print():
            self.dropped += len(payload)
            return
        say('QR', payload.hex())
        m = max(1, self.qr['module'])
        mods = qr_modules(payload, self.qr['level'])
        if mods is None:
            say('ERROR qrencode missing: cannot draw native QR')
            mods = [[x == y or x == 20 - y or x in (0, 20) or y in (0, 20) for x in range(21)] for y in range(21)]
        n = len(mods)
        x0 = self._x0(n * m)
        self._blank(2 * m)
        for row in mods:
            line = bytearray(self.width)
            for i, dark in enumerate(row):
                if dark:
                    for x in range(x0 + i * m, min(self.width, x0 + (i + 1) * m)):
                        line[x] = 1
            for _ in range(m):
                self.rows.append(bytearray(line))
        self._blank(2 * m)

    def _cut(self):
        if self.line:
            self._print_line()
        if not self.rows:
            return
        self.pages += 1
        path = os.path.join(self.out_dir, '%s-%03d.png' % (self.prefix, self.pages))
        write_png(path, self.rows, self.width)
        say('PAGE', self.pages, path, self.bytes_in)
        self.rows = []

    # ---- byte parser (a generator fed one byte at a time) ----------------------------------------------------
    def feed(self, data):
        self.bytes_in += len(data)
        for b in data:
            self._parser.send(b)

    def _take(self, n):
        out = bytearray()
        while len(out) < n:
            out.append((yield))
        return bytes(out)

    def _parse(self):
        while True:
            b = yield
            if b == 0x1B:                                       # ESC
                c = yield
                if c == 0x40:
                    self._reset_modes()
                elif c == 0x61:
                    self.align = (yield) % 3
                elif c == 0x45:
                    self.bold = bool((yield) & 1)
                elif c == 0x64:
                    n = yield
                    if self.line:
                        self._print_line()
                    if self.can_print():
                        self._blank(n * LINE_DOTS)
                elif c == 0x4A:
                    n = yield
                    if self.line:
                        self._print_line()
                    if self.can_print():
                        self._blank(n)
                elif c == 0x74:
                    yield
                else:
                    say('UNKNOWN', bytes([b, c]).hex())
            elif b == 0x1D:                                     # GS
                c = yield
                if c == 0x21:
                    n = yield
                    self.scale_w, self.scale_h = (n >> 4 & 7) + 1, (n & 7) + 1
                elif c == 0x56:
                    m = yield
                    if m in (65, 66):
                        n = yield
                        if self.can_print():
                            self._blank(n)
                    self._cut()
                elif c == 0x61:
                    self.asb_mask = yield
                    self._auto_status()
                elif c == 0x76:
                    hdr = yield from self._take(6)
                    if hdr[0] != 0x30:
                        say('UNKNOWN', bytes([b, c]).hex() + hdr.hex())
                        continue
                    wbytes, height = hdr[2] | hdr[3] << 8, hdr[4] | hdr[5] << 8
                    data = yield from self._take(wbytes * height)
                    self._raster(wbytes, height, data)
                elif c == 0x28:
                    k = yield
                    lo = yield
                    hi = yield
                    body = yield from self._take(lo | hi << 8)
                    if k != 0x6B or len(body) < 2 or body[0] != 0x31:
                        say('UNKNOWN', bytes([b, c, k]).hex())
                        continue
                    fn = body[1]
                    if fn == 0x43 and len(body) >= 3:
                        self.qr['module'] = body[2]
                    elif fn == 0x45 and len(body) >= 3:
                        self.qr['level'] = {48: 'L', 49: 'M', 50: 'Q', 51: 'H'}.get(body[2], 'M')
                    elif fn == 0x50:
                        self.qr['data'] = body[3:]
                    elif fn == 0x51:
                        self._qr_print()
                else:
                    say('UNKNOWN', bytes([b, c]).hex())
            elif b == 0x10:                                     # DLE
                c = yield
                if c == 0x04:
                    n = yield
                    r = self.realtime(n)
                    self.replies.append(r)
                    say('STATUS', n, '%02x' % r)
                else:
                    say('UNKNOWN', bytes([b, c]).hex())
            elif b == 0x0A:
                self._print_line()
            elif b == 0x0D:
                pass
            elif 0x20 <= b < 0x7F or b >= 0x80:
                self.line.append(b)
            else:
                say('UNKNOWN', '%02x' % b)


SAME = object()


def serve(fd, printer, control_fds=(), reply_fd=SAME, stop=None):
    """Runs the printer on `fd` until a 'quit' command or `stop()` returns true. Replies go to `fd`
    unless `reply_fd` is given (None: discard them)."""
    reply_fd = fd if reply_fd is SAME else reply_fd
    stalled = False
    buffers = {c: b'' for c in control_fds}
    while not (stop and stop()):
        watch = list(control_fds) + ([] if stalled else [fd])
        ready = select.select(watch, [], [], 0.05)[0] if watch else []
        for c in control_fds:
            if c not in ready:
                continue
            chunk = os.read(c, 4096)
            if not chunk and c == sys.stdin.fileno():
                return
            buffers[c] += chunk
            while b'\n' in buffers[c]:
                line, buffers[c] = buffers[c].split(b'\n', 1)
                cmd = line.decode('utf-8', 'replace').strip()
                if cmd == 'stall':
                    stalled = True
                elif cmd == 'resume':
                    stalled = False
                printer.command(cmd)
                if cmd == 'quit':
                    return
        if fd in ready and not stalled:
            try:
                data = os.read(fd, 65536)
            except BlockingIOError:
                data = None
            except OSError:                     # EIO: no client has the pty slave open
                data = None
            if data:
                printer.feed(data)
        if printer.replies and reply_fd is None:
            printer.replies.clear()
        if printer.replies and not stalled:
            try:
                n = os.write(reply_fd, bytes(printer.replies))
                del printer.replies[:n]
            except (BlockingIOError, OSError):
                pass
        if printer.dropped:
            say('DROPPED', printer.dropped)
            printer.dropped = 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--pty', action='store_true')
    ap.add_argument('--input')
    ap.add_argument('--reply')
    ap.add_argument('--control')
    ap.add_argument('--out', default='.')
    ap.add_argument('--prefix', default='ticket')
    ap.add_argument('--width', type=int, default=576)
    a = ap.parse_args()
    # A parent may have SIGTERM blocked or ignored (inherited across exec): make it terminate us again.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.makedirs(a.out, exist_ok=True)
    printer = VirtualPrinter(a.width, a.out, a.prefix)
    controls = [sys.stdin.fileno()]
    if a.control:
        if not os.path.exists(a.control):
            os.mkfifo(a.control)
        controls.append(os.open(a.control, os.O_RDWR | os.O_NONBLOCK))
    if a.pty:
        master, slave = os.openpty()
        tty.setraw(slave)                       # no newline translation, no echo
        os.set_blocking(master, False)
        say('PTY', os.ttyname(slave))
        # Keep the slave open ourselves so the master never sees a hangup between client sessions.
        serve(master, printer, controls)
    elif a.input:
        if not os.path.exists(a.input):
            os.mkfifo(a.input)
        fd = os.open(a.input, os.O_RDWR | os.O_NONBLOCK)
        reply = os.open(a.reply, os.O_RDWR | os.O_NONBLOCK | os.O_CREAT) if a.reply else -1
        say('INPUT', a.input)
        serve(fd, printer, controls, reply_fd=reply if reply >= 0 else None)
    else:
        ap.error('give --pty or --input')


if __name__ == '__main__':
    main()
