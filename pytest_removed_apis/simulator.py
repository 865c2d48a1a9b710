"""The simulation during a run: of the whole run from the first conftest.py on
(``--simulate-python``), or of one test (the ``simulate_python`` fixture); and the findings
that explain a failure it caused."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Generator

import pytest

from pytest_removed_apis.findings import Finding, Phase
from pytest_removed_apis.intercept.classify import Origins
from pytest_removed_apis.marks import allowed_in
from pytest_removed_apis.report.session import attach
from pytest_removed_apis.settings import SETTINGS_KEY, Settings

if TYPE_CHECKING:  # imported when a run simulates
    from pytest_removed_apis.intercept.simulate import Simulation

_ORIGINS = Origins()  # which distribution holds a file: read once, when first asked
_OF_TEST = pytest.StashKey["Simulation"]()  # the fixture's, on its test


class Simulator:
    """``--simulate-312``: the simulation from the first conftest.py to the end of the run,
    put back to its starting state around every test."""

    NAME = "removed_apis_simulator"

    def __init__(
        self, simulation: Simulation, configured: Callable[[pytest.Config], None] | None
    ) -> None:
        """``configured`` is called when pytest configures the run."""
        self.simulation = simulation
        self._configured = configured
        self.item: pytest.Item | None = None  # the test that runs
        self._clean = False  # put back after the last test (nothing ran since)

    @classmethod
    def start(
        cls,
        settings: Settings,
        rootdir: str,
        configured: Callable[[pytest.Config], None] | None = None,
    ) -> Simulator | None:
        release = settings.simulated_version
        if release is None:
            return None
        from pytest_removed_apis.intercept.simulate import Simulation

        simulation = Simulation(settings.not_allowed(), release, rootdir)
        if simulation.nothing_to_hide:
            return None
        simulation.install()
        return cls(simulation, configured)

    def pytest_configure(self, config: pytest.Config) -> None:
        if self._configured is not None:
            self._configured(config)

    def pytest_unconfigure(self) -> None:
        self.simulation.uninstall()

    # Plain implementations rather than a wrapper around the protocol, which costs several
    # times as much for every test: pytest 8 calls logfinish at the end of every protocol.
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> None:
        self.item = item
        shown = visible(item, self.simulation)
        if shown or not self._clean:  # collection, or another plugin, came before
            self.simulation.reset(shown)
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
        found = explained(self.simulation, excinfo.value, "collect", collector.nodeid)
        return attach(collector.config, report, found) if found else report


class FixtureUndo:
    """Ends the ``simulate_python`` fixture's simulation after the test's teardown;
    registered by the first use of the fixture."""

    NAME = "removed_apis_fixture_undo"

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_runtest_teardown(self, item: pytest.Item) -> Generator[None, None, None]:
        try:
            return (yield)
        finally:
            simulation = item.stash.get(_OF_TEST, None)
            if simulation is not None and simulation is not of_run(item.config):
                simulation.uninstall()


def for_test(item: pytest.Item, configured: Callable[[pytest.Config], None]) -> Simulation:
    """The ``simulate_python`` fixture's simulation for one test: the run's, if the whole
    run is simulated, or else one started now and ended after the test's teardown."""
    config = item.config
    running = of_run(config)
    if running is not None:
        return running
    from pytest_removed_apis.intercept.simulate import Simulation

    settings = config.stash[SETTINGS_KEY]
    release = settings.simulated_version or settings.target_version
    simulation = Simulation(settings.not_allowed(), release, str(config.rootpath))
    item.stash[_OF_TEST] = simulation
    if not config.pluginmanager.has_plugin(FixtureUndo.NAME):
        config.pluginmanager.register(FixtureUndo(), FixtureUndo.NAME)
    configured(config)
    simulation.install()
    simulation.reset(visible(item, simulation))
    return simulation


def of_test(item: pytest.Item) -> Simulation | None:
    """The simulation the test ran under, if any."""
    return item.stash.get(_OF_TEST, None) or of_run(item.config)


def of_run(config: pytest.Config) -> Simulation | None:
    """The simulation of the whole run, if there is one."""
    simulator = config.pluginmanager.get_plugin(Simulator.NAME)
    return simulator.simulation if isinstance(simulator, Simulator) else None


def explained(
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


def visible(item: pytest.Item, simulation: Simulation) -> frozenset[str]:
    """The ids an ``allow_removed`` marker shows again inside this test."""
    allowed = allowed_in(item)
    return frozenset(entry.id for entry in simulation.entries) if allowed is None else allowed
