#!/usr/bin/env python3
"""A BGP peer that connects to brindled and floods or collects routes, for
scripts/integration/groups (update groups and slow peers) and
scripts/integration/export (which peers are sent learned routes).

  feed      announces --prefixes /32s from --base, --rounds times, each round
            with MULTI_EXIT_DISC = round number (1, 2, ...), so every round
            changes every route; with --wait-progress PATH, waits after each
            round until a receiver wrote that round's number to PATH; prints
            "fed" and keeps the session up until --until PATH exists
  receive   collects the routes brindled sends; with --stall PATH it reads
            nothing until PATH exists (its KEEPALIVEs still go out, so the
            session stays up while its socket fills); then it reads until it
            holds --expect prefixes all with MED --med (with --progress PATH
            it writes there the MED all its routes share whenever they do),
            prints "complete N" and keeps the session up until --until PATH exists; at --timeout
            it prints "incomplete N of M" with a count of the MEDs seen; with
            --any-med every route counts, whatever its MED (or none, as towards
            an external peer)

The session is iBGP-or-not as --as says; the OPEN carries multiprotocol IPv4
unicast and four-octet AS. Python 3 standard library only.
"""

import argparse
import ipaddress
import os
import select
import socket
import sys
import time
from collections import Counter

sys.dont_write_bytecode = True  # no __pycache__ left in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from badpeer import KEEPALIVE, NOTIFICATION, OPEN, UPDATE, message, open_message  # noqa: E402

MED_TYPE = 4


def update_body(prefixes, next_hop, med, local_preference):
    """One UPDATE body announcing /32 `prefixes` (RFC 4271 §4.3)."""
    attributes = (
        bytes([0x40, 1, 1, 0])  # ORIGIN IGP
        + bytes([0x40, 2, 0])  # AS_PATH, empty: an iBGP origination
        + bytes([0x40, 3, 4]) + next_hop
        + bytes([0x80, MED_TYPE, 4]) + med.to_bytes(4, "big")
        + bytes([0x40, 5, 4]) + local_preference.to_bytes(4, "big")
    )
    nlri = b"".join(bytes([32]) + prefix for prefix in prefixes)
    return bytes([0, 0]) + len(attributes).to_bytes(2, "big") + attributes + nlri


class Session:
    def __init__(self, arguments):
        self.connection = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if arguments.rcvbuf:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, arguments.rcvbuf)
        self.connection.bind((arguments.source, 0))
        self.connection.connect((arguments.connect, arguments.port))
        self.buffer = b""
        self.next_keepalive = 0.0
        self.send(open_message(arguments.asn, arguments.source, 30))

    def send(self, data):
        self.connection.sendall(data)

    def keep_alive(self):
        if time.monotonic() >= self.next_keepalive:
            self.send(message(KEEPALIVE))
            self.next_keepalive = time.monotonic() + 2

    def messages(self, timeout):
        """Reads once (up to `timeout`) and yields every whole message."""
        self.keep_alive()
        readable, _, _ = select.select([self.connection], [], [], timeout)
        if readable:
            data = self.connection.recv(1 << 20)
            if not data:
                sys.exit("closed by brindled")
            self.buffer += data
        while len(self.buffer) >= 19:
            length = int.from_bytes(self.buffer[16:18], "big")
            if len(self.buffer) < length:
                break
            kind, body = self.buffer[18], self.buffer[19:length]
            self.buffer = self.buffer[length:]
            if kind == NOTIFICATION:
                sys.exit("notification %d/%d" % (body[0], body[1]))
            yield kind, body

    def establish(self):
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            for kind, _ in self.messages(0.2):
                if kind == OPEN:
                    self.send(message(KEEPALIVE))
                elif kind == KEEPALIVE:
                    return
        sys.exit("no session")

    def idle_until(self, path, reading):
        while not os.path.exists(path):
            if reading:
                for _ in self.messages(0.2):
                    pass
            else:
                self.keep_alive()
                time.sleep(0.2)


def feed(session, arguments):
    base = int(ipaddress.IPv4Address(arguments.base))
    prefixes = [(base + i).to_bytes(4, "big") for i in range(arguments.prefixes)]
    next_hop = ipaddress.IPv4Address(arguments.source).packed
    chunk = 800  # /32s per UPDATE: 4,000 bytes of NLRI, under 4,096 in all
    for round_number in range(1, arguments.rounds + 1):
        data = b"".join(
            message(UPDATE, update_body(prefixes[i:i + chunk], next_hop, round_number, 100))
            for i in range(0, len(prefixes), chunk))
        session.send(data)
        session.keep_alive()
        if arguments.wait_progress:
            wait_for_progress(session, arguments.wait_progress, round_number)
    print("fed", flush=True)
    session.idle_until(arguments.until, reading=True)


def wait_for_progress(session, path, round_number):
    """Waits until a receiver wrote `round_number` (or more) to `path`."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for _ in session.messages(0.05):
            pass
        try:
            with open(path) as progress:
                if int(progress.read() or 0) >= round_number:
                    return
        except (OSError, ValueError):
            pass
    sys.exit("no progress past round %d" % round_number)


def write_progress(path, table):
    """Writes the round every route has reached, when they all agree."""
    meds = set(table.values())
    if len(meds) != 1:
        return
    with open(path + ".tmp", "w") as progress:
        progress.write(str(meds.pop()))
    os.replace(path + ".tmp", path)


def parse_update(body, table):
    withdrawn_length = int.from_bytes(body[0:2], "big")
    offset = 2
    for prefix in prefixes_in(body[offset:offset + withdrawn_length]):
        table.pop(prefix, None)
    offset += withdrawn_length
    attributes_length = int.from_bytes(body[offset:offset + 2], "big")
    offset += 2
    med = attribute(body[offset:offset + attributes_length], MED_TYPE)
    for prefix in prefixes_in(body[offset + attributes_length:]):
        table[prefix] = int.from_bytes(med, "big") if med else None


def prefixes_in(data):
    offset = 0
    while offset < len(data):
        length = data[offset]
        size = (length + 7) // 8
        yield (length, data[offset + 1:offset + 1 + size])
        offset += 1 + size


def attribute(data, wanted):
    offset = 0
    while offset < len(data):
        flags, kind = data[offset], data[offset + 1]
        if flags & 0x10:
            length, start = int.from_bytes(data[offset + 2:offset + 4], "big"), offset + 4
        else:
            length, start = data[offset + 2], offset + 3
        if kind == wanted:
            return data[start:start + length]
        offset = start + length
    return None


def receive(session, arguments):
    if arguments.stall:
        session.idle_until(arguments.stall, reading=False)
    table = {}
    deadline = time.monotonic() + arguments.timeout
    while time.monotonic() < deadline:
        for kind, body in session.messages(0.2):
            if kind == UPDATE:
                parse_update(body, table)
        if arguments.progress and len(table) == arguments.expect:
            write_progress(arguments.progress, table)
        done = sum(1 for med in table.values() if arguments.any_med or med == arguments.med)
        if done == arguments.expect == len(table):
            print("complete %d" % done, flush=True)
            session.idle_until(arguments.until, reading=True)
            return
    meds = Counter(table.values())
    print("incomplete %d of %d, meds %s" % (len(table), arguments.expect, dict(meds)), flush=True)
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["feed", "receive"])
    parser.add_argument("--connect", required=True)
    parser.add_argument("--port", type=int, default=179)
    parser.add_argument("--source", required=True)
    parser.add_argument("--asn", type=int, required=True)
    parser.add_argument("--rcvbuf", type=int, default=0)
    parser.add_argument("--prefixes", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--base", default="10.128.0.0")
    parser.add_argument("--wait-progress")
    parser.add_argument("--progress")
    parser.add_argument("--until", default="/nonexistent")
    parser.add_argument("--stall")
    parser.add_argument("--expect", type=int, default=0)
    parser.add_argument("--med", type=int, default=1)
    parser.add_argument("--any-med", action="store_true")
    parser.add_argument("--timeout", type=float, default=60)
    arguments = parser.parse_args()

    session = Session(arguments)
    session.establish()
    print("established", flush=True)
    if arguments.mode == "feed":
        feed(session, arguments)
    else:
        receive(session, arguments)


if __name__ == "__main__":
    main()
