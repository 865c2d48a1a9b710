"""Python processes a test starts: watched, or simulated, as the test process is.

A test that runs ``[sys.executable, "-c", ...]`` or ``python -m tool`` starts an
interpreter the plugin is not loaded in, yet on the real release that child fails on a
removed API just the same, and so does the test that waits for it.  The way coverage
reaches subprocesses, the wheel installs ``pytest_removed_apis.pth``, which costs an
interpreter one environment look-up at start-up: only where ``PYTEST_REMOVED_APIS_CHILD``
names a configuration does it call ``start()`` here.

* The test process (``Children``) writes that configuration -- the run's settings, and
  what the running test's markers allow -- and sets the variable for every child, also
  one given an ``env`` of its own.
* A child applies the same simulation (its removed modules and names are gone, so it
  fails as on the real release) and the same watch; at exit it writes what it found, as
  findings of the test that started it (``PYTEST_CURRENT_TEST`` says which, and in which
  phase), with the test process's statuses.
* The test process reads them when it makes that phase's report: the parent's outcome
  rules apply to them as to its own findings.

A child that is itself a pytest run with the plugin stops the child's watch at once: the
plugin there watches its own tests.  Entries added by hooks are not passed on.
"""

from __future__ import annotations

import atexit
import json
import linecache
import os
import shutil
import subprocess
import sys
import tempfile
from typing import Any, Callable, Final

from pytest_removed_apis.findings import Finding, Wire, to_wire

ENVIRONMENT: Final = "PYTEST_REMOVED_APIS_CHILD"
_CONFIGURATION: Final = "configuration.json"
_TEST: Final = "PYTEST_CURRENT_TEST"  # which test, and which phase of it, started a child


class Children:
    """The test process's side: the configuration children read, the environment that
    names it, and the findings they send back."""

    def __init__(
        self,
        configuration: dict[str, Any],
        allowed: Callable[[], frozenset[str] | None],
        on_start: Callable[[], None],
    ) -> None:
        """``configuration``: the run's settings (see ``start``); ``allowed`` tells what
        the running test's markers allow (``None``: every API); ``on_start`` is called
        when a test starts a child."""
        self.folder = tempfile.mkdtemp(prefix="removed-apis-children-")
        self.path = os.path.join(self.folder, _CONFIGURATION)
        self.configuration = configuration
        self.allowed = allowed
        self.on_start = on_start
        self.started = False
        """Whether a child was started since the findings were last read."""
        self._written: object = ()
        self._saved_environment = os.environ.get(ENVIRONMENT)
        self._saved_init = subprocess.Popen.__init__
        self._write(frozenset())
        os.environ[ENVIRONMENT] = self.path
        children = self
        original = self._saved_init

        def __init__(self: subprocess.Popen[Any], *args: Any, **kwargs: Any) -> None:
            children._starting()
            environment = kwargs.get("env")
            if environment is not None and ENVIRONMENT not in environment:
                test = os.environ.get(_TEST, "")
                kwargs["env"] = {_TEST: test, **environment, ENVIRONMENT: children.path}
            original(self, *args, **kwargs)

        subprocess.Popen.__init__ = __init__  # type: ignore[method-assign]

    def _starting(self) -> None:
        allowed = self.allowed()
        if allowed != self._written:
            self._write(allowed)
        if not self.started:
            self.started = True
            self.on_start()

    def _write(self, allowed: frozenset[str] | None) -> None:
        shown = None if allowed is None else sorted(allowed)
        data = {**self.configuration, "allowed_here": shown, "folder": self.folder}
        temporary = self.path + ".new"
        with open(temporary, "w", encoding="utf-8") as stream:
            json.dump(data, stream)
        os.replace(temporary, self.path)
        self._written = allowed

    def collect(self, nodeid: str, phase: str) -> list[Wire]:
        """The findings children of this phase of this test sent (each read once); asked
        only once a child was started."""
        found: list[Wire] = []
        for name in sorted(os.listdir(self.folder)):
            if not name.startswith("found-"):
                continue
            path = os.path.join(self.folder, name)
            with open(path, encoding="utf-8") as stream:
                wires: list[Wire] = json.load(stream)
            os.remove(path)
            found += [w for w in wires if w["nodeid"] == nodeid and w["phase"] == phase]
        if phase == "teardown":
            self.started = False
        return found

    def uninstall(self) -> None:
        subprocess.Popen.__init__ = self._saved_init  # type: ignore[method-assign]
        if self._saved_environment is None:
            os.environ.pop(ENVIRONMENT, None)
        else:
            os.environ[ENVIRONMENT] = self._saved_environment
        shutil.rmtree(self.folder, ignore_errors=True)


class _Child:
    """What a child started: undone when the child turns out to be a pytest run."""

    def __init__(self) -> None:
        self.undo: list[Callable[[], None]] = []
        self.started = False  # site reads the .pth once per site folder: lib64 is lib

    def stop(self) -> None:
        while self.undo:
            self.undo.pop()()


_CHILD = _Child()
"""The child's own watch: process state from before any pytest configuration exists."""


def start() -> None:
    """In a child of a test (from ``pytest_removed_apis.pth``): simulate and watch as the
    test process does, and write the findings at exit."""
    if _CHILD.started:
        return
    _CHILD.started = True
    path = os.environ.get(ENVIRONMENT, "")
    try:
        with open(path, encoding="utf-8") as stream:
            configuration = json.load(stream)
    except (OSError, ValueError):
        return  # the run that started it is over
    test = os.environ.get(_TEST, "").rpartition(" (")[0]
    if test:
        _remember_command()
        _start(configuration, test)


def _remember_command() -> None:
    """The code of ``python -c CODE``, for the guards to read as ``<string>``."""
    arguments = getattr(sys, "orig_argv", None)  # 3.10 and later
    if arguments is None:  # pragma: no cover - 3.8 and 3.9, whose children go unmeasured
        try:
            with open("/proc/self/cmdline", "rb") as stream:
                arguments = [part.decode() for part in stream.read().split(b"\0")]
        except (OSError, UnicodeDecodeError):  # pragma: no cover - not Linux
            return
    if "-c" in arguments[1:-1]:
        code = arguments[arguments.index("-c", 1) + 1]
        lines = [line + "\n" for line in code.split("\n")]
        linecache.cache["<string>"] = (len(code), None, lines, "<string>")


def _start(configuration: dict[str, Any], test: str) -> None:
    from pytest_removed_apis.catalog import CATALOG
    from pytest_removed_apis.detector import Detector
    from pytest_removed_apis.intercept.capture import current_phase
    from pytest_removed_apis.settings import Settings
    from pytest_removed_apis.simulator import Simulator
    from pytest_removed_apis.simulator import explained as found_by

    settings = Settings(
        configuration["mode"],
        configuration["target"],
        frozenset(configuration["allowed"]),
        configuration["third_party"],
        sys.version_info[:2],
        configuration["simulate"],
        CATALOG,
    )
    rootdir = configuration["rootdir"]
    shown = configuration["allowed_here"]
    allowed = None if shown is None else frozenset(shown)
    recorded: list[dict[Any, list[Finding]]] = []
    explained: list[Finding] = []
    simulator = Simulator.start(settings, rootdir)
    if simulator is not None:
        simulation = simulator.simulation
        simulation.reset(
            frozenset(e.id for e in simulation.entries) if allowed is None else allowed
        )
        _CHILD.undo.append(simulation.uninstall)
        previous = sys.excepthook

        def excepthook(kind: Any, error: BaseException, traceback: Any) -> None:
            explained.extend(found_by(simulation, error, current_phase() or "call", test))
            previous(kind, error, traceback)

        sys.excepthook = excepthook
        _CHILD.undo.append(lambda: setattr(sys, "excepthook", previous))
    if settings.mode != "off" and not settings.nothing_to_find:
        detector = Detector(settings, rootdir, lambda: None)
        by_phase, saved = detector.recorder.start_test(_Named(test), allowed)
        recorded.append(by_phase)
        _CHILD.undo.append(detector.pytest_unconfigure)
        _CHILD.undo.append(lambda: detector.recorder.stop(saved))
    atexit.register(_write, configuration["folder"], recorded, explained)


class _Named:
    def __init__(self, nodeid: str) -> None:
        self.nodeid = nodeid


def _write(
    folder: str, recorded: list[dict[Any, list[Finding]]], explained: list[Finding]
) -> None:
    """At the child's exit: what it found, for the test process to read."""
    if not _CHILD.undo:  # a pytest run: its plugin watched
        return
    _CHILD.stop()
    found = [finding for by_phase in recorded for part in by_phase.values() for finding in part]
    wires = [to_wire(finding) for finding in [*found, *explained]]
    if not wires:
        return
    path = os.path.join(folder, f"found-{os.getpid()}.json")
    try:
        with open(path + ".new", "w", encoding="utf-8") as stream:
            json.dump(wires, stream)
        os.replace(path + ".new", path)
    except OSError:  # pragma: no cover - the run that started it is over
        pass


def stop_child() -> None:
    """This process is a pytest run with the plugin: it watches its own tests."""
    _CHILD.stop()
