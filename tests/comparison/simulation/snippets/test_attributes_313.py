"""Attributes removed in Python 3.13 (present in 3.12), on modules, classes and instances.

Real 3.13: AttributeError (ImportError for ``from module import name``), ``hasattr()`` false,
``getattr()`` defaults.  Real 3.12: every test passes.  3.8-3.11 without the plugin: every
test passes.
"""

import configparser
import locale
import pdb
import re
import sys
import tokenize
import unittest

PY313 = sys.version_info >= (3, 13)


def _case_names():
    class Case(unittest.TestCase):
        def test_one(self):
            pass

    return Case


def test_module_function():
    assert unittest.getTestCaseNames(_case_names(), "test") == ["test_one"]


def test_from_module_import_removed_name():
    from unittest import makeSuite

    assert makeSuite(_case_names()).countTestCases() == 1


def test_module_flag():
    assert re.compile("a", re.TEMPLATE).match("a")


def test_module_class():
    assert issubclass(configparser.LegacyInterpolation, configparser.Interpolation)


def test_exception_class_of_a_module():
    assert issubclass(tokenize.StopTokenizing, Exception)


def test_method_on_a_class():
    assert callable(pdb.Pdb.execRcLines)


def test_method_through_an_instance():
    debugger = pdb.Pdb(readrc=False)
    debugger.rcLines = []
    assert debugger.execRcLines() is None


def test_hasattr_module_is_false_exactly_from_313():
    assert hasattr(locale, "resetlocale") == (not PY313)


def test_getattr_module_with_a_default():
    assert (getattr(re, "template", None) is None) == PY313


def test_getattr_class_with_a_default():
    assert (getattr(unittest.TestProgram, "usageExit", None) is None) == PY313


def test_removed_name_is_in_dir_exactly_before_313():
    assert ("findTestCases" in dir(unittest)) == (not PY313)
