"""Record what real CPython does with the comparison snippets.

Real CPython is the judge of the plugin: the snippets in ``snippets/`` run on real CPython
3.12 and 3.13 without the plugin, and their per-test outcomes are kept in
``expected-3.12.json`` and ``expected-3.13.json``.  ``tests/test_comparison.py`` runs the
same snippets under the plugin on 3.8-3.11 and requires the same outcomes as real 3.12.

Usage (from anywhere; PYTHON is the interpreter to judge with)::

    python tests/comparison/record.py /root/.pyenv/versions/3.12.1/bin/python
    python tests/comparison/record.py ~/.pyenv/versions/3.1[23].*/bin/python
    python tests/comparison/record.py ~/.pyenv/versions/3.{8,9,10,11}.*/bin/python

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
"""

from __future__ import annotations

import json
import os
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
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PYTHONPATH", "PYTHONWARNINGS"}
    }
    environment.update(ENVIRONMENT)
    command = [
        str(venv_python),
        "-m",
        "pytest",
        "-p",
        "no:removed_apis",
        *PYTEST_ARGS,
        f"--junitxml={junit}",
        "-q",
    ]
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
    return read_junit(junit)


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


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__)
        return 0 if argv else 2
    results = [record(python) for python in argv]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
