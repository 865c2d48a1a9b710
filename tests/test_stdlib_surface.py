"""The exclusion rule of tools/stdlib_surface.py, which decides what counts as API."""

from __future__ import annotations

import ast
import importlib.util
import pathlib
import sys

import pytest

TOOL = pathlib.Path(__file__).resolve().parent.parent / "tools" / "stdlib_surface.py"


@pytest.fixture(scope="module")
def surface():
    spec = importlib.util.spec_from_file_location("stdlib_surface", TOOL)
    module = importlib.util.module_from_spec(spec)
    sys.modules["stdlib_surface"] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules["stdlib_surface"]


def scan(surface, source: str, package: str = ""):
    bindings = surface.SourceBindings(package)
    bindings._scan(ast.parse(source).body)
    return bindings


def test_source_bindings_tell_definitions_imports_and_loop_variables_apart(surface):
    bindings = scan(
        surface,
        "import os\n"
        "from .util import helper as aid\n"
        "Alias = str\n"
        "def function(): pass\n"
        "for spec_op, specialized in []: pass\n"
        "if True:\n"
        "    class Guarded: pass\n",
        package="pkg",
    )
    assert bindings.defined == {"Alias", "function", "Guarded"}
    assert bindings.looped == {"spec_op", "specialized"}
    assert bindings.imported == {"os": [("os", "")], "aid": [("pkg.util", "helper")]}


@pytest.mark.parametrize(
    ("record", "incidental"),
    [
        ({"kind": "module", "origin": "os"}, True),
        ({"kind": "class", "binding": "imported", "sources": [["collections", "x"]]}, True),
        ({"kind": "class", "binding": "imported", "sources": [["json.decoder", "x"]]}, False),
        ({"kind": "function", "binding": "defined"}, False),
        ({"kind": "attribute", "binding": "loop variable"}, True),
        ({"kind": "attribute", "binding": "loop variable", "in_all": True}, False),
        ({"kind": "function", "origin": "_json"}, False),
        ({"kind": "function", "origin": "collections"}, True),
    ],
    ids=[
        "imported-module",
        "imported-from-elsewhere",
        "imported-from-own-submodule",
        "defined-here",
        "loop-variable",
        "listed-in-__all__",
        "accelerator",
        "foreign-origin",
    ],
)
def test_incidental_rule(surface, record, incidental):
    reason = surface.incidental_reason("json", "name", record)
    assert (reason is not None) == incidental, reason
