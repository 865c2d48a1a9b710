"""Guards: is a use of a removed API in code that the target release never runs?

A use site is a file name and a line.  The use is not a finding when, on the release being
migrated to, the code there

* sits in a branch that release never takes: ``if sys.version_info < (3, 12):``, the ``else``
  of ``if sys.version_info >= (3, 12):``, either side of a conditional expression, an operand
  after a decided ``and``/``or``, ``if TYPE_CHECKING:``, module constants (``PY312 = ...``);
* sits in a ``try`` body, or a ``with contextlib.suppress(...)`` body, of the same function,
  that catches the exception the release raises for the use;
* is a feature check naming the API: ``hasattr(obj, "name")``, ``getattr(obj, "name",
  default)``, ``"name" in dir(obj)``, ``importlib.util.find_spec("name")`` or ``find_spec()``
  of a name computed at run time (not of a submodule of a removed package: that imports the
  package, which fails) -- unless an assertion requires the check to find the API (``assert
  hasattr(ssl, "wrap_socket")``, ``self.assertIsNotNone(find_spec("imp"))``), which fails on
  the release, so the check is a use there.

A feature check for the API is false on the release; one for what replaced it is true (the
result of ``entry_points()`` has ``select`` from 3.10 on, which compatibility code asks before
falling back to the dict interface).

Tests are evaluated in three-valued logic, and one that cannot be evaluated is no guard.  Only
the line of a use is known, so a line counts as guarded only when every place on it that could
be the use is.  Each file is parsed once into a per-line index.
"""

from __future__ import annotations

import ast
import builtins
import functools
import linecache
import operator
import sys
import warnings
from dataclasses import dataclass
from typing import Any, Callable, Final, Iterable, NamedTuple, Tuple, Union

__all__ = ["annotations_deferred", "in_annotation", "unreachable_in", "unreachable_on"]


class _Branch(NamedTuple):
    """Code that runs only when ``test`` is true (``taken``) or false (not ``taken``)."""

    test: ast.expr
    taken: bool
    template: str  # the reason, with {} for the test's source


class _Catch(NamedTuple):
    """Code in a try body, or a ``with suppress(...)`` body, catching ``types``."""

    types: tuple[ast.expr | None, ...]  # None: a bare ``except:``
    suppress: bool


class _Annotation(NamedTuple):
    """An annotation of a function or of a module or class variable: 3.14 evaluates it only
    when it is asked for (PEP 649), earlier releases when the definition runs."""


_DEFERRED_FROM: Final = (3, 14)
_DEFERRED: Final = "in an annotation, which Python 3.14 evaluates only when it is asked for"

_Chain = Tuple[Union[_Branch, _Catch, _Annotation], ...]  # noqa: UP006 - run time on 3.8; outermost first


class _Site(NamedTuple):
    """A place on a line mentioning ``key``, or part of a feature ``check`` for ``raises``
    (``key`` is ``_ANY`` for a check whose name is computed at run time); ``asserted`` is
    what an assertion around the check requires to be true."""

    key: str
    chain: _Chain
    check: ast.AST | None = None
    raises: str = ""
    asserted: ast.expr | None = None


@dataclass(frozen=True)
class _VersionInfo:
    """``sys.version_info`` or a slice of it on the target: ``prefix`` is what is known, and
    unless ``exact`` at least one unknown item follows it."""

    prefix: tuple[int, ...]
    exact: bool


_UNKNOWN: Final = object()
# Each comparison, and the same comparison with its operands swapped.
_COMPARE: Final[dict[type[ast.cmpop], tuple[Callable[[Any, Any], bool], ...]]] = {
    ast.Lt: (operator.lt, operator.gt),
    ast.LtE: (operator.le, operator.ge),
    ast.Gt: (operator.gt, operator.lt),
    ast.GtE: (operator.ge, operator.le),
    ast.Eq: (operator.eq, operator.eq),
    ast.NotEq: (operator.ne, operator.ne),
}
_TRY: Final = tuple(getattr(ast, name) for name in ("Try", "TryStar") if hasattr(ast, name))
_ANY: Final = "*"  # the key of a feature check that names no module in the source
# What a feature check finds on the target where the removed API's replacement lives: the
# result of entry_points() has select(), names and groups from 3.10 on.
_REPLACEMENTS: Final[dict[str, frozenset[str]]] = {
    "entry_points": frozenset({"select", "names", "groups"}),
}
# Comparisons with None: whether each says "is None".
_IS_NONE: Final[dict[type[ast.cmpop], bool]] = {
    ast.Is: True,
    ast.Eq: True,
    ast.IsNot: False,
    ast.NotEq: False,
}
# The unittest assertions that require their argument to pass a test, as that test.
_ASSERTING: Final[dict[str, Callable[[ast.expr], ast.expr]]] = {
    "assertTrue": lambda value: value,
    "assertFalse": lambda value: ast.UnaryOp(ast.Not(), value),
    "assertIsNone": lambda value: ast.Compare(value, [ast.Is()], [ast.Constant(None)]),
    "assertIsNotNone": lambda value: ast.Compare(value, [ast.IsNot()], [ast.Constant(None)]),
}


def _segment(source: str, node: ast.AST) -> str:
    text = " ".join((ast.get_source_segment(source, node) or "...").split())
    return text if len(text) <= 60 else text[:57] + "..."


def _keys(text: str) -> list[str]:
    """The names a dotted name mentions: ``"xml.etree.cElementTree"`` gives all three."""
    parts = text.split(".")
    return parts if all(part.isidentifier() for part in parts) else []


def _string(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _is_type_checking(node: ast.expr) -> bool:
    return getattr(node, "id", getattr(node, "attr", None)) == "TYPE_CHECKING"


def _called(node: ast.AST) -> str:
    """The name of the function a call calls: ``find_spec`` for ``importlib.util.find_spec()``."""
    func = node.func if isinstance(node, ast.Call) else None
    return str(getattr(func, "id", getattr(func, "attr", "")))


def _mentions(node: ast.AST) -> list[str]:
    """The names a node mentions, as a use of a removed API would."""
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, ast.Attribute):
        return [node.attr]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        module = _keys(getattr(node, "module", None) or "")
        return module + [key for alias in node.names for key in _keys(alias.name)]
    if isinstance(node, ast.Call):  # a keyword is reported at its call's first line
        return [keyword.arg for keyword in node.keywords if keyword.arg]
    return _keys(_string(node) or "") if isinstance(node, ast.Constant) else []


def _feature_check(node: ast.AST) -> tuple[ast.expr, str] | None:
    """``(the string naming the API, the exception checked for)``, or None."""
    if isinstance(node, ast.Compare) and isinstance(node.ops[0], (ast.In, ast.NotIn)):
        in_dir = _called(node.comparators[0]) == "dir" and _string(node.left) is not None
        return (node.left, "AttributeError") if in_dir else None
    if not isinstance(node, ast.Call) or node.keywords:
        return None
    args = node.args
    if _called(node) == "find_spec" and args:
        return args[0], "ModuleNotFoundError"
    builtin = _called(node) if isinstance(node.func, ast.Name) else ""
    if {"hasattr": 2, "getattr": 3}.get(builtin) == len(args) and _string(args[1]) is not None:
        return args[1], "AttributeError"
    return None


def _checked(node: ast.AST, text: str) -> list[str]:
    """The names a feature check naming ``text`` checks for: an attribute's name, or a
    module's full dotted name (``find_spec("distutils.core")`` checks for no removed module:
    it imports ``distutils``, which fails on the newer release)."""
    keys = _keys(text)
    return [text] if keys and _called(node) == "find_spec" else keys


def _found(node: ast.AST, name: str) -> bool | None:
    """Whether the feature check ``node`` (hasattr, getattr with a default, ``in dir()``,
    find_spec) finds what it looks for on the target: never the removed API called
    ``name``, always what replaced it; None when ``node`` checks for neither."""
    check = _feature_check(node)
    if check is None:
        return None
    keys = _checked(node, _string(check[0]) or "")
    if name in keys:
        return False
    return True if _REPLACEMENTS.get(name, frozenset()).intersection(keys) else None


def _answer(node: ast.AST, name: str) -> bool | None:
    """What a feature check for the API called ``name`` (or its replacement) answers on the
    target, also when compared with None; None when ``node`` is no such check."""
    found = _found(node, name)
    if found is not None:  # ``"name" not in dir(obj)`` says the opposite of what it finds
        return found is not (isinstance(node, ast.Compare) and isinstance(node.ops[0], ast.NotIn))
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1):
        return None
    right, found = node.comparators[0], _found(node.left, name)
    if not (isinstance(right, ast.Constant) and right.value is None) or found is None:
        return None
    none = _IS_NONE.get(type(node.ops[0]))  # whether the comparison asks for None
    return None if none is None else found is not none


def _assertions(tree: ast.AST) -> dict[int, ast.expr]:
    """For each node inside an assertion, what the assertion requires to be true: the test
    of ``assert``, or the condition of ``self.assertTrue()`` and its kin."""
    required: dict[int, ast.expr] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            checked, condition = node.test, node.test
        elif isinstance(node, ast.Call) and _called(node) in _ASSERTING and node.args:
            checked = node.args[0]
            condition = _ASSERTING[_called(node)](checked)
        else:
            continue
        for inner in ast.walk(checked):
            required[id(inner)] = condition
    return required


_EXITS: Final = frozenset({"skip", "fail", "exit", "xfail", "skipTest", "_exit"})


def _exits(body: list[ast.stmt]) -> bool:
    """Whether a block always leaves: raise, return, break, continue, pytest.skip(), ..."""
    last = body[-1] if body else None
    if isinstance(last, (ast.Raise, ast.Return, ast.Break, ast.Continue)):
        return True
    return isinstance(last, ast.Expr) and _called(last.value) in _EXITS


def _skip_condition(decorator: ast.expr) -> _Branch | None:
    """The guard a skip decorator puts on the body it decorates: ``@pytest.mark.skipif(c)``
    and ``@unittest.skipIf(c)`` run it only when ``c`` is false, ``@unittest.skipUnless(c)``
    only when it is true.  pytest's condition strings are parsed."""
    called = _called(decorator)
    if called not in ("skipif", "skipIf", "skipUnless") or not isinstance(decorator, ast.Call):
        return None
    if not decorator.args:
        return None
    condition = decorator.args[0]
    text = _string(condition)
    if text is not None:
        try:
            condition = ast.parse(text.strip(), mode="eval").body
        except SyntaxError:
            return None
    shown = (text or "").replace("{", "{{").replace("}", "}}") or "{}"
    return _Branch(condition, called == "skipUnless", f"in a test skipped when `{shown}`")


def _sequence_guards(tree: ast.AST) -> dict[int, tuple[_Branch, ...]]:
    """Extra guards of statements: those after an ``if`` that leaves early run only when its
    test is false; the body of a skipped test runs only when the skip condition lets it."""
    extra: dict[int, tuple[_Branch, ...]] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            skips = tuple(filter(None, map(_skip_condition, node.decorator_list)))
            for statement in node.body if skips else ():
                extra[id(statement)] = extra.get(id(statement), ()) + skips
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if not isinstance(block, list):
                continue
            after: tuple[_Branch, ...] = ()
            for statement in block:
                if after:
                    extra[id(statement)] = extra.get(id(statement), ()) + after
                leaves = isinstance(statement, ast.If) and _exits(statement.body)
                if leaves and not statement.orelse:
                    test = statement.test
                    after += (_Branch(test, False, "after `if {}:` that leaves early"),)
    return extra


def _suppressed(items: Iterable[ast.withitem]) -> tuple[ast.expr, ...]:
    """The exception types that ``with contextlib.suppress(...)`` items suppress."""
    calls = [item.context_expr for item in items if _called(item.context_expr) == "suppress"]
    return tuple(arg for call in calls if isinstance(call, ast.Call) for arg in call.args)


def _reraises(handler: ast.ExceptHandler) -> bool:
    """A handler that ends by raising the exception again (after a skip for some cases, as
    six's test_move_items does) is no fallback."""
    body = handler.body
    return bool(body) and isinstance(body[-1], ast.Raise) and body[-1].exc is None


def _children(node: ast.AST, chain: _Chain) -> list[tuple[ast.AST, _Chain]]:
    """The node's children, each with the guards under which it runs."""
    if isinstance(node, (ast.If, ast.IfExp)):
        form = "`if {}`" if isinstance(node, ast.If) else "`... if {} else ...`"
        body = node.body if isinstance(node.body, list) else [node.body]
        orelse = node.orelse if isinstance(node.orelse, list) else [node.orelse]
        yes = chain + (_Branch(node.test, True, "inside " + form),)
        no = chain + (_Branch(node.test, False, "inside the `else` of " + form),)
        return [(node.test, chain), *((n, yes) for n in body), *((n, no) for n in orelse)]
    if isinstance(node, ast.BoolOp):
        word, taken = ("and", True) if isinstance(node.op, ast.And) else ("or", False)
        pairs: list[tuple[ast.AST, _Chain]] = []
        guarded = chain  # each operand runs only if the ones before it let it
        for value in node.values:
            pairs.append((value, guarded))
            guarded = guarded + (_Branch(value, taken, "after `{} " + word + "`"),)
        return pairs
    inner: dict[int, _Chain] = {}  # id(child) -> its chain, where it differs from the node's
    if isinstance(node, _TRY):
        handlers: list[ast.ExceptHandler] = getattr(node, "handlers", [])
        catch = _Catch(tuple(h.type for h in handlers if not _reraises(h)), False)
        inner = {id(stmt): chain + (catch,) for stmt in getattr(node, "body", [])}
    elif isinstance(node, (ast.With, ast.AsyncWith)) and _suppressed(node.items):
        catch = _Catch(_suppressed(node.items), True)
        inner = {id(stmt): chain + (catch,) for stmt in node.body}
    # Function bodies, lambdas and generators run later, outside any enclosing try.
    later = tuple(guard for guard in chain if isinstance(guard, _Branch))
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        body = node.body if isinstance(node.body, list) else [node.body]
        inner = dict.fromkeys(map(id, body), later)
    annotation = _annotation_of(node)
    if annotation is not None:
        inner[id(annotation)] = chain + (_Annotation(),)
    if isinstance(node, ast.GeneratorExp):
        first, *rest = node.generators
        lazy = [node.elt, first.target, *first.ifs, *rest]
        return [(first.iter, chain), *((child, later) for child in lazy)]
    return [(child, inner.get(id(child), chain)) for child in ast.iter_child_nodes(node)]


def _annotation_of(node: ast.AST) -> ast.expr | None:
    """The annotation a definition evaluates (a parameter's, a function's return, a module or
    class variable's; that of a function's local variable is never evaluated)."""
    if isinstance(node, (ast.arg, ast.AnnAssign)):
        return node.annotation
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return node.returns
    return None


def _lines(node: ast.AST) -> Iterable[int]:
    """The lines a node spans; a node without a position spans its children's."""
    first = getattr(node, "lineno", None)
    if first is None:
        return {line for child in ast.iter_child_nodes(node) for line in _lines(child)}
    return range(first, (getattr(node, "end_lineno", None) or first) + 1)


def _assignment(statement: ast.stmt) -> tuple[str, ast.expr] | None:
    """``(name, value)`` of a statement assigning a computed value to one name, or None.

    A literal value is a setting that a test may switch (``DEBUG = False``), not a fact about
    the release."""
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target, value = statement.targets[0], statement.value
    elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
        target, value = statement.target, statement.value
    else:
        return None
    if not isinstance(target, ast.Name) or isinstance(value, ast.Constant):
        return None
    return target.id, value


class _Index:
    """One parsed file: per line, the places that could be a use, with their guards."""

    def __init__(self, tree: ast.Module, source: str) -> None:
        self.source = source
        self.sites: dict[int, list[_Site]] = {}  # mentions and feature checks
        self.leaves: dict[int, list[_Chain]] = {}  # innermost nodes, for lines without
        self.sys_names = {"sys"}
        self.version_names: set[str] = set()
        self.constants: dict[str, tuple[int, ast.expr]] = {}  # name -> (line, value)
        self._bindings: dict[str, int] = {}
        claimed: set[int] = set()  # strings that are part of a feature check
        extra = _sequence_guards(tree)
        asserted = _assertions(tree)
        stack: list[tuple[ast.AST, _Chain]] = [(tree, ())]
        while stack:
            node, chain = stack.pop()
            children = [
                (child, child_chain + extra.get(id(child), ()))
                for child, child_chain in _children(node, chain)
            ]
            stack.extend(children)
            self._bind(node)
            check = _feature_check(node)
            if check is not None:
                text = _string(check[0])
                if text is not None:
                    claimed.add(id(check[0]))
                for key in [_ANY] if text is None else _checked(node, text):
                    self._add(node, _Site(key, chain, node, check[1], asserted.get(id(node))))
            if id(node) not in claimed:
                for key in _mentions(node):
                    self._add(node, _Site(key, chain))
            if hasattr(node, "lineno"):
                covered = {line for child, _ in children for line in _lines(child)}
                for line in _lines(node):
                    if line not in covered:
                        self.leaves.setdefault(line, []).append(chain)
        for statement in tree.body:  # module constants: names bound once
            found = _assignment(statement)
            if found and self._bindings[found[0]] == 1:
                self.constants[found[0]] = (statement.lineno, found[1])

    def _add(self, node: ast.AST, site: _Site) -> None:
        for line in _lines(node):
            self.sites.setdefault(line, []).append(site)

    def _bind(self, node: ast.AST) -> None:
        """Count the bindings of each name; note the names that stand for sys and its parts."""
        names: list[str] = []
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names = [node.id]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names = [node.name]
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            module = (getattr(node, "module", None), getattr(node, "level", 0))
            for alias in node.names:
                names.append(alias.asname or alias.name.partition(".")[0])
                if isinstance(node, ast.Import) and alias.name == "sys":
                    self.sys_names.add(names[-1])
                elif module == ("sys", 0) and alias.name == "version_info":
                    self.version_names.add(names[-1])
        for name in names:
            self._bindings[name] = self._bindings.get(name, 0) + 1

    def reason(self, lineno: int, target: tuple[int, int], raises: str, name: str) -> str | None:
        """Why every place on the line that could be the use is guarded, or None.

        The places are the mentions of ``name`` and the feature checks for it (a check whose
        name is computed at run time could be for it too); on a line without one (a
        behaviour, say), every innermost node on the line."""
        sites = [
            site
            for site in self.sites.get(lineno, [])
            if site.key == name or (site.key == _ANY and site.raises == raises)
        ]
        if not sites:
            sites = [_Site(name, chain) for chain in self.leaves.get(lineno, [])]
        reasons: list[str | None] = []
        for site in sites:
            check = site.check if site.raises == raises else None
            if check is not None and not self._fails_assertion(site.asserted, target, name):
                reasons.append("feature check " + _segment(self.source, check))
            else:
                reasons.append(self._guarded(site.chain, target, raises, name))
        return None if None in reasons or not reasons else reasons[0]

    def annotation_only(self, lineno: int, name: str) -> bool:
        sites = [site for site in self.sites.get(lineno, []) if site.key == name]
        return bool(sites) and all(
            any(isinstance(guard, _Annotation) for guard in site.chain) for site in sites
        )

    def _fails_assertion(
        self, asserted: ast.expr | None, target: tuple[int, int], name: str
    ) -> bool:
        """Whether the feature check sits in an assertion that fails on the target, because
        it requires the check to find the removed API: then the check is a use there."""
        return asserted is not None and self._truth(asserted, target, sys.maxsize, name) is False

    def _guarded(
        self, chain: _Chain, target: tuple[int, int], raises: str, name: str
    ) -> str | None:
        for guard in reversed(chain):
            if isinstance(guard, _Annotation):
                why = _DEFERRED if annotations_deferred(target) else None
            elif isinstance(guard, _Branch):
                why = self._skipped(guard, target, name)
            else:
                why = self._caught(guard, raises, f"{target[0]}.{target[1]}")
            if why is not None:
                return why
        return None

    def _skipped(self, branch: _Branch, target: tuple[int, int], name: str) -> str | None:
        if branch.taken and _is_type_checking(branch.test):
            return "only for type checkers (inside `if TYPE_CHECKING`)"
        if self._truth(branch.test, target, sys.maxsize, name) is (not branch.taken):
            return branch.template.format(_segment(self.source, branch.test))
        return None

    def _caught(self, catch: _Catch, raises: str, release: str) -> str | None:
        for kind in catch.types:
            if _catches(kind, getattr(builtins, raises, None)):
                if catch.suppress:
                    return f"inside `with suppress(...)`, which suppresses the {raises}"
                shown = "except:" if kind is None else "except " + _segment(self.source, kind)
                return f"in a try whose `{shown}` handles the {raises} {release} raises"
        return None

    def _truth(
        self, node: ast.expr, target: tuple[int, int], limit: int, name: str = ""
    ) -> bool | None:
        """The test's truth on the target, or None; constants count from before ``limit``.

        A feature check for the API named ``name`` finds nothing there: the API is gone; one
        for its replacement finds it."""
        answer = _answer(node, name) if name else None
        if answer is not None:
            return answer
        if isinstance(node, ast.BoolOp):
            values = [self._truth(value, target, limit, name) for value in node.values]
            decisive = isinstance(node.op, ast.Or)  # or: any True decides; and: any False
            if decisive in values:
                return decisive
            return None if None in values else not decisive
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            value = self._truth(node.operand, target, limit, name)
            return None if value is None else not value
        if isinstance(node, ast.Constant):
            return bool(node.value)
        if _is_type_checking(node):
            return False
        constant = self._constant(node, limit)
        if constant is not None:
            return self._truth(constant[1], target, constant[0])
        if not isinstance(node, ast.Compare):
            return None
        operands = [self._value(item, target, limit) for item in (node.left, *node.comparators)]
        results = [
            _compare(left, type(op), right)
            for left, op, right in zip(operands, node.ops, operands[1:])
        ]
        return False if False in results else None if None in results else True

    def _constant(self, node: ast.expr, limit: int) -> tuple[int, ast.expr] | None:
        """The line and value of the module constant ``node`` names, if bound before limit."""
        found = self.constants.get(node.id) if isinstance(node, ast.Name) else None
        return found if found is not None and found[0] < limit else None

    def _value(self, node: ast.expr, target: tuple[int, int], limit: int) -> object:
        """An int, a tuple of ints, a _VersionInfo, or _UNKNOWN."""
        if isinstance(node, ast.Constant) and type(node.value) is int:
            return node.value
        if isinstance(node, ast.Tuple):
            items = [self._value(item, target, limit) for item in node.elts]
            return tuple(items) if all(type(item) is int for item in items) else _UNKNOWN
        constant = self._constant(node, limit)
        if constant is not None:
            return self._value(constant[1], target, constant[0])
        if self._is_version_info(node):
            return _VersionInfo(target, exact=False)
        if isinstance(node, ast.Attribute) and self._is_version_info(node.value):
            return {"major": target[0], "minor": target[1]}.get(node.attr, _UNKNOWN)
        if isinstance(node, ast.Subscript) and self._is_version_info(node.value):
            index = node.slice
            if sys.version_info < (3, 9):  # pragma: no cover - 3.8 wraps an index in ast.Index
                index = getattr(index, "value", index)
            if isinstance(index, ast.Slice) and index.lower is None and index.step is None:
                stop = getattr(index.upper, "value", None)
                if type(stop) is int:
                    return _VersionInfo(target[:stop], exact=stop <= len(target))
            if isinstance(index, ast.Constant) and type(index.value) is int:
                return target[index.value] if index.value in (0, 1) else _UNKNOWN
        return _UNKNOWN

    def _is_version_info(self, node: ast.expr) -> bool:
        if isinstance(node, ast.Name):
            return node.id in self.version_names
        return (
            isinstance(node, ast.Attribute)
            and node.attr == "version_info"
            and isinstance(node.value, ast.Name)
            and node.value.id in self.sys_names
        )


def _compare(left: object, op: type[ast.cmpop], right: object) -> bool | None:
    functions = _COMPARE.get(op)
    if functions is None:
        return None
    function = functions[0]
    if isinstance(right, _VersionInfo):
        left, right, function = right, left, functions[1]
    if isinstance(left, _VersionInfo) and isinstance(right, tuple):
        known = len(left.prefix)
        if left.exact or len(right) <= known:
            # Past the known prefix, only the length matters: any filler will do.
            return function(left.prefix if left.exact else left.prefix + (0,), right)
        return None if right[:known] == left.prefix else function(left.prefix, right[:known])
    if type(left) is type(right) and type(left) in (int, tuple):
        return function(left, right)
    return None


def _catches(handler: ast.expr | None, raised: object) -> bool:
    """Whether ``except <handler>`` catches the builtin exception ``raised``."""
    if handler is None:
        return True
    if isinstance(handler, ast.Tuple):
        return any(_catches(item, raised) for item in handler.elts)
    if not isinstance(handler, ast.Name):
        return False  # a dotted name or an expression: cannot be resolved
    caught = getattr(builtins, handler.id, None)
    if not (isinstance(caught, type) and issubclass(caught, BaseException)):
        return False
    if isinstance(raised, type) and issubclass(raised, BaseException):
        return issubclass(raised, caught)
    return caught is BaseException


@functools.lru_cache(maxsize=32)
def _index(filename: str, source: str) -> _Index | None:
    """The file's index, cached by file name and source text; None if it does not parse."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarning and friends are not ours
            tree = ast.parse(source, filename)
    except (SyntaxError, ValueError, RecursionError):
        return None
    return _Index(tree, source)


def _file_index(filename: str) -> _Index | None:
    """The index of the file as Python's line cache has it; None if it cannot be read or
    parsed."""
    try:
        lines = linecache.getlines(filename)
    except (SyntaxError, ValueError):  # 3.8 raises for an undecodable file
        return None
    return _index(filename, "".join(lines)) if lines else None


def unreachable_on(
    filename: str, lineno: int, target: tuple[int, int], raises: str, name: str
) -> str | None:
    """Why the use at filename:lineno is not a use on the target release, or None.

    ``target`` is the release being migrated to, such as ``(3, 12)``; ``raises`` the name of
    the builtin exception that release raises for the use (``"ModuleNotFoundError"``,
    ``"ImportError"``, ``"AttributeError"``, ``"TypeError"``, ...); ``name`` the last
    component of the removed API's dotted name.  The reason is a short phrase such as
    ``"inside `if sys.version_info < (3, 12)`"``.  A file that cannot be read or parsed,
    or a line that is not guarded, gives None.
    """
    index = _file_index(filename)
    return None if index is None else index.reason(lineno, target, raises, name)


def annotations_deferred(release: tuple[int, int]) -> bool:
    """Whether ``release`` evaluates annotations only when they are asked for."""
    return release >= _DEFERRED_FROM


def in_annotation(filename: str, lineno: int, name: str) -> bool:
    """Whether every mention of ``name`` at filename:lineno is in an annotation that a
    definition evaluates (and 3.14 defers)."""
    index = _file_index(filename)
    return index is not None and index.annotation_only(lineno, name)


def unreachable_in(
    tree: ast.Module, source: str
) -> Callable[[int, tuple[int, int], str, str], str | None]:
    """:func:`unreachable_on` for a file already parsed into ``tree`` from ``source``.

    The tree is indexed once, here, and not modified.  The function returned takes
    ``(lineno, target, raises, name)`` as :func:`unreachable_on` does and gives the same
    answers, so a caller that has the tree need not have the file read and parsed again.
    """
    return _Index(tree, source).reason
