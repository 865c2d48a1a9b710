"""Code that reads the interpreter's version, at import time and in tests.

Real 3.12: every spelling of the check sees 3.12 or later and the code takes the 3.12
branch, which agrees with what the standard library has.  3.8-3.11 without the plugin:
the checks see the older release and the tests pass, except the ones named
``..._say_312_or_later`` (they fail with AssertionError there) and the ones skipped below
3.12; ``record.NEEDS_RELEASE`` lists both kinds.
"""

# ruff: noqa: PT009 - unittest-style tests on purpose

import importlib.util
import sys
import unittest
from sys import version_info

import pytest
import snippet_compat

PY312 = sys.version_info >= (3, 12)
PY312_FROM_IMPORT = version_info >= (3, 12)
PY312_SLICE = sys.version_info[:2] >= (3, 12)
PY312_MAJOR_MINOR = sys.version_info.major == 3 and sys.version_info.minor >= 12
PY312_HEXVERSION = sys.hexversion >= 0x030C0000
PY312_VERSION_STRING = tuple(int(part) for part in sys.version.split()[0].split(".")[:2]) >= (
    3,
    12,
)
IMP_GONE_AT_IMPORT = importlib.util.find_spec("imp") is None

if sys.version_info >= (3, 12):
    import importlib.machinery

    SOURCE_SUFFIXES = importlib.machinery.SOURCE_SUFFIXES
    BRANCH = "3.12"
else:
    import imp

    SOURCE_SUFFIXES = [suffix for suffix, _mode, kind in imp.get_suffixes() if kind == 1]
    BRANCH = "before 3.12"


def test_module_level_check_agrees_with_the_standard_library():
    assert PY312 == IMP_GONE_AT_IMPORT


def test_every_spelling_of_the_check_agrees():
    assert (
        PY312
        == PY312_FROM_IMPORT
        == PY312_SLICE
        == PY312_MAJOR_MINOR
        == PY312_HEXVERSION
        == PY312_VERSION_STRING
    )


def test_module_level_branch_works():
    assert ".py" in SOURCE_SUFFIXES
    assert BRANCH == ("3.12" if IMP_GONE_AT_IMPORT else "before 3.12")


def test_check_in_a_function_agrees_with_the_standard_library():
    if sys.version_info >= (3, 12):
        assert importlib.util.find_spec("asyncore") is None
    else:
        assert importlib.util.find_spec("asyncore") is not None


def test_check_in_a_project_module_agrees():
    assert snippet_compat.PY312 == PY312
    assert snippet_compat.SUFFIXES_FROM == ("importlib" if PY312 else "imp")
    assert ".py" in snippet_compat.all_suffixes()


def test_conftest_saw_the_same_release(conftest_saw):
    assert conftest_saw["3.12"] == PY312
    assert (conftest_saw["imp"] is None) == PY312


def test_version_info_say_312_or_later():
    assert sys.version_info >= (3, 12)


def test_version_info_slice_say_312_or_later():
    assert sys.version_info[:2] >= (3, 12)


def test_major_and_minor_say_312_or_later():
    assert sys.version_info.major == 3
    assert sys.version_info.minor >= 12


def test_from_sys_import_version_info_say_312_or_later():
    assert version_info >= (3, 12)


def test_hexversion_say_312_or_later():
    assert sys.hexversion >= 0x030C0000


def test_version_string_say_312_or_later():
    major, minor = sys.version.split()[0].split(".")[:2]
    assert (int(major), int(minor)) >= (3, 12)


@pytest.mark.skipif(sys.version_info < (3, 12), reason="needs Python 3.12")
def test_skipif_before_312_runs_from_312():
    assert importlib.util.find_spec("imp") is None


@pytest.mark.skipif("sys.version_info < (3, 12)", reason="needs Python 3.12")
def test_skipif_string_condition_before_312_runs_from_312():
    assert importlib.util.find_spec("imp") is None


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="imp was removed in Python 3.12")
def test_skipif_from_312_runs_before_312():
    import imp

    assert imp.PY_SOURCE == 1


class TestVersionChecksInATestCase(unittest.TestCase):
    @unittest.skipIf(sys.version_info >= (3, 12), "imp was removed in Python 3.12")
    def test_skipIf_from_312_runs_before_312(self):
        import imp

        self.assertEqual(imp.PY_SOURCE, 1)

    def test_check_in_a_method_agrees_with_the_standard_library(self):
        self.assertEqual(sys.version_info >= (3, 12), not hasattr(self, "assertEquals"))
