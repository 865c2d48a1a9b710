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
import copy
import os
import warnings
from dataclasses import dataclass
from importlib.util import decode_source
from typing import Final, Iterable, Iterator, Tuple

from pytest_removed_apis import guards
from pytest_removed_apis.catalog import CATALOG, RELEASES, Entry, version_tuple
from pytest_removed_apis.scan.analysis import Analysis
from pytest_removed_apis.scan.model import Tables

_Positioned = Tuple[int, int]  # noqa: UP006 - (line, column in UTF-8 bytes)

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
        self._tables = Tables(CATALOG if entries is None else entries, self._version)

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
        analysis = Analysis(self._tables, tree)
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

    def __init__(self, analysis: Analysis) -> None:
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
