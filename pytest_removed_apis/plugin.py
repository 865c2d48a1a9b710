"""The pytest11 entry point ``removed_apis``: hook implementations, thin wiring only."""

from __future__ import annotations

import collections.abc
import dataclasses
import functools
import sys
from types import FrameType
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Generator,
    Iterable,
    Iterator,
    Sequence,
    Tuple,
    TypeVar,
)

import pytest

from pytest_removed_apis import catalog, hookspecs
from pytest_removed_apis.catalog import Entry
from pytest_removed_apis.findings import Finding, Phase, Wire, from_wire, to_wire
from pytest_removed_apis.intercept.behaviours import Behaviours
from pytest_removed_apis.intercept.capture import Reclassify, Recorder, Started, unreachable
from pytest_removed_apis.intercept.classify import Classifier, Origins, is_runner
from pytest_removed_apis.intercept.imports import ImportWatch
from pytest_removed_apis.intercept.names import AttributeWatch
from pytest_removed_apis.intercept.policy import Record
from pytest_removed_apis.report import texts as reporting
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
    resolve_selectors,
)

if TYPE_CHECKING:  # imported when a run needs them: a simulation, coverage, findings
    from _pytest.nodes import Node  # an item's parents, which pytest does not export

    from pytest_removed_apis.intercept.simulate import Simulation
    from pytest_removed_apis.report.summary import Tally
    from pytest_removed_apis.scan.blindspots import StaticUse, StaticUses

_GROUP_TITLE = "removed standard-library APIs (pytest-removed-apis)"
_CATALOG_HELP = (
    "show the catalog of removed APIs (id, kind, removal version, replacement) and exit."
)
_MARKER_DOC = (
    "allow_removed(*apis): allow uses of removed APIs in this test; with no arguments every "
    "catalogued API, otherwise only the given catalog ids, dotted names, module prefixes or kinds."
)
_ALLOWED = pytest.StashKey["frozenset[str] | None"]()  # on a test with markers
_MARKERS_READ = pytest.StashKey[bool]()  # on the config: every test's markers were read
_SIMULATION = pytest.StashKey["Simulation"]()
_ORIGINS = Origins()  # which distribution holds a file: read once, when first asked
_NONE: frozenset[str] = frozenset()
_STALE = object()  # the classify hook's implementations, to be looked up again


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


_DETECTOR = "removed_apis_detector"
_SIMULATOR = "removed_apis_simulator"


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
        simulator = Simulator.start(settings, rootdir)
        if simulator is not None:
            early_config.pluginmanager.register(simulator, _SIMULATOR)
        if settings.mode == "off" or settings.nothing_to_find:
            return (yield)
        detector = Detector(
            settings,
            rootdir,
            functools.partial(_reclassifier, early_config),
            functools.partial(ReportMaker.needed, early_config),
        )
        early_config.pluginmanager.register(detector, _DETECTOR)
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
    for name in (_DETECTOR, _SIMULATOR):
        plugin = config.pluginmanager.get_plugin(name)
        if plugin is not None:
            plugin.pytest_unconfigure()
            config.pluginmanager.unregister(plugin)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", _MARKER_DOC)
    try:
        settings = from_config(config, entries=effective_catalog(config))
    except SettingsError as error:
        raise pytest.UsageError(str(error)) from None
    config.stash[SETTINGS_KEY] = settings
    _start(config, settings)
    _start_reports(config, settings)


def _start(config: pytest.Config, settings: Settings) -> None:
    """Start the simulation and the detector, unless pytest_load_initial_conftests did.
    What it started knew the catalog alone: entries added since mean a new start."""
    manager = config.pluginmanager
    early: list[Finding] = []
    if len(settings.entries) > len(catalog.CATALOG):
        started = manager.get_plugin(_DETECTOR)
        early = started.early if isinstance(started, Detector) else []
        _stop(config)
    rootdir = str(config.rootpath)
    if not manager.has_plugin(_SIMULATOR):
        simulator = Simulator.start(settings, rootdir)
        if simulator is not None:
            manager.register(simulator, _SIMULATOR)
    watching = settings.mode != "off" and not settings.nothing_to_find
    if watching and not manager.has_plugin(_DETECTOR):
        detector = Detector(
            settings,
            rootdir,
            functools.partial(_reclassifier, config),
            functools.partial(ReportMaker.needed, config),
        )
        detector.early = early  # what the conftest files did while imported
        manager.register(detector, _DETECTOR)
    if (watching or manager.has_plugin(_SIMULATOR)) and not manager.has_plugin(_CHILDREN):
        _start_children(config, settings, rootdir)


_CHILDREN = "removed_apis_children"


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
    running = manager.get_plugin(_DETECTOR) or manager.get_plugin(_SIMULATOR)
    item = getattr(running, "item", None)  # none while collecting
    return _NONE if item is None else item.stash.get(_ALLOWED, _NONE)


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
    from pytest_removed_apis.intercept.simulate import Simulation

    settings = config.stash[SETTINGS_KEY]
    release = settings.simulated_version or settings.target_version
    simulation = Simulation(settings.not_allowed(), release, str(config.rootpath))
    item = request.node
    item.stash[_SIMULATION] = simulation
    if not config.pluginmanager.has_plugin(_FIXTURE_UNDO):
        config.pluginmanager.register(FixtureUndo(), _FIXTURE_UNDO)
    ReportMaker.needed(config)
    simulation.install()
    simulation.reset(_visible(item, simulation))
    yield simulation
    # Undone by FixtureUndo.pytest_runtest_teardown, once every fixture (monkeypatch too)
    # is done.


_FIXTURE_UNDO = "removed_apis_fixture_undo"


class FixtureUndo:
    """Ends the ``simulate_python`` fixture's simulation after the test's teardown;
    registered by the first use of the fixture."""

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_runtest_teardown(self, item: pytest.Item) -> Generator[None, None, None]:
        try:
            return (yield)
        finally:
            simulation = item.stash.get(_SIMULATION, None)
            if simulation is not None and simulation is not _session_simulation(item.config):
                simulation.uninstall()


_REPORT_MAKER = "removed_apis_report_maker"


class ReportMaker:
    """Puts a test's findings on its reports, and explains failures under simulation.
    Registered by the first phase with findings, and by every simulation."""

    @staticmethod
    def needed(config: pytest.Config) -> None:
        if not config.pluginmanager.has_plugin(_REPORT_MAKER):
            config.pluginmanager.register(ReportMaker(), _REPORT_MAKER)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        manager = item.config.pluginmanager
        detector = manager.get_plugin(_DETECTOR)
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
            simulation = item.stash.get(_SIMULATION, None) or _session_simulation(item.config)
            if simulation is not None:
                explained = _explained(simulation, call.excinfo.value, call.when, item.nodeid)
                for finding in explained:
                    text = reporting.property_text(finding)
                    report.user_properties.append(("removed_api", text))
                found = [*found, *explained]
        return _attach(item.config, report, found) if found else report


_AnyReport = TypeVar("_AnyReport", pytest.TestReport, pytest.CollectReport)


def _attach(config: pytest.Config, report: _AnyReport, found: Sequence[Finding]) -> _AnyReport:
    """Put findings on a report; from the first on, what reads them on reports listens."""
    reports = config.pluginmanager.get_plugin(_REPORTS)
    if isinstance(reports, Reports):
        _listen(config, reports)
    return reporting.apply(report, found)


def _listen(config: pytest.Config, reports: Reports) -> None:
    if not config.pluginmanager.has_plugin(_LISTENER):
        config.pluginmanager.register(Listener(reports), _LISTENER)


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
    if _MARKERS_READ in item.config.stash:
        allowed = item.stash.get(_ALLOWED, _NONE)
    else:
        allowed = _marker_allowed(item)
    return frozenset(entry.id for entry in simulation.entries) if allowed is None else allowed


class Simulator:
    """``--simulate-312``: the simulation from the first conftest.py to the end of the run,
    put back to its starting state around every test."""

    def __init__(self, simulation: Simulation) -> None:
        self.simulation = simulation
        self.item: pytest.Item | None = None  # the test that runs
        self._clean = False  # put back after the last test (nothing ran since)

    @classmethod
    def start(cls, settings: Settings, rootdir: str) -> Simulator | None:
        release = settings.simulated_version
        if release is None:
            return None
        from pytest_removed_apis.intercept.simulate import Simulation

        simulation = Simulation(settings.not_allowed(), release, rootdir)
        if simulation.nothing_to_hide:
            return None
        simulation.install()
        return cls(simulation)

    def pytest_configure(self, config: pytest.Config) -> None:
        ReportMaker.needed(config)  # failures are explained from the first test on

    def pytest_unconfigure(self) -> None:
        self.simulation.uninstall()

    # Plain implementations rather than a wrapper around the protocol, which costs several
    # times as much for every test: pytest 8 calls logfinish at the end of every protocol.
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> None:
        self.item = item
        visible = _visible(item, self.simulation)
        if visible or not self._clean:  # collection, or another plugin, came before
            self.simulation.reset(visible)
        self._clean = False

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_logfinish(self) -> None:
        self.simulation.reset()
        self._clean = True

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_make_collect_report(
        self, collector: pytest.Collector
    ) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
        """A collection error is explained as a test's failure is."""
        report = yield
        call = report.__dict__.get("call")  # pytest keeps the CallInfo there for a moment
        excinfo = getattr(call, "excinfo", None)
        if excinfo is None:
            return report
        found = _explained(self.simulation, excinfo.value, "collect", collector.nodeid)
        return _attach(collector.config, report, found) if found else report


class Detector:
    """Default mode: watches every test, collection step and import, and fails the tests
    that use APIs."""

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
            Classifier([entry for entry in watched if not AttributeWatch.covers(entry)]),
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
        """Read every test's ``allow_removed`` markers; only a test that has some (or is in
        a class or module that has) keeps what they allow, so that the many without cost
        two look-ups here and nothing on their stash."""
        known: dict[Node, _Marks] = {}
        for item in items:
            marks = known.get(item.parent)  # type: ignore[arg-type]
            if marks is None:
                marks = _allow_marks(item.parent, known)
            if marks or item.own_markers:
                allowed = _marker_allowed(item, known)
                if allowed != _NONE:
                    item.stash[_ALLOWED] = allowed
                    self._allowed[item] = allowed
        config.stash[_MARKERS_READ] = True

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
        allowed = self._allowed.get(item, _NONE) if self._allowed else _NONE
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
        allowed = self._allowed.get(item, _NONE) if self._allowed else _NONE
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
        found, started = self.recorder.start("collect", collector.nodeid, _NONE)
        try:
            report = yield
        finally:
            self.recorder.stop(started)
        return _attach(collector.config, report, found) if found else report


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


_Marks = Tuple[pytest.Mark, ...]


def _allow_marks(node: Node | None, known: dict[Node, _Marks]) -> _Marks:
    """The ``allow_removed`` markers of a node and of the nodes it is in; ``known`` keeps
    those of the nodes asked for, so that the tests of a class or module share them."""
    if node is None:
        return ()
    marks = known.get(node)
    if marks is None:
        own = tuple(mark for mark in node.own_markers if mark.name == "allow_removed")
        marks = known[node] = own + _allow_marks(node.parent, known)
    return marks


def _marker_allowed(
    item: pytest.Item, known: dict[Node, _Marks] | None = None
) -> frozenset[str] | None:
    """What the item's ``allow_removed`` markers allow; ``None`` allows everything."""
    marks = _allow_marks(item.parent, {} if known is None else known)
    if item.own_markers:
        marks = tuple(mark for mark in item.own_markers if mark.name == "allow_removed") + marks
    if not marks:
        return _NONE
    allowed: set[str] = set()
    for mark in marks:
        if not mark.args:
            return None
        source = f"@pytest.mark.allow_removed on {item.nodeid}"
        entries = item.config.stash[SETTINGS_KEY].entries
        try:
            allowed |= resolve_selectors([str(arg) for arg in mark.args], source, entries)
        except SettingsError as error:
            raise pytest.UsageError(str(error)) from None
    return frozenset(allowed)


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


_REPORTS = "removed_apis_reports"
_XDIST = "removed_apis_xdist"


def _start_reports(config: pytest.Config, settings: Settings) -> None:
    """The summary and the JSON report where the output goes (one process, or the xdist
    controller); a worker sends its collection findings there."""
    detector = config.pluginmanager.get_plugin(_DETECTOR)
    early = [to_wire(finding) for finding in detector.early] if detector else []
    if hasattr(config, "workerinput") or config.pluginmanager.hasplugin("xdist"):
        from pytest_removed_apis.report import xdist as _xdist  # under xdist only
    if hasattr(config, "workerinput"):
        measure = functools.partial(_measuring, config, settings)
        config.pluginmanager.register(_xdist.Worker(config, early, measure), _XDIST)
        return
    reports = Reports(config, settings, _report_path(config))
    config.pluginmanager.register(reports, _REPORTS)
    reports.add(early)
    if config.pluginmanager.hasplugin("xdist"):
        listen = functools.partial(_listen, config, reports)
        controller = _xdist.Controller(reports.add, reports.add_static, listen)
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


_LISTENER = "removed_apis_listener"


class Listener:
    """Reads the findings on reports: into the tally, and into the outcome's category.
    Registered when the first report gets findings, or on the xdist controller when the
    first worker is up (a run without findings never calls it)."""

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
