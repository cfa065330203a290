#!/usr/bin/python3
"""Simulated RS-485 bus of Modbus RTU LED counter boards, for Quay's tests and demo.

Independent of Quay's Swift code: frames are decoded, executed and answered by pymodbus (Debian python3-pymodbus
3.0.0) over a pty pair made by socat. The client side of the pair is the path given with --link; open it like a
serial port. Every register write a board accepts is appended to --log as one JSON object per line:
    {"t": 1700000000.123, "unit": 3, "fc": 6, "address": 0, "values": [15]}

Faults, set at start (--unplugged 3 --corrupt 2:1 --delay 1:200) or at run time with commands on stdin
(one per line; each is acknowledged with "OK <command>" on stdout):
    unplug UNIT          the board stops answering and ignores writes (cable pulled)
    plug UNIT            it answers again
    corrupt UNIT N       the next N replies of UNIT carry a wrong CRC (the write itself is applied)
    delay UNIT MS        every reply of UNIT is sent MS milliseconds late (0 = none)
    quit
The simulator exits when stdin reaches EOF, so it never outlives the test that started it.
"""
import argparse
import asyncio
import json
import os
import signal
import sys
import threading
import time

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.exceptions import NoSuchSlaveException
from pymodbus.factory import ServerDecoder
from pymodbus.framer.rtu_framer import ModbusRtuFramer
from pymodbus.server.async_io import ModbusSerialServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ptypair import PtyPair  # noqa: E402


class Faults:
    """Fault switches shared between the stdin thread and the asyncio loop (simple values; the GIL suffices)."""

    def __init__(self):
        self.unplugged = set()
        self.corrupt = {}
        self.delay_ms = {}


class LoggingSlave(ModbusSlaveContext):
    """A board's register file that records every accepted write."""

    def __init__(self, unit, log, **kwargs):
        super().__init__(**kwargs)
        self.unit = unit
        self.log = log

    def setValues(self, fc_as_hex, address, values):  # noqa: N802 (pymodbus API)
        super().setValues(fc_as_hex, address, values)
        self.log({"t": time.time(), "unit": self.unit, "fc": int(fc_as_hex), "address": int(address),
                  "values": [int(v) for v in values]})


class Bus(ModbusServerContext):
    """Server context whose unplugged boards do not exist: pymodbus then ignores frames addressed to them."""

    def __init__(self, slaves, faults):
        super().__init__(slaves=slaves, single=False)
        self.faults = faults

    def __getitem__(self, slave):
        if slave in self.faults.unplugged:
            raise NoSuchSlaveException(f"board {slave} unplugged")
        return super().__getitem__(slave)

    def slaves(self):
        return [u for u in super().slaves() if u not in self.faults.unplugged]


def make_manipulator(faults):
    framer = ModbusRtuFramer(ServerDecoder())

    def manipulate(response):
        unit = response.unit_id
        delay = faults.delay_ms.get(unit, 0)
        if delay:
            time.sleep(delay / 1000.0)
        if faults.corrupt.get(unit, 0) > 0:
            faults.corrupt[unit] -= 1
            packet = bytearray(framer.buildPacket(response))
            packet[-1] ^= 0x5A
            return bytes(packet), True
        return response, False

    return manipulate


def handle_command(line, faults):
    parts = line.split()
    if not parts:
        return True
    cmd = parts[0]
    try:
        if cmd == "unplug":
            faults.unplugged.add(int(parts[1]))
        elif cmd == "plug":
            faults.unplugged.discard(int(parts[1]))
        elif cmd == "corrupt":
            faults.corrupt[int(parts[1])] = int(parts[2]) if len(parts) > 2 else 1
        elif cmd == "delay":
            faults.delay_ms[int(parts[1])] = int(parts[2])
        elif cmd == "quit":
            return False
        else:
            print(f"ERR unknown command {cmd}", flush=True)
            return True
    except (IndexError, ValueError) as exc:
        print(f"ERR {line.strip()}: {exc}", flush=True)
        return True
    print(f"OK {line.strip()}", flush=True)
    return True


def parse_pairs(values):
    out = {}
    for v in values or []:
        unit, _, n = v.partition(":")
        out[int(unit)] = int(n or 1)
    return out


async def serve(args, faults, log):
    slaves = {}
    for unit in args.units:
        slaves[unit] = LoggingSlave(unit, log, hr=ModbusSequentialDataBlock(0, [0] * 256), zero_mode=True)
    server = ModbusSerialServer(Bus(slaves, faults), ModbusRtuFramer, port=args.sim_side, baudrate=args.baud,
                                ignore_missing_slaves=True, broadcast_enable=True,
                                response_manipulator=make_manipulator(faults))
    await server.start()
    if server.transport is None:
        sys.exit("modbus_board.py: pymodbus could not open " + args.sim_side)
    print("READY " + args.link, flush=True)
    loop = asyncio.get_running_loop()
    done = loop.create_future()

    def read_stdin():
        for line in sys.stdin:
            keep = handle_command(line, faults)
            if not keep:
                break
        loop.call_soon_threadsafe(lambda: done.done() or done.set_result(None))

    threading.Thread(target=read_stdin, daemon=True).start()
    await done
    await server.shutdown()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--link", required=True, help="path of the pty the master opens")
    ap.add_argument("--units", default="1", help="comma-separated slave addresses, e.g. 1,2,3")
    ap.add_argument("--log", required=True, help="JSON-lines file of accepted register writes")
    ap.add_argument("--baud", type=int, default=9600)
    ap.add_argument("--unplugged", default="", help="comma-separated units that start unplugged")
    ap.add_argument("--corrupt", action="append", help="UNIT:N corrupt the CRC of the next N replies")
    ap.add_argument("--delay", action="append", help="UNIT:MS delay every reply")
    args = ap.parse_args()
    args.units = [int(u) for u in args.units.split(",") if u]

    faults = Faults()
    faults.unplugged = {int(u) for u in args.unplugged.split(",") if u}
    faults.corrupt = parse_pairs(args.corrupt)
    faults.delay_ms = parse_pairs(args.delay)

    log_file = open(args.log, "a", buffering=1)

    def log(entry):
        log_file.write(json.dumps(entry) + "\n")
        log_file.flush()

    pair = PtyPair(args.link)
    args.sim_side = pair.sim_side
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        asyncio.run(serve(args, faults, log))
    finally:
        pair.close()


if __name__ == "__main__":
    main()
