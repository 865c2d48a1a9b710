"""Code that reads the interpreter's version, against 3.13.

Real 3.13: every check sees 3.13 and agrees with what the standard library has.  Real 3.12
and 3.8-3.11 without the plugin: the tests pass, except the ones named
``..._say_313_or_later`` (they fail with AssertionError) and the one skipped below 3.13;
``record.NEEDS_RELEASE`` lists them.
"""

# ruff: noqa: UP035 - pipes.quote is what 3.8-3.12 code imports

import importlib.util
import sys
from sys import version_info

import pytest
import snippet_compat

PY313 = sys.version_info >= (3, 13)
PY313_FROM_IMPORT = version_info >= (3, 13)
PY313_SLICE = sys.version_info[:2] >= (3, 13)
PY313_HEXVERSION = sys.hexversion >= 0x030D0000
TELNETLIB_GONE_AT_IMPORT = importlib.util.find_spec("telnetlib") is None

if sys.version_info >= (3, 13):
    from shlex import quote

    BRANCH = "3.13"
else:
    from pipes import quote

    BRANCH = "before 3.13"


def test_module_level_check_agrees_with_the_standard_library():
    assert PY313 == TELNETLIB_GONE_AT_IMPORT


def test_every_spelling_of_the_check_agrees():
    assert PY313 == PY313_FROM_IMPORT == PY313_SLICE == PY313_HEXVERSION


def test_module_level_branch_works():
    assert quote("a b") == "'a b'"
    assert BRANCH == ("3.13" if TELNETLIB_GONE_AT_IMPORT else "before 3.13")


def test_check_in_a_project_module_agrees():
    assert snippet_compat.PY313 == PY313
    assert snippet_compat.QUOTE_FROM == ("shlex" if PY313 else "pipes")
    assert snippet_compat.quote("a b") == "'a b'"


def test_conftest_saw_the_same_release(conftest_saw):
    assert conftest_saw["3.13"] == PY313
    assert (conftest_saw["telnetlib"] is None) == PY313


def test_version_info_say_313_or_later():
    assert sys.version_info >= (3, 13)


def test_major_and_minor_say_313_or_later():
    assert (sys.version_info.major, sys.version_info.minor) >= (3, 13)


def test_hexversion_say_313_or_later():
    assert sys.hexversion >= 0x030D0000


@pytest.mark.skipif(sys.version_info < (3, 13), reason="needs Python 3.13")
def test_skipif_before_313_runs_from_313():
    assert importlib.util.find_spec("telnetlib") is None


@pytest.mark.skipif(sys.version_info >= (3, 13), reason="telnetlib was removed in 3.13")
def test_skipif_from_313_runs_before_313():
    import telnetlib

    assert telnetlib.TELNET_PORT == 23
