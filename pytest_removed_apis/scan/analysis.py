"""The analysis of one parsed file: its scopes and bindings first, then each candidate use
resolved through them to a catalog entry."""

from __future__ import annotations

import ast
from typing import Any, Callable, Final, Tuple

from pytest_removed_apis import guards
from pytest_removed_apis.catalog import Entry
from pytest_removed_apis.scan.model import (
    BUILTIN_NAMES,
    FINDER_BASES,
    IMPORTERS,
    INTERFACES,
    NONE_VALUE,
    RANDRANGE,
    SPECLESS_BASES,
    UNKNOWN,
    Binding,
    Candidates,
    Class,
    Found,
    Instance,
    Local,
    Ref,
    Scope,
    Special,
    Tables,
    Value,
    canonical,
    enclosing,
    module_entry,
    string_value,
    value_of,
)


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


class Analysis:
    """One parsed file: its scopes first, then each candidate use resolved through them."""

    def __init__(self, tables: Tables, tree: ast.Module) -> None:
        self.tables = tables
        self.tree = tree
        self.module = Scope("module", None)
        self.stars: list[str] = []
        self.imported: set[str] = set()  # names bound by an import
        self.bound: list[tuple[int, str]] = []  # (line, name) of each Name bound, def, class
        self.handled: set[int] = set()  # Name targets already bound with their value
        # Annotations left unevaluated: by the future import, or by the target (3.14 on).
        self.lazy_annotations = _future_annotations(tree) or guards.annotations_deferred(
            tables.target
        )
        self.imports: list[ast.Import | ast.ImportFrom] = []
        self.names: list[tuple[ast.Name, Scope]] = []
        self.attributes: Candidates = []
        self.calls: Candidates = []
        self.name_calls: list[tuple[ast.Call, Scope]] = []
        self.subscripts: Candidates = []
        self.withs: Candidates = []
        self.decorated: Candidates = []
        self.classes: list[Class] = []
        self.registrations: list[tuple[ast.Call, Scope]] = []
        self.registered: set[Class] = set()
        self.found: list[Found] = []

    def run(self) -> list[Found]:
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
        self.found.append(Found(node, entry, raises, requires))

    def _behaviour(self, node: ast.AST, entry_id: str) -> None:
        entry = self.tables.behaviours.get(entry_id)
        if entry is not None:
            self._report(node, entry)

    # The walk: scopes, bindings and candidates.

    def _walk(self) -> None:
        stack: list[tuple[ast.AST, Scope]] = [(self.tree, self.module)]
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
                        scope.bind(node.id, UNKNOWN)
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
                        scope.bind(value, UNKNOWN)  # a 3.10+ match pattern binds it

    def _function(self, node: ast.AST, scope: Scope, push: _Push) -> None:
        assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        inner = Scope("function", scope)
        arguments = node.args
        for default in [*arguments.defaults, *arguments.kw_defaults]:
            if default is not None:
                push((default, scope))
        every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
        every += [arg for arg in (arguments.vararg, arguments.kwarg) if arg is not None]
        for arg in every:
            inner.bind(arg.arg, UNKNOWN)
            if arg.annotation is not None and not self.lazy_annotations:
                push((arg.annotation, scope))
        if isinstance(node, ast.Lambda):
            push((node.body, inner))
            return
        scope.bind(node.name, UNKNOWN)
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
                inner.bindings[positional[0].arg] = [Binding(how, cls=owner)]
        for statement in node.body:
            push((statement, inner))

    def _class_def(self, node: ast.AST, scope: Scope, push: _Push) -> None:
        assert isinstance(node, ast.ClassDef)
        cls = Class(node, scope)
        self.classes.append(cls)
        scope.bind(node.name, Binding("class", cls=cls))
        self.bound.append((node.lineno, node.name))
        for child in [*node.bases, *node.keywords, *node.decorator_list]:
            push((child, scope))
        body = Scope("class", scope)
        body.cls = cls
        cls.body = body
        for statement in node.body:
            push((statement, body))

    def _comprehension(self, node: ast.AST, scope: Scope, push: _Push) -> None:
        assert isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp))
        inner = Scope("comprehension", scope)
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
                entry = module_entry(tables, alias.name)
                if entry is not None:
                    self._report(node, entry)
            return
        if node.level or not node.module:
            return
        entry = module_entry(tables, node.module)
        if entry is not None:
            self._report(node, entry)
            return
        for alias in node.names:
            dotted = f"{node.module}.{alias.name}"
            entry = tables.modules.get(dotted)
            if entry is not None:
                self._report(node, entry)
                continue
            entry = tables.names.get(canonical(dotted))
            if entry is not None:
                self._report(node, entry, "ImportError")

    def _import_binding(self, node: ast.AST, scope: Scope, push: _Push) -> None:
        assert isinstance(node, (ast.Import, ast.ImportFrom))
        self.imports.append(node)
        if isinstance(node, ast.Import):
            for alias in node.names:
                dotted = alias.name if alias.asname else alias.name.split(".")[0]
                bound = alias.asname or dotted
                scope.bind(bound, Binding("import", dotted=dotted, statement=node))
                self.imported.add(bound)
            return
        for alias in node.names:
            if alias.name == "*":
                if not node.level and node.module:
                    self.stars.append(node.module)
                continue
            bound = alias.asname or alias.name
            if node.level or not node.module:
                scope.bind(bound, UNKNOWN)
            else:
                dotted = f"{node.module}.{alias.name}"
                scope.bind(bound, Binding("import", dotted=dotted, statement=node))
                self.imported.add(bound)

    def _assign(self, node: ast.AST, scope: Scope, push: _Push) -> None:
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
                binder.bind(target.id, Binding("expr", node=value, scope=scope))
            push((target, scope))
        if value is not None:
            push((value, scope))

    def _with_statement(self, node: ast.AST, scope: Scope, push: _Push) -> None:
        assert isinstance(node, (ast.With, ast.AsyncWith))
        for item in node.items:
            self.withs.append((item.context_expr, scope))
            target = item.optional_vars
            if isinstance(target, ast.Name):
                self.handled.add(id(target))
                scope.bind(target.id, Binding("expr", node=item.context_expr, scope=scope))
            push((item.context_expr, scope))
            if target is not None:
                push((target, scope))
        for statement in node.body:
            push((statement, scope))

    def _handler(self, node: ast.AST, scope: Scope, push: _Push) -> None:
        assert isinstance(node, ast.ExceptHandler)
        if node.name:
            scope.bind(node.name, Binding("except", node=node.type, scope=scope))
        for child in ast.iter_child_nodes(node):
            push((child, scope))

    def _declaration(self, node: ast.AST, scope: Scope, push: _Push) -> None:
        assert isinstance(node, (ast.Global, ast.Nonlocal))
        scope.declared.update(node.names)
        outer = self.module
        if isinstance(node, ast.Nonlocal):  # the nearest enclosing function's name
            outer = next((s for s in enclosing(scope.parent) if s.kind == "function"), outer)
        for name in node.names:
            outer.bind(name, UNKNOWN)

    def _call_node(self, node: ast.AST, scope: Scope, push: _Push) -> None:
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

    def _subscript_node(self, node: ast.AST, scope: Scope, push: _Push) -> None:
        assert isinstance(node, ast.Subscript)
        if isinstance(node.ctx, ast.Load):
            self.subscripts.append((node, scope))
        for child in ast.iter_child_nodes(node):
            push((child, scope))

    _HANDLERS: Final[dict[type[ast.AST], Callable[[Analysis, ast.AST, Scope, _Push], None]]] = {
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

    def _binder(self, name: str, scope: Scope) -> Scope | None:
        """The scope whose binding of the name a use in ``scope`` sees; None if it is not
        bound in the file, or is declared global or nonlocal."""
        current: Scope | None = scope
        while current is not None:
            if name in current.declared:
                return None
            if (current is scope or current.kind != "class") and name in current.bindings:
                return current
            current = current.parent
        return None

    def _lookup(self, name: str, scope: Scope) -> Value:
        binder = self._binder(name, scope)
        if binder is not None:
            return self._bound(binder, name)
        if any(name in current.declared for current in enclosing(scope)):
            return None
        for module in self.stars:
            dotted = canonical(f"{module}.{name}")
            if dotted in self.tables.members or dotted in self.tables.names:
                return Ref(dotted)
        return Ref("builtins." + name) if name in BUILTIN_NAMES else None

    def _bound(self, scope: Scope, name: str) -> Value:
        if name in scope.values:
            return scope.values[name]
        scope.values[name] = None  # while it is being worked out (``x = x.y``)
        values = {self._binding(binding) for binding in scope.bindings[name]}
        if len(values) == 2 and NONE_VALUE in values:  # ``x = None`` as the fallback
            values.discard(NONE_VALUE)
            (other,) = values
            if isinstance(other, Ref) and self._removed(other.name):
                values.add(NONE_VALUE)  # the removed name itself may be None: unclear
        value = values.pop() if len(values) == 1 else None
        scope.values[name] = value
        return value

    def _removed(self, dotted: str) -> bool:
        return dotted in self.tables.names or module_entry(self.tables, dotted) is not None

    def _binding(self, binding: Binding) -> Value:
        if binding.how == "import":
            return value_of(binding.dotted)
        if binding.how == "expr" and binding.node is not None and binding.scope is not None:
            if isinstance(binding.node, ast.Constant) and binding.node.value is None:
                return NONE_VALUE
            return self._value(binding.node, binding.scope)
        if binding.how == "except" and binding.node is not None and binding.scope is not None:
            return self._instance_of(self._value(binding.node, binding.scope))
        if binding.cls is not None:  # class, self, cls
            return Local(binding.cls, instance=binding.how == "self")
        return None

    def _value(self, node: ast.expr, scope: Scope) -> Value:
        if isinstance(node, ast.Name):
            return self._lookup(node.id, scope)
        if isinstance(node, ast.Attribute):
            return self._member(self._value(node.value, scope), node.attr)
        if isinstance(node, ast.Call):
            called = self._value(node.func, scope)
            if called == Ref("importlib.metadata.entry_points"):
                return Special("entry_points" if node.args or node.keywords else "groups")
            if called == Special("select"):
                return Special("entry_points")
            return self._instance_of(called)
        return None

    def _instance_of(self, cls: Value) -> Value:
        if isinstance(cls, Ref) and cls.name in self.tables.classes:
            return Instance(cls.name)
        if isinstance(cls, Local) and not cls.instance:
            return Local(cls.cls, instance=True)
        return None

    def _member(self, value: Value, attr: str) -> Value:
        """What ``value.attr`` stands for."""
        if isinstance(value, Special):
            return Special("select") if value.what == "groups" and attr == "select" else None
        if isinstance(value, Local):
            stdlib, local, _ = self._parts(value.cls)
            if any(cls.body is not None and attr in cls.body.bindings for cls in local):
                return None  # the class of the file defines it
            classes: tuple[str, ...] = stdlib
        elif isinstance(value, Instance):
            classes = self.tables.lineage(value.cls)
        elif isinstance(value, Ref):
            dotted = f"{value.name}.{attr}"
            if value.name not in self.tables.classes:
                return value_of(dotted)
            classes = self.tables.lineage(value.name)
        else:
            return None
        for cls in classes:
            dotted = f"{cls}.{attr}"
            if dotted in self.tables.members:
                return Ref(dotted)
        return value_of(f"{value.name}.{attr}") if isinstance(value, Ref) else None

    def _parts(self, cls: Class) -> tuple[tuple[str, ...], tuple[Class, ...], bool]:
        """The class's standard-library classes (with their bases), its classes in the file
        (itself first), and whether some base is neither."""
        if cls.parts is not None:
            return cls.parts
        cls.parts = ((), (cls,), True)  # while it is being worked out
        stdlib: list[str] = []
        local: list[Class] = [cls]
        other = False
        for base in cls.node.bases:
            value = self._value(base, cls.scope)
            if isinstance(value, Local) and not value.instance:
                more = self._parts(value.cls)
                stdlib.extend(more[0])
                local.extend(more[1])
                other = other or more[2]
            elif isinstance(value, Ref) and value.name in self.tables.classes:
                stdlib.extend(self.tables.lineage(value.name))
            elif isinstance(value, Ref) and value.name in SPECLESS_BASES:
                stdlib.append(value.name)
            else:
                other = True  # a class of another module or an expression: unknown
        cls.parts = (tuple(stdlib), tuple(local), other)
        return cls.parts

    # Candidates.

    def _name(self, node: ast.Name, scope: Scope) -> None:
        """A name an import bound to a removed API: a use where the import is one (an import
        that is guarded leaves the name to code that does without it)."""
        value = self._lookup(node.id, scope)
        entry = self.tables.names.get(value.name) if isinstance(value, Ref) else None
        if entry is None:
            return
        binder = self._binder(node.id, scope)
        bindings = binder.bindings[node.id] if binder is not None else []
        imports = tuple(b.statement for b in bindings if b.statement is not None)
        self._report(node, entry, requires=imports)

    def _attribute_use(self, node: ast.AST, scope: Scope) -> None:
        assert isinstance(node, ast.Attribute)
        owner = self._value(node.value, scope)
        if isinstance(owner, Special):
            behaviour = INTERFACES.get((owner.what, node.attr))
            if behaviour is not None:
                self._behaviour(node, behaviour)
            return
        value = self._member(owner, node.attr)
        entry = self.tables.names.get(value.name) if isinstance(value, Ref) else None
        if entry is not None:
            self._report(node, entry)

    def _call(self, node: ast.AST, scope: Scope) -> None:
        assert isinstance(node, ast.Call)
        called = self._value(node.func, scope)
        if not isinstance(called, Ref):
            return
        name, args = called.name, node.args
        if name in IMPORTERS and args:
            module = string_value(args[0])
            entry = module_entry(self.tables, module) if module else None
            if entry is not None:
                self._report(args[0], entry)
        elif name == "builtins.getattr" and len(args) == 2 and not node.keywords:
            attr = string_value(args[1])
            if attr is not None and attr.isidentifier():
                value = self._member(self._value(args[0], scope), attr)
                entry = self.tables.names.get(value.name) if isinstance(value, Ref) else None
                if entry is not None:
                    self._report(args[1], entry)
        elif name in RANDRANGE:
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

    def _subscript(self, node: ast.AST, scope: Scope) -> None:
        assert isinstance(node, ast.Subscript)
        groups = isinstance(node.value, (ast.Call, ast.Name)) and self._value(node.value, scope)
        if groups == Special("groups"):
            self._behaviour(node, "importlib.metadata.entry_points:dict-interface")

    def _with(self, node: ast.AST, scope: Scope) -> None:
        assert isinstance(node, ast.expr)
        value = self._value(node, scope)
        if isinstance(value, Instance) and "pathlib.Path" in self.tables.lineage(value.cls):
            self._behaviour(node, "pathlib.Path:context-manager")

    def _decorators(self, node: ast.AST, scope: Scope) -> None:
        assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        decorators = node.decorator_list
        for outer, inner in zip(decorators, decorators[1:]):
            if self._value(outer, scope) == Ref("builtins.classmethod") and self._value(
                inner, scope
            ) == Ref("builtins.property"):
                self._behaviour(outer, "builtins.classmethod:descriptor-chaining")

    def _class(self, cls: Class) -> None:
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
        if has_spec or other or not all(base in SPECLESS_BASES for base in stdlib):
            return
        # A method of that name alone does not make a finder (modulefinder has one).
        if cls in self.registered or any(base in FINDER_BASES for base in stdlib):
            self._behaviour(legacy[0], "importlib:find_module-fallback")

    def _registration(self, node: ast.Call, scope: Scope) -> None:
        """``sys.meta_path.insert(0, finder)``, ``sys.path_hooks.append(Finder)``: a class
        of the file so registered is a finder."""
        assert isinstance(node.func, ast.Attribute)
        where = self._value(node.func.value, scope)
        if where in (Ref("sys.meta_path"), Ref("sys.path_hooks")):
            for arg in node.args:
                value = self._value(arg, scope)
                if isinstance(value, Local):
                    self.registered.add(value.cls)


_Push = Callable[[Tuple[ast.AST, Scope]], None]


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


def _push_all(push: _Push, nodes: list[Any], scope: Scope) -> None:
    for node in nodes:
        if isinstance(node, ast.AST):
            push((node, scope))


_CALLED: Final = frozenset(
    {"import_module", "__import__", "getattr", "randrange", "split", "TypedDict"}
)


_RANGE_ARGS: Final = frozenset({"start", "stop", "step"})


def _future_annotations(tree: ast.Module) -> bool:
    """Whether ``from __future__ import annotations`` leaves annotations unevaluated."""
    for statement in tree.body:
        if isinstance(statement, ast.ImportFrom) and statement.module == "__future__":
            if any(alias.name == "annotations" for alias in statement.names):
                return True
        elif not (isinstance(statement, ast.Expr) and string_value(statement.value) is not None):
            return False
    return False
