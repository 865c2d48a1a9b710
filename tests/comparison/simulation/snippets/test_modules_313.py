"""Standard-library modules removed in Python 3.13 (present in 3.12), imported every way.

Real 3.13: ModuleNotFoundError, as for the 3.12 removals (``typing.io`` and ``typing.re``
were attributes of ``typing`` posing as modules; 3.13 says ``'typing' is not a package``).
Real 3.12: every test passes, with DeprecationWarnings.  3.8-3.11 without the plugin: every
test passes.
"""

# ruff: noqa: PT009, UP035 - unittest-style tests and typing.re on purpose

import contextlib
import importlib
import importlib.util
import sys
import unittest

import pytest


def test_import_statement():
    import telnetlib

    assert telnetlib.TELNET_PORT == 23


def test_from_module_import_name():
    from cgi import parse_header

    assert parse_header("text/plain; charset=utf-8") == ("text/plain", {"charset": "utf-8"})


def test_importlib_import_module():
    pipes = importlib.import_module("pipes")
    assert pipes.quote("a b") == "'a b'"


def test_dunder_import():
    uu = __import__("uu")
    assert callable(uu.encode)


def test_import_submodule_of_a_removed_package():
    import lib2to3.pgen2.token

    assert lib2to3.pgen2.token.NAME == 1


def test_from_typing_re_import_Pattern():
    from typing.re import Pattern

    assert Pattern is not None


def test_find_spec_finds_the_module():
    assert importlib.util.find_spec("mailcap") is not None


def test_find_spec_of_a_submodule_finds_it():
    assert importlib.util.find_spec("lib2to3.pgen2") is not None


def test_find_spec_is_None_exactly_from_313():
    assert (importlib.util.find_spec("xdrlib") is None) == (sys.version_info >= (3, 13))


def test_the_error_names_the_missing_package():
    try:
        import lib2to3.pgen2.driver  # noqa: F401 - only the error matters
    except ModuleNotFoundError as error:
        missing = error.name
    else:
        missing = None
    assert missing == ("lib2to3" if sys.version_info >= (3, 13) else None)


def test_sys_modules_holds_the_module_only_before_313():
    with contextlib.suppress(ImportError):
        import chunk  # noqa: F401 - only its presence in sys.modules matters
    assert ("chunk" in sys.modules) == (sys.version_info < (3, 13))


def test_importorskip():
    sndhdr = pytest.importorskip("sndhdr")
    assert callable(sndhdr.what)


class TestImportsInATestCase(unittest.TestCase):
    def test_import_in_a_TestCase(self):
        import imghdr

        self.assertTrue(callable(imghdr.what))

    @unittest.skipIf(importlib.util.find_spec("sunau") is None, "sunau was removed in 3.13")
    def test_skipIf_find_spec_at_collection(self):
        import sunau

        self.assertEqual(sunau.AUDIO_FILE_MAGIC, 0x2E736E64)
