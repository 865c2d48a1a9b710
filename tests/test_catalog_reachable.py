"""The entries only importing shows (``tools/surface/reachable.py``), through the plugin.

CPython's test packages that 3.12 moved into ``test`` (``unittest.test`` and its kin) and
removed APIs read through a module that re-exported them (``sqlite3.dbapi2``,
``sre_parse``, ``unittest.loader``) are ordinary module and name entries: default mode fails
a test that uses one, and simulation hides it, as the real release does
(``tests/comparison/snippets/test_removed_test_packages.py`` and
``test_removed_reexports.py`` compare whole runs with real 3.12 and 3.13).  So are the
``sre_*`` modules, which 3.15 removed whole after 3.12 and 3.13 had removed names in them.
"""

from __future__ import annotations

import sys

import pytest

BEFORE_312 = sys.version_info < (3, 12)
BEFORE_313 = sys.version_info < (3, 13)
BEFORE_315 = sys.version_info < (3, 15)
only_before_312 = pytest.mark.skipif(not BEFORE_312, reason="3.12 removed these already")
only_before_313 = pytest.mark.skipif(not BEFORE_313, reason="3.13 removed these already")
only_before_315 = pytest.mark.skipif(not BEFORE_315, reason="3.15 removed these already")

USES_312 = {
    "unittest.test": "from unittest.test.support import LoggingResult",
    "ctypes.test": "import importlib; importlib.import_module('ctypes.test')",
    "tkinter.test": "import tkinter.test.support",
    "lib2to3.tests": "from lib2to3 import tests",
    "sqlite3.dbapi2.enable_shared_cache": (
        "import sqlite3.dbapi2; sqlite3.dbapi2.enable_shared_cache(False)"
    ),
    "sre_parse.expand_template": "import sre_parse; sre_parse.expand_template",
}
"""Entry id -> a line of a test that uses it."""

USES_313 = {
    "unittest.loader.makeSuite": "from unittest.loader import makeSuite",
    "unittest.loader.findTestCases": "import unittest.loader; unittest.loader.findTestCases",
    "unittest.loader.getTestCaseNames": "from unittest import loader; loader.getTestCaseNames",
}

SRE_MODULES = ("sre_compile", "sre_constants", "sre_parse")
"""3.15 removed them whole; 3.12 and 3.13 had already removed names inside them."""

TEST = """
import warnings

def test_use():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        {line}

def test_plain():
    import unittest, sqlite3.dbapi2, unittest.loader
    assert unittest.loader.TestLoader and sqlite3.dbapi2.connect
"""


@only_before_312
@pytest.mark.parametrize(("api", "line"), USES_312.items(), ids=list(USES_312))
def test_default_mode_fails_a_use_of_a_312_entry_and_names_it(project, api, line):
    if api == "tkinter.test":
        pytest.importorskip("tkinter")
    project.makepyfile(test_use=TEST.format(line=line))
    result = project.runpytest_subprocess("-p", "no:randomly", "-rf")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [f"*uses APIs removed in Python 3.12: {api}", f"*{api} (*, removed in Python 3.12)"]
    )


@only_before_313
@pytest.mark.parametrize(("api", "line"), USES_313.items(), ids=list(USES_313))
def test_default_mode_fails_a_use_of_a_313_entry_when_the_target_is_313(project, api, line):
    project.makepyfile(test_use=TEST.format(line=line))
    result = project.runpytest_subprocess("-p", "no:randomly", "--removed-apis-target=3.13")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([f"*{api}  removed in Python 3.13, 1 test"])


@only_before_312
def test_a_fallback_from_a_moved_test_package_is_no_use(project):
    project.makepyfile(
        test_fallback="""
        def test_fallback():
            try:
                from unittest.test.support import LoggingResult
            except ImportError:
                LoggingResult = None
        """
    )
    project.runpytest_subprocess("-p", "no:randomly").assert_outcomes(passed=1)


@only_before_312
def test_simulated_312_hides_the_moved_test_packages_and_the_re_exports(project):
    project.makepyfile(
        test_hidden="""
        import importlib, pytest, sqlite3.dbapi2, warnings

        def test_test_packages_are_gone():
            for name in ("unittest.test", "ctypes.test", "lib2to3.tests"):
                with pytest.raises(ModuleNotFoundError) as caught:
                    importlib.import_module(name)
                assert caught.value.name == name

        def test_from_package_import_test_package():
            with pytest.raises(ImportError, match="cannot import name 'test'"):
                from unittest import test

        def test_re_exports_are_gone():
            assert not hasattr(sqlite3.dbapi2, "enable_shared_cache")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                import sre_parse
            assert not hasattr(sre_parse, "expand_template")
            assert callable(sre_parse.parse_template)

        def test_the_313_removals_are_still_there():
            import unittest.loader
            assert callable(unittest.loader.makeSuite)
        """
    )
    result = project.runpytest_subprocess("--simulate-312", "-p", "no:randomly")
    result.assert_outcomes(passed=4)


@only_before_313
def test_simulated_313_hides_the_unittest_loader_functions(project):
    project.makepyfile(
        test_hidden="""
        import pytest, unittest, unittest.loader

        def test_loader_functions_are_gone():
            for name in ("makeSuite", "findTestCases", "getTestCaseNames"):
                assert not hasattr(unittest.loader, name)
                assert not hasattr(unittest, name)
            with pytest.raises(ImportError, match="cannot import name 'makeSuite'"):
                from unittest.loader import makeSuite
            assert unittest.loader.TestLoader
        """
    )
    result = project.runpytest_subprocess("--simulate-python", "3.13", "-p", "no:randomly")
    result.assert_outcomes(passed=1)


@only_before_315
@pytest.mark.parametrize("module", SRE_MODULES)
def test_default_mode_fails_an_import_of_a_315_module_when_the_target_is_315(project, module):
    project.makepyfile(test_use=TEST.format(line=f"import {module}"))
    result = project.runpytest_subprocess("-p", "no:randomly", "--removed-apis-target=3.15")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([f"*{module}  removed in Python 3.15, 1 test"])


@only_before_315
def test_simulated_315_hides_the_sre_modules_and_what_earlier_releases_removed_in_them(
    project,
):
    project.makepyfile(
        test_hidden=f"""
        import importlib, pytest, re

        def test_modules_are_gone():
            for name in {SRE_MODULES!r}:
                with pytest.raises(ModuleNotFoundError) as caught:
                    importlib.import_module(name)
                assert caught.value.name == name

        def test_a_name_removed_earlier_goes_with_its_module():
            with pytest.raises(ModuleNotFoundError, match="sre_parse"):
                from sre_parse import expand_template

        def test_re_keeps_working():
            assert re.match("(a)+", "aa").expand(r"\\1") == "a"
        """
    )
    result = project.runpytest_subprocess("--simulate-python", "3.15", "-p", "no:randomly")
    result.assert_outcomes(passed=3)
