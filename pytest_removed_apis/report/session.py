"""The reports of a run, in pytest: findings put on test and collection reports, gathered
from them (and from xdist's workers), and turned into the summary section and the JSON
report at the end."""

from __future__ import annotations

import functools
import sys
from typing import TYPE_CHECKING, Any, Callable, Generator, Iterable, Sequence, TypeVar

import pytest

from pytest_removed_apis import catalog
from pytest_removed_apis.findings import Finding, Wire, to_wire
from pytest_removed_apis.report import texts as reporting
from pytest_removed_apis.settings import Settings

if TYPE_CHECKING:  # imported when a run needs them: coverage, findings
    from pytest_removed_apis.report.summary import Tally
    from pytest_removed_apis.scan.blindspots import StaticUse, StaticUses

_XDIST = "removed_apis_xdist"
_AnyReport = TypeVar("_AnyReport", pytest.TestReport, pytest.CollectReport)


def attach(config: pytest.Config, report: _AnyReport, found: Sequence[Finding]) -> _AnyReport:
    """Put findings on a report; from the first on, what reads them on reports listens."""
    reports = config.pluginmanager.get_plugin(Reports.NAME)
    if isinstance(reports, Reports):
        listen(config, reports)
    return reporting.apply(report, found)


def listen(config: pytest.Config, reports: Reports) -> None:
    if not config.pluginmanager.has_plugin(Listener.NAME):
        config.pluginmanager.register(Listener(reports), Listener.NAME)


def start(config: pytest.Config, settings: Settings, found: Iterable[Finding]) -> None:
    """The summary and the JSON report where the output goes (one process, or the xdist
    controller); a worker sends its collection findings there.  ``found``: the findings
    made while the first conftest.py files were imported."""
    early = [to_wire(finding) for finding in found]
    if hasattr(config, "workerinput") or config.pluginmanager.hasplugin("xdist"):
        from pytest_removed_apis.report import xdist as _xdist  # under xdist only
    if hasattr(config, "workerinput"):
        measure = functools.partial(_measuring, config, settings)
        config.pluginmanager.register(_xdist.Worker(config, early, measure), _XDIST)
        return
    reports = Reports(config, settings, _report_path(config))
    config.pluginmanager.register(reports, Reports.NAME)
    reports.add(early)
    if config.pluginmanager.hasplugin("xdist"):
        listening = functools.partial(listen, config, reports)
        controller = _xdist.Controller(reports.add, reports.add_static, listening)
        config.pluginmanager.register(controller, _XDIST)


def _report_path(config: pytest.Config) -> str | None:
    """``--removed-apis-report``, relative to the invocation directory, or else the ini
    value, relative to the configuration file; checked now, written at the end."""
    path = config.option.removed_apis_report
    folder, source = config.invocation_params.dir, "--removed-apis-report"
    if not path:
        path = str(config.getini("removed_apis_report") or "")
        folder = config.inipath.parent if config.inipath else config.rootpath
        source = "removed_apis_report in the configuration file"
    if not path:
        return None
    from pytest_removed_apis.report import jsonreport

    try:
        return jsonreport.check_path(path, str(folder), source)
    except jsonreport.ReportPathError as error:
        raise pytest.UsageError(str(error)) from None


class Reports:
    """Gathers every finding the reports carry; prints the summary section and writes the
    JSON report at the end."""

    NAME = "removed_apis_reports"

    def __init__(self, config: pytest.Config, settings: Settings, path: str | None) -> None:
        self.config = config
        self.settings = settings
        self.path = path
        self._tally: Tally | None = None
        self.static: StaticUses | None = None

    @property
    def tally(self) -> Tally:
        """Every finding so far (made when the first comes)."""
        if self._tally is None:
            from pytest_removed_apis.report.summary import Tally

            self._tally = Tally()
        return self._tally

    @pytest.hookimpl(wrapper=True, trylast=True)
    def pytest_runtestloop(self) -> Generator[None, object, object]:
        # Inside pytest-cov's wrapper: it stops measuring (and combines) after the tests.
        finish = _measuring(self.config, self.settings)
        try:
            return (yield)
        finally:
            if finish is not None:
                self.add_static(finish())

    def add_static(self, wires: Iterable[Wire]) -> None:
        """Take the static uses one process measured; one that ran anywhere ran."""
        from pytest_removed_apis.scan.blindspots import StaticUses

        if self.static is None:
            self.static = StaticUses()
        self.static.add(wires)

    def add(self, wires: Iterable[Wire]) -> None:
        wires = list(wires)
        if not wires:
            return
        for finding in self.tally.add(wires):
            self.config.hook.pytest_removed_apis_finding(finding=finding, config=self.config)

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self._tally is None and self.static is None:
            return  # nothing to tell
        from pytest_removed_apis.report import summary

        verbosity = self.config.option.verbose
        lines = summary.summary_lines(
            self.tally.findings, self.settings.target, verbosity, self._static_uses()
        )
        if lines:
            terminalreporter.write_sep("=", "removed APIs summary")
        for text, markup in lines:
            terminalreporter.write_line(text, **markup)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if self.path is None:
            return
        from pytest_removed_apis import __version__
        from pytest_removed_apis.report import jsonreport

        data = jsonreport.document(
            self.tally.findings,
            mode=self.settings.mode,
            target=self.settings.target,
            simulated=self.settings.simulate,
            catalog_entries=len(self.settings.entries),
            added_entries=len(self.settings.entries) - len(catalog.CATALOG),
            plugin_version=__version__,
            exitstatus=int(exitstatus),
            static=self._static_uses(),
        )
        try:
            jsonreport.write(self.path, data)
        except OSError as error:  # the folder went away, the disk is full...
            reason = error.strerror or str(error)
            sys.stderr.write(
                f"ERROR: the JSON report could not be written to {self.path}: {reason}\n"
            )
            session.exitstatus = pytest.ExitCode.USAGE_ERROR

    def _static_uses(self) -> list[StaticUse] | None:
        return None if self.static is None else self.static.uses


class Listener:
    """Reads the findings on reports: into the tally, and into the outcome's category.
    Registered when the first report gets findings, or on the xdist controller when the
    first worker is up (a run without findings never calls it)."""

    NAME = "removed_apis_listener"

    def __init__(self, reports: Reports) -> None:
        self.reports = reports

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.reports.add(getattr(report, "removed_apis", ()))

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        self.reports.add(getattr(report, "removed_apis", ()))

    @pytest.hookimpl(tryfirst=True)
    def pytest_report_teststatus(
        self, report: pytest.TestReport
    ) -> tuple[str, str, tuple[str, dict[str, bool]]] | None:
        if not reporting.failed_by_removed_api(report):
            return None
        # A setup or teardown failure stays an error for pytest's counts, as any other.
        category = "failed" if report.when == "call" else "error"
        return category, "R", ("REMOVED-API", {"red": True})


def _measuring(config: pytest.Config, settings: Settings) -> Callable[[], list[Wire]] | None:
    """Before the tests: when coverage measures this process, what finds (after the tests)
    the static uses in the project files it measured, with whether each ran."""
    cov = coverage_measuring()
    if cov is None:
        return None
    from pytest_removed_apis.scan import blindspots

    def finish() -> list[Wire]:
        from pytest_removed_apis.scan import Scanner

        scanner = Scanner(settings.target, settings.not_allowed())
        uses = blindspots.blind_spots(cov, str(config.rootpath), scanner)
        return [blindspots.to_wire(use) for use in uses]

    return finish


def coverage_measuring() -> Any | None:
    """The ``coverage.Coverage`` measuring this process (the latest one started and not yet
    stopped), or ``None``.  Coverage that measures was imported to start, so coverage is
    looked for in ``sys.modules``: a run without it imports nothing to find that out, and
    one where it is merely installed (pytest-cov imports it) no more than this."""
    coverage = sys.modules.get("coverage")
    current = getattr(getattr(coverage, "Coverage", None), "current", None)
    return None if current is None else current()
