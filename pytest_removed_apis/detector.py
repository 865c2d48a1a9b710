"""Default mode during a run: every test, collection step and import is watched, and the
uses found go on the reports of the tests that made them."""

from __future__ import annotations

import dataclasses
import sys
from types import FrameType
from typing import Callable, Generator, Sequence

import pytest

from pytest_removed_apis.catalog import Entry
from pytest_removed_apis.findings import Finding, Phase
from pytest_removed_apis.intercept.behaviours import WARNED_AT_EVERY_CALL, Behaviours
from pytest_removed_apis.intercept.capture import Reclassify, Recorder, Started, unreachable
from pytest_removed_apis.intercept.classify import Classifier, Origins, is_runner
from pytest_removed_apis.intercept.imports import ImportWatch
from pytest_removed_apis.intercept.names import AttributeWatch
from pytest_removed_apis.intercept.policy import Record
from pytest_removed_apis.marks import NONE, read_all
from pytest_removed_apis.report.session import attach
from pytest_removed_apis.settings import Settings

_STALE = object()  # the classify hook's implementations, to be looked up again


class Detector:
    """Default mode: watches every test, collection step and import, and fails the tests
    that use APIs."""

    NAME = "removed_apis_detector"

    def __init__(
        self,
        settings: Settings,
        rootdir: str,
        reclassifier: Callable[[], Reclassify | None],
        on_finding: Callable[[], None] | None = None,
    ) -> None:
        """``reclassifier`` finds what has the last word on warnings; asked again only
        after a plugin was registered.  ``on_finding`` is called after each finding."""
        self.settings = settings
        self._find_reclassifier = reclassifier
        self.reclassify: object = _STALE
        self._allowed: dict[pytest.Item, frozenset[str] | None] = {}  # those with markers
        self.item: pytest.Item | None = None
        self.found: dict[Phase, list[Finding]] = {}
        self._running: Started | None = None  # what ends the watch of the test that runs
        target = settings.target_version
        watched = settings.watched()
        # Access to a removed name is seen where it happens (intercept/names.py), which is where
        # a feature check or a fallback decides; its warning, later and elsewhere, is not.
        self.recorder = Recorder(
            settings,
            Classifier(
                [
                    entry
                    for entry in watched
                    if not AttributeWatch.covers(entry) and entry.id not in WARNED_AT_EVERY_CALL
                ]
            ),
            Origins(),
            lambda filename, lineno, entry, cause: unreachable(
                filename, lineno, entry, target, cause
            ),
            rootdir,
            self._reclassifier,
            on_finding,
        )
        self.recorder.wider = _wider_fixture
        self._entries: dict[str, Entry] | None = None  # by id, once a fixture's are shared
        self.attributes = AttributeWatch(watched, self.recorder.notify)
        self.behaviours = Behaviours(
            watched, Record(self.recorder.notify, self.recorder.break_when_imported)
        )
        self.behaviours.install()
        self.early: list[Finding] = []
        """The findings made while the first conftest.py files were imported."""
        self._modules_seen = -1
        self._last_module: str | None = None
        self._deferred = False
        self.refresh()
        self.imports = ImportWatch(
            watched,
            self.recorder.notify,
            self.refresh,
            self.attributes.expect,
            self.recorder.broken,
            self.behaviours.modules,
        )
        self.imports.install()

    def refresh(self) -> int:
        """Watch the catalogued modules imported since the last call; the number of
        modules then, or -1 while one is left half-imported (to be looked at again)."""
        if len(sys.modules) != self._modules_seen or self._deferred:
            self._modules_seen = len(sys.modules)
            self._last_module = next(reversed(sys.modules.keys()), None)
            deferred = self.attributes.refresh()
            self._deferred = self.behaviours.refresh() or deferred
        return -1 if self._deferred else self._modules_seen

    def pytest_unconfigure(self) -> None:
        self._end()
        self.recorder.watch.release()
        self.behaviours.uninstall()
        self.imports.uninstall()
        self.attributes.uninstall()
        self.recorder.broken.uninstall()

    def pytest_plugin_registered(self) -> None:
        self.reclassify = _STALE  # a classify implementation may have come

    def _reclassifier(self) -> Reclassify | None:
        if self.reclassify is _STALE:
            self.reclassify = self._find_reclassifier()
        return self.reclassify  # type: ignore[return-value]

    @pytest.hookimpl(trylast=True)  # the final list: other plugins add and drop tests
    def pytest_collection_modifyitems(
        self, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        self._allowed = read_all(config, items)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> None:
        """Watch the test from its setup to its teardown: from here, inside pytest's own
        capture of the test's warnings (made once for all its phases since pytest 8), to
        the start of the next test, or the end of the run.  Between two tests no phase
        runs, so a use there is none (``Recorder``), and pytest's capture has already taken
        the filter and the hook away.  One plain implementation: a wrapper costs several
        times as much for every test, and a second implementation to end the watch, in
        ``pytest_runtest_logfinish``, about half as much again as the rest of the watch."""
        if self._running is not None:
            self._end()
        # A module may have gone and another come since the last import statement: the
        # count is the same, the last one added is not.
        if next(reversed(sys.modules.keys()), None) != self._last_module:
            self._modules_seen = -1
        self.refresh()
        self.item = item
        allowed = self._allowed.get(item, NONE) if self._allowed else NONE
        self.found, self._running = self.recorder.start_test(item, allowed)

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self) -> None:
        self._end()  # the last test's watch, before the hooks that close the session

    def _end(self) -> None:
        running, self._running = self._running, None
        if running is not None:
            self.recorder.stop(running)

    def findings(self, item: pytest.Item, phase: Phase) -> Sequence[Finding]:
        """The findings of a phase of the test that runs; in its setup, also those of the
        wider-scoped fixtures it uses that an earlier test set up."""
        found = self.found.get(phase, ()) if item is self.item else ()
        if phase == "setup" and self.recorder.scoped:
            found = [*found, *self._shared(item)]
        return found

    def _shared(self, item: pytest.Item) -> list[Finding]:
        """``setUpClass``, a class, module or session fixture used a removed API while an
        earlier test was set up: on the newer release it fails, and so does the setup of
        every test that uses it."""
        allowed = self._allowed.get(item, NONE) if self._allowed else NONE
        entries = self._entries
        if entries is None:  # made once, for the first test that shares a fixture's
            entries = self._entries = {entry.id: entry for entry in self.settings.entries}
        shared: list[Finding] = []
        for fixture, findings in self.recorder.scoped.items():
            name, base = getattr(fixture, "argname", ""), getattr(fixture, "baseid", "")
            if name not in getattr(item, "fixturenames", ()) or not item.nodeid.startswith(base):
                continue
            for finding in findings:
                if finding.nodeid != item.nodeid:
                    status = self.recorder.status(entries[finding.api], finding.origin, allowed)
                    shared.append(dataclasses.replace(finding, nodeid=item.nodeid, status=status))
        return shared

    @pytest.hookimpl(wrapper=True)
    def pytest_make_collect_report(
        self, collector: pytest.Collector
    ) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
        found, started = self.recorder.start("collect", collector.nodeid, NONE)
        try:
            report = yield
        finally:
            self.recorder.stop(started)
        return attach(collector.config, report, found) if found else report


def _wider_fixture() -> object | None:
    """The fixture being set up, found on the stack (pytest's ``pytest_fixture_setup``),
    when its scope is wider than a test's (``setUpClass`` is a class fixture)."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and not (
        frame.f_code.co_name == "pytest_fixture_setup" and is_runner(frame.f_code.co_filename)
    ):
        frame = frame.f_back
    fixture = None if frame is None else frame.f_locals.get("fixturedef")
    return fixture if getattr(fixture, "scope", "function") != "function" else None
