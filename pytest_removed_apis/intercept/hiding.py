"""Removed names made to look gone, for the simulation (``simulate.py``).

Deleting a name would break the standard library's own code that still uses it (3.11's
``importlib.metadata.entry_points`` refers to its ``SelectableGroups``, ``FTP_TLS()`` reads
its ``ssl_version``), so a removed name stays where it is and is refused to everyone else:

* the module's hook on its reads (``reads.py``, shared with default mode) raises CPython's
  ``AttributeError`` for the removed names (``from m import name`` then raises
  ``ImportError`` as the newer release does); the module's own functions read their
  globals directly and are not affected;
* a class member is replaced by a descriptor that raises ``AttributeError`` (so
  ``hasattr`` is false and a ``__getattr__`` of the class is asked, as when the name is
  missing).

The standard library reaching a removed name for its own purposes gets it, unless the
user's line that led there names it (``mock.patch.object(ssl, "wrap_socket")``).  A name
set again by a test (``monkeypatch.setattr(..., raising=False)``) is seen until the test
ends; ``reset`` then puts back the simulated state and ``uninstall`` the original one.
"""

from __future__ import annotations

import functools
import itertools
import linecache
import operator
import sys
from types import FrameType, MappingProxyType, ModuleType
from typing import AbstractSet, Any, Callable, Final, Iterable, Iterator, Mapping, MutableMapping

from pytest_removed_apis import guards
from pytest_removed_apis.catalog import Entry
from pytest_removed_apis.intercept import reads
from pytest_removed_apis.intercept.classify import whose_read

_MISSING: Any = object()
ABSENT: Final = _MISSING
"""The value that stands for a name's absence, in ``Expected`` and wherever it is kept."""


class Hidden:
    """One removed name: where it lives, its original value, whether it is hidden now."""

    __slots__ = ("entry", "owner", "name", "original", "active")

    def __init__(self, entry: Entry, owner: Any, name: str, original: object) -> None:
        self.entry = entry
        self.owner = owner
        self.name = name
        self.original = original
        self.active = True

    def error(self, obj: object) -> AttributeError:
        if isinstance(obj, ModuleType):
            message = f"module {obj.__name__!r} has no attribute {self.name!r}"
        elif isinstance(obj, type):
            message = f"type object {obj.__name__!r} has no attribute {self.name!r}"
        else:
            message = f"{type(obj).__name__!r} object has no attribute {self.name!r}"
        error = AttributeError(message)
        error.removed_api = self.entry  # type: ignore[attr-defined]
        if sys.version_info >= (3, 10):  # pragma: no cover - read by 3.10+ for suggestions
            error.name, error.obj = self.name, obj
        return error


def _refuse_member(hidden: Hidden, obj: object, owner: type | None, frame: FrameType) -> None:
    """A read of a removed class member: refused unless the standard library's own."""
    __tracebackhide__ = True
    if hidden.active and whose_read(frame, hidden.name) != "library":
        raise hidden.error(owner if obj is None else obj)


def namespace_of(obj: Any) -> Any:
    """The real ``__dict__`` of a module or class, past a simulated module's own view."""
    if isinstance(obj, ModuleType):
        return reads.own_namespace(obj)
    return object.__getattribute__(obj, "__dict__")


def _refused(hidden: Hidden, namespace: Mapping[str, Any], frame: FrameType) -> bool:
    """Whether the code running in ``frame`` is refused the module-level name now: it is
    hidden, the test has not set it to something else, and the access is not the standard
    library's own."""
    if not hidden.active:
        return False
    current = namespace.get(hidden.name, _MISSING)
    untouched = current is hidden.original or current is _MISSING
    return untouched and whose_read(frame, hidden.name) != "library"


_LISTINGS = frozenset({"__dict__", "__all__"})


def _listing(
    value: Any, namespace: dict[str, Any], table: dict[str, Hidden], frame: FrameType
) -> Any:
    """A module's ``__dict__`` or ``__all__`` as the code in ``frame`` sees it: without the
    names refused to it (``vars(ssl)``, ``from ssl import *``, ``mock.patch("ssl.wrap_socket")``
    all look there)."""
    refused = frozenset(
        name for name, hidden in table.items() if _refused(hidden, namespace, frame)
    )
    if not refused:
        return value
    if value is namespace:
        return Namespace(namespace, table, refused)
    return _without(value, refused)


def _without(names: Any, refused: frozenset[str]) -> Any:
    """An ``__all__`` without the refused names."""
    if isinstance(names, (list, tuple)):
        return type(names)(name for name in names if name not in refused)
    return names


class Namespace(MutableMapping[str, Any]):
    """A module's namespace without its removed names, reading and writing through to it:
    what ``vars(module)`` gives the user's code under simulation."""

    __slots__ = ("_namespace", "_table", "_refused")

    def __init__(
        self, namespace: dict[str, Any], table: dict[str, Hidden], refused: frozenset[str]
    ) -> None:
        self._namespace = namespace
        self._table = table
        self._refused = refused

    def _gone(self, name: str) -> bool:
        hidden = self._table.get(name)
        if hidden is None or name not in self._refused or not hidden.active:
            return False
        return self._namespace.get(name, _MISSING) is hidden.original

    def __getitem__(self, name: str) -> Any:
        if self._gone(name):
            raise KeyError(name)
        value = self._namespace[name]
        return _without(value, self._refused) if name == "__all__" else value

    def __setitem__(self, name: str, value: Any) -> None:
        self._namespace[name] = value

    def __delitem__(self, name: str) -> None:
        if self._gone(name):
            raise KeyError(name)
        del self._namespace[name]

    def __iter__(self) -> Iterator[str]:
        return (name for name in list(self._namespace) if not self._gone(name))

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __repr__(self) -> str:
        return repr(dict(self))

    def copy(self) -> dict[str, Any]:
        return dict(self)


@functools.lru_cache(maxsize=8)  # a module holds several classes with removed members
def _source(filename: str) -> str:
    return "".join(linecache.getlines(filename))


def _named_again(holder: type, name: str) -> bool:
    """Whether the source of the class's module names ``name`` more than once (its own
    code may use it); ``True`` when that cannot be read."""
    module = sys.modules.get(holder.__module__)
    filename = getattr(module, "__file__", None)
    source = _source(filename) if isinstance(filename, str) else ""
    if not source:
        return True
    if source.count(name) < 2:  # fewer places that spell it: fewer words that are it
        return False
    # The places that spell it, found by str.find: a pattern that starts with \b is tried
    # at every character of the source.
    words = 0
    start = source.find(name)
    while start != -1:
        end = start + len(name)
        if not _word_character(source[start - 1 : start]) and not _word_character(
            source[end : end + 1]
        ):
            words += 1
            if words == 2:
                return True
        start = source.find(name, start + 1)
    return False


def _word_character(text: str) -> bool:
    r"""Whether ``text`` is one character that ``\w`` matches (an empty text is none)."""
    return text.isalnum() or text == "_"


class Expected:
    """Names and the very objects expected under them in some namespaces (module and
    class ``__dict__``, ``sys.modules``); ``met`` checks them all in one pass in C, so that
    the usual answer, yes, costs little more per name than a look-up."""

    def __init__(self, expected: Iterable[tuple[Mapping[str, Any], str, object]]) -> None:
        self._dicts: tuple[list[Any], list[str], list[object]] = ([], [], [])
        self._proxies: tuple[list[Any], list[str], list[object]] = ([], [], [])
        self._others: list[tuple[Mapping[str, Any], str, object]] = []
        for namespace, name, value in expected:
            kind = type(namespace)
            columns = (
                self._dicts
                if kind is dict
                else self._proxies
                if kind is MappingProxyType
                else None
            )
            if columns is None:
                self._others.append((namespace, name, value))
                continue
            spaces, names, values = columns
            spaces.append(namespace)
            names.append(name)
            values.append(value)

    def met(self) -> bool:
        missing = itertools.repeat(_MISSING)
        dicts, names, values = self._dicts
        if not all(map(operator.is_, map(dict.get, dicts, names, missing), values)):
            return False
        proxies, names, values = self._proxies
        found = map(MappingProxyType.get, proxies, names, missing)
        if not all(map(operator.is_, found, values)):
            return False
        return all(space.get(name, _MISSING) is value for space, name, value in self._others)


class Names:
    """Every removed name hidden by one simulation."""

    def __init__(self, deferred_annotations: bool = False) -> None:
        """``deferred_annotations``: the simulated release evaluates an annotation only when
        it is asked for, so a removed name read there while a definition runs is not
        refused."""
        self.deferred_annotations = deferred_annotations
        self.hidden: list[Hidden] = []
        self._tables: dict[int, dict[str, Hidden]] = {}
        self._undo: list[Callable[[], None]] = []
        self._stand_ins: dict[int, reads.StandIn] = {}
        self._refusers: dict[int, reads.Before] = {}
        self._deleted: set[int] = set()
        # What reset() checks: (hidden, namespace, the value wanted there), made again
        # after a hide() or a change of what is visible.
        self._plan: list[tuple[Hidden, Any, object]] | None = None
        self._expected = Expected(())

    def __iter__(self) -> Iterator[Hidden]:
        return iter(self.hidden)

    def hide(self, module: ModuleType, entry: Entry, *, active: bool = True) -> None:
        """Hide the entry's name, found in (or through) the imported ``module``
        (``active=False``: ready to hide, visible for now)."""
        *path, name = entry.qualname.split(".")
        owner: Any = module
        for part in path:
            owner = namespace_of(owner).get(part) if hasattr(owner, "__dict__") else None
        count = len(self.hidden)
        if isinstance(owner, ModuleType):
            self._hide_in_module(owner, entry, name)
        elif isinstance(owner, type):
            holder = next((klass for klass in owner.__mro__ if name in vars(klass)), None)
            if holder is not None:
                self._hide_in_class(holder, entry, name)
        self._plan = None
        for hidden in self.hidden[count:]:
            hidden.active = active
            if id(hidden) in self._deleted and active:
                type.__delattr__(hidden.owner, hidden.name)

    def _hide_in_module(self, module: ModuleType, entry: Entry, name: str) -> None:
        table = self._tables.get(id(module))
        if table is None:
            table = self._tables[id(module)] = {}
            if not self._refuse_in(module, table):
                return  # pragma: no cover - see _refuse_in
        hidden = Hidden(entry, module, name, namespace_of(module).get(name, _MISSING))
        table[name] = hidden
        self.hidden.append(hidden)
        self._undo.append(
            reads.watch(module, [name], before=self._refusers[id(module)]) or reads.NOTHING
        )

    def _refuse_in(self, module: ModuleType, table: dict[str, Hidden]) -> bool:
        """Hook the module's reads (``reads.py``): its listings show no refused name, and
        ``dir()`` no hidden one."""
        module_dict = namespace_of(module)

        def listing(module: ModuleType, attribute: str, frame: FrameType, base: Any) -> Any:
            __tracebackhide__ = True
            return _listing(base(module, attribute), module_dict, table, frame)

        def refuse(module: ModuleType, attribute: str, frame: FrameType, base: Any) -> Any:
            __tracebackhide__ = True
            hidden = table[attribute]
            if _refused(hidden, module_dict, frame) and not (
                self.deferred_annotations
                and guards.in_annotation(frame.f_code.co_filename, frame.f_lineno, attribute)
            ):
                raise hidden.error(module)
            if hidden.active and hidden.original is _MISSING and attribute not in module_dict:
                # Served by the module's __getattr__, which may keep what it served in the
                # namespace: the name would then look set by the test, and stay visible.
                value = base(module, attribute)
                module_dict.pop(attribute, None)
                return value
            return reads.GO_ON

        def dir_filter(names: list[str]) -> list[str]:
            return [n for n in names if n not in table or not table[n].active]

        undo_listings = reads.watch(module, _LISTINGS, before=listing)
        if undo_listings is None:  # pragma: no cover - a module object that refuses a new class
            return False
        undo_dir = reads.filter_dir(module, dir_filter) or reads.NOTHING
        self._refusers[id(module)] = refuse

        def undo() -> None:
            table.clear()  # inert, should the hook stay (another subclass on top of it)
            undo_listings()
            undo_dir()

        self._undo.append(undo)
        return True

    def _hide_in_class(self, holder: type, entry: Entry, name: str) -> None:
        original = vars(holder)[name]
        hidden = Hidden(entry, holder, name, original)
        special = name.startswith("__") and name.endswith("__")
        if special or not _named_again(holder, name):
            # Python looks special methods up on the type itself: only absence will do.  A
            # member its own module never names again is not needed there: absent, it is
            # gone from vars() and dir() of the class too, as on the newer release.
            self.hidden.append(hidden)
            self._deleted.add(id(hidden))
            return
        # Never a data descriptor, even for a removed property: on the newer release an
        # assignment through an instance lands in the instance's __dict__ and is read back.
        stand_in = reads.StandIn(hidden.original, functools.partial(_refuse_member, hidden))
        try:
            type.__setattr__(holder, name, stand_in)  # past an enum's own __setattr__
        except (TypeError, AttributeError):  # a built-in type: cannot be changed
            return
        self._stand_ins[id(hidden)] = stand_in
        self.hidden.append(hidden)

    def show_only(self, visible: AbstractSet[str]) -> None:
        """Hide every name but those of the entries ``visible`` (ids); ``reset`` applies it."""
        for hidden in self.hidden:
            hidden.active = hidden.entry.id not in visible
        self._plan = None

    def _wanted(self, hidden: Hidden) -> object:
        stand_in = self._stand_ins.get(id(hidden))
        if stand_in is not None:
            return stand_in
        if id(hidden) in self._deleted:
            return _MISSING if hidden.active else hidden.original
        return hidden.original

    def reset(self) -> None:
        """Undo what a test did to the hidden names: each is in place and hidden again.
        Only the names whose value is not the one wanted are looked at closely."""
        if self._plan is None:
            self._plan = [
                (hidden, namespace_of(hidden.owner), self._wanted(hidden))
                for hidden in self.hidden
                if hidden.original is not _MISSING or id(hidden) in self._deleted
            ]
            self._expected = Expected((space, h.name, value) for h, space, value in self._plan)
        if self._expected.met():
            return
        for hidden, namespace, wanted in self._plan:
            if namespace.get(hidden.name, _MISSING) is not wanted:
                self._put_back(hidden)

    def _put_back(self, hidden: Hidden) -> None:
        stand_in = self._stand_ins.get(id(hidden))
        if id(hidden) in self._deleted:
            if hidden.active:  # set again by a test
                type.__delattr__(hidden.owner, hidden.name)
            else:  # visible in this test: absent or replaced since
                type.__setattr__(hidden.owner, hidden.name, hidden.original)
        elif stand_in is not None:
            type.__setattr__(hidden.owner, hidden.name, stand_in)
        else:
            namespace_of(hidden.owner)[hidden.name] = hidden.original

    def uninstall(self) -> None:
        """Everything back as it was before the first ``hide``."""
        for hidden in reversed(self.hidden):
            if id(hidden) in self._stand_ins or id(hidden) in self._deleted:
                type.__setattr__(hidden.owner, hidden.name, hidden.original)
            elif hidden.original is not _MISSING:
                namespace_of(hidden.owner)[hidden.name] = hidden.original
        while self._undo:
            self._undo.pop()()
        self._plan = None
        self.hidden.clear()
        self._tables.clear()
        self._refusers.clear()
        self._stand_ins.clear()
        self._deleted.clear()
