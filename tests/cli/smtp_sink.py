#!/usr/bin/env python3
"""A real SMTP server on loopback for the CLI tests (aiosmtpd, Debian's python3-aiosmtpd).

usage: smtp_sink.py DIR [PORT]
Listens on 127.0.0.1:PORT (0 or none: a free port), writes the chosen port to DIR/port, and
stores each accepted message as DIR/N.eml (the DATA as received) with its envelope recipients
in DIR/N.rcpt, one per line. A recipient whose address starts with "nobody@" is refused with
550, as a server refuses an unknown mailbox.
"""
import asyncio
import os
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, directory):
        self.directory = directory
        # A restarted sink goes on numbering after the messages already there.
        self.count = len([n for n in os.listdir(directory) if n.endswith(".eml")])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("nobody@"):
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.directory, str(self.count))
        with open(base + ".rcpt.tmp", "w") as rcpt:
            rcpt.write("\n".join(envelope.rcpt_tos) + "\n")
        with open(base + ".eml.tmp", "wb") as eml:
            eml.write(envelope.original_content)
        os.rename(base + ".rcpt.tmp", base + ".rcpt")
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 OK message accepted"


async def main():
    directory = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    loop = asyncio.get_running_loop()
    handler = Sink(directory)
    server = await loop.create_server(lambda: SMTP(handler), "127.0.0.1", port)
    chosen = server.sockets[0].getsockname()[1]
    with open(os.path.join(directory, "port.tmp"), "w") as out:
        out.write(str(chosen))
    os.rename(os.path.join(directory, "port.tmp"), os.path.join(directory, "port"))
    async with server:
        await server.serve_forever()


asyncio.run(main())
