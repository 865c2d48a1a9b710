"""One hook per module on the reads of chosen attributes, shared by every interceptor.

Default mode's name watch (``names.py``), its watch on broken modules (``broken.py``) and
the simulation's hidden names (``hiding.py``) each need to see the reads of some attributes
of a module.  Every read of a module attribute from outside the module goes through the
type of the module, so the module gets one subclass of its type, however many interceptors
and names there are, and each watched attribute a data descriptor on that subclass (asked
before the module's namespace; the others are read as fast as before; every read goes
through the hook where a descriptor cannot stand for the attribute, or a refusal would meet
the module's own ``__getattr__``):

* a ``before`` handler is asked first, with the frame of the code that reads, and the
  module's own look-up: it may raise (the simulation refuses a removed name),
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


Base = Callable[[Any, str], Any]
Before = Callable[[ModuleType, str, FrameType, Base], Any]
After = Callable[[ModuleType, str, Any, FrameType], None]
DirFilter = Callable[[List[str]], List[str]]  # noqa: UP006 - evaluated on 3.8

_STATE: Final = "_removed_apis_reads"


_MODULE_DICT: Final[Any] = vars(ModuleType)["__dict__"]


def own_namespace(module: ModuleType) -> dict[str, Any]:
    """The module's real ``__dict__``, past any hook on its reads."""
    namespace: dict[str, Any] = _MODULE_DICT.__get__(module, ModuleType)
    return namespace


class _Reads:
    """The handlers of one module's hook."""

    __slots__ = ("table", "dir_filters", "original_class", "hook", "every_read")

    def __init__(self, original_class: type) -> None:
        self.table: dict[str, Tuple[Tuple[Before, ...], Tuple[After, ...]]] = {}  # noqa: UP006
        self.dir_filters: list[DirFilter] = []
        self.original_class = original_class
        self.hook: type = original_class
        self.every_read = False

    def put_on(self, module: ModuleType, every_read: bool) -> bool:
        """Give the module a subclass of its type: with a data descriptor for each watched
        attribute, or with ``every_read``, a ``__getattribute__`` that sees every read (for
        an attribute that its type holds, as ``__dict__``, which a descriptor cannot stand
        for, or a refusal a module's own ``__getattr__`` would override).  Whether the
        module took it."""
        reads, original_class = self, self.original_class
        own: Base = self.original_class.__getattribute__  # type: ignore[assignment]
        body: dict[str, Any] = {"__dir__": _dir, _STATE: self}
        if every_read:
            table = self.table

            def __getattribute__(self: ModuleType, attribute: str) -> Any:
                __tracebackhide__ = True
                if attribute in table:
                    return reads.read(self, attribute, sys._getframe(1))
                return own(self, attribute)

            body["__getattribute__"] = __getattribute__
        else:
            body.update((attribute, _Watched(self, attribute)) for attribute in self.table)
        hook = types.new_class(
            "Intercepted", (original_class,), exec_body=lambda ns: ns.update(body)
        )
        try:
            module.__class__ = hook
        except TypeError:  # a module object that refuses a new class
            return False
        self.hook, self.every_read = hook, every_read
        return True

    def add(
        self, module: ModuleType, attribute: str, before: Before | None, after: After | None
    ) -> None:
        befores, afters = self.table.get(attribute, ((), ()))
        if not self.every_read and (
            _on_type(self.original_class, attribute) is not _ABSENT
            # The module's own __getattr__ (PEP 562) is asked when a descriptor of the
            # type raises AttributeError: it would answer what a before handler refuses.
            or (before is not None and "__getattr__" in own_namespace(module))
        ):
            self.put_on(module, every_read=True)
        elif not self.every_read and attribute not in vars(self.hook):
            type.__setattr__(self.hook, attribute, _Watched(self, attribute))
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

    def read(self, module: ModuleType, attribute: str, frame: FrameType) -> Any:
        """A read of a watched attribute by the code running in ``frame``."""
        __tracebackhide__ = True
        handlers = self.table.get(attribute)
        if handlers is None:
            return self.base(module, attribute)
        befores, afters = handlers
        for before in befores:
            answer = before(module, attribute, frame, self.base)
            if answer is not GO_ON:
                return answer
        value = self.base(module, attribute)
        for after in afters:
            after(module, attribute, value, frame)
        return value

    def base(self, module: ModuleType, attribute: str) -> Any:
        """The attribute as the module's own type answers it, without the hook: a data
        descriptor of the type, the module's namespace, another attribute of the type, the
        module's ``__getattr__``."""
        found = _on_type(self.original_class, attribute)
        getter = getattr(type(found), "__get__", None)
        if getter is not None and _is_data(found):
            return getter(found, module, self.original_class)
        namespace = own_namespace(module)
        if attribute in namespace:
            return namespace[attribute]
        if found is not _ABSENT:
            return found if getter is None else getter(found, module, self.original_class)
        fallback = namespace.get("__getattr__")
        if fallback is not None:
            return fallback(attribute)
        name = namespace.get("__name__", "?")
        raise AttributeError(f"module {name!r} has no attribute {attribute!r}")


_ABSENT: Final = object()


def _dir(module: ModuleType) -> list[str]:
    """``dir()`` of a hooked module, through its filters."""
    reads: _Reads = getattr(type(module), _STATE)
    if not reads.dir_filters:
        original: Any = reads.original_class
        return list(original.__dir__(module))
    namespace = own_namespace(module)
    custom = namespace.get("__dir__")  # as ModuleType's, on the whole namespace
    names = list(custom() if callable(custom) else namespace)
    for dir_filter in reads.dir_filters:
        names = dir_filter(names)
    return names


def _on_type(cls: type, attribute: str) -> Any:
    """The attribute as the type and its bases hold it, or ``_ABSENT``."""
    for klass in cls.__mro__:
        found = vars(klass).get(attribute, _ABSENT)
        if found is not _ABSENT:
            return found
    return _ABSENT


def _is_data(descriptor: Any) -> bool:
    kind = type(descriptor)
    return hasattr(kind, "__set__") or hasattr(kind, "__delete__")


class _Watched:
    """Stands in the hook's type for one watched attribute of the module: as a data
    descriptor, it is asked before the module's namespace, and the attributes nobody
    watches are read at the speed of the module's own type."""

    __slots__ = ("reads", "attribute")

    def __init__(self, reads: _Reads, attribute: str) -> None:
        self.reads = reads
        self.attribute = attribute

    def __get__(self, module: ModuleType | None, owner: type | None = None) -> Any:
        __tracebackhide__ = True
        if module is None:  # read on the hook's type itself
            return getattr(self.reads.original_class, self.attribute)
        return self.reads.read(module, self.attribute, sys._getframe(1))

    # The module's type has no attribute of the name (it would have every read hooked
    # instead): an assignment or a deletion is the namespace's.
    def __set__(self, module: ModuleType, value: Any) -> None:
        own_namespace(module)[self.attribute] = value

    def __delete__(self, module: ModuleType) -> None:
        try:
            del own_namespace(module)[self.attribute]
        except KeyError:
            raise AttributeError(self.attribute) from None


def _hooked(module: ModuleType) -> _Reads | None:
    """The hook of the module, put on at the first call; ``None`` when the module's type
    cannot be changed."""
    reads: _Reads | None = vars(type(module)).get(_STATE)
    if reads is not None:
        return reads
    reads = _Reads(type(module))
    return reads if reads.put_on(module, every_read=False) else None


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
        reads.add(module, attribute, before, after)

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
