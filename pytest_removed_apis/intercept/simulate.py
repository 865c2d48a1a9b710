"""``--simulate-312``: the running interpreter made to look like a newer release.

``Simulation(entries, release, rootdir)`` hides what ``release`` removed; ``install()``
applies it, ``reset()`` puts back the simulated state after anything a test did to it, and
``uninstall()`` undoes everything exactly.

* Removed modules: their standard-library copies leave ``sys.modules`` (kept for the undo)
  and a finder, handed every first import by the hook at the front of ``sys.meta_path``
  (``imports.ImportHook``, shared with default mode), refuses them with CPython's own
  ``ModuleNotFoundError``.  A copy outside the standard library (a backport in
  site-packages, setuptools' ``distutils`` behind its meta-path hook) is found as the newer
  release would find it.  ``importlib.util.find_spec`` answers ``None`` for them.
* Removed names: deleted from their module or class when it is imported (kept for the
  undo), so ``AttributeError``, ``hasattr`` and ``getattr`` defaults, and ``from m import
  name`` behave as on the newer release, messages included.
* Removed keyword parameters and behaviours: the callables are wrapped to raise what the
  newer release raises (``intercept/behaviours.py``, under the ``Refuse`` policy).
* ``sys.version_info``, ``sys.hexversion`` and ``sys.version`` read by the project's own
  code (files under the rootdir outside site-packages) show the simulated release: an
  ``import sys`` there receives a view of ``sys`` that differs in those three names (and
  ``sys.stdlib_module_names``, without the removed modules) only; ``importlib.reload``
  takes it for ``sys``.  The standard library, pytest and installed packages keep seeing
  the real interpreter.
* ``pkgutil.iter_modules()`` (and ``walk_packages()``) list no standard-library copy of a
  removed module.
* A module that ``unittest.mock.patch("imp.reload")``, ``pkgutil.resolve_name()`` and the
  like import for their caller is the caller's import: refused as the caller's would be.
"""

from __future__ import annotations

import builtins
import importlib
import importlib.machinery
import importlib.util
import os
import pkgutil
import sys
from collections import ChainMap
from types import FrameType, ModuleType, TracebackType
from typing import AbstractSet, Any, Iterator, Mapping, Sequence, Tuple

from pytest_removed_apis import guards
from pytest_removed_apis.catalog import Entry
from pytest_removed_apis.intercept import hiding
from pytest_removed_apis.intercept.behaviours import Behaviours
from pytest_removed_apis.intercept.classify import (
    SITE_DIRS,
    imports_on_behalf,
    is_library,
    is_library_dir,
    is_runner,
    users,
)
from pytest_removed_apis.intercept.imports import (
    GO_ON,
    FindSpec,
    HookedFinder,
    ImportHook,
    hook_first,
    hook_imports,
    module_entry_of,
    take_imported,
    unhook_imports,
)
from pytest_removed_apis.intercept.policy import Refuse
from pytest_removed_apis.intercept.reads import own_namespace

Use = Tuple[Entry, str, int]  # noqa: UP006 - evaluated on 3.8

_MISSING: Any = hiding.ABSENT  # the same absence as Expected's
_MEMBER_KINDS = ("function", "class", "method", "attribute", "alias")


def is_standard_copy(module: object) -> bool:
    """Whether a module object is the standard library's own (not a backport's).  Other
    objects the standard library registers as modules (3.12's ``typing.io``) count too."""
    if not isinstance(module, ModuleType):
        return True
    filename = getattr(module, "__file__", None)
    if isinstance(filename, str):
        return is_library(filename)
    name = getattr(module, "__name__", "")
    return name in sys.builtin_module_names or bool(
        getattr(getattr(module, "__spec__", None), "origin", None) in ("built-in", "frozen")
    )


class VersionInfo(tuple):  # type: ignore[type-arg]
    """A stand-in for ``sys.version_info`` (whose type cannot be instantiated)."""

    __slots__ = ()

    def __new__(cls, release: tuple[int, int]) -> VersionInfo:
        return super().__new__(cls, (release[0], release[1], 0, "final", 0))

    major = property(lambda self: self[0])
    minor = property(lambda self: self[1])
    micro = property(lambda self: self[2])
    releaselevel = property(lambda self: self[3])
    serial = property(lambda self: self[4])

    def __repr__(self) -> str:
        return (
            "sys.version_info(major={}, minor={}, micro={}, releaselevel={!r}, serial={})".format(
                *self
            )
        )


class SysView(ModuleType):
    """``sys`` as the project's code sees it: three names differ, everything else (reads,
    assignments, deletions) goes to the real module."""

    _FAKED = ("version_info", "hexversion", "version", "stdlib_module_names")

    def __init__(self, release: tuple[int, int], removed: AbstractSet[str] = frozenset()) -> None:
        """``removed``: the standard-library modules the release no longer has."""
        super().__init__("sys", sys.__doc__)
        real = sys.version.split(" ", 1)
        own = own_namespace(self)
        own.update(
            version_info=VersionInfo(release),
            hexversion=(release[0] << 24) | (release[1] << 16) | 0xF0,
            version=" ".join([f"{release[0]}.{release[1]}.0", *real[1:]]),
        )
        names = getattr(sys, "stdlib_module_names", None)  # from 3.10 on
        if names is not None:
            own["stdlib_module_names"] = frozenset(names - removed)

    @property
    def __dict__(self) -> Mapping[str, Any]:  # type: ignore[override]
        """The real module's namespace under the three names (``monkeypatch`` reads it)."""
        return ChainMap(own_namespace(self), vars(sys))

    def __getattr__(self, name: str) -> Any:
        return getattr(sys, name)

    def __setattr__(self, name: str, value: object) -> None:
        if name in self._FAKED:
            own_namespace(self)[name] = value  # a test patching the version patches what it sees
        else:
            setattr(sys, name, value)

    def __delattr__(self, name: str) -> None:
        delattr(sys, name)

    def __dir__(self) -> list[str]:
        return dir(sys)


class Simulation:
    """The removals of one release, applied to the running interpreter and undone."""

    def __init__(self, entries: Sequence[Entry], release: tuple[int, int], rootdir: str) -> None:
        self.release = release
        running = sys.version_info[:2]
        chosen = [e for e in entries if e.exists_on(running) and e.removed_by(release)]
        self.entries = tuple(chosen)
        self.modules: dict[str, Entry] = {e.module: e for e in chosen if e.kind == "module"}
        self._members: dict[str, list[Entry]] = {}
        for entry in chosen:
            if entry.kind in _MEMBER_KINDS and entry.qualname:
                self._members.setdefault(entry.module, []).append(entry)
        self.rootdir = os.path.join(os.path.normcase(os.path.realpath(rootdir)), "")
        self.visible: frozenset[str] = frozenset()
        self.view = SysView(
            release, {e.module for e in chosen if e.kind == "module" and e.removed_by_python}
        )
        # A library's entries are hidden on any interpreter; the version is shown only when
        # the simulated release is newer than the running one.
        self.newer = release > running
        self.finder = _Finder(self)
        self.refuse = Refuse()
        self.behaviours = Behaviours(chosen, self.refuse)
        self.installed = False
        self._pending: set[str] = set()
        self.names = hiding.Names(deferred_annotations=guards.annotations_deferred(release))
        self._saved_modules: dict[str, ModuleType] = {}
        self._baseline: dict[str, ModuleType] = {}
        self._module_names: set[str] = {entry.module for entry in self.modules.values()}
        self._modules_expected: hiding.Expected | None = None  # made again on a change
        self._parents: list[tuple[ModuleType, str, ModuleType]] = []
        self._project: dict[str, bool] = {}
        self._modules_seen = -1
        self._last_module: str | None = None
        self._saved_imports: tuple[Any, ...] = ()

    @property
    def nothing_to_hide(self) -> bool:
        return not self.entries

    # -- what is hidden ----------------------------------------------------------------

    def _removed_module(self, name: str) -> Entry | None:
        """The entry of the removed module ``name`` is (or is inside)."""
        return module_entry_of(self.modules, name)

    def module_entry(self, name: str) -> Entry | None:
        """The entry of the removed module ``name`` is (or is inside), unless visible."""
        entry = self._removed_module(name)
        return None if entry is None or entry.id in self.visible else entry

    def hidden_names(self) -> dict[str, list[Entry]]:
        """Removed names by their last part, for explaining an ``AttributeError``."""
        names: dict[str, list[Entry]] = {}
        for hidden in self.names:
            if hidden.active:
                names.setdefault(hidden.name, []).append(hidden.entry)
        return names

    def note_module(self, name: str) -> None:
        """A module under a removed name is being imported (an exemption shows it): the
        next reset takes it away again."""
        if self._removed_module(name) is not None and name not in self._module_names:
            self._module_names.add(name)
            self._modules_expected = None

    # -- install, reset, undo ----------------------------------------------------------

    def install(self) -> None:
        if self.installed:
            return
        self.installed = True
        self._pending = set(self._members)
        self._hide_modules()
        hook_imports(self.finder, first=True)
        self._wrap_imports()
        self.behaviours.install()
        self._modules_seen = -1
        self.refresh()

    def uninstall(self) -> None:
        if not self.installed:
            return
        self.installed = False
        self._restore_imports()
        self.behaviours.uninstall()
        unhook_imports(self.finder)
        self.names.uninstall()
        self.visible = frozenset()
        self._reset_modules()
        sys.modules.update(self._saved_modules)
        self._saved_modules.clear()
        self._baseline.clear()
        self._modules_expected = None
        for parent, attribute, module in self._parents:
            setattr(parent, attribute, module)
        self._parents.clear()

    def reset(self, visible: AbstractSet[str] = frozenset()) -> None:
        """Back to the simulated state, with the entries ``visible`` (ids) not hidden."""
        visible = frozenset(visible)
        if visible != self.visible:
            self.names.show_only(visible)
            self.refuse.visible = visible
            self.visible = visible
        self.names.reset()
        hook_first(self.finder)
        self._reset_modules()
        # A module may have gone and another come: the count is the same, the last one
        # added is not.
        if next(reversed(sys.modules.keys()), None) != self._last_module:
            self._modules_seen = -1
        self.refresh()

    def _hide_modules(self) -> None:
        """Take the standard library's copies out of ``sys.modules`` (kept for the undo);
        what is left under those names is the state every test starts from."""
        for name in list(sys.modules):
            entry = self.module_entry(name)
            if entry is None:
                continue
            self._module_names.add(name)
            self._modules_expected = None
            module = sys.modules[name]
            # A library's removed module is hidden whatever copy is there.
            if module is not None and entry.removed_by_python and not is_standard_copy(module):
                self._baseline[name] = module
                continue
            del sys.modules[name]
            self._saved_modules[name] = module
            parent = _detach(name, module)
            if parent is not None:
                self._parents.append((parent, name.rpartition(".")[2], module))

    def _reset_modules(self) -> None:
        """Put the names of hidden modules back as they were after ``install``: what a
        test imported, registered or deleted under them is undone."""
        if self._modules_expected is None:
            self._modules_expected = hiding.Expected(
                (sys.modules, name, self._baseline.get(name, _MISSING))
                for name in self._module_names
            )
        if self._modules_expected.met():
            return
        for name in self._module_names:
            current = sys.modules.get(name, _MISSING)
            wanted = self._baseline.get(name, _MISSING)
            if current is wanted:
                continue
            if wanted is _MISSING and _installed_copy(current):
                # legacy-cgi's cgi, imported from site-packages: the real release keeps it
                # too, and a second copy would make two classes of each of its classes.
                self._baseline[name] = current
                self._modules_expected = None
            elif wanted is _MISSING:
                del sys.modules[name]
                _detach(name, current)
            else:
                sys.modules[name] = wanted

    def refresh(self) -> None:
        """Hide the removed names of the modules imported since the last call."""
        if len(sys.modules) == self._modules_seen:
            return
        self._modules_seen = len(sys.modules)
        self._last_module = next(reversed(sys.modules.keys()), None)
        ready, deferred = take_imported(self._pending)
        if self.behaviours.refresh() or deferred:
            self._modules_seen = -1  # still importing: look again next time
        for name, module in ready:
            for entry in self._members[name]:
                self.names.hide(module, entry, active=entry.id not in self.visible)

    # -- the import statement ----------------------------------------------------------

    def is_project(
        self, namespace: Mapping[str, object] | None, frame: FrameType | None = None
    ) -> bool:
        """Whether code with these globals is the project's own (sees the simulated
        version): a file under the rootdir, outside site-packages and the runner.  Code
        that is no module's (``exec(source, {})``, ``__import__("sys")``) is judged by the
        nearest caller of ``frame`` that has a file."""
        filename = namespace.get("__file__") if namespace else None
        if namespace and "__name__" in namespace:
            frame = None  # a module's own code: a frozen or built-in one is the library's
        while not isinstance(filename, str) and frame is not None:
            filename = frame.f_globals.get("__file__")
            frame = frame.f_back
        if not isinstance(filename, str):
            return False
        known = self._project.get(filename)
        if known is None:
            path = os.path.normcase(os.path.realpath(filename))
            known = (
                path.startswith(self.rootdir)
                and not any(part in SITE_DIRS for part in path.split(os.sep))
                and not is_library(filename)
                and not is_runner(filename)
            )
            self._project[filename] = known
        return known

    def _wrap_imports(self) -> None:
        original_import = builtins.__import__
        original_reload = importlib.reload
        original_iter_modules = pkgutil.iter_modules
        self._saved_imports = (
            original_import,
            original_reload,
            original_iter_modules,
        )
        simulation, modules = self, sys.modules

        def reload(module: ModuleType) -> ModuleType:
            if module is simulation.view:  # the project's ``sys``
                original_reload(sys)
                return module
            return original_reload(module)

        def iter_modules(path: Any = None, prefix: str = "") -> Iterator[pkgutil.ModuleInfo]:
            # The standard library's copies of removed modules are not there to find.
            for info in original_iter_modules(path, prefix):
                name = info.name[len(prefix) :] if path is None else info.name
                entry = simulation.module_entry(name)
                standard = is_library_dir(getattr(info.module_finder, "path", None))
                if entry is None or not entry.removed_by_python or not standard:
                    yield info

        def simulated_import(
            name: str,
            globals: Mapping[str, object] | None = None,  # noqa: A002 - the builtin's names
            locals: Mapping[str, object] | None = None,  # noqa: A002
            fromlist: Sequence[str] | None = (),
            level: int = 0,
        ) -> ModuleType:
            __tracebackhide__ = True
            module = original_import(name, globals, locals, fromlist, level)
            if len(modules) != simulation._modules_seen:
                simulation.refresh()
            if (
                name == "sys"
                and level == 0
                and simulation.newer
                and simulation.is_project(globals, sys._getframe(1))
            ):
                return simulation.view
            return module

        builtins.__import__ = simulated_import
        importlib.reload = reload
        pkgutil.iter_modules = iter_modules

    def _restore_imports(self) -> None:
        (
            builtins.__import__,
            importlib.reload,
            pkgutil.iter_modules,
        ) = self._saved_imports

    # -- explaining a failure ----------------------------------------------------------

    def explain(self, error: BaseException | None) -> list[Use]:
        """The removed APIs behind an exception (or one it was raised from or during), with
        the use site: the innermost frame of the project's code in its traceback."""
        uses: list[Use] = []
        seen: set[int] = set()
        names = None
        while error is not None and id(error) not in seen:
            seen.add(id(error))
            entry = getattr(error, "removed_api", None)
            entries = [entry] if isinstance(entry, Entry) else []
            if not entries and isinstance(error, (AttributeError, ImportError)):
                if names is None:
                    names = self.hidden_names()
                entries = _named_by(error, names, self)
            site = _site(error.__traceback__, self.rootdir)
            for entry in entries:
                if site is not None and entry.id not in {use[0].id for use in uses}:
                    uses.append((entry, *site))
            error = error.__cause__ or error.__context__
        return uses


def _detach(name: str, module: object) -> ModuleType | None:
    """Take a submodule off its parent package's attributes, if it is there; the parent."""
    parent_name, _, attribute = name.rpartition(".")
    parent = sys.modules.get(parent_name)
    if parent is None or hiding.namespace_of(parent).get(attribute) is not module:
        return None
    delattr(parent, attribute)
    return parent


def _named_by(
    error: BaseException, names: Mapping[str, list[Entry]], simulation: Simulation
) -> list[Entry]:
    """The hidden names an ``AttributeError`` or ``ImportError`` is about."""
    message = str(error)
    if isinstance(error, ModuleNotFoundError):
        name = getattr(error, "name", None) or ""
        entry = simulation.module_entry(name) or simulation.refuse.refused_modules.get(name)
        return [entry] if entry is not None else []
    quoted = message.split("'")
    # "module 'ssl' has no attribute 'wrap_socket'", "'TestCase' object has no attribute
    # 'assertEquals'", "cannot import name 'SafeConfigParser' from 'configparser' (...)"
    if "has no attribute" in message and len(quoted) >= 4:
        candidates = names.get(quoted[-2], [])
        owner = quoted[1]
    elif message.startswith("cannot import name") and len(quoted) >= 4:
        candidates = names.get(quoted[1], [])
        owner = quoted[3]
    else:
        return []
    exact = [e for e in candidates if owner in (e.module, e.qualname.rpartition(".")[0])]
    return exact or candidates[:1]


def _site(traceback: TracebackType | None, rootdir: str) -> tuple[str, int] | None:
    """The innermost frame of a traceback that is neither library nor runner code; its
    file relative to the rootdir when inside it."""
    found = None
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if users(filename):
            found = (filename, traceback.tb_lineno)
        traceback = traceback.tb_next
    if found is not None:
        real = os.path.normcase(os.path.realpath(found[0]))
        if real.startswith(rootdir):
            found = (real[len(rootdir) :], found[1])
    return found


class _Finder(HookedFinder):
    """First in the import hook: refuses the standard library's copy of hidden modules,
    and finds any other copy the way the newer release would, on the meta path and for
    ``importlib.util.find_spec``."""

    def __init__(self, simulation: Simulation) -> None:
        self.simulation = simulation

    def elsewhere(self, name: str, path: Sequence[str] | None, target: Any) -> Any:
        """The spec of a copy of ``name`` outside the standard library, or ``None``."""
        if path is not None and all(is_library_dir(entry) for entry in path):
            return None
        for finder in sys.meta_path:
            if isinstance(finder, ImportHook) or finder in (
                importlib.machinery.BuiltinImporter,
                importlib.machinery.FrozenImporter,
            ):
                continue
            if finder is importlib.machinery.PathFinder:
                entries = sys.path if path is None else path
                spec = finder.find_spec(
                    name, [entry for entry in entries if not is_library_dir(entry)], target
                )
            else:
                find_spec = getattr(finder, "find_spec", None)
                spec = find_spec(name, path, target) if find_spec is not None else None
            if spec is not None and not _standard_spec(spec):
                return spec
        return None

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: object = None
    ) -> Any:
        __tracebackhide__ = True
        entry = self.simulation.module_entry(name)
        if entry is None:
            self.simulation.note_module(name)
            return None
        if entry.removed_by_python:  # a library's removed module: no copy, for no one
            spec = self.elsewhere(name, path, target)
            if spec is not None:
                return spec
            if _imported_by_library(sys._getframe(1)):
                return None  # the running release's library, for itself: its own business
        error = ModuleNotFoundError(f"No module named {name!r}", name=name)
        error.removed_api = entry  # type: ignore[attr-defined]
        raise error

    def answer_spec(self, name: str, package: str | None, original: FindSpec) -> Any:
        simulation = self.simulation
        full = importlib.util.resolve_name(name, package) if name.startswith(".") else name
        parent, _, _ = full.rpartition(".")
        entry = simulation.module_entry(full) if full not in sys.modules else None
        if entry is None or (parent and simulation.module_entry(parent) is not None):
            return GO_ON
        # The newer release finds no standard-library copy (a removed package's submodules
        # are left to the parent's import, which fails there too), and the upgraded library
        # no copy of its removed module.
        if not entry.removed_by_python:
            return None
        path = getattr(importlib.import_module(parent), "__path__", None) if parent else None
        return self.elsewhere(full, path, None)

    def imported(self, name: str, caller: FrameType) -> None:
        self.simulation.refresh()


_IMPORT_MACHINERY = (os.path.dirname(importlib.__file__), os.path.dirname(__file__))


def _imported_by_library(frame: FrameType | None) -> bool:
    """Whether the code that asked for a module, past the import machinery (and this
    package's wrappers), is the standard library's (3.8's ``email`` imports ``uu``)."""
    while frame is not None:
        filename = frame.f_code.co_filename
        if imports_on_behalf(filename):
            return False  # mock.patch("imp.reload"): asked for by its caller
        if (
            not filename.startswith("<frozen")
            and os.path.dirname(filename) not in _IMPORT_MACHINERY
        ):
            return is_library(filename)
        frame = frame.f_back
    return False  # pragma: no cover - an import always has a caller outside the machinery


def _installed_copy(module: object) -> bool:
    """A module imported from a file outside the standard library (a PyPI copy of a
    removed module), not one a test made up."""
    origin = getattr(getattr(module, "__spec__", None), "origin", None)
    return isinstance(origin, str) and os.path.isfile(origin) and not is_library(origin)


def _standard_spec(spec: Any) -> bool:
    origin = getattr(spec, "origin", None)
    if origin in ("built-in", "frozen"):
        return True
    return isinstance(origin, str) and os.path.isabs(origin) and is_library(origin)
