"""Checks the plugin loader against the old imp API it replaced.

`import imp` at the top: on 3.12 this file cannot even be collected."""
import sys

import imp

from legacy_inventory.plugins import load_plugin


def test_new_module_is_empty():
    module = imp.new_module("scratch_plugin")
    assert module.__name__ == "scratch_plugin"
    assert not hasattr(module, "on_stock_change")


def test_loader_matches_imp_load_source(tmp_path):
    path = tmp_path / "labels.py"
    path.write_text("LABEL = 'labels'\n")
    try:
        ours = load_plugin(str(path), name="compat_ours")
        theirs = imp.load_source("compat_theirs", str(path))
        assert ours.LABEL == theirs.LABEL == "labels"
    finally:
        sys.modules.pop("compat_ours", None)
        sys.modules.pop("compat_theirs", None)
