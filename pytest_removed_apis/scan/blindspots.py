"""Blind spots: the uses of removed APIs in the measured source that no test executed.

A test run sees a use only when a test executes it.  When coverage.py measures the run, its
data says which lines ran; the static scan (:mod:`pytest_removed_apis.scan`) says where the
source uses a catalogued API.  Put together they give the uses no runtime check could see.

Pure: no pytest.  coverage is used only when it already measures, only through its
documented API, and imported only inside the functions that need it: importing this module
does not import coverage.
"""

from __future__ import annotations

import ast
import bisect
import os
import warnings
from dataclasses import dataclass
from typing import Any, Dict, Final, Iterable, Tuple

from pytest_removed_apis.findings import Wire
from pytest_removed_apis.intercept.classify import SITE_DIRS, is_library
from pytest_removed_apis.scan import ScanError, Scanner, Use

__all__ = ["StaticUse", "StaticUses", "blind_spots", "from_wire", "to_wire"]


@dataclass(frozen=True)
class StaticUse:
    """A use of a catalogued API found by the static scan in a measured file.

    ``filename`` is relative to the rootdir (as findings of the test run are), ``line`` and
    ``col`` count from 1 (``col`` in characters), ``api`` is the catalog id.  ``executed``
    says whether the statement holding the use ran while coverage measured.
    """

    __slots__ = (
        "filename",
        "line",
        "col",
        "api",
        "name",
        "kind",
        "removed_in",
        "replacement",
        "doc_url",
        "executed",
    )

    filename: str
    line: int
    col: int
    api: str
    name: str
    kind: str
    removed_in: str
    replacement: str
    doc_url: str
    executed: bool

    @classmethod
    def of(cls, use: Use, filename: str, executed: bool) -> StaticUse:
        entry = use.entry
        return cls(
            filename=filename,
            line=use.line,
            col=use.col,
            api=entry.id,
            name=entry.name,
            kind=entry.kind,
            removed_in=entry.removed_in,
            replacement=entry.replacement,
            doc_url=entry.doc_url,
            executed=executed,
        )


def _order(use: StaticUse) -> tuple[str, int, int, str]:
    return (use.filename, use.line, use.col, use.api)


def to_wire(use: StaticUse) -> Wire:
    """A dict of ``str``, ``int`` and ``bool`` only, as pytest-xdist carries from a worker."""
    return {name: getattr(use, name) for name in StaticUse.__slots__}


def from_wire(data: Wire) -> StaticUse:
    """The inverse of :func:`to_wire`; ``KeyError`` or ``TypeError`` on a malformed dict."""
    return StaticUse(**{name: data[name] for name in StaticUse.__slots__})  # type: ignore[arg-type]


class StaticUses:
    """The static uses that several processes found (pytest-xdist workers, each measured
    on its own), each use once: one that ran in any process ran."""

    def __init__(self) -> None:
        self._uses: Dict[Tuple[str, int, int, str], StaticUse] = {}  # noqa: UP006 - 3.8

    def add(self, wires: Iterable[Wire]) -> None:
        for wire in wires:
            use = from_wire(wire)
            known = self._uses.get(_order(use))
            if known is None or (use.executed and not known.executed):
                self._uses[_order(use)] = use

    @property
    def uses(self) -> list[StaticUse]:
        """Every use, sorted by (filename, line, col, api)."""
        return sorted(self._uses.values(), key=_order)


def blind_spots(cov: Any, rootdir: str, scanner: Scanner) -> list[StaticUse]:
    """Every static use in the project's measured files, with whether it ran, sorted by
    (filename, line, col, api).

    The project's files are the measured files under ``rootdir`` that are neither in a
    ``site-packages`` or ``dist-packages`` folder nor part of the standard library (the
    test run's own rule for "not the project's code").  A file coverage has no lines for
    (``lines()`` is ``None``) is left out; one it measured without any line running
    (``[]``: a module of ``--cov``/``source`` that nothing imported) is kept, every use in
    it unexecuted.  A file that no longer exists, cannot be read or does not parse is left
    out: nothing is said about it rather than something wrong.

    Each file is read and scanned once; only files with a use are parsed again, to map
    lines to statements (:class:`_Statements`), and only those where the lines coverage
    recorded show some use ran are analysed by coverage (:func:`_executed_statements`):
    its analysis can only find fewer uses executed than the recorded lines do.
    """
    data = cov.get_data()
    root = os.path.join(os.path.realpath(rootdir), "")
    found: list[StaticUse] = []
    for measured in data.measured_files():
        shown = _project_file(measured, root)
        if shown is None:
            continue
        lines = data.lines(measured)
        if lines is None:
            continue
        scanned = _scan(scanner, measured)
        if scanned is None:
            continue
        source, uses = scanned
        statements = _Statements(source)
        ran = sorted(set(lines))
        executed = [statements.ran(use.line, ran) for use in uses]
        if any(executed):  # coverage's analysis can only take some back: ask it then only
            ran = _executed_statements(cov, measured, ran)
            executed = [statements.ran(use.line, ran) for use in uses]
        found.extend(StaticUse.of(use, shown, ran) for use, ran in zip(uses, executed))
    return sorted(found, key=_order)


def _project_file(path: str, root: str) -> str | None:
    """The path relative to the rootdir, as the test run shows its findings, for a file of
    the project; ``None`` for any other file."""
    real = os.path.realpath(path)
    if not real.startswith(root) or is_library(real):
        return None
    shown = real[len(root) :]
    if any(part in SITE_DIRS for part in shown.split(os.sep)):
        return None
    return shown


def _scan(scanner: Scanner, path: str) -> tuple[bytes, list[Use]] | None:
    """The file's source and its uses; ``None`` when it has none or cannot be scanned."""
    try:
        with open(path, "rb") as stream:
            source = stream.read()
        uses = scanner.source(source, path)
    except (OSError, ScanError):
        return None
    return (source, uses) if uses else None


def _executed_statements(cov: Any, path: str, lines: list[int]) -> list[int]:
    """The first lines of the file's statements that ran, in order.

    ``lines`` are the sorted lines coverage recorded.  coverage's data holds the raw line
    numbers the tracer saw, which may be any line of a
    statement spread over several; its analysis (``analysis2()``: the statements less the
    missing ones) gives each statement that ran by its first line, and leaves out the lines
    excluded from measurement (``# pragma: no cover``), which thus count as not run.  When
    coverage cannot analyse the file (it changed since it ran and no longer compiles, say),
    the raw lines stand in: still lines of the statements that ran, without the exclusions.
    So they do when the analysis finds neither statements nor exclusions in the file (some
    of whose lines ran): coverage 7.6 answers so when asked again about a file it failed to
    analyse (a coverage report earlier in the run, say).
    """
    from coverage.exceptions import CoverageException

    try:
        _, statements, excluded, missing, _ = cov.analysis2(path)
    except CoverageException:
        return lines
    if not statements and not excluded:
        return lines
    return sorted(set(statements) - set(missing))


_Span = Tuple[int, int]  # noqa: UP006 - evaluated at run time on 3.8
# The fields of a compound statement that hold other statements (not its own lines).
_BLOCKS: Final = frozenset({"body", "orelse", "finalbody", "handlers", "cases"})
# What coverage counts as a statement of its own: statements, ``except`` clauses and the
# ``case`` clauses of a ``match`` (3.10 on).
_STATEMENTS: Final = tuple(
    kind
    for kind in (ast.stmt, ast.excepthandler, getattr(ast, "match_case", None))
    if isinstance(kind, type)
)


class _Statements:
    """Which statement each line of a file belongs to, by the syntax tree.

    The scan places a use on the line of its name, which may be any line of a statement
    spread over several (an argument on the third line of a call); coverage records a
    statement that ran by its first line.  So a use counts as executed when some statement
    that ran starts within the lines of the statement holding the use, its *own* lines:
    all of a simple statement's, and a compound statement's header only (from its first
    decorator to the line before its body, or to the end of its condition, its bases, its
    parameters... if the body starts on that line: the lines of its body are its inner
    statements' own).  A line shared by a header and the body written
    on it (``if ok: x = y``) belongs to the header; coverage cannot tell them apart either.

    Mapping a use to the nearest statement start above it, from coverage's list of
    statements, would be wrong wherever a statement has no code of its own to run (code
    after a ``return``, which the compiler drops from 3.11 on, and coverage then does not
    list): the nearest start above is then another statement, which may have run.
    """

    def __init__(self, source: bytes) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarning and friends are not ours
            tree = ast.parse(source)  # the scan parsed the same bytes: it parses
        self._owner: Dict[int, _Span] = {}  # noqa: UP006 - evaluated at run time on 3.8
        for node in ast.walk(tree):  # outer statements first: a shared line is theirs
            if isinstance(node, _STATEMENTS):
                first, last = _own_lines(node)
                for line in range(first, last + 1):
                    self._owner.setdefault(line, (first, last))

    def ran(self, line: int, executed: list[int]) -> bool:
        """Whether the statement holding ``line`` ran: ``executed`` are sorted first lines
        of statements that ran."""
        first, last = self._owner.get(line, (line, line))
        index = bisect.bisect_left(executed, first)
        return index < len(executed) and executed[index] <= last


def _own_lines(node: ast.AST) -> _Span:
    """The first and last line of a statement's own lines (see :class:`_Statements`)."""
    position: Any = getattr(node, "pattern", node)  # a ``case`` clause starts with its pattern
    first = last = int(position.lineno)
    decorators: list[ast.expr] = getattr(node, "decorator_list", [])
    first = min([first, *(decorator.lineno for decorator in decorators)])
    fields = dict(ast.iter_fields(node))
    if not _BLOCKS.intersection(fields):
        return first, int(getattr(node, "end_lineno", None) or last)
    for name, value in fields.items():
        if name in _BLOCKS:
            continue
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, ast.AST):
                for inner in ast.walk(child):
                    last = max(last, getattr(inner, "end_lineno", None) or 0)
    # Up to the body: the header's closing ``):`` too, all of what coverage counts as its
    # first line's (a compound statement always has a body, or ``case`` clauses).
    block = fields.get("body") or fields["cases"]
    start: Any = getattr(block[0], "pattern", block[0])
    return first, max(last, int(start.lineno) - 1)
