"""Record what real CPython does with the comparison snippets.

Real CPython is the judge of the plugin: the snippets in ``snippets/`` run on real CPython
3.12 and 3.13 without the plugin, and their per-test outcomes are kept in
``expected-3.12.json`` and ``expected-3.13.json``.  ``tests/test_comparison.py`` runs the
same snippets under the plugin on 3.8-3.11 and requires the same outcomes as real 3.12.

Usage (from anywhere; PYTHON is the interpreter to judge with)::

    python tests/comparison/record.py /root/.pyenv/versions/3.12.1/bin/python
    python tests/comparison/record.py ~/.pyenv/versions/3.1[23].*/bin/python
    python tests/comparison/record.py ~/.pyenv/versions/3.{8,9,10,11}.*/bin/python
    python tests/comparison/record.py --backports /root/.pyenv/versions/3.12.1/bin/python

For each PYTHON it makes a fresh virtual environment in a temporary folder, removes
setuptools from it if the interpreter put it there (setuptools' ``distutils`` shim would
make ``import distutils`` work on 3.12; the expectations are those of an environment
without it), installs pytest, copies the snippets into a temporary folder beside their own
``pytest.ini`` and runs them with::

    python -m pytest -p no:removed_apis -p no:cacheprovider \\
        --continue-on-collection-errors --junitxml=...

with ``SETUPTOOLS_USE_DISTUTILS=stdlib`` in the environment (the test does the same, so a
test environment that has setuptools behaves like one without it).  On 3.12 or later it
writes ``expected-<major>.<minor>.json`` beside this file; on an older release it writes
nothing and checks instead that every snippet passes there without the plugin (which is
what makes a failure under the plugin mean something), exiting 1 when one does not.

The outcomes file maps each pytest node id (relative to the snippets folder) to one of
``"passed"``, ``"failed"``, ``"error"`` or ``"skipped"``, read from the junit XML report:

* a ``<failure>`` is "failed", an ``<error>`` (setup or teardown error) is "error", a
  ``<skipped>`` is "skipped" (an xfail would be "skipped" too; the snippets have none),
  anything else is "passed";
* a test module that fails to collect (a top-level import of a removed module) is recorded
  ONCE, under the module's own node id (``test_removed_module_at_import.py``), as "error".
  Its tests are not recorded at all: the interpreter that could not import the module never
  learnt their names.  The comparison treats that node id like any other, so a run under
  the plugin matches only if the module fails to collect there too (and so lists none of
  its tests); a run that collects the module and fails each of its tests does not match.
* likewise a module skipped as a whole at collection (a module-level
  ``pytest.importorskip``) is recorded once under the module's node id, as "skipped".

The helpers below (``copy_snippets``, ``PYTEST_ARGS``, ``read_junit``, ...) are shared
with ``tests/test_comparison.py``, which loads this file by path.

Simulation recordings
---------------------

Simulation (``--simulate-312``, ``--simulate-python 3.13``) is judged more strictly: a test
must end as on the real release AND with the same exception.  So the same call also runs
the snippet SETS (``SNIPPET_SETS``: ``snippets/`` and ``simulation/snippets/``) together,
each in a folder of its own name under one root folder, in the same environment, and keeps
per-test *results* in ``expected-simulated-<major>.<minor>.json``.  A result is the outcome
and, for a failed or erroring test, the class of the exception that ended it::

    "simulation/test_modules_312.py::test_import_statement": "failed: ModuleNotFoundError"
    "snippets/test_removed_module_at_import.py": "error: ModuleNotFoundError"
    "simulation/test_fallbacks_312.py::test_contextlib_suppress_ImportError": "passed"

read from the junit XML (``read_junit_results``): the ``message`` of a ``<failure>`` or
``<error>`` starts with the exception's name as Python prints it (``re.error``, a bare
assertion failure prints as ``assert ...`` and counts as AssertionError); a collection
error is read from the last exception in its traceback text (the ``E   Name: ...`` line).
On an older release the call checks the sets too: every test must pass there, except the
version checks listed in ``NEEDS_RELEASE``, which must end as listed.

With ``--backports`` (``python tests/comparison/record.py --backports PYTHON...``) it
instead makes an environment with ``BACKPORTS`` installed from the package index (and
setuptools kept, with ``SETUPTOOLS_USE_DISTUTILS=local``), runs ``simulation/backports/``
there and writes ``expected-backports-<major>.<minor>.json``; this needs the network and
releases from 3.12 on.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Dict, Iterable

HERE = Path(__file__).resolve().parent
SNIPPETS = HERE / "snippets"

# The snippets' own ini: the project's pyproject.toml (filterwarnings = error, ...) must not
# apply to them, on either side of the comparison.
PYTEST_INI = """\
[pytest]
console_output_style = classic
junit_family = xunit2
"""

PYTEST_ARGS = ("-p", "no:cacheprovider", "--continue-on-collection-errors")
"""Arguments of every snippet run, with or without the plugin, before ``-p [no:]removed_apis``."""

ENVIRONMENT = {"SETUPTOOLS_USE_DISTUTILS": "stdlib"}
"""Set for every snippet run: ``import distutils`` reaches the standard library's copy (or
nothing, on 3.12+) even where setuptools installed its ``distutils`` shim."""

OUTCOMES = ("passed", "failed", "error", "skipped")

Outcomes = Dict[str, str]  # noqa: UP006 - evaluated at run time on 3.8


PARTIAL_BUILDS: dict[str, dict[str, tuple[str, str, str]]] = {
    release: {
        "test_removed_test_packages.py::test_from_tkinter_test_support_import_AbstractTkTest": (
            "tkinter",
            "failed: ModuleNotFoundError",
            f"Debian's build of {release}, which recorded it, ships tkinter apart and skips "
            "the test; a build with tkinter has no tkinter.test and fails the import",
        ),
    }
    for release in ("3.14", "3.15")
}
"""Results a recording made on a build that leaves part of the standard library out
differs from a full build in: release -> node id (in ``snippets/``) -> (the module the build
left out, the full build's result, why).  The comparisons with that release expect the full
build's result where the running interpreter has the module; the check of the recording on
the release itself expects what it saw."""


def full_build(release: str, results: Outcomes, prefix: str = "") -> Outcomes:
    """``results`` recorded on ``release``, as a full build of it gives them (``prefix``:
    the folder of ``snippets/`` in the run, for the simulation's sets)."""
    adjusted = dict(results)
    for node, (module, result, _why) in PARTIAL_BUILDS.get(release, {}).items():
        if prefix + node in adjusted and importlib.util.find_spec(module) is not None:
            adjusted[prefix + node] = result if prefix else result.split(":")[0]
    return adjusted


def _fails(result: str) -> bool:
    return result.partition(":")[0] in ("failed", "error")


def judgeable(own: Outcomes, expected: Outcomes, actual: Outcomes) -> tuple[Outcomes, Outcomes]:
    """Leave out of a comparison with a later release what the running release fails by
    itself (``own``: its recording) and the later one does not: an API the running release
    already removed, named where the later one never evaluates it (an annotation, from 3.14
    on).  Nothing can make that pass on the running release."""
    failing = {node for node, result in own.items() if _fails(result)}
    passing = {node for node, result in expected.items() if not _fails(result)}
    passing_files = {node.split("::", 1)[0] for node in passing}

    def dropped(node: str) -> bool:
        file = node.split("::", 1)[0]
        return (node in failing and node in passing) or (file in failing and file in passing_files)

    def kept(outcomes: Outcomes) -> Outcomes:
        return {node: outcome for node, outcome in outcomes.items() if not dropped(node)}

    return kept(expected), kept(actual)


def expected_path(release: str) -> Path:
    """``expected-3.12.json`` for ``"3.12"``."""
    return HERE / f"expected-{release}.json"


def load_expected(release: str) -> Outcomes:
    with expected_path(release).open(encoding="utf-8") as stream:
        outcomes: Outcomes = json.load(stream)
    return outcomes


def snippet_files() -> list[Path]:
    """The files a snippet run needs: the test modules and their conftest."""
    return sorted(SNIPPETS.glob("*.py"))


def copy_snippets(destination: Path) -> None:
    """Copy the snippets, flat, into ``destination`` and write their ``pytest.ini`` there."""
    for path in snippet_files():
        shutil.copyfile(str(path), str(destination / path.name))
    (destination / "pytest.ini").write_text(PYTEST_INI, encoding="utf-8")


def node_id(classname: str, name: str) -> str:
    """Undo junitxml's mangling of a node id, for test modules laid flat in the root dir.

    ``("test_mod.TestCase", "test_x")`` -> ``"test_mod.py::TestCase::test_x"``; a collection
    report has an empty classname: ``("", "test_mod")`` -> ``"test_mod.py"``.
    """
    if not classname:
        return f"{name}.py"
    module, *classes = classname.split(".")
    return "::".join([f"{module}.py", *classes, name])


def _outcome(children: Iterable[str]) -> str:
    tags = set(children)
    for tag, outcome in (("error", "error"), ("failure", "failed"), ("skipped", "skipped")):
        if tag in tags:
            return outcome
    return "passed"


def read_junit(path: Path) -> Outcomes:
    """``{node id: outcome}`` from a junit XML report; see the module docstring."""
    outcomes: Outcomes = {}
    for case in ElementTree.parse(str(path)).iter("testcase"):
        key = node_id(case.get("classname", ""), case.get("name", ""))
        outcome = _outcome(child.tag for child in case)
        previous = outcomes.get(key)
        if previous is not None and OUTCOMES.index(previous) > OUTCOMES.index(outcome):
            outcome = previous
        outcomes[key] = outcome
    return dict(sorted(outcomes.items()))


def _release_of(python: str) -> str:
    code = "import sys; print('%d.%d' % sys.version_info[:2])"
    return subprocess.check_output([python, "-c", code], text=True).strip()


def _make_venv(python: str, where: Path) -> Path:
    venv = where / "venv"
    subprocess.check_call([python, "-m", "venv", str(venv)])
    venv_python = venv / "bin" / "python"
    probe = "import importlib.util, sys; sys.exit(importlib.util.find_spec('setuptools') is None)"
    has_setuptools = subprocess.run([str(venv_python), "-c", probe], check=False).returncode == 0
    pip = [str(venv_python), "-m", "pip", "--disable-pip-version-check", "--quiet"]
    if has_setuptools:
        subprocess.check_call([*pip, "uninstall", "--yes", "setuptools"])
    subprocess.check_call([*pip, "install", "pytest>=8.0"])
    return venv_python


def run_snippets(venv_python: Path, where: Path) -> Outcomes:
    """Run the snippets without the plugin under ``venv_python``; their outcomes."""
    run_dir = where / "run"
    run_dir.mkdir()
    copy_snippets(run_dir)
    junit = where / "junit.xml"
    _run_pytest(
        venv_python, run_dir, junit, ("-p", "no:removed_apis"), clean_environment(ENVIRONMENT)
    )
    return read_junit(junit)


def _run_pytest(
    venv_python: Path,
    run_dir: Path,
    junit: Path,
    args: tuple[str, ...],
    environment: dict[str, str],
) -> None:
    """Run pytest with ``args`` in ``run_dir``, writing ``junit``; fail loudly without one."""
    command = [str(venv_python), "-m", "pytest", *args, *PYTEST_ARGS, f"--junitxml={junit}", "-q"]
    result = subprocess.run(
        command,
        cwd=str(run_dir),
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    if not junit.exists():
        sys.stderr.write(result.stdout)
        raise RuntimeError(f"pytest exited {result.returncode} without a junit report")


def _summary(outcomes: Outcomes) -> str:
    counts = {outcome: 0 for outcome in OUTCOMES}
    for outcome in outcomes.values():
        counts[outcome] += 1
    return ", ".join(f"{count} {outcome}" for outcome, count in counts.items())


def record(python: str) -> bool:
    """Judge the snippets with ``python``; False when an older release fails one."""
    release = _release_of(python)
    with tempfile.TemporaryDirectory(prefix="removed-apis-record-") as tmp:
        where = Path(tmp)
        venv_python = _make_venv(python, where)
        probe = "import platform, pytest; print(platform.python_version(), pytest.__version__)"
        python_version, pytest_version = subprocess.check_output(
            [str(venv_python), "-c", probe], text=True
        ).split()
        outcomes = run_snippets(venv_python, where)
    print(f"record: CPython {python_version}, pytest {pytest_version}: {_summary(outcomes)}")
    if tuple(int(part) for part in release.split(".")) >= (3, 12):
        target = expected_path(release)
        target.write_text(json.dumps(outcomes, indent=2) + "\n", encoding="utf-8")
        print(f"record: wrote {target}")
        return True
    not_passing = {key: value for key, value in outcomes.items() if value != "passed"}
    for key, value in not_passing.items():
        print(f"record: {release}: {key} {value}, should pass before 3.12", file=sys.stderr)
    return not not_passing


# The simulation comparison ------------------------------------------------------------

SIMULATION = HERE / "simulation"

SNIPPET_SETS = {"snippets": SNIPPETS, "simulation": SIMULATION / "snippets"}
"""The sets the simulation comparison runs together: folder name in the run -> source."""

BACKPORT_SETS = {"backports": SIMULATION / "backports"}
"""The snippets judged in an environment with ``BACKPORTS`` installed."""

BACKPORTS = (
    "pyasyncore==1.0.5",
    "pyasynchat==1.0.5",
    "zombie-imp==0.0.4",
    "standard-smtpd==3.13.0",
    "setuptools>=60",
)
"""Installed with ``--no-deps`` (standard-smtpd would pull standard-asyncore and
standard-asynchat over pyasyncore and pyasynchat on 3.12, and nothing on 3.11): one
distribution for each module 3.12 removed, with setuptools for ``distutils``."""

BACKPORTS_ENVIRONMENT = {"SETUPTOOLS_USE_DISTUTILS": "local"}
"""Set for a backports run: ``import distutils`` reaches setuptools' copy."""


def _needs(release: str, before: str, module: str, *names: str) -> dict[str, tuple[str, str]]:
    return {f"simulation/{module}::{name}": (release, before) for name in names}


NEEDS_RELEASE = {
    **_needs(
        "3.12",
        "failed: AssertionError",
        "test_version_checks_312.py",
        "test_version_info_say_312_or_later",
        "test_version_info_slice_say_312_or_later",
        "test_major_and_minor_say_312_or_later",
        "test_from_sys_import_version_info_say_312_or_later",
        "test_hexversion_say_312_or_later",
        "test_version_string_say_312_or_later",
    ),
    **_needs(
        "3.12",
        "skipped",
        "test_version_checks_312.py",
        "test_skipif_before_312_runs_from_312",
        "test_skipif_string_condition_before_312_runs_from_312",
    ),
    **_needs(
        "3.13",
        "failed: AssertionError",
        "test_version_checks_313.py",
        "test_version_info_say_313_or_later",
        "test_major_and_minor_say_313_or_later",
        "test_hexversion_say_313_or_later",
    ),
    **_needs(
        "3.13", "skipped", "test_version_checks_313.py", "test_skipif_before_313_runs_from_313"
    ),
}
"""Snippets that check the version itself: node id -> (the first release where they pass,
their result on the releases before it, where every other snippet passes)."""

Results = Dict[str, str]  # noqa: UP006 - evaluated at run time on 3.8
"""``{node id: "passed" | "skipped" | "failed: <exception>" | "error: <exception>"}``."""


def simulated_expected_path(release: str) -> Path:
    """``expected-simulated-3.12.json`` for ``"3.12"``."""
    return HERE / f"expected-simulated-{release}.json"


def backports_expected_path(release: str) -> Path:
    """``expected-backports-3.12.json`` for ``"3.12"``."""
    return HERE / f"expected-backports-{release}.json"


def load_results(path: Path) -> Results:
    with path.open(encoding="utf-8") as stream:
        results: Results = json.load(stream)
    return results


def write_results(path: Path, results: Results) -> None:
    path.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def results_before(release: str, results: Results) -> Results:
    """What ``results``' node ids should give without the plugin on ``release``, a release
    before 3.12: "passed", or what ``NEEDS_RELEASE`` says for a version check."""
    version = _version(release)
    expected = {}
    for key in results:
        needed, before = NEEDS_RELEASE.get(key, (release, "passed"))
        expected[key] = before if version < _version(needed) else "passed"
    return expected


def copy_snippet_sets(destination: Path, sets: dict[str, Path]) -> None:
    """Copy each set's files into ``destination/<name>``; write the ``pytest.ini`` above."""
    for name, source in sets.items():
        folder = destination / name
        folder.mkdir()
        for path in sorted(source.glob("*.py")):
            shutil.copyfile(str(path), str(folder / path.name))
    (destination / "pytest.ini").write_text(PYTEST_INI, encoding="utf-8")


def set_node_id(classname: str, name: str) -> str:
    """Undo junitxml's mangling of a node id, for test modules one folder deep.

    ``("simulation.test_mod.TestCase", "test_x")`` -> ``"simulation/test_mod.py::TestCase::
    test_x"``; a collection report: ``("", "simulation.test_mod")`` ->
    ``"simulation/test_mod.py"``.
    """
    if not classname:
        return "/".join(name.split(".")) + ".py"
    folder, module, *classes = classname.split(".")
    return "::".join([f"{folder}/{module}.py", *classes, name])


_EXCEPTION_NAME = re.compile(r"((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*)(?::|$)", re.MULTILINE)
_RAISED_LINE = re.compile(r"^E\s+((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*)(?::|$)", re.MULTILINE)
_PHASE_ERROR = re.compile(r'failed on (?:setup|teardown) with "(.*)"\Z', re.DOTALL)
_CHAINED = re.compile(
    r"^(?:The above exception was the direct cause of the following exception:"
    r"|During handling of the above exception, another exception occurred:)$",
    re.MULTILINE,
)


def exception_name(message: str, text: str) -> str:
    """The class of the exception a ``<failure>`` or ``<error>`` element reports.

    ``message`` is the element's ``message`` attribute and ``text`` its body (the report's
    long form).  What cannot be read as an exception name comes back in angle brackets, so a
    comparison shows it.
    """
    phase_error = _PHASE_ERROR.match(message)
    if phase_error:
        message = phase_error.group(1)
    if message == "collection failure":
        last_exception = _CHAINED.split(text)[-1]
        raised = _RAISED_LINE.search(last_exception)
        return raised.group(1) if raised else f"<{message}>"
    if message.startswith("assert ") or message == "assert":
        return "AssertionError"
    named = _EXCEPTION_NAME.match(message)
    return named.group(1) if named else f"<{message.splitlines()[0][:60] if message else ''}>"


def _result(case: ElementTree.Element) -> str:
    for tag, outcome in (("error", "error"), ("failure", "failed")):
        element = case.find(tag)
        if element is not None:
            name = exception_name(element.get("message", ""), element.text or "")
            return f"{outcome}: {name}"
    return "skipped" if case.find("skipped") is not None else "passed"


def _rank(result: str) -> int:
    return OUTCOMES.index(result.split(":", 1)[0])


def read_junit_results(path: Path) -> Results:
    """``{node id: result}`` from the junit XML report of a run of snippet sets."""
    results: Results = {}
    for case in ElementTree.parse(str(path)).iter("testcase"):
        key = set_node_id(case.get("classname", ""), case.get("name", ""))
        result = _result(case)
        previous = results.get(key)
        if previous is not None and _rank(previous) > _rank(result):
            result = previous
        results[key] = result
    return dict(sorted(results.items()))


def clean_environment(overrides: dict[str, str]) -> dict[str, str]:
    """This process's environment without what would change a pytest run, plus ``overrides``."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PYTHONPATH", "PYTHONWARNINGS"}
    }
    environment.update(overrides)
    return environment


def run_snippet_sets(
    venv_python: Path,
    where: Path,
    sets: dict[str, Path],
    plugin_args: tuple[str, ...] = ("-p", "no:removed_apis"),
    environment: dict[str, str] | None = None,
) -> Results:
    """Run the snippet ``sets`` under ``venv_python`` in ``where/run``; their results."""
    run_dir = where / "run"
    run_dir.mkdir()
    copy_snippet_sets(run_dir, sets)
    junit = where / "junit.xml"
    overrides = ENVIRONMENT if environment is None else environment
    _run_pytest(venv_python, run_dir, junit, plugin_args, clean_environment(overrides))
    return read_junit_results(junit)


def _version(release: str) -> tuple[int, int]:
    major, minor = release.split(".")
    return int(major), int(minor)


def _result_summary(results: Results) -> str:
    counts: dict[str, int] = {}
    for result in results.values():
        counts[result] = counts.get(result, 0) + 1
    return ", ".join(f"{count} {result}" for result, count in sorted(counts.items()))


def record_simulation(python: str) -> bool:
    """Judge the snippet sets with ``python`` (see "Simulation recordings" above)."""
    release = _release_of(python)
    with tempfile.TemporaryDirectory(prefix="removed-apis-record-") as tmp:
        where = Path(tmp)
        results = run_snippet_sets(_make_venv(python, where), where, SNIPPET_SETS)
    print(f"record: CPython {release}, snippet sets: {_result_summary(results)}")
    if _version(release) >= (3, 12):
        target = simulated_expected_path(release)
        write_results(target, results)
        print(f"record: wrote {target}")
        return True
    expected = results_before(release, results)
    wrong = {key: value for key, value in results.items() if value != expected[key]}
    for key, value in wrong.items():
        print(f"record: {release}: {key} {value}, should be {expected[key]}", file=sys.stderr)
    return not wrong


def install_backports(venv_python: Path) -> None:
    """Install ``BACKPORTS`` (no dependencies) into the environment of ``venv_python``."""
    pip = [str(venv_python), "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.check_call([*pip, "install", "--upgrade", "--no-deps", *BACKPORTS])


def record_backports(python: str) -> bool:
    """Judge ``simulation/backports/`` with ``python`` in an environment with the backports."""
    release = _release_of(python)
    if _version(release) < (3, 12):
        print(f"record: {release}: backports are judged on 3.12 or later", file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory(prefix="removed-apis-record-") as tmp:
        where = Path(tmp)
        venv_python = _make_venv(python, where)
        install_backports(venv_python)
        results = run_snippet_sets(
            venv_python, where, BACKPORT_SETS, environment=BACKPORTS_ENVIRONMENT
        )
    print(f"record: CPython {release}, backports: {_result_summary(results)}")
    target = backports_expected_path(release)
    write_results(target, results)
    print(f"record: wrote {target}")
    return True


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__)
        return 0 if argv else 2
    results = []
    if argv[0] == "--backports":
        results = [record_backports(python) for python in argv[1:]]
    else:
        for python in argv:
            results += [record(python), record_simulation(python)]
    return 0 if results and all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
