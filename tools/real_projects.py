"""Compare the plugin's predictions with real CPython on pinned releases of real projects.

``tools/real_projects.json`` pins released projects (version and sdist sha256), their test
dependencies and the pytest arguments of their suites. Real CPython 3.12 (or 3.13) breaks
some of their tests through removed standard-library APIs. Two commands:

``record``
    Runs each project on the release that breaks it (3.12 or 3.13) and on the release
    before (3.11 or 3.12), both times with the plugin switched off (``-p no:removed_apis``),
    and writes into the json file the node ids that fail on the newer release but pass on
    the older one: the project's "breaks".

``check --python PY --mode default|simulate``
    Runs each project that PY can check (older than the project's target, not older than
    its ``check_from``) under the plugin: default mode with ``--removed-apis-target``, or
    ``--simulate-python``. The failing and erroring node ids must be exactly the recorded
    breaks. ``--mode none`` runs without the plugin and expects no failure at all (a check
    of the pins and deselections on that interpreter). Exit code 1 on any difference.

A test module that fails to import is one node id, the module's path. On the real release
such a module's tests never appear, so a module-level break is matched only by a collection
error of the same module under the plugin.

Each project gets a virtual environment per interpreter, cached under ``--cache`` (default:
a temporary folder removed at the end), with pytest, the test dependencies, the project
from its sdist (fetched with pip and checked against the pinned sha256) and the plugin
from this checkout. Standard library only; runs on Python 3.8 and later.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile
from typing import Any, Dict, Iterable, Sequence, Tuple

CHECKOUT = pathlib.Path(__file__).resolve().parent.parent
CONFIG = pathlib.Path(__file__).resolve().with_suffix(".json")
PLUGIN_OFF = ("-p", "no:removed_apis")
RUN_TIMEOUT = 1800
# Variables that would change how the projects' suites run.
SCRUBBED_ENV = (
    "PYTHONPATH",
    "PYTHONWARNINGS",
    "PYTHONSTARTUP",
    "PYTHONHOME",
    "PYTEST_ADDOPTS",
    "PYTEST_PLUGINS",
    "PYTEST_DISABLE_PLUGIN_AUTOLOAD",
    "VIRTUAL_ENV",
    "COVERAGE_PROCESS_START",
)

Version = Tuple[int, int]
# One entry of real_projects.json (and the file itself): plain JSON data.
Project = Dict[str, Any]


class ToolError(Exception):
    """A problem that stops the comparison of one project (or of all of them)."""


@dataclasses.dataclass(frozen=True)
class Interpreter:
    path: str
    version: tuple[int, int, int]

    @property
    def minor(self) -> Version:
        return self.version[:2]

    @property
    def label(self) -> str:
        return ".".join(map(str, self.version))


@dataclasses.dataclass
class Outcome:
    failed: bool
    message: str


@dataclasses.dataclass
class RunResult:
    exit_code: int
    outcomes: dict[str, Outcome]
    seconds: float
    log: pathlib.Path

    def failing(self) -> dict[str, str]:
        return {node: o.message for node, o in self.outcomes.items() if o.failed}


# -- interpreters ----------------------------------------------------------------------------


def parse_version(text: str) -> Version:
    match = re.fullmatch(r"(\d+)\.(\d+)", text.strip())
    if not match:
        raise ToolError(f"not a MAJOR.MINOR version: {text!r}")
    return int(match.group(1)), int(match.group(2))


def version_text(version: Sequence[int]) -> str:
    return ".".join(map(str, version))


def probe(path: str) -> Interpreter:
    try:
        out = subprocess.run(
            [path, "-c", "import sys; print('%d %d %d' % sys.version_info[:3])"],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout.split()
    except (OSError, subprocess.SubprocessError) as exc:
        raise ToolError(f"cannot run the interpreter {path}: {exc}") from exc
    major, minor, micro = (int(part) for part in out)
    return Interpreter(path, (major, minor, micro))


def discover(minor: Version) -> Interpreter | None:
    """Find CPython MAJOR.MINOR: pythonX.Y on PATH, then pyenv's versions folder."""
    name = f"python{minor[0]}.{minor[1]}"
    candidates: list[str] = []
    found = shutil.which(name)
    if found:
        candidates.append(found)
    roots = [os.environ.get("PYENV_ROOT", ""), str(pathlib.Path.home() / ".pyenv")]
    for root in filter(None, roots):
        versions = pathlib.Path(root, "versions")
        matches = sorted(
            versions.glob(f"{minor[0]}.{minor[1]}.*"),
            key=lambda p: [int(x) if x.isdigit() else 0 for x in p.name.split(".")],
        )
        candidates.extend(str(p / "bin" / "python3") for p in reversed(matches))
    for candidate in candidates:
        if not os.access(candidate, os.X_OK):
            continue
        try:
            interpreter = probe(candidate)
        except ToolError:
            continue  # a pyenv shim for a version that is not installed, for example
        if interpreter.minor == minor:
            return interpreter
    return None


class Interpreters:
    """The interpreters given with --python, and those found for the versions missing."""

    def __init__(self, paths: Iterable[str]) -> None:
        self._by_minor: dict[Version, Interpreter] = {}
        for path in paths:
            interpreter = probe(path)
            self._by_minor[interpreter.minor] = interpreter

    def get(self, minor: Version) -> Interpreter:
        if minor not in self._by_minor:
            found = discover(minor)
            if found is None:
                raise ToolError(
                    f"no Python {version_text(minor)} found: pass --python PATH "
                    f"(python{version_text(minor)} on PATH and pyenv were searched)"
                )
            self._by_minor[minor] = found
        return self._by_minor[minor]


# -- configuration ---------------------------------------------------------------------------


def load_config(path: pathlib.Path) -> Project:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ToolError(f"cannot read {path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("projects"), list):
        raise ToolError(f"{path}: expected an object with a 'projects' list")
    return data


def save_config(path: pathlib.Path, data: Project) -> None:
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def project_key(project: Project) -> str:
    return f"{project['name']}=={project['version']}"


def target_of(project: Project) -> Version:
    return parse_version(project["target"])


def older_of(project: Project) -> Version:
    major, minor = target_of(project)
    return major, minor - 1


def deselected(project: Project, minor: Version) -> list[str]:
    """The node ids (or prefixes) to deselect on this interpreter version."""
    ids: list[str] = []
    for entry in project.get("deselect", []):
        pythons = entry.get("pythons")
        if pythons is None or version_text(minor) in pythons:
            ids.extend(entry["ids"])
    return ids


# -- environments ----------------------------------------------------------------------------


def sha256(path: pathlib.Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def run_quiet(command: Sequence[str], what: str, cwd: pathlib.Path | None = None) -> str:
    result = subprocess.run(
        list(command),
        cwd=None if cwd is None else str(cwd),
        env=clean_env(),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-25:])
        raise ToolError(f"{what} failed (exit {result.returncode}):\n{tail}")
    return result.stdout


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED_ENV}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def venv_python(venv: pathlib.Path) -> pathlib.Path:
    return venv / "bin" / "python"


class Workspace:
    """The cache folder: sdists, virtual environments, unpacked sources, logs."""

    def __init__(self, root: pathlib.Path, common: Sequence[str]) -> None:
        self.root = root
        self.common = list(common)
        self._plugin_wheel: pathlib.Path | None = None
        for sub in ("sdists", "venvs", "work", "logs", "wheels"):
            (root / sub).mkdir(parents=True, exist_ok=True)

    def venv(self, project: Project, interpreter: Interpreter) -> pathlib.Path:
        """A virtual environment with the project, its test dependencies and the plugin."""
        requirements = self.common + list(project.get("requirements", []))
        spec = json.dumps([interpreter.label, requirements, project["sha256"]])
        tag = hashlib.sha256(spec.encode()).hexdigest()[:10]
        venv = (
            self.root
            / "venvs"
            / f"{project['name']}-{project['version']}-py{interpreter.label}-{tag}"
        )
        ready = venv / "ready.json"
        if not ready.exists():
            if venv.exists():
                shutil.rmtree(venv)
            run_quiet([interpreter.path, "-m", "venv", str(venv)], f"creating {venv}")
            python = str(venv_python(venv))
            sdist = self.sdist(project, venv)
            run_quiet(
                [python, "-m", "pip", "install", "-q", *requirements, str(sdist)],
                f"installing {project_key(project)} and its test dependencies on "
                f"Python {interpreter.label}",
            )
            self.install_plugin(venv, with_dependencies=True)
            ready.write_text(spec + "\n", encoding="utf-8")
        else:
            self.install_plugin(venv, with_dependencies=False)
        return venv

    def sdist(self, project: Project, venv: pathlib.Path) -> pathlib.Path:
        """The project's sdist, downloaded once and checked against the pinned sha256."""
        folder = self.root / "sdists" / f"{project['name']}-{project['version']}"
        existing = [p for p in folder.glob("*") if p.is_file()] if folder.exists() else []
        if not existing:
            folder.mkdir(parents=True, exist_ok=True)
            run_quiet(
                [
                    str(venv_python(venv)),
                    "-m",
                    "pip",
                    "download",
                    "-q",
                    "--no-deps",
                    "--no-binary",
                    ":all:",
                    "--dest",
                    str(folder),
                    project_key(project),
                ],
                f"downloading the sdist of {project_key(project)}",
            )
            existing = [p for p in folder.glob("*") if p.is_file()]
        if len(existing) != 1:
            raise ToolError(f"expected one sdist in {folder}, found {len(existing)}")
        digest = sha256(existing[0])
        if digest != project["sha256"]:
            raise ToolError(
                f"{existing[0].name}: sha256 {digest} is not the pinned {project['sha256']}"
            )
        return existing[0]

    def plugin_wheel(self, python: pathlib.Path) -> pathlib.Path:
        """A wheel of this checkout, built once per command."""
        if self._plugin_wheel is None:
            folder = self.root / "wheels" / f"plugin-{os.getpid()}-{int(time.time())}"
            folder.mkdir(parents=True)
            run_quiet(
                [
                    str(python),
                    "-m",
                    "pip",
                    "wheel",
                    "-q",
                    "--no-deps",
                    "-w",
                    str(folder),
                    str(CHECKOUT),
                ],
                f"building the plugin's wheel from {CHECKOUT}",
            )
            wheels = sorted(folder.glob("*.whl"))
            if len(wheels) != 1:
                raise ToolError(f"expected one wheel in {folder}, found {len(wheels)}")
            self._plugin_wheel = wheels[0]
        return self._plugin_wheel

    def install_plugin(self, venv: pathlib.Path, with_dependencies: bool) -> None:
        python = venv_python(venv)
        wheel = self.plugin_wheel(python)
        options = ["--force-reinstall"] + ([] if with_dependencies else ["--no-deps"])
        run_quiet(
            [str(python), "-m", "pip", "install", "-q", *options, *self.common, str(wheel)],
            f"installing the plugin into {venv}",
        )

    def unpack(self, project: Project, venv: pathlib.Path, label: str) -> pathlib.Path:
        """A fresh copy of the sdist's tree (the suite may write into it)."""
        sdist = self.sdist(project, venv)
        dest = self.root / "work" / f"{project['name']}-{label}"
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        if sdist.name.endswith(".zip"):
            with zipfile.ZipFile(sdist) as archive:
                archive.extractall(dest)
        else:
            with tarfile.open(sdist) as archive:
                if hasattr(tarfile, "data_filter"):
                    archive.extractall(dest, filter="data")
                else:
                    archive.extractall(dest)
        tops = [p for p in dest.iterdir() if p.is_dir()]
        if len(tops) != 1:
            raise ToolError(f"{sdist.name}: expected one top-level folder")
        return tops[0]


# -- running a suite -------------------------------------------------------------------------


def node_id(classname: str, name: str, source: pathlib.Path) -> str:
    """Rebuild pytest's node id from junitxml's dotted classname and name.

    pytest writes ``a/b/test_x.py::C::test_y[p]`` as classname ``a.b.test_x.C``, name
    ``test_y[p]``, and a module that failed to collect as name ``a.b.test_x``. The module
    part is the longest dotted prefix that names a file of the source tree.
    """
    dotted = f"{classname}.{name}" if classname else name
    head, bracket, params = dotted.partition("[")
    parts = head.split(".")
    for cut in range(len(parts), 0, -1):
        candidate = "/".join(parts[:cut]) + ".py"
        if (source / candidate).is_file():
            return "::".join([candidate, *parts[cut:]]) + bracket + params
    # a directory-level collection error (a conftest.py that fails to import, for example)
    directory = "/".join(parts)
    if (source / directory).is_dir():
        return directory
    return dotted


def problem_message(element: ET.Element) -> str:
    """One line saying why: the exception pytest reported, not "collection failure"."""
    text = element.text or ""
    raised = [line[1:].strip() for line in text.splitlines() if line.startswith("E ")]
    message = (element.get("message") or "").strip()
    if raised and (not message or message == "collection failure"):
        message = raised[-1]
    return (message.splitlines() or [element.tag])[0][:160]


def parse_junit(path: pathlib.Path, source: pathlib.Path) -> dict[str, Outcome]:
    outcomes: dict[str, Outcome] = {}
    root = ET.parse(str(path)).getroot()
    for case in root.iter("testcase"):
        node = node_id(case.get("classname", ""), case.get("name", ""), source)
        problems = [child for child in case if child.tag in ("failure", "error")]
        message = problem_message(problems[0]) if problems else ""
        previous = outcomes.get(node)
        if previous is not None and previous.failed:
            continue
        outcomes[node] = Outcome(bool(problems), message)
    return outcomes


EXIT_MEANINGS = {
    2: "interrupted",
    3: "internal error",
    4: "usage error",
    5: "no tests collected",
}


def run_suite(
    workspace: Workspace,
    project: Project,
    interpreter: Interpreter,
    flags: Sequence[str],
    label: str,
) -> RunResult:
    venv = workspace.venv(project, interpreter)
    source = workspace.unpack(project, venv, label)
    junit = workspace.root / "logs" / f"{project['name']}-{label}.xml"
    log = workspace.root / "logs" / f"{project['name']}-{label}.log"
    for stale in (junit, log):
        if stale.exists():
            stale.unlink()
    command = [
        str(venv_python(venv)),
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "--rootdir",
        str(source),
        "--continue-on-collection-errors",
        "-o",
        "junit_family=xunit2",
        f"--junitxml={junit}",
        "-q",
        *flags,
        *project["args"],
    ]
    for node in deselected(project, interpreter.minor):
        command.append(f"--deselect={node}")
    start = time.monotonic()
    with log.open("w", encoding="utf-8") as stream:
        stream.write("$ " + " ".join(command) + "\n")
        stream.flush()
        try:
            exit_code = subprocess.run(
                command,
                cwd=str(source),
                env=clean_env(),
                stdout=stream,
                stderr=subprocess.STDOUT,
                timeout=RUN_TIMEOUT,
            ).returncode
        except subprocess.TimeoutExpired as exc:
            raise ToolError(f"pytest did not finish in {RUN_TIMEOUT} s; output in {log}") from exc
    seconds = time.monotonic() - start
    if exit_code not in (0, 1):
        meaning = EXIT_MEANINGS.get(exit_code, "unexpected exit code")
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-20:])
        hint = " (check the paths and deselections)" if exit_code == 5 else ""
        raise ToolError(
            f"pytest exited with {exit_code}, {meaning}{hint}, on Python {interpreter.label}; "
            f"output in {log}:\n{tail}"
        )
    if not junit.exists():
        raise ToolError(f"pytest wrote no junit file; output in {log}")
    return RunResult(exit_code, parse_junit(junit, source), seconds, log)


# -- record ----------------------------------------------------------------------------------


def module_of(node: str) -> str:
    return node.split("::", 1)[0]


def record_project(
    workspace: Workspace,
    project: Project,
    interpreters: Interpreters,
) -> list[str]:
    """Run the project on the older and the newer release; store its breaks. Problems."""
    older = interpreters.get(older_of(project))
    newer = interpreters.get(target_of(project))
    print(f"{project_key(project)}: Python {older.label} and {newer.label}, plugin off")
    before = run_suite(workspace, project, older, PLUGIN_OFF, f"py{older.label}-off")
    after = run_suite(workspace, project, newer, PLUGIN_OFF, f"py{newer.label}-off")
    problems: list[str] = []
    failing_before = before.failing()
    for node, message in sorted(failing_before.items()):
        problems.append(f"fails on {older.label} already (deselect it): {node}: {message}")
    breaks = {
        node: message
        for node, message in sorted(after.failing().items())
        if node not in failing_before
    }
    patterns = [re.compile(p) for p in project.get("removed_api_messages", [])]
    explained = project.get("explained_breaks", {})
    for node, message in breaks.items():
        if node not in explained and not any(p.search(message) for p in patterns):
            problems.append(
                f"breaks on {newer.label} for a reason not listed in removed_api_messages "
                f"(deselect it, or explain it in explained_breaks): {node}: {message}"
            )
    project["record"] = {
        "older": older.label,
        "newer": newer.label,
        "tests": len(before.outcomes),
        "tests_on_newer": len(after.outcomes),
        "breaks": breaks,
    }
    print(
        f"  {len(before.outcomes)} tests on {older.label} ({before.seconds:.0f} s), "
        f"{len(breaks)} breaks on {newer.label} ({after.seconds:.0f} s)"
    )
    return problems


# -- check -----------------------------------------------------------------------------------


@dataclasses.dataclass
class Comparison:
    breaks: dict[str, str]
    failing: dict[str, str]
    matched: list[str]
    missed: list[str]
    extra: list[str]
    notes: dict[str, str]

    @property
    def ok(self) -> bool:
        return not self.missed and not self.extra


def compare(
    breaks: dict[str, str], failing: dict[str, str], outcomes: dict[str, Outcome]
) -> Comparison:
    """Match the failures under the plugin against the real breaks.

    A module that fails to import on the real release is matched only by a collection error
    of that module; the failing tests of a module that collected are then not counted as
    extra, and the other way round.
    """
    modules_real = {node for node in breaks if "::" not in node}
    modules_predicted = {node for node in failing if "::" not in node}
    matched: list[str] = []
    missed: list[str] = []
    extra: list[str] = []
    notes: dict[str, str] = {}
    for node in sorted(breaks):
        if node in failing:
            matched.append(node)
        elif "::" in node and module_of(node) in modules_predicted:
            continue  # the plugin failed the whole module: counted on the module
        else:
            missed.append(node)
            if node in modules_real:
                inside = [n for n in outcomes if n.startswith(node + "::")]
                failed = [n for n in inside if outcomes[n].failed]
                notes[node] = (
                    f"fails to import on the real release; under the plugin it collected "
                    f"and {len(failed)} of its {len(inside)} tests failed"
                )
    for node in sorted(failing):
        if node in breaks:
            continue
        if "::" in node and module_of(node) in modules_real:
            continue  # counted on the module, as a miss of its collection error
        extra.append(node)
        if node in modules_predicted:
            real = [n for n in breaks if n.startswith(node + "::")]
            notes[node] = (
                f"the plugin failed its import; on the real release it imports and "
                f"{len(real)} of its tests fail"
            )
    return Comparison(breaks, failing, matched, missed, extra, notes)


MODE_FLAGS = {
    "default": lambda target: ["--removed-apis-target", version_text(target)],
    "simulate": lambda target: (
        ["--simulate-312"] if target == (3, 12) else ["--simulate-python", version_text(target)]
    ),
    "none": lambda target: list(PLUGIN_OFF),
}


def checkable(project: Project, interpreter: Interpreter) -> bool:
    start = parse_version(project.get("check_from", version_text(older_of(project))))
    return start <= interpreter.minor < target_of(project)


def check_project(
    workspace: Workspace,
    project: Project,
    interpreter: Interpreter,
    mode: str,
    limit: int,
) -> tuple[Comparison, float]:
    record = project.get("record")
    if not record:
        raise ToolError(f"{project_key(project)} has no recorded breaks: run record first")
    target = target_of(project)
    flags = MODE_FLAGS[mode](target)
    result = run_suite(workspace, project, interpreter, flags, f"py{interpreter.label}-{mode}")
    breaks: dict[str, str] = {} if mode == "none" else dict(record["breaks"])
    comparison = compare(breaks, result.failing(), result.outcomes)
    status = "ok" if comparison.ok else "DIFFERS"
    print(
        f"{project_key(project)} [{project.get('pattern', '')}] on Python {interpreter.label}, "
        f"{mode} mode, target {version_text(target)}: {status} ({result.seconds:.0f} s, "
        f"{len(result.outcomes)} results)"
    )
    print(
        f"  real breaks {len(comparison.breaks)}, failing "
        f"{'without' if mode == 'none' else 'under'} the plugin "
        f"{len(comparison.failing)}, matched {len(comparison.matched)}, "
        f"missed {len(comparison.missed)}, extra {len(comparison.extra)}"
    )
    for title, nodes, source in (
        ("missed", comparison.missed, comparison.breaks),
        ("extra", comparison.extra, comparison.failing),
    ):
        for node in nodes[:limit]:
            print(f"    {title}: {node}")
            detail = comparison.notes.get(node) or source.get(node, "")
            if detail:
                print(f"        {detail}")
        if len(nodes) > limit:
            print(f"    ... and {len(nodes) - limit} more {title} (--limit to see them)")
    if not comparison.ok:
        print(f"  output: {result.log}")
    return comparison, result.seconds


# -- command line ----------------------------------------------------------------------------


def selected_projects(data: Project, names: Sequence[str]) -> list[Project]:
    projects: list[Project] = data["projects"]
    if not names:
        return projects
    known = {p["name"].lower(): p for p in projects}
    unknown = [n for n in names if n.lower() not in known]
    if unknown:
        raise ToolError(
            f"unknown project(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    return [known[n.lower()] for n in names]


def git_revision() -> str:
    try:
        head = subprocess.run(
            ["git", "-C", str(CHECKOUT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(CHECKOUT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return head + (" with uncommitted changes" if dirty else "")


def command_record(args: argparse.Namespace, data: Project, workspace: Workspace) -> int:
    interpreters = Interpreters(args.python)
    problems: list[str] = []
    for project in selected_projects(data, args.project):
        try:
            problems.extend(
                f"{project_key(project)}: {p}"
                for p in record_project(workspace, project, interpreters)
            )
        except ToolError as exc:
            problems.append(f"{project_key(project)}: {exc}")
        save_config(args.config, data)
    for problem in problems:
        print(f"problem: {problem}")
    print(f"recorded into {args.config}" + (f"; {len(problems)} problem(s)" if problems else ""))
    return 1 if problems else 0


def print_table(summary: list[Project]) -> None:
    print()
    print(f"{'project':24} {'breaks':>7} {'failing':>8} {'matched':>8} {'missed':>7} {'extra':>6}")
    for row in summary:
        if "error" in row:
            print(f"{row['project']:24} error")
            continue
        print(
            f"{row['project']:24} {row['breaks']:>7} {row['failing']:>8} {row['matched']:>8} "
            f"{len(row['missed']):>7} {len(row['extra']):>6}"
        )


def command_check(args: argparse.Namespace, data: Project, workspace: Workspace) -> int:
    if len(args.python) != 1:
        raise ToolError("check needs exactly one --python")
    interpreter = probe(args.python[0])
    projects = [p for p in selected_projects(data, args.project) if checkable(p, interpreter)]
    if not projects:
        raise ToolError(f"no project is checked on Python {interpreter.label}")
    print(
        f"plugin from {CHECKOUT} at {git_revision()}; Python {interpreter.label}, "
        f"{args.mode} mode; {len(projects)} project(s)"
    )
    start = time.monotonic()
    summary: list[Project] = []
    failed = False
    for project in projects:
        try:
            comparison, seconds = check_project(
                workspace, project, interpreter, args.mode, args.limit
            )
        except ToolError as exc:
            print(f"{project_key(project)}: ERROR: {exc}")
            summary.append({"project": project_key(project), "error": str(exc)})
            failed = True
            continue
        failed = failed or not comparison.ok
        summary.append(
            {
                "project": project_key(project),
                "pattern": project.get("pattern", ""),
                "seconds": round(seconds, 1),
                "breaks": len(comparison.breaks),
                "failing": len(comparison.failing),
                "matched": len(comparison.matched),
                "missed": comparison.missed,
                "extra": comparison.extra,
                "notes": comparison.notes,
                "messages": {
                    n: comparison.failing.get(n) or comparison.breaks.get(n, "")
                    for n in comparison.missed + comparison.extra
                },
            }
        )
    wall = time.monotonic() - start
    print_table(summary)
    print(f"{'DIFFERENCES' if failed else 'all predictions match'}; wall time {wall:.0f} s")
    if args.json_out:
        pathlib.Path(args.json_out).write_text(
            json.dumps(
                {
                    "python": interpreter.label,
                    "mode": args.mode,
                    "plugin": git_revision(),
                    "wall_seconds": round(wall, 1),
                    "projects": summary,
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    return 1 if failed else 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = main.add_subparsers(dest="command", required=True)
    for name in ("record", "check"):
        command = sub.add_parser(name)
        command.add_argument(
            "--python",
            action="append",
            default=[],
            metavar="PATH",
            help="interpreter to use; record finds missing versions on PATH and in pyenv",
        )
        command.add_argument(
            "--cache",
            type=pathlib.Path,
            help="keep sdists and virtual environments here (default: a temporary folder)",
        )
        command.add_argument("--config", type=pathlib.Path, default=CONFIG)
        command.add_argument(
            "--project", action="append", default=[], help="only this project (repeatable)"
        )
    check = sub.choices["check"]
    check.add_argument("--mode", choices=sorted(MODE_FLAGS), required=True)
    check.add_argument("--limit", type=int, default=10, help="node ids listed per kind")
    check.add_argument("--json-out", help="write the comparison as JSON here")
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    temporary = args.cache is None
    root = pathlib.Path(tempfile.mkdtemp(prefix="real-projects-")) if temporary else args.cache
    try:
        data = load_config(args.config)
        workspace = Workspace(root.resolve(), data.get("common_requirements", []))
        if args.command == "record":
            return command_record(args, data, workspace)
        return command_check(args, data, workspace)
    except ToolError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        if temporary:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
