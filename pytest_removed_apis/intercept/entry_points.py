"""``importlib.metadata.entry_points()``: the old result and the new one.

Before 3.10 it returns a plain dict of groups (tuples of entry points); 3.10 and 3.11 return
``SelectableGroups``, a dict that warns about its dict interface (but not ``items()``), and
``EntryPoints``, a list that warns about its list interface; from 3.12 on it returns
``EntryPoints``, an immutable sequence indexed by name, and takes keyword selection.  The
removed form shows only in how the result is used: the recording policy hands the user an
old result that reports each use of its dict interface (and of a group's index), the
refusing policy hands the user the new result.
"""

from __future__ import annotations

import sys
from typing import Any, Callable, Final, Mapping

_DICT_METHODS: Final = (
    "__getitem__",
    "get",
    "__iter__",
    "__contains__",
    "keys",
    "values",
    "items",
)
"""The dict interface of the old result, which the new one (a tuple) lacks or answers
differently: 3.10 and 3.11 warn about each but ``items()``."""


class EntryPoints(tuple):  # type: ignore[type-arg]
    """What ``entry_points()`` returns from 3.12 on: an immutable sequence, indexed by name.

    The list interface of 3.10's ``EntryPoints`` and the dict interface of the older
    ``entry_points()`` result are gone."""

    __slots__ = ()

    def __getitem__(self, name: object) -> Any:
        try:
            return next(iter(self.select(name=name)))
        except StopIteration:
            raise KeyError(name) from None

    def __repr__(self) -> str:
        return f"EntryPoints({tuple(self)!r})"

    def select(self, **params: Any) -> EntryPoints:
        return EntryPoints(ep for ep in self if _matches(ep, params))

    @property
    def names(self) -> set[str]:
        return {ep.name for ep in self}

    @property
    def groups(self) -> set[str]:
        return {ep.group for ep in self}


def _matches(entry_point: Any, params: Mapping[str, Any]) -> bool:
    return all(getattr(entry_point, key) == value for key, value in params.items())


def newer_result(original: Callable[..., Any], params: Mapping[str, Any]) -> EntryPoints:
    """What 3.12's ``entry_points(**params)`` returns, from the old function."""
    groups = original()  # a dict of groups on every release that had these entries
    return EntryPoints(ep for group in groups.values() for ep in group).select(**params)


Seen = Callable[[Any], None]
"""Told of a use, with the frame of the code that made it."""


def reporting_groups(dict_interface: Seen, index_access: Seen | None) -> Callable[[Any], Any]:
    """Before 3.10: what turns the old result into a dict that reports each use of its dict
    interface (and, when ``index_access`` is given, groups that report each index)."""

    def reporting(method: Callable[..., Any]) -> Callable[..., Any]:
        def reported(self: Any, *args: Any) -> Any:
            dict_interface(sys._getframe(1))
            return method(self, *args)

        reported.__name__ = method.__name__
        return reported

    methods = {name: reporting(getattr(dict, name)) for name in _DICT_METHODS}
    groups = type("EntryPointGroups", (dict,), {"__slots__": (), **methods})
    if index_access is None:
        return groups
    indexed: Seen = index_access

    def __getitem__(self: tuple[Any, ...], index: Any) -> Any:
        indexed(sys._getframe(1))  # 3.12's EntryPoints is indexed by name
        return tuple.__getitem__(self, index)

    group = type("EntryPointGroup", (tuple,), {"__slots__": (), "__getitem__": __getitem__})

    def wrap(found: Any) -> Any:
        return groups({name: group(entry_points) for name, entry_points in found.items()})

    return wrap


def reporting_items(dict_interface: Seen) -> Callable[..., Any]:
    """3.10 and 3.11: ``SelectableGroups.items()``, the one method of its dict interface
    that does not warn, reporting each use."""

    def items(self: Any) -> Any:
        dict_interface(sys._getframe(1))
        return dict.items(self)

    items.__name__ = "items"
    return items
