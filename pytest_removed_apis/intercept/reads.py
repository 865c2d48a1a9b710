"""One hook per module on the reads of chosen attributes, shared by every interceptor.

Default mode's name watch (``names.py``), its watch on broken modules (``broken.py``) and
the simulation's hidden names (``hiding.py``) each need to see the reads of some attributes
of a module.  Every read of a module attribute from outside the module goes through the
``__getattribute__`` of the module's type, so the module gets one subclass of its type,
however many interceptors and names there are:

* a ``before`` handler is asked first, with the frame of the code that reads, and the
  original ``__getattribute__``: it may raise (the simulation refuses a removed name),
  answer with a value of its own (a module's ``__dict__`` without its removed names), or
  let the read go on (``GO_ON``);
* an ``after`` handler is told of the value read (default mode reports a use).

``watch`` returns the undo; once the last handler is gone, the module gets its own type
back.  Code inside the module reads its globals directly and is not affected.

A class member is read through the descriptor protocol instead: ``StandIn`` takes the
member's place in its class, asks its handler about each read, and answers as the original
would (``DataStandIn`` also passes assignment and deletion on, for a property).
"""

from __future__ import annotations

import sys
import types
from types import FrameType, ModuleType
from typing import Any, Callable, Final, Iterable, List, Tuple

GO_ON: Final = object()
"""What a ``before`` handler returns to let the read go on."""


def NOTHING() -> None:  # noqa: N802 - a constant, of sorts
    """The undo of a hook that could not be put on (the module's type cannot change)."""


Base = Callable[[object, str], Any]
Before = Callable[[ModuleType, str, FrameType, Base], Any]
After = Callable[[ModuleType, str, Any, FrameType], None]
DirFilter = Callable[[List[str]], List[str]]  # noqa: UP006 - evaluated on 3.8

_STATE: Final = "_removed_apis_reads"


class _Reads:
    """The handlers of one module's hook."""

    __slots__ = ("table", "dir_filters", "original_class", "hook")

    def __init__(self, original_class: type) -> None:
        self.table: dict[str, Tuple[Tuple[Before, ...], Tuple[After, ...]]] = {}  # noqa: UP006
        self.dir_filters: list[DirFilter] = []
        self.original_class = original_class
        self.hook: type = original_class

    def add(self, attribute: str, before: Before | None, after: After | None) -> None:
        befores, afters = self.table.get(attribute, ((), ()))
        self.table[attribute] = (
            befores + ((before,) if before is not None else ()),
            afters + ((after,) if after is not None else ()),
        )

    def remove(self, attribute: str, before: Before | None, after: After | None) -> None:
        befores, afters = self.table.get(attribute, ((), ()))
        befores = tuple(handler for handler in befores if handler is not before)
        afters = tuple(handler for handler in afters if handler is not after)
        if befores or afters:
            self.table[attribute] = (befores, afters)
        else:
            self.table.pop(attribute, None)

    def release(self, module: ModuleType) -> None:
        """The module's own type back, once no handler is left (and no other subclass has
        been put on top since; the hook then stays, inert)."""
        if not self.table and not self.dir_filters and type(module) is self.hook:
            object.__setattr__(module, "__class__", self.original_class)


def _hooked(module: ModuleType) -> _Reads | None:
    """The hook of the module, put on at the first call; ``None`` when the module's type
    cannot be changed."""
    reads: _Reads | None = vars(type(module)).get(_STATE)
    if reads is not None:
        return reads
    original_class = type(module)
    reads = _Reads(original_class)
    table = reads.table
    base: Base = original_class.__getattribute__

    def __getattribute__(self: ModuleType, attribute: str) -> Any:
        __tracebackhide__ = True
        handlers = table.get(attribute)
        if handlers is None:
            return base(self, attribute)
        befores, afters = handlers
        frame = sys._getframe(1)
        for before in befores:
            answer = before(self, attribute, frame, base)
            if answer is not GO_ON:
                return answer
        value = base(self, attribute)
        for after in afters:
            after(self, attribute, value, frame)
        return value

    def __dir__(self: ModuleType) -> list[str]:
        if not reads.dir_filters:
            return list(original_class.__dir__(self))
        namespace = object.__getattribute__(self, "__dict__")
        custom = namespace.get("__dir__")  # as ModuleType's, on the whole namespace
        names = list(custom() if callable(custom) else namespace)
        for dir_filter in reads.dir_filters:
            names = dir_filter(names)
        return names

    hook = types.new_class(
        "Intercepted",
        (original_class,),
        exec_body=lambda body: body.update(
            {"__getattribute__": __getattribute__, "__dir__": __dir__, _STATE: reads}
        ),
    )
    try:
        module.__class__ = hook
    except TypeError:  # a module object that refuses a new class
        return None
    reads.hook = hook
    return reads


def watch(
    module: ModuleType,
    attributes: Iterable[str],
    before: Before | None = None,
    after: After | None = None,
) -> Callable[[], None] | None:
    """Hand the reads of ``attributes`` of ``module`` to the handlers; the undo, or
    ``None`` when the module's type cannot be changed."""
    reads = _hooked(module)
    if reads is None:
        return None
    names = tuple(attributes)
    for attribute in names:
        reads.add(attribute, before, after)

    def undo() -> None:
        for attribute in names:
            reads.remove(attribute, before, after)
        reads.release(module)

    return undo


def filter_dir(module: ModuleType, dir_filter: DirFilter) -> Callable[[], None] | None:
    """Pass the names ``dir(module)`` lists through ``dir_filter``; the undo."""
    reads = _hooked(module)
    if reads is None:
        return None
    reads.dir_filters.append(dir_filter)

    def undo() -> None:
        if dir_filter in reads.dir_filters:
            reads.dir_filters.remove(dir_filter)
        reads.release(module)

    return undo


MemberRead = Callable[[object, "type | None", FrameType], None]
"""Told of a read of a class member (the instance, or ``None`` on the class; the class;
the frame of the code that reads); it may raise."""


class StandIn:
    """Stands in for a class member: ``read`` sees each read, then the original answers.
    ``on_class`` only: ``read`` sees the reads on the class itself, not those through an
    instance (the interpreter's own look-up of a special method has one)."""

    __slots__ = ("original", "read", "on_class")

    def __init__(self, original: Any, read: MemberRead, *, on_class: bool = False) -> None:
        self.original = original
        self.read = read
        self.on_class = on_class

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        __tracebackhide__ = True
        if obj is None or not self.on_class:
            self.read(obj, owner, sys._getframe(1))
        getter = getattr(type(self.original), "__get__", None)
        return self.original if getter is None else getter(self.original, obj, owner)


class DataStandIn(StandIn):
    """The same for a data descriptor (a property): assignment and deletion go through."""

    __slots__ = ()

    def __set__(self, obj: object, value: object) -> None:
        type(self.original).__set__(self.original, obj, value)

    def __delete__(self, obj: object) -> None:
        type(self.original).__delete__(self.original, obj)
