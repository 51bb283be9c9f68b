#!/usr/bin/env python3
"""A BGP peer that calls brindled, for scripts/integration/reflector.

It connects from SOURCE to ADDRESS:PORT (retrying until --connect-timeout),
then runs the same steps as badpeer.py (establish, send:HEX, report, wait:PATH,
mute, close; see there) and prints their outcome the same way. A speaker that
turns the connection away may send its NOTIFICATION before any OPEN (RFC 4486
Cease subcode 5, "Connection Rejected"), so what arrives in the first half
second is read before our OPEN goes out: "establish" then prints
"notification 6/5". Python 3 standard library only.
"""

import argparse
import os
import select
import socket
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ left in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import badpeer  # noqa: E402  (found next to this file)


def connect(arguments):
    """A connected socket, or exits printing "no connection"."""
    deadline = time.monotonic() + arguments.connect_timeout
    while True:
        try:
            connection = socket.create_connection(
                (arguments.connect, arguments.port), timeout=2,
                source_address=(arguments.source, 0))
            connection.settimeout(None)
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return connection
        except OSError:
            if time.monotonic() >= deadline:
                print("no connection", flush=True)
                sys.exit(1)
            time.sleep(0.5)


def main():
    parser = argparse.ArgumentParser(description="a BGP peer that calls brindled")
    parser.add_argument("--connect", required=True, help="the address to call")
    parser.add_argument("--source", required=True, help="our address on the call")
    parser.add_argument("--port", type=int, default=179)
    parser.add_argument("--as", dest="autonomous_system", type=int, required=True)
    parser.add_argument("--id", dest="identifier", required=True, help="our BGP identifier")
    parser.add_argument("--connect-timeout", type=float, default=30)
    badpeer.add_capability_options(parser)
    parser.add_argument("steps", nargs="+")
    arguments = parser.parse_args()

    connection = connect(arguments)
    peer = badpeer.Peer(connection)
    try:
        readable, _, _ = select.select([connection], [], [], 0.5)
        if readable:
            peer.receive()
        badpeer.run_steps(peer, arguments.steps, arguments)
    except badpeer.SessionEnded as ended:
        print(ended, flush=True)
    finally:
        connection.close()


if __name__ == "__main__":
    main()
