import sys

from legacy_inventory.virtual import VirtualModuleFinder, import_rules


def test_import_rules():
    try:
        rules = import_rules("inv_rules_reorder", "REORDER_AT = 10\n")
        assert rules.REORDER_AT == 10
    finally:
        sys.modules.pop("inv_rules_reorder", None)


def test_finder_ignores_unknown_names():
    finder = VirtualModuleFinder({"inv_rules_a": ""})
    assert finder.find_module("json") is None
    assert finder.find_module("inv_rules_a") is finder
