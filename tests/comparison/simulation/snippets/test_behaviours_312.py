"""Behaviours removed in Python 3.12: the API is still there, it no longer does this.

One test per behaviour in the catalog that can be shown on 3.8 to 3.11 alike.  Real 3.12:
every test fails, with what 3.12 raises (TypeError, ValueError, AttributeError, re.error) or
with AssertionError where 3.12 gives another answer.  3.8-3.11 without the plugin: every
test passes.

Not here: the list interface of ``importlib.metadata.EntryPoints``, which does not exist
before 3.10 (on 3.8 and 3.9 ``entry_points()`` returns a dict of tuples), so no test can
pass on every release before 3.12 and fail on 3.12.
"""

import importlib
import importlib.metadata
import importlib.util
import io
import os
import random
import re
import shlex
import sys
import types

import pytest


def test_randrange_integral_float_step():
    assert random.randrange(0, 10, 2.0) in range(0, 10, 2)


def test_randrange_non_integer_raises_ValueError():
    # 3.8-3.11: ValueError; 3.12: TypeError, which pytest.raises lets through.
    with pytest.raises(ValueError, match="non-integer"):
        random.randrange(0, 2.5)


def test_shlex_split_None_reads_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("a 'b c' # comment"))
    assert shlex.split(None, comments=True) == ["a", "b c"]


def test_os_listdir_bytearray_path(tmp_path):
    (tmp_path / "file").write_text("")
    assert os.listdir(bytearray(os.fsencode(str(tmp_path)))) == [b"file"]


def test_re_group_reference_with_a_non_ASCII_digit():
    assert re.sub("(a)", "[\\g<\u0661>]", "a") == "[a]"


def test_entry_points_dict_interface_get():
    scripts = importlib.metadata.entry_points().get("console_scripts", ())
    assert len(scripts) > 0


class _LegacyLoader:
    """A loader from before PEP 451: load_module() only."""

    def load_module(self, fullname):
        module = types.ModuleType(fullname)
        module.ANSWER = 42
        sys.modules[fullname] = module
        return module


class _FindModuleOnlyFinder:
    """A meta-path finder from before PEP 451: find_module() only, no find_spec()."""

    name = "simulation_legacy_finder_module"

    def find_module(self, fullname, path=None):
        return _LegacyLoader() if fullname == self.name else None


def test_find_spec_consults_a_find_module_only_finder(monkeypatch):
    monkeypatch.setattr(sys, "meta_path", [_FindModuleOnlyFinder(), *sys.meta_path])
    assert importlib.util.find_spec(_FindModuleOnlyFinder.name) is not None


def test_import_through_a_find_module_only_finder(monkeypatch):
    name = _FindModuleOnlyFinder.name
    monkeypatch.setattr(sys, "meta_path", [_FindModuleOnlyFinder(), *sys.meta_path])
    try:
        module = __import__(name)
    finally:
        sys.modules.pop(name, None)
    assert module.ANSWER == 42


class _ReprLoader:
    def module_repr(self, module):
        return f"<legacy module {module.__name__}>"


def test_module_repr_comes_from_the_loader():
    module = types.ModuleType("simulation_repr_demo")
    module.__loader__ = _ReprLoader()
    assert repr(module) == "<legacy module simulation_repr_demo>"
