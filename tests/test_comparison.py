"""Real CPython is the judge: the plugin must fail exactly the tests real 3.12 fails.

The snippets in ``comparison/snippets/`` use removed APIs, their replacements and the usual
compatibility patterns.  ``comparison/record.py`` ran them on real CPython 3.12.1 and 3.13.0
without the plugin and kept the outcomes in ``comparison/expected-3.1x.json`` (read its
docstring for how collection errors and module-level skips are recorded).

* On 3.8-3.11 the snippets all pass without the plugin (checked here too, since a snippet
  failing for another reason would make the comparison meaningless), and under the plugin
  in default mode each test must pass, fail or skip as it does on real 3.12.  A failure and
  an error count as the same thing there: the plugin may report a use in either form.
* On 3.12 and 3.13 the recorded outcomes must still be what the interpreter does (exactly,
  error and failure apart), and loading the plugin there must change no outcome.
"""

from __future__ import annotations

import sys
from typing import Dict

import pytest
from comparison_record import record

from pytest_removed_apis.catalog import RELEASES, version_tuple

Outcomes = Dict[str, str]  # noqa: UP006 - evaluated at run time on 3.8

RELEASE = "{}.{}".format(*sys.version_info[:2])
BEFORE_312 = sys.version_info < (3, 12)
NOT_RUN = "not run"


only_before_312 = pytest.mark.skipif(not BEFORE_312, reason="the plugin's work is before 3.12")
only_from_312 = pytest.mark.skipif(BEFORE_312, reason="real 3.12+ is needed to judge")


def _expected(release: str) -> Outcomes:
    if not record.expected_path(release).exists():
        pytest.skip(f"no outcomes recorded for CPython {release}")
    outcomes: Outcomes = record.load_expected(release)
    return outcomes


def _run_snippets(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, plugin: str, *args: str
) -> Outcomes:
    """Run the snippets in a subprocess with ``-p plugin``; outcomes from its junit XML."""
    for name, value in record.ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("PYTHONWARNINGS", raising=False)
    record.copy_snippets(pytester.path)
    junit = pytester.path / "junit.xml"
    result = pytester.runpytest_subprocess(
        "-p", plugin, *args, *record.PYTEST_ARGS, f"--junitxml={junit}", timeout=300
    )
    assert junit.exists(), f"pytest exited {result.ret} without a junit report"
    outcomes: Outcomes = record.read_junit(junit)
    return outcomes


def _verdict(outcome: str) -> str:
    """What default mode is judged on: whether the test fails.  A failure and an error are
    alike; a skip is not a failure (only simulation can make 3.12's skips happen)."""
    return "fails" if outcome in ("failed", "error") else "does not fail"


def _by_file(outcomes: Outcomes, files: set[str]) -> Outcomes:
    """Fold the tests of the given files into one verdict per file (it fails if any does)."""
    folded: Outcomes = {}
    for node_id, outcome in outcomes.items():
        file = node_id.split("::", 1)[0]
        key = file if file in files else node_id
        if folded.get(key) != "fails":
            folded[key] = _verdict(outcome)
    return folded


def _differences(expected: Outcomes, actual: Outcomes, *, exact: bool) -> list[str]:
    if not exact:
        # A module that one side could not collect or skipped whole is judged as one.
        files = {node_id for node_id in expected.keys() | actual.keys() if "::" not in node_id}
        expected, actual = _by_file(expected, files), _by_file(actual, files)
    lines = []
    for node_id in sorted(expected.keys() | actual.keys()):
        want = expected.get(node_id, NOT_RUN)
        got = actual.get(node_id, NOT_RUN)
        if want != got:
            lines.append(f"  {node_id}: expected {want}, got {got}")
    return lines


# Uses default mode does not see yet: (target, node id) -> (the first interpreter on which
# it is seen, why not before); a gap of a target holds for every later one.  The comparison
# requires exactly these to differ on this interpreter, so a gap that closes (or a new one)
# fails the test until this list says so.
KNOWN_GAPS: dict[tuple[str, str], tuple[tuple[int, int], str]] = {
    ("3.13", "test_removed_in_313.py::test_Path_as_context_manager"): (
        (3, 11),
        "before 3.11 Path.__enter__ does not warn, and the interpreter's own look-up of a "
        "special method is not watched",
    ),
}


def _known_gaps(target: str) -> set[str]:
    return {
        node_id
        for (since, node_id), (seen, _) in KNOWN_GAPS.items()
        if version_tuple(since) <= version_tuple(target) and sys.version_info < seen
    }


def _assert_same(
    expected: Outcomes, actual: Outcomes, *, exact: bool, what: str, target: str = "3.12"
) -> None:
    differences = _differences(expected, actual, exact=exact)
    if not exact:
        gaps = _known_gaps(target)
        differing = {line.strip().rsplit(": expected ", 1)[0] for line in differences}
        closed = sorted(gaps - differing)
        differences = [
            line for line in differences if line.strip().rsplit(": expected ", 1)[0] not in gaps
        ]
        differences += [f"  {node_id}: a known gap that no longer differs" for node_id in closed]
    assert not differences, (
        f"{len(differences)} of {len(expected.keys() | actual.keys())} node ids differ "
        f"({what}; '{NOT_RUN}': no such node id on that side, e.g. the module failed to "
        "collect or was skipped whole):\n" + "\n".join(differences)
    )


@only_before_312
def test_snippets_pass_without_the_plugin(pytester, monkeypatch):
    outcomes = _run_snippets(pytester, monkeypatch, "no:removed_apis")
    not_passing = {
        node_id: outcome for node_id, outcome in outcomes.items() if outcome != "passed"
    }
    assert outcomes
    assert not not_passing, f"the snippets must all pass on CPython {RELEASE}: {not_passing}"


@pytest.mark.parametrize("release", RELEASES)
def test_plugin_fails_exactly_what_the_target_release_fails(pytester, monkeypatch, release):
    if version_tuple(RELEASE) >= version_tuple(release):
        pytest.skip(f"CPython {RELEASE} is not older than {release}")
    expected = record.full_build(release, _expected(release))
    actual = _run_snippets(pytester, monkeypatch, "removed_apis", "--removed-apis-target", release)
    if version_tuple(RELEASE) >= version_tuple(RELEASES[0]):
        expected, actual = record.judgeable(_expected(RELEASE), expected, actual)
    _assert_same(
        expected,
        actual,
        exact=False,
        what=f"expected: real CPython {release}; got: the plugin on CPython {RELEASE} "
        f"with --removed-apis-target {release}",
        target=release,
    )


@only_from_312
def test_recorded_outcomes_are_what_this_release_does(pytester, monkeypatch):
    expected = _expected(RELEASE)
    actual = _run_snippets(pytester, monkeypatch, "no:removed_apis")
    _assert_same(
        expected,
        actual,
        exact=True,
        what=f"expected: expected-{RELEASE}.json; got: CPython {RELEASE} without the plugin",
    )


@only_from_312
def test_plugin_changes_no_outcome_on_this_release(pytester, monkeypatch):
    expected = _expected(RELEASE)
    # Targeting the running release itself: a later target fails what that release removed.
    target = min(RELEASE, RELEASES[-1], key=version_tuple)
    actual = _run_snippets(pytester, monkeypatch, "removed_apis", "--removed-apis-target", target)
    _assert_same(
        expected,
        actual,
        exact=False,
        what=f"expected: expected-{RELEASE}.json; got: the plugin on CPython {RELEASE}",
    )
