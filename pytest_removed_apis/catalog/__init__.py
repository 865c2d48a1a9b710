"""The catalog: one frozen record per standard-library API removed in Python 3.12, 3.13,
3.14 or 3.15.

What is an entry
    Every Python-level API that exists in CPython 3.11 and is gone, or no longer behaves the
    old way, in 3.12, and likewise for each later release the catalog covers (3.12 to 3.13,
    3.13 to 3.14, 3.14 to 3.15).  The list starts from the "Removed" sections of What's New
    in each of those releases and is completed by a mechanical comparison of the real
    interpreters (``tools/stdlib_surface.py``, and ``tools/surface/reachable.py`` for what
    only importing shows); the test suite proves every entry present on the releases before
    its removal and absent from the release that removed it.

    That includes the test packages a package carried (``unittest.test``, ``ctypes.test``:
    3.12 moved them into ``test``, and projects import their helpers), and a removed API
    under each spelling the older release offered (``unittest.makeSuite`` and
    ``unittest.loader.makeSuite``, ``sqlite3.enable_shared_cache`` and
    ``sqlite3.dbapi2.enable_shared_cache``): each spelling is an entry of its own, since
    the plugin watches a name where it is read.

What is not an entry
    * A submodule of a removed package: ``distutils.core`` goes with ``distutils``.  The
      package's entry covers all of its submodules (see :meth:`Entry.covers_module`).
    * A member of a removed module or class: it goes with its owner.
    * An incidental name that was never API: a module's own imports showing up as its
      attributes (``import os`` in ``imp`` makes ``imp.os``; ``from x import y`` makes a
      foreign object an attribute, as ``pathlib.S_ISDIR`` was ``stat.S_ISDIR`` until 3.13),
      unless the name is in the module's ``__all__`` or is documented as part of the module;
      and the variable of a module-level loop left behind as an attribute (``dis.spec_op``
      and ``dis.specialized`` in 3.11 and 3.12).
    * CPython's own ``test`` package: it is "meant for internal use by Python only".
    * A name moved behind a module ``__getattr__``: still reachable, so not removed
      (``ast.Num`` in 3.12).
    * A group of methods that CPython removed as one interface, with one warning for all
      of them, is one ``behaviour`` entry (the list methods of
      ``importlib.metadata.EntryPoints``).
    * Private names (a leading underscore), unless documented (``unittest._TextTestResult``).

Ids are stable: the dotted name for names, ``<dotted name>:<aspect>`` for a removed
keyword parameter or a removed behaviour.

Added entries
    A project or a plugin adds entries through the ``pytest_removed_apis_add_entries`` hook,
    each made with :func:`removed_api`, typically for its own library's removals
    (``removed_in="mylib 2.0"``).  Such a library entry does not follow the Python releases:
    it is watched on every interpreter and hidden by every simulation (see
    :meth:`Entry.exists_on` and :meth:`Entry.removed_by`).  :func:`added_entry_problem` says
    what is wrong with one.
"""

from __future__ import annotations

from typing import Final

from pytest_removed_apis.catalog import py312, py313, py314, py315
from pytest_removed_apis.catalog.entry import (
    ADDABLE_KINDS,
    KINDS,
    RELEASES,
    Availability,
    Entry,
    Kind,
    Release,
    Warns,
    added_entry_problem,
    removal_text,
    removals_text,
    removed_api,
    version_tuple,
)

__all__ = [
    "Kind",
    "KINDS",
    "Release",
    "Availability",
    "RELEASES",
    "ADDABLE_KINDS",
    "Entry",
    "version_tuple",
    "removal_text",
    "removals_text",
    "Warns",
    "removed_api",
    "added_entry_problem",
    "CATALOG",
    "by_id",
]


CATALOG: Final[tuple[Entry, ...]] = tuple(
    sorted(
        py312.ENTRIES + py313.ENTRIES + py314.ENTRIES + py315.ENTRIES, key=lambda entry: entry.id
    )
)
_BY_ID: Final[dict[str, Entry]] = {entry.id: entry for entry in CATALOG}


def by_id(entry_id: str) -> Entry:
    """The entry with this id; ``KeyError`` when there is none."""
    return _BY_ID[entry_id]
