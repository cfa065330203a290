#!/usr/bin/python3
"""Reads Alpha Sign Communications Protocol packets from a pty, like a sign would, for Quay's tests and demo.

Independent of Quay's Swift code. Creates a pty pair with socat; the sender opens --link like a serial port.
Each packet is parsed by a small state machine (sync NULs, SOH, type code, two address characters, STX, command,
then for command 'A' (write TEXT file) the label and text up to EOT, with an optional ETX + 4-hex-digit checksum
and optional ESC position mode fields) and written to --out as one JSON object per line:
    {"type": "Z", "address": "00", "command": "A", "label": "A", "text": "Moi so A015 den quay 3",
     "position": null, "mode": null, "checksum_ok": null, "sync_nuls": 5}
Malformed packets are reported as {"error": "..."}; the reader then waits for the next SOH.
It exits when stdin reaches EOF.
"""
import argparse
import json
import os
import select
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ptypair import PtyPair  # noqa: E402

NUL, SOH, STX, ETX, EOT, ESC = 0x00, 0x01, 0x02, 0x03, 0x04, 0x1B


class AlphaParser:
    """Byte-at-a-time state machine. feed() returns a finished packet dict or None."""

    def __init__(self):
        self.reset()
        self.nuls = 0

    def reset(self):
        self.state = "idle"
        self.header = bytearray()
        self.body = bytearray()
        self.sync = 0

    def feed(self, b):
        s = self.state
        if s == "idle":
            if b == NUL:
                self.nuls += 1
            elif b == SOH:
                self.sync, self.nuls = self.nuls, 0
                self.state = "header"
            else:
                self.nuls = 0
            return None
        if s == "header":  # type code + 2 address characters, then STX
            if b == STX and len(self.header) == 3:
                self.state = "body"
            elif b in (SOH, EOT, STX) or len(self.header) >= 3:
                return self.fail("bad header " + self.header.hex())
            else:
                self.header.append(b)
            return None
        if s == "body":
            if b == EOT:
                return self.finish(None)
            if b == ETX:
                self.state = "checksum"
                self.cks = bytearray()
                return None
            if b == SOH:
                return self.fail("SOH inside packet")
            self.body.append(b)
            if len(self.body) > 4096:
                return self.fail("packet too long")
            return None
        if s == "checksum":
            if b == EOT:
                if len(self.cks) != 4:
                    return self.fail("checksum field must be 4 hex digits")
                total = (STX + sum(self.body) + ETX) & 0xFFFF
                try:
                    ok = int(self.cks.decode("ascii"), 16) == total
                except ValueError:
                    ok = False
                return self.finish(ok)
            self.cks.append(b)
            if len(self.cks) > 4:
                return self.fail("checksum too long")
            return None
        return None

    def fail(self, why):
        self.reset()
        return {"error": why}

    def finish(self, checksum_ok):
        body = bytes(self.body)
        header = bytes(self.header)
        sync = self.sync
        self.reset()
        if not body:
            return {"error": "empty body"}
        out = {"type": chr(header[0]), "address": header[1:3].decode("ascii", "replace"),
               "command": chr(body[0]), "label": None, "text": None, "position": None, "mode": None,
               "checksum_ok": checksum_ok, "sync_nuls": sync}
        if body[0] == ord("A") and len(body) >= 2:
            out["label"] = chr(body[1])
            text = body[2:]
            if len(text) >= 3 and text[0] == ESC:
                out["position"], out["mode"] = text[1], text[2]
                text = text[3:]
            bad = [c for c in text if c < 0x20 or c >= 0x7F]
            if bad:
                out["error"] = "non-printable bytes in text: " + bytes(bad).hex()
            out["text"] = text.decode("latin-1")
        return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--link", required=True)
    ap.add_argument("--out", required=True, help="JSON-lines file of decoded packets")
    args = ap.parse_args()
    pair = PtyPair(args.link)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    fd = os.open(pair.sim_side, os.O_RDWR | os.O_NOCTTY)
    out = open(args.out, "a", buffering=1)
    parser = AlphaParser()
    print("READY " + args.link, flush=True)
    try:
        while True:
            ready, _, _ = select.select([fd, sys.stdin], [], [])
            if sys.stdin in ready and not sys.stdin.readline():
                break
            if fd in ready:
                for b in os.read(fd, 4096):
                    packet = parser.feed(b)
                    if packet is not None:
                        out.write(json.dumps(packet, ensure_ascii=False) + "\n")
                        out.flush()
    finally:
        os.close(fd)
        pair.close()


if __name__ == "__main__":
    main()
