"""The ``allow_removed`` marker: what it allows a test, read once for every test after
collection, or for one test when asked before that."""

from __future__ import annotations

from typing import TYPE_CHECKING, Tuple

import pytest

from pytest_removed_apis.settings import SETTINGS_KEY, SettingsError, resolve_selectors

if TYPE_CHECKING:
    from _pytest.nodes import Node  # an item's parents, which pytest does not export

MARKER_DOC = (
    "allow_removed(*apis): allow uses of removed APIs in this test; with no arguments every "
    "catalogued API, otherwise only the given catalog ids, dotted names, module prefixes or kinds."
)
NONE: frozenset[str] = frozenset()
"""What a test without markers allows."""

_ALLOWED = pytest.StashKey["frozenset[str] | None"]()  # on a test with markers
_READ = pytest.StashKey[bool]()  # on the config: every test's markers were read

_Marks = Tuple[pytest.Mark, ...]


def read_all(
    config: pytest.Config, items: list[pytest.Item]
) -> dict[pytest.Item, frozenset[str] | None]:
    """Read every test's markers; only a test that has some (or is in a class or module
    that has) keeps what they allow, so that the many without cost two look-ups here and
    nothing on their stash.  The tests that allow something, with what they allow."""
    known: dict[Node, _Marks] = {}
    allowing: dict[pytest.Item, frozenset[str] | None] = {}
    for item in items:
        marks = known.get(item.parent)  # type: ignore[arg-type]
        if marks is None:
            marks = _allow_marks(item.parent, known)
        if marks or item.own_markers:
            chosen = _marker_allowed(item, known)
            if chosen != NONE:
                item.stash[_ALLOWED] = chosen
                allowing[item] = chosen
    config.stash[_READ] = True
    return allowing


def allowed_in(item: pytest.Item) -> frozenset[str] | None:
    """What the test's markers allow (``None``: every API), read now if collection has not
    read them yet (a test that runs before it ends, under another plugin)."""
    if _READ in item.config.stash:
        return item.stash.get(_ALLOWED, NONE)
    return _marker_allowed(item)


def _allow_marks(node: Node | None, known: dict[Node, _Marks]) -> _Marks:
    """The ``allow_removed`` markers of a node and of the nodes it is in; ``known`` keeps
    those of the nodes asked for, so that the tests of a class or module share them."""
    if node is None:
        return ()
    marks = known.get(node)
    if marks is None:
        own = tuple(mark for mark in node.own_markers if mark.name == "allow_removed")
        marks = known[node] = own + _allow_marks(node.parent, known)
    return marks


def _marker_allowed(
    item: pytest.Item, known: dict[Node, _Marks] | None = None
) -> frozenset[str] | None:
    """What the item's ``allow_removed`` markers allow; ``None`` allows everything."""
    marks = _allow_marks(item.parent, {} if known is None else known)
    if item.own_markers:
        marks = tuple(mark for mark in item.own_markers if mark.name == "allow_removed") + marks
    if not marks:
        return NONE
    chosen: set[str] = set()
    for mark in marks:
        if not mark.args:
            return None
        source = f"@pytest.mark.allow_removed on {item.nodeid}"
        entries = item.config.stash[SETTINGS_KEY].entries
        try:
            chosen |= resolve_selectors([str(arg) for arg in mark.args], source, entries)
        except SettingsError as error:
            raise pytest.UsageError(str(error)) from None
    return frozenset(chosen)
