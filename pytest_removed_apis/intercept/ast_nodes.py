"""The checks 3.15's ``ast`` node constructors make, as ``behaviours.BEHAVIOURS`` installs
them: an unknown keyword, a required field left out, and a field that a class giving
``_field_types`` does not type are refused (``TypeError``), where 3.13 and 3.14 warn and
older releases build the node.  Which fields a node requires, the class tells: its
``_field_types`` from 3.13 on, the signature in its docstring before."""

from __future__ import annotations

import re
import sys
import typing
import weakref
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final

from pytest_removed_apis.intercept.classify import users

if TYPE_CHECKING:
    from pytest_removed_apis.intercept.behaviours import Behaviours


AST_MISSING: Final = "ast.AST:omitted-required-fields"
AST_KEYWORDS: Final = "ast.AST:arbitrary-keyword-arguments"
AST_UNTYPED: Final = "ast.AST:incomplete-field-types"
_SIGNATURE: Final = re.compile(r"^\w+\((.*)\)$")


class _Fields:
    """What 3.15 asks of a node class's constructor: its fields, those that must be given
    (neither optional, a list, nor an ``expr_context``), the names it takes by keyword, and
    the fields its own ``_field_types`` leaves out."""

    __slots__ = ("fields", "required", "known", "untyped")

    def __init__(self, cls: type, module: ModuleType) -> None:
        self.fields: tuple[str, ...] = tuple(getattr(cls, "_fields", ()))
        self.known = frozenset([*self.fields, *getattr(cls, "_attributes", ())])
        types = getattr(cls, "_field_types", None)
        builtin = _builtin_node(cls, module)
        if isinstance(types, dict):  # 3.13 on, and a class that gives its own
            self.required = frozenset(
                name for name in self.fields if name in types and _required(types[name], module)
            )
            self.untyped = frozenset(name for name in self.fields if name not in types)
        elif builtin is not None:  # 3.9 to 3.12: the node's signature in its docstring
            self.required = _required_in_docstring(builtin)
            self.untyped = frozenset()
        else:  # a class of the user's own without _field_types: nothing is required
            self.required = self.untyped = frozenset()


def _builtin_node(cls: type, module: ModuleType) -> type | None:
    """The standard node class a class is or derives from (``None``: a class of its own)."""
    for klass in cls.__mro__:
        if klass.__module__ in ("ast", "_ast") and klass is not module.AST:
            return klass
    return None


def _required(kind: Any, module: ModuleType) -> bool:
    if kind is module.expr_context or typing.get_origin(kind) is list:
        return False
    return type(None) not in typing.get_args(kind)


def _required_in_docstring(cls: type) -> frozenset[str]:
    found = _SIGNATURE.match(cls.__doc__ or "")
    if found is None:
        return frozenset()
    required = set()
    for field in filter(None, (part.strip() for part in found.group(1).split(","))):
        kind, _, name = field.rpartition(" ")
        if not kind.endswith(("?", "*")) and kind != "expr_context":
            required.add(name)
    return frozenset(required)


def _qualified(cls: type) -> str:
    """The class's name as 3.15 gives it: with its module's, but for ``__main__``."""
    module = "ast" if cls.__module__ == "_ast" else cls.__module__
    return (
        cls.__qualname__ if module in ("builtins", "__main__") else f"{module}.{cls.__qualname__}"
    )


def _listed(names: list[str]) -> str:
    quoted = [repr(name) for name in names]
    if len(quoted) < 3:
        return " and ".join(quoted)
    return f"{', '.join(quoted[:-1])}, and {quoted[-1]}"


def strict_node_constructors(behaviours: Behaviours, module: ModuleType) -> None:
    """3.15's node constructors refuse an unknown keyword, a required field left out and,
    in a class that gives ``_field_types``, a field left out that it does not type (3.13
    and 3.14 warn, older releases build the node silently).  ``ast.AST.__init__`` is
    wrapped (on 3.8, which cannot change it, each standard node class's); the standard
    library's and the test runner's own nodes are left alone."""
    original = module.AST.__init__
    known: weakref.WeakKeyDictionary[type, _Fields] = weakref.WeakKeyDictionary()

    def refused(cls: type, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        fields = known.get(cls)
        if fields is None:
            fields = known[cls] = _Fields(cls, module)
        given = {*fields.fields[: len(args)], *kwargs}
        if given >= fields.required and fields.known >= kwargs.keys() and not fields.untyped:
            return  # nearly every node
        frame = sys._getframe(2)
        if not users(frame.f_code.co_filename):
            return
        name = _qualified(cls)
        unknown = [keyword for keyword in kwargs if keyword not in fields.known]
        if unknown:
            message = f"{name}.__init__ got an unexpected keyword argument {unknown[0]!r}"
            behaviours.use(AST_KEYWORDS, TypeError(message), frame)
        for field in fields.fields:
            if field in fields.untyped and field not in given:
                message = f"Field {field!r} is missing from {name}._field_types"
                behaviours.use(AST_UNTYPED, TypeError(message), frame)
                break
        missing = [field for field in fields.fields if field in fields.required - given]
        if missing:
            plural = "s" if len(missing) > 1 else ""
            message = (
                f"{name}.__init__ missing {len(missing)} required positional "
                f"argument{plural}: {_listed(missing)}"
            )
            behaviours.use(AST_MISSING, TypeError(message), frame)

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        refused(type(self), args, kwargs)
        original(self, *args, **kwargs)

    try:
        behaviours.patch(module.AST, "__init__", __init__)
    except TypeError:  # 3.8: a static type
        for cls in _node_classes(module):
            behaviours.patch(cls, "__init__", __init__)


def _node_classes(module: ModuleType) -> list[type]:
    found, pending = [], [module.AST]
    while pending:
        cls = pending.pop()
        for subclass in cls.__subclasses__():
            if subclass.__module__ in ("ast", "_ast") and subclass not in found:
                found.append(subclass)
                pending.append(subclass)
    return found
