#!/usr/bin/env python3
"""Protocol fuzzer: drives a real quayd over its control socket with mutated requests from every role.

Usage: python3 scripts/fuzz/protocol_fuzz.py [--quayd .build/debug/quayd] [--seconds 60] [--seed N]
                                             [--latency-budget-ms 50] [--no-latency-gate] [--out DIR]

It starts quayd with a throwaway configuration (the demo center, web page off, socket mode 0666, [access] with
default_role "none" and grants for test uids), then runs one client per role, each in its own process under its own
uid (setpriv --reuid/--regid --clear-groups; needs root):

    none        uid 65530 (no grant)          kiosk       uid 65531
    clerk       uid 65532, counters ["q2"]    technician  uid 65533
    admin       this process (root: always admin)

Each client sends mutations of the request lines documented in docs/protocol.md: bytes flipped, inserted and
deleted; values replaced by huge/negative/1e300/-1e19/NaN-like numbers, long strings, \\u0000 escapes, wrong types;
unknown ops; deep nesting ([[[[... up to 64 KiB); invalid UTF-8. Every line is at most 64 KiB (the protocol's line
limit) and has no newline inside. A canary client (admin) sends `ping` every 10 ms the whole time.

Measured: executions (requests answered), quayd crashes (the process exited), stalls (no reply within --timeout),
the slowest single reply, and the canary's slowest ping. The summary is printed as ONE JSON line on stdout (progress
goes to stderr). On a crash or stall the requests in flight and each role's recent requests are saved under --out
(default .build-fuzz/protocol/<timestamp>/) with the tail of quayd's log.

Exit status: 0 all good; 1 quayd crashed or stalled; 3 a reply or a canary ping took longer than the latency
budget (unless --no-latency-gate); 2 the harness itself failed (could not start quayd or the clients).
"""
import argparse
import collections
import json
import os
import random
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
MAX_LINE = 65535  # bytes before the newline: the whole line stays within 64 KiB
ROLES = [  # name, uid (None: this process), expected reply to ping
    ('none', 65530, 'forbidden'),
    ('kiosk', 65531, 'ok'),
    ('clerk', 65532, 'ok'),
    ('technician', 65533, 'ok'),
    ('admin', None, 'ok'),
]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------------------
# The client run per role (as that role's uid): reads framed requests on stdin, sends each as one line, answers
# with one JSON line per request on stdout: {"ev": "ok"|"eof"|"timeout"|"connect-failed", "us": latency, "reply": …}.
CLIENT = r'''
import json, socket, struct, sys, time
SOCK, TIMEOUT = sys.argv[1], float(sys.argv[2])
def connect():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(TIMEOUT)
    s.connect(SOCK)
    return s
def out(d):
    sys.stdout.write(json.dumps(d) + "\n"); sys.stdout.flush()
s, buf = None, b""
try:
    s = connect()
except OSError as e:
    out({"ev": "connect-failed", "err": str(e)}); sys.exit(0)
out({"ev": "ready"})
inp = sys.stdin.buffer
while True:
    hdr = inp.read(4)
    if len(hdr) < 4:
        break
    n = struct.unpack(">I", hdr)[0]
    if n == 0xFFFFFFFF:  # reconnect (after watch, which turns a connection into a stream)
        try: s.close()
        except OSError: pass
        try: s, buf = connect(), b""; out({"ev": "reconnected"})
        except OSError as e: out({"ev": "connect-failed", "err": str(e)})
        continue
    line = inp.read(n)
    res = None
    for attempt in range(2):
        t0 = time.perf_counter()
        got_any = False
        try:
            s.sendall(line + b"\n")
            while b"\n" not in buf:
                d = s.recv(1 << 20)
                if not d:
                    raise EOFError()
                got_any = True
                buf += d
            reply, buf = buf.split(b"\n", 1)
            us = int((time.perf_counter() - t0) * 1e6)
            try:
                r = json.loads(reply)
                code = "ok" if r.get("ok") is True else (r.get("error") or {}).get("code", "error-without-code")
            except ValueError:
                code = "unparsable-reply"
            res = {"ev": "ok", "us": us, "code": code, "retried": attempt > 0, "reply": reply[:300].decode("utf-8", "replace")}
            break
        except socket.timeout:
            res = {"ev": "timeout", "us": int((time.perf_counter() - t0) * 1e6)}
            break
        except (EOFError, BrokenPipeError, ConnectionResetError, OSError) as e:
            res = {"ev": "eof", "err": type(e).__name__}
            # The server closed the connection (e.g. after line-too-long): reconnect and send again, once.
            try: s.close()
            except OSError: pass
            buf = b""
            try:
                s = connect()
            except OSError as e2:
                res = {"ev": "connect-failed", "err": str(e2)}
                break
            if got_any:
                break
    out(res)
'''


# ---------------------------------------------------------------------------------------------------------------
# Inputs.
def documented_requests():
    """The request lines of docs/protocol.md (the fuzzer's seeds)."""
    seeds = []
    with open(os.path.join(ROOT, 'docs', 'protocol.md'), encoding='utf-8') as f:
        for line in f:
            if '"op":' not in line:
                continue
            i = line.find('{"id"')
            if i < 0:
                continue
            r = line[i:].rstrip()
            if r.endswith('\\r'):
                r = r[:-2]
            r = r.rstrip('`').rstrip()
            if r.endswith('}') and r not in seeds:
                seeds.append(r)
    return seeds


OPS = ['ping', 'version', 'config', 'queue', 'issue', 'i18n-status', 'call-next', 'recall', 'start-serving', 'done',
       'no-show', 'return', 'transfer', 'counter', 'counters', 'stats', 'devices', 'reload', 'issue-return',
       'results-ready', 'dossier-create', 'dossier-update', 'dossier-get', 'dossier-stats', 'dossier-outbox',
       'device-test', 'device-identify', 'print-test', 'preview', 'reprint', 'history']
# Never sent: watch turns the connection into a stream (handled by the reconnect command if a mutation makes one).
FIELDS = ['id', 'op', 'service', 'priority', 'language', 'counter', 'ticket', 'toService', 'toCounter', 'state',
          'devices', 'role', 'args']


def evil_value(rng, room):
    """Raw JSON text (valid or not) of a hostile value, at most about `room` bytes."""
    room = max(16, room)
    k = rng.randrange(24)
    if k == 0: return '9' * rng.randint(19, min(room, 5000))          # integer beyond Int64
    if k == 1: return '-9223372036854775809'
    if k == 2: return '1e300'
    if k == 3: return '-1e19'
    if k == 4: return rng.choice(['NaN', '-NaN', 'Infinity', '-Infinity', 'nan', 'inf', '1e400', '-1e-400', '-0', '0e99999'])
    if k == 5: return '"' + 'A' * rng.randint(1, max(1, room - 2)) + '"'  # long string
    if k == 6: return '"' + '\\u0000' * rng.randint(1, max(1, min(room // 6, 2000))) + '"'
    if k == 7: return rng.choice(['"\\ud800"', '"\\udfff\\ud800"', '"\\u"', '"\\x41"', '"\\', '"\x00"'])
    if k == 8: return rng.choice(['true', 'false', 'null', '[]', '{}', '""', '[null]', '{"":null}'])
    if k == 9:  # deep array nesting
        d = rng.randint(1, max(1, room // 2))
        return '[' * d + (']' * d if rng.random() < 0.5 else '')
    if k == 10:  # deep object nesting
        d = rng.randint(1, max(1, room // 6))
        return '{"a":' * d + '1' + ('}' * d if rng.random() < 0.5 else '')
    if k == 11: return str(rng.randint(-2**70, 2**70))
    if k == 12: return repr(rng.uniform(-1e308, 1e308))
    if k == 13: return '"' + rng.choice(OPS) + '"'
    if k == 14: return '"' + ''.join(rng.choice('abcxyz-_.') for _ in range(rng.randint(1, 40))) + '"'
    if k == 15: return '{' + ','.join('"k%d":%d' % (i, i) for i in range(rng.randint(1, max(1, room // 12)))) + '}'
    if k == 16: return '[' + ','.join('1' for _ in range(rng.randint(1, max(1, room // 2)))) + ']'
    if k == 17: return '"\u1ea0\u17a2\U0001F600"'  # Vietnamese, Khmer, emoji
    if k == 18: return '0x10'
    if k == 19: return '1.' + '0' * rng.randint(1, min(room, 10000))
    if k == 20: return '"' + '\\"' * rng.randint(1, max(1, room // 2 - 1)) + '"'
    if k == 21: return '"q2"'
    if k == 22: return str(rng.choice([0, -1, 1, 2**31, 2**32, 2**53 + 1, 2**63 - 1, -2**63, 2**64]))
    return rng.choice(['"vi"', '"km"', '"en"', '"open"', '"closed"', '"paused"', '"hotich"', '"A001"'])


def mutate(rng, seeds):
    """One request line (bytes, no newline, at most MAX_LINE)."""
    base = rng.choice(seeds)
    kind = rng.randrange(10)
    if kind <= 2:  # byte-level mutations of a documented request
        b = bytearray(base.encode())
        for _ in range(rng.randint(1, 8)):
            op = rng.randrange(3)
            pos = rng.randrange(len(b) + 1)
            if op == 0 and b:
                b[min(pos, len(b) - 1)] ^= 1 << rng.randrange(8)
            elif op == 1:
                b[pos:pos] = bytes([rng.randrange(256)]) if rng.random() < 0.7 else rng.choice([b'{', b'[', b'"', b'\\', b'\xff', b'\xc3', b'\x00'])
            elif b:
                del b[min(pos, len(b) - 1)]
        line = bytes(b)
    elif kind <= 5:  # a field replaced (or added) with a hostile value
        try:
            obj = json.loads(base)
        except ValueError:
            obj = {'id': 1, 'op': 'ping'}
        key = rng.choice(list(obj.keys()) + FIELDS + ['args'])
        obj[key] = '\x00PLACEHOLDER\x00'
        text = json.dumps(obj, ensure_ascii=False)
        room = MAX_LINE - len(text.encode())
        if key == 'args' and rng.random() < 0.5:
            val = '{"' + rng.choice(['kiosk', 'code', 'path', 'unassigned', 'x']) + '":' + evil_value(rng, room - 20) + '}'
        else:
            val = evil_value(rng, room)
        line = text.replace('"\\u0000PLACEHOLDER\\u0000"', val).encode()
    elif kind == 6:  # an unknown or random op with random fields
        obj = {'id': rng.randint(-5, 10**6), 'op': rng.choice(OPS) if rng.random() < 0.6 else
               ''.join(rng.choice('abcdefghijklmnopqrstuvwxyz-') for _ in range(rng.randint(0, 30)))}
        for f in rng.sample(FIELDS[2:], rng.randint(0, 5)):
            obj[f] = rng.choice(['q1', 'q2', 'q3', 'hotich', 'A001', 'km', 'open', True, 5, None, [], {}])
        line = json.dumps(obj).encode()
    elif kind == 7:  # deep nesting, alone or inside a request, up to the line limit
        d = rng.choice([64, 512, 513, 1000, 4096, 20000, MAX_LINE // 2, MAX_LINE - 40])
        opener = rng.choice(['[', '{"a":'])
        body = opener * (d // len(opener))
        line = (body if rng.random() < 0.5 else '{"id":1,"op":"issue","args":{"x":' + body)[:MAX_LINE].encode()
    elif kind == 8:  # invalid UTF-8 / control bytes in strings
        bad = rng.choice([b'\xff', b'\xc3\x28', b'\xed\xa0\x80', b'\xf4\x90\x80\x80', b'\x00', b'\x1b[2J', b'\xc0\xaf'])
        line = ('{"id":1,"op":"issue","service":"').encode() + bad * rng.randint(1, 100) + b'"}'
    else:  # wrong types for every field of a documented request
        try:
            obj = json.loads(base)
        except ValueError:
            obj = {'id': 1, 'op': 'ping'}
        for k in list(obj.keys()):
            if rng.random() < 0.5:
                obj[k] = rng.choice([[obj[k]], {'v': obj[k]}, 3.5, -1, True, None, str(obj[k]) * 3])
        line = json.dumps(obj).encode()
    line = line.replace(b'\n', b' ')[:MAX_LINE]
    if not line.strip(b' \t'):
        line = b'x'  # a blank line gets no reply by design
    return line


def nesting_depth(line):
    """Deepest [ / { nesting outside strings (roughly, as a JSON parser would see it)."""
    depth = deepest = 0
    in_str = esc = False
    for b in line:
        if in_str:
            if esc:
                esc = False
            elif b == 0x5C:
                esc = True
            elif b == 0x22:
                in_str = False
        elif b == 0x22:
            in_str = True
        elif b in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif b in (0x5D, 0x7D):
            depth = max(0, depth - 1)
    return deepest


# ---------------------------------------------------------------------------------------------------------------
class Client:
    """One role's client process."""

    def __init__(self, role, uid, sock, timeout):
        self.role, self.uid = role, uid
        script = os.path.join(os.path.dirname(sock), 'client.py')
        cmd = ['/usr/bin/python3', script, sock, str(timeout)]
        if uid is not None:
            cmd = ['setpriv', '--reuid=%d' % uid, '--regid=%d' % uid, '--clear-groups'] + cmd
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        first = self._read()
        if not first or first.get('ev') != 'ready':
            raise RuntimeError('client %s (uid %s) did not start: %r' % (role, uid, first))
        self.recent = collections.deque(maxlen=50)
        self.in_flight = None

    def _read(self):
        line = self.proc.stdout.readline()
        return json.loads(line) if line else None

    def request(self, line):
        self.in_flight = line
        self.recent.append(line)
        self.proc.stdin.write(struct.pack('>I', len(line)) + line)
        self.proc.stdin.flush()
        res = self._read()
        self.in_flight = None if res and res.get('ev') == 'ok' else line
        return res

    def reconnect(self):
        self.proc.stdin.write(struct.pack('>I', 0xFFFFFFFF))
        self.proc.stdin.flush()
        return self._read()

    def close(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def write_config(path, sock, state):
    out = subprocess.run([ARGS.quayd, 'demo-config'], capture_output=True, text=True, check=True).stdout
    # Keep the demo center; replace [access] and [web] (always the last tables) with the fuzzer's.
    out = out[:out.index('[access]')]
    out = out.replace('[center]', '[paths]\nsocket_mode = "0666"\n\n[center]', 1)
    out += '''
[access]
default_role = "none"
[[access.grant]]
uid = 65531
role = "kiosk"
[[access.grant]]
uid = 65532
role = "clerk"
counters = ["q2"]
[[access.grant]]
uid = 65533
role = "technician"

[web]
enabled = false
'''
    with open(path, 'w') as f:
        f.write(out)


def code_of(res):
    return res.get('code', 'no-reply') if res and res.get('ev') == 'ok' else repr(res)


def main():
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--quayd', default=os.path.join(ROOT, '.build', 'debug', 'quayd'))
    ap.add_argument('--seconds', type=float, default=60)
    ap.add_argument('--seed', type=int, default=None)
    ap.add_argument('--timeout', type=float, default=5.0, help='seconds without a reply that count as a stall')
    ap.add_argument('--latency-budget-ms', type=float, default=50.0)
    ap.add_argument('--no-latency-gate', action='store_true', help='report slow replies but do not fail on them')
    ap.add_argument('--strict-latency', action='store_true', help='fail on any single reply or ping over the budget')
    ap.add_argument('--rate', type=float, default=100.0,
                    help='requests per second per role client (0: as fast as possible); the default keeps a 2-core '
                         'machine from being saturated by the fuzzer itself, so latency measures quayd')
    ap.add_argument('--out', default=None)
    ap.add_argument('--max-nesting', type=int, default=None,
                    help='only send lines nested at most this deep (to look past a known deep-nesting crash)')
    ap.add_argument('--keep-going', action='store_true',
                    help='after a crash, save its artifacts, restart quayd and go on (up to 20 crashes)')
    ARGS = ap.parse_args()
    if os.geteuid() != 0:
        log('protocol_fuzz: needs root (clients run under test uids with setpriv)')
        return 2
    seed = ARGS.seed if ARGS.seed is not None else random.randrange(2**32)
    out_dir = ARGS.out or os.path.join(ROOT, '.build-fuzz', 'protocol', time.strftime('%Y%m%d-%H%M%S'))
    seeds = documented_requests()
    if not seeds:
        log('protocol_fuzz: no request examples found in docs/protocol.md')
        return 2

    tmp = tempfile.mkdtemp(prefix='quay-pfuzz-')
    os.chmod(tmp, 0o755)
    sock, state, cfg = os.path.join(tmp, 'control.sock'), os.path.join(tmp, 'state'), os.path.join(tmp, 'quayd.toml')
    with open(os.path.join(tmp, 'client.py'), 'w') as f:
        f.write(CLIENT)
    os.chmod(os.path.join(tmp, 'client.py'), 0o644)
    write_config(cfg, sock, state)
    qlog = open(os.path.join(tmp, 'quayd.log'), 'wb')
    env = dict(os.environ, SWIFT_BACKTRACE='enable=yes,interactive=no')
    env.pop('NOTIFY_SOCKET', None)

    def start_quayd():
        return subprocess.Popen([ARGS.quayd, 'run', '--config', cfg, '--socket', sock, '--state-dir', state],
                                stdout=subprocess.DEVNULL, stderr=qlog, env=env)

    def wait_ready(proc):
        """Until an admin ping answers."""
        deadline = time.time() + 30
        while True:
            if proc.poll() is not None:
                raise RuntimeError('quayd exited at start (%s): %s' % (proc.returncode, open(qlog.name, errors='replace').read()[-2000:]))
            try:
                s = socket.socket(socket.AF_UNIX)
                s.settimeout(2)
                s.connect(sock)
                s.sendall(b'{"id":0,"op":"ping"}\n')
                if b'"ok":true' in s.recv(4096):
                    s.close()
                    break
            except OSError:
                pass
            if time.time() > deadline:
                raise RuntimeError('quayd did not answer within 30 s')
            time.sleep(0.1)
        os.chmod(sock, 0o666)

    quayd = start_quayd()
    up = threading.Event()  # quayd is answering (cleared while it is restarted after a crash)
    crashes = []  # (exit status, artifacts dir)
    clients, threads = {}, []
    stop = threading.Event()
    lock = threading.Lock()
    stats = {'slow_examples': collections.deque(maxlen=5), 'executions': 0, 'slowest_us': 0, 'slowest_req': '', 'slow': 0, 'stalls': 0, 'eofs': 0,
             'codes': {r[0]: collections.Counter() for r in ROLES}, 'execs': collections.Counter()}
    canary = {'pings': 0, 'max_us': 0, 'over': 0, 'failures': 0, 'lat': []}
    stats['lat'] = []
    budget_us = ARGS.latency_budget_ms * 1000
    stalled_lines = []

    def cleanup():
        stop.set()
        for c in clients.values():
            c.close()
        if quayd.poll() is None:
            # quayd should stop on SIGTERM; a wedged one does not: kill it after 10 s.
            quayd.send_signal(signal.SIGTERM)
            try:
                quayd.wait(timeout=10)
            except subprocess.TimeoutExpired:
                quayd.kill()
                quayd.wait()
        qlog.close()

    try:
        wait_ready(quayd)
        up.set()
        for role, uid, expect in ROLES:
            c = Client(role, uid, sock, ARGS.timeout)
            clients[role] = c
            res = c.request(b'{"id":"check","op":"ping"}')
            got = code_of(res)
            if got != expect:
                raise RuntimeError('role %s: ping answered %s, expected %s (access setup wrong)' % (role, got, expect))
        clerk = clients['clerk'].request(b'{"id":"check","op":"call-next","counter":"q1"}')
        if code_of(clerk) != 'forbidden':
            raise RuntimeError('clerk restricted to q2 was not refused q1: %r' % clerk)
        log('protocol_fuzz: quayd pid %d, roles checked, %d seed requests, seed %d, %.0f s' % (quayd.pid, len(seeds), seed, ARGS.seconds))

        def fuzz_role(role, rng):
            c = clients[role]
            gap = 1.0 / ARGS.rate if ARGS.rate > 0 else 0.0
            next_at = time.monotonic()
            while not stop.is_set():
                if gap:
                    # Paced, so the fuzzer's own processes do not saturate the machine: a slow reply is then
                    # quayd making a client wait, not the scheduler.
                    next_at += gap
                    delay = next_at - time.monotonic()
                    if delay > 0:
                        time.sleep(delay)
                    else:
                        next_at = time.monotonic()
                line = mutate(rng, seeds)
                while ARGS.max_nesting is not None and nesting_depth(line) > ARGS.max_nesting:
                    line = mutate(rng, seeds)
                gen = len(crashes)
                res = c.request(line)
                if res is None:
                    return
                ev = res.get('ev')
                with lock:
                    if ev == 'ok':
                        stats['executions'] += 1
                        stats['execs'][role] += 1
                        stats['codes'][role][code_of(res)] += 1
                        # A reply sent again on a new connection, or across a restart, also timed the reconnect. Ops
                        # that are slow by design (a bcrypt password hash, ~80 ms on quayd's own thread) are fuzzed but
                        # not timed: the canary's pings show whether they hold anyone else up.
                        timed = (not res.get('retried') and gen == len(crashes) and up.is_set()
                                 and not SLOW_BY_DESIGN.search(line))
                        if timed:
                            stats['lat'].append(res['us'])
                        if timed and res['us'] > stats['slowest_us']:
                            stats['slowest_us'], stats['slowest_req'] = res['us'], '%s: %s' % (role, line[:160].decode('utf-8', 'replace'))
                        if timed and res['us'] > budget_us:
                            stats['slow'] += 1
                            stats['slow_examples'].append('%.1f ms %s: %s' % (res['us'] / 1000, role, line[:100].decode('utf-8', 'replace')))
                    elif ev == 'timeout':
                        stats['stalls'] += 1
                        stalled_lines.append((role, line))
                        stop.set()
                        return
                    elif ev == 'connect-failed' and not ARGS.keep_going:
                        stop.set()
                        return
                    else:
                        stats['eofs'] += 1
                if ev != 'ok' and ARGS.keep_going:
                    up.wait(40)  # quayd is being restarted after a crash
                if b'watch' in line:
                    c.reconnect()

        def run_canary():
            s = None
            while not stop.is_set():
                try:
                    if s is None:
                        s = socket.socket(socket.AF_UNIX)
                        s.settimeout(ARGS.timeout)
                        s.connect(sock)
                        buf = b''
                    t0 = time.perf_counter()
                    s.sendall(b'{"id":"canary","op":"ping"}\n')
                    while b'\n' not in buf:
                        d = s.recv(65536)
                        if not d:
                            raise EOFError()
                        buf += d
                    _, buf = buf.split(b'\n', 1)
                    us = int((time.perf_counter() - t0) * 1e6)
                    if not up.is_set():
                        continue
                    with lock:
                        canary['pings'] += 1
                        canary['max_us'] = max(canary['max_us'], us)
                        canary['lat'].append(us)
                        if us > budget_us:
                            canary['over'] += 1
                except (OSError, EOFError):
                    with lock:
                        canary['failures'] += 1
                    s = None
                time.sleep(0.01)

        rng0 = random.Random(seed)
        for role, _, _ in ROLES:
            t = threading.Thread(target=fuzz_role, args=(role, random.Random(rng0.randrange(2**32))), daemon=True)
            t.start()
            threads.append(t)
        ct = threading.Thread(target=run_canary, daemon=True)
        ct.start()
        started = time.time()
        next_progress = started + 10
        def save_artifacts(where, stalled):
            os.makedirs(where, exist_ok=True)
            with open(os.path.join(where, 'in-flight.ndjson'), 'wb') as f:
                for role, c in clients.items():
                    if c.in_flight is not None:
                        f.write(b'# role ' + role.encode() + b'\n' + c.in_flight + b'\n')
                for role, line in stalled:
                    f.write(b'# stalled, role ' + role.encode() + b'\n' + line + b'\n')
            for role, c in clients.items():
                with open(os.path.join(where, 'recent-%s.ndjson' % role), 'wb') as f:
                    f.write(b'\n'.join(c.recent) + b'\n')
            qlog.flush()
            shutil.copy(qlog.name, os.path.join(where, 'quayd.log'))
            shutil.copy(cfg, os.path.join(where, 'quayd.toml'))

        def record_crash():
            up.clear()
            where = os.path.join(out_dir, 'crash-%d' % (len(crashes) + 1))
            time.sleep(0.3)  # let the clients see the closed connections
            save_artifacts(where, [])
            crashes.append((quayd.returncode, where))
            log('protocol_fuzz: quayd exited with %s; artifacts in %s' % (quayd.returncode, where))

        while time.time() - started < ARGS.seconds and not stop.is_set():
            if quayd.poll() is not None:
                record_crash()
                if not ARGS.keep_going or len(crashes) >= 20:
                    break
                qlog.truncate(0)
                quayd = start_quayd()
                wait_ready(quayd)
                up.set()
            time.sleep(0.05)
            if time.time() > next_progress:
                next_progress += 10
                log('protocol_fuzz: %.0f s, %d executions, %d crashes, slowest reply %.1f ms, canary max %.1f ms'
                    % (time.time() - started, stats['executions'], len(crashes), stats['slowest_us'] / 1000, canary['max_us'] / 1000))
        elapsed = time.time() - started
        stop.set()
        # A client that could not reconnect ends the run early: was quayd gone?
        time.sleep(0.2)
        if quayd.poll() is not None and (not crashes or up.is_set()):
            record_crash()
        artifacts = out_dir if crashes else None
        if stats['stalls']:
            save_artifacts(os.path.join(out_dir, 'stall'), stalled_lines)
            artifacts = out_dir
    except Exception as e:  # noqa: BLE001 - the harness failed, not quayd
        log('protocol_fuzz: harness error: %s' % e)
        cleanup()
        shutil.rmtree(tmp, ignore_errors=True)
        return 2

    for t in threads:
        t.join(timeout=ARGS.timeout + 2)
    cleanup()
    shutil.rmtree(tmp, ignore_errors=True)
    def pct(xs, q):
        if not xs:
            return 0.0
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(q * len(xs)))] / 1000

    # The gate: 999 of 1,000 replies and canary pings within the budget, and none over 5x the budget. On a 2-core
    # machine the fuzzer's own seven processes compete with quayd, so a rare single reply near the budget is the
    # scheduler, not quayd; a client that makes others wait (the old 90 s decode, a lock held across a yield)
    # shows as many slow replies or one far over the budget. The maximum is always reported.
    budget = ARGS.latency_budget_ms
    reply_p999, canary_p999 = pct(stats['lat'], 0.999), pct(canary['lat'], 0.999)
    latency_bad = (reply_p999 > budget or canary_p999 > budget
                   or stats['slowest_us'] / 1000 > 5 * budget or canary['max_us'] / 1000 > 5 * budget)
    if ARGS.strict_latency:
        latency_bad = stats['slow'] > 0 or canary['over'] > 0
    summary = {
        'tool': 'protocol_fuzz', 'seed': seed, 'max_nesting': ARGS.max_nesting, 'rate_per_role': ARGS.rate, 'seconds': round(elapsed, 1),
        'executions': stats['executions'], 'exec_per_s': round(stats['executions'] / max(elapsed, 0.001), 1),
        'crashes': len(crashes), 'quayd_exits': [c[0] for c in crashes], 'stalls': stats['stalls'],
        'reconnects_after_close': stats['eofs'],
        'slowest_reply_ms': round(stats['slowest_us'] / 1000, 2), 'slowest_reply_request': stats['slowest_req'],
        'reply_p99_ms': pct(stats['lat'], 0.99), 'reply_p999_ms': reply_p999,
        'replies_over_budget': stats['slow'], 'slow_examples': list(stats['slow_examples']), 'latency_budget_ms': ARGS.latency_budget_ms,
        'canary': {'pings': canary['pings'], 'max_ms': round(canary['max_us'] / 1000, 2),
                   'p99_ms': pct(canary['lat'], 0.99), 'p999_ms': canary_p999,
                   'over_budget': canary['over'], 'failures': canary['failures']},
        'per_role': {r: {'executions': stats['execs'][r], 'replies': dict(stats['codes'][r].most_common(8))}
                     for r, _, _ in ROLES},
        'artifacts': artifacts,
    }
    print(json.dumps(summary, ensure_ascii=False), flush=True)
    if crashes or stats['stalls']:
        return 1
    if latency_bad and not ARGS.no_latency_gate:
        return 3
    return 0


# Ops whose work is meant to be slow (password hashing for web accounts): excluded from the reply percentiles.
SLOW_BY_DESIGN = re.compile(rb'"op"\s*:\s*"user-(add|passwd)"')

ARGS = None
if __name__ == '__main__':
    sys.exit(main())
