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
import linecache
import operator
import re
import sys
import types
from importlib.machinery import ModuleSpec
from types import FrameType, ModuleType
from typing import Any, Callable, Final, Mapping, Pattern, Sequence

from pytest_removed_apis.broken import BrokenModules, importing_star, imports
from pytest_removed_apis.catalog import Entry
from pytest_removed_apis.classify import (
    behalf_site,
    imports_on_behalf,
    is_library,
    is_runner,
    past_import_machinery,
    use_site,
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
            if not imports(accessor):
                return
            if _users(code.co_filename):
                self.report(entry, code.co_filename, accessor.f_lineno)
            return
        if importing_star(accessor):
            # Each name of __all__: the newer release's __all__ no longer has it.
            return
        site = use_site(accessor)
        if site is None:
            return
        if is_library(accessor.f_code.co_filename):
            # The standard library reached the name itself: a use of the user's only when
            # the user's line names it (mock.patch.object(ssl, "wrap_socket")); otherwise
            # it is the library's own business, which the newer release does its own way.
            name = (entry.qualname or entry.module).rsplit(".", 1)[-1]
            if name not in linecache.getline(*site):
                return
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
            if still_importing(module):
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


# How the parser reads a pattern, as far as conditional groups go: an escape, a character
# class, a comment group, or a conditional group ``(?(name)...)`` with its name (group 1).
_SCAN: Final = r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\(\?#(?:\\.|[^)\\])*\)|\(\?\(((?:\\.|[^)\\])*)\)"
_SCAN_VERBOSE: Final = _SCAN + r"|#[^\n]*"  # and comments
# How it reads a replacement template: an escape, or a group reference with its name.
_REFERENCES: Final = r"\\(?:g<((?:\\.|[^>\\])*)>|.)"
_VERDICTS: Final = 1024  # patterns and templates whose verdict is kept
_VERBOSE: Final = int(re.VERBOSE)  # an int: an operation on a flag enum costs microseconds
_GROUPS: Final = "re:group-reference-syntax"
_DICT_INTERFACE: Final = "importlib.metadata.entry_points:dict-interface"
_INDEX_ACCESS: Final = "importlib.metadata.EntryPoints:index-access"
_ENUM_CONTAINS: Final = "enum.EnumMeta.__contains__:non-member"
# The dict interface of the old result of entry_points(), which the newer one (a tuple)
# lacks or answers differently: 3.10 and 3.11 warn about each but items().
_DICT_METHODS: Final = (
    "__getitem__",
    "get",
    "__iter__",
    "__contains__",
    "keys",
    "values",
    "items",
)


def _refused_name(name: str, text: bool) -> bool:
    """Whether 3.12 refuses a group name or number that older releases take: it wants ASCII
    digits or an identifier, an ASCII one in a bytes pattern or template."""
    if name.isdecimal() and name.isascii():
        return False
    return not (name.isidentifier() and (text or name.isascii()))


@functools.lru_cache(maxsize=None)  # compiled for the first pattern that needs it
def _compiled(scan: str) -> Pattern[str]:
    return re.compile(scan, re.DOTALL)


def _names(scan: Pattern[str], source: str | bytes) -> list[str]:
    decoded = source if isinstance(source, str) else source.decode("latin-1")
    return [name for name in (match.group(1) for match in scan.finditer(decoded)) if name]


class GroupSyntax:
    """Which patterns and templates use group syntax that 3.12 refuses, each decided once."""

    def __init__(self) -> None:
        self._verdicts: dict[tuple[object, ...], bool] = {}

    def _verdict(self, key: tuple[object, ...], decide: Callable[[], bool]) -> bool:
        verdict = self._verdicts.get(key)
        if verdict is None:
            if len(self._verdicts) >= _VERDICTS:
                self._verdicts.clear()
            verdict = self._verdicts[key] = decide()
        return verdict

    def pattern_refused(self, compiled: Pattern[Any]) -> bool:
        """Non-ASCII group names in a bytes pattern, and references in conditional groups
        (``(?(+1)...)``) that are not ASCII digits."""
        source = compiled.pattern
        if isinstance(source, str):
            if "(?(" not in source:
                return False
        elif b"(?P" not in source and b"(?(" not in source:
            return False
        verbose = bool(compiled.flags & _VERBOSE)
        scan = _compiled(_SCAN_VERBOSE if verbose else _SCAN)

        def decide() -> bool:
            text = isinstance(source, str)
            if not (text or all(name.isascii() for name in compiled.groupindex)):
                return True
            return any(_refused_name(name, text) for name in _names(scan, source))

        return self._verdict((type(source), source, verbose), decide)

    def template_refused(self, template: object) -> bool:
        r"""Group references in a replacement template (``\g<+1>``) that are not ASCII
        digits or, in a bytes template, not ASCII identifiers."""
        if isinstance(template, str):
            if "\\g<" not in template:
                return False
        elif not isinstance(template, bytes) or b"\\g<" not in template:
            return False
        text = isinstance(template, str)
        return self._verdict(
            ("template", type(template), template),
            lambda: any(
                _refused_name(name, text) for name in _names(_compiled(_REFERENCES), template)
            ),
        )


class BehaviourWatch:
    """Reports removed behaviours that older releases keep silently.

    * The import system's fallback to ``find_module()``: 3.8 and 3.9 say nothing (3.10 and
      3.11 only an ImportWarning, ignored by default).  The fallbacks,
      ``importlib._bootstrap._find_spec_legacy`` for meta-path finders and
      ``PathFinder._legacy_get_spec`` for path-entry finders, are wrapped.
    * ``random.randrange()`` with floats (silent before 3.10) and ``shlex.split(None)``
      (silent on 3.8).
    * A loader's own ``module_repr()``, which ``repr(module)`` uses before 3.12 only.
    * The ``re`` group syntax 3.12 refuses: 3.11 warns only when it parses a pattern or a
      template, and re caches both, so a second use says nothing; before 3.11 nothing
      warns.  ``re._compile`` (behind every pattern) and ``re._subx`` and ``re._expand``
      (which the C code of ``Pattern.sub``, ``subn`` and ``Match.expand`` looks up on each
      call) are wrapped; the verdict on each pattern and template is cached.
    * The dict interface of ``entry_points()``: before 3.10 it returns a plain dict, which
      is replaced by a dict that reports its use; 3.10 and 3.11 warn, but not for
      ``items()``, which is wrapped.
    """

    def __init__(
        self,
        entries: Sequence[Entry],
        report: Report,
        fallen_back: Callable[[str, Entry, str, int], None] = lambda *args: None,
    ) -> None:
        """``fallen_back`` is told of each module that only the ``find_module()`` fallback
        found, with the entry and the site of the import: no later import finds it on the
        target either."""
        self.report = report
        self.fallen_back = fallen_back
        self.entries = {entry.id: entry for entry in entries if entry.kind == "behaviour"}
        self._undo: list[Callable[[], None]] = []

    def _seen(self, entry_id: str) -> None:
        site = use_site(sys._getframe(2))
        if site is not None:
            self.report(self.entries[entry_id], *site)

    def _fell_back(self, name: str) -> None:
        """The fallback to ``find_module()`` found the module ``name``."""
        entry = self.entries["importlib:find_module-fallback"]
        site = use_site(sys._getframe(2))
        if site is not None:  # not the test runner's own import
            self.report(entry, *site)
            self.fallen_back(name, entry, *site)

    def _seen_by_caller(self, entry_id: str) -> None:
        """A use, unless the code that called the wrapper is the standard library's or the
        test runner's (printing a dict to explain a failed assertion is no use)."""
        caller = sys._getframe(2)
        if _users(caller.f_code.co_filename):
            self.report(self.entries[entry_id], caller.f_code.co_filename, caller.f_lineno)

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
        if _GROUPS in self.entries:
            self._watch_group_syntax()
        if _DICT_INTERFACE in self.entries:
            self._watch_entry_points()
        if _ENUM_CONTAINS in self.entries:
            self._watch_enum_contains()

    def _watch_enum_contains(self) -> None:
        # 3.10 and 3.11 warn (seen here as well, at the same site), 3.8 and 3.9 say nothing.
        import enum

        meta = enum.EnumMeta
        original = vars(meta)["__contains__"]
        watch = self

        def __contains__(cls: Any, value: object) -> bool:
            try:
                return bool(original(cls, value))
            except TypeError:  # a non-member: 3.12 answers instead
                watch._seen(_ENUM_CONTAINS)
                raise

        self._patch(meta, "__contains__", __contains__)

    def _watch_group_syntax(self) -> None:
        # 3.8 to 3.11 alike; the C code looks re._subx and re._expand up on each call.
        compile_, subx, expand = (vars(re)[name] for name in ("_compile", "_subx", "_expand"))
        syntax = GroupSyntax()
        watch = self

        @functools.wraps(compile_)
        def _compile(pattern: Any, flags: Any) -> Any:
            compiled = compile_(pattern, flags)
            # Behind every re function: a text pattern without a conditional group (nearly
            # all of them) is passed at the cost of one look-up.
            if type(pattern) is str and "(?(" not in pattern:
                return compiled
            if syntax.pattern_refused(compiled):
                watch._seen(_GROUPS)
            return compiled

        @functools.wraps(subx)
        def _subx(pattern: Any, template: Any) -> Any:
            filtered = subx(pattern, template)
            if syntax.template_refused(template):
                watch._seen(_GROUPS)
            return filtered

        @functools.wraps(expand)
        def _expand(pattern: Any, match: Any, template: Any) -> Any:
            expanded = expand(pattern, match, template)
            if syntax.template_refused(template):
                watch._seen(_GROUPS)
            return expanded

        self._patch(re, "_compile", _compile)
        self._patch(re, "_subx", _subx)
        self._patch(re, "_expand", _expand)

    def _watch_entry_points(self) -> None:
        import importlib.metadata as metadata

        watch = self

        def reporting(method: Callable[..., Any]) -> Callable[..., Any]:
            def reported(self: Any, *args: Any) -> Any:
                watch._seen_by_caller(_DICT_INTERFACE)
                return method(self, *args)

            reported.__name__ = method.__name__
            return reported

        if sys.version_info >= (3, 10):  # pragma: no cover - a SelectableGroups, which warns
            # for its dict interface, except for items(); read past the watch on the module
            groups = vars(metadata)["SelectableGroups"]
            if "items" not in vars(groups):
                groups.items = reporting(dict.items)
                self._undo.append(lambda: delattr(groups, "items"))
            return
        methods = {name: reporting(getattr(dict, name)) for name in _DICT_METHODS}
        groups = type("EntryPointGroups", (dict,), {"__slots__": (), **methods})
        original = metadata.entry_points
        indexed = _INDEX_ACCESS in self.entries

        def __getitem__(self: tuple[Any, ...], index: Any) -> Any:
            watch._seen_by_caller(_INDEX_ACCESS)  # 3.12's EntryPoints is indexed by name
            return tuple.__getitem__(self, index)

        group = type("EntryPointGroup", (tuple,), {"__slots__": (), "__getitem__": __getitem__})

        @functools.wraps(original)
        def entry_points(*args: Any, **kwargs: Any) -> Any:
            found = original(*args, **kwargs)
            if indexed:
                found = {name: group(entry_points) for name, entry_points in found.items()}
            return groups(found)

        self._patch(metadata, "entry_points", entry_points)

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
                watch._fell_back(name)
            return spec

        def _legacy_get_spec(cls: Any, fullname: str, finder: Any) -> Any:
            spec = legacy_get_spec(cls, fullname, finder)
            if spec.loader is not None and not _from_library(finder):
                watch._fell_back(fullname)
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
