"""Text the plugin prints: the header line, failure reports and the catalog listing."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Sequence, TypeVar, Union

import pytest

from pytest_removed_apis.catalog import RELEASES, Entry, removal_text, removals_text
from pytest_removed_apis.findings import Finding, to_wire
from pytest_removed_apis.settings import Settings, default_target

if TYPE_CHECKING:  # imported only when a run is simulated
    from pytest_removed_apis.intercept.simulate import Simulation

AnyReport = TypeVar("AnyReport", bound=Union[pytest.TestReport, pytest.CollectReport])


def header_line(entries: Sequence[Entry], settings: Settings) -> str:
    """One line for ``pytest_report_header``: catalog size, mode and target."""
    per_release = Counter(entry.removed_in for entry in entries)
    counts = ", ".join(
        f"{per_release[release]} removed in {release}" for release in _releases(entries)
    )
    running = ".".join(map(str, settings.running))
    if settings.nothing_to_find:
        state = f"nothing to find: every catalogued API is already gone from Python {running}"
    elif settings.mode == "off":
        state = "mode: off (--removed-apis=off)"
    else:
        state = f"mode: {settings.mode}, target: Python {settings.target}"
        if settings.running >= settings.target_version:
            state += " (already the running release: later removals are reported as upcoming)"
        elif settings.target == default_target(settings.running):
            state += f" (the next release after Python {running} with catalogued removals)"
    return f"removed-apis: catalog of {len(entries)} APIs ({counts}); {state}"


def simulation_line(settings: Settings, simulation: Simulation | None) -> str:
    """The header line of ``--simulate-python``: what is hidden, or why nothing is."""
    running = ".".join(map(str, settings.running))
    if simulation is None:
        return (
            f"removed-apis: simulating Python {settings.simulate}: nothing needs hiding, "
            f"Python {running} is running"
        )
    kinds = Counter(entry.kind for entry in simulation.entries)
    counts = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    return (
        f"removed-apis: simulating Python {settings.simulate} on Python {running}: "
        f"{len(simulation.entries)} removed APIs hidden ({counts})"
    )


def _releases(entries: Sequence[Entry]) -> list[str]:
    """The Python releases, then the libraries' releases that removed entries."""
    libraries = {entry.removed_in for entry in entries if not entry.removed_by_python}
    return [*RELEASES, *sorted(libraries)]


def catalog_lines(entries: Sequence[Entry]) -> list[str]:
    """The ``--removed-apis-catalog`` listing, one block per entry, grouped by release."""
    lines: list[str] = []
    for release in _releases(entries):
        chosen = [entry for entry in entries if entry.removed_in == release]
        lines.append(f"removed in {removal_text(release)} ({len(chosen)} APIs)")
        for entry in chosen:
            lines.append(f"  {entry.id}  [{entry.kind}, deprecated in {entry.deprecated_in}]")
            lines.append(f"      use instead: {entry.replacement}")
            lines.append(f"      docs: {entry.doc_url}")
        lines.append("")
    return lines


def property_text(finding: Finding) -> str:
    """The junit property value: the id, then what happened where."""
    return (
        f"{finding.api}: {finding.kind} removed in {removal_text(finding.removed_in)}, "
        f"used at {finding.where}{_chain(finding, ', ')} ({finding.status})"
    )


def _chain(finding: Finding, before: str) -> str:
    return f"{before}{finding.chain_text}" if finding.via else ""


def failure_text(findings: Sequence[Finding]) -> str:
    """The readable failure: each API with kind, removal, use site, replacement and docs."""
    releases = removals_text(finding.removed_in for finding in findings)
    apis = ", ".join(dict.fromkeys(finding.api for finding in findings))
    lines = [f"uses APIs removed in {releases}: {apis}"]
    for finding in findings:
        origin = f" inside {finding.origin} (upgrade it)" if finding.origin else ""
        lines += [
            f"  {finding.api} ({finding.kind}, removed in {removal_text(finding.removed_in)})",
            f"    used at {finding.where}{origin} during {finding.phase} of {finding.nodeid}"
            + _chain(finding, "\n    "),
            f"    use instead: {finding.replacement}",
            f"    docs: {finding.doc_url}",
        ]
    return "\n".join(lines)


def apply(report: AnyReport, findings: Sequence[Finding]) -> AnyReport:
    """Attach the findings to the report; failing ones turn a pass into a failure."""
    earlier = getattr(report, "removed_apis", [])
    report.removed_apis = earlier + [to_wire(finding) for finding in findings]  # type: ignore[union-attr]
    failing = [finding for finding in findings if finding.fails]
    if not failing:
        return report
    text = failure_text(failing)
    # A use before a skip fails on the newer release before the skip is reached; an
    # expected failure stays expected.
    if report.passed or (report.skipped and not hasattr(report, "wasxfail")):
        report.outcome = "failed"
        report.longrepr = text
        if isinstance(report, pytest.CollectReport):
            report.result = []
    elif report.failed:
        report.sections.append(("removed APIs", text))
    return report


def failed_by_removed_api(report: pytest.TestReport) -> bool:
    return report.failed and any(
        finding.get("status") == "fail" for finding in getattr(report, "removed_apis", ())
    )
