"""The catalog: one frozen record per standard-library API removed in Python 3.12 or 3.13.

What is an entry
    Every Python-level API that exists in CPython 3.11 and is gone, or no longer behaves the
    old way, in 3.12, and every one that exists in 3.12 and is gone in 3.13.  The list starts
    from the "Removed" sections of What's New in Python 3.12 and 3.13 and is completed by a
    mechanical comparison of the real interpreters (``tools/stdlib_surface.py``); the test
    suite proves every entry present on the releases before its removal and absent from the
    release that removed it.

What is not an entry
    * A submodule of a removed package: ``distutils.core`` goes with ``distutils``.  The
      package's entry covers all of its submodules (see :meth:`Entry.covers_module`).
    * A member of a removed module or class: it goes with its owner.
    * An incidental name that was never API: a module's own imports showing up as its
      attributes (``import os`` in ``imp`` makes ``imp.os``; ``from x import y`` makes a
      foreign object an attribute), unless the name is in the module's ``__all__`` or is
      documented as part of the module.
    * Private names (a leading underscore), unless documented (``unittest._TextTestResult``).

Ids are stable: the dotted name for names, ``<dotted name>:<aspect>`` for a removed
keyword parameter or a removed behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Kind = Literal[
    "module", "function", "class", "method", "attribute", "alias", "parameter", "behaviour"
]
KINDS: Final[tuple[Kind, ...]] = (
    "module",
    "function",
    "class",
    "method",
    "attribute",
    "alias",
    "parameter",
    "behaviour",
)
Release = Literal["3.12", "3.13"]
RELEASES: Final[tuple[Release, ...]] = ("3.12", "3.13")

_WHATSNEW: Final = "https://docs.python.org/3/whatsnew/{release}.html#{anchor}"
_LIBRARY: Final = "https://docs.python.org/{release}/library/{page}.html"


@dataclass(frozen=True)
class Entry:
    """One removed API.

    ``module`` is the importable module that owned the API and ``qualname`` the path inside
    it (empty for a module entry).  ``aspect`` names the keyword parameter of a
    ``parameter`` entry or the removed behaviour of a ``behaviour`` entry.  ``warning`` is a
    regular expression matching the DeprecationWarning CPython 3.8-3.11 emit for the API,
    or ``None`` where none of them emits one.  ``availability`` is ``None`` for an API on
    every platform, otherwise ``"unix"`` or ``"windows"``.
    """

    __slots__ = (
        "id",
        "module",
        "qualname",
        "kind",
        "deprecated_in",
        "removed_in",
        "replacement",
        "doc_url",
        "warning",
        "aspect",
        "availability",
    )

    id: str
    module: str
    qualname: str
    kind: Kind
    deprecated_in: str
    removed_in: Release
    replacement: str
    doc_url: str
    warning: str | None
    aspect: str | None
    availability: str | None

    @property
    def name(self) -> str:
        """The dotted name: ``imp``, ``unittest.TestCase.assertEquals``."""
        return f"{self.module}.{self.qualname}" if self.qualname else self.module

    @property
    def removed_version(self) -> tuple[int, int]:
        return version_tuple(self.removed_in)

    def covers_module(self, module_name: str) -> bool:
        """Whether importing ``module_name`` uses this (module) entry."""
        return self.kind == "module" and (
            module_name == self.module or module_name.startswith(self.module + ".")
        )


def version_tuple(release: str) -> tuple[int, int]:
    """``"3.12"`` -> ``(3, 12)``."""
    major, minor = release.split(".")
    return int(major), int(minor)


def _whatsnew(release: Release, anchor: str = "removed") -> str:
    return _WHATSNEW.format(release=release, anchor=anchor)


def _library(page: str, release: str) -> str:
    return _LIBRARY.format(release=release, page=page)


def _module(
    name: str,
    deprecated_in: str,
    removed_in: Release,
    replacement: str,
    *,
    warning: str | None = None,
    availability: str | None = None,
    doc_url: str | None = None,
) -> Entry:
    last_release = "3.11" if removed_in == "3.12" else "3.12"
    return Entry(
        id=name,
        module=name,
        qualname="",
        kind="module",
        deprecated_in=deprecated_in,
        removed_in=removed_in,
        replacement=replacement,
        doc_url=doc_url or _library(name, last_release),
        warning=warning,
        aspect=None,
        availability=availability,
    )


def _name(
    module: str,
    qualname: str,
    kind: Kind,
    deprecated_in: str,
    removed_in: Release,
    replacement: str,
    *,
    warning: str | None = None,
    doc_url: str | None = None,
    availability: str | None = None,
) -> Entry:
    return Entry(
        id=f"{module}.{qualname}",
        module=module,
        qualname=qualname,
        kind=kind,
        deprecated_in=deprecated_in,
        removed_in=removed_in,
        replacement=replacement,
        doc_url=doc_url or _whatsnew(removed_in),
        warning=warning,
        aspect=None,
        availability=availability,
    )


def _aspect(
    module: str,
    qualname: str,
    aspect: str,
    kind: Kind,
    deprecated_in: str,
    removed_in: Release,
    replacement: str,
    *,
    warning: str | None = None,
    doc_url: str | None = None,
) -> Entry:
    return Entry(
        id=f"{module}.{qualname}:{aspect}",
        module=module,
        qualname=qualname,
        kind=kind,
        deprecated_in=deprecated_in,
        removed_in=removed_in,
        replacement=replacement,
        doc_url=doc_url or _whatsnew(removed_in),
        warning=warning,
        aspect=aspect,
        availability=None,
    )


_ENTRIES: tuple[Entry, ...] = (
    _module(
        "imp",
        "3.4",
        "3.12",
        "Use importlib: importlib.util.find_spec(), importlib.import_module(), "
        "importlib.util.spec_from_file_location() and module_from_spec().",
        warning=r"the imp module is deprecated in favour of importlib",
    ),
)

CATALOG: Final[tuple[Entry, ...]] = tuple(sorted(_ENTRIES, key=lambda entry: entry.id))
_BY_ID: Final[dict[str, Entry]] = {entry.id: entry for entry in CATALOG}


def by_id(entry_id: str) -> Entry:
    """The entry with this id; ``KeyError`` when there is none."""
    return _BY_ID[entry_id]
