"""Modules broken on the target release: their import made a use of a removed API.

On the release that removed the API, the import of such a module raises, and a failed
import is never cached, so every later import of it fails again: of the module itself, of
a module that imports it, of a submodule of a broken package.  On the running interpreter
the module imported fine and sits in ``sys.modules``, where a later import finds it
without running anything.  ``BrokenModules`` remembers each broken module with its
``Cause`` (the API, where it was used, and the chain of modules from there), and reports
every later import of it:

* an ``import`` statement or ``__import__()`` reads the module's ``__spec__`` (CPython
  asks whether it is still importing): the module's class reports that read;
* ``from package import module`` reads the attribute of the package: the package's class
  reports it;
* ``importlib.import_module`` and the first import of a submodule of a broken package are
  told by ``imports.ImportWatch``.

Nothing is added to the import of any other module.
"""

from __future__ import annotations

import dis
import os
import sys
from types import FrameType, ModuleType
from typing import Callable, Final, NamedTuple

from pytest_removed_apis.catalog import Entry
from pytest_removed_apis.intercept import reads
from pytest_removed_apis.intercept.classify import SITE_DIRS, is_library, is_runner, users

IMPORTING: Final = frozenset(
    bytes([code]) for name, code in dis.opmap.items() if name == "IMPORT_NAME" or "CALL" in name
)
"""The instructions that read a module's ``__spec__`` to import it: an ``import``
statement, or a call (``__import__("imp")``).  ``dis`` is imported by ``inspect``."""

_IMPORT_STAR: Final = dis.opmap.get("IMPORT_STAR", -1)  # up to 3.11
_INTRINSIC: Final = dis.opmap.get("CALL_INTRINSIC_1", -1)  # from 3.12; 2: import *


def importing_star(frame: FrameType) -> bool:
    """Whether the frame runs ``from module import *``, which reads each name of the
    module's ``__all__``."""
    code, at = frame.f_code.co_code, frame.f_lasti
    return code[at] == _IMPORT_STAR or (code[at] == _INTRINSIC and code[at + 1] == 2)


_IMPORT_NAME: Final = dis.opmap["IMPORT_NAME"]
_EXTENDED_ARG: Final = dis.opmap["EXTENDED_ARG"]


def running(frame: FrameType) -> tuple[int, int]:
    """The instruction the frame runs and its argument: up to 3.10 the frame points at the
    first ``EXTENDED_ARG`` of an instruction whose argument needs more than a byte, from
    3.11 on at the instruction itself."""
    code, at = frame.f_code.co_code, frame.f_lasti
    while code[at] == _EXTENDED_ARG:
        at += 2
    start, argument = at, code[at + 1]
    while start >= 2 and code[start - 2] == _EXTENDED_ARG:
        start -= 2
        argument |= code[start + 1] << (8 * (at - start) // 2)
    return code[at], argument


_IMPORT_FLAGS: Final = 2 if sys.version_info >= (3, 15) else 0
"""The low bits of ``IMPORT_NAME``'s argument that 3.15 gives to its flags (lazy imports)."""


def imports(frame: FrameType) -> bool:
    """Whether the frame runs an ``import`` statement or a call (``__import__("imp")``):
    the instructions that read a module's ``__spec__`` to import it."""
    return bytes([running(frame)[0]]) in IMPORTING


def _imported_name(frame: FrameType) -> str | None:
    """The name an ``import`` statement running in the frame imports (``None`` for a
    call, such as ``__import__("six.moves.builtins")``)."""
    instruction, argument = running(frame)
    if instruction != _IMPORT_NAME:
        return None
    return frame.f_code.co_names[argument >> _IMPORT_FLAGS]


class Cause(NamedTuple):
    """Why a module is broken on the target release."""

    entry: Entry
    site: str
    """Where the module's import used the API, as findings show it (``pkg/mod.py:3``)."""
    raises: str
    """The exception the target release raises there, which every importer meets."""
    origin: str | None
    """The third-party distribution whose code made the use, if any."""
    chain: tuple[str, ...]
    """The broken modules from this one to the one whose code made the use."""

    def chained(self, name: str) -> Cause:
        """The cause of a module that imports this one (or of this package's submodule)."""
        return self._replace(chain=(name, *self.chain))

    @property
    def module(self) -> str:
        """The broken module itself."""
        return self.chain[0]


Caught = Callable[[str, int, str], bool]
"""Whether the code at (file, line) catches what the target raises for an import of the
module of that name (its last part)."""


class Failing(NamedTuple):
    """What a use makes fail on the target release."""

    modules: list[str]
    """The modules whose import fails, innermost first."""
    handled: bool
    """Whether code takes the failure during an import, so that the use fails nothing
    else: a module's body, or the project's handler around an import."""
    fallback: str | None
    """The module whose body takes it: its name for the module holds its fallback."""


def executing(frame: FrameType | None, caught: Caught, imported: str) -> Failing:
    """The modules whose import fails on the target release because of a use in ``frame``:
    each module whose body runs, walking outwards, until code catches the failure or the
    test runner is reached (pytest turns it into an error).  Innermost first; and whether
    the failure is caught during an import (by a module's body, or above one), so that the
    use fails nothing on the target but the import of the modules listed.

    ``imported`` is the last part of the name of what the use imports, for the guards."""
    found: list[str] = []
    first = True
    while frame is not None:
        code = frame.f_code
        filename = code.co_filename
        if is_runner(filename):
            break
        if not is_library(filename):
            name = _module_run_by(frame)
            if not first and caught(filename, frame.f_lineno, imported):
                # A module body's fallback, or the project's handler around an import,
                # takes the failure; an installed distribution's function may turn it
                # into another (setuptools' distutils hook then finds no distutils), so
                # the use stays a use there.
                handled = name is not None or (bool(found) and not _installed(filename))
                return Failing(found, handled, name)
            if name is not None:
                found.append(name)
                imported = name.rpartition(".")[2]
        first = False
        frame = frame.f_back
    return Failing(found, False, None)


def _installed(filename: str) -> bool:
    """A file of an installed distribution (site-packages), not of the project."""
    parts = os.path.normcase(filename).split(os.sep)
    return any(part in SITE_DIRS for part in parts)


def _module_run_by(frame: FrameType) -> str | None:
    """The name of the module whose body this frame runs, if it runs one."""
    if frame.f_code.co_name != "<module>":
        return None
    name = frame.f_globals.get("__name__")
    module = sys.modules.get(name) if isinstance(name, str) else None
    return name if getattr(module, "__dict__", None) is frame.f_globals else None


Report = Callable[[Cause, str, int], None]


class BrokenModules:
    """The modules broken on the target release, and the watch on their imports."""

    def __init__(self, report: Report) -> None:
        """``report`` is called with the cause and the site of each import of a broken
        module."""
        self.report = report
        self.causes: dict[str, Cause] = {}
        self.packages: set[str] = set()
        """The broken modules that are packages: a first import of a submodule fails."""
        self.aliases: dict[int, dict[str, Cause]] = {}
        """Broken names of modules that have a name of their own, by module."""
        self.own: set[str] = set()
        """Broken modules their package binds itself: reading them from it is no import."""
        self.pending: dict[str, Cause] = {}
        """Modules broken once imported (their causes' chains start with them): only the
        ``find_module()`` fallback found them, or their package is broken."""
        self._names: dict[int, dict[str, Cause]] = {}
        self._undo: list[Callable[[], None]] = []

    def mark(self, names: list[str], cause: Cause, fallback: str | None = None) -> None:
        """The modules ``names`` (innermost first) broken by ``cause``, the first of them
        directly, each of the others through the one before it.  ``fallback``, the module
        whose body took the failure, holds something else under the name of the module
        it imported, there: reading it is no import."""
        for name in names:
            cause = cause.chained(name) if cause.chain else cause._replace(chain=(name,))
            # Its body still runs: the import system has not yet bound it in its package.
            self.note_binding(name)
            self._mark(name, cause, fallback)

    def note_binding(self, name: str) -> None:
        """Before the module ``name`` is bound in its package by the import system: if the
        package has it already, the package binds it itself (six binds ``six.moves``), and
        the real release has it there too."""
        parent_name, _, last = name.rpartition(".")
        parent = sys.modules.get(parent_name) if parent_name else None
        # In its own namespace: six's ``moves``.  A descriptor of its class (six's lazy
        # moves) imports when read, which fails on the real release as the import does.
        if parent is not None and last in getattr(parent, "__dict__", {}):
            self.own.add(name)

    def settle(self) -> None:
        """Mark the pending modules imported since."""
        for name in [name for name in self.pending if name in sys.modules]:
            self._mark(name, self.pending.pop(name))

    def _mark(self, name: str, cause: Cause, fallback: str | None = None) -> None:
        if name in self.causes:
            return
        module = sys.modules.get(name)
        if not isinstance(module, ModuleType):
            return
        self.causes[name] = cause
        if getattr(module, "__name__", None) != name:
            # Another module under a second name (six.moves.builtins is builtins): only an
            # import statement that names it this way is an import of it.
            self.aliases.setdefault(id(module), {})[name] = cause
        self._watch(module, "__spec__", cause)
        parent_name, _, last = name.rpartition(".")
        parent = sys.modules.get(parent_name) if parent_name else None
        bound_by_import = name not in self.own and parent_name != fallback
        if isinstance(parent, ModuleType) and bound_by_import:
            self._watch(parent, last, cause)  # from package import module
        if hasattr(module, "__path__"):
            self.packages.add(name)
            prefix = name + "."
            for other in [other for other in sys.modules if other.startswith(prefix)]:
                self._mark(other, cause.chained(other))

    def _watch(self, module: ModuleType, attribute: str, cause: Cause) -> None:
        names = self._names.get(id(module))
        if names is None:
            names = self._names[id(module)] = {}
        if attribute in names:
            return
        names[attribute] = cause

        def after(module: ModuleType, attribute: str, value: object, frame: FrameType) -> None:
            self.seen(names[attribute], attribute, module, frame)

        self._undo.append(reads.watch(module, [attribute], after=after) or reads.NOTHING)

    def seen(self, cause: Cause, attribute: str, module: object, accessor: FrameType) -> None:
        """A read of a watched name by the code in ``accessor``: an import of the broken
        module when an import statement or ``__import__()`` reads ``__spec__``, or the
        user's code reads the module from its package."""
        code = accessor.f_code
        if attribute == "__spec__":
            if not imports(accessor):
                return
            aliases = self.aliases.get(id(module))
            if aliases is not None:
                found = aliases.get(_imported_name(accessor) or "")
                if found is None:
                    return
                cause = found
        filename = code.co_filename
        if users(filename):
            self.report(cause, filename, accessor.f_lineno)

    def imported(self, name: str, importer: FrameType | None) -> None:
        """``importlib.import_module(name)``, or the first import of a submodule of a
        broken package, made by ``importer``."""
        cause = self.causes.get(name)
        if cause is None:
            package = name.rpartition(".")[0]
            if package not in self.packages:
                return
            cause = self.causes[package].chained(name)
            self.note_binding(name)
            self.pending[name] = cause  # broken too, once imported
        if importer is not None:
            filename = importer.f_code.co_filename
            if users(filename):
                self.report(cause, filename, importer.f_lineno)

    def uninstall(self) -> None:
        while self._undo:
            self._undo.pop()()
        self._names.clear()
        self.aliases.clear()
        self.causes.clear()
        self.pending.clear()
        self.own.clear()
        self.packages.clear()
