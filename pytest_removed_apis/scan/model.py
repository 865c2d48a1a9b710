"""What the static scan knows: the standard library's classes and spellings that matter to
it, the values a name can be bound to, the scopes of a file, and the catalog entries of the
target indexed for the look-ups of the analysis."""

from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass
from typing import Final, Iterable, Iterator, List, NamedTuple, Tuple, Union

from pytest_removed_apis.catalog import Entry

# What the standard library's classes inherit, where it matters for a member lookup.
BASES: Final[dict[str, tuple[str, ...]]] = {
    "configparser.ConfigParser": ("configparser.RawConfigParser",),
    "configparser.SafeConfigParser": ("configparser.ConfigParser",),
    "configparser.MissingSectionHeaderError": ("configparser.ParsingError",),
    "pathlib.PosixPath": ("pathlib.Path",),
    "pathlib.WindowsPath": ("pathlib.Path",),
    "random.SystemRandom": ("random.Random",),
    "smtplib.LMTP": ("smtplib.SMTP",),
    "smtplib.SMTP_SSL": ("smtplib.SMTP",),
    "turtle.Pen": ("turtle.Turtle",),
    "turtle.RawPen": ("turtle.RawTurtle",),
    "turtle.Turtle": ("turtle.RawTurtle",),
    "unittest.FunctionTestCase": ("unittest.TestCase",),
    "unittest.IsolatedAsyncioTestCase": ("unittest.TestCase",),
}


# Other spellings of the same object.
CANONICAL: Final[dict[str, str]] = {
    "unittest.async_case.IsolatedAsyncioTestCase": "unittest.IsolatedAsyncioTestCase",
    "unittest.case.FunctionTestCase": "unittest.FunctionTestCase",
    "unittest.case.TestCase": "unittest.TestCase",
    "unittest.loader.TestLoader": "unittest.TestLoader",
    "unittest.loader.defaultTestLoader": "unittest.defaultTestLoader",
    "unittest.main.TestProgram": "unittest.TestProgram",
}


# Module-level instances of a class.
INSTANCES: Final[dict[str, str]] = {"unittest.defaultTestLoader": "unittest.TestLoader"}


# Bases that make a class a finder.
FINDER_BASES: Final = frozenset(
    {"importlib.abc.Finder", "importlib.abc.MetaPathFinder", "importlib.abc.PathEntryFinder"}
)


# Bases a finder may have and still lack find_spec() (on 3.11).
SPECLESS_BASES: Final = frozenset(
    {
        "builtins.object",
        "importlib.abc.Finder",
        "importlib.abc.MetaPathFinder",
        "importlib.abc.PathEntryFinder",
        "importlib.abc.Loader",
        "importlib.abc.InspectLoader",
        "importlib.abc.ExecutionLoader",
        "importlib.abc.ResourceLoader",
    }
)


DICT_METHODS: Final = frozenset({"get", "keys", "values", "items"})


LIST_METHODS: Final = frozenset({"append", "extend", "insert", "pop", "remove", "reverse", "sort"})


# The methods of what entry_points() returns that 3.12 took away.
INTERFACES: Final = {
    **{
        ("groups", name): "importlib.metadata.entry_points:dict-interface" for name in DICT_METHODS
    },
    **{
        ("entry_points", name): "importlib.metadata.EntryPoints:list-interface"
        for name in LIST_METHODS
    },
}


IMPORTERS: Final = frozenset(
    {"importlib.import_module", "importlib.__import__", "builtins.__import__"}
)


RANDRANGE: Final = frozenset({"random.randrange", "random.Random.randrange"})


BUILTIN_NAMES: Final = frozenset(dir(builtins))


# Behaviours the scan recognises, with the words a file must contain (any one group).
BEHAVIOUR_WORDS: Final[dict[str, tuple[tuple[str, ...], ...]]] = {
    "builtins.classmethod:descriptor-chaining": (("classmethod", "property"),),
    "importlib:find_module-fallback": (("find_module",), ("find_loader",)),
    "importlib:module_repr-support": (("module_repr",),),
    "importlib.metadata.EntryPoints:list-interface": (("importlib", "entry_points"),),
    "importlib.metadata.entry_points:dict-interface": (("importlib", "entry_points"),),
    "pathlib.Path:context-manager": (("pathlib", "with"),),
    "random.randrange:integral-float": (("random", "randrange"),),
    "random.randrange:non-integer": (("random", "randrange"),),
    "shlex.split:None": (("shlex", "None"),),
    "typing.TypedDict:keyword-arguments": (("typing", "TypedDict"),),
}


# Bytes that cannot be part of a name become spaces: the words of a file are then split().
WORD_BYTES: Final = bytes(
    byte if chr(byte).isalnum() or byte == ord("_") or byte > 127 else ord(" ")
    for byte in range(256)
)


@dataclass(frozen=True)
class Ref:
    """A named object of some module: ``ssl``, ``ssl.wrap_socket``."""

    name: str


@dataclass(frozen=True)
class Instance:
    """An instance of a standard-library class."""

    cls: str


@dataclass(frozen=True)
class Special:
    """``groups``: what ``entry_points()`` returns; ``select``: its ``select`` method;
    ``entry_points``: what ``entry_points(group=...)`` returns."""

    what: str


class Class:
    """A class defined in the scanned file."""

    def __init__(self, node: ast.ClassDef, scope: Scope) -> None:
        self.node = node
        self.scope = scope  # where the class statement runs: its bases are looked up there
        self.body: Scope | None = None
        self.parts: tuple[tuple[str, ...], tuple[Class, ...], bool] | None = None


@dataclass(frozen=True)
class Local:
    """A class of the file (``instance`` false) or an instance of one."""

    cls: Class
    instance: bool


Value = Union[Ref, Instance, Special, Local, None]


NONE_VALUE: Final = Ref("builtins.None")


class Binding(NamedTuple):
    """How a name is bound: ``how`` is import (``dotted``, by ``statement``), expr
    (``node`` evaluated in ``scope``), except (an instance of the class ``node``), class,
    self or cls (``cls``), or unknown."""

    how: str
    dotted: str = ""
    node: ast.expr | None = None
    scope: Scope | None = None
    cls: Class | None = None
    statement: ast.stmt | None = None  # the import


UNKNOWN: Final = Binding("unknown")


class Scope:
    def __init__(self, kind: str, parent: Scope | None) -> None:
        self.kind = kind  # module, function, class, comprehension
        self.parent = parent
        self.bindings: dict[str, list[Binding]] = {}
        self.declared: set[str] = set()  # global and nonlocal names
        self.values: dict[str, Value] = {}
        self.cls: Class | None = None  # the class whose body this is

    def bind(self, name: str, binding: Binding) -> None:
        self.bindings.setdefault(name, []).append(binding)


class Found(NamedTuple):
    """A use before the guards are asked: the node that positions it, and what to ask."""

    node: ast.AST
    entry: Entry
    raises: str
    requires: tuple[ast.stmt, ...] = ()
    """Imports that bind the name used: the use counts only if one of them does."""


Candidates = List[Tuple[ast.AST, Scope]]  # noqa: UP006 - evaluated at run time on 3.8


class Tables:
    """What a scan looks for, indexed."""

    def __init__(self, entries: Iterable[Entry], target: tuple[int, int]) -> None:
        chosen = [entry for entry in entries if entry.removed_by(target)]
        self.target = target
        self.modules: dict[str, Entry] = {}
        self.names: dict[str, Entry] = {}
        self.params: dict[str, dict[str, Entry]] = {}
        self.behaviours: dict[str, Entry] = {}
        groups: list[tuple[str, ...]] = []
        for entry in chosen:
            top = entry.module.split(".")[0]
            if entry.kind == "module":
                self.modules[entry.module] = entry
                groups.append(tuple(entry.module.split(".")))
            elif entry.kind == "parameter":
                aspect = str(entry.aspect)  # a parameter entry always names its keyword
                self.params.setdefault(entry.name, {})[aspect] = entry
                groups.append((top, aspect))
            elif entry.kind == "behaviour":
                if entry.id in BEHAVIOUR_WORDS:  # the others do not show in the source
                    self.behaviours[entry.id] = entry
                    groups.extend(BEHAVIOUR_WORDS[entry.id])
            else:
                self.names[entry.name] = entry
                groups.append((top, entry.name.rsplit(".", 1)[1]))
        self.members = set(self.names) | set(self.params) | {"random.Random.randrange"}
        owners = {name.rsplit(".", 1)[0] for name in self.members}
        self.classes = owners | set(BASES) | {base for bs in BASES.values() for base in bs}
        self.attrs = {name.rsplit(".", 1)[1] for name in self.names}
        if "importlib.metadata.entry_points:dict-interface" in self.behaviours:
            self.attrs |= DICT_METHODS
        if "importlib.metadata.EntryPoints:list-interface" in self.behaviours:
            self.attrs |= LIST_METHODS
        self.aspects = {aspect for keywords in self.params.values() for aspect in keywords}
        self.groups = [frozenset(word.encode() for word in group) for group in groups]
        self.words = frozenset().union(*self.groups)

    def lineage(self, cls: str) -> tuple[str, ...]:
        """The class and its standard-library bases, nearest first."""
        found = [cls]
        for base in BASES.get(cls, ()):
            found.extend(self.lineage(base))
        return tuple(found)

    def worth_a_look(self, data: bytes) -> bool:
        """Whether the file has the words of some use the scan can find."""
        present = self.words.intersection(data.translate(WORD_BYTES).split())
        return any(group <= present for group in self.groups)


def string_value(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def enclosing(scope: Scope | None) -> Iterator[Scope]:
    current = scope
    while current is not None:
        yield current
        current = current.parent


def canonical(dotted: str) -> str:
    return CANONICAL.get(dotted, dotted)


def value_of(dotted: str) -> Value:
    dotted = canonical(dotted)
    cls = INSTANCES.get(dotted)
    return Instance(cls) if cls is not None else Ref(dotted)


def module_entry(tables: Tables, module: str) -> Entry | None:
    """The module entry that importing ``module`` uses: its own, or its package's."""
    parts = module.split(".")
    for end in range(1, len(parts) + 1):
        entry = tables.modules.get(".".join(parts[:end]))
        if entry is not None:
            return entry
    return None
