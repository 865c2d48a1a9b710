"""The pytest11 entry point ``removed_apis``: hook implementations, thin wiring only."""

from __future__ import annotations

import functools
import sys
from typing import Dict, Generator, Iterator, List

import pytest

from pytest_removed_apis import catalog, reporting
from pytest_removed_apis.capture import Recorder, unreachable
from pytest_removed_apis.classify import Classifier, Origins
from pytest_removed_apis.findings import Finding, Phase
from pytest_removed_apis.instrument import (
    AttributeWatch,
    BehaviourWatch,
    ImportWatch,
    ParameterWatch,
)
from pytest_removed_apis.settings import (
    ALLOW_HELP,
    MODE_HELP,
    SETTINGS_KEY,
    SIMULATE_HELP,
    TARGET_HELP,
    THIRD_PARTY_HELP,
    Settings,
    SettingsError,
    from_config,
    resolve_selectors,
)
from pytest_removed_apis.simulate import Simulation

_GROUP_TITLE = "removed standard-library APIs (pytest-removed-apis)"
_CATALOG_HELP = (
    "show the catalog of removed APIs (id, kind, removal version, replacement) and exit."
)
_MARKER_DOC = (
    "allow_removed(*apis): allow uses of removed APIs in this test; with no arguments every "
    "catalogued API, otherwise only the given catalog ids, dotted names, module prefixes or kinds."
)
_FINDINGS = pytest.StashKey[Dict[str, List[Finding]]]()  # noqa: UP006 - evaluated on 3.8
_ALLOWED = pytest.StashKey["frozenset[str] | None"]()
_SIMULATION = pytest.StashKey[Simulation]()
_ORIGINS = Origins()  # which distribution holds a file: read once, when first asked


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
    parser.addini("removed_apis_mode", MODE_HELP, default="fail")
    parser.addini("removed_apis_target", TARGET_HELP, default="3.12")
    parser.addini("removed_apis_allow", ALLOW_HELP, type="linelist", default=[])
    parser.addini("removed_apis_third_party", THIRD_PARTY_HELP, default="fail")


_DETECTOR = "removed_apis_detector"
_SIMULATOR = "removed_apis_simulator"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_load_initial_conftests(
    early_config: pytest.Config, parser: pytest.Parser, args: list[str]
) -> Generator[None, None, None]:
    """Simulate and watch from the first conftest.py on: a use while it is imported stops
    the run, as an import error in a conftest.py does on the newer release."""
    try:
        settings = from_config(early_config, early_config.known_args_namespace)
    except SettingsError:
        return (yield)  # reported, as a usage error, by pytest_configure
    rootdir = str(early_config.rootpath)
    early_config.add_cleanup(functools.partial(_stop_unconfigured, early_config))
    try:
        simulator = Simulator.start(settings, rootdir)
        if simulator is not None:
            early_config.pluginmanager.register(simulator, _SIMULATOR)
        if settings.mode == "off" or settings.nothing_to_find:
            return (yield)
        detector = Detector(settings, rootdir)
        early_config.pluginmanager.register(detector, _DETECTOR)
        with detector.recorder.recording("collect", "conftest.py", frozenset()) as found:
            result = yield
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
    if SETTINGS_KEY in config.stash:
        return  # configured: pytest_unconfigure is the plugins' end
    for name in (_DETECTOR, _SIMULATOR):
        plugin = config.pluginmanager.get_plugin(name)
        if plugin is not None:
            plugin.pytest_unconfigure()
            config.pluginmanager.unregister(plugin)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", _MARKER_DOC)
    try:
        settings = from_config(config)
    except SettingsError as error:
        raise pytest.UsageError(str(error)) from None
    config.stash[SETTINGS_KEY] = settings
    if not config.pluginmanager.has_plugin(_SIMULATOR):
        simulator = Simulator.start(settings, str(config.rootpath))
        if simulator is not None:
            config.pluginmanager.register(simulator, _SIMULATOR)
    watching = settings.mode != "off" and not settings.nothing_to_find
    if watching and not config.pluginmanager.has_plugin(_DETECTOR):
        detector = Detector(settings, str(config.rootpath))
        config.pluginmanager.register(detector, _DETECTOR)


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> int | None:
    if not config.option.removed_apis_catalog:
        return None
    print("\n".join(reporting.catalog_lines(catalog.CATALOG)))
    return 0


def pytest_report_header(config: pytest.Config) -> list[str]:
    settings = config.stash[SETTINGS_KEY]
    lines = [reporting.header_line(catalog.CATALOG, settings)]
    if settings.simulate is not None:
        simulator = config.pluginmanager.get_plugin(_SIMULATOR)
        hidden = simulator.simulation if isinstance(simulator, Simulator) else None
        lines.append(reporting.simulation_line(settings, hidden))
    return lines


@pytest.fixture
def simulate_python(request: pytest.FixtureRequest) -> Iterator[Simulation]:
    """This test runs under a simulated newer Python (``--simulate-python``'s release, or
    else the target release): removed modules, names, parameters and behaviours are gone
    and the project's code sees that release's ``sys.version_info``.  The module was
    imported before: use ``--simulate-312`` to simulate its import too."""
    config = request.config
    simulator = config.pluginmanager.get_plugin(_SIMULATOR)
    if isinstance(simulator, Simulator):
        yield simulator.simulation  # the whole run is simulated already
        return
    settings = config.stash[SETTINGS_KEY]
    release = settings.simulated_version or settings.target_version
    entries = [entry for entry in catalog.CATALOG if entry.id not in settings.allowed]
    simulation = Simulation(entries, release, str(config.rootpath))
    item = request.node
    item.stash[_SIMULATION] = simulation
    simulation.install()
    simulation.reset(_visible(item, simulation))
    yield simulation
    # Undone by pytest_runtest_teardown, once every fixture (monkeypatch too) is done.


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, None, None]:
    try:
        return (yield)
    finally:
        simulation = item.stash.get(_SIMULATION, None)
        if simulation is not None and simulation is not _session_simulation(item.config):
            simulation.uninstall()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    found = item.stash.get(_FINDINGS, {}).get(call.when, [])
    for finding in found:
        item.user_properties.append(("removed_api", reporting.property_text(finding)))
    report = yield
    simulation = item.stash.get(_SIMULATION, None)
    # Only a failure is explained: a skip raised while handling a refused import (a
    # fallback that skips) carries that error as its context, yet fails nothing.
    if simulation is not None and call.excinfo is not None and report.failed:
        explained = _explained(simulation, call.excinfo.value, call.when, item.nodeid)
        for finding in explained:
            report.user_properties.append(("removed_api", reporting.property_text(finding)))
        found = [*found, *explained]
    return reporting.apply(report, found) if found or simulation is not None else report


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    report = yield
    simulation = _session_simulation(collector.config)
    call = report.__dict__.get("call")  # pytest keeps the CallInfo there for a moment
    excinfo = getattr(call, "excinfo", None)
    if simulation is None or excinfo is None:
        return report
    found = _explained(simulation, excinfo.value, "collect", collector.nodeid)
    return reporting.apply(report, found) if found else report


@pytest.hookimpl(tryfirst=True)
def pytest_report_teststatus(
    report: pytest.TestReport,
) -> tuple[str, str, tuple[str, dict[str, bool]]] | None:
    if not reporting.failed_by_removed_api(report):
        return None
    # A setup or teardown failure stays an error for pytest's counts, as any other.
    category = "failed" if report.when == "call" else "error"
    return category, "R", ("REMOVED-API", {"red": True})


def _session_simulation(config: pytest.Config) -> Simulation | None:
    simulator = config.pluginmanager.get_plugin(_SIMULATOR)
    return simulator.simulation if isinstance(simulator, Simulator) else None


def _explained(
    simulation: Simulation, error: BaseException, phase: Phase, nodeid: str
) -> list[Finding]:
    """Findings for the removed APIs a failure came from (status ``fail``)."""
    origins = _ORIGINS
    return [
        Finding.of(
            entry,
            filename=filename,
            lineno=lineno,
            phase=phase,
            nodeid=nodeid,
            status="fail",
            origin=origins.of(filename),
        )
        for entry, filename, lineno in simulation.explain(error)
    ]


def _visible(item: pytest.Item, simulation: Simulation) -> frozenset[str]:
    """The ids an ``allow_removed`` marker shows again inside this test."""
    allowed = item.stash[_ALLOWED] if _ALLOWED in item.stash else _marker_allowed(item)
    return frozenset(entry.id for entry in simulation.entries) if allowed is None else allowed


class Simulator:
    """``--simulate-312``: the simulation from the first conftest.py to the end of the run,
    put back to its starting state around every test."""

    def __init__(self, simulation: Simulation) -> None:
        self.simulation = simulation

    @classmethod
    def start(cls, settings: Settings, rootdir: str) -> Simulator | None:
        release = settings.simulated_version
        if release is None:
            return None
        entries = [entry for entry in catalog.CATALOG if entry.id not in settings.allowed]
        simulation = Simulation(entries, release, rootdir)
        if simulation.nothing_to_hide:
            return None
        simulation.install()
        return cls(simulation)

    def pytest_unconfigure(self) -> None:
        self.simulation.uninstall()

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Generator[None, object, object]:
        item.stash[_SIMULATION] = self.simulation
        self.simulation.reset(_visible(item, self.simulation))
        try:
            return (yield)
        finally:
            self.simulation.reset()


class Detector:
    """Default mode: watches every phase and import, and fails the tests that use APIs."""

    def __init__(self, settings: Settings, rootdir: str) -> None:
        self.settings = settings
        target = settings.target_version
        watched = settings.watched()
        # Access to a removed name is seen where it happens (instrument.py), which is where
        # a feature check or a fallback decides; its warning, later and elsewhere, is not.
        self.recorder = Recorder(
            settings,
            Classifier([entry for entry in watched if not AttributeWatch.covers(entry)]),
            Origins(),
            lambda filename, lineno, entry: unreachable(filename, lineno, entry, target),
            rootdir,
        )
        self.attributes = AttributeWatch(watched, self.recorder.notify)
        self.parameters = ParameterWatch(watched, self.recorder.notify)
        self._modules_seen = -1
        self._deferred = False
        self.refresh()
        self.imports = ImportWatch(watched, self.recorder.notify, self.refresh)
        self.imports.install()
        self.behaviours = BehaviourWatch(watched, self.recorder.notify)
        self.behaviours.install()

    def refresh(self) -> None:
        """Watch the catalogued modules imported since the last call.

        It runs after every executed import statement, so it returns at once when no module
        was added since the last look and none was left half-imported then."""
        if len(sys.modules) == self._modules_seen and not self._deferred:
            return
        self._modules_seen = len(sys.modules)
        deferred = self.attributes.refresh()
        self._deferred = self.parameters.refresh() or deferred

    def pytest_unconfigure(self) -> None:
        self.behaviours.uninstall()
        self.imports.uninstall()
        self.parameters.uninstall()
        self.attributes.uninstall()

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            item.stash[_ALLOWED] = _marker_allowed(item)

    @pytest.hookimpl(wrapper=True, trylast=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> Generator[None, None, None]:
        return (yield from self._phase(item, "setup"))

    @pytest.hookimpl(wrapper=True, trylast=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, None, None]:
        return (yield from self._phase(item, "call"))

    @pytest.hookimpl(wrapper=True, trylast=True)
    def pytest_runtest_teardown(self, item: pytest.Item) -> Generator[None, None, None]:
        return (yield from self._phase(item, "teardown"))

    def _phase(self, item: pytest.Item, phase: Phase) -> Generator[None, None, None]:
        self._modules_seen = -1  # modules may have come and gone in equal numbers
        self.refresh()
        allowed = item.stash.get(_ALLOWED, frozenset())
        with self.recorder.recording(phase, item.nodeid, allowed) as found:
            try:
                return (yield)
            finally:
                item.stash.setdefault(_FINDINGS, {})[phase] = found

    @pytest.hookimpl(wrapper=True)
    def pytest_make_collect_report(
        self, collector: pytest.Collector
    ) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
        allowed: frozenset[str] = frozenset()
        with self.recorder.recording("collect", collector.nodeid, allowed) as found:
            report = yield
        return reporting.apply(report, found)


def _marker_allowed(item: pytest.Item) -> frozenset[str] | None:
    """What the item's ``allow_removed`` markers allow; ``None`` allows everything."""
    allowed: set[str] = set()
    for mark in item.iter_markers("allow_removed"):
        if not mark.args:
            return None
        source = f"@pytest.mark.allow_removed on {item.nodeid}"
        try:
            allowed |= resolve_selectors([str(arg) for arg in mark.args], source)
        except SettingsError as error:
            raise pytest.UsageError(str(error)) from None
    return frozenset(allowed)
