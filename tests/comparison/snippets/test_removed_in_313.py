"""APIs removed in Python 3.13, not 3.12.

3.12: every test passes (the APIs are there, some warn).  3.13: every test fails.  They pin
that the 3.12 comparison does not fail a test for a removal that 3.12 has not made.
"""

import importlib
import pathlib
import re
import types
import typing
import unittest
import urllib.request


def test_unittest_makeSuite():
    class Case(unittest.TestCase):
        def test_one(self):
            pass

    assert unittest.makeSuite(Case).countTestCases() == 1


def test_unittest_findTestCases():
    class Case(unittest.TestCase):
        def test_one(self):
            pass

    module = types.ModuleType("module_with_tests")
    module.Case = Case
    assert unittest.findTestCases(module).countTestCases() == 1


def test_import_telnetlib():
    import telnetlib

    assert telnetlib.TELNET_PORT == 23


def test_importlib_import_module_cgi():
    assert callable(importlib.import_module("cgi").parse_header)


def test_import_pipes():
    import pipes

    assert pipes.quote("a b") == "'a b'"


def test_from_typing_io_import_TextIO():
    from typing.io import TextIO

    assert TextIO is typing.TextIO


def test_TypedDict_keyword_arguments():
    Movie = typing.TypedDict("Movie", name=str, year=int)
    assert Movie.__annotations__ == {"name": str, "year": int}


def test_Path_as_context_manager():
    with pathlib.Path(".") as path:
        assert path == pathlib.Path(".")


def test_re_template():
    assert re.template("a").match("a")


def test_urlopen_cafile(key_and_cert, tmp_path):
    _key, cert = key_and_cert
    page = tmp_path / "page.txt"
    page.write_text("content")
    with urllib.request.urlopen(page.as_uri(), cafile=cert) as response:
        assert response.read() == b"content"
