"""Real CPython is the judge of simulation: a simulated release ends each test as the real one.

``comparison/record.py`` ran two snippet sets together on real CPython 3.12.1 and 3.13.0
without the plugin -- ``comparison/snippets/`` (the default-mode comparison's) and
``comparison/simulation/snippets/`` (removed modules imported every way, removed attributes,
parameters and behaviours, version checks, fallbacks, patching, ``allow_removed``,
collection errors) -- and kept each test's *result*, its outcome and for a failure or an
error the exception's class, in ``comparison/expected-simulated-3.1x.json`` (read its
docstring for the format and how collection errors are recorded).

* On 3.8-3.11 the snippets pass without the plugin (except the version checks that
  ``record.NEEDS_RELEASE`` lists), and under ``--simulate-312`` (``--simulate-python 3.13``)
  every test must end exactly as on real 3.12 (3.13): same outcome, same exception.
* On 3.12 ``--simulate-python 3.13`` must do the same against real 3.13.
* Two rules adjust what real CPython did, both explicit below: a test marked
  ``allow_removed`` passes under simulation where the interpreter still has the API
  (``ALLOWED_UNDER_SIMULATION``), and ``KNOWN_DIFFERENCES`` lists what simulation cannot do
  yet, each of which must differ exactly as listed.
* On 3.12 and 3.13 the recordings must still be what the interpreter does, and simulating
  this release or an older one must change no result.
* Backports: on real 3.12, with pyasyncore, pyasynchat, zombie-imp, standard-smtpd and
  setuptools installed, removed modules import from site-packages
  (``comparison/expected-backports-3.12.json``); on 3.8-3.11 the same environment under
  ``--simulate-312`` must give the same results.  That test downloads from the package
  index (wheels cached in the temporary folder) and is skipped when pip cannot.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict

import pytest
from comparison_record import record

Results = Dict[str, str]  # noqa: UP006 - evaluated at run time on 3.8

RELEASE = "{}.{}".format(*sys.version_info[:2])
VERSION = sys.version_info[:2]
NOT_RUN = "not run"


only_before_312 = pytest.mark.skipif(VERSION >= (3, 12), reason="simulation is for before 3.12")
only_from_312 = pytest.mark.skipif(VERSION < (3, 12), reason="real 3.12+ is needed to judge")

SIMULATE_ARGS = {
    "3.12": ("--simulate-312",),
    "3.13": ("--simulate-python", "3.13"),
    "3.14": ("--simulate-python", "3.14"),
    "3.15": ("--simulate-python", "3.15"),
}
"""How the command line asks for each simulated release."""

EXCEPTION_ALIASES = {"re.PatternError": "re.error"}
"""Two names of one class: 3.13 renamed ``re.error`` to ``re.PatternError`` and kept the old
name as an alias, so a 3.12 that simulates 3.13 raises the same class under its old name."""

ALLOWED_UNDER_SIMULATION = {
    "simulation/test_allowed_312.py::test_allowed_module_is_importable": "3.12",
    "simulation/test_allowed_312.py::TestAllowedAlias::test_allowed_alias_works": "3.12",
    "simulation/test_allowed_312.py::test_allow_every_api": "3.12",
    "simulation/test_allowed_313.py::test_allowed_module_is_importable": "3.13",
    "simulation/test_allowed_313.py::test_allowed_function_works": "3.13",
}
"""Tests marked ``allow_removed`` for the API they use: node id -> the release that removed
it.  Real CPython fails them (the marker does nothing there); under simulation the allowed
API is visible inside the test, so they pass wherever the interpreter still has the API."""

KNOWN_DIFFERENCES: dict[tuple[str, str], tuple[tuple[int, int], str, str]] = {
    # Simulated on 3.8-3.11, 3.13 keeps those releases' own forms of a few 3.13 behaviours.
    ("3.13", "simulation/test_behaviours_313.py::test_EntryPoint_tuple_access"): (
        (3, 11),
        "passed",
        "before 3.11 an EntryPoint is a named tuple",
    ),
    ("3.13", "simulation/test_behaviours_313.py::test_Path_as_a_context_manager"): (
        (3, 11),
        "failed: AttributeError",
        "before 3.11 a missing __enter__ is an AttributeError",
    ),
    ("3.13", "snippets/test_removed_in_313.py::test_Path_as_context_manager"): (
        (3, 11),
        "failed: AttributeError",
        "before 3.11 a missing __enter__ is an AttributeError",
    ),
    ("3.13", "simulation/test_behaviours_313.py::test_frame_clear_on_a_suspended_generator"): (
        (3, 13),
        "passed",
        "frame.clear() is a method of a built-in type, which cannot be changed",
    ),
}
"""What simulation cannot do (yet): ``(simulated release, node id)`` -> (the first
interpreter on which the result is the real one, the result simulation gives before it, or
``NOT_RUN``, and why); a difference listed for a release holds for the simulation of every
later one, which hides it too.  Each listed result is required exactly, so a difference that
closes, changes, or appears unlisted fails the comparison until this table says so."""


def _version(release: str) -> tuple[int, int]:
    major, minor = release.split(".")
    return int(major), int(minor)


def _recorded(path: Path) -> Results:
    if not path.exists():
        pytest.skip(f"nothing recorded in {path.name}")
    results: Results = record.load_results(path)
    return results


def _canonical(result: str) -> str:
    outcome, _, exception = result.partition(": ")
    if not exception:
        return result
    return f"{outcome}: {EXCEPTION_ALIASES.get(exception, exception)}"


def _known_differences(release: str) -> dict[str, tuple[str, str]]:
    """This interpreter's known differences when simulating ``release``: node id -> (result,
    why)."""
    return {
        node_id: (result, why)
        for (simulated, node_id), (until, result, why) in KNOWN_DIFFERENCES.items()
        if _version(simulated) <= _version(release) and VERSION < until
    }


def _expected_under_simulation(release: str) -> Results:
    """Real ``release``'s results, adjusted by ``ALLOWED_UNDER_SIMULATION`` and
    ``KNOWN_DIFFERENCES`` for this interpreter."""
    expected = record.full_build(
        release, _recorded(record.simulated_expected_path(release)), "snippets/"
    )
    for node_id, removed_in in ALLOWED_UNDER_SIMULATION.items():
        if node_id in expected and VERSION < _version(removed_in) <= _version(release):
            expected[node_id] = "passed"
    for node_id, (result, _why) in _known_differences(release).items():
        if result == NOT_RUN:
            expected.pop(node_id, None)
        else:
            expected[node_id] = result
    return expected


def _assert_same(
    expected: Results, actual: Results, *, what: str, known: dict[str, tuple[str, str]]
) -> None:
    lines = []
    for node_id in sorted(expected.keys() | actual.keys()):
        want = _canonical(expected.get(node_id, NOT_RUN))
        got = _canonical(actual.get(node_id, NOT_RUN))
        if want != got:
            note = f"  (KNOWN_DIFFERENCES: {known[node_id][1]})" if node_id in known else ""
            lines.append(f"  {node_id}\n      expected {want}{note}\n      got      {got}")
    assert not lines, (
        f"{len(lines)} of {len(expected.keys() | actual.keys())} node ids differ ({what}; "
        f"'{NOT_RUN}': no such node id on that side, e.g. the module failed to collect or "
        "was skipped whole):\n" + "\n".join(lines)
    )


def _run_sets(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, *args: str) -> Results:
    """Run both snippet sets in a subprocess with ``args``; results from its junit XML."""
    for name, value in record.ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("PYTHONWARNINGS", raising=False)
    record.copy_snippet_sets(pytester.path, record.SNIPPET_SETS)
    junit = pytester.path / "junit.xml"
    result = pytester.runpytest_subprocess(
        *args, *record.PYTEST_ARGS, f"--junitxml={junit}", timeout=600
    )
    assert junit.exists(), (
        f"pytest {' '.join(args)} exited {result.ret} without a junit report:\n"
        + "\n".join(result.errlines[-20:] or result.outlines[-20:])
    )
    results: Results = record.read_junit_results(junit)
    return results


@pytest.mark.parametrize(
    ("message", "text", "name"),
    [
        ("ModuleNotFoundError: No module named 'imp'", "", "ModuleNotFoundError"),
        ("re.error: bad character in group name", "", "re.error"),
        ("assert None is not None", "", "AssertionError"),
        ("Failed: DID NOT RAISE ValueError", "", "Failed"),
        ('failed on setup with "AttributeError: no"', "", "AttributeError"),
        ("StopIteration", "", "StopIteration"),
        (
            "collection failure",
            "ImportError while importing test module 'x.py'.\n"
            "E   ModuleNotFoundError: No module named 'asyncore'\n",
            "ModuleNotFoundError",
        ),
        (
            "collection failure",
            "E   KeyError: 'first'\n\n"
            "During handling of the above exception, another exception occurred:\n\n"
            "E   ImportError: cannot import name 'SafeConfigParser'\n",
            "ImportError",
        ),
        ("reported without an exception", "", "<reported without an exception>"),
    ],
)
def test_exception_name_reads_each_form_junit_writes(message, text, name):
    assert record.exception_name(message, text) == name


@pytest.mark.parametrize("release", sorted(set(ALLOWED_UNDER_SIMULATION.values())))
def test_allowed_snippets_fail_on_the_release_that_removed_their_api(release):
    recorded = _recorded(record.simulated_expected_path(release))
    allowed = [node for node, removed in ALLOWED_UNDER_SIMULATION.items() if removed == release]
    not_failing = {node: recorded.get(node, NOT_RUN) for node in allowed}
    not_failing = {node: result for node, result in not_failing.items() if "failed" not in result}
    assert not not_failing, f"allowed snippets that real {release} does not fail: {not_failing}"


@only_before_312
def test_snippet_sets_pass_without_the_plugin(pytester, monkeypatch):
    actual = _run_sets(pytester, monkeypatch, "-p", "no:removed_apis")
    assert len(actual) > 200
    _assert_same(
        record.results_before(RELEASE, actual),
        actual,
        what=f"expected: every snippet passes but record.NEEDS_RELEASE; got: CPython {RELEASE}",
        known={},
    )


def _assert_simulation_is_the_real_release(pytester, monkeypatch, release, *args):
    """The snippet sets under simulation of ``release`` (and ``args``) end as on it."""
    if VERSION >= _version(release):
        pytest.skip(f"CPython {RELEASE} is not older than {release}")
    args = (*args, *SIMULATE_ARGS[release])
    actual = _run_sets(pytester, monkeypatch, "-p", "removed_apis", *args)
    expected = _expected_under_simulation(release)
    if VERSION >= (3, 12):
        own = _recorded(record.simulated_expected_path(RELEASE))
        expected, actual = record.judgeable(own, expected, actual)
    _assert_same(
        expected,
        actual,
        what=f"expected: real CPython {release}; got: CPython {RELEASE} with {' '.join(args)}",
        known=_known_differences(release),
    )


@pytest.mark.parametrize("release", sorted(SIMULATE_ARGS))
def test_simulation_ends_every_test_as_the_real_release_does(pytester, monkeypatch, release):
    _assert_simulation_is_the_real_release(pytester, monkeypatch, release)


@pytest.mark.parametrize("seed", [1, 2])
def test_simulation_ends_every_test_the_same_in_any_order(pytester, monkeypatch, seed):
    """pytest-randomly shuffles modules, classes and tests (and reseeds ``random``): the
    state each test leaves behind must not change another's result."""
    if importlib.util.find_spec("pytest_randomly") is None:  # not imported here: on 3.8 and
        pytest.skip("pytest-randomly is not installed")  # 3.9 it patches importlib.metadata
    randomly = ("-p", "randomly", f"--randomly-seed={seed}")
    _assert_simulation_is_the_real_release(pytester, monkeypatch, "3.12", *randomly)


@only_from_312
def test_recorded_results_are_what_this_release_does(pytester, monkeypatch):
    expected = _recorded(record.simulated_expected_path(RELEASE))
    actual = _run_sets(pytester, monkeypatch, "-p", "no:removed_apis")
    _assert_same(
        expected,
        actual,
        what=f"expected: expected-simulated-{RELEASE}.json; got: CPython {RELEASE}",
        known={},
    )


@pytest.mark.parametrize("release", sorted(SIMULATE_ARGS))
def test_simulating_this_release_or_an_older_one_changes_no_result(pytester, monkeypatch, release):
    if VERSION < _version(release):
        pytest.skip(f"CPython {RELEASE} is older than {release}")
    expected = _recorded(record.simulated_expected_path(RELEASE))
    actual = _run_sets(pytester, monkeypatch, "-p", "removed_apis", *SIMULATE_ARGS[release])
    _assert_same(
        expected,
        actual,
        what=f"expected: expected-simulated-{RELEASE}.json; got: CPython {RELEASE} with "
        f"{' '.join(SIMULATE_ARGS[release])}",
        known={},
    )


def _pip(python: Path | str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(python), "-m", "pip", "--disable-pip-version-check", "--quiet", *args]
    return subprocess.run(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False
    )


def _check_pip(python: Path, *args: str) -> None:
    completed = _pip(python, *args)
    assert completed.returncode == 0, f"pip {' '.join(args)} failed:\n{completed.stdout}"


def _install_this_plugin(venv_python: Path) -> None:
    """Copy the installed plugin's files (package and dist-info) into ``venv_python``'s
    environment: the very build under test, without building it again."""
    distribution = importlib.metadata.distribution("pytest-removed-apis")
    code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    purelib = Path(subprocess.check_output([str(venv_python), "-c", code], text=True).strip())
    for file in distribution.files or ():
        if file.suffix == ".pyc" or ".." in file.parts:
            continue
        target = purelib / file
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(str(distribution.locate_file(file)), str(target))


@only_before_312
def test_simulate_312_imports_installed_backports_as_real_312_does(tmp_path, monkeypatch):
    expected = _recorded(record.backports_expected_path("3.12"))
    cache = Path(tempfile.gettempdir()) / "pytest-removed-apis-pip-cache"
    monkeypatch.setenv("PIP_CACHE_DIR", str(cache))
    probe = _pip(
        sys.executable, "download", "--no-deps", "--dest", str(tmp_path / "probe"), "pyasyncore"
    )
    if probe.returncode != 0:
        last_line = (probe.stdout.strip().splitlines() or ["no output"])[-1]
        pytest.skip(f"pip cannot download the backports from the package index: {last_line}")
    subprocess.check_call([sys.executable, "-m", "venv", str(tmp_path / "venv")])
    scripts = "Scripts" if os.name == "nt" else "bin"
    venv_python = tmp_path / "venv" / scripts / "python"
    _check_pip(venv_python, "install", "pytest>=8.0", "coverage>=7.0")
    _check_pip(venv_python, "install", "--upgrade", "--no-deps", *record.BACKPORTS)
    _install_this_plugin(venv_python)
    actual = record.run_snippet_sets(
        venv_python,
        tmp_path,
        record.BACKPORT_SETS,
        ("-p", "removed_apis", "--simulate-312"),
        record.BACKPORTS_ENVIRONMENT,
    )
    _assert_same(
        expected,
        actual,
        what=f"expected: real CPython 3.12 with the backports; got: CPython {RELEASE} with "
        "the backports and --simulate-312",
        known={},
    )
