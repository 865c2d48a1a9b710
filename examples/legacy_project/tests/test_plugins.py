import sys

import pytest

from legacy_inventory.plugins import collect_hooks, load_plugin

PLUGIN = """\
LABEL = "restock-mailer"
CALLS = []

def on_stock_change(sku, quantity):
    CALLS.append((sku, quantity))
"""


@pytest.fixture
def plugin_file(tmp_path):
    path = tmp_path / "restock.py"
    path.write_text(PLUGIN)
    yield path
    sys.modules.pop("inventory_plugin_restock", None)


def test_load_plugin(plugin_file):
    module = load_plugin(str(plugin_file))
    assert module.LABEL == "restock-mailer"


def test_collect_hooks_calls_plugin(plugin_file):
    hooks = collect_hooks([str(plugin_file)])
    assert len(hooks) == 1
    hooks[0]("WID-1", 0)
    assert sys.modules["inventory_plugin_restock"].CALLS == [("WID-1", 0)]
