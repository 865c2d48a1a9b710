"""The catalog's own consistency: ids, kinds, versions, texts and links."""

from __future__ import annotations

import re

import pytest

from pytest_removed_apis import CATALOG, KINDS, RELEASES, by_id
from pytest_removed_apis.catalog import version_tuple

RELEASE_PATTERN = re.compile(r"^3\.\d+$|^2\.\d+$")
ID_PATTERN = re.compile(r"^[A-Za-z_][\w.]*(?::[\w-]+)?$")
by_entry = pytest.mark.parametrize("entry", CATALOG, ids=lambda entry: entry.id)


def test_ids_are_unique_and_sorted():
    ids = [entry.id for entry in CATALOG]
    assert ids == sorted(set(ids))


def test_by_id_finds_every_entry_and_rejects_unknown_ids():
    assert all(by_id(entry.id) is entry for entry in CATALOG)
    with pytest.raises(KeyError):
        by_id("imp.reload")


def test_catalog_covers_both_releases():
    assert {entry.removed_in for entry in CATALOG} == set(RELEASES)


@by_entry
def test_id_is_the_dotted_name_plus_the_aspect(entry):
    assert ID_PATTERN.match(entry.id)
    expected = f"{entry.name}:{entry.aspect}" if entry.aspect else entry.name
    assert entry.id == expected
    assert (entry.aspect is not None) == (entry.kind in ("parameter", "behaviour"))


@by_entry
def test_kind_and_release_come_from_closed_sets(entry):
    assert entry.kind in KINDS
    assert entry.removed_in in RELEASES
    assert (entry.kind == "module") == (entry.qualname == "") or entry.kind == "behaviour"


@by_entry
def test_versions_are_ordered(entry):
    removed = entry.removed_version
    for version in (entry.deprecated_in, entry.warns_from, entry.added_in):
        if version is not None:
            assert RELEASE_PATTERN.match(version)
            assert version_tuple(version) < removed


@by_entry
def test_every_entry_says_what_to_use_instead_and_links_the_docs(entry):
    assert entry.replacement.strip()
    assert entry.replacement.endswith((".", ")"))
    assert entry.doc_url.startswith("https://docs.python.org/")


@by_entry
def test_warning_pattern_and_first_warning_release_come_together(entry):
    assert (entry.warning is None) == (entry.warns_from is None)
    if entry.warning is not None:
        re.compile(entry.warning)
        assert version_tuple(entry.warns_from) >= (3, 8)


@by_entry
def test_no_entry_lives_inside_a_removed_module(entry):
    owners = [
        other
        for other in CATALOG
        if other is not entry
        and other.kind == "module"
        and other.covers_module(entry.module)
        and other.removed_version <= entry.removed_version
    ]
    assert owners == [], f"{entry.id} goes with {owners[0].id}" if owners else ""


def test_covers_module_matches_the_package_and_its_submodules_only():
    distutils = by_id("distutils")
    assert distutils.covers_module("distutils")
    assert distutils.covers_module("distutils.command.build_ext")
    assert not distutils.covers_module("distutils2")
    assert not by_id("locale.format").covers_module("locale")
