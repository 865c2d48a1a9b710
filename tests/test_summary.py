"""The ``removed APIs summary`` section: rendering (pure) and what a run prints."""

from __future__ import annotations

import sys

import pytest
from test_options import make_distribution

from pytest_removed_apis.catalog import by_id
from pytest_removed_apis.findings import Finding, to_wire
from pytest_removed_apis.report.summary import Tally, part_of, summary_lines, verdict
from pytest_removed_apis.scan.blindspots import StaticUse

below_312 = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="the 3.12 removals are already gone on this interpreter"
)


def found(api, nodeid, *, status="fail", phase="call", where=("t.py", 3), origin=None):
    return Finding.of(
        by_id(api),
        filename=where[0],
        lineno=where[1],
        phase=phase,
        nodeid=nodeid,
        status=status,
        origin=origin,
    )


def texts(lines):
    return [text for text, _ in lines]


def test_nothing_found_prints_nothing():
    assert summary_lines([], "3.12") == []


def test_findings_are_grouped_by_kind_then_api_with_replacement_and_docs_once():
    findings = [
        found("unittest.TestCase.assertEquals", "t.py::T::test_b", where=("t.py", 9)),
        found("imp", "t.py::test_a", where=("t.py", 2)),
        found("unittest.TestCase.assertEquals", "t.py::T::test_a", where=("t.py", 5)),
        found("unittest.TestCase.assertEquals", "t.py::T::test_a", where=("t.py", 6)),
    ]
    lines = texts(summary_lines(findings, "3.12"))
    assert lines == [
        "used while tests ran",
        "  module",
        "    imp  removed in Python 3.12, 1 test",
        "      t.py::test_a  at t.py:2",
        f"      use instead: {by_id('imp').replacement}",
        f"      docs: {by_id('imp').doc_url}",
        "  alias",
        "    unittest.TestCase.assertEquals  removed in Python 3.12, 2 tests",
        "      t.py::T::test_a  at t.py:5, t.py:6",
        "      t.py::T::test_b  at t.py:9",
        "      use instead: Use self.assertEqual() instead.",
        "      docs: https://docs.python.org/3/whatsnew/3.12.html#removed",
        "",
        "3 tests will fail on Python 3.12 because of 2 removed APIs",
    ]


def test_each_finding_goes_to_exactly_one_part():
    assert part_of(found("imp", "a", status="allowed", phase="collect")) == "allowed"
    assert part_of(found("cgi", "a", status="upcoming")) == "upcoming"
    assert part_of(found("imp", "a", phase="collect", origin="x 1")) == "collection"
    assert part_of(found("imp", "a", status="report", origin="x 1")) == "third-party"
    assert part_of(found("imp", "a", status="report")) == "fail"


def test_parts_come_in_order_with_titles_and_third_party_grouped_by_distribution():
    findings = [
        found("cgi", "t.py::test_up", status="upcoming"),
        found("locale.format", "t.py::test_ok", status="allowed"),
        found("asynchat", "t.py", phase="collect", where=("pkg/server.py", 6)),
        found("imp", "t.py::test_lib", origin="oldlib 1.0", where=("/site/oldlib.py", 4)),
        found("imp", "t.py::test_own"),
    ]
    lines = texts(summary_lines(findings, "3.12"))
    titles = [line for line in lines if line and not line.startswith(" ")]
    assert titles == [
        "used while tests ran",
        "inside installed distributions (upgrade them)",
        "while test modules and conftest.py files were imported",
        "allowed (allow_removed marker or allow-list)",
        "upcoming: removed by a later release than the target",
        "2 tests will fail and 1 test module will not import on Python 3.12 because of "
        "2 removed APIs (1 allowed use, 1 upcoming removal)",
    ]
    assert "  oldlib 1.0" in lines
    assert "      t.py::test_lib  at /site/oldlib.py:4" in lines
    assert "    asynchat  removed in Python 3.12, 1 module" in lines
    assert "    cgi  removed in Python 3.13, 1 test" in lines


def test_first_ten_tests_are_listed_then_counted_per_file_and_verbose_lists_all():
    findings = [found("imp", f"a.py::test_{n}") for n in range(12)]
    findings += [found("imp", f"b.py::test_{n}") for n in range(3)]
    lines = texts(summary_lines(findings, "3.12"))
    listed = [line for line in lines if line.startswith("      ") and "::" in line]
    assert [line.split()[0] for line in listed] == [f"a.py::test_{n}" for n in range(10)]
    assert "      and 5 tests more: a.py (2), b.py (3); -v lists them" in lines
    verbose = texts(summary_lines(findings, "3.12", verbosity=1))
    assert len([line for line in verbose if "::test_" in line]) == 15
    assert not any("more" in line for line in verbose)


def test_quiet_keeps_only_the_per_api_lines_and_the_verdict():
    findings = [found("imp", "t.py::test_a"), found("locale.format", "t.py::test_a")]
    lines = texts(summary_lines(findings, "3.12", verbosity=-1))
    assert lines == [
        "used while tests ran",
        "  module",
        "    imp  removed in Python 3.12, 1 test",
        "  function",
        "    locale.format  removed in Python 3.12, 1 test",
        "",
        "1 test will fail on Python 3.12 because of 2 removed APIs",
    ]


def test_many_use_sites_in_one_test_are_cut_short_unless_verbose():
    findings = [found("imp", "t.py::test_a", where=("t.py", n)) for n in range(1, 6)]
    assert "      t.py::test_a  at t.py:1, t.py:2, t.py:3 and 2 more" in texts(
        summary_lines(findings, "3.12")
    )
    assert "      t.py::test_a  at t.py:1, t.py:2, t.py:3, t.py:4, t.py:5" in texts(
        summary_lines(findings, "3.12", verbosity=1)
    )


def test_setup_and_teardown_uses_name_their_phase():
    findings = [found("imp", "t.py::test_a", phase="setup"), found("imp", "t.py::test_a")]
    assert "      t.py::test_a  at t.py:3 (setup), t.py:3" in texts(
        summary_lines(findings, "3.12")
    )


def test_verdict_without_breakage_counts_what_is_allowed_and_upcoming():
    assert verdict([], "3.12").text == "no test will fail on Python 3.12 because of a removed API"
    shown = verdict(
        [found("imp", "a", status="allowed"), found("cgi", "b", status="upcoming")], "3.12"
    )
    assert shown.text == (
        "no test will fail on Python 3.12 because of a removed API "
        "(1 allowed use, 1 upcoming removal)"
    )
    lines = summary_lines([found("imp", "a", status="allowed")], "3.12")
    assert lines[-1][1] == {"green": True, "bold": True}


def test_tally_keeps_each_finding_once_and_orders_by_test_id_not_arrival():
    tally = Tally()
    later, earlier = found("imp", "t.py::test_x[10]"), found("imp", "t.py::test_x[2]")
    assert tally.add([to_wire(later)]) == [later]
    assert tally.add([to_wire(earlier), to_wire(later)]) == [earlier]
    assert tally.findings == [earlier, later]


# What a run prints.

LOCALE_TESTS = """
import locale

def test_formats():
    assert locale.format("%d", 7) == "7"

def test_formats_again():
    assert locale.format("%d", 8) == "8"

def test_plain():
    assert locale.format_string("%d", 7) == "7"
"""


@below_312
def test_run_ends_with_the_summary_after_pytest_own_sections(project):
    project.makepyfile(test_money=LOCALE_TESTS)
    result = project.runpytest("-rf")
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*= warnings summary =*",
            "*= removed APIs summary =*",
            "used while tests ran",
            "  function",
            "    locale.format  removed in Python 3.12, 2 tests",
            "      test_money.py::test_formats  at test_money.py:4",
            "      test_money.py::test_formats_again  at test_money.py:7",
            "      use instead: Use locale.format_string().",
            "      docs: https://docs.python.org/3/whatsnew/3.12.html#removed",
            "",
            "2 tests will fail on Python 3.12 because of 1 removed API",
            "*short test summary info*",
            "REMOVED-API test_money.py::test_formats*",
        ]
    )


def test_run_without_findings_prints_no_summary(project):
    project.makepyfile(test_plain="def test_plain():\n    assert True\n")
    result = project.runpytest()
    result.assert_outcomes(passed=1)
    result.stdout.no_fnmatch_line("*removed APIs summary*")


@below_312
def test_allowed_collection_and_third_party_uses_have_their_own_parts(project, monkeypatch):
    monkeypatch.syspath_prepend(str(make_distribution(project.path)))
    project.makepyfile(
        test_broken="import asyncore  # removed in 3.12: the module does not import\n",
        test_parts="""
        import locale

        import fakedist
        import pytest

        @pytest.mark.allow_removed("locale.format")
        def test_allowed():
            assert locale.format("%d", 1) == "1"

        def test_library():
            assert fakedist.render(2) == "2"
        """,
    )
    result = project.runpytest("--continue-on-collection-errors")
    result.stdout.fnmatch_lines(
        [
            "*= removed APIs summary =*",
            "inside installed distributions (upgrade them)",
            "  fakedist 1.2",
            "    locale.format  removed in Python 3.12, 1 test",
            "      test_parts.py::test_library  at *fakedist*__init__.py:5",
            "*",
            "while test modules and conftest.py files were imported",
            "  module",
            "    asyncore  removed in Python 3.12, 1 module",
            "      test_broken.py  at test_broken.py:1",
            "*",
            "allowed (allow_removed marker or allow-list)",
            "  function",
            "    locale.format  removed in Python 3.12, 1 test",
            "      test_parts.py::test_allowed  at test_parts.py:8",
            "*",
            "1 test will fail and 1 test module will not import on Python 3.12 because of "
            "2 removed APIs (1 allowed use)",
        ]
    )


@pytest.mark.skipif(sys.version_info >= (3, 13), reason="3.13 removed what this test uses")
def test_later_removals_are_listed_as_upcoming(project):
    project.makepyfile(
        test_up="""
        import warnings

        def test_up():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                import imghdr
        """
    )
    result = project.runpytest("--removed-apis-target=3.12")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(
        [
            "upcoming: removed by a later release than the target",
            "  module",
            "    imghdr  removed in Python 3.13, 1 test",
            "      test_up.py::test_up  at test_up.py:6",
            "*",
            "no test will fail on Python 3.12 because of a removed API (1 upcoming removal)",
        ]
    )


@below_312
def test_quiet_and_verbose_runs(project):
    project.makepyfile(test_money=LOCALE_TESTS)
    quiet = project.runpytest("-q")
    quiet.stdout.fnmatch_lines(["    locale.format  removed in Python 3.12, 2 tests", ""])
    quiet.stdout.no_fnmatch_line("*test_money.py::test_formats  at*")
    verbose = project.runpytest("-v")
    verbose.stdout.fnmatch_lines(["      test_money.py::test_formats  at test_money.py:4"])


@below_312
def test_summary_uses_the_terminal_colours(project):
    project.makepyfile(test_money=LOCALE_TESTS)
    result = project.runpytest("--color=yes")
    result.stdout.fnmatch_lines(
        [
            "*\x1b[31m    locale.format  removed in Python 3.12, 2 tests*",
            "*\x1b[31m\x1b[1m2 tests will fail on Python 3.12 because of 1 removed API*",
        ]
    )


@below_312
def test_the_finding_hook_sees_each_finding_once(project):
    seen = []

    class Observer:
        @pytest.hookimpl
        def pytest_removed_apis_finding(self, finding, config):
            seen.append((finding.nodeid, finding.phase, finding.api, finding.status))

    project.makepyfile(
        test_broken="import asyncore\n",
        test_money=LOCALE_TESTS,
    )
    project.runpytest("--continue-on-collection-errors", plugins=[Observer()])
    assert sorted(seen) == [
        ("test_broken.py", "collect", "asyncore", "fail"),
        ("test_money.py::test_formats", "call", "locale.format", "fail"),
        ("test_money.py::test_formats_again", "call", "locale.format", "fail"),
    ]


def static(api, filename, line, executed):
    entry = by_id(api)
    return StaticUse(
        filename=filename,
        line=line,
        col=1,
        api=entry.id,
        name=entry.name,
        kind=entry.kind,
        removed_in=entry.removed_in,
        replacement=entry.replacement,
        doc_url=entry.doc_url,
        executed=executed,
    )


def test_blind_spots_are_the_last_part_and_count_in_the_verdict():
    uses = [
        static("imp", "pkg/a.py", 3, executed=True),
        static("locale.format", "pkg/b.py", 9, executed=False),
        static("imp", "pkg/c.py", 1, executed=False),
    ]
    lines = texts(summary_lines([found("imp", "t.py::test_a")], "3.12", static=uses))
    start = lines.index(
        "blind spots: uses on lines no test ran (found by a static scan of measured files)"
    )
    assert lines[start:] == [
        "blind spots: uses on lines no test ran (found by a static scan of measured files)",
        "  module",
        "    imp  removed in Python 3.12, 1 unexecuted use",
        "      pkg/c.py:1:1",
        f"      use instead: {by_id('imp').replacement}",
        f"      docs: {by_id('imp').doc_url}",
        "  function",
        "    locale.format  removed in Python 3.12, 1 unexecuted use",
        "      pkg/b.py:9:1",
        "      use instead: Use locale.format_string().",
        "      docs: https://docs.python.org/3/whatsnew/3.12.html#removed",
        "  of 3 uses the static scan found in measured files, 1 ran (their findings are above "
        "when a test made them) and 2 did not",
        "",
        "1 test will fail on Python 3.12 because of 1 removed API; 2 more uses on lines no "
        "test ran",
    ]


def test_blind_spots_alone_make_a_summary_and_quiet_keeps_their_api_lines():
    uses = [static("imp", "a.py", n, executed=False) for n in range(1, 13)]
    lines = texts(summary_lines([], "3.12", static=uses))
    assert "      and 2 more; -v lists them" in lines
    assert lines[-1] == (
        "no test will fail on Python 3.12 because of a removed API; 12 more uses on lines no "
        "test ran"
    )
    assert (
        len([line for line in texts(summary_lines([], "3.12", 1, uses)) if "a.py:" in line]) == 12
    )
    quiet = texts(summary_lines([], "3.12", -1, uses))
    assert "    imp  removed in Python 3.12, 12 unexecuted uses" in quiet
    assert not [line for line in quiet if "a.py:" in line]


def test_uses_that_all_ran_say_nothing():
    assert summary_lines([], "3.12", static=[static("imp", "a.py", 1, executed=True)]) == []
