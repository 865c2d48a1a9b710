"""Compatibility code and replacements that keep working on 3.13.

Real 3.13: the fallback branch runs and every test passes.  Real 3.12 and 3.8-3.11 without
the plugin: the first branch runs and every test passes.
"""

# ruff: noqa: UP013, UP035 - removed forms on purpose, with their fallbacks

import base64
import email.message
import shlex
import sys
import typing
import unittest

try:
    import telnetlib
except ImportError:
    telnetlib = None

try:
    from cgi import parse_header
except ImportError:

    def parse_header(line):
        message = email.message.Message()
        message["content-type"] = line
        return message.get_content_type(), dict(message.get_params()[1:])


def test_module_level_fallbacks_match_the_release():
    assert (telnetlib is None) == (sys.version_info >= (3, 13))


def test_module_level_fallback_function_works():
    assert parse_header("text/plain; charset=utf-8") == ("text/plain", {"charset": "utf-8"})


def test_try_pipes_quote_except_ImportError():
    try:
        from pipes import quote
    except ImportError:
        from shlex import quote
    assert quote("a b") == "'a b'"


def test_try_makeSuite_except_AttributeError():
    class Case(unittest.TestCase):
        def test_one(self):
            pass

    try:
        suite = unittest.makeSuite(Case)
    except AttributeError:
        suite = unittest.TestLoader().loadTestsFromTestCase(Case)
    assert suite.countTestCases() == 1


def test_try_TypedDict_keywords_except_TypeError():
    try:
        Point = typing.TypedDict("Point", x=int)
    except TypeError:
        Point = typing.TypedDict("Point", {"x": int})
    assert Point(x=1) == {"x": 1}


def test_shlex_quote_instead_of_pipes_quote():
    assert shlex.quote("a b") == "'a b'"


def test_base64_instead_of_uu():
    assert base64.b64decode(base64.b64encode(b"data")) == b"data"


def test_TestLoader_instead_of_findTestCases():
    class Case(unittest.TestCase):
        def test_one(self):
            pass

    assert unittest.TestLoader().loadTestsFromTestCase(Case).countTestCases() == 1
