#!/usr/bin/python3
"""Virtual serial (CDC-ACM style) barcode/QR scanner for Quay tests and demos.

Independent of the Swift driver: it makes a linked pty pair with socat (ptypair.py), prints "PTY <path>" (give that
path as the `[[scanner]] match`), and for every stdin line "scan <text>" writes <text> followed by CR LF to the
scanner's side, as a serial scanner does when a code is held under it, then prints "SENT <n bytes>".
Other stdin lines: "quit". Unknown commands print "ERROR unknown command".
"""
import argparse
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ptypair import PtyPair  # noqa: E402 (same folder)


def say(*parts):
    print(*parts, flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--link", required=True, help="path of the pty the scanner appears as")
    a = ap.parse_args()
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    pair = PtyPair(a.link)
    fd = os.open(pair.sim_side, os.O_RDWR | os.O_NOCTTY)
    say("PTY", a.link)
    try:
        for line in sys.stdin:
            cmd, _, arg = line.rstrip("\n").partition(" ")
            if cmd == "scan" and arg:
                data = arg.encode("utf-8") + b"\r\n"
                os.write(fd, data)
                say("SENT", len(data))
            elif cmd == "quit":
                break
            elif cmd:
                say("ERROR unknown command", cmd)
    finally:
        os.close(fd)
        pair.close()


if __name__ == "__main__":
    main()
