"""Default mode's watch of removed names: module attributes and class members.

A class member is replaced by a descriptor that reports each read and delegates.  A module
gets a subclass of its module type whose ``__getattribute__`` reports the reads of removed
names: code inside the module reads its globals directly and is not affected.  Whose read
it is, ``classify.whose_read`` answers (the simulation's ``hiding.py`` acts on the same
answer).
"""

from __future__ import annotations

import sys
import types
from types import ModuleType
from typing import Any, Callable, Final, Mapping, Sequence

from pytest_removed_apis.catalog import Entry
from pytest_removed_apis.intercept.broken import importing_star, imports
from pytest_removed_apis.intercept.classify import use_site, whose_read
from pytest_removed_apis.intercept.imports import (
    Report,
    module_entry_of,
    take_imported,
    users,
)


class _Tracked:
    """Stands in for a removed class attribute: reports each access, then answers as the
    original would."""

    __slots__ = ("original", "entry", "watch")

    def __init__(self, original: Any, entry: Entry, watch: AttributeWatch) -> None:
        self.original = original
        self.entry = entry
        self.watch = watch

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        self.watch.seen(self.entry)
        getter = getattr(type(self.original), "__get__", None)
        return self.original if getter is None else getter(self.original, obj, owner)


class _TrackedOnClass(_Tracked):
    """The same for a special method: only a read on the class itself is a use
    (``EnumMeta.__getattr__``); the interpreter's own look-up has an instance."""

    __slots__ = ()

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        if obj is None:
            self.watch.seen(self.entry)
        getter = getattr(type(self.original), "__get__", None)
        return self.original if getter is None else getter(self.original, obj, owner)


class _TrackedData(_Tracked):
    """The same for a data descriptor (a property): assignment and deletion go through."""

    __slots__ = ()

    def __set__(self, obj: object, value: object) -> None:
        type(self.original).__set__(self.original, obj, value)

    def __delete__(self, obj: object) -> None:
        type(self.original).__delete__(self.original, obj)


_ANY: Final = object()


def _reporting_getattribute(
    names: Mapping[str, Entry],
    originals: Mapping[str, object],
    watch: AttributeWatch,
    original_class: Any,
) -> Callable[[object, str], Any]:
    """A module class's ``__getattribute__`` that reports the reads of ``names`` that find
    the original object: one the test put in its place (``monkeypatch.setattr(locale,
    "format", fake, raising=False)``) is there on the newer release too."""

    def __getattribute__(self: object, attribute: str) -> Any:
        entry = names.get(attribute)
        if entry is None:
            return original_class.__getattribute__(self, attribute)
        value = original_class.__getattribute__(self, attribute)
        original = originals.get(attribute, _ANY)
        if original is _ANY or value is original:
            watch.seen(entry, attribute)
        return value

    return __getattribute__


_REPORTING_GETATTRIBUTE: Final = _reporting_getattribute({}, {}, None, object).__code__  # type: ignore[arg-type]


class AttributeWatch:
    """Reports accesses to removed module attributes and class members while installed,
    and the imports of modules already imported.

    A class member is replaced by a descriptor that reports and delegates.  A module gets a
    subclass of its module type whose ``__getattribute__`` reports the removed names: code
    inside the module reads its globals directly and is not affected.  Modules imported
    later are watched from the moment ``refresh`` sees them in ``sys.modules``.

    A module under a module entry (one imported when the watch starts, or one ``expect``
    is told of) reports a read of its ``__spec__`` made by an ``import`` statement: CPython
    reads it on every import of a module already imported.  The package holding it
    reports its attribute (``from tkinter import tix``).  A stand-in that is no module
    (``typing.io``, a class) reports its members instead.
    """

    def __init__(self, entries: Sequence[Entry], report: Report) -> None:
        self.report = report
        self._by_module: dict[str, list[Entry]] = {}
        modules: dict[str, Entry] = {}
        for entry in entries:
            if self.covers(entry):
                self._by_module.setdefault(entry.module, []).append(entry)
            elif entry.kind == "module":
                modules[entry.module] = entry
        self._pending = set(self._by_module)
        self._undo: list[Callable[[], None]] = []
        if modules:  # those imported already, submodules too: one look at sys.modules
            for name in list(sys.modules):
                under = module_entry_of(modules, name)
                if under is not None:
                    self.expect(name, under)

    @staticmethod
    def covers(entry: Entry) -> bool:
        """Whether uses of the entry are seen as attribute accesses."""
        if entry.kind in ("module", "parameter", "behaviour") or not entry.qualname:
            return False
        # Python itself calls special methods: only explicit calls would be uses, and only
        # a read of __getattr__ on its class (EnumMeta.__getattr__(Color, "RED")) is told
        # apart from the interpreter's own look-up of it.
        name = entry.qualname.rsplit(".", 1)[-1]
        return name == "__getattr__" or not name.startswith("__")

    def expect(self, name: str, entry: Entry) -> None:
        """Watch the module ``name`` (under the module entry) once it is imported."""
        entries = self._by_module.setdefault(name, [])
        if entry not in entries:
            entries.append(entry)
            self._pending.add(name)

    def seen(self, entry: Entry, attribute: str = "") -> None:
        accessor = sys._getframe(2)
        while accessor.f_code is _REPORTING_GETATTRIBUTE:  # a module watched twice
            accessor = accessor.f_back  # type: ignore[assignment]
        if attribute == "__spec__":  # only an import statement's read is a use
            code = accessor.f_code
            if imports(accessor) and users(code.co_filename):
                self.report(entry, code.co_filename, accessor.f_lineno)
            return
        if importing_star(accessor):
            # Each name of __all__: the newer release's __all__ no longer has it.
            return
        name = (entry.qualname or entry.module).rsplit(".", 1)[-1]
        if whose_read(accessor, name) == "user":
            site = use_site(accessor)
            if site is not None:
                self.report(entry, *site)

    def refresh(self) -> bool:
        """Start watching the catalogued modules imported since the last call; whether one
        was left for later because it is still importing."""
        ready, deferred = take_imported(self._pending)
        for name, module in ready:
            self._watch_module(module, self._by_module[name], name)
        return deferred

    def _watch_module(self, module: Any, entries: list[Entry], name: str) -> None:
        names = {e.qualname: e for e in entries if "." not in e.qualname and e.qualname}
        for entry in entries:
            if "." in entry.qualname:
                self._watch_member(module, entry)
            elif entry.kind != "module":
                continue
            elif isinstance(module, type):  # typing.io: its members, as removed names
                for member in [member for member in vars(module) if not member.startswith("_")]:
                    self._watch_class_member(module, member, entry)
            else:
                names["__spec__"] = entry
                parent_name, _, last = name.rpartition(".")
                parent = sys.modules.get(parent_name) if parent_name else None
                if isinstance(parent, ModuleType) and not parent_name.startswith(entry.module):
                    self._watch_names(parent, {last: entry})  # from tkinter import tix
        if names:
            self._watch_names(module, names)

    def _watch_member(self, module: ModuleType, entry: Entry) -> None:
        *path, name = entry.qualname.split(".")
        owner: Any = module
        for part in path:
            owner = getattr(owner, part, None)
        if isinstance(owner, type):
            self._watch_class_member(owner, name, entry)

    def _watch_class_member(self, owner: type, name: str, entry: Entry) -> None:
        for klass in owner.__mro__:
            if name in vars(klass):
                original = vars(klass)[name]
                break
        else:
            return
        if isinstance(original, _Tracked):
            return  # inherited from a class already watched for the same name
        data = hasattr(type(original), "__set__")
        kind = _TrackedOnClass if name.startswith("__") else _TrackedData if data else _Tracked
        tracker = kind(original, entry, self)
        try:
            setattr(klass, name, tracker)
        except (TypeError, AttributeError):  # a built-in type: cannot be watched
            return
        self._undo.append(lambda: setattr(klass, name, original))

    def _watch_names(self, module: ModuleType, names: Mapping[str, Entry]) -> None:
        original_class = type(module)
        own: Mapping[str, object] = getattr(module, "__dict__", {})
        originals = {name: own[name] for name in names if name in own}
        getattribute = _reporting_getattribute(names, originals, self, original_class)
        Watched = types.new_class(
            "Watched",
            (original_class,),
            exec_body=lambda body: body.update(__getattribute__=getattribute),
        )
        try:
            module.__class__ = Watched
        except TypeError:
            return
        self._undo.append(lambda: setattr(module, "__class__", original_class))

    def uninstall(self) -> None:
        while self._undo:
            self._undo.pop()()
        self._pending = set(self._by_module)
