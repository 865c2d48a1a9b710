"""A module whose import used a removed API is broken on the target: every importer fails.

On the real release the import of such a module raises, and a failed import is never
cached, so each later import raises again.  ``PROJECT`` is a small library with such
modules and tests that import them in every way; ``REAL_312`` is what real CPython 3.12.1
does with it (``-p no:removed_apis``), and ``REAL_313`` real 3.13.0.  On 3.12 and later the
tests below check those outcomes against the running interpreter; before 3.12, default mode
and simulation must each end every test and test module as real 3.12 does.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ElementTree
from typing import Dict

import pytest

Outcomes = Dict[str, str]  # noqa: UP006 - evaluated at run time on 3.8

BEFORE_312 = sys.version_info < (3, 12)

PROJECT = {
    "legacylib/__init__.py": """
        import importlib


        def __getattr__(name):  # a lazy submodule
            if name == "lazy_loader":
                return importlib.import_module("legacylib.loader")
            raise AttributeError(name)
        """,
    "legacylib/loader.py": """
        import imp


        def load(name):
            return imp.new_module(name)
        """,
    "legacylib/wrapper.py": """
        from legacylib import loader


        def make():
            return loader.load("x")
        """,
    "legacylib/config.py": """
        from configparser import ConfigParser


        class Parser(ConfigParser):
            read_it = getattr(ConfigParser, "read_file", ConfigParser.readfp)
        """,
    "legacylib/optional.py": """
        try:
            from legacylib import loader
        except ImportError:
            loader = None
        """,
    "legacylib/gated.py": """
        import sys

        if sys.version_info < (3, 12):
            from legacylib import wrapper
        else:
            wrapper = None
        """,
    "brokenpkg/__init__.py": """
        import asynchat
        """,
    "brokenpkg/sub.py": """
        VALUE = 1
        """,
    "lazyfinder/__init__.py": """
        import sys
        import types


        class Finder:  # finds its lazy submodule with find_module() only
            def find_module(self, name, path=None):
                return self if name == "lazyfinder.virtual" else None

            def load_module(self, name):
                module = sys.modules[name] = types.ModuleType(name)
                module.VALUE = 1
                return module


        sys.meta_path.append(Finder())
        """,
    "test_a.py": """
        from legacylib import loader


        def test_a():
            assert loader.load("a")
        """,
    "test_b.py": """
        import legacylib.loader


        def test_b():
            assert legacylib.loader
        """,
    "test_c.py": """
        def test_c():
            from legacylib.wrapper import make

            assert make()
        """,
    "test_d.py": """
        from legacylib import wrapper


        def test_d():
            assert wrapper
        """,
    "test_e.py": """
        def test_e1():
            from legacylib.config import Parser

            assert Parser


        def test_e2():
            from legacylib.config import Parser

            assert Parser
        """,
    "test_f.py": """
        import importlib

        import pytest


        def test_import_module():
            importlib.import_module("legacylib.loader")


        def test_dunder_import():
            __import__("legacylib.wrapper")


        def test_lazy_attribute():
            import legacylib

            assert legacylib.lazy_loader


        def test_fallback_in_the_test():
            try:
                from legacylib import loader
            except ImportError:
                loader = None
            assert loader is None or loader.load


        def test_fallback_in_the_module():
            from legacylib import optional

            assert optional.loader is None or optional.loader.load


        def test_version_gate_in_the_module():
            from legacylib import gated

            assert gated.wrapper is None or gated.wrapper.make


        def test_broken_package():
            import brokenpkg

            assert brokenpkg


        def test_submodule_of_a_broken_package():
            import brokenpkg.sub

            assert brokenpkg.sub.VALUE == 1


        @pytest.mark.allow_removed("imp")
        def test_allowed():
            from legacylib import wrapper

            assert wrapper
        """,
    "test_g.py": """
        def test_g1():
            import lazyfinder.virtual

            assert lazyfinder.virtual.VALUE == 1


        def test_g2():
            import lazyfinder.virtual

            assert lazyfinder.virtual.VALUE == 1


        def test_g3():
            from lazyfinder import virtual

            assert virtual.VALUE == 1
        """,
}

REAL_312: Outcomes = {
    "test_a.py": "error",
    "test_b.py": "error",
    "test_c.py::test_c": "failed",
    "test_d.py": "error",
    "test_e.py::test_e1": "failed",
    "test_e.py::test_e2": "failed",
    "test_f.py::test_import_module": "failed",
    "test_f.py::test_dunder_import": "failed",
    "test_f.py::test_lazy_attribute": "failed",
    "test_f.py::test_fallback_in_the_test": "passed",
    "test_f.py::test_fallback_in_the_module": "passed",
    "test_f.py::test_version_gate_in_the_module": "passed",
    "test_f.py::test_broken_package": "failed",
    "test_f.py::test_submodule_of_a_broken_package": "failed",
    "test_f.py::test_allowed": "failed",
    "test_g.py::test_g1": "failed",
    "test_g.py::test_g2": "failed",
    "test_g.py::test_g3": "failed",
}
"""Real 3.12.1 (and 3.13.0: the same); ``test_allowed`` fails there, as any use does."""

PROJECT_313 = {
    "legacy313/__init__.py": "",
    "legacy313/shell.py": """
        import pipes

        QUOTE = pipes.quote
        """,
    "legacy313/run.py": """
        from legacy313.shell import QUOTE
        """,
    "test_p.py": """
        from legacy313 import run


        def test_p():
            assert run.QUOTE
        """,
    "test_q.py": """
        def test_q1():
            import legacy313.shell

            assert legacy313.shell.QUOTE


        def test_q2():
            from legacy313.run import QUOTE

            assert QUOTE
        """,
}

REAL_313: Outcomes = {
    "test_p.py": "error",
    "test_q.py::test_q1": "failed",
    "test_q.py::test_q2": "failed",
}
"""Real 3.13.0; on 3.12.1 every test passes."""

ALLOWED = {"test_f.py::test_allowed": "passed"}
"""What the plugin makes of the test whose marker allows the API its import uses."""


def _outcomes(junit: str) -> Outcomes:
    outcomes: Outcomes = {}
    for case in ElementTree.parse(junit).getroot().iter("testcase"):
        module, *classes = case.get("classname", "").split(".")
        name = case.get("name", "")
        nodeid = "::".join([f"{module}.py", *classes, name]) if module else f"{name}.py"
        tags = {child.tag for child in case}
        outcome = "passed"
        for tag, named in (("error", "error"), ("failure", "failed"), ("skipped", "skipped")):
            if tag in tags:
                outcome = named
                break
        outcomes[nodeid] = outcome
    return outcomes


def _run(
    pytester: pytest.Pytester, *args: str, project: dict[str, str] = PROJECT
) -> tuple[Outcomes, pytest.RunResult]:
    pytester.makepyfile(**{name[:-3]: text for name, text in project.items()})
    junit = str(pytester.path / "junit.xml")
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "--continue-on-collection-errors", f"--junitxml={junit}", *args
    )
    return _outcomes(junit), result


@pytest.mark.skipif(BEFORE_312, reason="real 3.12 or later is the judge")
def test_the_outcomes_are_those_of_the_real_release(pytester: pytest.Pytester) -> None:
    outcomes, _ = _run(pytester, "-p", "no:removed_apis")
    assert outcomes == REAL_312


@pytest.mark.skipif(sys.version_info < (3, 13), reason="real 3.13 or later is the judge")
def test_the_outcomes_are_those_of_the_real_313(pytester: pytest.Pytester) -> None:
    outcomes, _ = _run(pytester, "-p", "no:removed_apis", project=PROJECT_313)
    assert outcomes == REAL_313


@pytest.mark.skipif(sys.version_info >= (3, 13), reason="the 3.13 removals are gone")
@pytest.mark.parametrize("mode", ["--removed-apis-target=3.13", "--simulate-python=3.13"])
def test_a_module_broken_on_313_fails_every_importer(pytester: pytest.Pytester, mode: str) -> None:
    outcomes, _ = _run(pytester, "-p", "removed_apis", mode, project=PROJECT_313)
    assert outcomes == REAL_313


@pytest.mark.skipif(not BEFORE_312, reason="the 3.12 removals are gone on this interpreter")
@pytest.mark.parametrize("mode", [(), ("--simulate-312",), ("-n", "2")], ids=str)
def test_every_importer_of_a_broken_module_fails_as_on_the_real_release(
    pytester: pytest.Pytester, mode: tuple[str, ...]
) -> None:
    outcomes, _ = _run(pytester, "-p", "removed_apis", *mode)
    assert outcomes == {**REAL_312, **ALLOWED}


@pytest.mark.skipif(not BEFORE_312, reason="the 3.12 removals are gone on this interpreter")
def test_a_chained_import_names_the_module_and_the_use_that_breaks_it(
    pytester: pytest.Pytester,
) -> None:
    _, result = _run(pytester, "-p", "removed_apis", "-p", "no:randomly")
    result.stdout.fnmatch_lines(
        [
            "*ERROR collecting test_b.py*",
            "  imp (module, removed in Python 3.12)",
            "    used at test_b.py:1 during collect of test_b.py",
            "    imports `legacylib.loader`, which uses `imp` at legacylib/loader.py:1",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "*_ test_c _*",
            "    used at test_c.py:2 during call of test_c.py::test_c",
            "    imports `legacylib.wrapper`, which imports `legacylib.loader`, which uses"
            " `imp` at legacylib/loader.py:1",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "*removed APIs summary*",
            "*imp  removed in Python 3.12, * tests",
            "*test_c.py::test_c  at test_c.py:2 (imports legacylib.wrapper)",
            "*tests import a module it breaks: *legacylib.loader* (used at legacylib/loader.py:1)",
        ]
    )


@pytest.mark.skipif(not BEFORE_312, reason="the 3.12 removals are gone on this interpreter")
def test_report_mode_fails_no_importer(pytester: pytest.Pytester) -> None:
    outcomes, _ = _run(pytester, "-p", "removed_apis", "--removed-apis=report")
    assert set(outcomes.values()) == {"passed"}
