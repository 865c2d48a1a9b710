"""Behaviours removed in Python 3.12: the API is still there, it no longer does this.

3.12: every test fails (TypeError, ModuleNotFoundError, re.error, a different repr, ...).
"""

import importlib.metadata
import io
import os
import random
import re
import shlex
import sys
import types

import pytest


def test_randrange_integral_float():
    assert random.randrange(10.0) in range(10)


def test_randrange_non_integer_raises_ValueError():
    # 3.11: ValueError("non-integer arg 1 for randrange()"); 3.12: TypeError.
    with pytest.raises(ValueError, match="non-integer"):
        random.randrange(10.5)


def test_shlex_split_None_reads_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("one 'two three'"))
    assert shlex.split(None) == ["one", "two three"]


class _LegacyLoader:
    """A loader from before PEP 451: load_module() only."""

    def load_module(self, fullname):
        module = types.ModuleType(fullname)
        module.ANSWER = 42
        sys.modules[fullname] = module
        return module


class _FindModuleOnlyMetaPathFinder:
    """A meta-path finder from before PEP 451: find_module() only, no find_spec()."""

    name = "legacy_meta_path_module"

    def find_module(self, fullname, path=None):
        return _LegacyLoader() if fullname == self.name else None


def test_meta_path_finder_with_only_find_module(monkeypatch):
    name = _FindModuleOnlyMetaPathFinder.name
    monkeypatch.setattr(sys, "meta_path", [_FindModuleOnlyMetaPathFinder(), *sys.meta_path])
    try:
        module = importlib.import_module(name)
    finally:
        sys.modules.pop(name, None)
    assert module.ANSWER == 42


class _FindModuleOnlyPathEntryFinder:
    """A path-entry finder (made by a sys.path_hooks entry) with find_module() only."""

    entry = "<legacy-path-entry>"
    name = "legacy_path_entry_module"

    def __init__(self, path_entry):
        if path_entry != self.entry:
            raise ImportError("not my path entry")

    def find_module(self, fullname):
        return _LegacyLoader() if fullname == self.name else None


def test_path_entry_finder_with_only_find_module(monkeypatch):
    name = _FindModuleOnlyPathEntryFinder.name
    monkeypatch.setattr(sys, "path_hooks", [_FindModuleOnlyPathEntryFinder, *sys.path_hooks])
    monkeypatch.setattr(sys, "path_importer_cache", dict(sys.path_importer_cache))
    monkeypatch.syspath_prepend(_FindModuleOnlyPathEntryFinder.entry)
    try:
        module = importlib.import_module(name)
    finally:
        sys.modules.pop(name, None)
    assert module.ANSWER == 42


class _ReprLoader:
    def module_repr(self, module):
        return "<the loader's repr>"


def test_loader_module_repr_is_used():
    module = types.ModuleType("repr_demo")
    module.__loader__ = _ReprLoader()
    assert repr(module) == "<the loader's repr>"


def test_os_stat_bytearray_path():
    assert os.stat(bytearray(b".")).st_mode


def test_re_group_reference_with_sign():
    assert re.sub("(a)", r"\g<+1>", "a") == "a"


def test_re_bytes_pattern_non_ascii_group_name():
    assert re.compile(b"(?P<\xe9>a)").match(b"a")


def test_entry_points_dict_interface_getitem():
    assert len(importlib.metadata.entry_points()["console_scripts"]) > 0
