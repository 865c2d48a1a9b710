"""The interceptor of removed keyword parameters and removed behaviours.

Each removed behaviour is described once, in ``BEHAVIOURS``: the module whose import lets it
be intercepted, and one function that wraps what must be wrapped there and recognises the
removed form (``randrange(1.5)``, ``shlex.split(None)``, a group reference ``\\g<+1>``, ...).
What happens then is the policy's (``policy.py``): ``Record`` reports the use at the user's
line and lets the old way go on, ``Refuse`` gives the newer release's exception or result.
Removed keyword parameters are wrapped by ``parameters.py``, under the same policy.

A ``Behaviours`` interceptor serves the entries of one policy: default mode makes one for
the entries it watches, a simulation one for those it hides.  The callables of a module are
wrapped when ``refresh`` first sees the module imported; ``uninstall`` puts every original
back.
"""

from __future__ import annotations

import functools
import operator
import sys
from types import FrameType, MethodType, ModuleType
from typing import Any, Callable, Final, Iterable, Mapping

from pytest_removed_apis.catalog import Entry
from pytest_removed_apis.intercept.ast_nodes import (
    AST_KEYWORDS,
    AST_MISSING,
    AST_UNTYPED,
    strict_node_constructors,
)
from pytest_removed_apis.intercept.behaviours314 import (
    FORWARD_REF,
    ITERTOOLS_PICKLE,
    LEGACY_VISITORS,
    LOOP_FUNCTION,
    LOOP_METHOD,
    PATH_KEYWORDS,
    SPLITROOT,
    START_METHOD,
    TAR_EXTRACT,
    TAR_EXTRACTALL,
    URL2PATHNAME,
    data_filter_by_default,
    forkserver_by_default,
    keyword_forward_ref,
    no_implicit_event_loop,
    no_iterator_pickling,
    no_legacy_visitors,
    no_nested_groups,
    renamed_path_keyword,
    renamed_url_keyword,
    strict_path_arguments,
)
from pytest_removed_apis.intercept.behaviours315 import (
    ABSTRACT_DISTRIBUTION,
    CONNECT,
    LOAD_MODULE,
    NAMED_TUPLE,
    PROTOCOL_ORDER,
    PROTOCOL_UNLISTED,
    RLOCK,
    SINGLE_DASH_DEST,
    STRPTIME,
    TYPED_DICT,
    abstract_distribution,
    fields_required,
    keyword_only_connect,
    listed_protocol_parameters,
    no_load_module_fallback,
    no_rlock_arguments,
    single_dash_dest,
    year_for_the_day,
)
from pytest_removed_apis.intercept.classify import is_library, library_object
from pytest_removed_apis.intercept.group_syntax import GroupSyntax
from pytest_removed_apis.intercept.imports import take_imported
from pytest_removed_apis.intercept.policy import Record, Refuse, tagged

Install = Callable[["Behaviours", ModuleType], None]
_INHERITED: Final = object()


class Behaviour:
    """A removed behaviour: ``install`` wraps, in the imported ``module``, what shows it.
    ``recorded`` is false where default mode leaves it to the warning every older release
    emits at the use (the wrapping would cost every call and see nothing more).  A plain
    class: a dataclass would cost its code generation at every start of pytest."""

    __slots__ = ("module", "install", "recorded")

    def __init__(self, module: str, install: Install, recorded: bool = True) -> None:
        self.module = module
        self.install = install
        self.recorded = recorded


class Behaviours:
    """The removed parameters and behaviours of some entries, under one policy."""

    def __init__(self, entries: Iterable[Entry], policy: Record | Refuse) -> None:
        self.policy = policy
        self.refuses = policy.refuses
        self.entries: dict[str, Entry] = {}
        self._by_module: dict[str, list[Entry]] = {}
        for entry in entries:
            behaviour = BEHAVIOURS.get(entry.id) if entry.kind == "behaviour" else None
            if entry.kind == "parameter" and entry.aspect:
                module = entry.module
            elif behaviour is not None and (policy.refuses or behaviour.recorded):
                module = behaviour.module
            else:
                continue
            self.entries[entry.id] = entry
            self._by_module.setdefault(module, []).append(entry)
        self._pending: set[str] = set()
        self._undo: list[Callable[[], None]] = []

    @property
    def modules(self) -> Iterable[str]:
        """The modules whose import lets the entries be intercepted."""
        return self._by_module.keys()

    def install(self) -> bool:
        """Wrap what the modules imported already hold, and the others once imported;
        whether one was left for later because it is still importing."""
        self._pending = set(self._by_module)
        return self.refresh()

    def refresh(self) -> bool:
        """Wrap what the modules imported since the last call hold; whether one was left
        for later because it is still importing."""
        ready, deferred = take_imported(self._pending)
        for name, module in ready:
            keywords: dict[str, list[Entry]] = {}
            installed: set[Behaviour] = set()  # one behaviour may serve several entries
            for entry in self._by_module[name]:
                if entry.kind == "parameter":
                    keywords.setdefault(entry.qualname, []).append(entry)
                elif BEHAVIOURS[entry.id] not in installed:
                    installed.add(BEHAVIOURS[entry.id])
                    BEHAVIOURS[entry.id].install(self, module)
            if keywords:  # imported when first needed: ssl, ftplib and the like are rare
                from pytest_removed_apis.intercept import parameters

                for qualname, entries in keywords.items():
                    parameters.intercept(self, module, qualname, entries)
        return deferred

    def uninstall(self) -> None:
        while self._undo:
            self._undo.pop()()
        self._pending = set()

    def patch(self, owner: Any, name: str, replacement: object, inherited: object = None) -> None:
        """Set ``owner.name``; ``uninstall`` puts back what it held, or takes away what it
        only inherited (or sets ``inherited`` instead, where taking it away is not enough)."""
        original = vars(owner).get(name, _INHERITED)
        setattr(owner, name, replacement)
        if original is not _INHERITED:
            self._undo.append(lambda: setattr(owner, name, original))
        elif inherited is not None:
            self._undo.append(lambda: setattr(owner, name, inherited))
        else:
            self._undo.append(lambda: delattr(owner, name))

    def taken(self, entry_id: str) -> Entry | None:
        """The entry, when this interceptor has it and its policy takes it now."""
        entry = self.entries.get(entry_id)
        return entry if entry is not None and self.policy.takes(entry) else None

    def use(self, entry_id: str, error: BaseException, frame: FrameType | None) -> bool:
        """A use of the removed form, made by the code in ``frame``: the newer release's
        ``error`` is raised (refuse), or the use is reported (record).  Whether the policy
        took it."""
        __tracebackhide__ = True
        entry = self.taken(entry_id)
        if entry is None:
            return False
        if self.refuses:
            raise tagged(error, entry) from None
        self.policy.seen(entry, frame)  # type: ignore[union-attr]
        return True

    def seen(self, entry: Entry, frame: FrameType | None) -> None:
        """Recorded: a use made by the code in ``frame`` (or the first caller outside the
        standard library)."""
        self.policy.seen(entry, frame)  # type: ignore[union-attr]


# -- the behaviours, each once ---------------------------------------------------------

_FALLBACK: Final = "importlib:find_module-fallback"


def _find_module_fallback(behaviours: Behaviours, module: ModuleType) -> None:
    """3.12 skips a meta-path finder without ``find_spec()``, and a path-entry finder
    without it fails with ``AttributeError``: the fallbacks to ``find_module()``,
    ``importlib._bootstrap._find_spec_legacy`` and ``PathFinder._legacy_get_spec``, are
    wrapped (3.8 and 3.9 say nothing of them, 3.10 and 3.11 an ImportWarning ignored by
    default).  The standard library's own finders keep their way (3.8's zipimporter has no
    ``find_spec()``; 3.12's has)."""
    bootstrap = sys.modules["importlib._bootstrap"]
    path_finder = module.PathFinder
    legacy = bootstrap._find_spec_legacy
    legacy_get_spec = vars(path_finder)["_legacy_get_spec"].__func__

    def fell_back(entry: Entry, name: str, frame: FrameType) -> None:
        site = behaviours.policy.seen(entry, frame)  # type: ignore[union-attr]
        if site is not None:  # not the test runner's own import
            behaviours.policy.fallen_back(name, entry, *site)  # type: ignore[union-attr]

    def _find_spec_legacy(finder: Any, name: str, path: Any) -> Any:
        entry = None if library_object(finder) else behaviours.taken(_FALLBACK)
        if entry is None:
            return legacy(finder, name, path)
        if behaviours.refuses:
            find_module = getattr(finder, "find_module", None)
            if find_module is not None and find_module(name, path) is not None:
                behaviours.policy.refused_modules[name] = entry  # type: ignore[union-attr]
            return None
        spec = legacy(finder, name, path)
        if spec is not None:
            fell_back(entry, name, sys._getframe(1))
        return spec

    def _legacy_get_spec(cls: Any, fullname: str, finder: Any) -> Any:
        entry = None if library_object(finder) else behaviours.taken(_FALLBACK)
        if entry is not None and behaviours.refuses:
            message = f"{type(finder).__name__!r} object has no attribute 'find_spec'"
            behaviours.use(_FALLBACK, AttributeError(message), None)
        spec = legacy_get_spec(cls, fullname, finder)
        if entry is not None and spec.loader is not None:
            fell_back(entry, fullname, sys._getframe(1))
        return spec

    behaviours.patch(bootstrap, "_find_spec_legacy", _find_spec_legacy)
    behaviours.patch(path_finder, "_legacy_get_spec", classmethod(_legacy_get_spec))


def _module_repr(behaviours: Behaviours, module: ModuleType) -> None:
    """``repr(module)`` asks a loader's own ``module_repr()`` before 3.12 only."""
    original = module._module_repr  # what ModuleType.__repr__ calls on 3.8 to 3.11

    def _module_repr(mod: ModuleType) -> str:
        loader = getattr(mod, "__loader__", None)
        method = getattr(type(loader), "module_repr", None)
        code = getattr(method, "__code__", None)
        entry = None
        if code is not None and not is_library(code.co_filename):
            entry = behaviours.taken("importlib:module_repr-support")
        if entry is None:
            return str(original(mod))
        if not behaviours.refuses:
            behaviours.seen(entry, sys._getframe(1))
            return str(original(mod))
        spec = getattr(mod, "__spec__", None)
        if spec is not None:
            return str(module._module_repr_from_spec(spec))
        name = getattr(mod, "__name__", "?")
        filename = getattr(mod, "__file__", None)
        if filename is not None:
            return f"<module {name!r} from {filename!r}>"
        return f"<module {name!r} ({loader!r})>"

    behaviours.patch(module, "_module_repr", _module_repr)


def _integer_randrange(behaviours: Behaviours, module: ModuleType) -> None:
    """3.12's ``randrange()`` takes integers only (``operator.index``); 3.10 and 3.11 warn,
    3.8 and 3.9 say nothing.  One wrapper for both entries."""
    original = module.Random.randrange

    @functools.wraps(original)
    def randrange(self: Any, start: Any, stop: Any = None, step: Any = 1) -> Any:
        for value in (start, stop, step):
            if value is None or isinstance(value, int):
                continue
            try:
                operator.index(value)
            except TypeError as error:
                integral = isinstance(value, float) and value.is_integer()
                aspect = "integral-float" if integral else "non-integer"
                if behaviours.use(f"random.randrange:{aspect}", error, sys._getframe(1)):
                    break
        return original(self, start, stop, step)

    behaviours.patch(module.Random, "randrange", randrange)
    instance = module.randrange.__self__  # the hidden instance behind the module functions
    behaviours.patch(module, "randrange", MethodType(randrange, instance))


def _shlex_split_none(behaviours: Behaviours, module: ModuleType) -> None:
    """``shlex.split(None)`` read standard input before 3.12 (3.9 to 3.11 warn)."""
    original = module.split

    @functools.wraps(original)
    def split(s: Any, comments: bool = False, posix: bool = True) -> Any:
        if s is None:
            error = ValueError("s argument must not be None")
            behaviours.use("shlex.split:None", error, sys._getframe(1))
        return original(s, comments, posix)

    behaviours.patch(module, "split", split)


_PATH_PARAMETERS: Final = ("path", "src", "dst")


def _no_bytes_like_paths(behaviours: Behaviours, module: ModuleType) -> None:
    """3.12's ``os`` functions take ``str``, ``bytes``, path-likes and file descriptors
    only; a ``bytearray`` or ``memoryview`` path is a ``TypeError``."""
    for name, function in list(vars(module).items()):
        signature = getattr(function, "__text_signature__", None)
        if not signature or type(function).__name__ != "builtin_function_or_method":
            continue
        if name == "fspath":  # never took a bytes-like object (os.path calls it each time)
            continue
        names = [part.strip().split("=")[0] for part in signature.strip("()").split(",")]
        names = [n for n in names if n not in ("$module", "/", "*")]
        positions = {n: i for i, n in enumerate(names) if n in _PATH_PARAMETERS}
        if positions:
            behaviours.patch(module, name, _PathChecked(behaviours, function, positions))


class _PathChecked:
    """A built-in ``os`` function that refuses bytes-like paths.  Not a descriptor, like
    the built-in it stands for: a class attribute set to it is no method (``pathlib``)."""

    def __init__(
        self, behaviours: Behaviours, function: Any, positions: Mapping[str, int]
    ) -> None:
        self.behaviours = behaviours
        self.function = function
        self.positions = positions
        self.__name__ = function.__name__
        self.__doc__ = function.__doc__
        self.__wrapped__ = function

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        for name, position in self.positions.items():
            value = args[position] if position < len(args) else kwargs.get(name)
            if isinstance(value, (bytearray, memoryview)):
                message = (
                    f"{self.__name__}: {name} should be string, bytes, os.PathLike or "
                    f"integer, not {type(value).__name__}"
                )
                self.behaviours.use("os:bytes-like-path", TypeError(message), sys._getframe(1))
        return self.function(*args, **kwargs)

    def __repr__(self) -> str:
        return repr(self.function)


_GROUPS: Final = "re:group-reference-syntax"


def _strict_group_names(behaviours: Behaviours, module: ModuleType) -> None:
    """3.12 rejects what 3.11 warns about (only when it parses a pattern or a template, which
    re caches: a second use says nothing) and older releases take silently.  ``re._compile``
    (behind every pattern), and ``re._subx`` and ``re._expand`` (which the C code of
    ``Pattern.sub``, ``subn`` and ``Match.expand`` looks up on each call) are wrapped; the
    verdict on each pattern and template is kept."""
    syntax = GroupSyntax()
    original_compile, original_subx, original_expand = (
        vars(module)[name] for name in ("_compile", "_subx", "_expand")
    )

    def refused(frame: FrameType) -> None:
        __tracebackhide__ = True
        behaviours.use(_GROUPS, module.error("bad character in group name"), frame)

    @functools.wraps(original_compile)
    def _compile(pattern: Any, flags: Any) -> Any:
        compiled = original_compile(pattern, flags)
        # Behind every re function: a text pattern without a conditional group (nearly
        # all of them) is passed at the cost of one look-up.
        if type(pattern) is str and "(?(" not in pattern:
            return compiled
        if syntax.pattern_refused(compiled):
            refused(sys._getframe(1))
        return compiled

    @functools.wraps(original_subx)
    def _subx(pattern: Any, template: Any) -> Any:
        if syntax.template_refused(template):
            refused(sys._getframe(1))
        return original_subx(pattern, template)

    @functools.wraps(original_expand)
    def _expand(pattern: Any, match: Any, template: Any) -> Any:
        if syntax.template_refused(template):
            refused(sys._getframe(1))
        return original_expand(pattern, match, template)

    behaviours.patch(module, "_compile", _compile)
    behaviours.patch(module, "_subx", _subx)
    behaviours.patch(module, "_expand", _expand)


_DICT_INTERFACE: Final = "importlib.metadata.entry_points:dict-interface"
_LIST_INTERFACE: Final = "importlib.metadata.EntryPoints:list-interface"
_INDEX_ACCESS: Final = "importlib.metadata.EntryPoints:index-access"


def _entry_points(behaviours: Behaviours, module: ModuleType) -> None:
    """``entry_points()`` (``entry_points.py``): refused, it returns the new result, with
    keyword selection; recorded, the old result reports the uses of its dict interface."""
    from pytest_removed_apis.intercept import entry_points

    original = module.entry_points
    if behaviours.refuses:

        @functools.wraps(original)
        def entry_points_refused(**params: Any) -> Any:
            aspect = _LIST_INTERFACE if params else _DICT_INTERFACE
            if behaviours.taken(aspect) is None:
                return original(**params)
            return entry_points.newer_result(original, params)

        behaviours.patch(module, "entry_points", entry_points_refused)
        return
    dict_interface = behaviours.taken(_DICT_INTERFACE)
    if dict_interface is None:
        return
    index_access = behaviours.taken(_INDEX_ACCESS)

    def by_caller(entry: Entry) -> Callable[[FrameType], None]:
        return functools.partial(behaviours.policy.seen_by_caller, entry)  # type: ignore[union-attr]

    if sys.version_info >= (3, 10):  # pragma: no cover - a SelectableGroups, which warns
        # for its dict interface, except for items(); read past the watch on the module
        groups = vars(module)["SelectableGroups"]
        if "items" not in vars(groups):
            groups.items = entry_points.reporting_items(by_caller(dict_interface))
            behaviours._undo.append(lambda: delattr(groups, "items"))
        return
    wrap = entry_points.reporting_groups(
        by_caller(dict_interface), None if index_access is None else by_caller(index_access)
    )

    @functools.wraps(original)
    def entry_points_recorded(*args: Any, **kwargs: Any) -> Any:
        return wrap(original(*args, **kwargs))

    behaviours.patch(module, "entry_points", entry_points_recorded)


def _special_methods_removed(owner_path: str, names: tuple[str, ...]) -> Install:
    """A removal of special methods: Python looks them up on the type, so they go."""

    def remove(behaviours: Behaviours, module: ModuleType) -> None:
        owner: Any = module
        for part in owner_path.split("."):
            owner = getattr(owner, part, None)
        for name in names:
            if isinstance(owner, type) and name in vars(owner):
                original = vars(owner)[name]
                delattr(owner, name)
                behaviours._undo.append(functools.partial(setattr, owner, name, original))

    return remove


_ENUM_CONTAINS: Final = "enum.EnumMeta.__contains__:non-member"


def _enum_contains_answers(behaviours: Behaviours, module: ModuleType) -> None:
    """``x in EnumClass`` for a non-member: 3.8 to 3.11 raise ``TypeError`` (3.10 and 3.11
    warn first), 3.12 answers whether it is a member's value."""
    meta = module.EnumMeta
    original = vars(meta)["__contains__"]

    def __contains__(cls: Any, value: object) -> bool:
        entry = None if isinstance(value, cls) else behaviours.taken(_ENUM_CONTAINS)
        if entry is None:
            return bool(original(cls, value))
        if behaviours.refuses:
            return value in cls._value2member_map_  # 3.12.1 lets an unhashable one raise
        if not isinstance(value, module.Enum):  # what the older release refuses
            behaviours.seen(entry, sys._getframe(1))
        return bool(original(cls, value))

    behaviours.patch(meta, "__contains__", __contains__)


_ENTRY_POINTS: Final = Behaviour("importlib.metadata", _entry_points)
_RANDRANGE: Final = Behaviour("random", _integer_randrange)
_EVENT_LOOP: Final = Behaviour("asyncio", no_implicit_event_loop)
_NESTING: Final = Behaviour("argparse", no_nested_groups)
_PATH_ARGUMENTS: Final = Behaviour("pathlib", strict_path_arguments)
_TAR_FILTER: Final = Behaviour("tarfile", data_filter_by_default)
_YEAR: Final = Behaviour("_strptime", year_for_the_day)
_FIELDS: Final = Behaviour("typing", fields_required)
_NODES: Final = Behaviour("ast", strict_node_constructors)
_PROTOCOLS: Final = Behaviour("typing", listed_protocol_parameters)

BEHAVIOURS: Final[Mapping[str, Behaviour]] = {
    _ENUM_CONTAINS: Behaviour("enum", _enum_contains_answers),
    _FALLBACK: Behaviour("importlib._bootstrap_external", _find_module_fallback),
    "importlib:module_repr-support": Behaviour("importlib._bootstrap", _module_repr),
    "random.randrange:integral-float": _RANDRANGE,
    "random.randrange:non-integer": _RANDRANGE,
    "shlex.split:None": Behaviour("shlex", _shlex_split_none),
    "os:bytes-like-path": Behaviour("os", _no_bytes_like_paths, recorded=False),
    _GROUPS: Behaviour("re", _strict_group_names),
    _DICT_INTERFACE: _ENTRY_POINTS,
    _LIST_INTERFACE: _ENTRY_POINTS,  # recorded through its warning (3.10 and 3.11)
    _INDEX_ACCESS: _ENTRY_POINTS,
    "importlib.metadata.EntryPoint:tuple-access": Behaviour(
        "importlib.metadata",
        _special_methods_removed("DeprecatedTuple", ("__getitem__",)),
        recorded=False,
    ),
    "pathlib.Path:context-manager": Behaviour(
        "pathlib", _special_methods_removed("Path", ("__enter__", "__exit__")), recorded=False
    ),
    LOOP_FUNCTION: _EVENT_LOOP,
    LOOP_METHOD: _EVENT_LOOP,
    "argparse:nested-argument-groups": _NESTING,
    "argparse:nested-mutually-exclusive-groups": _NESTING,
    LEGACY_VISITORS: Behaviour("ast", no_legacy_visitors, recorded=False),
    PATH_KEYWORDS: _PATH_ARGUMENTS,
    "pathlib.PurePath.relative_to:extra-arguments": _PATH_ARGUMENTS,
    "pathlib.PurePath.is_relative_to:extra-arguments": _PATH_ARGUMENTS,
    FORWARD_REF: Behaviour("typing", keyword_forward_ref),
    URL2PATHNAME: Behaviour("urllib.request", renamed_url_keyword),
    SPLITROOT: Behaviour("posixpath", renamed_path_keyword),
    ITERTOOLS_PICKLE: Behaviour("itertools", no_iterator_pickling),
    START_METHOD: Behaviour("multiprocessing", forkserver_by_default),
    TAR_EXTRACTALL: _TAR_FILTER,
    TAR_EXTRACT: _TAR_FILTER,
    **dict.fromkeys(STRPTIME.values(), _YEAR),
    **{
        f"{name}:{aspect}": _FIELDS
        for name in (NAMED_TUPLE, TYPED_DICT)
        for aspect in ("fields-omitted", "fields-None")
    },
    f"{NAMED_TUPLE}:keyword-arguments": _FIELDS,
    f"{TYPED_DICT}:keyword-arguments": _FIELDS,
    RLOCK: Behaviour("threading", no_rlock_arguments),
    SINGLE_DASH_DEST: Behaviour("argparse", single_dash_dest),
    ABSTRACT_DISTRIBUTION: Behaviour("importlib.metadata", abstract_distribution),
    LOAD_MODULE: Behaviour("importlib._bootstrap", no_load_module_fallback),
    **dict.fromkeys((AST_MISSING, AST_KEYWORDS, AST_UNTYPED), _NODES),
    **dict.fromkeys((PROTOCOL_UNLISTED, PROTOCOL_ORDER), _PROTOCOLS),
    CONNECT: Behaviour("sqlite3", keyword_only_connect),
}
"""Every removed behaviour that needs code to be intercepted, by entry id; the others are
seen through their warnings only."""

WARNED_AT_EVERY_CALL: Final = frozenset({TAR_EXTRACTALL, TAR_EXTRACT})
"""Behaviours whose warning comes with every call, where the newer release refuses only
some: the code above tells which, and the warning is no use."""
