"""The catalog against the comparison of the real interpreters.

``tools/surface/removed-3.1x.json`` is what ``tools/stdlib_surface.py pipeline`` found
missing from each release (see ``tools/surface/SUMMARY.md``).  Every name in it must be
catalogued: as an entry of its own, inside a removed module, or as part of a behaviour
entry that stands for a whole interface.

``tools/surface/submodules-3.1x.json`` and ``reexports-3.1x.json`` are what
``tools/surface/reachable.py`` found by importing every module ``pkgutil.walk_packages``
lists and reading names with ``getattr``: the packages that went without a line in What's
New (``unittest.test``), and removed names that the older release also reached through
another module (``sqlite3.dbapi2.enable_shared_cache``).  Every removed module it does not
give a reason for must be catalogued, and so must every re-export that no public spelling
reaches any more, unless ``NOT_API`` says why it never was API.

``NOT_REMOVED`` lists what the comparison reports as gone although the release still has
it: packages that the builds it ran on ship apart or leave out (Debian's 3.14 has no
``tkinter``, its 3.15 no ``dbm.ndbm``), and names it misreads, each with the reason.
"""

from __future__ import annotations

import json
import pathlib

import pytest

from pytest_removed_apis import CATALOG, RELEASES
from pytest_removed_apis.catalog import version_tuple

SURFACE = pathlib.Path(__file__).resolve().parent.parent / "tools" / "surface"
BY_NAME = {entry.name: entry for entry in CATALOG if entry.aspect is None}
# Interfaces that CPython removed as a whole, with one warning: one behaviour entry each.
INTERFACES = {
    "importlib.metadata.EntryPoints.": "importlib.metadata.EntryPoints:list-interface",
}


# Re-exports found gone everywhere that were never API, with the reason.
NOT_API = {
    "importlib.resources.readers.unique_everseen": (
        "an itertools recipe that readers imports from the private importlib.resources."
        "_itertools for itself"
    ),
    **{
        name: "typing.List, which the module imported for its own annotations until 3.15"
        for name in ("importlib.metadata.List", "importlib.resources.simple.List")
    },
    "pathlib.types.magic_open": (
        "a helper that pathlib.types imports from the private pathlib._os for itself (3.14)"
    ),
}


# Names the comparison found gone that the release still has, or that were never API of
# their own, with the reason.  A key stands for the name and everything under it.
NOT_REMOVED = {
    "collections.abc": (
        "still imported by every import of it: 3.14 dropped the file and collections puts "
        "_collections_abc in sys.modules under the name, so only a spec lookup misses it"
    ),
    "ctypes.macholib": "macOS support that Debian's builds leave out; CPython ships it",
    "dbm.ndbm": (
        "needs _dbm, which Debian's 3.15 build leaves out (its 3.14 build has it); CPython "
        "3.15 ships both"
    ),
    "sitecustomize": "Debian's own module, no part of CPython; importable on neither build",
    "collections.heapq": (
        "a placeholder for a lazy import (heapq = None) that 3.14's collections left as an "
        "attribute; never API"
    ),
    "idlelib": "packaged apart (python3-tk) by Debian, whose builds ran the comparison",
    "tkinter": "packaged apart (python3-tk) by Debian; its sources lose no name in 3.14/3.15",
    "turtle": "needs tkinter, packaged apart by Debian; its source loses no name in 3.14/3.15",
    "turtledemo": "needs tkinter, packaged apart by Debian, whose builds ran the comparison",
    **{
        f"termios.{name}": (
            "defined only where the C library's headers have it; Debian's builds use a "
            "glibc without it, and CPython's module is unchanged"
        )
        for name in ("NCC", "TCGETA", "TCSETA", "TCSETAF", "TCSETAW")
    },
    "optparse.gettext": "gettext.gettext, which optparse imports for itself (as _ from 3.14)",
    **{
        f"shutil.ExecError.{name}": (
            "an attribute of OSError: 3.14 keeps shutil.ExecError, deprecated, as an "
            "alias of RuntimeError"
        )
        for name in ("characters_written", "errno", "filename", "filename2", "strerror")
    },
}


def not_removed(name: str) -> bool:
    return any(name == key or name.startswith(key + ".") for key in NOT_REMOVED)


def removed(release: str, section: str = "removed") -> list[dict]:
    return json.loads((SURFACE / f"{section}-{release}.json").read_text(encoding="utf-8"))


def covering_entry(name: str, release: str):
    if name in BY_NAME:
        return BY_NAME[name]
    for entry in CATALOG:
        if entry.kind == "module" and entry.removed_in == release and entry.covers_module(name):
            return entry
    for prefix, entry_id in INTERFACES.items():
        if name.startswith(prefix):
            return next(entry for entry in CATALOG if entry.id == entry_id)
    return None


@pytest.mark.parametrize("release", RELEASES)
def test_every_mechanically_found_removal_is_catalogued(release):
    names = [item["name"] for item in removed(release) if not not_removed(item["name"])]
    assert [name for name in names if covering_entry(name, release) is None] == []


@pytest.mark.parametrize("release", RELEASES)
def test_catalogued_release_and_first_release_agree_with_the_comparison(release):
    for item in removed(release):
        if not_removed(item["name"]):
            continue
        entry = covering_entry(item["name"], release)
        assert entry.removed_in == release, item["name"]
        present = [label for label, there in item["present"].items() if there]
        if entry.kind == "module" or entry.aspect is not None:
            continue
        first = min(present, key=version_tuple)
        assert version_tuple(first) == version_tuple(entry.added_in or "3.8"), item["name"]


@pytest.mark.parametrize("release", RELEASES)
def test_every_removed_submodule_is_catalogued(release):
    items = removed(release, "submodules")
    assert items
    modules = [item for item in items if "reason" not in item and not not_removed(item["name"])]
    assert [
        item["name"] for item in modules if covering_entry(item["name"], release) is None
    ] == []


@pytest.mark.parametrize("release", RELEASES)
def test_removed_submodules_were_importable_on_every_release_before(release):
    for item in removed(release, "submodules"):
        if "reason" in item or not_removed(item["name"]):
            continue
        entry = covering_entry(item["name"], release)
        assert entry.removed_in == release, item["name"]
        first = version_tuple(entry.added_in or "3.8")
        before = [
            label
            for label in item["present"]
            if first <= version_tuple(label) < version_tuple(release)
        ]
        if entry.module == item["name"]:
            assert all(item["present"][label] for label in before), item
        assert not any(
            there
            for label, there in item["present"].items()
            if version_tuple(label) >= version_tuple(release)
        ), item


@pytest.mark.parametrize("release", RELEASES)
def test_every_removed_reexport_that_nothing_else_reaches_is_catalogued(release):
    gone = [
        item["name"]
        for item in removed(release, "reexports")
        if not item["still_reachable_as"] and item["name"] not in NOT_API
    ]
    assert gone
    assert [name for name in gone if covering_entry(name, release) is None] == []


def test_every_name_judged_not_removed_is_in_a_comparison():
    found = {
        item["name"]
        for release in RELEASES
        for section in ("removed", "submodules")
        for item in removed(release, section)
    }
    assert [key for key in NOT_REMOVED if key not in found] == []
