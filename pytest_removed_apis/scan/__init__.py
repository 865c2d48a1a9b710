"""Static scan: the places in Python source that reference a catalogued API, found from the
syntax tree alone -- nothing is imported or run.

Each file is read and parsed once.  A quick look at the words of the file decides whether
it can mention a catalogued API at all; only such files are analysed.  The analysis binds
the names of each scope (imports, assignments of calls, ``except ... as``, classes, the
``self`` of methods), resolves attribute chains through them, and reports:

* ``import imp``, ``import distutils.core as dc``, ``from asyncore import dispatcher``
  (a submodule of a removed package counts), ``from ssl import wrap_socket``;
* ``importlib.import_module("smtpd")`` and ``__import__("asynchat")`` with literal names;
* removed names reached through a chain: ``ssl.wrap_socket``, ``ut.TestCase.assertEquals``
  after ``import unittest as ut``, ``S()`` after ``from configparser import
  SafeConfigParser as S``, ``getattr(ssl, "wrap_socket")``;
* members reached through an instance whose class is known: ``self.assertEquals`` in a
  subclass of ``unittest.TestCase``, ``parser.readfp`` after ``parser =
  configparser.ConfigParser()``, ``e.filename`` after ``except configparser.ParsingError as
  e``;
* removed keyword parameters: ``ftplib.FTP_TLS(keyfile=...)``, ``smtp.starttls(keyfile=...)``;
* the removed behaviours that show in the source: a finder class with ``find_module()`` and
  no ``find_spec()``, a loader's ``module_repr()``, ``random.randrange(10.0)``,
  ``shlex.split(None)``, ``entry_points()["group"]`` and ``entry_points().get(...)``,
  mutating the result of ``entry_points(group=...)``, ``@classmethod`` stacked on
  ``@property``, ``TypedDict("T", x=int)``, ``with pathlib.Path(...)``.

A name bound in more than one way is not followed (a ``None`` fallback, as in ``except
ImportError: imp = None``, is not another way).  Uses that the target release never runs --
under a version check, in a ``try`` whose handler catches what the release raises, behind a
feature check -- are dropped, by the rules of :mod:`pytest_removed_apis.guards`.
"""

from __future__ import annotations

import ast
import bisect
import builtins
import copy
import os
import warnings
from dataclasses import dataclass
from importlib.util import decode_source
from typing import Any, Callable, Final, Iterable, Iterator, List, NamedTuple, Tuple, Union

from pytest_removed_apis import guards
from pytest_removed_apis.catalog import CATALOG, RELEASES, Entry, version_tuple

__all__ = ["SKIPPED_DIRECTORIES", "ScanError", "Scanner", "Use", "python_files"]


@dataclass(frozen=True)
class Use:
    """A reference to a catalogued API: ``line`` and ``col`` count from 1, ``col`` in
    characters."""

    __slots__ = ("path", "line", "col", "entry")

    path: str
    line: int
    col: int
    entry: Entry


class ScanError(Exception):
    """A file that cannot be scanned; the message says why (without the file name):
    ``invalid syntax (line 3, column 7)``, ``cannot read: Permission denied``."""


# Directories a walk does not enter (a path named on the command line is always scanned).
SKIPPED_DIRECTORIES: Final = frozenset(
    {"__pycache__", "node_modules", "site-packages", "dist-packages", "venv", "build", "dist"}
)


def python_files(path: str) -> Iterator[str]:
    """``path`` itself if it is a file, else the ``*.py`` files under it, in sorted order.

    The walk skips hidden directories, :data:`SKIPPED_DIRECTORIES` (``build`` and ``dist``
    only when they are not packages), ``*.egg-info`` and virtual environments (a
    ``pyvenv.cfg`` file); it does not follow symbolic links to directories.
    """
    if not os.path.isdir(path):
        yield path
        return
    for folder, dirs, files in os.walk(path):
        dirs[:] = sorted(name for name in dirs if not _skipped(os.path.join(folder, name)))
        for name in sorted(files):
            if name.endswith(".py"):
                yield os.path.join(folder, name)


def _skipped(folder: str) -> bool:
    name = os.path.basename(folder)
    if name.startswith(".") or name.endswith(".egg-info"):
        return True
    if os.path.isfile(os.path.join(folder, "pyvenv.cfg")):
        return True
    if name in ("build", "dist"):
        return not os.path.isfile(os.path.join(folder, "__init__.py"))
    return name in SKIPPED_DIRECTORIES


# What the standard library's classes inherit, where it matters for a member lookup.
_BASES: Final[dict[str, tuple[str, ...]]] = {
    "configparser.ConfigParser": ("configparser.RawConfigParser",),
    "configparser.SafeConfigParser": ("configparser.ConfigParser",),
    "configparser.MissingSectionHeaderError": ("configparser.ParsingError",),
    "pathlib.PosixPath": ("pathlib.Path",),
    "pathlib.WindowsPath": ("pathlib.Path",),
    "random.SystemRandom": ("random.Random",),
    "smtplib.LMTP": ("smtplib.SMTP",),
    "smtplib.SMTP_SSL": ("smtplib.SMTP",),
    "turtle.Pen": ("turtle.Turtle",),
    "turtle.RawPen": ("turtle.RawTurtle",),
    "turtle.Turtle": ("turtle.RawTurtle",),
    "unittest.FunctionTestCase": ("unittest.TestCase",),
    "unittest.IsolatedAsyncioTestCase": ("unittest.TestCase",),
}
# Other spellings of the same object.
_CANONICAL: Final[dict[str, str]] = {
    "unittest.async_case.IsolatedAsyncioTestCase": "unittest.IsolatedAsyncioTestCase",
    "unittest.case.FunctionTestCase": "unittest.FunctionTestCase",
    "unittest.case.TestCase": "unittest.TestCase",
    "unittest.loader.TestLoader": "unittest.TestLoader",
    "unittest.loader.defaultTestLoader": "unittest.defaultTestLoader",
    "unittest.main.TestProgram": "unittest.TestProgram",
}
# Module-level instances of a class.
_INSTANCES: Final[dict[str, str]] = {"unittest.defaultTestLoader": "unittest.TestLoader"}
# Bases that make a class a finder.
_FINDER_BASES: Final = frozenset(
    {"importlib.abc.Finder", "importlib.abc.MetaPathFinder", "importlib.abc.PathEntryFinder"}
)
# Bases a finder may have and still lack find_spec() (on 3.11).
_SPECLESS_BASES: Final = frozenset(
    {
        "builtins.object",
        "importlib.abc.Finder",
        "importlib.abc.MetaPathFinder",
        "importlib.abc.PathEntryFinder",
        "importlib.abc.Loader",
        "importlib.abc.InspectLoader",
        "importlib.abc.ExecutionLoader",
        "importlib.abc.ResourceLoader",
    }
)
_DICT_METHODS: Final = frozenset({"get", "keys", "values", "items"})
_LIST_METHODS: Final = frozenset(
    {"append", "extend", "insert", "pop", "remove", "reverse", "sort"}
)
# The methods of what entry_points() returns that 3.12 took away.
_INTERFACES: Final = {
    **{
        ("groups", name): "importlib.metadata.entry_points:dict-interface"
        for name in _DICT_METHODS
    },
    **{
        ("entry_points", name): "importlib.metadata.EntryPoints:list-interface"
        for name in _LIST_METHODS
    },
}
_IMPORTERS: Final = frozenset(
    {"importlib.import_module", "importlib.__import__", "builtins.__import__"}
)
_RANDRANGE: Final = frozenset({"random.randrange", "random.Random.randrange"})
_BUILTIN_NAMES: Final = frozenset(dir(builtins))
# Behaviours the scan recognises, with the words a file must contain (any one group).
_BEHAVIOUR_WORDS: Final[dict[str, tuple[tuple[str, ...], ...]]] = {
    "builtins.classmethod:descriptor-chaining": (("classmethod", "property"),),
    "importlib:find_module-fallback": (("find_module",), ("find_loader",)),
    "importlib:module_repr-support": (("module_repr",),),
    "importlib.metadata.EntryPoints:list-interface": (("importlib", "entry_points"),),
    "importlib.metadata.entry_points:dict-interface": (("importlib", "entry_points"),),
    "pathlib.Path:context-manager": (("pathlib", "with"),),
    "random.randrange:integral-float": (("random", "randrange"),),
    "random.randrange:non-integer": (("random", "randrange"),),
    "shlex.split:None": (("shlex", "None"),),
    "typing.TypedDict:keyword-arguments": (("typing", "TypedDict"),),
}
# Bytes that cannot be part of a name become spaces: the words of a file are then split().
_WORD_BYTES: Final = bytes(
    byte if chr(byte).isalnum() or byte == ord("_") or byte > 127 else ord(" ")
    for byte in range(256)
)


@dataclass(frozen=True)
class _Ref:
    """A named object of some module: ``ssl``, ``ssl.wrap_socket``."""

    name: str


@dataclass(frozen=True)
class _Instance:
    """An instance of a standard-library class."""

    cls: str


@dataclass(frozen=True)
class _Special:
    """``groups``: what ``entry_points()`` returns; ``select``: its ``select`` method;
    ``entry_points``: what ``entry_points(group=...)`` returns."""

    what: str


class _Class:
    """A class defined in the scanned file."""

    def __init__(self, node: ast.ClassDef, scope: _Scope) -> None:
        self.node = node
        self.scope = scope  # where the class statement runs: its bases are looked up there
        self.body: _Scope | None = None
        self.parts: tuple[tuple[str, ...], tuple[_Class, ...], bool] | None = None


@dataclass(frozen=True)
class _Local:
    """A class of the file (``instance`` false) or an instance of one."""

    cls: _Class
    instance: bool


_Value = Union[_Ref, _Instance, _Special, _Local, None]
_NONE: Final = _Ref("builtins.None")


class _Binding(NamedTuple):
    """How a name is bound: ``how`` is import (``dotted``, by ``statement``), expr
    (``node`` evaluated in ``scope``), except (an instance of the class ``node``), class,
    self or cls (``cls``), or unknown."""

    how: str
    dotted: str = ""
    node: ast.expr | None = None
    scope: _Scope | None = None
    cls: _Class | None = None
    statement: ast.stmt | None = None  # the import


_UNKNOWN: Final = _Binding("unknown")


class _Scope:
    def __init__(self, kind: str, parent: _Scope | None) -> None:
        self.kind = kind  # module, function, class, comprehension
        self.parent = parent
        self.bindings: dict[str, list[_Binding]] = {}
        self.declared: set[str] = set()  # global and nonlocal names
        self.values: dict[str, _Value] = {}
        self.cls: _Class | None = None  # the class whose body this is

    def bind(self, name: str, binding: _Binding) -> None:
        self.bindings.setdefault(name, []).append(binding)


class _Found(NamedTuple):
    """A use before the guards are asked: the node that positions it, and what to ask."""

    node: ast.AST
    entry: Entry
    raises: str
    requires: tuple[ast.stmt, ...] = ()
    """Imports that bind the name used: the use counts only if one of them does."""


_Candidates = List[Tuple[ast.AST, _Scope]]  # noqa: UP006 - evaluated at run time on 3.8
_Positioned = Tuple[int, int]  # noqa: UP006 - (line, column in UTF-8 bytes)


class _Tables:
    """What a scan looks for, indexed."""

    def __init__(self, entries: Iterable[Entry], target: tuple[int, int]) -> None:
        chosen = [entry for entry in entries if entry.removed_by(target)]
        self.modules: dict[str, Entry] = {}
        self.names: dict[str, Entry] = {}
        self.params: dict[str, dict[str, Entry]] = {}
        self.behaviours: dict[str, Entry] = {}
        groups: list[tuple[str, ...]] = []
        for entry in chosen:
            top = entry.module.split(".")[0]
            if entry.kind == "module":
                self.modules[entry.module] = entry
                groups.append(tuple(entry.module.split(".")))
            elif entry.kind == "parameter":
                aspect = str(entry.aspect)  # a parameter entry always names its keyword
                self.params.setdefault(entry.name, {})[aspect] = entry
                groups.append((top, aspect))
            elif entry.kind == "behaviour":
                if entry.id in _BEHAVIOUR_WORDS:  # the others do not show in the source
                    self.behaviours[entry.id] = entry
                    groups.extend(_BEHAVIOUR_WORDS[entry.id])
            else:
                self.names[entry.name] = entry
                groups.append((top, entry.name.rsplit(".", 1)[1]))
        self.members = set(self.names) | set(self.params) | {"random.Random.randrange"}
        owners = {name.rsplit(".", 1)[0] for name in self.members}
        self.classes = owners | set(_BASES) | {base for bs in _BASES.values() for base in bs}
        self.attrs = {name.rsplit(".", 1)[1] for name in self.names}
        if "importlib.metadata.entry_points:dict-interface" in self.behaviours:
            self.attrs |= _DICT_METHODS
        if "importlib.metadata.EntryPoints:list-interface" in self.behaviours:
            self.attrs |= _LIST_METHODS
        self.aspects = {aspect for keywords in self.params.values() for aspect in keywords}
        self.groups = [frozenset(word.encode() for word in group) for group in groups]
        self.words = frozenset().union(*self.groups)

    def lineage(self, cls: str) -> tuple[str, ...]:
        """The class and its standard-library bases, nearest first."""
        found = [cls]
        for base in _BASES.get(cls, ()):
            found.extend(self.lineage(base))
        return tuple(found)

    def worth_a_look(self, data: bytes) -> bool:
        """Whether the file has the words of some use the scan can find."""
        present = self.words.intersection(data.translate(_WORD_BYTES).split())
        return any(group <= present for group in self.groups)


class Scanner:
    """Finds the uses of catalogued APIs in source, for a target release (``"3.12"``).

    ``entries`` defaults to the whole catalog; an API counts when the target release or an
    earlier one removed it.
    """

    def __init__(self, target: str = "3.12", entries: Iterable[Entry] | None = None) -> None:
        if target not in RELEASES:
            raise ValueError(f"unknown target {target!r}; use one of: {', '.join(RELEASES)}")
        self.target = target
        self._version = version_tuple(target)
        self._tables = _Tables(CATALOG if entries is None else entries, self._version)

    def file(self, path: str) -> list[Use]:
        """The uses in the file; :class:`ScanError` if it cannot be read or parsed."""
        try:
            with open(path, "rb") as stream:
                data = stream.read()
        except OSError as error:
            raise ScanError(f"cannot read: {error.strerror or error}") from None
        return self.source(data, path)

    def source(self, source: bytes | str, path: str = "<source>") -> list[Use]:
        """The uses in the source, sorted by position; :class:`ScanError` if it does not
        parse.  Bytes are decoded as Python decodes a file (coding cookie, BOM)."""
        tree = _parse(source, path)
        data = source if isinstance(source, bytes) else source.encode("utf-8", "replace")
        if not self._tables.worth_a_look(data):
            return []
        try:
            return self._uses(source, path, tree)
        except RecursionError:  # 3.8 parses chains deeper than the analysis can follow
            raise ScanError("too deeply nested to analyse") from None

    def _uses(self, source: bytes | str, path: str, tree: ast.Module) -> list[Use]:
        analysis = _Analysis(self._tables, tree)
        found = analysis.run()
        if not found:
            return []
        text = decode_source(source) if isinstance(source, bytes) else source
        lines = text.split("\n")
        placed = [(_position(item.node, lines), item) for item in found]
        pruned = _Pruner(analysis).module(tree, {line for (line, _), _ in placed})
        reason = guards.unreachable_in(pruned, text)
        kept = [
            (line, col, item)
            for (line, col), item in placed
            if reason(line, self._version, item.raises, _guard_name(item.entry)) is None
        ]
        imports = {id(item.node) for _, _, item in kept}
        uses = {
            Use(path, line, _column(lines, line, col), item.entry)
            for line, col, item in kept
            if not item.requires or any(id(node) in imports for node in item.requires)
        }
        return sorted(uses, key=lambda use: (use.line, use.col, use.entry.id))


class _Pruner:
    """The module as the guards need to see it to judge some lines.

    Indexing a whole file for the guards costs several times its parsing, and most of a
    large file is function and class definitions that hold none of the uses.  Those
    definitions (at module level, and in the bodies of classes that are kept) are left out.
    What the guards read from the whole file -- how often each name is bound, and the
    imports that name ``sys`` -- is kept in one stand-in ``if False:`` block: the imports
    of the definitions left out, and one assignment for each name they bind.
    """

    def __init__(self, analysis: _Analysis) -> None:
        self.bound = sorted(analysis.bound)
        self.imports = sorted(analysis.imports, key=lambda node: node.lineno)
        self.import_lines = [node.lineno for node in self.imports]
        self.standins: list[ast.stmt] = []

    def module(self, tree: ast.Module, lines: set[int]) -> ast.Module:
        body = self._block(tree.body, lines)
        if not self.standins:
            return tree
        standin = ast.If(ast.Constant(False), self.standins, [])
        return ast.Module(body=[*body, standin], type_ignores=[])

    def _block(self, block: list[ast.stmt], lines: set[int]) -> list[ast.stmt]:
        kept: list[ast.stmt] = []
        for statement in block:
            if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                kept.append(statement)
                continue
            first = min([statement.lineno] + [node.lineno for node in statement.decorator_list])
            last = statement.end_lineno or statement.lineno
            if not any(first <= line <= last for line in lines):
                self._leave_out(first, last)
            elif isinstance(statement, ast.ClassDef):
                inner = self._block(statement.body, lines)
                if len(inner) < len(statement.body):
                    statement = copy.copy(statement)
                    statement.body = inner
                kept.append(statement)
            else:
                kept.append(statement)
        return kept

    def _leave_out(self, first: int, last: int) -> None:
        low = bisect.bisect_left(self.bound, (first, ""))
        high = bisect.bisect_left(self.bound, (last + 1, ""))
        for _, name in self.bound[low:high]:
            self.standins.append(ast.Assign([ast.Name(name, ast.Store())], ast.Constant(None)))
        low = bisect.bisect_left(self.import_lines, first)
        high = bisect.bisect_left(self.import_lines, last + 1)
        self.standins.extend(self.imports[low:high])


def _parse(source: bytes | str, path: str) -> ast.Module:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarning and friends are not ours
            return ast.parse(source, path)
    except SyntaxError as error:
        where = f" (line {error.lineno}, column {error.offset})" if error.lineno else ""
        raise ScanError(f"{error.msg}{where}") from None
    except ValueError as error:  # null bytes before 3.12, undecodable source
        raise ScanError(str(error)) from None
    except (RecursionError, MemoryError):  # nesting deeper than the parser handles
        raise ScanError("too deeply nested to parse") from None


def _guard_name(entry: Entry) -> str:
    """The name the guards look for on the line, as the run-time detection asks them."""
    if entry.kind == "module":
        return entry.module
    name = entry.aspect if entry.kind == "parameter" and entry.aspect else entry.name
    return name.rsplit(".", 1)[-1]


def _position(node: ast.AST, lines: list[str]) -> _Positioned:
    """Where a use is shown: an attribute at its name, a keyword at its name."""
    if isinstance(node, ast.Attribute):  # the parser always sets the end
        end = (node.end_lineno or node.lineno, node.end_col_offset or 0)
        return end[0], end[1] - len(node.attr.encode("utf-8"))
    if isinstance(node, ast.keyword) and not hasattr(node, "lineno"):  # 3.8
        return _keyword_position(node, lines)
    return node.lineno, node.col_offset  # type: ignore[attr-defined]


def _keyword_position(node: ast.keyword, lines: list[str]) -> _Positioned:
    """3.8 gives no position to a keyword: find its name before its value (``name =`` may
    end a line before the value's)."""
    value, name = node.value, str(node.arg).encode("utf-8")  # never ``**kwargs``
    first = max(value.lineno - 3, 0)
    texts = [line.encode("utf-8") for line in lines[first : value.lineno]]
    texts[-1] = texts[-1][: value.col_offset]
    before = b"\n".join(texts).rstrip()
    while before.endswith(b"("):  # parentheses around the value are not part of it
        before = before[:-1].rstrip()
    if before.endswith(b"="):
        before = before[:-1].rstrip()
        if before.endswith(name):
            start = len(before) - len(name)
            line = first + before.count(b"\n", 0, start)
            return line + 1, start - (before.rfind(b"\n", 0, start) + 1)
    return value.lineno, value.col_offset


def _column(lines: list[str], line: int, offset: int) -> int:
    """The 1-based character column of a UTF-8 byte offset into the line."""
    text = lines[line - 1] if line <= len(lines) else ""
    if text.isascii():
        return offset + 1
    return len(text.encode("utf-8")[:offset].decode("utf-8", "replace")) + 1


def _string(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _float(node: ast.expr) -> float | None:
    """The value of a float literal (signed or not), else None."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    if isinstance(node, ast.Constant) and type(node.value) is float:
        return node.value
    return None


def _terminal(node: ast.expr) -> str:
    """``c`` for ``a.b.c`` and for ``c``."""
    return str(getattr(node, "attr", getattr(node, "id", "")))


class _Analysis:
    """One parsed file: its scopes first, then each candidate use resolved through them."""

    def __init__(self, tables: _Tables, tree: ast.Module) -> None:
        self.tables = tables
        self.tree = tree
        self.module = _Scope("module", None)
        self.stars: list[str] = []
        self.imported: set[str] = set()  # names bound by an import
        self.bound: list[tuple[int, str]] = []  # (line, name) of each Name bound, def, class
        self.handled: set[int] = set()  # Name targets already bound with their value
        self.lazy_annotations = _future_annotations(tree)
        self.imports: list[ast.Import | ast.ImportFrom] = []
        self.names: list[tuple[ast.Name, _Scope]] = []
        self.attributes: _Candidates = []
        self.calls: _Candidates = []
        self.name_calls: list[tuple[ast.Call, _Scope]] = []
        self.subscripts: _Candidates = []
        self.withs: _Candidates = []
        self.decorated: _Candidates = []
        self.classes: list[_Class] = []
        self.registrations: list[tuple[ast.Call, _Scope]] = []
        self.registered: set[_Class] = set()
        self.found: list[_Found] = []

    def run(self) -> list[_Found]:
        self._walk()
        for statement in self.imports:
            self._import(statement)
        imported = self.imported
        for name, scope in self.names:
            if name.id in imported or self.stars:
                self._name(name, scope)
        for call, scope in self.name_calls:
            if isinstance(call.func, ast.Name) and call.func.id in imported:
                self._call(call, scope)
        for node, scope in self.attributes:
            self._attribute_use(node, scope)
        for node, scope in self.calls:
            self._call(node, scope)
        for node, scope in self.subscripts:
            self._subscript(node, scope)
        if "pathlib.Path:context-manager" in self.tables.behaviours:
            for node, scope in self.withs:
                self._with(node, scope)
        for node, scope in self.decorated:
            self._decorators(node, scope)
        for call, scope in self.registrations:
            self._registration(call, scope)
        for cls in self.classes:
            self._class(cls)
        return self.found

    def _report(
        self,
        node: ast.AST,
        entry: Entry,
        raises: str | None = None,
        requires: tuple[ast.stmt, ...] = (),
    ) -> None:
        raises = raises or entry.raises or "Exception"
        self.found.append(_Found(node, entry, raises, requires))

    def _behaviour(self, node: ast.AST, entry_id: str) -> None:
        entry = self.tables.behaviours.get(entry_id)
        if entry is not None:
            self._report(node, entry)

    # The walk: scopes, bindings and candidates.

    def _walk(self) -> None:
        stack: list[tuple[ast.AST, _Scope]] = [(self.tree, self.module)]
        push, pop = stack.append, stack.pop
        attrs, handlers, handled = self.tables.attrs, self._HANDLERS, self.handled
        while stack:
            node, scope = pop()
            kind = type(node)
            if kind is ast.Name:
                assert isinstance(node, ast.Name)
                if type(node.ctx) is ast.Load:
                    self.names.append((node, scope))
                else:
                    self.bound.append((node.lineno, node.id))
                    if id(node) not in handled:
                        scope.bind(node.id, _UNKNOWN)
            elif kind is ast.Attribute:
                assert isinstance(node, ast.Attribute)
                if node.attr in attrs and type(node.ctx) is ast.Load:
                    self.attributes.append((node, scope))
                push((node.value, scope))
            elif kind in handlers:
                handlers[kind](self, node, scope, push)
            elif kind is not ast.Constant:
                for field in _FIELDS.get(kind) or _child_fields(kind):
                    value = getattr(node, field, None)
                    if type(value) is list:
                        _push_all(push, value, scope)
                    elif isinstance(value, ast.AST):
                        push((value, scope))
                    elif field in _PATTERN_NAMES and type(value) is str:
                        scope.bind(value, _UNKNOWN)  # a 3.10+ match pattern binds it

    def _function(self, node: ast.AST, scope: _Scope, push: _Push) -> None:
        assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        inner = _Scope("function", scope)
        arguments = node.args
        for default in [*arguments.defaults, *arguments.kw_defaults]:
            if default is not None:
                push((default, scope))
        every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
        every += [arg for arg in (arguments.vararg, arguments.kwarg) if arg is not None]
        for arg in every:
            inner.bind(arg.arg, _UNKNOWN)
            if arg.annotation is not None and not self.lazy_annotations:
                push((arg.annotation, scope))
        if isinstance(node, ast.Lambda):
            push((node.body, inner))
            return
        scope.bind(node.name, _UNKNOWN)
        self.bound.append((node.lineno, node.name))
        if len(node.decorator_list) > 1:
            self.decorated.append((node, scope))
        for decorator in node.decorator_list:
            push((decorator, scope))
        if node.returns is not None and not self.lazy_annotations:
            push((node.returns, scope))
        positional = [*arguments.posonlyargs, *arguments.args]
        owner = scope.cls
        if owner is not None and positional:
            kinds = {_terminal(decorator) for decorator in node.decorator_list}
            if "staticmethod" not in kinds:
                how = "cls" if "classmethod" in kinds else "self"
                inner.bindings[positional[0].arg] = [_Binding(how, cls=owner)]
        for statement in node.body:
            push((statement, inner))

    def _class_def(self, node: ast.AST, scope: _Scope, push: _Push) -> None:
        assert isinstance(node, ast.ClassDef)
        cls = _Class(node, scope)
        self.classes.append(cls)
        scope.bind(node.name, _Binding("class", cls=cls))
        self.bound.append((node.lineno, node.name))
        for child in [*node.bases, *node.keywords, *node.decorator_list]:
            push((child, scope))
        body = _Scope("class", scope)
        body.cls = cls
        cls.body = body
        for statement in node.body:
            push((statement, body))

    def _comprehension(self, node: ast.AST, scope: _Scope, push: _Push) -> None:
        assert isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp))
        inner = _Scope("comprehension", scope)
        first = node.generators[0]
        push((first.iter, scope))  # the only part evaluated in the enclosing scope
        push((first.target, inner))
        for condition in first.ifs:
            push((condition, inner))
        for generator in node.generators[1:]:
            push((generator, inner))
        for part in ("elt", "key", "value"):
            child = getattr(node, part, None)
            if child is not None:
                push((child, inner))

    def _import(self, node: ast.Import | ast.ImportFrom) -> None:
        tables = self.tables
        if isinstance(node, ast.Import):
            for alias in node.names:
                entry = _module_entry(tables, alias.name)
                if entry is not None:
                    self._report(node, entry)
            return
        if node.level or not node.module:
            return
        entry = _module_entry(tables, node.module)
        if entry is not None:
            self._report(node, entry)
            return
        for alias in node.names:
            dotted = f"{node.module}.{alias.name}"
            entry = tables.modules.get(dotted)
            if entry is not None:
                self._report(node, entry)
                continue
            entry = tables.names.get(_canonical(dotted))
            if entry is not None:
                self._report(node, entry, "ImportError")

    def _import_binding(self, node: ast.AST, scope: _Scope, push: _Push) -> None:
        assert isinstance(node, (ast.Import, ast.ImportFrom))
        self.imports.append(node)
        if isinstance(node, ast.Import):
            for alias in node.names:
                dotted = alias.name if alias.asname else alias.name.split(".")[0]
                bound = alias.asname or dotted
                scope.bind(bound, _Binding("import", dotted=dotted, statement=node))
                self.imported.add(bound)
            return
        for alias in node.names:
            if alias.name == "*":
                if not node.level and node.module:
                    self.stars.append(node.module)
                continue
            bound = alias.asname or alias.name
            if node.level or not node.module:
                scope.bind(bound, _UNKNOWN)
            else:
                dotted = f"{node.module}.{alias.name}"
                scope.bind(bound, _Binding("import", dotted=dotted, statement=node))
                self.imported.add(bound)

    def _assign(self, node: ast.AST, scope: _Scope, push: _Push) -> None:
        value: ast.expr | None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign):
            targets, value = [node.target], node.value
            if not (self.lazy_annotations or scope.kind == "function"):
                push((node.annotation, scope))  # evaluated when the statement runs
            if value is None and isinstance(node.target, ast.Name):
                self.handled.add(id(node.target))  # ``x: int`` binds nothing
        else:
            assert isinstance(node, ast.NamedExpr)
            targets, value = [node.target], node.value
        binder = scope  # ``:=`` in a comprehension binds in the enclosing scope
        while isinstance(node, ast.NamedExpr) and binder.parent and binder.kind == "comprehension":
            binder = binder.parent
        for target in targets:
            if isinstance(target, ast.Name) and value is not None:
                self.handled.add(id(target))
                binder.bind(target.id, _Binding("expr", node=value, scope=scope))
            push((target, scope))
        if value is not None:
            push((value, scope))

    def _with_statement(self, node: ast.AST, scope: _Scope, push: _Push) -> None:
        assert isinstance(node, (ast.With, ast.AsyncWith))
        for item in node.items:
            self.withs.append((item.context_expr, scope))
            target = item.optional_vars
            if isinstance(target, ast.Name):
                self.handled.add(id(target))
                scope.bind(target.id, _Binding("expr", node=item.context_expr, scope=scope))
            push((item.context_expr, scope))
            if target is not None:
                push((target, scope))
        for statement in node.body:
            push((statement, scope))

    def _handler(self, node: ast.AST, scope: _Scope, push: _Push) -> None:
        assert isinstance(node, ast.ExceptHandler)
        if node.name:
            scope.bind(node.name, _Binding("except", node=node.type, scope=scope))
        for child in ast.iter_child_nodes(node):
            push((child, scope))

    def _declaration(self, node: ast.AST, scope: _Scope, push: _Push) -> None:
        assert isinstance(node, (ast.Global, ast.Nonlocal))
        scope.declared.update(node.names)
        outer = self.module
        if isinstance(node, ast.Nonlocal):  # the nearest enclosing function's name
            outer = next((s for s in _chain(scope.parent) if s.kind == "function"), outer)
        for name in node.names:
            outer.bind(name, _UNKNOWN)

    def _call_node(self, node: ast.AST, scope: _Scope, push: _Push) -> None:
        assert isinstance(node, ast.Call)
        func, keywords = node.func, node.keywords
        if _terminal(func) in _CALLED or (
            keywords and not self.tables.aspects.isdisjoint([kw.arg for kw in keywords])
        ):
            self.calls.append((node, scope))
        elif type(func) is ast.Name:  # worth a look if an import binds it (known at the end)
            self.name_calls.append((node, scope))
        if (
            isinstance(func, ast.Attribute)
            and func.attr in ("append", "insert")
            and _terminal(func.value) in ("meta_path", "path_hooks")
        ):
            self.registrations.append((node, scope))
        push((func, scope))
        _push_all(push, node.args, scope)
        for keyword in node.keywords:
            push((keyword.value, scope))

    def _subscript_node(self, node: ast.AST, scope: _Scope, push: _Push) -> None:
        assert isinstance(node, ast.Subscript)
        if isinstance(node.ctx, ast.Load):
            self.subscripts.append((node, scope))
        for child in ast.iter_child_nodes(node):
            push((child, scope))

    _HANDLERS: Final[dict[type[ast.AST], Callable[[_Analysis, ast.AST, _Scope, _Push], None]]] = {
        ast.FunctionDef: _function,
        ast.AsyncFunctionDef: _function,
        ast.Lambda: _function,
        ast.ClassDef: _class_def,
        ast.ListComp: _comprehension,
        ast.SetComp: _comprehension,
        ast.GeneratorExp: _comprehension,
        ast.DictComp: _comprehension,
        ast.Import: _import_binding,
        ast.ImportFrom: _import_binding,
        ast.Assign: _assign,
        ast.AnnAssign: _assign,
        ast.NamedExpr: _assign,
        ast.With: _with_statement,
        ast.AsyncWith: _with_statement,
        ast.ExceptHandler: _handler,
        ast.Global: _declaration,
        ast.Nonlocal: _declaration,
        ast.Call: _call_node,
        ast.Subscript: _subscript_node,
    }

    # Values: what a name or an expression stands for.

    def _binder(self, name: str, scope: _Scope) -> _Scope | None:
        """The scope whose binding of the name a use in ``scope`` sees; None if it is not
        bound in the file, or is declared global or nonlocal."""
        current: _Scope | None = scope
        while current is not None:
            if name in current.declared:
                return None
            if (current is scope or current.kind != "class") and name in current.bindings:
                return current
            current = current.parent
        return None

    def _lookup(self, name: str, scope: _Scope) -> _Value:
        binder = self._binder(name, scope)
        if binder is not None:
            return self._bound(binder, name)
        if any(name in current.declared for current in _chain(scope)):
            return None
        for module in self.stars:
            dotted = _canonical(f"{module}.{name}")
            if dotted in self.tables.members or dotted in self.tables.names:
                return _Ref(dotted)
        return _Ref("builtins." + name) if name in _BUILTIN_NAMES else None

    def _bound(self, scope: _Scope, name: str) -> _Value:
        if name in scope.values:
            return scope.values[name]
        scope.values[name] = None  # while it is being worked out (``x = x.y``)
        values = {self._binding(binding) for binding in scope.bindings[name]}
        if len(values) == 2 and _NONE in values:  # ``x = None`` as the fallback
            values.discard(_NONE)
            (other,) = values
            if isinstance(other, _Ref) and self._removed(other.name):
                values.add(_NONE)  # the removed name itself may be None: unclear
        value = values.pop() if len(values) == 1 else None
        scope.values[name] = value
        return value

    def _removed(self, dotted: str) -> bool:
        return dotted in self.tables.names or _module_entry(self.tables, dotted) is not None

    def _binding(self, binding: _Binding) -> _Value:
        if binding.how == "import":
            return _ref(binding.dotted)
        if binding.how == "expr" and binding.node is not None and binding.scope is not None:
            if isinstance(binding.node, ast.Constant) and binding.node.value is None:
                return _NONE
            return self._value(binding.node, binding.scope)
        if binding.how == "except" and binding.node is not None and binding.scope is not None:
            return self._instance_of(self._value(binding.node, binding.scope))
        if binding.cls is not None:  # class, self, cls
            return _Local(binding.cls, instance=binding.how == "self")
        return None

    def _value(self, node: ast.expr, scope: _Scope) -> _Value:
        if isinstance(node, ast.Name):
            return self._lookup(node.id, scope)
        if isinstance(node, ast.Attribute):
            return self._member(self._value(node.value, scope), node.attr)
        if isinstance(node, ast.Call):
            called = self._value(node.func, scope)
            if called == _Ref("importlib.metadata.entry_points"):
                return _Special("entry_points" if node.args or node.keywords else "groups")
            if called == _Special("select"):
                return _Special("entry_points")
            return self._instance_of(called)
        return None

    def _instance_of(self, cls: _Value) -> _Value:
        if isinstance(cls, _Ref) and cls.name in self.tables.classes:
            return _Instance(cls.name)
        if isinstance(cls, _Local) and not cls.instance:
            return _Local(cls.cls, instance=True)
        return None

    def _member(self, value: _Value, attr: str) -> _Value:
        """What ``value.attr`` stands for."""
        if isinstance(value, _Special):
            return _Special("select") if value.what == "groups" and attr == "select" else None
        if isinstance(value, _Local):
            stdlib, local, _ = self._parts(value.cls)
            if any(cls.body is not None and attr in cls.body.bindings for cls in local):
                return None  # the class of the file defines it
            classes: tuple[str, ...] = stdlib
        elif isinstance(value, _Instance):
            classes = self.tables.lineage(value.cls)
        elif isinstance(value, _Ref):
            dotted = f"{value.name}.{attr}"
            if value.name not in self.tables.classes:
                return _ref(dotted)
            classes = self.tables.lineage(value.name)
        else:
            return None
        for cls in classes:
            dotted = f"{cls}.{attr}"
            if dotted in self.tables.members:
                return _Ref(dotted)
        return _ref(f"{value.name}.{attr}") if isinstance(value, _Ref) else None

    def _parts(self, cls: _Class) -> tuple[tuple[str, ...], tuple[_Class, ...], bool]:
        """The class's standard-library classes (with their bases), its classes in the file
        (itself first), and whether some base is neither."""
        if cls.parts is not None:
            return cls.parts
        cls.parts = ((), (cls,), True)  # while it is being worked out
        stdlib: list[str] = []
        local: list[_Class] = [cls]
        other = False
        for base in cls.node.bases:
            value = self._value(base, cls.scope)
            if isinstance(value, _Local) and not value.instance:
                more = self._parts(value.cls)
                stdlib.extend(more[0])
                local.extend(more[1])
                other = other or more[2]
            elif isinstance(value, _Ref) and value.name in self.tables.classes:
                stdlib.extend(self.tables.lineage(value.name))
            elif isinstance(value, _Ref) and value.name in _SPECLESS_BASES:
                stdlib.append(value.name)
            else:
                other = True  # a class of another module or an expression: unknown
        cls.parts = (tuple(stdlib), tuple(local), other)
        return cls.parts

    # Candidates.

    def _name(self, node: ast.Name, scope: _Scope) -> None:
        """A name an import bound to a removed API: a use where the import is one (an import
        that is guarded leaves the name to code that does without it)."""
        value = self._lookup(node.id, scope)
        entry = self.tables.names.get(value.name) if isinstance(value, _Ref) else None
        if entry is None:
            return
        binder = self._binder(node.id, scope)
        bindings = binder.bindings[node.id] if binder is not None else []
        imports = tuple(b.statement for b in bindings if b.statement is not None)
        self._report(node, entry, requires=imports)

    def _attribute_use(self, node: ast.AST, scope: _Scope) -> None:
        assert isinstance(node, ast.Attribute)
        owner = self._value(node.value, scope)
        if isinstance(owner, _Special):
            behaviour = _INTERFACES.get((owner.what, node.attr))
            if behaviour is not None:
                self._behaviour(node, behaviour)
            return
        value = self._member(owner, node.attr)
        entry = self.tables.names.get(value.name) if isinstance(value, _Ref) else None
        if entry is not None:
            self._report(node, entry)

    def _call(self, node: ast.AST, scope: _Scope) -> None:
        assert isinstance(node, ast.Call)
        called = self._value(node.func, scope)
        if not isinstance(called, _Ref):
            return
        name, args = called.name, node.args
        if name in _IMPORTERS and args:
            module = _string(args[0])
            entry = _module_entry(self.tables, module) if module else None
            if entry is not None:
                self._report(args[0], entry)
        elif name == "builtins.getattr" and len(args) == 2 and not node.keywords:
            attr = _string(args[1])
            if attr is not None and attr.isidentifier():
                value = self._member(self._value(args[0], scope), attr)
                entry = self.tables.names.get(value.name) if isinstance(value, _Ref) else None
                if entry is not None:
                    self._report(args[1], entry)
        elif name in _RANDRANGE:
            given = [*args[:3]] + [kw.value for kw in node.keywords if kw.arg in _RANGE_ARGS]
            for arg in given:
                number = _float(arg)
                if number is not None:
                    aspect = "integral-float" if number.is_integer() else "non-integer"
                    self._behaviour(arg, "random.randrange:" + aspect)
        elif name == "shlex.split":
            given = [*args[:1]] + [kw.value for kw in node.keywords if kw.arg == "s"]
            if given and isinstance(given[0], ast.Constant) and given[0].value is None:
                self._behaviour(given[0], "shlex.split:None")
        elif name == "typing.TypedDict":
            fields = [kw for kw in node.keywords if kw.arg not in (None, "total")]
            if fields:
                self._behaviour(fields[0], "typing.TypedDict:keyword-arguments")
        for keyword in node.keywords:
            entry = self.tables.params.get(name, {}).get(keyword.arg or "")
            if entry is not None:
                self._report(keyword, entry)

    def _subscript(self, node: ast.AST, scope: _Scope) -> None:
        assert isinstance(node, ast.Subscript)
        groups = isinstance(node.value, (ast.Call, ast.Name)) and self._value(node.value, scope)
        if groups == _Special("groups"):
            self._behaviour(node, "importlib.metadata.entry_points:dict-interface")

    def _with(self, node: ast.AST, scope: _Scope) -> None:
        assert isinstance(node, ast.expr)
        value = self._value(node, scope)
        if isinstance(value, _Instance) and "pathlib.Path" in self.tables.lineage(value.cls):
            self._behaviour(node, "pathlib.Path:context-manager")

    def _decorators(self, node: ast.AST, scope: _Scope) -> None:
        assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        decorators = node.decorator_list
        for outer, inner in zip(decorators, decorators[1:]):
            if self._value(outer, scope) == _Ref("builtins.classmethod") and self._value(
                inner, scope
            ) == _Ref("builtins.property"):
                self._behaviour(outer, "builtins.classmethod:descriptor-chaining")

    def _class(self, cls: _Class) -> None:
        """A finder offering find_module() but no find_spec(); a loader's module_repr()."""
        defined = {
            statement.name: statement
            for statement in cls.node.body
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))
        }
        if "module_repr" in defined:
            self._behaviour(defined["module_repr"], "importlib:module_repr-support")
        legacy = [defined[name] for name in ("find_module", "find_loader") if name in defined]
        if not legacy:
            return
        stdlib, local, other = self._parts(cls)
        has_spec = any(c.body is not None and "find_spec" in c.body.bindings for c in local)
        if has_spec or other or not all(base in _SPECLESS_BASES for base in stdlib):
            return
        # A method of that name alone does not make a finder (modulefinder has one).
        if cls in self.registered or any(base in _FINDER_BASES for base in stdlib):
            self._behaviour(legacy[0], "importlib:find_module-fallback")

    def _registration(self, node: ast.Call, scope: _Scope) -> None:
        """``sys.meta_path.insert(0, finder)``, ``sys.path_hooks.append(Finder)``: a class
        of the file so registered is a finder."""
        assert isinstance(node.func, ast.Attribute)
        where = self._value(node.func.value, scope)
        if where in (_Ref("sys.meta_path"), _Ref("sys.path_hooks")):
            for arg in node.args:
                value = self._value(arg, scope)
                if isinstance(value, _Local):
                    self.registered.add(value.cls)


_Push = Callable[[Tuple[ast.AST, _Scope]], None]
_PATTERN_NAMES: Final = frozenset({"name", "rest"})  # MatchAs, MatchStar, MatchMapping


def _child_fields(kind: type[ast.AST]) -> tuple[str, ...]:
    """The fields of a node type that can hold nodes worth walking, or bound names."""
    skipped = {"ctx", "op", "ops", "type_comment"}
    if not kind.__name__.startswith("Match"):
        skipped |= _PATTERN_NAMES
    return tuple(field for field in kind._fields if field not in skipped)


# Per node type, the fields to walk.
_FIELDS: Final[dict[type[ast.AST], tuple[str, ...]]] = {
    kind: _child_fields(kind)
    for kind in vars(ast).values()
    if isinstance(kind, type) and issubclass(kind, ast.AST)
}


def _push_all(push: _Push, nodes: list[Any], scope: _Scope) -> None:
    for node in nodes:
        if isinstance(node, ast.AST):
            push((node, scope))


_CALLED: Final = frozenset(
    {"import_module", "__import__", "getattr", "randrange", "split", "TypedDict"}
)
_RANGE_ARGS: Final = frozenset({"start", "stop", "step"})


def _chain(scope: _Scope | None) -> Iterator[_Scope]:
    current = scope
    while current is not None:
        yield current
        current = current.parent


def _canonical(dotted: str) -> str:
    return _CANONICAL.get(dotted, dotted)


def _ref(dotted: str) -> _Value:
    dotted = _canonical(dotted)
    cls = _INSTANCES.get(dotted)
    return _Instance(cls) if cls is not None else _Ref(dotted)


def _module_entry(tables: _Tables, module: str) -> Entry | None:
    """The module entry that importing ``module`` uses: its own, or its package's."""
    parts = module.split(".")
    for end in range(1, len(parts) + 1):
        entry = tables.modules.get(".".join(parts[:end]))
        if entry is not None:
            return entry
    return None


def _future_annotations(tree: ast.Module) -> bool:
    """Whether ``from __future__ import annotations`` leaves annotations unevaluated."""
    for statement in tree.body:
        if isinstance(statement, ast.ImportFrom) and statement.module == "__future__":
            if any(alias.name == "annotations" for alias in statement.names):
                return True
        elif not (isinstance(statement, ast.Expr) and _string(statement.value) is not None):
            return False
    return False
