"""What an interceptor does with a use it found: the two policies.

An interceptor (``behaviours``, ``parameters``) finds a use of a removed API and its site,
and hands it to the policy its entries were given:

* ``Record`` (default mode): the use becomes a finding, reported with its site; the real API
  keeps working.
* ``Refuse`` (simulation): the use meets the newer release's outcome, an exception tagged
  with its entry (``error.removed_api``) so that the failure can be explained, or the newer
  release's result.  Entries an exemption shows (``visible``) keep the old way.
"""

from __future__ import annotations

from types import FrameType
from typing import AbstractSet, Callable

from pytest_removed_apis.catalog import Entry
from pytest_removed_apis.intercept.classify import use_site, users

Report = Callable[[Entry, str, int], None]
FallenBack = Callable[[str, Entry, str, int], None]


def tagged(error: BaseException, entry: Entry) -> BaseException:
    """The newer release's exception, carrying the entry it stands for."""
    error.removed_api = entry  # type: ignore[attr-defined]
    return error


class Record:
    """Default mode: each use is reported where the user's code made it."""

    refuses = False

    def __init__(
        self, report: Report, fallen_back: FallenBack = lambda name, entry, file, line: None
    ) -> None:
        """``fallen_back`` is told of each module that only the ``find_module()`` fallback
        found, with the entry and the site of the import: no later import finds it on the
        target either."""
        self.report = report
        self.fallen_back = fallen_back

    def takes(self, entry: Entry) -> bool:
        return True

    def seen(self, entry: Entry, frame: FrameType | None) -> tuple[str, int] | None:
        """A use made by ``frame`` or the first frame outside the standard library that
        called it; none when that is the test runner's.  The site, if reported."""
        site = use_site(frame)
        if site is not None:
            self.report(entry, *site)
        return site

    def seen_by_caller(self, entry: Entry, frame: FrameType) -> None:
        """A use, unless the code in ``frame`` is the standard library's or the test
        runner's (printing a dict to explain a failed assertion is no use)."""
        filename = frame.f_code.co_filename
        if users(filename):
            self.report(entry, filename, frame.f_lineno)


class Refuse:
    """Simulation: each use gets what the newer release does instead."""

    refuses = True

    def __init__(self) -> None:
        self.visible: AbstractSet[str] = frozenset()
        """The ids of the entries an exemption shows: they keep the old way."""
        self.refused_modules: dict[str, Entry] = {}
        """Modules only a finder without ``find_spec()`` would have found."""

    def takes(self, entry: Entry) -> bool:
        return entry.id not in self.visible
