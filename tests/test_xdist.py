"""Under pytest-xdist: the same outcomes, summary and JSON report as in one process."""

from __future__ import annotations

import json
import re
import sys
import textwrap

import pytest

pytest.importorskip("xdist")

below_312 = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="the 3.12 removals are already gone on this interpreter"
)


def summary_section(result):
    """The summary section, and the outcome of each test from ``-rA``."""
    lines = result.outlines
    start = next(n for n, line in enumerate(lines) if "removed APIs summary" in line)
    end = next(n for n, line in enumerate(lines) if "short test summary info" in line)
    outcomes = sorted(
        line.split(" - ")[0]
        for line in lines[end + 1 :]
        if re.match(r"(PASSED|FAILED|ERROR|REMOVED-API|SKIPPED|XFAIL) ", line)
    )
    return lines[start:end], outcomes


def normalised(path):
    data = json.loads(path.read_text())
    del data["run"]["created"]
    return data


def run_both(pytester, *args):
    """The same run in one process and on two and four workers, in fresh processes."""
    runs = {}
    for workers in ("0", "2", "4"):
        report = pytester.path / f"report-{workers}.json"
        result = pytester.runpytest_subprocess(
            "-p", "removed_apis", "-p", "no:cacheprovider", "-rA", "-n", workers,
            f"--removed-apis-report={report}", *args,
        )  # fmt: skip
        runs[workers] = (result, *summary_section(result), normalised(report))
    return runs


def assert_same(runs):
    _, one_summary, one_outcomes, one_report = runs["0"]
    assert one_summary, "the run found nothing: the comparison would prove nothing"
    for workers in ("2", "4"):
        _, summary, outcomes, report = runs[workers]
        assert summary == one_summary
        assert outcomes == one_outcomes
        assert report == one_report


@below_312
@pytest.mark.parametrize("mode", [(), ("--simulate-312",)], ids=["default mode", "simulated"])
def test_example_gives_the_same_summary_outcomes_and_report_on_workers(example, mode):
    pytester = example
    # pytest-xdist runs the other tests after a collection error; so does one process here.
    runs = run_both(pytester, "--continue-on-collection-errors", *mode)
    assert_same(runs)
    report = runs["0"][3]
    assert report["verdict"]["failing_tests"] == 10
    assert report["verdict"]["broken_modules"] == 2
    # Every worker imports every test module: each collection finding is listed once.
    collected = [f for f in report["findings"] if f["phase"] == "collect"]
    assert len(collected) == len({(f["nodeid"], f["api"]) for f in collected}) > 0


GENERATED = """
import configparser
import locale
import unittest
import warnings

import pytest

{collect}

@pytest.fixture
def legacy_parser():
    parser = configparser.RawConfigParser()
    parser.readfp(iter(["[a]", "x = 1"]))
    return parser

@pytest.mark.parametrize("n", range(20))
def test_format_{index}(n):
    if n % 3 == 0:
        assert locale.format("%d", n) == str(n)
    else:
        assert locale.format_string("%d", n) == str(n)

@pytest.mark.parametrize("n", range(5))
def test_fixture_{index}(legacy_parser, n):
    assert legacy_parser.get("a", "x") == "1"

@pytest.mark.allow_removed("locale.format")
def test_allowed_{index}():
    assert locale.format("%d", 1) == "1"

def test_ordinary_warning_{index}():
    with pytest.warns(DeprecationWarning):
        warnings.warn("not about a removed API", DeprecationWarning)

class Legacy{index}(unittest.TestCase):
    def test_alias(self):
        self.assertEquals(1, 1)

    def test_plain(self):
        self.assertEqual(1, 1)
"""


@below_312
def test_generated_suite_of_hundreds_of_tests_gives_the_same_results_on_workers(pytester):
    for index in range(10):
        collect = "import imghdr  # removed in 3.13: upcoming" if index % 4 == 0 else ""
        pytester.makepyfile(
            **{
                f"test_gen_{index}": textwrap.dedent(
                    GENERATED.format(index=index, collect=collect)
                )
            }
        )
    runs = run_both(pytester)
    assert_same(runs)
    result, _, outcomes, report = runs["0"]
    assert len(outcomes) == 290
    # Per module: 7 locale.format calls and an alias fail, 5 fixtures error in setup.
    result.assert_outcomes(passed=160, failed=80, errors=50)
    assert {f["part"] for f in report["findings"]} == {"fail", "allowed", "upcoming"}


@below_312
def test_simulation_runs_on_every_worker(pytester):
    pytester.makepyfile(
        test_sim="""
        import os
        import pytest

        @pytest.mark.parametrize("n", range(8))
        def test_imp_is_gone(n):
            with pytest.raises(ModuleNotFoundError):
                import imp
            assert os.getpid()
        """
    )
    result = pytester.runpytest_subprocess("-p", "removed_apis", "--simulate-312", "-n", "2")
    result.assert_outcomes(passed=8)


@below_312
def test_junit_properties_reach_the_xml_from_workers(pytester):
    pytester.makepyfile(
        test_money="""
        import locale

        def test_formats():
            assert locale.format("%d", 7) == "7"
        """
    )
    junit = pytester.path / "junit.xml"
    result = pytester.runpytest_subprocess("-p", "removed_apis", "-n", "2", f"--junitxml={junit}")
    result.assert_outcomes(failed=1)
    text = junit.read_text()
    assert '<property name="removed_api" value="locale.format: function removed in' in text
    assert "uses APIs removed in Python 3.12: locale.format" in text


@below_312
def test_plugin_works_without_xdist(pytester):
    pytester.makepyfile(
        test_money="""
        import locale

        def test_formats():
            assert locale.format("%d", 7) == "7"
        """
    )
    report = pytester.path / "r.json"
    result = pytester.runpytest_subprocess(
        "-p", "removed_apis", "-p", "no:xdist", f"--removed-apis-report={report}"
    )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["1 test will fail on Python 3.12 because of 1 removed API"])
    assert json.loads(report.read_text())["verdict"]["failing_tests"] == 1


@below_312
def test_the_finding_hook_is_called_once_per_finding_on_the_controller(pytester):
    pytester.makeconftest(
        """
        def pytest_removed_apis_finding(finding, config):
            with open("seen.txt", "a") as stream:
                stream.write(f"{finding.nodeid} {finding.api}\\n")
        """
    )
    pytester.makepyfile(
        test_broken="import asyncore\n",
        test_money="""
        import locale

        def test_formats():
            assert locale.format("%d", 7) == "7"
        """,
    )
    seen = {}
    for workers in ("0", "2"):
        pytester.runpytest_subprocess(
            "-p", "removed_apis", "-n", workers, "--continue-on-collection-errors"
        )
        path = pytester.path / "seen.txt"
        seen[workers] = sorted(path.read_text().splitlines())
        path.unlink()
    assert (
        seen["0"]
        == seen["2"]
        == [
            "test_broken.py asyncore",
            "test_money.py::test_formats locale.format",
        ]
    )


def test_a_worker_that_measured_nothing_sends_no_static_uses():
    from types import SimpleNamespace

    from pytest_removed_apis.report import xdist as _xdist

    added, static = [], []
    controller = _xdist.Controller(added.extend, static.extend, lambda: None)
    wire = {"api": "imp"}
    controller.pytest_testnodedown(SimpleNamespace(workeroutput={_xdist._KEY: [wire]}), None)
    controller.pytest_testnodedown(
        SimpleNamespace(workeroutput={_xdist._STATIC: [wire], _xdist._KEY: []}), None
    )
    controller.pytest_testnodedown(SimpleNamespace(), None)  # a worker that crashed
    assert added == [wire]
    assert static == [wire]
