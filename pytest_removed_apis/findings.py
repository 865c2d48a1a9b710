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
        "via",
        "cause",
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
    via: str | None
    """For the import of a module broken on the target: the broken modules it goes through,
    from the one imported to the one whose code used the API (``a -> b``)."""
    cause: str | None
    """For the import of a broken module: where that module's code used the API."""

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
        via: str | None = None,
        cause: str | None = None,
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
            via=via,
            cause=cause,
        )

    @property
    def fails(self) -> bool:
        return self.status == "fail"

    @property
    def where(self) -> str:
        return f"{self.filename}:{self.lineno}"

    @property
    def chain_text(self) -> str:
        """How an import of a broken module comes to the use (empty for a direct use):
        "imports `a`, which imports `b`, which uses `imp` at b.py:1" (the API by its id)."""
        if self.via is None:
            return ""
        modules = ", which imports ".join(f"`{name}`" for name in self.via.split(" -> "))
        return f"imports {modules}, which uses `{self.api}` at {self.cause}"


_FIELDS: Final = Finding.__slots__


def to_wire(finding: Finding) -> Wire:
    """A dict of ``str``, ``int``, ``bool`` and ``None`` only, as pytest-xdist requires."""
    return {name: getattr(finding, name) for name in _FIELDS}


def from_wire(data: Wire) -> Finding:
    """The inverse of :func:`to_wire`; ``KeyError`` or ``TypeError`` on a malformed dict."""
    return Finding(**{name: data[name] for name in _FIELDS})  # type: ignore[arg-type]
