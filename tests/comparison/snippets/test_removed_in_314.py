"""APIs removed in Python 3.14, not 3.13 or 3.12.

3.12 and 3.13: every test passes (the APIs are there, most warn).  3.14: every test fails.
They pin that a comparison with an earlier release does not fail a test for a removal that
release has not made.
"""

import ast
import email.utils
import pkgutil
import sqlite3


def test_ast_Num():
    assert ast.Num(3).value == 3


def test_ast_Constant_s():
    assert ast.Constant("text").s == "text"


def test_pkgutil_find_loader():
    assert pkgutil.find_loader("json") is not None


def test_sqlite3_version_info():
    assert isinstance(sqlite3.version_info, tuple)


def test_email_utils_localtime_isdst():
    assert email.utils.localtime(isdst=-1).tzinfo is not None
