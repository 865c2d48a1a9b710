"""Sees uses that no warning reports: imports of removed modules, accesses to removed
names, removed keyword parameters and removed behaviours.

CPython warns about a removed module only when it first executes it, and 3.8 and 3.9 do
not warn about several at all, so a second ``import imp`` (or any ``import asyncore`` on
3.8) is invisible to the warnings machinery.  While installed, ``ImportWatch`` (a finder
first on ``sys.meta_path``, and wrappers of ``importlib.import_module`` and
``importlib.util.find_spec``) and ``AttributeWatch`` (the read of ``__spec__`` that every
import of a module imported already makes) report each import (or successful look-up)
of a catalogued module made from outside the standard library; whether a look-up is a
feature check or a use, ``guards`` decides.  ``builtins.__import__`` is left alone, so
an ``import`` statement costs nothing more.  Uninstalling puts everything back exactly.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import itertools
import operator
import sys
import types
from importlib.machinery import ModuleSpec
from types import FrameType, ModuleType
from typing import Any, Callable, Final, Mapping, Sequence

from pytest_removed_apis.broken import BrokenModules, importing_star, imports
from pytest_removed_apis.catalog import Entry
from pytest_removed_apis.classify import (
    behalf_site,
    imports_on_behalf,
    is_library,
    is_runner,
    past_import_machinery,
    use_site,
    whose_read,
)

Report = Callable[[Entry, str, int], None]


def module_entry_of(modules: Mapping[str, Entry], name: str) -> Entry | None:
    """The entry of ``modules`` (module entries by module name) that the module ``name``
    is, or is inside (``distutils.core``: ``distutils``)."""
    while name:
        entry = modules.get(name)
        if entry is not None:
            return entry
        name = name.rpartition(".")[0]
    return None


def _users(filename: str) -> bool:
    """Whether code in this file is the user's: neither the standard library's nor the
    test runner's."""
    return not is_library(filename) and not is_runner(filename)


class ImportWatch:
    """Reports imports (and ``find_spec()`` look-ups that find the module) of the given
    module entries to ``report`` while installed, and announces the imports the other
    watches wait for, at no cost to any other ``import`` statement.

    * The first import of a module meets the watch's finder, first on ``sys.meta_path``.
      It reports the import of a catalogued module, as made by the first frame outside
      the import system, and finds nothing itself; for a module an entry is about, it
      hands on what the finders after it found, with a spec that calls ``after_import``
      once the module has run (the import system then marks the spec as no longer
      initializing).
    * A later import of a module already imported reads the module's ``__spec__``
      (CPython asks it whether the module is still importing): ``AttributeWatch`` reports
      that read when an ``import`` statement makes it.
    * ``importlib.import_module`` and ``importlib.util.find_spec`` are wrapped.
    """

    def __init__(
        self,
        entries: Sequence[Entry],
        report: Report,
        after_import: Callable[[], object],
        expect: Callable[[str, Entry], None] = lambda name, entry: None,
        broken: BrokenModules | None = None,
    ) -> None:
        """``after_import`` is called once a module an entry is about has been imported
        (and after ``importlib.import_module``); ``expect`` is told of each module under
        a module entry that is about to be imported; ``broken`` of the imports of the
        modules it holds that the import system makes (``importlib.import_module``, the
        first import of a submodule of a broken package)."""
        self.after_import = after_import
        self.expect = expect
        self.broken = broken
        self.modules: Mapping[str, Entry] = {
            entry.module: entry for entry in entries if entry.kind == "module"
        }
        # Where an import can fall under an entry: the first part of the imported name is
        # a catalogued module's first part (most imports are not looked at further).
        self.tops = frozenset(name.partition(".")[0] for name in self.modules)
        self.announced = frozenset(entry.module for entry in entries if entry.kind != "module")
        self.report = report
        self.finder = _Finder(self)
        self._saved: tuple[Any, Any] | None = None

    def entry_for(self, name: str, fromlist: Sequence[str] = ()) -> Entry | None:
        """The entry a module name (or a name imported from it) falls under."""
        for item in fromlist or ():
            entry = self.modules.get(f"{name}.{item}")
            if entry is not None:
                return entry
        return module_entry_of(self.modules, name)

    def _seen(self, name: str, importer: FrameType | None) -> None:
        entry = self.entry_for(name)
        if entry is not None:
            self.imported(entry, importer)
        elif self.broken is not None and self.broken.causes:
            self.broken.imported(name, importer)

    def imported(self, entry: Entry, importer: FrameType | None) -> None:
        """An import of the entry's module made by ``importer``: a use where that is
        neither the standard library's code nor the test runner's."""
        if importer is None:
            return
        filename = importer.f_code.co_filename
        if _users(filename):
            self.report(entry, filename, importer.f_lineno)
        elif imports_on_behalf(filename):  # mock.patch("imp.reload"): its caller's use
            site = behalf_site(importer)
            if site is not None:
                self.report(entry, *site)

    def module_entry(self, name: str) -> Entry | None:
        """The module entry of a module name, looked for only where the first part of the
        name is a catalogued module's."""
        return self.entry_for(name) if name.partition(".")[0] in self.tops else None

    def announce(self, name: str, entry: Entry | None, importer: FrameType | None) -> None:
        """The module ``name`` has been imported, or has failed to import."""
        if self._saved is None:
            return
        if entry is not None and name in sys.modules:
            self.imported(entry, importer)
        self.after_import()

    def install(self) -> None:
        original_import_module = importlib.import_module
        original_find_spec = importlib.util.find_spec
        self._saved = (original_import_module, original_find_spec)
        watch = self

        def watched_import_module(name: str, package: str | None = None) -> ModuleType:
            module = original_import_module(name, package)
            if not name.startswith("."):
                watch._seen(name, sys._getframe(1))
            watch.after_import()
            return module

        def watched_find_spec(name: str, package: str | None = None) -> ModuleSpec | None:
            # The newer release finds no removed module: code that needs it to be found
            # fails there (an assertion, or using the spec), code that checks does not.
            spec = original_find_spec(name, package)
            if spec is not None and not name.startswith("."):
                watch._seen(name, sys._getframe(1))
            return spec

        importlib.import_module = watched_import_module
        importlib.util.find_spec = watched_find_spec
        sys.meta_path.insert(0, self.finder)

    def uninstall(self) -> None:
        if self._saved is not None:
            saved, self._saved = self._saved, None
            importlib.import_module, importlib.util.find_spec = saved
            while self.finder in sys.meta_path:
                sys.meta_path.remove(self.finder)


class _Announcing(ModuleSpec):
    """A spec that calls back when the import system, done with its module (run, or
    failed), marks it as no longer initializing; an ordinary ``ModuleSpec`` again from
    then on."""

    @property
    def _initializing(self) -> bool:
        return bool(self.__dict__.get("_initializing", False))

    @_initializing.setter
    def _initializing(self, value: bool) -> None:
        self.__dict__["_initializing"] = value
        if not value:  # once: an ordinary spec from here on
            announce = self.__dict__.pop("_announce")
            self.__class__ = ModuleSpec  # type: ignore[assignment]
            announce()


_ASK_THE_SYSTEM: Final = object()


class _Finder:
    """First on ``sys.meta_path`` while an ``ImportWatch`` is installed: sees the first
    import of every module, and finds a module itself only to announce it."""

    def __init__(self, watch: ImportWatch) -> None:
        self.watch = watch

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        watch = self.watch
        entry = watch.module_entry(name)
        if entry is None and name not in watch.announced:
            broken = watch.broken
            if broken is not None and broken.packages:  # a submodule of a broken package
                broken.imported(name, past_import_machinery(sys._getframe(1)))
            return None
        importer = past_import_machinery(sys._getframe(1))
        if entry is not None:
            watch.expect(name, entry)
        spec = self._elsewhere(name, path, target)
        if type(spec) is ModuleSpec:
            # Reported once imported, as the import statement itself would have been: a
            # copy from elsewhere (setuptools' distutils) is then known to be one.
            spec.__class__ = _Announcing
            spec.__dict__["_announce"] = functools.partial(watch.announce, name, entry, importer)
            return spec
        if spec is not None and entry is not None:  # no waiting: reported now
            watch.imported(entry, importer)
        return None if spec is _ASK_THE_SYSTEM else spec

    def _elsewhere(self, name: str, path: Sequence[str] | None, target: ModuleType | None) -> Any:
        """What the finders after this one find: a spec, ``None`` when none finds the
        module, or ``_ASK_THE_SYSTEM`` when an older finder, one without ``find_spec``,
        comes first (the import system asks it with its own fallback)."""
        finders = sys.meta_path
        after = next((index for index, finder in enumerate(finders) if finder is self), -2)
        for finder in finders[after + 1 :] if after >= 0 else ():
            find_spec = getattr(finder, "find_spec", None)
            if find_spec is None:
                return _ASK_THE_SYSTEM
            spec = find_spec(name, path, target)
            if spec is not None:
                return spec
        return None


def still_importing(module: object) -> bool:
    """A module in ``sys.modules`` whose code still runs: its classes do not exist yet."""
    return bool(getattr(getattr(module, "__spec__", None), "_initializing", False))


def take_imported(pending: set[str]) -> tuple[list[tuple[str, ModuleType]], bool]:
    """Take off ``pending`` the names of the modules now imported, with those modules, and
    say whether one was left pending because its code still runs.  A name that
    ``sys.modules`` maps to ``None`` (an import made to fail) stays pending."""
    ready: list[tuple[str, ModuleType]] = []
    deferred = False
    modules = sys.modules
    # Each pending name is looked up (in one pass in C): the cost does not grow with the
    # size of sys.modules.
    present = map(operator.is_not, map(modules.get, pending), itertools.repeat(None))
    for name in list(itertools.compress(pending, present)):
        module = modules[name]
        if still_importing(module):
            deferred = True
            continue
        pending.discard(name)
        ready.append((name, module))
    return ready, deferred


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
            if imports(accessor) and _users(code.co_filename):
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
