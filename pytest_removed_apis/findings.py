"""The ``Finding`` record: one use of a removed API, and its plain-builtins wire format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Final, Literal, Union

from pytest_removed_apis.catalog import Entry

Phase = Literal["setup", "call", "teardown", "collect"]
Status = Literal["fail", "report", "allowed", "upcoming"]
"""What the finding does to the test: fails it, is only reported, is allowed, or belongs to
a release after the target."""

Wire = Dict[str, Union[str, int, bool, None]]  # noqa: UP006, UP007 - evaluated on 3.8


@dataclass(frozen=True)
class Finding:
    """One use of one catalogued API, at one place, in one phase of one test."""

    __slots__ = (
        "api",
        "name",
        "kind",
        "deprecated_in",
        "removed_in",
        "replacement",
        "doc_url",
        "filename",
        "lineno",
        "phase",
        "nodeid",
        "status",
        "origin",
    )

    api: str
    name: str
    kind: str
    deprecated_in: str | None
    removed_in: str
    replacement: str
    doc_url: str
    filename: str
    lineno: int
    phase: Phase
    nodeid: str
    status: Status
    origin: str | None
    """The third-party distribution (``name version``) whose code made the call, if any."""

    @classmethod
    def of(
        cls,
        entry: Entry,
        *,
        filename: str,
        lineno: int,
        phase: Phase,
        nodeid: str,
        status: Status,
        origin: str | None,
    ) -> Finding:
        return cls(
            api=entry.id,
            name=entry.name,
            kind=entry.kind,
            deprecated_in=entry.deprecated_in,
            removed_in=entry.removed_in,
            replacement=entry.replacement,
            doc_url=entry.doc_url,
            filename=filename,
            lineno=lineno,
            phase=phase,
            nodeid=nodeid,
            status=status,
            origin=origin,
        )

    @property
    def fails(self) -> bool:
        return self.status == "fail"

    @property
    def where(self) -> str:
        return f"{self.filename}:{self.lineno}"


_FIELDS: Final = Finding.__slots__


def to_wire(finding: Finding) -> Wire:
    """A dict of ``str``, ``int``, ``bool`` and ``None`` only, as pytest-xdist requires."""
    return {name: getattr(finding, name) for name in _FIELDS}


def from_wire(data: Wire) -> Finding:
    """The inverse of :func:`to_wire`; ``KeyError`` or ``TypeError`` on a malformed dict."""
    return Finding(**{name: data[name] for name in _FIELDS})  # type: ignore[arg-type]
