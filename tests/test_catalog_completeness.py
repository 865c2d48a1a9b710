"""The catalog against the comparison of the real interpreters.

``tools/surface/removed-3.1x.json`` is what ``tools/stdlib_surface.py pipeline`` found
missing from each release (see ``tools/surface/SUMMARY.md``).  Every name in it must be
catalogued: as an entry of its own, inside a removed module, or as part of a behaviour
entry that stands for a whole interface.
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


def removed(release: str) -> list[dict]:
    return json.loads((SURFACE / f"removed-{release}.json").read_text(encoding="utf-8"))


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
    names = [item["name"] for item in removed(release)]
    assert [name for name in names if covering_entry(name, release) is None] == []


@pytest.mark.parametrize("release", RELEASES)
def test_catalogued_release_and_first_release_agree_with_the_comparison(release):
    for item in removed(release):
        entry = covering_entry(item["name"], release)
        assert entry.removed_in == release, item["name"]
        present = [label for label, there in item["present"].items() if there]
        if entry.kind == "module" or entry.aspect is not None:
            continue
        first = min(present, key=version_tuple)
        assert version_tuple(first) == version_tuple(entry.added_in or "3.8"), item["name"]
