"""Patterns of real suites around removed APIs, judged by real CPython 3.12.

``PATTERNS`` pass on 3.8-3.11 without the plugin; ``REAL_312`` is what real 3.12.1 (and
3.13.0) does with them (``-p no:removed_apis``).  Before 3.12, default mode and simulation
must each end every test as real 3.12 does.  ``SIMULATED`` fail on 3.11 without the plugin
(they look for what 3.11 still has), so only simulation is held to real 3.12 there.
"""

from __future__ import annotations

import sys

import judged
import pytest
from judged import Outcomes

BEFORE_312 = sys.version_info < (3, 12)

PATTERNS = {
    "test_patterns.py": """
        import locale
        from unittest import mock


        def test_mock_patch_of_a_removed_module():
            with mock.patch("imp.reload"):
                pass


        @mock.patch("asyncore.loop")
        def test_mock_patch_decorating_the_test(loop):
            assert loop


        def test_monkeypatch_of_a_removed_name_without_raising(monkeypatch):
            monkeypatch.setattr(locale, "format", lambda *args: "x", raising=False)
            assert locale.format("%d", 1) == "x"


        def test_monkeypatch_delattr_without_raising(monkeypatch):
            monkeypatch.delattr(locale, "format", raising=False)


        def test_mock_patch_of_a_removed_name_with_create():
            with mock.patch("locale.format_string", create=True):
                pass


        def test_an_explicit_call_of_a_removed_special_method():
            import enum

            class Color(enum.Enum):
                RED = 1

            assert enum.EnumMeta.__getattr__(Color, "RED") is Color.RED


        def test_the_interpreters_own_use_of_that_special_method():
            import enum

            class Color(enum.Enum):
                RED = 1

            assert not hasattr(Color, "BLUE")


        def test_a_non_member_in_an_enum_class_raises():
            import enum

            import pytest

            class Color(enum.Enum):
                RED = 1

            with pytest.raises(TypeError):
                "RED" in Color


        def test_index_access_on_entry_points():
            from importlib.metadata import entry_points

            found = entry_points()
            scripts = (
                found.select(group="console_scripts")
                if hasattr(found, "select")
                else found["console_scripts"]
            )
            assert scripts[0].name


        def test_a_removed_parameter_passed_by_position():
            import ftplib

            ftplib.FTP_TLS("", "", "", "", None)  # keyfile


        def test_a_finder_with_only_find_module_made_by_exec():
            import sys

            namespace = {"__name__": "made_by_exec"}
            exec(FINDER, namespace)
            finder = namespace["Finder"]()
            sys.meta_path.append(finder)
            try:
                import exec_made_module  # noqa: F401
            finally:
                sys.meta_path.remove(finder)
                sys.modules.pop("exec_made_module", None)


        FINDER = '''
        import sys, types

        class Finder:
            def find_module(self, name, path=None):
                return self if name == "exec_made_module" else None

            def load_module(self, name):
                module = sys.modules[name] = types.ModuleType(name)
                return module
        '''


        def test_randrange_of_a_fraction():
            import fractions
            import random

            assert random.randrange(fractions.Fraction(3)) in range(3)
        """,
}

REAL_312: Outcomes = {
    "test_patterns.py::test_mock_patch_of_a_removed_module": "failed",
    "test_patterns.py::test_mock_patch_decorating_the_test": "failed",
    "test_patterns.py::test_monkeypatch_of_a_removed_name_without_raising": "passed",
    "test_patterns.py::test_monkeypatch_delattr_without_raising": "passed",
    "test_patterns.py::test_mock_patch_of_a_removed_name_with_create": "passed",
    "test_patterns.py::test_an_explicit_call_of_a_removed_special_method": "failed",
    "test_patterns.py::test_the_interpreters_own_use_of_that_special_method": "passed",
    "test_patterns.py::test_a_non_member_in_an_enum_class_raises": "failed",
    "test_patterns.py::test_index_access_on_entry_points": "failed",
    "test_patterns.py::test_a_removed_parameter_passed_by_position": "failed",
    "test_patterns.py::test_a_finder_with_only_find_module_made_by_exec": "failed",
    "test_patterns.py::test_randrange_of_a_fraction": "failed",
}

OWN_COPY = {
    "asyncore.py": """
        class Dispatcher:
            pass
        """,
    "test_own_copy.py": """
        import asyncore

        DISPATCHER = asyncore.Dispatcher


        def test_first():
            import asyncore as again

            assert again is asyncore


        def test_second():
            import asyncore as again

            assert again is asyncore
            assert isinstance(again.Dispatcher(), DISPATCHER)
        """,
}
"""A copy of a removed module outside the standard library (a project's own, or a PyPI
one such as legacy-cgi): one module for the whole run, as on the real release."""

SCOPED = {
    "test_scoped.py": """
        import unittest

        import pytest


        class Server(unittest.TestCase):
            @classmethod
            def setUpClass(cls):
                import asyncore

                cls.loop = asyncore.loop

            def test_one(self):
                assert self.loop

            def test_two(self):
                assert self.loop


        class Other(unittest.TestCase):
            def test_fine(self):
                assert True


        @pytest.fixture(scope="module")
        def legacy():
            import locale

            return locale.format("%d", 1)


        def test_first_user(legacy):
            assert legacy == "1"


        def test_second_user(legacy):
            assert legacy == "1"


        def test_not_using_it():
            assert True
        """,
}
"""Uses while a fixture wider than a test is set up: on the real release it fails, and
pytest fails the setup of every test that uses it, not only the first."""

SCOPED_312: Outcomes = {
    "test_scoped.py::Server::test_one": "error",
    "test_scoped.py::Server::test_two": "error",
    "test_scoped.py::Other::test_fine": "passed",
    "test_scoped.py::test_first_user": "error",
    "test_scoped.py::test_second_user": "error",
    "test_scoped.py::test_not_using_it": "passed",
}

SIMULATED = {
    "test_newer.py": """
        import importlib
        import pkgutil
        import sys


        def test_stdlib_module_names_lack_removed_modules():
            names = getattr(sys, "stdlib_module_names", None)  # 3.10 and later
            assert names is None or ("imp" not in names and "asyncore" not in names)


        def test_iter_modules_lists_no_removed_module():
            assert not {"imp", "asyncore"} & {info.name for info in pkgutil.iter_modules()}


        def test_walk_packages_of_a_package_lists_no_removed_submodule():
            import email

            found = {info.name for info in pkgutil.walk_packages(email.__path__, "email.")}
            assert "email.mime.text" in found


        def test_reload_of_sys():
            assert importlib.reload(sys) is sys


        def test_the_value_of_a_member_is_in_its_enum_class():
            import enum

            class Color(enum.Enum):
                RED = 1

            assert 1 in Color
            assert "BLUE" not in Color
            assert Color.RED in Color
        """,
}

SIMULATED_312: Outcomes = {
    "test_newer.py::test_stdlib_module_names_lack_removed_modules": "passed",
    "test_newer.py::test_iter_modules_lists_no_removed_module": "passed",
    "test_newer.py::test_walk_packages_of_a_package_lists_no_removed_submodule": "passed",
    "test_newer.py::test_reload_of_sys": "passed",
    "test_newer.py::test_the_value_of_a_member_is_in_its_enum_class": "passed",
}


@pytest.mark.skipif(BEFORE_312, reason="real 3.12 or later is the judge")
def test_the_outcomes_are_those_of_the_real_release(pytester: pytest.Pytester) -> None:
    outcomes, _ = judged.run(pytester, {**PATTERNS, **SIMULATED}, "-p", "no:removed_apis")
    assert outcomes == {**REAL_312, **SIMULATED_312}


@pytest.mark.skipif(not BEFORE_312, reason="the 3.12 removals are gone on this interpreter")
def test_the_patterns_pass_without_the_plugin(pytester: pytest.Pytester) -> None:
    outcomes, _ = judged.run(pytester, PATTERNS, "-p", "no:removed_apis")
    assert set(outcomes.values()) == {"passed"}


@pytest.mark.skipif(not BEFORE_312, reason="the 3.12 removals are gone on this interpreter")
@pytest.mark.parametrize("mode", [(), ("--simulate-312",)], ids=["default", "simulate"])
def test_each_pattern_ends_as_on_the_real_release(
    pytester: pytest.Pytester, mode: tuple[str, ...]
) -> None:
    outcomes, _ = judged.run(pytester, PATTERNS, "-p", "removed_apis", *mode)
    assert outcomes == REAL_312


@pytest.mark.skipif(not BEFORE_312, reason="the 3.12 removals are gone on this interpreter")
def test_a_simulated_interpreter_lists_and_reloads_as_the_real_release(
    pytester: pytest.Pytester,
) -> None:
    outcomes, _ = judged.run(pytester, SIMULATED, "-p", "removed_apis", "--simulate-312")
    assert outcomes == SIMULATED_312


@pytest.mark.parametrize(
    "mode", [("-p", "no:removed_apis"), ("-p", "removed_apis"), ("--simulate-312",)]
)
def test_a_wider_fixture_that_fails_fails_every_test_that_uses_it(
    pytester: pytest.Pytester, mode: tuple[str, ...]
) -> None:
    if BEFORE_312 == ("no:removed_apis" in mode):
        pytest.skip("real 3.12 judges without the plugin; before 3.12 the plugin does")
    outcomes, _ = judged.run(pytester, SCOPED, *mode)
    assert outcomes == SCOPED_312


@pytest.mark.parametrize("mode", [(), ("--simulate-312",)], ids=["plain", "simulate"])
def test_a_copy_of_a_removed_module_outside_the_standard_library_stays_one_module(
    pytester: pytest.Pytester, mode: tuple[str, ...]
) -> None:
    if mode and not BEFORE_312:
        pytest.skip("the 3.12 removals are gone on this interpreter")
    plugin = "removed_apis" if mode else "no:removed_apis"  # plain: real 3.12 judges
    outcomes, _ = judged.run(pytester, OWN_COPY, "-p", plugin, *mode)
    assert set(outcomes.values()) == {"passed"}


@pytest.mark.skipif(not BEFORE_312, reason="the 3.12 removals are gone on this interpreter")
def test_a_patch_decorating_a_test_is_reported_at_the_test(pytester: pytest.Pytester) -> None:
    _, result = judged.run(pytester, PATTERNS, "-p", "removed_apis")
    result.stdout.fnmatch_lines(
        [
            "    used at test_patterns.py:10 during call of "
            "test_patterns.py::test_mock_patch_decorating_the_test",
        ]
    )
