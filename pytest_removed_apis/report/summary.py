"""The run's findings, gathered from the reports, and the summary section made of them.

Pure: no pytest.  ``Tally`` receives the wire dicts carried by test and collection reports
(in one process, or on the pytest-xdist controller) and keeps each finding once; the
rendering functions turn what it holds into lines and a verdict.  Everything is ordered by
test id, never by arrival, so a run with ``-n 4`` prints what a run in one process prints.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import (
    TYPE_CHECKING,
    Callable,
    Dict,
    Final,
    Iterable,
    List,
    Literal,
    Mapping,
    Sequence,
    Tuple,
    TypeVar,
)

from pytest_removed_apis.catalog import KINDS, RELEASES, removal_text, removals_text
from pytest_removed_apis.findings import Finding, Wire, from_wire

if TYPE_CHECKING:  # the scan is imported only when coverage measured the run
    from pytest_removed_apis.scan.blindspots import StaticUse

Part = Literal["fail", "third-party", "collection", "allowed", "upcoming"]
PARTS: Final[tuple[Part, ...]] = ("fail", "third-party", "collection", "allowed", "upcoming")

Markup = Mapping[str, bool]
Line = Tuple[str, Markup]  # noqa: UP006 - evaluated on 3.8
"""A line of text and its terminal markup (``{"red": True}``), as ``write_line`` takes it."""

_PHASES: Final = {"collect": 0, "setup": 1, "call": 2, "teardown": 3}
_SHOWN_TESTS: Final = 10
"""Tests listed per API before the rest is counted per file (``-v`` lists every one)."""
_SHOWN_SITES: Final = 3
_SHOWN_FILES: Final = 5
"""Files named in the line that counts the tests not listed."""
_PLAIN: Final[Markup] = {}
_RED: Final[Markup] = {"red": True}
_RED_BOLD: Final[Markup] = {"red": True, "bold": True}
_YELLOW: Final[Markup] = {"yellow": True}
_GREEN_BOLD: Final[Markup] = {"green": True, "bold": True}
_BOLD: Final[Markup] = {"bold": True}


def part_of(finding: Finding) -> Part:
    """The one part of the summary a finding belongs to."""
    if finding.status == "allowed":
        return "allowed"
    if finding.status == "upcoming":
        return "upcoming"
    if finding.phase == "collect":
        return "collection"
    return "third-party" if finding.origin else "fail"


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """``test_x[2]`` before ``test_x[10]``."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", text) if p)


def order(finding: Finding) -> tuple[object, ...]:
    """The order findings are listed in, whatever order the reports arrived in."""
    return (
        _natural(finding.nodeid),
        _PHASES[finding.phase],
        finding.api,
        finding.filename,
        finding.lineno,
        finding.status,
    )


class Tally:
    """Every finding of the run, each once: reports from several pytest-xdist workers (a
    module every worker imports) or reruns of one test do not multiply them."""

    def __init__(self) -> None:
        self._seen: set[Finding] = set()
        self._findings: list[Finding] = []

    def add(self, wires: Iterable[Wire]) -> list[Finding]:
        """Take the findings of one report; return those not seen before."""
        new: list[Finding] = []
        for wire in wires:
            finding = from_wire(wire)
            if finding not in self._seen:
                self._seen.add(finding)
                new.append(finding)
        self._findings += new
        return new

    @property
    def findings(self) -> list[Finding]:
        return sorted(self._findings, key=order)


@dataclass(frozen=True)
class Verdict:
    """The one-line outcome: how many tests (and test modules) the removals break."""

    __slots__ = (
        "failing_tests",
        "broken_modules",
        "apis",
        "allowed",
        "upcoming",
        "unexecuted",
        "text",
    )

    failing_tests: int
    broken_modules: int
    apis: int
    allowed: int
    upcoming: int
    unexecuted: int
    """Uses the static scan found on lines no test ran (0 without coverage measuring)."""
    text: str


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def verdict(
    findings: Sequence[Finding], target: str, static: Sequence[StaticUse] | None = None
) -> Verdict:
    parts = _by_part(findings)
    breaking = parts["fail"] + parts["third-party"]
    failing = len({finding.nodeid for finding in breaking})
    modules = len({finding.nodeid for finding in parts["collection"]})
    apis = len({finding.api for finding in breaking + parts["collection"]})
    allowed = len(parts["allowed"])
    upcoming = len({finding.api for finding in parts["upcoming"]})
    if failing or modules:
        broken = [f"{_plural(failing, 'test')} will fail"] if failing else []
        broken += [f"{_plural(modules, 'test module')} will not import"] if modules else []
        # A library's removal (an entry added by a hook) is named as it is.
        found = {f.removed_in for f in breaking + parts["collection"]}
        releases = {target for release in found if release in RELEASES} | {
            release for release in found if release not in RELEASES
        }
        text = (
            f"{' and '.join(broken)} on {removals_text(releases)} because of "
            f"{_plural(apis, 'removed API')}"
        )
    else:
        text = f"no test will fail on Python {target} because of a removed API"
    extra = [_plural(allowed, "allowed use")] if allowed else []
    extra += [_plural(upcoming, "upcoming removal")] if upcoming else []
    if extra:
        text += f" ({', '.join(extra)})"
    unexecuted = sum(not use.executed for use in static or ())
    if unexecuted:
        text += f"; {_plural(unexecuted, 'more use')} on lines no test ran"
    return Verdict(failing, modules, apis, allowed, upcoming, unexecuted, text)


def _by_part(findings: Iterable[Finding]) -> dict[Part, list[Finding]]:
    parts: dict[Part, list[Finding]] = {part: [] for part in PARTS}
    for finding in findings:
        parts[part_of(finding)].append(finding)
    return parts


_TITLES: Final[Mapping[Part, str]] = {
    "fail": "used while tests ran",
    "third-party": "inside installed distributions (upgrade them)",
    "collection": "while test modules and conftest.py files were imported",
    "allowed": "allowed (allow_removed marker or allow-list)",
    "upcoming": "upcoming: removed by a later release than the target",
}
_UNITS: Final[Mapping[Part, str]] = {
    "fail": "test",
    "third-party": "test",
    "collection": "module",
    "allowed": "test",
    "upcoming": "test",
}
_API_MARKUP: Final[Mapping[Part, Markup]] = {
    "fail": _RED,
    "third-party": _RED,
    "collection": _RED,
    "allowed": _YELLOW,
    "upcoming": _YELLOW,
}


def summary_lines(
    findings: Sequence[Finding],
    target: str,
    verbosity: int = 0,
    static: Sequence[StaticUse] | None = None,
) -> list[Line]:
    """The body of the summary section; empty when there is nothing to say.

    ``verbosity`` below 0 (``-q``) keeps the per-API lines and the verdict, 0 lists the first
    tests of each API with their use sites, above 0 (``-v``) every use.  ``static`` is what
    the static scan found in the files coverage measured (``None``: nothing measured)."""
    unexecuted = [use for use in static or () if not use.executed]
    if not findings and not unexecuted:
        return []
    lines: list[Line] = []
    parts = _by_part(sorted(findings, key=order))
    for part in PARTS:
        chosen = parts[part]
        if not chosen:
            continue
        lines.append((_TITLES[part], _BOLD))
        groups: Iterable[tuple[str, list[Finding]]]
        if part == "third-party":
            groups = _grouped(chosen, lambda finding: str(finding.origin))
        else:
            groups = _by_kind(chosen)
        for heading, found in groups:
            lines.append((f"  {heading}", _BOLD))
            for api_findings in _grouped(found, lambda finding: finding.api):
                lines += _api_lines(part, api_findings[1], verbosity)
    if unexecuted:
        lines += _blind_spot_lines(unexecuted, len(static or ()), verbosity)
    lines.append(("", _PLAIN))
    shown = verdict(findings, target, static)
    lines.append(
        (shown.text, _RED_BOLD if shown.failing_tests or shown.broken_modules else _GREEN_BOLD)
    )
    return lines


Item = TypeVar("Item", "Finding", "StaticUse")


def _by_kind(items: list[Item]) -> list[tuple[str, list[Item]]]:
    """Grouped by kind, in the catalog's order of kinds."""
    rank: dict[str, int] = {kind: index for index, kind in enumerate(KINDS)}
    groups = _grouped(items, lambda item: item.kind)
    return sorted(groups, key=lambda group: (rank.get(group[0], len(rank)), group[0]))


def _grouped(items: list[Item], key: Callable[[Item], str]) -> list[tuple[str, list[Item]]]:
    """Grouped by ``key``, groups sorted by it, items in their order."""
    groups: Dict[str, List[Item]] = defaultdict(list)  # noqa: UP006 - evaluated on 3.8
    for item in items:
        groups[key(item)].append(item)
    return sorted(groups.items())


def _api_lines(part: Part, findings: list[Finding], verbosity: int) -> list[Line]:
    first = findings[0]
    tests: dict[str, list[Finding]] = {}
    for finding in findings:
        tests.setdefault(finding.nodeid, []).append(finding)
    count = _plural(len(tests), _UNITS[part])
    lines: list[Line] = [
        (
            f"    {first.api}  removed in {removal_text(first.removed_in)}, {count}",
            _API_MARKUP[part],
        )
    ]
    if verbosity < 0:
        return lines
    listed = list(tests.items()) if verbosity > 0 else list(tests.items())[:_SHOWN_TESTS]
    for nodeid, uses in listed:
        lines.append((f"      {nodeid}  {_sites(uses, verbosity)}", _PLAIN))
    rest = list(tests)[len(listed) :]
    if rest:
        per_file: dict[str, int] = {}
        for nodeid in rest:
            path = nodeid.split("::", 1)[0]
            per_file[path] = per_file.get(path, 0) + 1
        files = ", ".join(f"{path} ({n})" for path, n in list(per_file.items())[:_SHOWN_FILES])
        if len(per_file) > _SHOWN_FILES:
            files += f" and {len(per_file) - _SHOWN_FILES} more files"
        lines.append(
            (f"      and {_plural(len(rest), _UNITS[part])} more: {files}; -v lists them", _PLAIN)
        )
    chained = [finding for finding in findings if finding.via]
    if chained:
        importing = len({finding.nodeid for finding in chained})
        importers = f"{_plural(importing, _UNITS[part])} import{'s' if importing == 1 else ''}"
        modules = dict.fromkeys(m for finding in chained for m in str(finding.via).split(" -> "))
        causes = dict.fromkeys(str(finding.cause) for finding in chained)
        lines.append(
            (
                f"      {importers} a module it breaks: {', '.join(modules)} "
                f"(used at {', '.join(causes)})",
                _PLAIN,
            )
        )
    lines.append((f"      use instead: {first.replacement}", _PLAIN))
    lines.append((f"      docs: {first.doc_url}", _PLAIN))
    return lines


def _sites(uses: list[Finding], verbosity: int) -> str:
    sites = list(dict.fromkeys(_site(finding) for finding in uses))
    if verbosity > 0 or len(sites) <= _SHOWN_SITES:
        return "at " + ", ".join(sites)
    return f"at {', '.join(sites[:_SHOWN_SITES])} and {len(sites) - _SHOWN_SITES} more"


def _site(finding: Finding) -> str:
    phase = "" if finding.phase in ("call", "collect") else f" ({finding.phase})"
    via = f" (imports {str(finding.via).split(' -> ')[0]})" if finding.via else ""
    return f"{finding.where}{phase}{via}"


def _blind_spot_lines(unexecuted: list[StaticUse], total: int, verbosity: int) -> list[Line]:
    """The uses in measured files on lines no test ran, by kind and API."""
    ran = total - len(unexecuted)
    lines: list[Line] = [
        (
            "blind spots: uses on lines no test ran (found by a static scan of measured files)",
            _BOLD,
        )
    ]
    for kind, of_kind in _by_kind(unexecuted):
        lines.append((f"  {kind}", _BOLD))
        for api, uses in _grouped(of_kind, lambda use: use.api):
            first = uses[0]
            lines.append(
                (
                    f"    {api}  removed in {removal_text(first.removed_in)}, "
                    f"{_plural(len(uses), 'unexecuted use')}",
                    _YELLOW,
                )
            )
            if verbosity < 0:
                continue
            listed = uses if verbosity > 0 else uses[:_SHOWN_TESTS]
            lines += [(f"      {use.filename}:{use.line}:{use.col}", _PLAIN) for use in listed]
            if len(uses) > len(listed):
                lines.append((f"      and {len(uses) - len(listed)} more; -v lists them", _PLAIN))
            lines.append((f"      use instead: {first.replacement}", _PLAIN))
            lines.append((f"      docs: {first.doc_url}", _PLAIN))
    lines.append(
        (
            f"  of {_plural(total, 'use')} the static scan found in measured files, {ran} ran "
            f"(their findings are above when a test made them) and {len(unexecuted)} did not",
            _PLAIN,
        )
    )
    return lines
