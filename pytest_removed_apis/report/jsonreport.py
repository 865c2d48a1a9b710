"""``--removed-apis-report=PATH``: the run's findings as a versioned JSON document.

Pure but for the file system: no pytest.  The path is checked when the run starts (an
unwritable one is a usage error then, not a crash at the end) and the document is written
atomically (a temporary file in the same folder, then renamed over the path), so a reader
never sees half a report and an interrupted run leaves the previous one in place.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Dict, Final, Sequence

from pytest_removed_apis.findings import Finding, Wire, to_wire
from pytest_removed_apis.report.summary import part_of, verdict

if TYPE_CHECKING:  # the scan is imported only when coverage measured the run
    from pytest_removed_apis.scan.blindspots import StaticUse

SCHEMA: Final = "pytest-removed-apis/report"
VERSION: Final = 1
"""Raised when a field changes meaning or goes away; new fields may come without it."""

Document = Dict[str, Any]  # noqa: UP006 - evaluated on 3.8


class ReportPathError(Exception):
    """The report cannot be written there: the message says why and what would do."""


def check_path(path: str, base: str, source: str) -> str:
    """The absolute path (``path`` is relative to ``base``), after proving a file can be
    created in its folder."""
    absolute = os.path.abspath(os.path.join(base, os.path.expanduser(path)))
    folder = os.path.dirname(absolute)
    problem = None
    if os.path.isdir(absolute):
        problem = "it is a directory"
    elif not os.path.isdir(folder):
        problem = f"the directory {folder} does not exist"
    else:
        try:
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".removed-apis-", delete=True):
                pass
        except OSError as error:
            problem = f"no file can be created in {folder} ({error.strerror or error})"
    if problem is not None:
        raise ReportPathError(
            f"the JSON report path {path!r} in {source} cannot be written: {problem}; "
            "give a file path in an existing, writable directory"
        )
    return absolute


def document(
    findings: Sequence[Finding],
    *,
    mode: str,
    target: str,
    simulated: str | None,
    catalog_entries: int,
    added_entries: int,
    plugin_version: str,
    exitstatus: int,
    static: Sequence[StaticUse] | None = None,
) -> Document:
    """The report: run metadata, the verdict, every finding in summary order, and (when
    coverage measured the run) every use the static scan found in the measured files."""
    outcome = verdict(findings, target, static)
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "run": {
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "implementation": sys.implementation.name,
            "platform": sys.platform,
            "plugin_version": plugin_version,
            # The catalog ships with the plugin: its version is the plugin's.
            "catalog": {
                "version": plugin_version,
                "entries": catalog_entries,
                "added_by_hooks": added_entries,
            },
            "mode": mode,
            "target": target,
            "simulated": simulated,
            "exitstatus": exitstatus,
        },
        "verdict": {
            "text": outcome.text,
            "failing_tests": outcome.failing_tests,
            "broken_modules": outcome.broken_modules,
            "apis": outcome.apis,
            "allowed_uses": outcome.allowed,
            "upcoming_apis": outcome.upcoming,
            "unexecuted_uses": outcome.unexecuted,
        },
        "findings": [_finding(finding) for finding in findings],
        "static_uses": None if static is None else _static(static),
    }


def _static(uses: Sequence[StaticUse]) -> list[Wire]:
    """The static uses as a worker sends them (blindspots is imported: they come from it)."""
    from pytest_removed_apis.scan.blindspots import to_wire as static_wire

    return [static_wire(use) for use in uses]


def _finding(finding: Finding) -> dict[str, object]:
    """The finding as the test reports carry it, and what the summary makes of it."""
    return {**to_wire(finding), "allowed": finding.status == "allowed", "part": part_of(finding)}


def write(path: str, data: Document) -> None:
    """Replace ``path`` with the document in one step."""
    folder = os.path.dirname(path)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".removed-apis-", suffix=".json")
    try:
        os.chmod(temporary, _mode(path))
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, indent=2, sort_keys=False)
            stream.write("\n")
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _mode(path: str) -> int:
    """The old report's permissions, or those of any new file (a temporary file gets 0600)."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
