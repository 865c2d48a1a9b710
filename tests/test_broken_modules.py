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
import types
from pathlib import Path
from typing import Any, Iterator

import judged
import pytest
from judged import Outcomes

from pytest_removed_apis.catalog import by_id
from pytest_removed_apis.findings import Finding, to_wire
from pytest_removed_apis.intercept.broken import BrokenModules, Cause

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
    "legacylib/probe.py": """
        import configparser


        def _old():
            return configparser.ConfigParser.readfp


        try:
            READ = _old()
        except AttributeError:
            READ = None
        """,
    "legacylib/shim.py": """
        from configparser import *  # noqa: F403 - a compatibility module
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
    "conftest.py": """
        import os
        import sys

        # Two installed distributions, as in a virtual environment's site-packages.
        sys.path.insert(0, os.path.join(os.path.dirname(__file__), "site", "site-packages"))
        """,
    "site/site-packages/hookdist/__init__.py": """
        import importlib


        def load():  # a hook that turns any failure into "not there"
            try:
                return importlib.import_module("hookdist.impl")
            except Exception:
                return None
        """,
    "site/site-packages/hookdist/impl.py": """
        import imp

        LOADED = imp
        """,
    "site/site-packages/fallbackdist/__init__.py": """
        try:
            from fallbackdist import impl
        except ImportError:
            impl = None
        """,
    "site/site-packages/fallbackdist/impl.py": """
        import imp
        """,
    "test_h.py": """
        def test_an_installed_hook_turns_the_failure_into_another():
            import hookdist

            assert hookdist.load() is not None


        def test_an_installed_module_falls_back():
            import fallbackdist

            assert fallbackdist.impl is None or fallbackdist.impl
        """,
    "chainpkg/__init__.py": """
        from chainpkg import old  # broken
        from chainpkg import later  # imported after the use: a submodule of a broken package
        """,
    "chainpkg/old.py": """
        import imp
        """,
    "chainpkg/later.py": """
        VALUE = 1
        """,
    "fut/__init__.py": "",
    "fut/std.py": """
        import imp
        """,
    "fut/moves.py": """
        from fut import std
        """,
    "fut/base.py": """
        from fut import moves
        """,
    "test_i1.py": """
        import chainpkg


        def test_i1():
            assert chainpkg
        """,
    "test_i2.py": """
        from chainpkg.later import VALUE


        def test_i2():
            assert VALUE == 1
        """,
    "test_j1.py": """
        import fut.std
        import fut.base  # its chain meets fut.std again, in the same import of this module


        def test_j1():
            assert fut.base
        """,
    "test_j2.py": """
        import fut.moves


        def test_j2():
            assert fut.moves
        """,
    "sixlike/__init__.py": """
        import sys
        import types

        moves = types.ModuleType(__name__ + ".moves")  # bound by the package itself
        moves.VALUE = 1


        class Finder:  # finds it with find_module() only
            def find_module(self, name, path=None):
                return self if name == __name__ + ".moves" else None

            def load_module(self, name):
                sys.modules[name] = moves
                return moves


        sys.meta_path.append(Finder())
        """,
    "test_k.py": """
        def test_k1_imports_the_lazy_module():
            import sixlike.moves

            assert sixlike.moves.VALUE == 1


        def test_k2_reads_it_from_the_package():
            import sixlike

            assert sixlike.moves.VALUE == 1


        def test_k3_imports_it_from_the_package():
            from sixlike import moves

            assert moves.VALUE == 1
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


        def test_fallback_around_a_call_in_the_module():
            from legacylib import probe

            assert probe.READ is None or probe.READ


        def test_a_star_import_reads_no_removed_name():
            from legacylib import shim

            assert shim.ConfigParser


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
    "test_f.py::test_fallback_around_a_call_in_the_module": "passed",
    "test_f.py::test_a_star_import_reads_no_removed_name": "passed",
    "test_f.py::test_broken_package": "failed",
    "test_f.py::test_submodule_of_a_broken_package": "failed",
    "test_f.py::test_allowed": "failed",
    "test_g.py::test_g1": "failed",
    "test_g.py::test_g2": "failed",
    "test_g.py::test_g3": "failed",
    "test_h.py::test_an_installed_hook_turns_the_failure_into_another": "failed",
    "test_h.py::test_an_installed_module_falls_back": "passed",
    "test_k.py::test_k1_imports_the_lazy_module": "failed",
    "test_k.py::test_k2_reads_it_from_the_package": "passed",
    "test_k.py::test_k3_imports_it_from_the_package": "passed",
    "test_i1.py": "error",
    "test_i2.py": "error",
    "test_j1.py": "error",
    "test_j2.py": "error",
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


def _run(
    pytester: pytest.Pytester, *args: str, project: dict[str, str] = PROJECT
) -> tuple[Outcomes, pytest.RunResult]:
    return judged.run(pytester, project, *args)


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


def _distribution(root: Path) -> Path:
    """An installed distribution ``olddist 0.9`` whose package imports ``imp``."""
    site = root / "site" / "site-packages"
    package = site / "olddist"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("import imp\n\nLOADED = True\n")
    info = site / "olddist-0.9.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: olddist\nVersion: 0.9\n")
    (info / "top_level.txt").write_text("olddist\n")
    return site


THIRD_PARTY_TESTS = """
def test_first():
    import olddist

    assert olddist.LOADED


def test_second():
    import olddist

    assert olddist.LOADED
"""


@pytest.mark.skipif(not BEFORE_312, reason="the 3.12 removals are gone on this interpreter")
@pytest.mark.parametrize(("setting", "outcome"), [("fail", "failed"), ("report", "passed")])
def test_a_broken_distribution_labels_every_finding_it_causes(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, setting: str, outcome: str
) -> None:
    monkeypatch.syspath_prepend(str(_distribution(project.path)))
    project.makepyfile(test_dist=THIRD_PARTY_TESTS)
    result = project.runpytest(f"--removed-apis-third-party={setting}", "-rA")
    result.assert_outcomes(**{outcome: 2})
    result.stdout.fnmatch_lines(
        [
            "inside installed distributions (upgrade them)",
            "  olddist 0.9",
            "    imp  removed in Python 3.12, 2 tests",
            "      test_dist.py::test_first  at *olddist*__init__.py:1",
            "      test_dist.py::test_second  at test_dist.py:8 (imports olddist)",
        ]
    )


# The pieces, without pytest in between.


@pytest.fixture
def broken(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[BrokenModules, list[object]]]:
    """Watches over a package ``brk`` with a submodule ``brk.sub`` (both in sys.modules)."""
    package = types.ModuleType("brk")
    package.__path__ = []  # type: ignore[attr-defined]
    sub = types.ModuleType("brk.sub")
    package.sub = sub  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "brk", package)
    monkeypatch.setitem(sys.modules, "brk.sub", sub)
    reported: list[object] = []
    watch = BrokenModules(lambda cause, filename, lineno: reported.append((cause.chain, lineno)))
    yield watch, reported
    watch.uninstall()
    assert type(package) is types.ModuleType
    assert type(sub) is types.ModuleType


def _cause() -> Cause:
    return Cause(by_id("imp"), "brk/__init__.py:1", "ModuleNotFoundError", None, ())


def test_a_broken_package_breaks_its_submodules_and_reports_import_statements_only(
    broken: tuple[BrokenModules, list[object]],
) -> None:
    watch, reported = broken
    watch.mark(["brk", "not_imported"], _cause())
    assert set(watch.causes) == {"brk", "brk.sub"}
    assert watch.causes["brk.sub"].chain == ("brk.sub", "brk")
    import brk.sub  # noqa: F401 - the import statement reads both modules' __spec__

    line = sys._getframe().f_lineno - 2
    assert (("brk.sub", "brk"), line) in reported  # (the recorder keeps one per cause)
    assert {chain for chain, _ in reported} <= {("brk.sub", "brk"), ("brk",)}
    reported.clear()
    assert sys.modules["brk"].__spec__ is None  # a plain read is no import
    assert reported == []


def test_import_module_and_a_first_import_of_a_submodule_are_told_by_name(
    broken: tuple[BrokenModules, list[object]],
) -> None:
    watch, reported = broken
    watch.mark(["brk"], _cause())
    frame: Any = types.SimpleNamespace(f_code=sys._getframe().f_code, f_lineno=7)
    watch.imported("brk.new", frame)  # a first import of a submodule
    watch.imported("brk.sub", frame)
    watch.imported("elsewhere", frame)
    watch.imported("brk.sub", None)  # no frame outside the import system
    assert reported == [(("brk.new", "brk"), 7), (("brk.sub", "brk"), 7)]


def test_a_module_found_by_the_find_module_fallback_is_broken_once_imported(
    broken: tuple[BrokenModules, list[object]],
) -> None:
    watch, _ = broken
    watch.pending["brk.sub"] = _cause()._replace(chain=("brk.sub",))
    watch.pending["brk.later"] = _cause()._replace(chain=("brk.later",))
    watch.settle()
    assert set(watch.causes) == {"brk.sub"}
    assert set(watch.pending) == {"brk.later"}


def test_a_direct_use_has_no_chain_text() -> None:
    finding = Finding.of(
        by_id("imp"),
        filename="a.py",
        lineno=1,
        phase="call",
        nodeid="t",
        status="fail",
        origin=None,
    )
    assert finding.chain_text == ""
    chained = finding.__class__(**{**to_wire(finding), "via": "a -> b", "cause": "b.py:1"})
    assert chained.chain_text == "imports `a`, which imports `b`, which uses `imp` at b.py:1"


def test_the_recorder_keeps_one_finding_per_cause_and_phase_and_none_outside_a_recording() -> None:
    from pytest_removed_apis import CATALOG
    from pytest_removed_apis.intercept.capture import Recorder
    from pytest_removed_apis.intercept.classify import Classifier, Origins
    from pytest_removed_apis.settings import Settings

    settings = Settings("fail", "3.12", frozenset(), "fail", (3, 11), None, CATALOG)
    recorder = Recorder(settings, Classifier([]), Origins(), lambda *args: False, ".")
    cause = _cause()._replace(chain=("brk",), origin="olddist 0.9")
    recorder.chained(cause, "x.py", 1)  # no recording: nothing to record into
    with recorder.recording("call", "test_x.py::test_a", frozenset()) as found:
        recorder.chained(cause, "x.py", 2)
        recorder.chained(cause, "x.py", 3)  # fails no sooner than the first
    [finding] = found
    assert (finding.lineno, finding.via, finding.cause) == (2, "brk", "brk/__init__.py:1")
    assert finding.origin == "olddist 0.9"


def test_a_second_name_of_another_module_is_imported_only_where_a_statement_names_it(
    broken: tuple[BrokenModules, list[object]], monkeypatch: pytest.MonkeyPatch
) -> None:
    watch, reported = broken
    elsewhere = types.ModuleType("brk_elsewhere")
    monkeypatch.setitem(sys.modules, "brk_elsewhere", elsewhere)
    monkeypatch.setitem(sys.modules, "brk.alias", elsewhere)  # six.moves.builtins-like
    watch.mark(["brk.alias"], _cause())
    import brk.alias  # noqa: F401 - names it: an import of the broken name

    named = sys._getframe().f_lineno - 2
    __import__("brk.alias")  # a call: which name it imports is not known
    import brk_elsewhere  # noqa: F401 - the module's own name: no import of the broken one

    assert [line for chain, line in reported if chain == ("brk.alias",)] == [named]
    second = BrokenModules(lambda cause, filename, lineno: reported.append(("second", lineno)))
    second.mark(["brk.alias"], _cause())  # watched by two: each sees the statement
    reported.clear()
    import brk.alias  # noqa: F401, F811

    try:
        assert {who for who, _ in reported} == {("brk.alias",), "second"}
    finally:
        second.uninstall()


def test_an_import_statement_names_its_module_past_extended_arguments(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pytest_removed_apis.intercept.broken import _imported_name

    names: list[str | None] = []

    class Spying(types.ModuleType):
        def __getattribute__(self, attribute: str) -> Any:
            if attribute == "__spec__":
                names.append(_imported_name(sys._getframe(1)))
            return super().__getattribute__(attribute)

    monkeypatch.setitem(sys.modules, "brk_spied", Spying("brk_spied"))
    padding = "".join(f"name_{n} = {n}\n" for n in range(300))  # more than 255 names
    exec(compile(padding + "import brk_spied\n", "<padded>", "exec"), {})
    assert "brk_spied" in names


def test_a_child_of_a_run_that_is_over_or_of_no_test_does_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pytest_removed_apis import children

    monkeypatch.setattr(children._CHILD, "started", False)
    monkeypatch.setenv(children.ENVIRONMENT, str(tmp_path / "gone.json"))
    children.start()  # the configuration is gone: the run is over
    assert children._CHILD.undo == []
    (tmp_path / "configuration.json").write_text("{}")
    monkeypatch.setenv(children.ENVIRONMENT, str(tmp_path / "configuration.json"))
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)
    monkeypatch.setattr(children._CHILD, "started", False)
    children.start()  # started by no test (an xdist worker)
    assert children._CHILD.undo == []


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="no fallback to find_module()")
@pytest.mark.filterwarnings("ignore:.*falling back to find_module:ImportWarning")
def test_the_find_module_fallback_of_the_runners_own_import_is_no_use() -> None:
    import importlib.machinery

    import _pytest

    from pytest_removed_apis.intercept.behaviours import Behaviours
    from pytest_removed_apis.intercept.policy import Record

    class OldFinder:
        def find_module(self, name: str, path: object = None) -> object:
            return importlib.machinery.BuiltinImporter

    seen: list[object] = []
    fallen_back: list[object] = []
    entry = by_id("importlib:find_module-fallback")
    watch = Behaviours(
        [entry], Record(lambda *use: seen.append(use), lambda *f: fallen_back.append(f))
    )
    watch.install()
    bootstrap = sys.modules["importlib._bootstrap"]
    namespace: dict[str, Any] = {}
    runner_file = str(Path(_pytest.__file__).parent / "runner_like.py")
    runner_code = "def outer(find, finder):\n    return find(finder, 'brk.found', None)\n"
    exec(compile(runner_code, runner_file, "exec"), namespace)
    try:
        spec = namespace["outer"](bootstrap._find_spec_legacy, OldFinder())
        assert spec is not None  # found, by the runner's own import
        assert (seen, fallen_back) == ([], [])
        assert bootstrap._find_spec_legacy(OldFinder(), "brk.found", None) is not None
        assert [use[0] for use in seen] == [entry]  # the user's: a use
        assert [f[0] for f in fallen_back] == ["brk.found"]
    finally:
        watch.uninstall()


def test_a_module_watched_twice_keeps_its_first_cause(
    broken: tuple[BrokenModules, list[object]],
) -> None:
    watch, reported = broken
    first, second = _cause(), _cause()._replace(chain=("other",))
    watch._watch(sys.modules["brk.sub"], "__spec__", first)
    watch._watch(sys.modules["brk.sub"], "__spec__", second)  # a second name of it
    import brk.sub  # noqa: F401

    assert [chain for chain, _ in reported] == [()]  # one report, of the first cause
