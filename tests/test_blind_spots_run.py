"""Blind spots in a test run: with coverage measuring, the summary and the JSON report list
the statically found uses on lines no test ran; without it, nothing changes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from pytest_removed_apis.scan import Scanner
from pytest_removed_apis.settings import default_target

TARGET = default_target(sys.version_info[:2])

pytest.importorskip("pytest_cov")

below_312 = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="the 3.12 removals are already gone on this interpreter"
)


def run_with_cov(pytester, monkeypatch, *args):
    # The measuring under test keeps its data and settings to itself: our own suite's
    # measuring (COVERAGE_FILE, COVERAGE_RCFILE) must not collect the example's files.
    monkeypatch.setenv("COVERAGE_FILE", str(pytester.path / ".coverage"))
    monkeypatch.delenv("COVERAGE_RCFILE", raising=False)
    report = pytester.path / "report.json"
    cov_json = pytester.path / "cov.json"
    result = pytester.runpytest_subprocess(
        "-p", "removed_apis", "-p", "no:cacheprovider", "--continue-on-collection-errors",
        "--cov=legacy_inventory", "--cov=tests", f"--cov-report=json:{cov_json}",
        f"--removed-apis-report={report}", *args,
    )  # fmt: skip
    return result, json.loads(report.read_text()), json.loads(cov_json.read_text())


def unexecuted_by_coverage_and_scan(root, cov_data):
    """The blind spots worked out apart from the plugin: every use the scanner finds in a
    measured file whose line coverage lists as missing (or excluded)."""
    expected = set()
    for name, data in cov_data["files"].items():
        ran = set(data["executed_lines"])
        for use in Scanner().file(str(root / name)):
            if use.line not in ran:
                expected.add((Path(name).as_posix(), use.line, use.entry.id))
    return expected


@below_312
@pytest.mark.parametrize("workers", [(), ("-n", "2")], ids=["one process", "two workers"])
def test_example_with_pytest_cov_lists_exactly_the_uses_on_lines_no_test_ran(
    example, monkeypatch, workers
):
    if workers:
        pytest.importorskip("xdist")
    pytester = example
    result, report, cov_data = run_with_cov(pytester, monkeypatch, *workers)
    static = report["static_uses"]
    blind = {(use["filename"], use["line"], use["api"]) for use in static if not use["executed"]}
    assert blind == {
        ("legacy_inventory/formatting.py", 24, "locale.format"),
        ("legacy_inventory/versioning.py", 24, "distutils"),
    }
    assert blind == unexecuted_by_coverage_and_scan(pytester.path, cov_data)
    # What ran is what the test run reported, apart from the finder (found where the import
    # skips it at run time, where it is defined by the scan).
    ran = {(use["filename"], use["line"]) for use in static if use["executed"]}
    runtime = {(f["filename"], f["lineno"]) for f in report["findings"]}
    assert ran - runtime == {("legacy_inventory/virtual.py", 15)}
    assert report["verdict"]["unexecuted_uses"] == 2
    result.stdout.fnmatch_lines(
        [
            "blind spots: uses on lines no test ran (found by a static scan of measured files)",
            "  module",
            "    distutils  removed in Python 3.12, 1 unexecuted use",
            "      legacy_inventory/versioning.py:24:5",
            "*",
            "  function",
            "    locale.format  removed in Python 3.12, 1 unexecuted use",
            "      legacy_inventory/formatting.py:24:19",
            "*",
            "  of 17 uses the static scan found in measured files, 15 ran (their findings are "
            "above when a test made them) and 2 did not",
            "",
            "10 tests will fail and 2 test modules will not import on Python 3.12 because of "
            "12 removed APIs (1 upcoming removal); 2 more uses on lines no test ran",
        ]
    )


@below_312
def test_without_coverage_measuring_nothing_is_said_about_blind_spots(example, monkeypatch):
    monkeypatch.delenv("COVERAGE_PROCESS_CONFIG", raising=False)  # our own suite's measuring
    pytester = example
    report_path = pytester.path / "report.json"
    result = pytester.runpytest_subprocess(
        "-p", "removed_apis", "-p", "no:cacheprovider", "--continue-on-collection-errors",
        "-p", "no:pytest_cov", f"--removed-apis-report={report_path}",
    )  # fmt: skip
    result.stdout.no_fnmatch_line("*blind spots*")
    report = json.loads(report_path.read_text())
    assert report["static_uses"] is None
    assert report["verdict"]["unexecuted_uses"] == 0


def test_coverage_run_is_measuring_too(pytester, monkeypatch):
    for name in ("COVERAGE_PROCESS_CONFIG", "COVERAGE_RCFILE", "COVERAGE_FILE"):
        monkeypatch.delenv(name, raising=False)  # our own suite's measuring
    pytester.makepyfile(
        legacy="""
        import locale

        def used():
            return locale.getlocale

        def unused():
            return locale.format("%d", 1)
        """,
        test_legacy="""
        import legacy

        def test_used():
            assert legacy.used()
        """,
    )
    pytester.makefile(".coveragerc", **{"": "[run]\nsource = .\n"})
    report = pytester.path / "report.json"
    result = pytester.run(
        sys.executable, "-m", "coverage", "run", "--rcfile=.coveragerc", "-m", "pytest",
        "-p", "removed_apis", "-p", "no:cacheprovider", "-p", "no:pytest_cov",
        f"--removed-apis-report={report}",
    )  # fmt: skip
    assert result.ret == pytest.ExitCode.OK
    static = json.loads(report.read_text())["static_uses"]
    assert [(use["filename"], use["line"], use["executed"]) for use in static] == [
        ("legacy.py", 7, False)
    ]
    result.stdout.fnmatch_lines(
        [
            "*removed APIs summary*",
            "blind spots: uses on lines no test ran*",
            "    locale.format  removed in Python 3.12, 1 unexecuted use",
            "      legacy.py:7:*",
            "*",
            f"no test will fail on Python {TARGET} because of a removed API; 1 more use on lines "
            "no test ran",
        ]
    )


def test_nothing_is_measured_when_coverage_is_not_imported_or_not_measuring(monkeypatch):
    import coverage

    from pytest_removed_apis.report import session

    monkeypatch.setitem(sys.modules, "coverage", coverage)  # imported, measuring nothing
    monkeypatch.setattr(coverage.Coverage, "current", classmethod(lambda cls: None))
    assert session._measuring(None, None) is None
    monkeypatch.delitem(sys.modules, "coverage")
    assert session._measuring(None, None) is None
