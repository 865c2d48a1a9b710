"""Default mode: a use of a removed API fails the test with a categorized report."""

from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="the 3.12 removals are already gone on this interpreter"
)

# locale.format() warns on every call on 3.8-3.11 and is gone from 3.12.
LOCALE_FORMAT_TEST = """
import locale

def test_formats():
    assert locale.format("%d", 7) == "7"

def test_plain():
    assert locale.format_string("%d", 7) == "7"
"""


def test_use_fails_the_test_and_names_api_kind_release_site_and_replacement(project):
    project.makepyfile(test_money=LOCALE_FORMAT_TEST)
    result = project.runpytest("-rf")
    result.assert_outcomes(passed=1, failed=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(
        [
            "test_money.py R.*",
            "*uses APIs removed in Python 3.12: locale.format",
            "*locale.format (function, removed in Python 3.12)",
            "    used at test_money.py:4 during call of test_money.py::test_formats",
            "*use instead: Use locale.format_string().",
            "*docs: https://docs.python.org/3/whatsnew/3.12.html#removed",
        ]
    )


def test_progress_output_uses_its_own_word_in_verbose_mode(project):
    project.makepyfile(test_money=LOCALE_FORMAT_TEST)
    result = project.runpytest("-v")
    result.stdout.fnmatch_lines(["*test_money.py::test_formats REMOVED-API*"])


def test_report_carries_findings_as_plain_builtins(project):
    project.makepyfile(test_money=LOCALE_FORMAT_TEST)
    reprec = project.inline_run()
    report = reprec.matchreport("test_formats")
    assert report.failed
    [finding] = report.removed_apis
    assert finding["api"] == "locale.format"
    assert finding["status"] == "fail"
    assert finding["phase"] == "call"
    assert {type(value) for value in finding.values()} <= {str, int, bool, type(None)}


@pytest.mark.parametrize(
    "ini_line",
    ["filterwarnings = ignore::DeprecationWarning", "filterwarnings = once::DeprecationWarning"],
)
def test_warning_filters_in_the_ini_file_do_not_hide_a_use(project, ini_line):
    project.makefile(".ini", pytest="[pytest]\naddopts = -p removed_apis\n" + ini_line)
    project.makepyfile(
        test_repeat="""
        import unittest

        class Repeats(unittest.TestCase):
            def test_first(self):
                self.assertEquals(1, 1)

            def test_second(self):
                self.assertEquals(2, 2)
        """
    )
    project.runpytest().assert_outcomes(failed=2)


def test_minus_w_ignore_does_not_hide_a_use(project):
    project.makepyfile(test_money=LOCALE_FORMAT_TEST)
    result = project.runpytest_subprocess("-W", "ignore", "-p", "removed_apis")
    result.assert_outcomes(passed=1, failed=1)


def test_pythonwarnings_ignore_does_not_hide_a_use(project, monkeypatch):
    monkeypatch.setenv("PYTHONWARNINGS", "ignore")
    project.makepyfile(test_money=LOCALE_FORMAT_TEST)
    project.runpytest_subprocess("-p", "removed_apis").assert_outcomes(passed=1, failed=1)


def test_the_tenth_call_is_caught_like_the_first(project):
    project.makepyfile(
        test_many="""
        import pytest, unittest

        @pytest.mark.parametrize("n", range(10))
        def test_alias(n):
            unittest.TestCase("run").assertEquals(n, n)
        """
    )
    project.runpytest().assert_outcomes(failed=10)


def test_warnings_about_other_things_read_exactly_as_without_the_plugin(pytester):
    pytester.makepyfile(
        test_other="""
        import warnings

        def test_warns():
            warnings.warn("not a removed API", DeprecationWarning)
            warnings.warn("a user warning", UserWarning)
        """
    )
    with_plugin = pytester.runpytest("-p", "removed_apis", "-p", "no:cacheprovider")
    without = pytester.runpytest("-p", "no:removed_apis", "-p", "no:cacheprovider")

    def summary(result):
        lines = result.outlines
        start = lines.index(next(line for line in lines if "warnings summary" in line))
        return [line for line in result.outlines[start:] if " in " not in line]

    assert summary(with_plugin) == summary(without)


def test_setup_and_teardown_uses_fail_the_test(project):
    project.makepyfile(
        test_fixture="""
        import locale, pytest

        @pytest.fixture
        def formatted():
            locale.format("%d", 1)
            yield
            locale.format("%d", 2)

        def test_uses_fixture(formatted):
            pass
        """
    )
    result = project.runpytest()
    result.assert_outcomes(errors=2)
    result.stdout.fnmatch_lines(["*during setup of*", "*during teardown of*"])


def test_a_use_between_phases_or_in_no_test_is_none(monkeypatch):
    from pytest_removed_apis import CATALOG, by_id
    from pytest_removed_apis.intercept.capture import Recorder, current_phase
    from pytest_removed_apis.intercept.classify import Classifier, Origins
    from pytest_removed_apis.settings import Settings

    settings = Settings("fail", "3.12", frozenset(), "fail", (3, 11), None, CATALOG)
    recorder = Recorder(settings, Classifier([]), Origins(), lambda *args: False, ".")
    from types import SimpleNamespace

    test = SimpleNamespace(nodeid="test_x.py::test_a")
    found, saved = recorder.start_test(test, frozenset())
    try:
        monkeypatch.setenv("PYTEST_CURRENT_TEST", "test_x.py::test_a (teardown)")
        assert current_phase() == "teardown"
        recorder.notify(by_id("imp"), "x.py", 1)
        monkeypatch.delenv("PYTEST_CURRENT_TEST")  # after the teardown
        assert current_phase() is None
        recorder.notify(by_id("asyncore"), "x.py", 2)
        monkeypatch.setenv("PYTEST_CURRENT_TEST", "test_x.py::test_a (odd)")
        recorder.notify(by_id("asynchat"), "x.py", 3)
    finally:
        recorder.stop(saved)
    assert {phase: [f.api for f in findings] for phase, findings in found.items()} == {
        "teardown": ["imp"]
    }


def test_without_pytest_warnings_capture_the_filters_and_hook_are_put_back(project):
    project.makeconftest(
        """
        import warnings

        def pytest_sessionfinish(session):
            ours = [f for f in warnings.filters if "removed_apis" in type(f[1]).__module__]
            print("LEFT AFTER THE TESTS:", len(ours), warnings.showwarning.__module__)
        """
    )
    project.makepyfile(
        test_two="""
        import locale, warnings

        def test_uses():
            assert locale.format("%d", 7) == "7"

        def test_during():
            ours = [f for f in warnings.filters if "removed_apis" in type(f[1]).__module__]
            assert len(ours) == 1  # one filter, not one more per test
        """
    )
    result = project.runpytest("-s", "-p", "no:warnings", "-p", "no:randomly")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*LEFT AFTER THE TESTS: 0 warnings"])
    result.stdout.fnmatch_lines(["*uses APIs removed in Python 3.12: locale.format"])


def test_import_time_use_fails_the_collection_of_that_module(project):
    project.makepyfile(
        test_top="""
        import configparser

        PARSER = configparser.SafeConfigParser()

        def test_never_collected():
            pass
        """,
        test_fine="def test_fine(): pass",
    )
    result = project.runpytest("--continue-on-collection-errors")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(
        ["*configparser.SafeConfigParser (class, removed in Python 3.12)", "*test_top.py:3 *"]
    )


def test_exit_code_maxfail_and_junit_failure_work_as_for_any_failure(project):
    project.makepyfile(test_money=LOCALE_FORMAT_TEST)
    junit = project.path / "junit.xml"
    result = project.runpytest("-x", f"--junitxml={junit}")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(failed=1)
    text = junit.read_text()
    assert "<failure" in text
    assert 'name="removed_api" value="locale.format: function removed in Python 3.12' in text


def test_last_failed_reruns_the_categorized_failure(pytester):
    pytester.makepyfile(test_money=LOCALE_FORMAT_TEST)
    pytester.runpytest("-p", "removed_apis")
    result = pytester.runpytest("-p", "removed_apis", "--lf")
    result.assert_outcomes(failed=1)


def test_version_guarded_use_is_not_a_finding(project):
    project.makepyfile(
        test_guarded="""
        import locale, sys

        def test_guarded():
            if sys.version_info < (3, 12):
                assert locale.format("%d", 1) == "1"
            else:
                assert locale.format_string("%d", 1) == "1"
        """
    )
    project.runpytest().assert_outcomes(passed=1)


def test_report_mode_records_without_failing(project):
    project.makepyfile(test_money=LOCALE_FORMAT_TEST)
    reprec = project.inline_run("--removed-apis=report")
    reprec.assertoutcome(passed=2)
    [finding] = reprec.matchreport("test_formats").removed_apis
    assert finding["status"] == "report"


def test_off_mode_detects_nothing(project):
    project.makepyfile(test_money=LOCALE_FORMAT_TEST)
    reprec = project.inline_run("--removed-apis=off")
    reprec.assertoutcome(passed=2)
    assert not hasattr(reprec.matchreport("test_formats"), "removed_apis")


IMPORTS = """
import pytest

def test_statement():
    import asyncore

def test_from():
    from asynchat import async_chat

def test_dotted():
    import distutils.version

def test_dunder():
    __import__("smtpd")

def test_import_module():
    import importlib
    importlib.import_module("imp")

def test_again():
    import asyncore
"""


def setuptools_provides_distutils() -> bool:
    """Whether ``import distutils`` here gives setuptools' copy (as 3.12 would too)."""
    import subprocess

    where = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", "import distutils; print(distutils.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return "site-packages" in where


def test_every_import_of_a_removed_module_is_caught_even_when_cached_or_silent(project):
    project.makepyfile(test_imports=IMPORTS)
    result = project.runpytest_subprocess("-p", "removed_apis", "-W", "ignore", "-rA")
    for api in ("asyncore", "asynchat", "smtpd", "imp"):
        result.stdout.fnmatch_lines([f"*uses APIs removed in Python 3.12: {api}*"])
    if setuptools_provides_distutils():
        # setuptools gives 3.12 a distutils too: importing it is no use of a removed API.
        result.stdout.no_fnmatch_line("*uses APIs removed in Python 3.12: distutils*")
    else:
        result.stdout.fnmatch_lines(["*uses APIs removed in Python 3.12: distutils*"])
    result.stdout.fnmatch_lines(["REMOVED-API test_imports.py::test_again*"])


def test_the_import_hooks_are_removed_after_the_run(project):
    import builtins
    import importlib

    before = (builtins.__import__, importlib.import_module)
    # Not IMPORTS: setuptools' distutils imported in-process upsets importlib.metadata
    # for the rest of the process on 3.8 and 3.9, whatever the plugin does.
    project.makepyfile(test_imports="def test_imp():\n    import imp\n")
    project.runpytest()
    assert (builtins.__import__, importlib.import_module) == before


def test_uses_that_never_warn_are_caught(project):
    project.makepyfile(
        test_silent="""
        import ftplib, ssl, unittest

        def test_module_function_access():
            assert callable(ssl.wrap_socket)

        def test_from_import():
            from ssl import match_hostname

        def test_class_attribute():
            assert ftplib.FTP_TLS.ssl_version

        def test_private_alias():
            assert unittest._TextTestResult

        def test_replacement():
            assert ssl.SSLContext
        """
    )
    result = project.runpytest()
    result.assert_outcomes(failed=4, passed=1)
    for api in ("ssl.wrap_socket", "ssl.match_hostname", "ftplib.FTP_TLS.ssl_version"):
        result.stdout.fnmatch_lines([f"*uses APIs removed in Python 3.12: {api}"])


def test_watched_attributes_are_restored_after_the_run(project):
    import ftplib
    import ssl
    import types

    before = (type(ssl), vars(ftplib.FTP_TLS)["ssl_version"])
    project.makepyfile(test_ok="import ssl, ftplib\ndef test_ok(): pass")
    project.runpytest().assert_outcomes(passed=1)
    assert (type(ssl), vars(ftplib.FTP_TLS)["ssl_version"]) == before
    assert type(ssl) is types.ModuleType


def test_a_test_failing_on_its_own_keeps_its_failure_and_adds_the_uses(project):
    project.makepyfile(
        test_both="""
        import locale

        def test_both():
            locale.format("%d", 1)
            assert False, "its own failure"
        """
    )
    result = project.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*its own failure*", "*- removed APIs -*", "*locale.format*"])


def test_a_use_before_a_skip_fails_as_on_the_newer_release(project):
    project.makepyfile(
        test_skip="""
        import locale, pytest

        def test_uses_then_skips():
            locale.format("%d", 1)
            pytest.skip("never reached on 3.12")

        @pytest.mark.xfail(reason="known")
        def test_expected_failure():
            locale.format("%d", 1)
            raise ValueError
        """
    )
    project.runpytest().assert_outcomes(failed=1, xfailed=1)


BEHAVIOURS = """
import random, shlex, sys, types

class OnlyFindModule:
    def find_module(self, fullname, path=None):
        return self if fullname == "legacy_virtual" else None

    def find_loader(self, fullname):
        return (self, []) if fullname == "legacy_entry_module" else (None, [])

    def load_module(self, fullname):
        module = sys.modules[fullname] = types.ModuleType(fullname)
        return module

def test_randrange_float():
    random.randrange(10.0)

def test_randrange_non_integer():
    try:
        random.Random(1).randrange(10.5)
    except ValueError:
        pass

def test_randrange_ints():
    random.randrange(10)

def test_shlex_none(monkeypatch):
    import io
    monkeypatch.setattr(sys, "stdin", io.StringIO("a b"))
    shlex.split(None)

def test_shlex_string():
    assert shlex.split("a b") == ["a", "b"]

def test_randrange_from_a_thread_of_the_library_only():
    import threading
    thread = threading.Thread(target=random.randrange, args=(10.0,))
    thread.start()
    thread.join()

def test_meta_path_fallback():
    finder = OnlyFindModule()
    sys.meta_path.insert(0, finder)
    try:
        import legacy_virtual
    finally:
        sys.meta_path.remove(finder)
        sys.modules.pop("legacy_virtual", None)

def test_meta_path_finder_that_finds_nothing():
    finder = OnlyFindModule()
    sys.meta_path.insert(0, finder)
    try:
        import json.tool
    finally:
        sys.meta_path.remove(finder)

class ReprLoader:
    def module_repr(self, module):
        return "<custom>"

def test_loader_module_repr():
    module = types.ModuleType("shown")
    module.__loader__ = ReprLoader()
    assert repr(module) == "<custom>"

def test_default_module_repr():
    assert "json" in repr(__import__("json"))

class EntryFinder:
    def __init__(self, entry):
        if entry != "legacy-entry":
            raise ImportError(entry)

    def find_module(self, fullname, path=None):
        return OnlyFindModule() if fullname == "legacy_entry_module" else None

def test_path_entry_fallback():
    sys.path_hooks.insert(0, EntryFinder)
    sys.path.insert(0, "legacy-entry")
    try:
        import legacy_entry_module
    finally:
        sys.path.remove("legacy-entry")
        sys.path_hooks.remove(EntryFinder)
        sys.path_importer_cache.pop("legacy-entry", None)
        sys.modules.pop("legacy_entry_module", None)
"""


def test_removed_behaviours_are_caught_even_where_they_are_silent(project):
    project.makepyfile(test_behaviours=BEHAVIOURS)
    reprec = project.inline_run("-W", "ignore")
    failed = {rep.nodeid.split("::")[1] for rep in reprec.getreports() if rep.failed}
    assert failed == {
        "test_randrange_float",
        "test_randrange_non_integer",
        "test_shlex_none",
        "test_meta_path_fallback",
        "test_path_entry_fallback",
        "test_loader_module_repr",
    }


def test_the_standard_librarys_own_fallbacks_are_not_uses(project, tmp_path):
    import zipfile

    archive = tmp_path / "mods.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("zipped_module.py", "VALUE = 1\n")
    project.makepyfile(
        test_zip=f"""
        import sys

        def test_import_from_a_zip():
            sys.path.insert(0, {str(archive)!r})
            try:
                import zipped_module
                assert zipped_module.VALUE == 1
            finally:
                sys.path.remove({str(archive)!r})
                sys.modules.pop("zipped_module", None)
        """
    )
    project.inline_run().assertoutcome(passed=1)


def test_a_removed_module_an_installed_backport_provides_is_no_use(project, tmp_path, monkeypatch):
    site = tmp_path / "site-packages"
    site.mkdir()
    (site / "asynchat.py").write_text("BACKPORT = True\n")
    monkeypatch.syspath_prepend(str(site))
    project.makepyfile(
        test_backport="""
        def test_backport():
            import asynchat
            import asynchat as again
            assert asynchat.BACKPORT and again.BACKPORT
        """
    )
    project.inline_run().assertoutcome(passed=1)


def test_the_standard_librarys_own_imports_are_not_the_users(project):
    # asynchat imports asyncore itself: only the user's import of asynchat is a use.
    project.makepyfile(test_chat="def test_chat():\n    import asynchat\n")
    reprec = project.inline_run("-W", "ignore")
    [report] = [rep for rep in reprec.getreports("pytest_runtest_logreport") if rep.when == "call"]
    assert [finding["api"] for finding in report.removed_apis] == ["asynchat"]


def test_uses_outside_any_test_phase_are_not_recorded():
    from pytest_removed_apis import CATALOG, by_id
    from pytest_removed_apis.intercept.capture import Recorder
    from pytest_removed_apis.intercept.classify import Classifier, Origins
    from pytest_removed_apis.settings import Settings

    settings = Settings("fail", "3.12", frozenset(), "fail", (3, 11), None, CATALOG)
    recorder = Recorder(settings, Classifier([]), Origins(), lambda *args: False, ".")
    recorder.notify(by_id("imp"), "somewhere.py", 1)  # no phase is recording: nothing to do
    with recorder.recording("call", "test_x", frozenset()) as found:
        recorder.notify(by_id("imp"), "somewhere.py", 1)
    assert [finding.api for finding in found] == ["imp"]


CONFTEST_USE = """
import locale

PRICE = locale.format("%d", 1)
"""


def test_a_use_while_the_first_conftest_is_imported_stops_the_run(project):
    import builtins

    before = builtins.__import__
    project.makeconftest(CONFTEST_USE)
    project.makepyfile("def test_never_run(): pass")
    result = project.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: a conftest.py uses removed APIs while it is imported:",
            "uses APIs removed in Python 3.12: locale.format",
            "*used at conftest.py:3 during collect of conftest.py",
        ]
    )
    assert builtins.__import__ is before


def test_a_conftest_use_allowed_in_the_ini_file_does_not_stop_the_run(project):
    project.makefile(
        ".ini", pytest="[pytest]\naddopts = -p removed_apis\nremoved_apis_allow = locale.format\n"
    )
    project.makeconftest(CONFTEST_USE)
    project.makepyfile("def test_runs(): pass")
    project.runpytest().assert_outcomes(passed=1)


def test_a_conftest_that_fails_to_import_for_another_reason_leaves_nothing_installed(project):
    import builtins

    before = builtins.__import__
    project.makeconftest("raise RuntimeError('broken conftest')")
    result = project.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert builtins.__import__ is before


def test_a_plugin_loaded_by_a_conftest_watches_from_configuration_on(pytester, monkeypatch):
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makeconftest('pytest_plugins = ["pytest_removed_apis.plugin"]')
    pytester.makepyfile(test_money=LOCALE_FORMAT_TEST)
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1, failed=1)


def test_a_protocol_that_never_logs_its_finish_still_watches_each_test(project):
    # A plugin's protocol that runs the test itself and never calls logfinish (after the
    # plugin's start, as it is not tryfirst): each test still gets its own findings, and
    # the filter and hook are put back by the next test's start and at the end.
    project.makeconftest(
        """
        import warnings

        import pytest
        from _pytest.runner import runtestprotocol

        def pytest_runtest_protocol(item, nextitem):
            item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
            runtestprotocol(item, nextitem=nextitem)
            return True

        @pytest.hookimpl(trylast=True)
        def pytest_unconfigure(config):
            ours = [f for f in warnings.filters if "removed_apis" in type(f[1]).__module__]
            recorder = config.pluginmanager.get_plugin("removed_apis_detector").recorder
            recording = recorder._active is not None or recorder.watch._on_use is not None
            print("LEFT AT THE END:", len(ours), warnings.showwarning.__module__, recording)
        """
    )
    project.makepyfile(
        test_three="""
        import locale, warnings

        def test_first():
            assert locale.format("%d", 7) == "7"

        def test_clean():
            ours = [f for f in warnings.filters if "removed_apis" in type(f[1]).__module__]
            assert len(ours) == 1

        def test_last():
            assert locale.format("%d", 8) == "8"
        """
    )
    result = project.runpytest("-s", "-p", "no:randomly", "-rf")
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*used at test_three.py:4 during call of test_three.py::test_first",
            "*used at test_three.py:11 during call of test_three.py::test_last",
        ]
    )
    result.stdout.fnmatch_lines(["*LEFT AT THE END: 0 warnings False"])


def test_no_list_holds_the_filter_after_the_run(project):
    # The warnings module's C part keeps the list it read for the last warning: here a copy
    # that pytest.warns made while the filter was in place.  At the end only the list
    # pytest restored is left, without the filter.
    project.makeconftest(
        """
        import gc

        import pytest

        @pytest.hookimpl(trylast=True)
        def pytest_unconfigure(config):
            watch = config.pluginmanager.get_plugin("removed_apis_detector").recorder.watch
            lists = [r for r in gc.get_referrers(watch._filter) if isinstance(r, list)]
            print("LISTS HOLDING THE FILTER:", len(lists))
        """
    )
    project.makepyfile(
        test_warns="""
        import warnings

        import pytest

        def test_warns():
            with pytest.warns(DeprecationWarning):
                warnings.warn("old", DeprecationWarning)
        """
    )
    result = project.runpytest("-s")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*LISTS HOLDING THE FILTER: 0"])
