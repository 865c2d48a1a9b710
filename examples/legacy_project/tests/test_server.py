"""Imports legacy_inventory.server at module level: on 3.12 the whole file
fails to import (asynchat/asyncore/smtpd are gone), including the test that
uses nothing removed itself."""
import socket

from legacy_inventory.inventory import Inventory
from legacy_inventory.server import (
    AlertSink,
    InventoryLineHandler,
    compose_low_stock_alert,
    pump,
)


def test_compose_low_stock_alert():
    text = compose_low_stock_alert(["wid-1", "bolt-7"])
    assert text.startswith("Subject: low stock (2 items)")
    assert "BOLT-7" in text


def test_line_handler_answers_count():
    inv = Inventory()
    inv.add("WID-1", 5)
    ours, theirs = socket.socketpair()
    channel_map = {}
    handler = InventoryLineHandler(ours, inv, map=channel_map)
    try:
        theirs.settimeout(2)
        theirs.sendall(b"COUNT wid-1\n")
        pump(channel_map)
        assert theirs.recv(64) == b"5\n"
    finally:
        handler.close()
        theirs.close()


def test_alert_sink_keeps_messages():
    sink = AlertSink()
    try:
        sink.process_message(("127.0.0.1", 40000), "stock@example.com",
                             ["ops@example.com"], compose_low_stock_alert(["wid-1"]))
        assert sink.messages[0][1] == ["ops@example.com"]
    finally:
        sink.close()
