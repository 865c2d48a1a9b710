"""Line protocol for the hand-held scanners, and a mail sink for staging.

Both sit on asyncore/asynchat/smtpd, which Python 3.12 removed; importing
this module fails there.
"""
import asynchat
import asyncore
import smtpd

from .inventory import normalise_sku


def parse_command(line):
    verb, _, arg = line.strip().partition(" ")
    return verb.upper(), arg.strip()


def handle_command(inventory, line):
    verb, arg = parse_command(line)
    if verb == "COUNT":
        return str(inventory.quantity(arg))
    if verb == "LOW":
        return ",".join(inventory.low_stock(int(arg)))
    return "ERR unknown command %s" % verb


class InventoryLineHandler(asynchat.async_chat):
    """Answers one newline-terminated command per line."""

    def __init__(self, sock, inventory, map=None):
        asynchat.async_chat.__init__(self, sock, map=map)
        self.inventory = inventory
        self._buffer = []
        self.set_terminator(b"\n")

    def collect_incoming_data(self, data):
        self._buffer.append(data)

    def found_terminator(self):
        line = b"".join(self._buffer).decode("ascii")
        self._buffer = []
        self.push((handle_command(self.inventory, line) + "\n").encode("ascii"))


def pump(channel_map, iterations=3):
    asyncore.loop(timeout=0.05, map=channel_map, count=iterations)


def compose_low_stock_alert(skus):
    body = "\n".join(normalise_sku(s) for s in skus)
    return "Subject: low stock (%d items)\n\n%s\n" % (len(skus), body)


class AlertSink(smtpd.SMTPServer):
    """Keeps alert mails in memory instead of delivering them."""

    def __init__(self, localaddr=("127.0.0.1", 0)):
        smtpd.SMTPServer.__init__(self, localaddr, None, map={})
        self.messages = []

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        self.messages.append((mailfrom, list(rcpttos), data))
