"""Hooks used only when pytest-xdist is installed: collection findings, worker to controller.

Test reports reach the controller with their findings on them; a collection report does
only when it failed, and then once for all workers.  So each worker sends every finding of
its collection (and of its conftest.py files) in ``workeroutput`` at the end, and the
controller adds them to its tally, where a finding every worker made counts once.

When coverage measures the workers, each one also sends the static uses of the files it
measured, with whether its tests ran them; the controller keeps a use as run when any
worker ran it.
"""

from __future__ import annotations

from typing import Any, Callable, Final, Generator, Iterable

import pytest

from pytest_removed_apis.findings import Wire

_KEY: Final = "removed_apis_collection"
_STATIC: Final = "removed_apis_static"

Add = Callable[[Iterable[Wire]], None]
Measure = Callable[[], "Callable[[], list[Wire]] | None"]


class Worker:
    """On a worker: keeps the collection findings and hands them over at the end."""

    def __init__(self, config: pytest.Config, early: Iterable[Wire], measure: Measure) -> None:
        self.config = config
        self.wires: list[Wire] = list(early)
        self.measure = measure

    @pytest.hookimpl(wrapper=True, trylast=True)
    def pytest_runtestloop(self) -> Generator[None, object, object]:
        finish = self.measure()
        try:
            return (yield)
        finally:
            if finish is not None:
                self.config.workeroutput[_STATIC] = finish()  # type: ignore[attr-defined]

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        self.wires += getattr(report, "removed_apis", ())

    def pytest_sessionfinish(self) -> None:
        self.config.workeroutput[_KEY] = self.wires  # type: ignore[attr-defined]


class Controller:
    """On the controller: takes each worker's collection findings when it goes down."""

    def __init__(self, add: Add, add_static: Add, listen: Callable[[], None]) -> None:
        """``listen`` starts reading the findings on the reports that come in."""
        self.add = add
        self.add_static = add_static
        self.listen = listen

    def pytest_testnodeready(self) -> None:
        self.listen()

    def pytest_testnodedown(self, node: Any, error: object) -> None:
        output = getattr(node, "workeroutput", {})
        self.add(output.get(_KEY, ()))
        if _STATIC in output:
            self.add_static(output[_STATIC])
