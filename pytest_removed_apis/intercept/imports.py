"""Default mode's watch of imports of removed modules (the simulation refuses them in
``simulate.py``).

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
from importlib.machinery import ModuleSpec
from types import FrameType, ModuleType
from typing import Any, Callable, Final, Iterable, Mapping, Optional, Sequence

from pytest_removed_apis.catalog import Entry
from pytest_removed_apis.intercept.broken import BrokenModules
from pytest_removed_apis.intercept.classify import (
    behalf_site,
    imports_on_behalf,
    past_import_machinery,
    users,
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
        announced: Iterable[str] = (),
    ) -> None:
        """``after_import`` is called once a module an entry is about (or one of
        ``announced``, where a behaviour is intercepted) has been imported, and after
        ``importlib.import_module``; ``expect`` is told of each module under a module entry
        that is about to be imported; ``broken`` of the imports of the modules it holds
        that the import system makes (``importlib.import_module``, the first import of a
        submodule of a broken package)."""
        self.after_import = after_import
        self.expect = expect
        self.broken = broken
        self.modules: Mapping[str, Entry] = {
            entry.module: entry for entry in entries if entry.kind == "module"
        }
        # Where an import can fall under an entry: the first part of the imported name is
        # a catalogued module's first part (most imports are not looked at further).
        self.tops = frozenset(name.partition(".")[0] for name in self.modules)
        self.announced = frozenset(
            [*(entry.module for entry in entries if entry.kind != "module"), *announced]
        )
        self.report = report
        self.finder = _Finder(self)
        self._installed = False

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
        if users(filename):
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
        if not self._installed:
            return
        if entry is not None and name in sys.modules:
            self.imported(entry, importer)
        self.after_import()

    def install(self) -> None:
        self._installed = True
        hook_imports(self.finder)

    def uninstall(self) -> None:
        if self._installed:
            self._installed = False
            unhook_imports(self.finder)


class HookedFinder:
    """What the import hook asks: ``find_spec`` for the first import of a module, and
    about ``importlib.import_module`` and ``importlib.util.find_spec`` (nothing, here)."""

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> Any:
        return None

    def answer_spec(self, name: str, package: str | None, original: FindSpec) -> Any:
        """The answer to ``importlib.util.find_spec(name, package)``, or ``GO_ON``."""
        return GO_ON

    def found_spec(self, name: str, spec: ModuleSpec, caller: FrameType) -> None:
        """``importlib.util.find_spec`` found the module ``name`` for ``caller``."""

    def imported(self, name: str, caller: FrameType) -> None:
        """``importlib.import_module`` imported the module ``name`` for ``caller``."""


GO_ON: Final = object()
FindSpec = Callable[[str, Optional[str]], Optional[ModuleSpec]]


class ImportHook:
    """The one hook on imports, however many interceptors watch them: first on
    ``sys.meta_path``, and in place of ``importlib.import_module`` and
    ``importlib.util.find_spec``.  It hands each to their finders in turn, the simulation's
    (which refuses a removed module) before default mode's (which watches); for a finder
    on the meta path, the first that answers wins."""

    def __init__(self) -> None:
        self.finders: list[HookedFinder] = []
        self.saved: tuple[Any, Any] = (importlib.import_module, importlib.util.find_spec)
        importlib.import_module = self.import_module
        importlib.util.find_spec = self.find_module_spec

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        __tracebackhide__ = True
        for finder in self.finders:
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                return spec  # type: ignore[no-any-return]
        return None

    def invalidate_caches(self) -> None:
        """Nothing cached here (``importlib.invalidate_caches`` asks every finder)."""

    def import_module(self, name: str, package: str | None = None) -> ModuleType:
        """``importlib.import_module``, each finder told of the module imported."""
        __tracebackhide__ = True
        module = self.saved[0](name, package)
        caller = sys._getframe(1)
        for finder in list(self.finders):
            finder.imported(name, caller)
        return module  # type: ignore[no-any-return]

    def find_module_spec(self, name: str, package: str | None = None) -> ModuleSpec | None:
        """``importlib.util.find_spec``: a finder may answer (the newer release finds no
        removed module); the others are told of what was found."""
        __tracebackhide__ = True
        original = self.saved[1]
        spec: Any = GO_ON
        for finder in self.finders:
            spec = finder.answer_spec(name, package, original)
            if spec is not GO_ON:
                break
        if spec is GO_ON:
            spec = original(name, package)
        if spec is not None:
            caller = sys._getframe(1)
            for finder in list(self.finders):
                finder.found_spec(name, spec, caller)
        return spec  # type: ignore[no-any-return]

    def unwrap(self) -> None:
        importlib.import_module, importlib.util.find_spec = self.saved


def _the_hook() -> ImportHook | None:
    """The hook: on ``sys.meta_path``, or in place of ``importlib.import_module`` (a test
    may have taken it off the meta path)."""
    hook = next((finder for finder in sys.meta_path if isinstance(finder, ImportHook)), None)
    wrapper = getattr(importlib.import_module, "__self__", None)
    return wrapper if hook is None and isinstance(wrapper, ImportHook) else hook


def hook_imports(finder: HookedFinder, *, first: bool = False) -> None:
    """Hand imports to ``finder`` (``first``: ahead of the finders there already)."""
    hook = _the_hook()
    if hook is None:
        hook = ImportHook()
        sys.meta_path.insert(0, hook)
    hook.finders.insert(0 if first else len(hook.finders), finder)


def hook_first(finder: HookedFinder) -> None:
    """Put the hook, handing imports to ``finder`` first, back at the front of
    ``sys.meta_path`` (a test may have put finders before it, or taken it away)."""
    first = sys.meta_path[0] if sys.meta_path else None
    if isinstance(first, ImportHook) and first.finders and first.finders[0] is finder:
        return  # before every test: nearly always so
    hook = _the_hook() or ImportHook()
    while hook in sys.meta_path:
        sys.meta_path.remove(hook)
    sys.meta_path.insert(0, hook)
    hook.finders[:] = [finder, *(other for other in hook.finders if other is not finder)]


def unhook_imports(finder: HookedFinder) -> None:
    """No more imports for ``finder``; the hook goes with its last finder."""
    hook = _the_hook()
    if hook is None:
        return
    while finder in hook.finders:
        hook.finders.remove(finder)
    if not hook.finders:
        hook.unwrap()
        while hook in sys.meta_path:
            sys.meta_path.remove(hook)


def after_the_hook() -> list[Any]:
    """The finders after the hook on ``sys.meta_path`` (none when it is not there)."""
    finders = sys.meta_path
    hook = next(
        (index for index, finder in enumerate(finders) if isinstance(finder, ImportHook)), None
    )
    return [] if hook is None else list(finders[hook + 1 :])


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


class _Finder(HookedFinder):
    """Default mode's finder in the import hook: sees the first import of every module,
    and finds a module itself only to announce it; told of ``importlib.import_module`` and
    of what ``importlib.util.find_spec`` finds."""

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

    def imported(self, name: str, caller: FrameType) -> None:
        if not name.startswith("."):
            self.watch._seen(name, caller)
        self.watch.after_import()

    def found_spec(self, name: str, spec: ModuleSpec, caller: FrameType) -> None:
        # The newer release finds no removed module: code that needs it to be found fails
        # there (an assertion, or using the spec), code that checks does not.
        if not name.startswith("."):
            self.watch._seen(name, caller)

    def _elsewhere(self, name: str, path: Sequence[str] | None, target: ModuleType | None) -> Any:
        """What the finders after this one find: a spec, ``None`` when none finds the
        module, or ``_ASK_THE_SYSTEM`` when an older finder, one without ``find_spec``,
        comes first (the import system asks it with its own fallback)."""
        for finder in after_the_hook():
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
