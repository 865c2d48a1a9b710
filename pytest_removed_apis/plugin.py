"""The pytest11 entry point ``removed_apis``: hook implementations, thin wiring only.

Default mode's watch of a run is ``detector.Detector``; the simulation's is
``simulator.Simulator``; the reports are ``report.session``."""

from __future__ import annotations

import collections.abc
import functools
import sys
from typing import TYPE_CHECKING, Callable, Generator, Sequence

import pytest

from pytest_removed_apis import catalog, hookspecs
from pytest_removed_apis.catalog import Entry
from pytest_removed_apis.detector import Detector
from pytest_removed_apis.findings import Finding, from_wire
from pytest_removed_apis.intercept.capture import Reclassify
from pytest_removed_apis.marks import MARKER_DOC, NONE, allowed_in
from pytest_removed_apis.report import texts as reporting
from pytest_removed_apis.report.session import attach
from pytest_removed_apis.report.session import start as start_reports
from pytest_removed_apis.settings import (
    ALLOW_HELP,
    MODE_HELP,
    REPORT_HELP,
    SETTINGS_KEY,
    SIMULATE_HELP,
    TARGET_HELP,
    THIRD_PARTY_HELP,
    Settings,
    SettingsError,
    effective_catalog,
    from_config,
)
from pytest_removed_apis.simulator import Simulator, explained, for_test, of_run, of_test

if TYPE_CHECKING:  # imported when a run simulates
    from pytest_removed_apis.intercept.simulate import Simulation

_GROUP_TITLE = "removed standard-library APIs (pytest-removed-apis)"
_CATALOG_HELP = (
    "show the catalog of removed APIs (id, kind, removal version, replacement) and exit."
)
_CHILDREN = "removed_apis_children"


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(hookspecs)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("removed_apis", _GROUP_TITLE)
    group.addoption(
        "--removed-apis-catalog",
        action="store_true",
        dest="removed_apis_catalog",
        default=False,
        help=_CATALOG_HELP,
    )
    group.addoption("--removed-apis", dest="removed_apis_mode", metavar="MODE", help=MODE_HELP)
    group.addoption(
        "--removed-apis-target", dest="removed_apis_target", metavar="X.Y", help=TARGET_HELP
    )
    group.addoption(
        "--removed-apis-allow",
        dest="removed_apis_allow",
        action="append",
        metavar="API",
        help=ALLOW_HELP,
    )
    group.addoption(
        "--removed-apis-third-party",
        dest="removed_apis_third_party",
        metavar="MODE",
        help=THIRD_PARTY_HELP,
    )
    group.addoption(
        "--simulate-312",
        dest="removed_apis_simulate",
        action="store_const",
        const="3.12",
        help="short for --simulate-python 3.12.",
    )
    group.addoption(
        "--simulate-python",
        dest="removed_apis_simulate",
        metavar="X.Y",
        help=SIMULATE_HELP,
    )
    group.addoption(
        "--removed-apis-report",
        dest="removed_apis_report",
        metavar="PATH",
        help=REPORT_HELP,
    )
    parser.addini("removed_apis_mode", MODE_HELP, default="fail")
    parser.addini("removed_apis_target", TARGET_HELP, default="")
    parser.addini("removed_apis_allow", ALLOW_HELP, type="linelist", default=[])
    parser.addini("removed_apis_third_party", THIRD_PARTY_HELP, default="fail")
    parser.addini("removed_apis_report", REPORT_HELP, default="")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_load_initial_conftests(
    early_config: pytest.Config, parser: pytest.Parser, args: list[str]
) -> Generator[None, None, None]:
    """Simulate and watch from the first conftest.py on: a use while it is imported stops
    the run, as an import error in a conftest.py does on the newer release."""
    child = sys.modules.get("pytest_removed_apis.children")
    if child is not None:  # a test's child that is a pytest run: this plugin watches it
        child.stop_child()
    try:
        settings = from_config(early_config, early_config.known_args_namespace, early=True)
    except SettingsError:
        return (yield)  # reported, as a usage error, by pytest_configure
    rootdir = str(early_config.rootpath)
    early_config.add_cleanup(functools.partial(_stop_unconfigured, early_config))
    try:
        running = Simulator.start(settings, rootdir, ReportMaker.needed)
        if running is not None:
            early_config.pluginmanager.register(running, Simulator.NAME)
        if settings.mode == "off" or settings.nothing_to_find:
            return (yield)
        detector = Detector(
            settings,
            rootdir,
            functools.partial(_reclassifier, early_config),
            functools.partial(ReportMaker.needed, early_config),
        )
        early_config.pluginmanager.register(detector, Detector.NAME)
        with detector.recorder.recording("collect", "conftest.py", frozenset()) as found:
            result = yield
        detector.early = found
        failing = [finding for finding in found if finding.fails]
        if failing:
            raise pytest.UsageError(
                "a conftest.py uses removed APIs while it is imported:\n"
                + reporting.failure_text(failing)
            )
    except BaseException:
        _stop_unconfigured(early_config)
        raise
    return result


def _stop_unconfigured(config: pytest.Config) -> None:
    """Undo what started before configuration if pytest never configured the run (a
    conftest that failed, ``--version``, ``--removed-apis-catalog``): it never unconfigures
    it either."""
    if SETTINGS_KEY not in config.stash:  # configured: pytest_unconfigure is their end
        _stop(config)


def _stop(config: pytest.Config) -> None:
    """Take down the detector and the simulation, in the reverse order of their start."""
    for name in (Detector.NAME, Simulator.NAME):
        plugin = config.pluginmanager.get_plugin(name)
        if plugin is not None:
            plugin.pytest_unconfigure()
            config.pluginmanager.unregister(plugin)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER_DOC)
    try:
        settings = from_config(config, entries=effective_catalog(config))
    except SettingsError as error:
        raise pytest.UsageError(str(error)) from None
    config.stash[SETTINGS_KEY] = settings
    _start(config, settings)
    detector = config.pluginmanager.get_plugin(Detector.NAME)
    start_reports(config, settings, detector.early if isinstance(detector, Detector) else ())


def _start(config: pytest.Config, settings: Settings) -> None:
    """Start the simulation and the detector, unless pytest_load_initial_conftests did.
    What it started knew the catalog alone: entries added since mean a new start."""
    manager = config.pluginmanager
    early: list[Finding] = []
    if len(settings.entries) > len(catalog.CATALOG):
        started = manager.get_plugin(Detector.NAME)
        early = started.early if isinstance(started, Detector) else []
        _stop(config)
    rootdir = str(config.rootpath)
    if not manager.has_plugin(Simulator.NAME):
        running = Simulator.start(settings, rootdir, ReportMaker.needed)
        if running is not None:
            manager.register(running, Simulator.NAME)
    watching = settings.mode != "off" and not settings.nothing_to_find
    if watching and not manager.has_plugin(Detector.NAME):
        detector = Detector(
            settings,
            rootdir,
            functools.partial(_reclassifier, config),
            functools.partial(ReportMaker.needed, config),
        )
        detector.early = early  # what the conftest files did while imported
        manager.register(detector, Detector.NAME)
    if (watching or manager.has_plugin(Simulator.NAME)) and not manager.has_plugin(_CHILDREN):
        _start_children(config, settings, rootdir)


def _start_children(config: pytest.Config, settings: Settings, rootdir: str) -> None:
    """Python processes the tests start are watched (or simulated) as this one."""
    from pytest_removed_apis.children import Children

    configuration = {
        "mode": settings.mode,
        "target": settings.target,
        "allowed": sorted(settings.allowed),
        "third_party": settings.third_party,
        "simulate": settings.simulate,
        "rootdir": rootdir,
    }
    children = Children(
        configuration,
        functools.partial(_running_allowed, config),
        functools.partial(ReportMaker.needed, config),
    )
    config.pluginmanager.register(children, _CHILDREN)
    config.add_cleanup(children.uninstall)


def _running_allowed(config: pytest.Config) -> frozenset[str] | None:
    """What the markers of the test that runs allow (``None``: every API)."""
    manager = config.pluginmanager
    running = manager.get_plugin(Detector.NAME) or manager.get_plugin(Simulator.NAME)
    item = getattr(running, "item", None)  # none while collecting
    return NONE if item is None else allowed_in(item)


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> int | None:
    if not config.option.removed_apis_catalog:
        return None
    try:
        entries = effective_catalog(config)
    except SettingsError as error:
        raise pytest.UsageError(str(error)) from None
    print("\n".join(reporting.catalog_lines(entries)))
    return 0


def pytest_report_header(config: pytest.Config) -> list[str]:
    settings = config.stash[SETTINGS_KEY]
    lines = [reporting.header_line(settings.entries, settings)]
    if settings.simulate is not None:
        lines.append(reporting.simulation_line(settings, of_run(config)))
    return lines


@pytest.fixture
def simulate_python(request: pytest.FixtureRequest) -> Simulation:
    """This test runs under a simulated newer Python (``--simulate-python``'s release, or
    else the target release): removed modules, names, parameters and behaviours are gone
    and the project's code sees that release's ``sys.version_info``.  The module was
    imported before: use ``--simulate-312`` to simulate its import too."""
    # A simulation of this test alone ends after its teardown, once every fixture
    # (monkeypatch too) is done: simulator.FixtureUndo.
    return for_test(request.node, ReportMaker.needed)


class ReportMaker:
    """Puts a test's findings on its reports, and explains failures under simulation.
    Registered by the first phase with findings, and by every simulation."""

    NAME = "removed_apis_report_maker"

    @staticmethod
    def needed(config: pytest.Config) -> None:
        if not config.pluginmanager.has_plugin(ReportMaker.NAME):
            config.pluginmanager.register(ReportMaker(), ReportMaker.NAME)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        manager = item.config.pluginmanager
        detector = manager.get_plugin(Detector.NAME)
        found = detector.findings(item, call.when) if isinstance(detector, Detector) else ()
        children = manager.get_plugin(_CHILDREN)
        if children is not None and children.started:  # what the test's children found
            found = [*found, *map(from_wire, children.collect(item.nodeid, call.when))]
        for finding in found:
            item.user_properties.append(("removed_api", reporting.property_text(finding)))
        report = yield
        # Only a failure is explained: a skip raised while handling a refused import (a
        # fallback that skips) carries that error as its context, yet fails nothing.
        if call.excinfo is not None and report.failed:
            simulation = of_test(item)
            if simulation is not None:
                causes = explained(simulation, call.excinfo.value, call.when, item.nodeid)
                for finding in causes:
                    text = reporting.property_text(finding)
                    report.user_properties.append(("removed_api", text))
                found = [*found, *causes]
        return attach(item.config, report, found) if found else report


@pytest.hookimpl(trylast=True)
def pytest_removed_apis_classify(proposed: Sequence[Entry]) -> Sequence[Entry]:
    """The plugin's own answer, asked last: what its classifier found."""
    return proposed


def _reclassifier(config: pytest.Config) -> Reclassify | None:
    """The classify hook as capture calls it; ``None`` while no implementation but the
    plugin's own is registered, so that capture does not go through pluggy at all."""
    hook = config.hook.pytest_removed_apis_classify
    if all(impl.function is pytest_removed_apis_classify for impl in hook.get_hookimpls()):
        return None
    return functools.partial(_classify, hook)


def _classify(
    hook: Callable[..., object],
    message: str,
    category: type[Warning],
    filename: str,
    lineno: int,
    proposed: Sequence[Entry],
) -> Sequence[Entry]:
    answer = hook(
        message=message, category=category, filename=filename, lineno=lineno, proposed=proposed
    )
    if isinstance(answer, collections.abc.Sequence) and not isinstance(answer, str):
        entries = [entry for entry in answer if isinstance(entry, Entry)]
        if len(entries) == len(answer):
            return entries
    raise TypeError(
        f"pytest_removed_apis_classify returned {answer!r:.100} for the warning "
        f"{message!r:.100}; return a list of catalog entries, an empty list or None"
    )
