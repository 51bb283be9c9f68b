#!/usr/bin/env python3
"""A BGP peer that misbehaves on purpose, for scripts/integration/malformed.

It listens on ADDRESS:PORT, takes one connection (from brindled), then runs
its steps in order:

  establish     the OPEN exchange with a good OPEN (RFC 4271 §8.2.2), then two
                KEEPALIVEs: the first brings brindled to Established, the second
                is the first one it gets there
  send:HEX      sends the bytes as they are
  report        prints, on one line, what came back: "notification C/S [DATA]"
                with DATA in hex, "session alive" once two KEEPALIVEs arrived and
                nothing else (after mute: KEEPALIVEs for 5 s), "closed" when the
                connection ends, or "timeout"
  drip:HEX      sends the bytes one at a time, a millisecond apart
  wait:PATH     keeps the session alive until the file PATH exists
  mute          sends no more KEEPALIVEs, so brindled's hold timer runs out
  close         closes the connection at once, with no Cease, and ends
  expect-refresh-markers
                waits for a BoRR (RFC 7313 §4), skipping what comes before it,
                then prints "borr, N updates, eorr" once the EoRR comes, or what
                came instead of the UPDATEs and the EoRR
  expect-ipv6:PREFIX
                waits for an UPDATE whose MP_REACH_NLRI of IPv6 unicast announces
                PREFIX (RFC 4760 §3), skipping what comes before it, then prints
                "PREFIX via GLOBAL" with the global next hop (RFC 2545 §3), and
                "and LINK-LOCAL" after it when there is one, or "timeout"

With --extended-message, --enhanced-route-refresh and --ipv6 its OPEN also offers
those capabilities (RFC 8654, RFC 7313, and multiprotocol IPv6 unicast of RFC
4760 §8); without them it offers none of them.

While it waits it sends a KEEPALIVE every second (its OPEN proposes a hold
time of 3 s, so brindled sends one every second too). When the steps are done
and the session is still up, it sends a Cease (administrative shutdown) and
closes. A NOTIFICATION or a closed connection ends every later step: the
outcome is printed once. Python 3 standard library only.
"""

import argparse
import ipaddress
import os
import select
import socket
import sys
import time

MARKER = b"\xff" * 16
OPEN, UPDATE, NOTIFICATION, KEEPALIVE, ROUTE_REFRESH = 1, 2, 3, 4, 5
MULTIPROTOCOL, EXTENDED_MESSAGE, ENHANCED_ROUTE_REFRESH = 1, 6, 70
IPV6_UNICAST = bytes([0, 2, 0, 1])  # AFI 2, reserved, SAFI 1 (RFC 4760 §8)
MP_REACH_NLRI, EXTENDED_LENGTH = 14, 0x10


def message(kind, body=b""):
    """A whole BGP message: marker, length, type, body (RFC 4271 §4.1)."""
    return MARKER + (19 + len(body)).to_bytes(2, "big") + bytes([kind]) + body


def open_message(autonomous_system, identifier, hold_time, extra=()):
    """A good OPEN: multiprotocol IPv4 unicast, route refresh, four-octet AS, and
    the capabilities in extra, each a (code, value) pair."""
    capabilities = (
        bytes([1, 4, 0, 1, 0, 1])
        + bytes([2, 0])
        + bytes([65, 4])
        + autonomous_system.to_bytes(4, "big")
        + b"".join(bytes([code, len(value)]) + value for code, value in extra)
    )
    parameters = bytes([2, len(capabilities)]) + capabilities
    two_octet_as = autonomous_system if autonomous_system < 65536 else 23456
    body = (
        bytes([4])
        + two_octet_as.to_bytes(2, "big")
        + hold_time.to_bytes(2, "big")
        + ipaddress.IPv4Address(identifier).packed
        + bytes([len(parameters)])
        + parameters
    )
    return message(OPEN, body)


class SessionEnded(Exception):
    """The peer sent a NOTIFICATION or closed; the text is the outcome."""


class Peer:
    """One TCP connection to brindled and the messages read from it."""

    def __init__(self, connection):
        self.connection = connection
        self.buffer = b""
        self.next_keepalive = time.monotonic() + 1
        self.muted = False

    def send(self, data):
        try:
            self.connection.sendall(data)
        except OSError:
            raise SessionEnded("closed")

    def keep_alive(self):
        """Sends our KEEPALIVE when it is due."""
        if not self.muted and time.monotonic() >= self.next_keepalive:
            self.send(message(KEEPALIVE))
            self.next_keepalive = time.monotonic() + 1

    def read_message(self, deadline):
        """The next message as (type, body), or None at the deadline."""
        while True:
            framed = self.take_message()
            if framed:
                return framed
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            self.keep_alive()
            readable, _, _ = select.select([self.connection], [], [], min(remaining, 0.2))
            if readable:
                self.receive()

    def receive(self):
        try:
            data = self.connection.recv(65536)
        except OSError:
            data = b""
        if not data:
            raise SessionEnded("closed")
        self.buffer += data

    def take_message(self):
        if len(self.buffer) < 19:
            return None
        length = int.from_bytes(self.buffer[16:18], "big")
        if length < 19 or len(self.buffer) < length:
            return None
        kind, body = self.buffer[18], self.buffer[19:length]
        self.buffer = self.buffer[length:]
        if kind == NOTIFICATION:
            raise SessionEnded(describe_notification(body))
        return kind, body


def describe_notification(body):
    if len(body) < 2:
        return "notification malformed " + body.hex()
    outcome = "notification %d/%d" % (body[0], body[1])
    return outcome + (" " + body[2:].hex() if len(body) > 2 else "")


def establish(peer, arguments):
    """The OPEN exchange; brindled's OPEN and KEEPALIVE must come back."""
    extra = []
    if arguments.extended_message:
        extra.append((EXTENDED_MESSAGE, b""))
    if arguments.enhanced_route_refresh:
        extra.append((ENHANCED_ROUTE_REFRESH, b""))
    if arguments.ipv6:
        extra.append((MULTIPROTOCOL, IPV6_UNICAST))
    peer.send(open_message(arguments.autonomous_system, arguments.identifier, 3, extra))
    deadline = time.monotonic() + 10
    seen = []
    while KEEPALIVE not in seen:
        received = peer.read_message(deadline)
        if received is None:
            raise SessionEnded("handshake timeout, got types %s" % seen)
        seen.append(received[0])
    if seen[0] != OPEN:
        raise SessionEnded("handshake got types %s" % seen)
    peer.send(message(KEEPALIVE) + message(KEEPALIVE))


def report(peer):
    """Prints what the last bytes sent brought back. A muted peer has to see
    KEEPALIVEs for longer than the 3 s hold time to call the session alive."""
    start = time.monotonic()
    deadline = start + 10
    keepalives = 0
    while keepalives < 2 or (peer.muted and time.monotonic() - start < 5):
        received = peer.read_message(deadline)
        if received is None:
            print("timeout", flush=True)
            return
        keepalives += received[0] == KEEPALIVE
    print("session alive", flush=True)


def refresh_subtype(kind, body):
    """The subtype of a ROUTE-REFRESH (RFC 7313 §3), or None for another message."""
    return body[2] if kind == ROUTE_REFRESH and len(body) == 4 else None


def expect_refresh_markers(peer):
    """Prints whether a BoRR, UPDATEs and an EoRR came, in that order."""
    deadline = time.monotonic() + 10
    received = peer.read_message(deadline)
    while received and refresh_subtype(*received) != 1:
        received = peer.read_message(deadline)
    if received is None:
        print("timeout before a borr", flush=True)
        return
    updates = 0
    while True:
        received = peer.read_message(deadline)
        if received is None:
            print("timeout after borr and %d updates" % updates, flush=True)
            return
        kind, body = received
        if refresh_subtype(kind, body) == 2:
            print("borr, %d updates, eorr" % updates, flush=True)
            return
        if kind == UPDATE:
            updates += 1
        elif kind != KEEPALIVE:
            subtype = refresh_subtype(kind, body)
            print("type %d subtype %s after borr" % (kind, subtype), flush=True)
            return


def attributes_of(update_body):
    """The path attributes of an UPDATE (RFC 4271 §4.3) as (type, value) pairs."""
    withdrawn_length = int.from_bytes(update_body[0:2], "big")
    start = 2 + withdrawn_length + 2
    end = start + int.from_bytes(update_body[start - 2:start], "big")
    block, attributes = update_body[start:end], []
    while len(block) >= 3:
        flags, kind = block[0], block[1]
        size = 2 if flags & EXTENDED_LENGTH else 1
        length = int.from_bytes(block[2:2 + size], "big")
        attributes.append((kind, block[2 + size:2 + size + length]))
        block = block[2 + size + length:]
    return attributes


def ipv6_announcements(update_body):
    """The IPv6 unicast prefixes of an UPDATE's MP_REACH_NLRI with the next hop
    field, as (prefixes, next hop bytes); empty when there are none."""
    for kind, value in attributes_of(update_body):
        if kind != MP_REACH_NLRI or value[0:3] != bytes([0, 2, 1]):
            continue
        next_hop_length = value[3]
        next_hop, nlri = value[4:4 + next_hop_length], value[5 + next_hop_length:]
        prefixes = []
        while nlri:
            length, octets = nlri[0], (nlri[0] + 7) // 8
            address = nlri[1:1 + octets].ljust(16, b"\0")
            prefixes.append(ipaddress.IPv6Network((address, length)))
            nlri = nlri[1 + octets:]
        return prefixes, next_hop
    return [], b""


def describe_next_hop(next_hop):
    """The global next hop, and the link-local one after it when it came."""
    text = "via %s" % ipaddress.IPv6Address(next_hop[:16])
    if len(next_hop) == 32:
        text += " and %s" % ipaddress.IPv6Address(next_hop[16:])
    return text


def expect_ipv6(peer, prefix):
    """Prints the next hop of the first UPDATE that announces the IPv6 prefix."""
    wanted = ipaddress.IPv6Network(prefix)
    deadline = time.monotonic() + 10
    while True:
        received = peer.read_message(deadline)
        if received is None:
            print("timeout before %s" % wanted, flush=True)
            return
        kind, body = received
        if kind != UPDATE:
            continue
        prefixes, next_hop = ipv6_announcements(body)
        if wanted in prefixes:
            print("%s %s" % (wanted, describe_next_hop(next_hop)), flush=True)
            return


def wait_for_file(peer, path):
    deadline = time.monotonic() + 120
    while not os.path.exists(path) and time.monotonic() < deadline:
        peer.read_message(time.monotonic() + 0.2)


def run_steps(peer, steps, arguments):
    for step in steps:
        verb, _, value = step.partition(":")
        if verb == "establish":
            establish(peer, arguments)
        elif verb == "send":
            peer.send(bytes.fromhex(value))
        elif verb == "drip":
            for octet in bytes.fromhex(value):
                peer.send(bytes([octet]))
                time.sleep(0.001)
        elif verb == "report":
            report(peer)
        elif verb == "wait":
            wait_for_file(peer, value)
        elif verb == "expect-refresh-markers":
            expect_refresh_markers(peer)
        elif verb == "expect-ipv6":
            expect_ipv6(peer, value)
        elif verb == "mute":
            peer.muted = True
        elif verb == "close":
            return
        else:
            raise SystemExit("badpeer: unknown step %r" % step)
    peer.send(message(NOTIFICATION, bytes([6, 2])))


def accept(arguments):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((arguments.listen, arguments.port))
    listener.listen(1)
    listener.settimeout(arguments.accept_timeout)
    try:
        connection, _ = listener.accept()
    except socket.timeout:
        print("no connection", flush=True)
        sys.exit(1)
    finally:
        listener.close()
    connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return connection


def add_capability_options(parser):
    """The options that add capabilities to our OPEN (dialpeer.py takes them too)."""
    parser.add_argument(
        "--extended-message", action="store_true", help="offer RFC 8654 extended messages")
    parser.add_argument(
        "--enhanced-route-refresh", action="store_true", help="offer RFC 7313 in the OPEN")
    parser.add_argument(
        "--ipv6", action="store_true", help="offer multiprotocol IPv6 unicast (RFC 4760)")


def main():
    parser = argparse.ArgumentParser(description="a misbehaving BGP peer")
    parser.add_argument("--listen", required=True, help="the address to accept on")
    parser.add_argument("--port", type=int, default=179)
    parser.add_argument("--as", dest="autonomous_system", type=int, required=True)
    parser.add_argument("--id", dest="identifier", required=True, help="our BGP identifier")
    parser.add_argument("--accept-timeout", type=float, default=60)
    add_capability_options(parser)
    parser.add_argument("steps", nargs="+")
    arguments = parser.parse_args()

    connection = accept(arguments)
    try:
        run_steps(Peer(connection), arguments.steps, arguments)
    except SessionEnded as ended:
        print(ended, flush=True)
    finally:
        connection.close()


if __name__ == "__main__":
    main()
