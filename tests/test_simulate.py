"""``--simulate-312`` and the ``simulate_python`` fixture: removed APIs gone as on the real
release, the simulated version seen by the project's code, and every trace undone.

What the real releases do with the same code is in ``tests/test_simulation_comparison.py``
and ``tests/test_catalog_on_interpreter.py``; here each behaviour is pinned down with
pytester, in-process where the state of this very process is what is checked."""

from __future__ import annotations

import builtins
import dataclasses
import importlib
import importlib.util
import os
import subprocess
import sys
import warnings
from pathlib import Path
from types import ModuleType

import pytest

from pytest_removed_apis import catalog
from pytest_removed_apis.intercept.simulate import Simulation, _standard_spec, is_standard_copy

BEFORE_312 = sys.version_info < (3, 12)
BEFORE_313 = sys.version_info < (3, 13)
only_before_312 = pytest.mark.skipif(not BEFORE_312, reason="3.12 removed these already")
only_before_313 = pytest.mark.skipif(not BEFORE_313, reason="3.13 removed these already")


def _run(project: pytest.Pytester, *args: str) -> pytest.RunResult:
    return project.runpytest("--simulate-312", "-p", "no:randomly", *args)


@only_before_312
def test_removed_modules_cannot_be_imported_in_any_way(project):
    project.makepyfile(
        test_modules="""
        import importlib, importlib.util, pytest

        def test_import_statement():
            with pytest.raises(ModuleNotFoundError) as caught:
                import imp
            assert caught.value.name == "imp"
            assert str(caught.value) == "No module named 'imp'"

        def test_from_import():
            with pytest.raises(ModuleNotFoundError, match="No module named 'asyncore'"):
                from asyncore import dispatcher

        def test_import_module():
            with pytest.raises(ModuleNotFoundError, match="'smtpd'"):
                importlib.import_module("smtpd")

        def test_dunder_import():
            with pytest.raises(ModuleNotFoundError, match="'asynchat'"):
                __import__("asynchat")

        def test_find_spec_answers_none():
            assert importlib.util.find_spec("imp") is None
            assert importlib.util.find_spec("json") is not None

        def test_importorskip_skips():
            pytest.importorskip("imp")
        """
    )
    result = _run(project)
    result.assert_outcomes(passed=5, skipped=1)


@only_before_312
def test_a_removed_package_and_its_submodules_are_hidden(project, monkeypatch):
    monkeypatch.setenv("SETUPTOOLS_USE_DISTUTILS", "stdlib")
    project.makepyfile(
        test_distutils="""
        import importlib.util, pytest

        def test_submodule():
            with pytest.raises(ModuleNotFoundError, match="'distutils'"):
                import distutils.core

        def test_find_spec_of_submodule_fails_on_the_parent():
            with pytest.raises(ModuleNotFoundError):
                importlib.util.find_spec("distutils.core")
        """
    )
    result = project.runpytest_subprocess("--simulate-312")
    result.assert_outcomes(passed=2)


@only_before_312
def test_a_copy_outside_the_standard_library_is_imported(project):
    project.makepyfile(asyncore="DISPATCHER = 'backport'\n")
    project.makepyfile(
        test_backport="""
        import importlib.util

        def test_backport_is_found():
            import asyncore
            assert asyncore.DISPATCHER == "backport"
            assert importlib.util.find_spec("asyncore") is not None
        """
    )
    _run(project).assert_outcomes(passed=1)


@only_before_312
def test_a_module_imported_before_the_run_is_hidden_and_then_restored(project):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import imp
    project.makepyfile(
        test_hidden="""
        import sys, pytest

        def test_hidden():
            assert "imp" not in sys.modules
            with pytest.raises(ModuleNotFoundError):
                import imp
        """
    )
    _run(project).assert_outcomes(passed=1)
    assert sys.modules["imp"] is imp


@only_before_312
def test_removed_names_are_gone_as_on_the_newer_release(project):
    project.makepyfile(
        test_names="""
        import configparser, ssl, unittest, pytest

        def test_module_attribute():
            assert not hasattr(ssl, "wrap_socket")
            assert getattr(ssl, "wrap_socket", "default") == "default"
            assert "wrap_socket" not in dir(ssl)
            with pytest.raises(AttributeError) as caught:
                ssl.wrap_socket
            assert str(caught.value) == "module 'ssl' has no attribute 'wrap_socket'"

        def test_from_import():
            with pytest.raises(ImportError, match="cannot import name 'SafeConfigParser'"):
                from configparser import SafeConfigParser

        def test_class_member():
            with pytest.raises(AttributeError, match="type object 'TestCase' has no attribute"):
                unittest.TestCase.failUnless
            assert not hasattr(configparser.RawConfigParser, "readfp")

        def test_library_keeps_its_own_uses():
            parser = configparser.ConfigParser()
            parser.read_string("[a]\\nb = 1\\n")
            assert parser["a"]["b"] == "1"

        class TestAliases(unittest.TestCase):
            def test_instance(self):
                with self.assertRaises(AttributeError) as caught:
                    self.assertEquals(1, 1)
                assert "'TestAliases' object has no attribute 'assertEquals'" in str(
                    caught.exception
                )
        """
    )
    _run(project).assert_outcomes(passed=5)


@only_before_312
def test_removed_parameters_and_behaviours_raise_what_the_newer_release_raises(project):
    project.makepyfile(
        test_behaviours="""
        import configparser, http.client, os, random, re, shlex, pytest
        import importlib.metadata

        def test_keyword_parameters():
            with pytest.raises(TypeError, match="unexpected keyword argument 'key_file'"):
                http.client.HTTPSConnection("localhost", key_file="k.pem")
            with pytest.raises(TypeError):
                configparser.ParsingError(filename="x.ini")
            assert configparser.ParsingError("x.ini").source == "x.ini"

        def test_behaviours():
            with pytest.raises(TypeError):
                random.randrange(10.0)
            assert random.randrange(10) < 10
            with pytest.raises(ValueError, match="must not be None"):
                shlex.split(None)
            with pytest.raises(TypeError, match="not bytearray"):
                os.stat(bytearray(b"."))
            assert os.stat(b".")
            with pytest.raises(re.error):
                re.sub("(x)", r"\\g<+1>", "x")
            with pytest.raises(re.error):
                re.compile(b"(?P<\\xe9>x)")
            assert re.sub("(x)", r"\\g<1>", "x") == "x"

        def test_entry_points_are_a_sequence():
            eps = importlib.metadata.entry_points()
            assert not hasattr(eps, "get")
            assert isinstance(eps.select(group="no such group"), tuple)
            with pytest.raises(KeyError):
                eps["no such entry point"]
        """
    )
    _run(project).assert_outcomes(passed=3)


@only_before_312
def test_the_rest_of_the_newer_releases_behaviours(project):
    project.makepyfile(
        test_more_behaviours="""
        import importlib.machinery, importlib.metadata, re, types, pytest

        def test_match_expand_refuses_the_old_group_syntax():
            with pytest.raises(re.error):
                re.match("(x)", "x").expand(r"\\g<+1>")
            assert re.match("(x)", "x").expand(r"\\g<1>") == "x"

        def test_entry_points_selection_by_keyword():
            selected = importlib.metadata.entry_points(group="no such group")
            assert selected == ()
            assert selected.names == set() and selected.groups == set()
            assert "EntryPoints(" in repr(selected)

        class Loader:
            def module_repr(self, module):
                return "<custom repr>"

        def test_repr_of_a_module_never_asks_the_loader():
            module = types.ModuleType("m")
            module.__loader__ = Loader()
            module.__spec__ = importlib.machinery.ModuleSpec("m", module.__loader__)
            assert repr(module).startswith("<module 'm' (")
            module.__spec__ = None
            module.__file__ = "m.py"
            assert repr(module) == "<module 'm' from 'm.py'>"
            del module.__file__
            assert "custom" not in repr(module)
        """
    )
    _run(project).assert_outcomes(passed=3)


@only_before_312
def test_allowed_parameters_and_behaviours_keep_the_old_way(project):
    project.makepyfile(
        test_allowed_behaviours="""
        import http.client, importlib.metadata, random, sys, types, pytest

        pytestmark = [
            pytest.mark.filterwarnings("ignore::DeprecationWarning"),
            pytest.mark.filterwarnings("ignore::ImportWarning"),
        ]

        class LegacyFinder:
            def find_module(self, name, path=None):
                return self if name == "legacy_only" else None
            def load_module(self, name):
                return sys.modules.setdefault(name, types.ModuleType(name))

        @pytest.mark.allow_removed("http.client.HTTPSConnection:check_hostname")
        def test_keyword():
            http.client.HTTPSConnection("localhost", check_hostname=False)

        @pytest.mark.allow_removed("random.randrange:integral-float")
        def test_randrange():
            assert random.randrange(10.0) < 10

        @pytest.mark.allow_removed("importlib.metadata.entry_points:dict-interface")
        def test_entry_points():
            assert isinstance(importlib.metadata.entry_points(), dict)

        @pytest.mark.allow_removed("importlib:find_module-fallback")
        def test_legacy_finder(monkeypatch):
            monkeypatch.setattr(sys, "meta_path", [LegacyFinder(), *sys.meta_path])
            import legacy_only
            assert legacy_only.__name__ == "legacy_only"
        """
    )
    _run(project).assert_outcomes(passed=4)


@only_before_312
def test_a_finder_with_only_find_module_is_no_longer_asked(project):
    project.makepyfile(
        test_finder="""
        import sys, types, pytest

        class LegacyFinder:
            def find_module(self, name, path=None):
                return self if name == "legacy_only" else None
            def load_module(self, name):
                return sys.modules.setdefault(name, types.ModuleType(name))

        def test_legacy_finder(monkeypatch):
            monkeypatch.setattr(sys, "meta_path", [LegacyFinder(), *sys.meta_path])
            with pytest.raises(ModuleNotFoundError):
                import legacy_only
            with pytest.raises(ModuleNotFoundError):
                import not_the_legacy_finders_either

        def test_fails():
            sys.meta_path.insert(0, LegacyFinder())
            try:
                import legacy_only
            finally:
                del sys.meta_path[0]

        class LegacyPathEntryFinder:
            def find_module(self, name):
                return None

        def test_path_entry_finder(monkeypatch):
            monkeypatch.setitem(sys.path_importer_cache, "legacy-entry", LegacyPathEntryFinder())
            monkeypatch.setattr(sys, "path", ["legacy-entry", *sys.path])
            with pytest.raises(AttributeError, match="has no attribute 'find_spec'"):
                import not_there_anywhere

        @pytest.mark.allow_removed("importlib:find_module-fallback")
        @pytest.mark.filterwarnings("ignore::ImportWarning")
        def test_path_entry_finder_allowed(monkeypatch):
            monkeypatch.setitem(sys.path_importer_cache, "legacy-entry", LegacyPathEntryFinder())
            monkeypatch.setattr(sys, "path", ["legacy-entry", *sys.path])
            with pytest.raises(ModuleNotFoundError):
                import not_there_anywhere
        """
    )
    result = _run(project)
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(["*importlib:find_module-fallback (behaviour*"])


@only_before_312
def test_the_projects_code_sees_the_simulated_version(project):
    project.makepyfile(
        helper="""
        import sys
        if sys.version_info >= (3, 12):
            BRANCH = "new"
        else:
            BRANCH = "old"
        """,
        test_version="""
        import os, sys
        from sys import version_info
        import helper

        def test_version_checks():
            assert helper.BRANCH == "new"
            assert sys.version_info[:2] == (3, 12)
            assert sys.version_info.major == 3 and version_info.minor == 12
            assert sys.hexversion >> 16 == 0x030C
            assert sys.version.startswith("3.12.0 ")
            assert repr(sys.version_info).startswith("sys.version_info(major=3, minor=12")

        def test_the_standard_library_sees_the_real_one():
            assert os.sys.version_info < (3, 12)

        def test_other_names_are_the_real_ones(monkeypatch):
            assert sys.path is os.sys.path
            monkeypatch.setattr(sys, "argv", ["x"])
            assert os.sys.argv == ["x"]
            assert "version_info" in dir(sys)
        """,
    )
    _run(project).assert_outcomes(passed=3)


@only_before_312
def test_the_view_of_sys_follows_patches_and_serves_code_outside_modules(project):
    project.makepyfile(
        test_view="""
        import sys

        def test_patching_the_version(monkeypatch):
            monkeypatch.setattr(sys, "version_info", (3, 99))
            assert sys.version_info == (3, 99)

        def test_the_patch_is_undone():
            assert sys.version_info[:2] == (3, 12)

        def test_deleting_through_the_view(monkeypatch):
            monkeypatch.delattr(sys, "dont_write_bytecode")
            assert not hasattr(sys, "dont_write_bytecode")

        def test_code_without_a_module_of_its_own():
            namespace = {}
            exec("import sys\\nversion = sys.version_info[:2]", namespace)
            assert namespace["version"] == (3, 12)
            assert __import__("sys").version_info[:2] == (3, 12)
        """
    )
    _run(project).assert_outcomes(passed=4)


@only_before_312
def test_the_finder_is_first_again_after_a_test_put_another_in_front(project):
    project.makepyfile(
        test_order="""
        import sys, pytest

        class Nothing:
            def find_spec(self, name, path=None, target=None):
                return None

        def test_puts_a_finder_in_front():
            sys.meta_path.insert(0, Nothing())

        def test_sees_the_simulation_first():
            assert type(sys.meta_path[0]).__name__ == "ImportHook"
            with pytest.raises(ModuleNotFoundError):
                import imp
        """
    )
    _run(project).assert_outcomes(passed=2)


@only_before_312
def test_a_module_importing_a_removed_module_fails_to_collect(project):
    project.makepyfile(test_collect="import imp\n\ndef test_never(): pass\n")
    result = _run(project)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["*No module named 'imp'*", "*imp (module, removed in Python 3.12)*"]
    )


@only_before_312
def test_a_conftest_importing_a_removed_module_stops_the_run(project):
    project.makeconftest("import asyncore\n")
    project.makepyfile(test_ok="def test_ok(): pass\n")
    result = _run(project)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*No module named 'asyncore'*"])


@only_before_312
def test_a_skip_while_handling_a_refused_import_stays_a_skip(project):
    project.makepyfile(
        test_skip="""
        import pytest

        def test_skips_without_smtpd():
            try:
                import smtpd
            except ImportError:
                pytest.skip("no smtpd")
        """
    )
    result = _run(project, "-rA")
    result.assert_outcomes(skipped=1)
    result.stdout.no_fnmatch_line("*REMOVED-API*")


@only_before_312
def test_a_failure_caused_by_a_hidden_api_is_categorized(project):
    project.makepyfile(
        test_failures="""
        import ssl

        def test_uses_removed():
            ssl.wrap_socket

        def test_other_failure():
            assert False
        """
    )
    result = _run(project, "-rA")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        [
            "*ssl.wrap_socket (function, removed in Python 3.12)*",
            "*used at test_failures.py:4 during call*",
            "REMOVED-API test_failures.py::test_uses_removed*",
            "FAILED test_failures.py::test_other_failure*",
        ]
    )


def _state() -> dict[str, object]:
    """What a simulation touches in this process, by identity."""
    state: dict[str, object] = {
        "meta_path": list(sys.meta_path),
        "path_importer_cache": dict(sys.path_importer_cache),
        "__import__": builtins.__import__,
        "import_module": importlib.import_module,
        "find_spec": importlib.util.find_spec,
        "modules": {name: module for name, module in sys.modules.items()},
    }
    for entry in catalog.CATALOG:
        module = sys.modules.get(entry.module)
        if module is None:
            continue
        state[f"class:{entry.module}"] = type(module)
        owner: object = module
        for part in entry.qualname.split(".")[:-1] if entry.qualname else ():
            owner = vars(owner).get(part) if hasattr(owner, "__dict__") else None
        if owner is not None and hasattr(owner, "__dict__"):
            state[f"vars:{entry.module}:{entry.qualname}"] = dict(vars(owner))
    return state


@only_before_312
def test_no_state_survives_the_session_or_a_test(project):
    import configparser
    import ssl
    import unittest

    # imported before the run: their names get hidden
    assert configparser
    assert ssl
    assert unittest
    project.makepyfile(
        test_a_changes="""
        import ssl, sys, types, unittest

        def test_puts_names_back(monkeypatch):
            ssl.wrap_socket = "left behind"
            sys.modules["imp"] = types.ModuleType("imp")
            monkeypatch.setattr(unittest.TestCase, "assertEquals", print, raising=False)
            assert unittest.TestCase.assertEquals is print
            monkeypatch.setattr(ssl, "match_hostname", print, raising=False)
            assert ssl.match_hostname is print

        def test_fails_after_changing():
            sys.meta_path.remove(sys.meta_path[0])
            ssl.RAND_pseudo_bytes = 1
            raise RuntimeError("after the change")
        """,
        test_b_sees_none="""
        import ssl, sys, unittest, pytest

        def test_simulated_again():
            assert not hasattr(ssl, "wrap_socket")
            assert not hasattr(ssl, "match_hostname")
            assert not hasattr(ssl, "RAND_pseudo_bytes")
            assert not hasattr(unittest.TestCase, "assertEquals")
            with pytest.raises(ModuleNotFoundError):
                import imp
        """,
    )
    before = _state()
    result = _run(project)
    result.assert_outcomes(passed=2, failed=1)
    after = _state()
    # The inner run caches finders for its own folders; what was cached before stays.
    cache_before = before.pop("path_importer_cache")
    cache_after = after.pop("path_importer_cache")
    assert isinstance(cache_before, dict)
    assert isinstance(cache_after, dict)
    assert {key: cache_after.get(key) for key in cache_before} == cache_before
    assert after == before


@only_before_312
def test_an_allowed_api_is_visible_inside_that_test_only(project):
    project.makefile(
        ".ini",
        pytest="""
        [pytest]
        addopts = -p removed_apis -p no:cacheprovider
        console_output_style = classic
        removed_apis_allow = ssl.match_hostname
        filterwarnings = ignore::DeprecationWarning
        """,
    )
    project.makepyfile(
        test_allowed="""
        import ssl, unittest, pytest

        @pytest.mark.allow_removed("imp", "unittest.TestCase.assertEquals")
        def test_allowed():
            import imp
            assert unittest.TestCase.assertEquals
            assert not hasattr(ssl, "wrap_socket")

        @pytest.mark.allow_removed
        def test_all_allowed():
            assert ssl.wrap_socket

        def test_hidden_again():
            with pytest.raises(ModuleNotFoundError):
                import imp
            assert not hasattr(unittest.TestCase, "assertEquals")
            assert not hasattr(ssl, "wrap_socket")

        def test_allowed_project_wide():
            assert ssl.match_hostname
        """
    )
    _run(project).assert_outcomes(passed=4)


@only_before_313
def test_simulating_313_hides_its_removals_and_312s(project):
    project.makepyfile(
        test_313="""
        import sys, pytest

        def test_hidden():
            with pytest.raises(ModuleNotFoundError):
                import telnetlib
            if sys.version_info >= (3, 12):
                with pytest.raises(ModuleNotFoundError):
                    import imp
            assert sys.version_info[:2] == (3, 13)
        """
    )
    result = project.runpytest("--simulate-python", "3.13")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["removed-apis: simulating Python 3.13 on Python 3.*hidden*"])


def test_an_unknown_release_is_a_usage_error(project):
    result = project.runpytest("--simulate-python", "3.11")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["*--simulate-python='3.11' in the command line is not valid; use one of: 3.12, 3.13*"]
    )


@pytest.mark.skipif(BEFORE_312, reason="only a newer interpreter has nothing to hide")
def test_on_the_simulated_release_nothing_needs_hiding(project):
    project.makepyfile(test_plain="def test_plain(): pass\n")
    result = _run(project)
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(
        ["removed-apis: simulating Python 3.12: nothing needs hiding, Python 3.1* is running"]
    )


@only_before_312
def test_the_fixture_simulates_one_test_without_the_flag(project):
    project.makepyfile(
        test_fixture="""
        import importlib.util, ssl, sys, pytest

        def test_simulated(simulate_python):
            assert simulate_python.release == (3, 12)
            with pytest.raises(ModuleNotFoundError):
                import imp
            assert not hasattr(ssl, "wrap_socket")

        def test_simulated_and_failing(simulate_python):
            ssl.wrap_socket

        def test_not_simulated():
            assert importlib.util.find_spec("imp") is not None
            assert hasattr(ssl, "wrap_socket")
        """
    )
    before = _state()
    result = project.runpytest("-p", "no:randomly", "--removed-apis=off", "-rA")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["REMOVED-API test_fixture.py::test_simulated_and_failing*"])
    after = _state()
    for state in (before, after):
        state.pop("path_importer_cache")  # the inner run caches finders for its folders
    assert after == before


@only_before_312
def test_the_fixture_under_the_flag_is_the_runs_simulation(project):
    project.makepyfile(
        test_fixture="""
        def test_simulated(simulate_python):
            assert simulate_python.installed
        """
    )
    _run(project).assert_outcomes(passed=1)


TRIGGER_RUN = """
import sys
from pytest_removed_apis import catalog
from pytest_removed_apis.intercept.simulate import Simulation
sys.path.insert(0, {tests!r})
from catalog_triggers import TRIGGERS
simulation = Simulation(catalog.CATALOG, {release!r}, {root!r})
simulation.install()
try:
    code = compile(TRIGGERS[{entry!r}].code, {root!r} + "/trigger.py", "exec")
    exec(code, {{"__name__": "trigger", "__file__": {root!r} + "/trigger.py"}})
except BaseException as error:
    print(type(error).__name__, [use[0].id for use in simulation.explain(error)])
else:
    print("nothing")
simulation.uninstall()
"""

# Removed behaviours and attributes of built-in types, which no simulation can take away.
CANNOT_SIMULATE = {
    "builtins.classmethod:descriptor-chaining",
    "types.CodeType.co_lnotab",
    "types.FrameType.clear:suspended-frame",
}


def _simulated_entries() -> list[catalog.Entry]:
    return [
        entry
        for entry in catalog.CATALOG
        # 3.13's removals are judged against 3.12, the release before (issue: simulation
        # of 3.13 on 3.8-3.11 keeps those releases' own forms of several behaviours).
        if entry.removed_version > sys.version_info[:2]
        and (entry.removed_in == "3.12" or sys.version_info >= (3, 12))
        and entry.availability in (None, "unix")
        and (
            entry.added_in is None or catalog.version_tuple(entry.added_in) <= sys.version_info[:2]
        )
        and entry.id not in CANNOT_SIMULATE
    ]


@pytest.mark.parametrize("entry", _simulated_entries(), ids=lambda entry: entry.id)
def test_every_catalog_trigger_fails_under_simulation_as_on_the_newer_release(entry, tmp_path):
    from catalog_triggers import TRIGGERS

    code = TRIGGER_RUN.format(
        tests=str(Path(__file__).parent),
        release=entry.removed_version,
        root=str(tmp_path),
        entry=entry.id,
    )
    run = subprocess.run(
        [sys.executable, "-I", "-c", code],
        capture_output=True,
        text=True,
        cwd=str(tmp_path),
        timeout=120,
        # setuptools' distutils would be found, as on a 3.12 that has setuptools
        env={**os.environ, "SETUPTOOLS_USE_DISTUTILS": "stdlib"},
    )
    assert run.returncode == 0, run.stderr
    expected = TRIGGERS[entry.id].gone
    raised, _, explained = run.stdout.strip().partition(" ")
    assert raised == expected, run.stdout + run.stderr
    if entry.kind != "behaviour":
        # The failure is put down to a removed API (the same name may be catalogued
        # twice: a keyword with its twin, a method with the module function bound to it).
        assert explained != "[]", run.stdout


def _probe_entry(module: str) -> catalog.Entry:
    return dataclasses.replace(catalog.by_id("imp"), id=module, module=module)


@only_before_312
def test_a_copy_outside_the_standard_library_is_the_baseline_each_test_returns_to(
    tmp_path, monkeypatch
):
    name = "removed_apis_probe_backport"
    backport = ModuleType(name)
    backport.__file__ = str(tmp_path / f"{name}.py")
    monkeypatch.setitem(sys.modules, name, backport)
    simulation = Simulation([_probe_entry(name)], (3, 12), str(tmp_path))
    simulation.install()
    simulation.install()  # a second install changes nothing
    try:
        assert importlib.import_module(name) is backport
        sys.modules[name] = ModuleType(name)  # what a test might do
        simulation.reset()
        assert sys.modules[name] is backport
    finally:
        simulation.uninstall()
        simulation.uninstall()  # a second uninstall changes nothing
    assert sys.modules[name] is backport
    assert simulation.finder not in sys.meta_path
    assert builtins.__import__ is BUILTIN_IMPORT


BUILTIN_IMPORT = builtins.__import__


def test_modules_of_the_standard_library_are_told_from_copies_elsewhere(tmp_path):
    elsewhere = ModuleType("elsewhere")
    elsewhere.__file__ = str(tmp_path / "elsewhere.py")
    assert not is_standard_copy(elsewhere)
    assert not is_standard_copy(ModuleType("made_at_run_time"))
    assert is_standard_copy(sys)
    assert is_standard_copy(os)
    assert is_standard_copy(object())  # 3.12's typing.io is no module object
    assert _standard_spec(importlib.util.find_spec("os"))
    assert not _standard_spec(importlib.util.spec_from_file_location("x", tmp_path / "x.py"))


def test_a_use_outside_the_rootdir_is_explained_with_its_full_path(tmp_path):
    outside = tmp_path / "outside" / "helper.py"
    simulation = Simulation([catalog.by_id("ssl.wrap_socket")], (3, 12), str(tmp_path / "root"))
    error = AttributeError("module 'ssl' has no attribute 'wrap_socket'")
    error.removed_api = catalog.by_id("ssl.wrap_socket")  # as the simulation tags its errors
    try:
        exec(compile("raise error\n", str(outside), "exec"), {"error": error})
    except AttributeError as caught:
        uses = simulation.explain(caught)
    assert [(entry.id, filename, line) for entry, filename, line in uses] == [
        ("ssl.wrap_socket", str(outside), 1)
    ]


@only_before_312
def test_a_plugin_loaded_by_a_conftest_simulates_from_configuration_on(pytester, monkeypatch):
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makeconftest('pytest_plugins = ["pytest_removed_apis.plugin"]')
    pytester.makepyfile(
        test_late="""
        import pytest

        def test_hidden():
            with pytest.raises(ModuleNotFoundError):
                import imp
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "--simulate-312")
    result.assert_outcomes(passed=1)


def test_code_of_no_file_is_not_the_projects(tmp_path):
    simulation = Simulation([], (3, 12), str(tmp_path))
    assert not simulation.is_project({"__name__": "frozen_or_built_in"})
    assert not simulation.is_project(None)
    assert simulation.is_project({"__file__": str(tmp_path / "mine.py")})


def test_expected_names_are_checked_by_identity_in_dicts_class_namespaces_and_others():
    import collections

    from pytest_removed_apis.intercept.hiding import Expected

    class Holder:
        member = object()

    space = {"a": 1.0}
    other = collections.OrderedDict(b=2)
    expected = Expected(
        [(space, "a", space["a"]), (vars(Holder), "member", Holder.member), (other, "b", 2)]
    )
    assert expected.met()
    space["a"] = float("1")  # equal, not the same object
    assert not expected.met()
    expected = Expected([(vars(Holder), "member", Holder.member)])
    Holder.member = object()
    assert not expected.met()
    other["b"] = 3
    assert not Expected([(other, "b", 2)]).met()
    assert Expected([(space, "gone", _hiding_missing())]).met()


def _hiding_missing():
    from pytest_removed_apis.intercept import hiding as _hiding

    return _hiding._MISSING


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="3.12 has the modules gone already")
def test_after_a_reset_with_nothing_changed_the_checks_in_c_find_everything_in_place(tmp_path):
    """The one pass in C must find the hidden names and modules as the reset left them,
    absent ones included: otherwise every test pays for the slow look."""
    from pytest_removed_apis import catalog
    from pytest_removed_apis.intercept.simulate import Simulation

    simulation = Simulation(catalog.CATALOG, (3, 12), str(tmp_path))
    simulation.install()
    try:
        simulation.reset()
        assert "imp" not in sys.modules  # a hidden module that is absent
        assert simulation._modules_expected is not None
        assert simulation._modules_expected.met()
        assert simulation.names._expected.met()
        sys.modules["imp"] = ModuleType("imp")  # what a test might leave behind
        assert not simulation._modules_expected.met()
        simulation.reset()
        assert "imp" not in sys.modules
        assert simulation._modules_expected.met()
    finally:
        simulation.uninstall()


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="3.12 has the modules gone already")
def test_a_submodule_of_a_hidden_module_is_put_back_by_the_next_reset_too(tmp_path):
    from pytest_removed_apis import catalog
    from pytest_removed_apis.intercept.simulate import Simulation

    simulation = Simulation([catalog.by_id("imp")], (3, 12), str(tmp_path))
    simulation._modules_expected = simulation_expected = object()  # type: ignore[assignment]
    simulation.note_module("imp.helpers")  # a name under a removed module, seen once
    assert simulation._modules_expected is None
    assert "imp.helpers" in simulation._module_names
    simulation._modules_expected = simulation_expected  # type: ignore[assignment]
    simulation.note_module("imp.helpers")  # known already: nothing to make again
    assert simulation._modules_expected is simulation_expected
    simulation.note_module("json")  # not under a removed name
    assert "json" not in simulation._module_names


@pytest.mark.skipif(sys.version_info >= (3, 14), reason="3.14 has the names gone already")
def test_a_name_read_by_an_annotation_is_refused_only_before_314(project):
    project.makepyfile(
        test_annotations="""
        import ast

        def test_annotation():
            def node(value: ast.Num = None) -> ast.Str:
                return value
            assert node() is None

        def test_use_beside_an_annotation():
            def node(value: ast.Num = None): return ast.Num
            node()
        """
    )
    result = project.runpytest("--simulate-python", "3.14", "-p", "no:randomly")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*AttributeError: module 'ast' has no attribute 'Num'*"])
    if sys.version_info < (3, 12):  # 3.12 and 3.13 read an alias through ast.__getattr__
        result = project.runpytest("--simulate-312", "-p", "no:randomly")
        result.assert_outcomes(passed=2)


def test_a_simulator_started_outside_a_pytest_run_has_nothing_to_do_when_configured():
    from pytest_removed_apis.simulator import Simulator

    simulator = Simulator(simulation=None, configured=None)  # type: ignore[arg-type]
    assert simulator.pytest_configure(None) is None  # type: ignore[arg-type]
