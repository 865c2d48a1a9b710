"""Removed keyword parameters and behaviours, made to fail as the newer release fails.

Part of the simulation (``simulate.py``).  Each wrapper raises the exception the newer
release raises and tags it with the catalog entry (``error.removed_api``), so a failure can
be explained.  Callables of modules imported later are wrapped when ``refresh`` sees the
module; ``uninstall`` puts every original back.  An entry whose id is in ``visible`` (an
exemption) behaves as on the running interpreter.
"""

from __future__ import annotations

import functools
import inspect
import operator
import sys
from types import MethodType, ModuleType
from typing import Any, Callable, Iterable, Mapping, Sequence

from pytest_removed_apis.catalog import Entry
from pytest_removed_apis.classify import is_library
from pytest_removed_apis.instrument import GroupSyntax, take_imported

Patch = Callable[["Behaviours", Entry, ModuleType], None]


def _tagged(error: BaseException, entry: Entry) -> BaseException:
    error.removed_api = entry  # type: ignore[attr-defined]
    return error


class Behaviours:
    """The parameter and behaviour entries of one simulation."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.visible: frozenset[str] = frozenset()
        self._by_module: dict[str, list[Entry]] = {}
        for entry in entries:
            if entry.kind == "parameter" and entry.aspect:
                self._by_module.setdefault(entry.module, []).append(entry)
            elif entry.kind == "behaviour" and entry.id in _PATCHES:
                module = _PATCHES[entry.id][0]
                self._by_module.setdefault(module, []).append(entry)
        self._pending: set[str] = set()
        self.refused_modules: dict[str, Entry] = {}
        """Modules only a finder without ``find_spec()`` would have found."""
        self._undo: list[Callable[[], None]] = []

    def install(self) -> None:
        self._pending = set(self._by_module)
        self.refresh()

    def refresh(self) -> bool:
        """Wrap what the modules imported since the last call hold; whether one was left
        for later because it is still importing."""
        ready, deferred = take_imported(self._pending)
        for name, module in ready:
            parameters: dict[str, list[Entry]] = {}
            patched: set[Patch] = set()  # one wrapper may serve several entries
            for entry in self._by_module[name]:
                if entry.kind == "parameter":
                    parameters.setdefault(entry.qualname, []).append(entry)
                elif _PATCHES[entry.id][1] not in patched:
                    patched.add(_PATCHES[entry.id][1])
                    _PATCHES[entry.id][1](self, entry, module)
            for qualname, entries in parameters.items():
                self._refuse_keywords(module, qualname, entries)
        return deferred

    def uninstall(self) -> None:
        while self._undo:
            self._undo.pop()()
        self._pending = set()

    def active(self, entry: Entry) -> bool:
        return entry.id not in self.visible

    def patch(self, owner: Any, name: str, replacement: object) -> None:
        original = vars(owner)[name]
        setattr(owner, name, replacement)
        self._undo.append(lambda: setattr(owner, name, original))

    def _refuse_keywords(self, module: ModuleType, qualname: str, entries: list[Entry]) -> None:
        *path, name = qualname.split(".")
        owner: Any = module
        for part in path:
            owner = getattr(owner, part, None)
        if isinstance(getattr(owner, name, None), type):
            owner, name = getattr(owner, name), "__init__"
        original = vars(owner).get(name) if hasattr(owner, "__dict__") else None
        if original is None:
            return  # not there (an entry added for a library): nothing to refuse
        removed = {entry.aspect: entry for entry in entries if entry.aspect}
        positions = _positions(original, removed)
        label = f"{owner.__name__}.{name}" if isinstance(owner, type) else name
        behaviours = self

        @functools.wraps(original)
        def refusing(*args: Any, **kwargs: Any) -> Any:
            for keyword, entry in removed.items():
                if not behaviours.active(entry):
                    continue
                if keyword in kwargs:
                    message = f"{label}() got an unexpected keyword argument {keyword!r}"
                    raise _tagged(TypeError(message), entry)
                position = positions.get(keyword)
                if position is not None and len(args) > position:
                    message = f"{label}() takes at most {position} positional arguments"
                    raise _tagged(TypeError(message), entry)
            return original(*args, **kwargs)

        self.patch(owner, name, refusing)


def _positions(function: Callable[..., Any], removed: Mapping[str, Entry]) -> dict[str, int]:
    """Where each removed parameter sits among the positional ones (``self`` counted); a
    keyword that only ``*args`` took is removed from the first surplus position on."""
    parameters = list(inspect.signature(function).parameters.values())
    positional = [p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    names = [p.name for p in positional]
    surplus = any(p.kind == p.VAR_POSITIONAL for p in parameters)
    positions = {}
    for keyword in removed:
        if keyword in names:
            positions[keyword] = names.index(keyword)
        elif surplus:
            positions[keyword] = len(names)
    return positions


# -- behaviours ------------------------------------------------------------------------


def _from_library(obj: object) -> bool:
    """Whether an object's class is the standard library's (frozen and built-in count)."""
    name = type(obj).__module__
    module = sys.modules.get(name)
    filename = getattr(module, "__file__", None)
    if isinstance(filename, str):
        return is_library(filename)
    origin = getattr(getattr(module, "__spec__", None), "origin", None)
    return origin in ("built-in", "frozen") or name in sys.builtin_module_names


def _no_find_module_fallback(behaviours: Behaviours, entry: Entry, module: ModuleType) -> None:
    """3.12 skips a meta-path finder without ``find_spec()``, and a path-entry finder
    without it fails with ``AttributeError``.  The standard library's own finders keep
    their way (3.8's zipimporter has no ``find_spec()``; 3.12's has)."""
    bootstrap = sys.modules["importlib._bootstrap"]
    path_finder = module.PathFinder
    legacy = bootstrap._find_spec_legacy
    legacy_get_spec = vars(path_finder)["_legacy_get_spec"].__func__

    def _find_spec_legacy(finder: Any, name: str, path: Any) -> Any:
        if not behaviours.active(entry) or _from_library(finder):
            return legacy(finder, name, path)
        find_module = getattr(finder, "find_module", None)
        if find_module is not None and find_module(name, path) is not None:
            behaviours.refused_modules[name] = entry  # explains the ModuleNotFoundError
        return None

    def _legacy_get_spec(cls: Any, fullname: str, finder: Any) -> Any:
        if behaviours.active(entry) and not _from_library(finder):
            message = f"{type(finder).__name__!r} object has no attribute 'find_spec'"
            raise _tagged(AttributeError(message), entry)
        return legacy_get_spec(cls, fullname, finder)

    behaviours.patch(bootstrap, "_find_spec_legacy", _find_spec_legacy)
    behaviours.patch(path_finder, "_legacy_get_spec", classmethod(_legacy_get_spec))


def _no_loader_module_repr(behaviours: Behaviours, entry: Entry, module: ModuleType) -> None:
    """3.12's ``repr(module)`` never asks the loader."""
    original = module._module_repr

    def _module_repr(mod: ModuleType) -> str:
        loader = getattr(mod, "__loader__", None)
        method = getattr(type(loader), "module_repr", None)
        code = getattr(method, "__code__", None)
        if code is None or is_library(code.co_filename) or not behaviours.active(entry):
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


def _integer_randrange(behaviours: Behaviours, entry: Entry, module: ModuleType) -> None:
    """3.12's ``randrange()`` takes integers only (``operator.index``); one wrapper for
    both of its entries."""
    original = module.Random.randrange
    entries = [e for e in behaviours._by_module["random"] if e.kind == "behaviour"]

    @functools.wraps(original)
    def randrange(self: Any, start: Any, stop: Any = None, step: Any = 1) -> Any:
        for value in (start, stop, step):
            if value is None or isinstance(value, int):
                continue
            chosen = _randrange_entry(entries, value)
            if chosen is not None and behaviours.active(chosen):
                try:
                    operator.index(value)
                except TypeError as error:
                    raise _tagged(error, chosen) from None
        return original(self, start, stop, step)

    behaviours.patch(module.Random, "randrange", randrange)
    instance = module.randrange.__self__
    behaviours.patch(module, "randrange", MethodType(randrange, instance))


def _randrange_entry(entries: Sequence[Entry], value: object) -> Entry | None:
    integral = isinstance(value, float) and value.is_integer()
    wanted = "integral-float" if integral else "non-integer"
    return next((e for e in entries if e.aspect == wanted), None)


def _shlex_split_none(behaviours: Behaviours, entry: Entry, module: ModuleType) -> None:
    original = module.split

    @functools.wraps(original)
    def split(s: Any, comments: bool = False, posix: bool = True) -> Any:
        if s is None and behaviours.active(entry):
            raise _tagged(ValueError("s argument must not be None"), entry)
        return original(s, comments, posix)

    behaviours.patch(module, "split", split)


_PATH_PARAMETERS = ("path", "src", "dst")


def _no_bytes_like_paths(behaviours: Behaviours, entry: Entry, module: ModuleType) -> None:
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
            behaviours.patch(module, name, _PathChecked(behaviours, entry, function, positions))


class _PathChecked:
    """A built-in ``os`` function that refuses bytes-like paths.  Not a descriptor, like
    the built-in it stands for: a class attribute set to it is no method (``pathlib``)."""

    def __init__(
        self, behaviours: Behaviours, entry: Entry, function: Any, positions: Mapping[str, int]
    ) -> None:
        self.behaviours = behaviours
        self.entry = entry
        self.function = function
        self.positions = positions
        self.__name__ = function.__name__
        self.__doc__ = function.__doc__
        self.__wrapped__ = function

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        for name, position in self.positions.items():
            value = args[position] if position < len(args) else kwargs.get(name)
            if isinstance(value, (bytearray, memoryview)) and self.behaviours.active(self.entry):
                message = (
                    f"{self.__name__}: {name} should be string, bytes, os.PathLike or "
                    f"integer, not {type(value).__name__}"
                )
                raise _tagged(TypeError(message), self.entry)
        return self.function(*args, **kwargs)

    def __repr__(self) -> str:
        return repr(self.function)


def _strict_group_names(behaviours: Behaviours, entry: Entry, module: ModuleType) -> None:
    """3.12 rejects what 3.11 warns about: group names that are not ASCII identifiers in
    bytes patterns, and group references that are not ASCII digits.  Default mode's
    ``GroupSyntax`` judges each pattern and template (once)."""
    syntax = GroupSyntax()
    original_compile = module._compile
    original_subx = module._subx
    original_expand = module._expand

    def refuse() -> None:
        raise _tagged(module.error("bad character in group name"), entry)

    def _compile(pattern: Any, flags: Any) -> Any:
        compiled = original_compile(pattern, flags)
        if behaviours.active(entry) and syntax.pattern_refused(compiled):
            refuse()
        return compiled

    def _subx(pattern: Any, template: Any) -> Any:
        if behaviours.active(entry) and syntax.template_refused(template):
            refuse()
        return original_subx(pattern, template)

    def _expand(pattern: Any, match: Any, template: Any) -> Any:
        if behaviours.active(entry) and syntax.template_refused(template):
            refuse()
        return original_expand(pattern, match, template)

    behaviours.patch(module, "_compile", _compile)
    behaviours.patch(module, "_subx", _subx)
    behaviours.patch(module, "_expand", _expand)


class EntryPoints(tuple):  # type: ignore[type-arg]
    """What ``entry_points()`` returns from 3.12 on: an immutable sequence, indexed by name.

    The list interface of 3.10's ``EntryPoints`` and the dict interface of the older
    ``entry_points()`` result are gone."""

    __slots__ = ()

    def __getitem__(self, name: object) -> Any:
        try:
            return next(iter(self.select(name=name)))
        except StopIteration:
            raise KeyError(name) from None

    def __repr__(self) -> str:
        return f"EntryPoints({tuple(self)!r})"

    def select(self, **params: Any) -> EntryPoints:
        return EntryPoints(ep for ep in self if _matches(ep, params))

    @property
    def names(self) -> set[str]:
        return {ep.name for ep in self}

    @property
    def groups(self) -> set[str]:
        return {ep.group for ep in self}


def _matches(entry_point: Any, params: Mapping[str, Any]) -> bool:
    return all(getattr(entry_point, key) == value for key, value in params.items())


def _entry_points_sequence(behaviours: Behaviours, entry: Entry, module: ModuleType) -> None:
    """3.12's ``entry_points()`` returns ``EntryPoints`` (with keyword selection), never a
    dict; ``EntryPoints`` has no list methods.  One wrapper for both entries."""
    original = module.entry_points
    entries = {e.aspect: e for e in behaviours._by_module[module.__name__]}

    @functools.wraps(original)
    def entry_points(**params: Any) -> Any:
        chosen = entries.get("dict-interface" if not params else "list-interface")
        if chosen is None or not behaviours.active(chosen):
            return original(**params)
        groups = original()  # a dict of groups on every release that had these entries
        return EntryPoints(ep for group in groups.values() for ep in group).select(**params)

    behaviours.patch(module, "entry_points", entry_points)


def _special_methods_removed(owner_path: str, names: tuple[str, ...]) -> Patch:
    """A removal of special methods: Python looks them up on the type, so they go."""

    def remove(behaviours: Behaviours, entry: Entry, module: ModuleType) -> None:
        owner: Any = module
        for part in owner_path.split("."):
            owner = getattr(owner, part, None)
        for name in names:
            if isinstance(owner, type) and name in vars(owner):
                original = vars(owner)[name]
                delattr(owner, name)
                behaviours._undo.append(functools.partial(setattr, owner, name, original))

    return remove


def _typed_dict_without_keywords(behaviours: Behaviours, entry: Entry, module: ModuleType) -> None:
    original = module.TypedDict
    if isinstance(original, type):  # pragma: no cover - 3.8's TypedDict is a class
        return

    @functools.wraps(original)
    def TypedDict(*args: Any, **kwargs: Any) -> Any:  # noqa: N802 - the original's name
        unexpected = sorted(set(kwargs) - {"total"})
        if unexpected and behaviours.active(entry):
            message = f"TypedDict() got an unexpected keyword argument {unexpected[0]!r}"
            raise _tagged(TypeError(message), entry)
        return original(*args, **kwargs)

    behaviours.patch(module, "TypedDict", TypedDict)


def _enum_contains_answers(behaviours: Behaviours, entry: Entry, module: ModuleType) -> None:
    """3.12's ``x in EnumClass`` answers for a non-member: whether it is a member's value."""
    meta = module.EnumMeta
    original = vars(meta)["__contains__"]

    def __contains__(cls: Any, value: object) -> bool:
        if not behaviours.active(entry) or isinstance(value, cls):
            return bool(original(cls, value))
        return value in cls._value2member_map_  # 3.12.1 lets an unhashable one raise

    behaviours.patch(meta, "__contains__", __contains__)


_PATCHES: Mapping[str, tuple[str, Patch]] = {
    "enum.EnumMeta.__contains__:non-member": ("enum", _enum_contains_answers),
    "importlib:find_module-fallback": ("importlib._bootstrap_external", _no_find_module_fallback),
    "importlib:module_repr-support": ("importlib._bootstrap", _no_loader_module_repr),
    "random.randrange:integral-float": ("random", _integer_randrange),
    "random.randrange:non-integer": ("random", _integer_randrange),
    "shlex.split:None": ("shlex", _shlex_split_none),
    "os:bytes-like-path": ("os", _no_bytes_like_paths),
    "re:group-reference-syntax": ("re", _strict_group_names),
    "importlib.metadata.entry_points:dict-interface": (
        "importlib.metadata",
        _entry_points_sequence,
    ),
    "importlib.metadata.EntryPoints:list-interface": (
        "importlib.metadata",
        _entry_points_sequence,
    ),
    "importlib.metadata.EntryPoint:tuple-access": (
        "importlib.metadata",
        _special_methods_removed("DeprecatedTuple", ("__getitem__",)),
    ),
    "pathlib.Path:context-manager": (
        "pathlib",
        _special_methods_removed("Path", ("__enter__", "__exit__")),
    ),
    "typing.TypedDict:keyword-arguments": ("typing", _typed_dict_without_keywords),
}
