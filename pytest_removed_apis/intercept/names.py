"""Default mode's watch of removed names: module attributes and class members.

A class member is replaced by a descriptor that reports each read and delegates.  A module
has its reads of removed names reported through its hook (``reads.py``): code inside the
module reads its globals directly and is not affected.  Whose read
it is, ``classify.whose_read`` answers (the simulation's ``hiding.py`` acts on the same
answer).
"""

from __future__ import annotations

import sys
from types import FrameType, ModuleType
from typing import Any, Callable, Final, Mapping, Sequence

from pytest_removed_apis.catalog import Entry
from pytest_removed_apis.intercept import reads
from pytest_removed_apis.intercept.broken import importing_star, imports
from pytest_removed_apis.intercept.classify import use_site, users, whose_read
from pytest_removed_apis.intercept.imports import (
    Report,
    module_entry_of,
    take_imported,
)

_ANY: Final = object()


class AttributeWatch:
    """Reports accesses to removed module attributes and class members while installed,
    and the imports of modules already imported.

    A class member is replaced by a descriptor that reports and delegates.  A module's
    reads of the removed names are handed to ``seen`` by its hook (``reads.py``).  Modules imported
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

    def seen(self, entry: Entry, accessor: FrameType, attribute: str = "") -> None:
        """A read of the entry's name (``attribute`` of a module) by the code in
        ``accessor``."""
        if attribute == "__spec__":  # only an import statement's read is a use
            code = accessor.f_code
            if imports(accessor) and users(code.co_filename):
                self.report(entry, code.co_filename, accessor.f_lineno)
            return
        if importing_star(accessor):
            # Each name of __all__: the newer release's __all__ no longer has it.
            return
        name = (entry.qualname or entry.module).rsplit(".", 1)[-1]
        site = use_site(accessor)
        if site is not None and whose_read(accessor, name) == "user":
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
        if isinstance(original, reads.StandIn):
            return  # inherited from a class already watched for the same name
        # Python itself looks special methods up on an instance's type: only a read on the
        # class itself (EnumMeta.__getattr__(Color, "RED")) is a use.
        special = name.startswith("__")

        def read(obj: object, owner: type | None, frame: FrameType) -> None:
            self.seen(entry, frame)

        data = hasattr(type(original), "__set__") and not special
        kind = reads.DataStandIn if data else reads.StandIn
        tracker = kind(original, read, on_class=special)
        try:
            setattr(klass, name, tracker)
        except (TypeError, AttributeError):  # a built-in type: cannot be watched
            return
        self._undo.append(lambda: setattr(klass, name, original))

    def _watch_names(self, module: ModuleType, names: Mapping[str, Entry]) -> None:
        """Report the reads of ``names`` that find the original object: one the test put in
        its place (``monkeypatch.setattr(locale, "format", fake, raising=False)``) is there
        on the newer release too."""
        own: Mapping[str, object] = getattr(module, "__dict__", {})
        originals = {name: own[name] for name in names if name in own}

        def after(module: ModuleType, attribute: str, value: object, frame: FrameType) -> None:
            original = originals.get(attribute, _ANY)
            if original is _ANY or value is original:
                self.seen(names[attribute], frame, attribute)

        self._undo.append(reads.watch(module, names, after=after) or reads.NOTHING)

    def uninstall(self) -> None:
        while self._undo:
            self._undo.pop()()
        self._pending = set(self._by_module)
