"""Sees uses that no warning reports: imports of removed modules.

CPython warns about a removed module only when it first executes it, and 3.8 and 3.9 do
not warn about several at all, so a second ``import imp`` (or any ``import asyncore`` on
3.8) is invisible to the warnings machinery.  While installed, ``ImportWatch`` wraps
``builtins.__import__`` (every ``import`` and ``from ... import`` statement, and explicit
``__import__()`` calls) and ``importlib.import_module`` and reports each import of a
catalogued module made from outside the standard library.  Uninstalling puts the original
functions back exactly.
"""

from __future__ import annotations

import builtins
import functools
import importlib
import linecache
import sys
import types
from types import ModuleType
from typing import Any, Callable, Mapping, Sequence

from pytest_removed_apis.catalog import Entry
from pytest_removed_apis.classify import is_library, is_runner, use_site

Report = Callable[[Entry, str, int], None]


class ImportWatch:
    """Reports imports of the given module entries to ``report`` while installed."""

    def __init__(
        self, entries: Sequence[Entry], report: Report, after_import: Callable[[], None]
    ) -> None:
        self.after_import = after_import
        self.modules: Mapping[str, Entry] = {
            entry.module: entry for entry in entries if entry.kind == "module"
        }
        self.report = report
        self._saved: tuple[Any, Any] | None = None

    def entry_for(self, name: str, fromlist: Sequence[str] = ()) -> Entry | None:
        """The entry a module name (or a name imported from it) falls under."""
        for item in fromlist or ():
            entry = self.modules.get(f"{name}.{item}")
            if entry is not None:
                return entry
        while name:
            entry = self.modules.get(name)
            if entry is not None:
                return entry
            name = name.rpartition(".")[0]
        return None

    def _seen(self, name: str, fromlist: Sequence[str]) -> None:
        entry = self.entry_for(name, fromlist)
        if entry is None:
            return
        caller = sys._getframe(2)
        filename = caller.f_code.co_filename
        if not is_library(filename) and not is_runner(filename):
            self.report(entry, filename, caller.f_lineno)

    def install(self) -> None:
        original_import = builtins.__import__
        original_import_module = importlib.import_module
        self._saved = (original_import, original_import_module)
        watch = self

        def watched_import(
            name: str,
            globals: Mapping[str, object] | None = None,  # noqa: A002 - the builtin's names
            locals: Mapping[str, object] | None = None,  # noqa: A002
            fromlist: Sequence[str] | None = (),
            level: int = 0,
        ) -> ModuleType:
            module = original_import(name, globals, locals, fromlist, level)
            if level == 0:
                watch._seen(name, fromlist or ())
            watch.after_import()
            return module

        def watched_import_module(name: str, package: str | None = None) -> ModuleType:
            module = original_import_module(name, package)
            if not name.startswith("."):
                watch._seen(name, ())
            watch.after_import()
            return module

        builtins.__import__ = watched_import
        importlib.import_module = watched_import_module

    def uninstall(self) -> None:
        if self._saved is not None:
            builtins.__import__, importlib.import_module = self._saved
            self._saved = None


def _still_importing(module: object) -> bool:
    """A module in ``sys.modules`` whose code still runs: its classes do not exist yet."""
    return bool(getattr(getattr(module, "__spec__", None), "_initializing", False))


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


class _TrackedData(_Tracked):
    """The same for a data descriptor (a property): assignment and deletion go through."""

    __slots__ = ()

    def __set__(self, obj: object, value: object) -> None:
        type(self.original).__set__(self.original, obj, value)

    def __delete__(self, obj: object) -> None:
        type(self.original).__delete__(self.original, obj)


class AttributeWatch:
    """Reports accesses to removed module attributes and class members while installed.

    A class member is replaced by a descriptor that reports and delegates.  A module gets a
    subclass of its module type whose ``__getattribute__`` reports the removed names: code
    inside the module reads its globals directly and is not affected.  Modules imported
    later are watched from the moment ``refresh`` sees them in ``sys.modules``.
    """

    def __init__(self, entries: Sequence[Entry], report: Report) -> None:
        self.report = report
        self._by_module: dict[str, list[Entry]] = {}
        for entry in entries:
            if self.covers(entry):
                self._by_module.setdefault(entry.module, []).append(entry)
        self._pending = set(self._by_module)
        self._undo: list[Callable[[], None]] = []

    @staticmethod
    def covers(entry: Entry) -> bool:
        """Whether uses of the entry are seen as attribute accesses."""
        if entry.kind in ("module", "parameter", "behaviour") or not entry.qualname:
            return False
        # Python itself calls special methods: only explicit calls would be uses.
        return not entry.qualname.rsplit(".", 1)[-1].startswith("__")

    def seen(self, entry: Entry) -> None:
        accessor = sys._getframe(2)
        site = use_site(accessor)
        if site is None:
            return
        if is_library(accessor.f_code.co_filename):
            # The standard library reached the name itself: a use of the user's only when
            # the user's line names it (mock.patch.object(ssl, "wrap_socket")); otherwise
            # it is the library's own business, which the newer release does its own way.
            name = entry.qualname.rsplit(".", 1)[-1]
            if name not in linecache.getline(*site):
                return
        self.report(entry, *site)

    def refresh(self) -> bool:
        """Start watching the catalogued modules imported since the last call; whether one
        was left for later because it is still importing."""
        deferred = False
        for name in [name for name in self._pending if name in sys.modules]:
            module = sys.modules[name]
            if _still_importing(module):
                deferred = True
                continue
            self._pending.discard(name)
            if module is not None:
                self._watch_module(module, self._by_module[name])
        return deferred

    def _watch_module(self, module: ModuleType, entries: list[Entry]) -> None:
        top_level = {e.qualname: e for e in entries if "." not in e.qualname}
        for entry in entries:
            if "." in entry.qualname:
                self._watch_member(module, entry)
        if top_level:
            self._watch_names(module, top_level)

    def _watch_member(self, module: ModuleType, entry: Entry) -> None:
        *path, name = entry.qualname.split(".")
        owner: Any = module
        for part in path:
            owner = getattr(owner, part, None)
        if not isinstance(owner, type):
            return
        for klass in owner.__mro__:
            if name in vars(klass):
                original = vars(klass)[name]
                break
        else:
            return
        if isinstance(original, _Tracked):
            return  # inherited from a class already watched for the same name
        data = hasattr(type(original), "__set__")
        tracker = (_TrackedData if data else _Tracked)(original, entry, self)
        try:
            setattr(klass, name, tracker)
        except (TypeError, AttributeError):  # a built-in type: cannot be watched
            return
        self._undo.append(lambda: setattr(klass, name, original))

    def _watch_names(self, module: ModuleType, names: Mapping[str, Entry]) -> None:
        original_class = type(module)
        watch = self

        class Watched(original_class):  # type: ignore[valid-type,misc]
            def __getattribute__(self, attribute: str) -> Any:
                entry = names.get(attribute)
                if entry is not None:
                    watch.seen(entry)
                return original_class.__getattribute__(self, attribute)

        try:
            module.__class__ = Watched
        except TypeError:
            return
        self._undo.append(lambda: setattr(module, "__class__", original_class))

    def uninstall(self) -> None:
        while self._undo:
            self._undo.pop()()
        self._pending = set(self._by_module)


class ParameterWatch:
    """Reports calls that pass a removed keyword parameter, warned about or not.

    CPython warns only for some values (``keyfile=None`` is silent), and not at all for
    others (``configparser.ParsingError(filename=...)``); 3.12 rejects the keyword itself.
    The callable that took the keyword (a class's ``__init__``, a method, a module
    function) is wrapped in place while installed.
    """

    def __init__(self, entries: Sequence[Entry], report: Report) -> None:
        self.report = report
        self._by_target: dict[tuple[str, str], list[Entry]] = {}
        for entry in entries:
            if entry.kind == "parameter" and entry.aspect:
                self._by_target.setdefault((entry.module, entry.qualname), []).append(entry)
        self._pending = set(self._by_target)
        self._undo: list[Callable[[], None]] = []

    def refresh(self) -> bool:
        """Wrap the callables of the catalogued modules imported since the last call;
        whether one was left for later because it is still importing."""
        deferred = False
        for key in [key for key in self._pending if key[0] in sys.modules]:
            module = sys.modules[key[0]]
            if _still_importing(module):
                deferred = True
                continue
            self._pending.discard(key)
            self._wrap(module, key[1], self._by_target[key])
        return deferred

    def _wrap(self, module: ModuleType, qualname: str, entries: list[Entry]) -> None:
        *path, name = qualname.split(".")
        owner: Any = module
        for part in path:
            owner = getattr(owner, part, None)
        target = getattr(owner, name, None)
        if isinstance(target, type):
            owner, name = target, "__init__"
        holder: Any = owner if isinstance(owner, ModuleType) else None
        if holder is None and isinstance(owner, type):
            holder = owner if name in vars(owner) else None
        original = getattr(holder, name, None) if holder is not None else None
        if original is None or not callable(original):
            return
        keywords = {entry.aspect: entry for entry in entries if entry.aspect}
        watch = self

        @functools.wraps(original)
        def checked(*args: Any, **kwargs: Any) -> Any:
            for keyword in keywords.keys() & kwargs.keys():
                site = use_site(sys._getframe(1))
                if site is not None:
                    watch.report(keywords[keyword], *site)
            return original(*args, **kwargs)

        setattr(holder, name, checked)
        self._undo.append(lambda: setattr(holder, name, original))

    def uninstall(self) -> None:
        while self._undo:
            self._undo.pop()()
        self._pending = set(self._by_target)


def _from_library(obj: object) -> bool:
    """Whether an object's class comes from the standard library (which 3.12 updated too:
    3.8's zipimporter falls back to find_module(), 3.12's has find_spec())."""
    module = sys.modules.get(type(obj).__module__)
    filename = getattr(module, "__file__", None)
    return not isinstance(filename, str) or is_library(filename)


class BehaviourWatch:
    """Reports removed behaviours that older releases keep silently.

    * The import system's fallback to ``find_module()``: 3.8 and 3.9 say nothing (3.10 and
      3.11 only an ImportWarning, ignored by default).  The fallbacks,
      ``importlib._bootstrap._find_spec_legacy`` for meta-path finders and
      ``PathFinder._legacy_get_spec`` for path-entry finders, are wrapped.
    * ``random.randrange()`` with floats (silent before 3.10) and ``shlex.split(None)``
      (silent on 3.8).
    * A loader's own ``module_repr()``, which ``repr(module)`` uses before 3.12 only.
    """

    def __init__(self, entries: Sequence[Entry], report: Report) -> None:
        self.report = report
        self.entries = {entry.id: entry for entry in entries if entry.kind == "behaviour"}
        self._undo: list[Callable[[], None]] = []

    def _seen(self, entry_id: str) -> None:
        site = use_site(sys._getframe(2))
        if site is not None:
            self.report(self.entries[entry_id], *site)

    def _patch(self, owner: Any, name: str, replacement: Any) -> None:
        original = vars(owner)[name]
        setattr(owner, name, replacement)
        self._undo.append(lambda: setattr(owner, name, original))

    def install(self) -> None:
        if "importlib:find_module-fallback" in self.entries:
            self._watch_find_module_fallback()
        if "random.randrange:non-integer" in self.entries:
            self._watch_randrange()
        if "shlex.split:None" in self.entries:
            self._watch_shlex_split()
        if "importlib:module_repr-support" in self.entries:
            self._watch_module_repr()

    def _watch_module_repr(self) -> None:
        bootstrap = sys.modules["importlib._bootstrap"]
        original = bootstrap._module_repr  # what ModuleType.__repr__ calls on 3.8 to 3.11
        watch = self

        def _module_repr(module: ModuleType) -> str:
            method = getattr(type(getattr(module, "__loader__", None)), "module_repr", None)
            code = getattr(method, "__code__", None)
            if code is not None and not is_library(code.co_filename):
                watch._seen("importlib:module_repr-support")
            return str(original(module))

        self._patch(bootstrap, "_module_repr", _module_repr)

    def _watch_find_module_fallback(self) -> None:
        # Both exist on every release that still has the fallback (3.8 to 3.11).
        bootstrap = sys.modules["importlib._bootstrap"]
        path_finder = sys.modules["importlib._bootstrap_external"].PathFinder
        legacy = bootstrap._find_spec_legacy
        legacy_get_spec = vars(path_finder)["_legacy_get_spec"].__func__
        watch = self

        def find_spec_legacy(finder: Any, name: str, path: Any) -> Any:
            spec = legacy(finder, name, path)
            if spec is not None and not _from_library(finder):
                watch._seen("importlib:find_module-fallback")
            return spec

        def _legacy_get_spec(cls: Any, fullname: str, finder: Any) -> Any:
            spec = legacy_get_spec(cls, fullname, finder)
            if spec.loader is not None and not _from_library(finder):
                watch._seen("importlib:find_module-fallback")
            return spec

        self._patch(bootstrap, "_find_spec_legacy", find_spec_legacy)
        self._patch(path_finder, "_legacy_get_spec", classmethod(_legacy_get_spec))

    def _watch_randrange(self) -> None:
        import random

        original = random.Random.randrange
        watch = self

        @functools.wraps(original)
        def randrange(self: Any, start: Any, stop: Any = None, step: Any = 1) -> Any:
            for value in (start, stop, step):
                if isinstance(value, float):
                    integral = value.is_integer()
                    watch._seen(
                        f"random.randrange:{'integral-float' if integral else 'non-integer'}"
                    )
                    break
            return original(self, start, stop, step)

        self._patch(random.Random, "randrange", randrange)
        instance = getattr(random.randrange, "__self__")  # noqa: B009 - the hidden instance
        self._patch(random, "randrange", types.MethodType(randrange, instance))

    def _watch_shlex_split(self) -> None:
        import shlex

        original = shlex.split
        watch = self

        @functools.wraps(original)
        def split(s: Any, comments: bool = False, posix: bool = True) -> Any:
            if s is None:
                watch._seen("shlex.split:None")
            return original(s, comments, posix)

        self._patch(shlex, "split", split)

    def uninstall(self) -> None:
        while self._undo:
            self._undo.pop()()
