"""Removed APIs reached through another module that re-exported them.

``sqlite3.dbapi2`` held ``enable_shared_cache`` for ``sqlite3``, ``sre_parse`` re-exported
``re._parser``'s ``expand_template``, and ``unittest.loader`` defined the functions that
``unittest`` re-exports.  3.12: the first three tests fail; 3.13: every test but the last.
"""

import re
import types
import unittest
import unittest.loader
import warnings


def _case():
    class Case(unittest.TestCase):
        def test_one(self):
            pass

    return Case


def test_sqlite3_dbapi2_enable_shared_cache():
    import sqlite3.dbapi2

    sqlite3.dbapi2.enable_shared_cache(False)


def test_from_sqlite3_dbapi2_import_enable_shared_cache():
    from sqlite3.dbapi2 import enable_shared_cache

    assert callable(enable_shared_cache)


def test_sre_parse_expand_template():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the module itself is deprecated since 3.11
        import sre_parse

    match = re.match("(a)", "a")
    template = sre_parse.parse_template(r"\1x", match.re)
    assert sre_parse.expand_template(template, match) == "ax"


def test_unittest_loader_makeSuite():
    assert unittest.loader.makeSuite(_case()).countTestCases() == 1


def test_from_unittest_loader_import_findTestCases():
    from unittest.loader import findTestCases

    assert findTestCases(types.ModuleType("module_without_tests")).countTestCases() == 0


def test_unittest_loader_getTestCaseNames():
    assert unittest.loader.getTestCaseNames(_case(), "test") == ["test_one"]


def test_unittest_loader_TestLoader_is_the_replacement():
    assert unittest.loader.TestLoader().loadTestsFromTestCase(_case()).countTestCases() == 1
