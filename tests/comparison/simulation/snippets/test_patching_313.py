"""Tests that patch names removed in 3.13.

Real 3.13: a patch that may create the name works and the name is gone again afterwards; a
patch that requires the name raises AttributeError.  Real 3.12 and 3.8-3.11 without the
plugin: every test passes.
"""

import re
import sys
import types
import unittest
from unittest import mock


def fake_make_suite(case_class):
    return unittest.TestSuite()


def test_monkeypatch_setattr_raising_False_creates_the_name(monkeypatch):
    monkeypatch.setattr(unittest, "makeSuite", fake_make_suite, raising=False)
    assert unittest.makeSuite(unittest.TestCase).countTestCases() == 0


def test_the_patched_name_is_gone_again_from_313():
    assert hasattr(unittest, "makeSuite") == (sys.version_info < (3, 13))
    assert getattr(unittest, "makeSuite", None) is not fake_make_suite


def test_monkeypatch_setattr_requires_the_name(monkeypatch):
    monkeypatch.setattr(unittest, "makeSuite", fake_make_suite)
    assert unittest.makeSuite(unittest.TestCase).countTestCases() == 0


def test_mock_patch_by_dotted_path_requires_the_name():
    with mock.patch("re.template") as patched:
        assert re.template is patched


def test_monkeypatch_setitem_sys_modules_provides_the_module(monkeypatch):
    stand_in = types.ModuleType("telnetlib")
    stand_in.TELNET_PORT = 23
    monkeypatch.setitem(sys.modules, "telnetlib", stand_in)
    import telnetlib

    assert telnetlib is stand_in


def test_the_stand_in_module_is_gone_again():
    try:
        import telnetlib
    except ImportError:
        telnetlib = None
    assert (telnetlib is None) == (sys.version_info >= (3, 13))
    assert telnetlib is None or callable(telnetlib.Telnet)
