"""The behaviours Python 3.15 removed, as ``behaviours.BEHAVIOURS`` installs them: a day of
the month parsed without a year, ``NamedTuple()`` and ``TypedDict()`` without their fields
or with keyword arguments (``TypedDict()``'s keywords: a 3.13 removal), ``RLock()``'s
arguments, the name argparse infers for ``-f, -foo``, an abstract
``importlib.metadata.Distribution``, the import system's fallback to ``load_module()``,
``Protocol[...]`` read as ``Generic[...]``, and ``sqlite3.connect()``'s positional
arguments (the ``ast`` node constructors' checks: ``ast_nodes.py``).  Each function wraps,
in the imported module, what shows the removed form, and hands a use to the policy through
``Behaviours.use``."""

from __future__ import annotations

import functools
import re
import sys
import weakref
from types import FrameType, ModuleType
from typing import TYPE_CHECKING, Any, Callable, Dict, Final, Tuple

from pytest_removed_apis.intercept.classify import is_library, library_class, library_object

if TYPE_CHECKING:
    from pytest_removed_apis.intercept.behaviours import Behaviours


STRPTIME: Final = {
    "_strptime_time": "time.strptime:day-of-month-without-year",
    "_strptime_datetime": "datetime.datetime.strptime:day-of-month-without-year",  # to 3.13
    "_strptime_datetime_datetime": "datetime.datetime.strptime:day-of-month-without-year",
    "_strptime_datetime_date": "datetime.date.strptime:day-of-month-without-year",
}
"""The entry of a use, by the function of ``_strptime`` that the public one calls."""

_NO_YEAR: Final = (
    "Day of month directive '%d' may not be used without a year directive. Parsing dates "
    "involving a day of month without a year is ambiguous and fails to parse leap day. Add "
    "a year to the input and format. See https://github.com/python/cpython/issues/70647."
)
_ESCAPED: Final = re.compile(r"([\\.^$*+?\(\){}\[\]|])")
_DIRECTIVE: Final = re.compile(r"%[-_0^#]*[0-9]*([OE]?[:\\]?.?)")


def day_without_year(format: str) -> bool:
    """Whether 3.15 refuses the format: a ``%d`` and no ``%Y``, ``%y`` or ``%G``, each
    directive read as 3.15's ``TimeRE.pattern()`` reads it (``%%d`` is no directive)."""
    escaped = re.sub(r"\s+", r"\\s+", _ESCAPED.sub(r"\\\1", format))
    directives = {found.group()[1:] for found in _DIRECTIVE.finditer(escaped)}
    return "d" in directives and not directives & {"Y", "y", "G"}


def year_for_the_day(behaviours: Behaviours, module: ModuleType) -> None:
    """3.15 refuses a format with a day of the month and no year (3.13 and 3.14 warn, only
    the first time a format is compiled; older releases parse it in 1900).  ``_strptime``,
    which ``time.strptime()`` and the ``datetime`` classes' ``strptime()`` call through the
    module's functions, is wrapped; the verdict on each format is kept.  The standard
    library's own calls are left alone."""
    original = module._strptime
    verdicts: dict[str, bool] = {}
    here = module.__file__

    @functools.wraps(original)
    def _strptime(data_string: Any, format: Any = "%a %b %d %H:%M:%S %Y") -> Any:
        refused = verdicts.get(format) if type(format) is str else False
        if refused is None:
            refused = verdicts[format] = day_without_year(format)
        if refused:
            caller: FrameType | None = sys._getframe(1)
            entry_id = STRPTIME.get(caller.f_code.co_name) if caller else None
            while caller is not None and caller.f_code.co_filename == here:
                caller = caller.f_back
            if entry_id and caller is not None and not is_library(caller.f_code.co_filename):
                behaviours.use(entry_id, ValueError(_NO_YEAR), caller)
        return original(data_string, format)

    behaviours.patch(module, "_strptime", _strptime)


NAMED_TUPLE: Final = "typing.NamedTuple"
TYPED_DICT: Final = "typing.TypedDict"
_OMITTED: Final = object()


def fields_required(behaviours: Behaviours, module: ModuleType) -> None:
    """3.15's ``NamedTuple()`` and ``TypedDict()`` take their fields, positionally and
    never ``None`` (3.13 and 3.14 warn, older releases take an empty class), and
    ``NamedTuple()`` no keyword arguments.  The module's functions are wrapped (3.8's
    classes: their ``__new__``)."""
    for name, keywords in ((NAMED_TUPLE, ()), (TYPED_DICT, ("total",))):
        attribute = name.rpartition(".")[2]
        original = getattr(module, attribute)
        check = _fields_check(behaviours, name, keywords)
        if isinstance(original, type):  # 3.8
            new = vars(original)["__new__"].__func__
            behaviours.patch(original, "__new__", staticmethod(_checked_new(new, check)))
        else:
            behaviours.patch(module, attribute, _checked(original, check))
    _robust_mro_entries(behaviours, module)


def _robust_mro_entries(behaviours: Behaviours, module: ModuleType) -> None:
    """From 3.11 on, a class deriving from ``NamedTuple`` asserts that it names the
    module's: it may name the one taken before the wrapping."""
    wrapper = vars(module)["NamedTuple"]
    original = getattr(wrapper, "__wrapped__", None)
    entries = getattr(original, "__mro_entries__", None)
    if entries is None:  # 3.8: a class
        return

    def __mro_entries__(bases: tuple[Any, ...]) -> Any:
        return entries(tuple(wrapper if base is original else base for base in bases))

    wrapper.__mro_entries__ = __mro_entries__
    behaviours.patch(original, "__mro_entries__", __mro_entries__)


Check = Callable[[Tuple[Any, ...], Dict[str, Any], FrameType], None]


def _fields_check(behaviours: Behaviours, name: str, keywords: tuple[str, ...]) -> Check:
    short = name.rpartition(".")[2]

    def check(args: tuple[Any, ...], kwargs: dict[str, Any], frame: FrameType) -> None:
        unexpected = [keyword for keyword in kwargs if keyword not in keywords]
        if unexpected:
            # With fields as well, older releases raise a TypeError of their own.
            if len(args) == 1 or len(args) == 2 and args[1] is None:
                message = f"{short}() got an unexpected keyword argument {unexpected[0]!r}"
                behaviours.use(f"{name}:keyword-arguments", TypeError(message), frame)
            return
        fields = args[1] if len(args) == 2 else _OMITTED if len(args) == 1 else ()
        if fields is _OMITTED:
            message = f"{short}() missing 1 required positional argument: 'fields'"
            behaviours.use(f"{name}:fields-omitted", TypeError(message), frame)
        elif fields is None:
            message = "'NoneType' object is not iterable"
            behaviours.use(f"{name}:fields-None", TypeError(message), frame)

    return check


def _checked(original: Callable[..., Any], check: Check) -> Callable[..., Any]:
    @functools.wraps(original)
    def checked(*args: Any, **kwargs: Any) -> Any:
        caller = sys._getframe(1)
        check(args, kwargs, caller)
        return _made_by(original(*args, **kwargs), caller)

    return checked


def _checked_new(original: Callable[..., Any], check: Check) -> Callable[..., Any]:
    @functools.wraps(original)
    def __new__(cls: Any, *args: Any, **kwargs: Any) -> Any:
        caller = sys._getframe(1)
        check(args, kwargs, caller)
        return _made_by(original(cls, *args, **kwargs), caller)

    return __new__


def _made_by(made: Any, caller: FrameType) -> Any:
    """The class, of the module whose code made it: the original takes the module of its
    own caller, here the wrapper (pickle finds a class through its module)."""
    made.__module__ = caller.f_globals.get("__name__", "__main__")
    return made


RLOCK: Final = "threading.RLock:arguments"


def no_rlock_arguments(behaviours: Behaviours, module: ModuleType) -> None:
    """3.15's ``RLock()`` takes no arguments (3.13 and 3.14 warn, older releases ignore
    them)."""
    original = module.RLock

    @functools.wraps(original)
    def RLock(*args: Any, **kwargs: Any) -> Any:  # noqa: N802 - the original's name
        if kwargs:
            message = f"RLock() got an unexpected keyword argument {next(iter(kwargs))!r}"
            behaviours.use(RLOCK, TypeError(message), sys._getframe(1))
        elif args:
            given = f"{len(args)} was" if len(args) == 1 else f"{len(args)} were"
            message = f"RLock() takes 0 positional arguments but {given} given"
            behaviours.use(RLOCK, TypeError(message), sys._getframe(1))
        return original(*args, **kwargs)

    behaviours.patch(module, "RLock", RLock)


SINGLE_DASH_DEST: Final = "argparse.ArgumentParser.add_argument:single-dash-long-option-dest"


def single_dash_dest(behaviours: Behaviours, module: ModuleType) -> None:
    """3.15 names an option's value after its single-dash long option (``-f, -foo``:
    ``foo``), older releases after its first option string (``f``), silently.  What
    ``add_argument()`` asks to infer the name, ``_get_optional_kwargs``, is wrapped; the
    standard library's own parsers are left alone."""
    owner = module._ActionsContainer
    original = vars(owner)["_get_optional_kwargs"]

    @functools.wraps(original)
    def _get_optional_kwargs(self: Any, *args: Any, **kwargs: Any) -> Any:
        inferred = "dest" not in kwargs or kwargs["dest"] is None
        result = original(self, *args, **kwargs)
        if not inferred:
            return result
        dest = _dest_of_315(args, self.prefix_chars)
        if dest is None or dest == result["dest"]:
            return result
        entry = behaviours.taken(SINGLE_DASH_DEST)
        caller = sys._getframe(2)  # add_argument()'s caller
        if entry is None or is_library(caller.f_code.co_filename):
            return result
        if behaviours.refuses:
            return dict(result, dest=dest)
        behaviours.seen(entry, caller)
        return result

    behaviours.patch(owner, "_get_optional_kwargs", _get_optional_kwargs)


def _dest_of_315(option_strings: tuple[str, ...], prefix_chars: str) -> str | None:
    """The name 3.15 infers: a two-dash long option's, else a single-dash long option's,
    else a short option's."""
    dest, priority = None, 0
    for option in option_strings:  # strings of one prefix character and more: checked
        if len(option) <= 2:
            if priority < 1:
                dest, priority = option.lstrip(prefix_chars), 1
        elif option[1] not in prefix_chars:
            if priority < 2:
                dest, priority = option.lstrip(prefix_chars), 2
        else:
            dest = option.lstrip(prefix_chars)
            break
    return dest.replace("-", "_") if dest else None


ABSTRACT_DISTRIBUTION: Final = "importlib.metadata.Distribution:unimplemented-abstract-methods"


def abstract_distribution(behaviours: Behaviours, module: ModuleType) -> None:
    """3.15's ``Distribution`` is an abstract class: a subclass without ``read_text()`` or
    ``locate_file()`` cannot be made (3.12 to 3.14 warn, older releases make it silently).
    ``Distribution.__new__`` is wrapped."""
    owner = module.Distribution
    inherited = owner.__new__

    # Each class's abstract methods, found once, none for the standard library's own
    # classes (a class made and dropped goes with its entry).
    known: weakref.WeakKeyDictionary[type, list[str]] = weakref.WeakKeyDictionary()

    def __new__(cls: Any, *args: Any, **kwargs: Any) -> Any:
        abstract = known.get(cls)
        if abstract is None:
            abstract = known[cls] = (
                []
                if library_class(cls)
                else sorted(
                    name
                    for name in {name for klass in cls.__mro__ for name in vars(klass)}
                    if getattr(getattr(cls, name, None), "__isabstractmethod__", False)
                )
            )
        if abstract:
            plural = "s" if len(abstract) > 1 else ""
            message = (
                f"Can't instantiate abstract class {cls.__name__} without an implementation "
                f"for abstract method{plural} {', '.join(map(repr, abstract))}"
            )
            behaviours.use(ABSTRACT_DISTRIBUTION, TypeError(message), sys._getframe(1))
        return _plain_new(cls) if inherited is object.__new__ else inherited(cls, *args, **kwargs)

    # Up to 3.11 it inherits object.__new__: taken away again, the type would go on calling
    # object.__new__ with the arguments (CPython keeps the slot), so a stand-in goes back.
    plain = staticmethod(_plain_new) if inherited is object.__new__ else None
    behaviours.patch(owner, "__new__", staticmethod(__new__), plain)


def _plain_new(cls: type, *args: Any, **kwargs: Any) -> Any:
    """``object.__new__``, as a class that defines ``__init__`` calls it."""
    return object.__new__(cls)


LOAD_MODULE: Final = "importlib:load_module-fallback"


def no_load_module_fallback(behaviours: Behaviours, module: ModuleType) -> None:
    """3.15's import system calls the loader's ``exec_module()``, with no fall back to
    ``load_module()`` (3.10 to 3.14 say so in an ImportWarning, ignored by default).  The
    fallback, ``importlib._bootstrap._load_backward_compatible``, is wrapped; the standard
    library's own loaders keep their way (3.8's zipimporter has no ``exec_module()``)."""
    original = module._load_backward_compatible

    @functools.wraps(original)
    def _load_backward_compatible(spec: Any) -> Any:
        entry = None if library_object(spec.loader) else behaviours.taken(LOAD_MODULE)
        if entry is not None:
            try:
                spec.loader.exec_module  # noqa: B018 - 3.15's error, as 3.15 words it
            except AttributeError as error:
                behaviours.use(LOAD_MODULE, error, sys._getframe(1))
        return original(spec)

    behaviours.patch(module, "_load_backward_compatible", _load_backward_compatible)


PROTOCOL_UNLISTED: Final = "typing.Protocol:unlisted-type-variables"
PROTOCOL_ORDER: Final = "typing.Protocol:type-parameter-order"


def listed_protocol_parameters(behaviours: Behaviours, module: ModuleType) -> None:
    """3.15 reads ``Protocol[T1, T2]`` among a class's bases as it reads
    ``Generic[T1, T2]``: every type variable of the other bases must be listed there
    (``TypeError`` otherwise), and the class's ``__parameters__`` follow its order, where
    older releases take them in the order the bases give them, silently.
    ``Protocol.__init_subclass__`` is wrapped."""
    protocol = module.Protocol
    original = vars(protocol)["__init_subclass__"].__func__

    def __init_subclass__(cls: Any, *args: Any, **kwargs: Any) -> None:
        original(cls, *args, **kwargs)
        bases = cls.__dict__.get("__orig_bases__", ())
        origins = [getattr(base, "__origin__", None) for base in bases]
        if protocol not in origins or module.Generic in origins:
            return
        listed = bases[origins.index(protocol)].__parameters__
        found = cls.__parameters__
        frame = sys._getframe(1)
        unlisted = [str(variable) for variable in found if variable not in listed]
        if unlisted:
            message = (
                f"Some type variables ({', '.join(unlisted)}) are not listed in "
                f"Protocol[{', '.join(map(str, listed))}]"
            )
            behaviours.use(PROTOCOL_UNLISTED, TypeError(message), frame)
        elif tuple(found) != tuple(listed):
            entry = behaviours.taken(PROTOCOL_ORDER)
            if entry is not None and behaviours.refuses:
                cls.__parameters__ = tuple(listed)
            elif entry is not None:
                behaviours.seen(entry, frame)

    behaviours.patch(protocol, "__init_subclass__", classmethod(__init_subclass__))


CONNECT: Final = "sqlite3.connect:positional-arguments"


def keyword_only_connect(behaviours: Behaviours, module: ModuleType) -> None:
    """3.15's ``sqlite3.connect()`` takes the database only by position, everything else
    by keyword (3.13 and 3.14 warn, older releases take them).  The module's function is
    wrapped, in ``sqlite3`` and in ``sqlite3.dbapi2``, which hold the same built-in."""
    original = module.connect

    @functools.wraps(original)
    def connect(*args: Any, **kwargs: Any) -> Any:
        if len(args) > 1:
            message = f"connect() takes at most 1 positional arguments ({len(args)} given)"
            behaviours.use(CONNECT, TypeError(message), sys._getframe(1))
        return original(*args, **kwargs)

    behaviours.patch(module, "connect", connect)
    behaviours.patch(module.dbapi2, "connect", connect)
