"""What pytest-removed-apis costs on a suite of fast tests that use no removed API.

Run it with the interpreter to measure, from anywhere::

    python benchmarks/run.py [--tests N] [--rounds N] [--quick] [--json PATH] [--check]

It writes a suite of a few thousand passing tests into a temporary folder, runs it in
fresh pytest processes with and without the plugin (alternating the configurations round
by round, so that noise from the machine spreads evenly over them) and prints the median
wall time of each configuration, its ratio to the plain run, the plugin's import time and
peak memory, and how the cost per test changes when the catalog doubles or ``sys.modules``
grows, each next to the budget from the design document.  It measures; it is not a test.
Exit status: 0, or 2 when a pytest run failed (its output is shown), or 1 with ``--check``
when a figure misses its budget.

The standard library only, besides pytest (and pytest-xdist if installed); Python 3.8+.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any, NamedTuple

# Budgets, from the "Speed" section of the design document.
DEFAULT_BUDGET = 1.03  # wall time with the plugin installed, relative to a run without it
SIMULATE_BUDGET = 1.10  # with --simulate-312
IMPORT_BUDGET_MS = 20.0  # importing the plugin, on top of pytest
MEMORY_BUDGET_MB = 10.0  # peak RSS above the plain run
# "Per-test cost independent of sys.modules and catalog size": a scaled run's on/off ratio
# may exceed the unscaled one by at most this much (0.02 = 2% of the plain run's time).
SCALING_TOLERANCE = 0.02

PLUGIN_OFF = ("-p", "no:removed_apis")
SIMULATE = ("--simulate-312",)
TESTS_PER_FILE = 40
# Kinds of test and their share of the suite.
SHARES = (("plain", 0.30), ("param", 0.25), ("unittest", 0.20), ("fixture", 0.15), ("warn", 0.10))
# Environment variables that would change what a run does, dropped from the children's.
DROPPED_ENV = (
    "PYTEST_ADDOPTS",
    "PYTEST_PLUGINS",
    "PYTEST_DISABLE_PLUGIN_AUTOLOAD",
    "PYTHONWARNINGS",
    "PYTHONDEVMODE",
    "COVERAGE_PROCESS_START",
    "PYTHONDONTWRITEBYTECODE",  # the warm-up runs write the bytecode caches
)


class BenchmarkError(Exception):
    """A pytest run or a check of the set-up failed: the benchmark's figures would lie."""


class Config(NamedTuple):
    key: str
    label: str
    args: tuple[str, ...]
    env: tuple[tuple[str, str], ...] = ()
    memory: bool = True  # one process: its peak RSS is the suite's (not so with -n)


class Sample(NamedTuple):
    seconds: float
    max_rss: int | None  # bytes; None where the platform does not tell
    cpu: float | None  # user + system seconds of the process and the children it waited for


# -- the generated suite -------------------------------------------------------------------

PROJECT = '''\
"""The project under test: small functions, two of them deprecated by the project itself."""

import warnings

FLAG = False


def add(a, b):
    return a + b


def slugify(text):
    return "-".join(text.lower().split())


def new_thing():
    return 1


def old_thing():
    warnings.warn("old_thing() is deprecated, use new_thing()", DeprecationWarning, stacklevel=2)
    return new_thing()


def pending_thing():
    warnings.warn("pending_thing() will go away", PendingDeprecationWarning, stacklevel=2)
    return 2


def parse(text):
    import json  # a function-level import, as project code often has

    return json.loads(text)
'''

CONFTEST = """\
import os
import sys

import pytest

# The "+N modules" configurations: many more modules in sys.modules during the tests.
for _index in range(int(os.environ.get("BENCH_EXTRA_MODULES") or 0)):
    __import__("benchmods.m%04d" % _index)


def pytest_report_header(config):
    return "benchsuite: %d modules in sys.modules" % len(sys.modules)


@pytest.fixture(scope="session")
def numbers():
    return tuple(range(100))
"""

# Loaded with -p for the "catalog x2" configurations; see its docstring.
CATALOG_PLUGIN = '''\
"""Doubles the catalog of pytest-removed-apis: one synthetic entry per real one.

Loaded with ``-p benchcatalog``: it adds the synthetic entries through the plugin's own
hook, ``pytest_removed_apis_add_entries``, as a project or a library would (every kind but
``behaviour``, which needs code of its own and which the hook refuses).

Each synthetic entry copies a real one (kind, qualname, aspect, versions) onto a module of
its own, ``benchfake_mod_<n>``, with a warning text of its own where the real one has a
text.  So that the plugin has as much to watch and hide as for the real entries, the
modules of name, method, attribute and parameter entries are created (in memory, outside
the standard library) and imported, holding the names the entries remove; the modules of
``module`` entries are left missing, like a removed module, and ``behaviour`` entries have
nothing to act on.  BENCH_CATALOG_REPORT names a file that receives what was replaced.
"""

import dataclasses
import json
import os
import sys
import types

import pytest_removed_apis.plugin  # noqa: F401 - imports every module that holds a copy
from pytest_removed_apis import catalog

_original = catalog.CATALOG
_HERE = os.path.dirname(os.path.abspath(__file__))


def _fake(index, entry):
    module = "benchfake_mod_%d" % index
    name = "%s.%s" % (module, entry.qualname) if entry.qualname else module
    return dataclasses.replace(
        entry,
        id="%s:%s" % (name, entry.aspect) if entry.aspect else name,
        module=module,
        warning=r"benchfake_mod_%d is deprecated" % index if entry.warning else None,
    )


def _function(*args, **kwargs):
    return None


def _value(kind, name):
    if kind == "class":
        return type(name, (), {})
    if kind == "attribute":
        return 0
    return types.FunctionType(_function.__code__, {}, name)


def _module_of(entry):
    module = types.ModuleType(entry.module)
    module.__file__ = os.path.join(_HERE, "benchfakes", entry.module + ".py")
    *path, name = entry.qualname.split(".")
    owner = module
    for part in path:
        setattr(owner, part, type(part, (), {}))
        owner = getattr(owner, part)
    setattr(owner, name, _value(entry.kind, name))
    return module


FAKES = tuple(_fake(index, entry) for index, entry in enumerate(_original))
_modules = 0
for _entry in FAKES:
    if _entry.kind not in ("module", "behaviour") and _entry.qualname:
        sys.modules[_entry.module] = _module_of(_entry)
        _modules += 1

ADDED = tuple(entry for entry in FAKES if entry.kind != "behaviour")


def pytest_removed_apis_add_entries(config):
    return list(ADDED)


if os.environ.get("BENCH_CATALOG_REPORT"):
    _fakes = [
        {"id": e.id, "kind": e.kind, "module": e.module, "qualname": e.qualname,
         "removed_in": e.removed_in, "warning": e.warning}
        for e in ADDED
    ]
    with open(os.environ["BENCH_CATALOG_REPORT"], "w") as _report:
        json.dump(
            {"size": len(_original) + len(ADDED), "modules": _modules, "fakes": _fakes},
            _report,
        )
'''

# Uses a synthetic entry, to prove that the plugin's detector sees the doubled catalog.
FAKE_USE_TEST = """\
import warnings


def test_uses_a_synthetic_entry():
    warnings.warn("{text}", DeprecationWarning)
"""

# Under --simulate-312, proves that the simulation hides a synthetic entry's name.
FAKE_HIDDEN_TEST = """\
import {module}


def test_a_synthetic_name_is_hidden():
    assert not hasattr({module}, "{name}")
"""


def _plain_file(number: int, count: int) -> str:
    lines = ['"""Plain test functions and a test class."""', "", "import benchproj", ""]
    in_class = count // 5
    for index in range(count - in_class):
        name = f"test_plain_{number}_{index}"
        variant = index % 4
        if variant == 0:
            body = [f"    assert benchproj.add({index}, {number}) == {index + number}"]
        elif variant == 1:
            body = [f'    assert benchproj.slugify("Item {index} Name") == "item-{index}-name"']
        elif variant == 2:
            body = ["    import json", "", f'    assert json.loads("[{index}]") == [{index}]']
        else:
            body = [f'    assert benchproj.parse("{{\\"n\\": {index}}}") == {{"n": {index}}}']
        lines += ["", f"def {name}():", *body, ""]
    lines += ["", f"class TestGroup{number}:", "    base = 7"]
    for index in range(in_class):
        lines += [
            "",
            f"    def test_method_{index}(self):",
            f"        assert benchproj.add(self.base, {index}) == {7 + index}",
        ]
    return "\n".join(lines) + "\n"


def _param_file(number: int, count: int) -> str:
    lines = ['"""Parametrized tests."""', "", "import pytest", "", "import benchproj", ""]
    index = 0
    while count > 0:
        size = min(10, count)
        count -= size
        if index % 2 == 0:
            lines += [
                "",
                f'@pytest.mark.parametrize("value", range({size}))',
                f"def test_param_{number}_{index}(value):",
                "    assert benchproj.add(value, value) == 2 * value",
                "",
            ]
        else:
            cases = ", ".join(
                f'pytest.param("Word {case}", "word-{case}", id="w{case}")' for case in range(size)
            )
            lines += [
                "",
                f'@pytest.mark.parametrize(("text", "expected"), [{cases}])',
                f"def test_slug_{number}_{index}(text, expected):",
                "    assert benchproj.slugify(text) == expected",
                "",
            ]
        index += 1
    return "\n".join(lines) + "\n"


def _unittest_file(number: int, count: int) -> str:
    lines = ['"""unittest.TestCase methods."""', "", "import unittest", "", "import benchproj", ""]
    klass = 0
    while count > 0:
        size = min(10, count)
        count -= size
        lines += [
            "",
            f"class TestUnit{number}x{klass}(unittest.TestCase):",
            "    @classmethod",
            "    def setUpClass(cls):",
            "        cls.base = 10",
            "",
            "    def setUp(self):",
            "        self.items = [1, 2, 3]",
            "",
            "    def tearDown(self):",
            "        self.items = None",
        ]
        for index in range(size):
            lines += [
                "",
                f"    def test_method_{index}(self):",
                f"        self.assertEqual(benchproj.add(self.base, {index}), {10 + index})",
                "        self.assertIn(2, self.items)",
                "        self.assertTrue(self.items)",
            ]
        lines.append("")
        klass += 1
    return "\n".join(lines) + "\n"


def _fixture_file(number: int, count: int) -> str:
    lines = [
        '"""Tests using function- and module-scoped fixtures."""',
        "",
        "import pytest",
        "",
        "import benchproj",
        "",
        "",
        '@pytest.fixture(scope="module")',
        "def table():",
        '    return {"rows": list(range(20))}',
        "",
        "",
        "@pytest.fixture",
        "def row(table):",
        '    value = table["rows"][3]',
        "    yield value",
        '    assert table["rows"][3] == value',
        "",
    ]
    for index in range(count):
        variant = index % 3
        if variant == 0:
            lines += ["", f"def test_fixture_{number}_{index}(row, table):"]
            lines += ['    assert row == 3 and len(table["rows"]) == 20', ""]
        elif variant == 1:
            lines += ["", f"def test_session_{number}_{index}(row, numbers):"]
            lines += [f"    assert numbers[{index % 100}] == {index % 100} and row == 3", ""]
        else:
            lines += ["", f"def test_monkeypatch_{number}_{index}(monkeypatch):"]
            lines += [
                '    monkeypatch.setattr(benchproj, "FLAG", True)',
                "    assert benchproj.FLAG",
            ]
            lines.append("")
    return "\n".join(lines) + "\n"


def _warn_file(number: int, count: int) -> str:
    lines = [
        '"""Tests that meet DeprecationWarnings which are not about removed APIs."""',
        "",
        "import warnings",
        "",
        "import pytest",
        "",
        "import benchproj",
        "",
    ]
    for index in range(count):
        name = f"test_warn_{number}_{index}"
        variant = index % 5
        if variant == 0:  # caught by pytest.warns
            body = [
                '    with pytest.warns(DeprecationWarning, match="old_thing"):',
                "        assert benchproj.old_thing() == 1",
            ]
        elif variant == 1:  # not caught: it reaches pytest's warnings summary
            body = ["    assert benchproj.old_thing() == 1"]
        elif variant == 2:  # silenced by the test
            body = [
                "    with warnings.catch_warnings():",
                '        warnings.simplefilter("ignore", DeprecationWarning)',
                "        assert benchproj.old_thing() == 1",
            ]
        elif variant == 3:  # emitted by the test itself
            body = [
                f'    warnings.warn("setting {index} is deprecated", DeprecationWarning)',
                "    assert True",
            ]
        else:
            body = [
                "    with pytest.deprecated_call():",
                "        assert benchproj.pending_thing() == 2",
            ]
        lines += ["", f"def {name}():", *body, ""]
    return "\n".join(lines) + "\n"


WRITERS = {
    "plain": _plain_file,
    "param": _param_file,
    "unittest": _unittest_file,
    "fixture": _fixture_file,
    "warn": _warn_file,
}


def suite_plan(tests: int) -> dict[str, int]:
    """How many tests of each kind a suite of ``tests`` tests has."""
    plan = {kind: int(tests * share) for kind, share in SHARES}
    plan["plain"] += tests - sum(plan.values())
    return plan


def _write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def write_suite(root: str, tests: int, modules: int) -> dict[str, int]:
    """The suite under ``root``: ``tests/``, the project it tests, the extra modules and
    the catalog-doubling plugin.  Returns the plan."""
    plan = suite_plan(tests)
    _write(os.path.join(root, "pytest.ini"), "[pytest]\ntestpaths = tests\n")
    _write(os.path.join(root, "conftest.py"), CONFTEST)
    _write(os.path.join(root, "benchproj", "__init__.py"), PROJECT)
    _write(os.path.join(root, "benchcatalog.py"), CATALOG_PLUGIN)
    _write(os.path.join(root, "benchmods", "__init__.py"), "")
    for index in range(modules):
        source = f"VALUE = {index}\n\n\ndef value():\n    return VALUE\n"
        _write(os.path.join(root, "benchmods", f"m{index:04d}.py"), source)
    for kind, count in plan.items():
        number = 0
        while count > 0:
            size = min(TESTS_PER_FILE, count)
            count -= size
            path = os.path.join(root, "tests", f"test_{kind}_{number:03d}.py")
            _write(path, WRITERS[kind](number, size))
            number += 1
    return plan


# -- running pytest ------------------------------------------------------------------------


def child_env(root: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in DROPPED_ENV}
    # The suite's folder first: benchproj, benchmods and the -p benchcatalog plugin.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))
    return env


def _exit_code(status: int) -> int:
    if hasattr(os, "waitstatus_to_exitcode"):  # 3.9+
        return int(os.waitstatus_to_exitcode(status))
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def run(
    args: list[str], root: str, env: dict[str, str], log: str, expect: int = 0
) -> tuple[Sample, str]:
    """Run ``python args`` in ``root`` with its output in ``log``; its wall time, its peak
    RSS in bytes (where the platform tells) and its output.  Raises when the exit code is
    not ``expect``."""
    command = [sys.executable, *args]
    with open(log, "wb") as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            if hasattr(os, "wait4"):
                _, status, usage = os.wait4(process.pid, 0)
                seconds = time.perf_counter() - start
                process.returncode = _exit_code(status)
                scale = 1 if sys.platform == "darwin" else 1024  # bytes there, KiB elsewhere
                max_rss: int | None = usage.ru_maxrss * scale
                cpu: float | None = usage.ru_utime + usage.ru_stime
            else:  # Windows
                process.wait()
                seconds = time.perf_counter() - start
                max_rss = cpu = None
        except BaseException:
            process.kill()
            process.wait()
            raise
    with open(log, encoding="utf-8", errors="replace") as output:
        text = output.read()
    if process.returncode != expect:
        tail = "\n".join(text.splitlines()[-40:])
        raise BenchmarkError(
            f"exit code {process.returncode} (expected {expect}) from\n"
            f"  cd {root} && {' '.join(command)}\n--- last lines of its output ---\n{tail}"
        )
    return Sample(seconds, max_rss, cpu), text


def pytest_args(config: Config) -> list[str]:
    return ["-m", "pytest", "-p", "no:cacheprovider", "-q", *config.args]


def header_value(text: str, pattern: str, what: str) -> str:
    found = re.search(pattern, text, re.MULTILINE)
    if found is None:
        raise BenchmarkError(f"could not find {what} in the output:\n{text[-3000:]}")
    return found.group(1)


# -- checks of the set-up ------------------------------------------------------------------


class SetUp(NamedTuple):
    info: list[str]
    xdist: bool


def check_set_up(root: str, env: dict[str, str], modules: int, work: str) -> SetUp:
    """Prove that each configuration measures what it says: the plugin is active, the
    catalog really is doubled for the plugin's every part, the extra modules are there."""
    log = os.path.join(work, "check.log")
    probe = (
        "import sys, pytest, pytest_removed_apis as p\n"
        "try:\n    import xdist\nexcept ImportError:\n    xdist = None\n"
        "print(p.__file__)\nprint(pytest.__version__)\n"
        "print(getattr(xdist, '__version__', '') if xdist else '')\n"
    )
    _, text = run(["-c", probe], root, env, log)
    location, pytest_version, xdist_version = (text.splitlines() + ["", "", ""])[:3]
    info = [
        f"python {platform.python_version()} ({platform.python_implementation()}) on "
        f"{platform.system()}, {os.cpu_count()} CPUs; pytest {pytest_version}; "
        f"pytest-xdist {xdist_version or 'not installed'}",
        f"plugin: {os.path.dirname(location)}",
    ]
    first = os.path.join("tests", "test_plain_000.py")
    collect = ["-m", "pytest", "-p", "no:cacheprovider", "--collect-only", first]
    _, text = run(collect, root, env, log)
    pattern = r"^removed-apis: catalog of (\d+) APIs"
    catalog = int(header_value(text, pattern, "the plugin's header"))
    info.append(header_value(text, r"^(removed-apis: .*)$", "the header"))
    _, off = run([*collect, *PLUGIN_OFF], root, env, log)
    if "removed-apis:" in off:
        raise BenchmarkError("-p no:removed_apis did not switch the plugin off")

    _, text = run([*collect, *SIMULATE], root, env, log)
    info.append(header_value(text, r"^(removed-apis: simulating.*)$", "the header"))
    hidden = None
    if sys.version_info < (3, 12):
        hidden = int(header_value(text, r"(\d+) removed APIs hidden", "the simulation header"))

    # The doubled catalog (less the behaviour entries, which the hook refuses): the header,
    # an allow list naming a synthetic entry (an unknown name is a usage error), the
    # simulation's header, a test using a synthetic entry failing (what the detector
    # watches) and a synthetic name gone under the simulation (what it hides).
    report = os.path.join(work, "catalog.json")
    doubled_env = dict(env, BENCH_CATALOG_REPORT=report)
    with_catalog = [*collect, "-p", "benchcatalog"]
    _, text = run(with_catalog, root, doubled_env, log)
    with open(report, encoding="utf-8") as handle:
        doubled = json.load(handle)
    size = int(header_value(text, pattern, "the header"))
    added = len(doubled["fakes"])
    if size != catalog + added or doubled["size"] != size:
        raise BenchmarkError(f"the catalog was not extended: {catalog} -> {size} entries")
    fake = doubled["fakes"][0]["id"]
    run([*with_catalog, f"--removed-apis-allow={fake}"], root, doubled_env, log)
    if hidden is not None:
        _, text = run([*with_catalog, *SIMULATE], root, doubled_env, log)
        count = int(header_value(text, r"(\d+) removed APIs hidden", "the simulation header"))
        more = sum(entry["removed_in"] == "3.12" for entry in doubled["fakes"])
        if count != hidden + more:
            raise BenchmarkError(f"the simulation did not see the doubled catalog: {count}")
    running = sys.version_info[:2]
    usable = [
        entry
        for entry in doubled["fakes"]
        if entry["kind"] == "module"
        and entry["warning"]
        and tuple(map(int, entry["removed_in"].split("."))) > running
    ]
    if usable:
        source = FAKE_USE_TEST.format(text=usable[0]["warning"])  # the regex is plain text
        _write(os.path.join(root, "check", "test_fake_use.py"), source)
        use = ["-m", "pytest", "-p", "no:cacheprovider", "-p", "benchcatalog"]
        use += ["--removed-apis-target=3.13", os.path.join("check", "test_fake_use.py")]
        _, text = run(use, root, doubled_env, log, expect=1)
        if usable[0]["id"] not in text:
            raise BenchmarkError(f"the detector did not report {usable[0]['id']}:\n{text}")
    hideable = [
        entry
        for entry in doubled["fakes"]
        if entry["kind"] in ("function", "class", "attribute", "alias")
        and "." not in entry["qualname"]
        and entry["removed_in"] == "3.12"
    ]
    checked = ["header", "allow list"]
    if hidden is not None:
        checked.append("simulation header")
    if usable:
        checked.append(f"use of {usable[0]['id']} fails")
    if hidden is not None and hideable:
        module, name = hideable[0]["module"], hideable[0]["qualname"]
        source = FAKE_HIDDEN_TEST.format(module=module, name=name)
        _write(os.path.join(root, "check", "test_fake_hidden.py"), source)
        use = ["-m", "pytest", "-p", "no:cacheprovider", "-p", "benchcatalog", *SIMULATE]
        run([*use, os.path.join("check", "test_fake_hidden.py")], root, doubled_env, log)
        checked.append(f"{module}.{name} hidden by the simulation")
    info.append(
        f"catalog x2: {size} entries ({added} added through pytest_removed_apis_add_entries), "
        f"{doubled['modules']} synthetic modules imported"
    )
    info.append(f"catalog x2 checked: {'; '.join(checked)}")

    _, text = run(collect, root, env, log)
    before = int(header_value(text, r"benchsuite: (\d+) modules", "the suite's header"))
    _, text = run(collect, root, dict(env, BENCH_EXTRA_MODULES=str(modules)), log)
    after = int(header_value(text, r"benchsuite: (\d+) modules", "the suite's header"))
    if after - before < modules:
        raise BenchmarkError(f"sys.modules grew by {after - before}, not {modules}")
    info.append(f"+{modules} modules: sys.modules holds {after} instead of {before} modules")
    return SetUp(info, bool(xdist_version))


# -- the measurements ----------------------------------------------------------------------


def configurations(modules: int, xdist: bool) -> list[Config]:
    extra = (("BENCH_EXTRA_MODULES", str(modules)),)
    doubled = ("-p", "benchcatalog")
    configs = [
        Config("plain", "plain (-p no:removed_apis)", PLUGIN_OFF),
        Config("default", "default mode", ()),
        Config("simulate", "--simulate-312", SIMULATE),
        Config("default_catalog", "default mode, catalog x2", doubled),
        Config("simulate_catalog", "--simulate-312, catalog x2", (*doubled, *SIMULATE)),
        Config("plain_modules", f"plain, +{modules} modules", PLUGIN_OFF, extra),
        Config("default_modules", f"default mode, +{modules} modules", (), extra),
        Config("simulate_modules", f"--simulate-312, +{modules} modules", SIMULATE, extra),
    ]
    if xdist:
        configs += [
            Config("xdist_plain", "-n 2, plain", ("-n", "2", *PLUGIN_OFF), memory=False),
            Config("xdist_default", "-n 2, default mode", ("-n", "2"), memory=False),
        ]
    return configs


def measure(
    configs: list[Config], rounds: int, root: str, env: dict[str, str], work: str
) -> dict[str, list[Sample]]:
    samples: dict[str, list[Sample]] = {config.key: [] for config in configs}
    envs = {config.key: dict(env, **dict(config.env)) for config in configs}
    log = os.path.join(work, "run.log")
    print(f"warming up ({len(configs)} configurations)...", file=sys.stderr, flush=True)
    for config in configs:  # writes the bytecode caches; checks every run passes
        run(pytest_args(config), root, envs[config.key], log)
    for number in range(rounds):
        shift = number % len(configs)  # a different order each round
        for config in configs[shift:] + configs[:shift]:
            sample, _ = run(pytest_args(config), root, envs[config.key], log)
            samples[config.key].append(sample)
        print(f"round {number + 1}/{rounds} done", file=sys.stderr, flush=True)
    return samples


def import_times(samples: int, root: str, env: dict[str, str], work: str) -> list[float]:
    """Milliseconds to import the plugin in a fresh interpreter that has pytest already."""
    code = (
        "import time, pytest\n"
        "start = time.perf_counter()\n"
        "import pytest_removed_apis.plugin\n"
        "print(time.perf_counter() - start)\n"
    )
    log = os.path.join(work, "import.log")
    times = []
    for _ in range(samples):
        _, text = run(["-c", code], root, env, log)
        times.append(float(text.split()[-1]) * 1000)
    return times


# -- the report ----------------------------------------------------------------------------


class Row(NamedTuple):
    cells: tuple[str, ...]  # the configuration or measure first, then its figures
    budget: str
    verdict: str  # "PASS", "FAIL" or ""


class Table(NamedTuple):
    title: str
    columns: tuple[str, ...]
    rows: list[Row]


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def _median(samples: list[Sample]) -> float:
    return statistics.median(sample.seconds for sample in samples)


def _median_cpu(samples: list[Sample]) -> float | None:
    values = [sample.cpu for sample in samples if sample.cpu is not None]
    return statistics.median(values) if values else None


def _rss_mb(samples: list[Sample]) -> float | None:
    values = [sample.max_rss for sample in samples if sample.max_rss is not None]
    return statistics.median(values) / 2**20 if values else None


def analyse(
    configs: list[Config], samples: dict[str, list[Sample]], imports: list[float], tests: int
) -> tuple[list[Table], dict[str, Any]]:
    labels = {config.key: config.label for config in configs}
    median = {key: _median(values) for key, values in samples.items()}
    least = {key: min(sample.seconds for sample in values) for key, values in samples.items()}
    cpu = {key: _median_cpu(values) for key, values in samples.items()}
    if sys.version_info >= (3, 12):
        labels["simulate"] += " (3.12+: nothing to hide)"

    def spread(key: str) -> str:
        values = [sample.seconds for sample in samples[key]]
        return f"±{(max(values) - min(values)) / 2 / median[key] * 100:.1f}%"

    def cpu_ratio(key: str, base: str) -> float | None:
        mine, reference = cpu[key], cpu[base]
        ratio = None if mine is None or reference is None else mine / reference
        cpu_ratios[key] = ratio
        return ratio

    def shown(ratio: float | None) -> str:
        return "" if ratio is None else f"x{ratio:.3f}"

    ratios: dict[str, float] = {}
    ratios_of_minima: dict[str, float] = {}
    cpu_ratios: dict[str, float | None] = {}
    columns = ("configuration", "median", "spread", "ratio", "min ratio", "cpu", "cpu ratio")
    wall = Table("wall time", columns, [])
    pairs = [
        ("plain", "plain", None),
        ("default", "plain", DEFAULT_BUDGET),
        ("simulate", "plain", SIMULATE_BUDGET),
        ("xdist_plain", "xdist_plain", None),
        ("xdist_default", "xdist_plain", DEFAULT_BUDGET),
    ]
    for key, base, budget in pairs:
        if key not in samples:
            continue
        ratio = ratios[key] = median[key] / median[base]
        by_min = ratios_of_minima[key] = least[key] / least[base]
        cells = (
            labels[key],
            f"{median[key]:.3f} s",
            spread(key),
            f"x{ratio:.3f}",
            f"x{by_min:.3f}",
            "" if cpu[key] is None else f"{cpu[key]:.3f} s",
            shown(cpu_ratio(key, base)),
        )
        if budget is None:
            wall.rows.append(Row(cells, "", ""))
        else:
            wall.rows.append(Row(cells, f"<= x{budget:.2f}", _verdict(ratio <= budget)))

    columns = ("configuration (plugin on / off)", "ratio", "cost per test", "vs unscaled")
    scaling = Table("scaling", (*columns, "min ratio", "cpu ratio", "cpu vs unscaled"), [])
    for mode in ("default", "simulate"):
        unscaled = median[mode] / median["plain"]
        unscaled_cpu = cpu_ratios.get(mode)
        per_test = (median[mode] - median["plain"]) / tests * 1e6
        by_min = least[mode] / least["plain"]
        cells = (
            labels[mode],
            f"x{unscaled:.3f}",
            f"{per_test:+.1f} us",
            "",
            f"x{by_min:.3f}",
            shown(unscaled_cpu),
            "",
        )
        scaling.rows.append(Row(cells, "", ""))
        for scale, base in (("catalog", "plain"), ("modules", "plain_modules")):
            key = f"{mode}_{scale}"
            ratio = ratios[key] = median[key] / median[base]
            by_min = ratios_of_minima[key] = least[key] / least[base]
            per_test = (median[key] - median[base]) / tests * 1e6
            scaled_cpu = cpu_ratio(key, base)
            cells = (
                labels[key],
                f"x{ratio:.3f}",
                f"{per_test:+.1f} us",
                f"{ratio - unscaled:+.3f}",
                f"x{by_min:.3f}",
                shown(scaled_cpu),
                ""
                if scaled_cpu is None or unscaled_cpu is None
                else f"{scaled_cpu - unscaled_cpu:+.3f}",
            )
            budget = f"<= +{SCALING_TOLERANCE:.2f}"
            scaling.rows.append(
                Row(cells, budget, _verdict(ratio - unscaled <= SCALING_TOLERANCE))
            )

    other = Table("import and memory", ("measure", "value", "detail"), [])
    import_ms = statistics.median(imports)
    detail = f"min {min(imports):.1f}, max {max(imports):.1f} over {len(imports)} processes"
    other.rows.append(
        Row(
            ("plugin import, after pytest", f"{import_ms:.1f} ms", detail),
            f"< {IMPORT_BUDGET_MS:.0f} ms",
            _verdict(import_ms < IMPORT_BUDGET_MS),
        )
    )
    memory = {c.key: _rss_mb(samples[c.key]) if c.memory else None for c in configs}
    for key in ("default", "simulate"):
        value, plain = memory.get(key), memory.get("plain")
        if value is None or plain is None:
            continue
        other.rows.append(
            Row(
                (f"peak RSS, {labels[key]}", f"{value - plain:+.1f} MB", f"{value:.1f} MB"),
                f"<= +{MEMORY_BUDGET_MB:.0f} MB",
                _verdict(value - plain <= MEMORY_BUDGET_MB),
            )
        )
    if memory.get("plain") is not None:
        other.rows.append(Row(("peak RSS, plain", "", f"{memory['plain']:.1f} MB"), "", ""))
    figures = {
        "median_seconds": median,
        "seconds": {key: [sample.seconds for sample in values] for key, values in samples.items()},
        "min_seconds": least,
        "ratios": ratios,
        "ratios_of_minima": ratios_of_minima,
        "median_cpu_seconds": cpu,
        "cpu_ratios": cpu_ratios,
        "max_rss_mb": memory,
        "import_ms": imports,
        "import_ms_median": import_ms,
    }
    return [wall, scaling, other], figures


def render(table: Table) -> list[str]:
    header = Row(table.columns, "budget", "")
    rows = [header, *table.rows]
    count = len(table.columns) + 1
    widths = [
        max(len((*row.cells, row.budget)[column]) for row in rows) for column in range(count)
    ]
    lines = ["", table.title]
    for row in rows:
        cells = (*row.cells, row.budget)
        text = [cells[0].ljust(widths[0])]
        text += [cell.rjust(width) for cell, width in zip(cells[1:-1], widths[1:-1])]
        text += [cells[-1].ljust(widths[-1]), row.verdict]
        lines.append(("  " + "  ".join(text)).rstrip())
    return lines


# -- main ----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Measure the wall time, import time and memory pytest-removed-apis adds "
        "to a generated suite of fast tests, with the interpreter running this script."
    )
    parser.add_argument("--tests", type=int, help="tests in the suite (default 3000)")
    parser.add_argument("--rounds", type=int, help="runs of each configuration (default 7)")
    parser.add_argument(
        "--modules", type=int, help="extra modules of the sys.modules scaling (default 1000)"
    )
    parser.add_argument(
        "--imports", type=int, help="fresh processes timing the plugin's import (default 15)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a small, fast smoke run: 300 tests, 2 rounds, 200 modules, 5 import samples",
    )
    parser.add_argument("--json", metavar="PATH", help="also write the figures to PATH")
    parser.add_argument(
        "--check", action="store_true", help="exit with status 1 when a figure misses its budget"
    )
    parser.add_argument(
        "--suite-dir",
        metavar="PATH",
        help="write the suite into PATH (a new or empty folder) and keep it, e.g. to profile",
    )
    parser.add_argument(
        "--generate-only",
        action="store_true",
        help="with --suite-dir: write the suite, say how to run it, and measure nothing",
    )
    options = parser.parse_args(argv)
    if options.generate_only and not options.suite_dir:
        parser.error("--generate-only needs --suite-dir")
    defaults = (300, 2, 200, 5) if options.quick else (3000, 7, 1000, 15)
    for name, default in zip(("tests", "rounds", "modules", "imports"), defaults):
        if getattr(options, name) is None:
            setattr(options, name, default)
        if getattr(options, name) < 1:
            parser.error(f"--{name} must be at least 1")
    return options


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    if options.suite_dir and os.path.isdir(options.suite_dir) and os.listdir(options.suite_dir):
        print(f"error: {options.suite_dir} is not empty", file=sys.stderr)
        return 2
    work = tempfile.mkdtemp(prefix="removed-apis-bench-")
    root = os.path.abspath(options.suite_dir) if options.suite_dir else os.path.join(work, "suite")
    try:
        plan = write_suite(root, options.tests, options.modules)
        env = child_env(root)
        if options.generate_only:
            print(f"wrote {options.tests} tests ({plan}) to {root}; run them with")
            print(f"  cd {root} && PYTHONPATH={env['PYTHONPATH']} {sys.executable} -m pytest")
            print("adding -p no:removed_apis, --simulate-312, -p benchcatalog (catalog x2) or")
            print(f"BENCH_EXTRA_MODULES={options.modules} in the environment (+modules)")
            return 0
        set_up = check_set_up(root, env, options.modules, work)
        configs = configurations(options.modules, set_up.xdist)
        samples = measure(configs, options.rounds, root, env, work)
        imports = import_times(options.imports, root, env, work)
    except BenchmarkError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(work, ignore_errors=True)
    tables, figures = analyse(configs, samples, imports, options.tests)
    kinds = ", ".join(f"{count} {kind}" for kind, count in plan.items())
    lines = ["pytest-removed-apis benchmark", *(f"  {line}" for line in set_up.info)]
    lines.append(
        f"  suite: {options.tests} tests ({kinds}); {options.rounds} rounds, medians; "
        "spread is half the range"
    )
    if not set_up.xdist:
        lines.append("  pytest-xdist is not importable: the -n 2 configurations are skipped")
    data = {
        "python": platform.python_version(),
        "setup": set_up.info,
        "tests": options.tests,
        "plan": plan,
        "rounds": options.rounds,
        "modules": options.modules,
        **figures,
    }
    return finish(lines, tables, data, options.json, options.check)


def finish(
    lines: list[str], tables: list[Table], data: dict[str, Any], path: str | None, check: bool
) -> int:
    """Print the lines and the tables with what missed its budget, write the JSON (``data``
    and the tables) to ``path`` if given; the exit status."""
    rows = [row for table in tables for row in table.rows]
    for table in tables:
        lines = [*lines, *render(table)]
    missed = [row.cells[0] for row in rows if row.verdict == "FAIL"]
    lines += ["", f"budgets missed: {'; '.join(missed)}" if missed else "every budget met"]
    print("\n".join(lines))
    if path:
        data = {
            **data,
            "tables": [
                {
                    "title": table.title,
                    "rows": [
                        {
                            **dict(zip(table.columns, row.cells)),
                            "budget": row.budget,
                            "verdict": row.verdict,
                        }
                        for row in table.rows
                    ],
                }
                for table in tables
            ],
        }
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2)
            handle.write("\n")
    return 1 if check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
