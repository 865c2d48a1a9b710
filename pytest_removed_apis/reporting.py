"""Text the plugin prints: the header line and the catalog listing."""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Sequence

from pytest_removed_apis.catalog import RELEASES, Entry


def header_line(entries: Sequence[Entry]) -> str:
    """One line for ``pytest_report_header``: catalog size and mode."""
    per_release = Counter(entry.removed_in for entry in entries)
    counts = ", ".join(f"{per_release[release]} removed in {release}" for release in RELEASES)
    return f"removed-apis: catalog of {len(entries)} APIs ({counts}); mode: catalog only"


def catalog_lines(entries: Iterable[Entry]) -> list[str]:
    """The ``--removed-apis-catalog`` listing, one block per entry, grouped by release."""
    lines: list[str] = []
    for release in RELEASES:
        chosen = [entry for entry in entries if entry.removed_in == release]
        lines.append(f"removed in Python {release} ({len(chosen)} APIs)")
        for entry in chosen:
            lines.append(f"  {entry.id}  [{entry.kind}, deprecated in {entry.deprecated_in}]")
            lines.append(f"      use instead: {entry.replacement}")
            lines.append(f"      docs: {entry.doc_url}")
        lines.append("")
    return lines
