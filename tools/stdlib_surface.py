"""Find standard-library APIs that a CPython release removed, by comparing interpreters.

The tool enumerates the Python-level surface of the standard library of the
interpreter that runs it, and compares two such snapshots to list what a newer
release no longer has.  It runs unmodified on CPython 3.8 to 3.13 and uses the
standard library only.  Typical use, from the repository root::

    python tools/stdlib_surface.py pipeline /tmp/surface \
        --python 3.11=/path/to/python3.11 --python 3.12=/path/to/python3.12 \
        --python 3.13=/path/to/python3.13 --compare 3.11:3.12 --compare 3.12:3.13

Subcommands
-----------
``dump OUT.json``
    Enumerate the stdlib of the running interpreter: every module found by
    walking the stdlib directory (and ``lib-dynload``) with :mod:`pkgutil`,
    plus ``sys.builtin_module_names``.  Test suites (``test``, ``*.test``,
    ``*.tests``, ``idlelib.idle_test``), ``idlelib``, the ``turtledemo``
    demo scripts, ``__main__`` modules, modules with import-time side effects
    (``antigravity``, ``this``, ``__hello__``, ``__phello__``) and
    site-packages are skipped.  Each module is imported in a fresh worker
    process (``-I -S -B``, so site-packages and ``.pth`` hooks cannot shadow
    the stdlib, and no module sees another's side effects) with a timeout, so
    a crash or hang costs only that module, which is recorded as failed.

    For each public module the dump records its public attributes (``dir()``
    plus ``__all__`` plus names served by a module-level ``__getattr__`` that
    can be read off its source) with a coarse kind (module, class, function,
    attribute) and where each came from; and for each public class that is
    part of the module's API (see the rule below), its public members from
    ``dir(cls)`` with a kind (method, attribute, class) and the class of the
    MRO that defines them, plus the dunder methods that a stdlib class of its
    MRO defines.  Single-underscore names are recorded separately.  Private
    modules (a dotted component starting with ``_``) are enumerated, but
    their attributes are not.

``candidates OLD_DUMP.json NEW_DUMP.json OUT.json``
    List what the older dump has and the newer dump's ``dir()`` view lacks:
    every module of the older dump, and the attributes and class members
    missing from the newer listing.

``check TARGETS.json OUT.json``
    Run under another interpreter (normally the newer one).  Decide for each
    target whether it exists there: modules by finding their spec without
    importing them (or ``sys.stdlib_module_names``), attributes by importing
    the module in a fresh worker and following the path with ``getattr`` --
    never ``dir()``, because modules hide deprecated names behind a module
    ``__getattr__``.  TARGETS.json is a candidates file, a report file
    written by ``diff``, or a whole dump.

``diff OLD_DUMP.json NEW_DUMP.json CHECK.json OUT_DIR``
    Combine the two dumps and the check of the candidates into
    ``removed-X.Y.json`` (public API that is gone), ``excluded-X.Y.json``
    (what the rule below calls incidental), ``private-X.Y.json`` (underscore
    modules and names, dunder methods), ``hidden-X.Y.json`` (gone from
    ``dir()`` but still reachable: not removed) and ``undetermined-X.Y.json``,
    X.Y being the newer version.

``pipeline OUT_DIR --python LABEL=PATH ... --compare OLD:NEW ...``
    Do all of the above for each pair (intermediate files go to
    ``OUT_DIR/work``), then run ``check`` on every reported name under every
    given interpreter to fill in where it is present, and write
    ``SUMMARY.md``.  ``--reuse-dumps`` skips the walks whose dumps exist.

Report entries are objects ``{"name", "kind", "present", "target", ...}``:
``name`` is the dotted name users write (``unittest.TestCase.assertEquals``),
``kind`` one of module, class, function, attribute, method, ``present`` maps
each version label to true, false or null (undetermined), and ``target`` is
the name with the module boundary marked (``unittest:TestCase.assertEquals``).
The same object reached through several public paths (a re-export, a
subclass) is reported once, under its plainest spelling, with the others in
``aliases``.

The exclusion rule
------------------
A module attribute is *incidental* -- never API -- when it is itself a
module (an ``import x`` inside the module), or an object that comes from a
different module (a ``from x import y`` inside the module), unless the name
is in the module's ``__all__`` or is listed in ``DOCUMENTED_REEXPORTS``
below (names reviewed by hand as documented parts of the module); and when
it is bound only as the variable of a module-level ``for`` loop, left behind
after the loop (``dis.spec_op`` in 3.11 and 3.12).

Where an attribute comes from is read, in this order, from:

1. ``__all__``: a listed name is API;
2. the module's own source, parsed with :mod:`ast`: a name bound at top
   level by ``def``, ``class`` or an assignment is defined there (so an alias
   such as ``OptimizedUnicode = str`` is API); a name bound only as a loop
   variable is incidental; a name bound only by imports,
   or by a ``from x import *`` that provides the same object, comes from
   those modules;
3. otherwise (C modules, names set through ``globals()``), the ``__module__``
   of a class or function.

"A different module" means other than the module itself, its own submodules
(a package re-exporting ``pkg.sub`` or ``pkg._impl``) and its accelerator
(``_sqlite3`` for ``sqlite3``, ``_io``/``_pyio`` for ``io``,
``_collections_abc`` for ``collections.abc``).  A private *sibling* is a
different module: ``email.message`` importing ``Policy`` from
``email._policybase`` does not make it part of ``email.message``.  For names
whose origin is only known from ``__module__``, objects of ``builtins``
(``select.error is OSError``) count as the module's own.  Attributes that are
the module's own submodules are not recorded as attributes at all: they are
reported as modules.

Members of a removed module are not listed: the module and its submodules are
recorded, only.  Likewise the members of a removed class go with the class.
Whatever the rule excludes is written to ``excluded-X.Y.json`` with the reason,
for review, rather than dropped.

Limits: a name the older interpreter serves only through a module
``__getattr__`` that the source reader cannot see (C code, computed names) is
invisible to the dump; platform-specific modules that are not built or not
installed on this machine can only be listed from ``sys.stdlib_module_names``
(3.10+), without their submodules or attributes.
"""

from __future__ import annotations

import argparse
import ast
import functools
import importlib
import importlib.machinery
import importlib.util
import inspect
import json
import os
import pkgutil
import platform
import subprocess
import sys
import sysconfig
import tempfile
import time
import tokenize
import types
import warnings
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, Iterable, Iterator, Sequence

JsonDict = Dict[str, Any]

SCHEMA_VERSION = 1

#: Top-level modules that are skipped, with the reason.
SKIPPED_TOP_LEVEL = {
    "test": "test suite",
    "idlelib": "IDLE application",
    "turtledemo": "demo scripts",
    "antigravity": "import-time side effect (opens a browser)",
    "this": "import-time side effect (prints)",
}

#: Dotted components that mark a test suite anywhere in a package.
TEST_COMPONENTS = {"test", "tests", "idle_test"}

#: Names reviewed by hand as documented API although the rule would call them
#: incidental (dotted ``module.attribute``): the importlib documentation
#: describes these as part of ``importlib.machinery`` and ``importlib.util``,
#: which import them from the private ``importlib._bootstrap(_external)``.
DOCUMENTED_REEXPORTS: set[str] = {
    "importlib.machinery." + name
    for name in (
        "SOURCE_SUFFIXES",
        "DEBUG_BYTECODE_SUFFIXES",
        "OPTIMIZED_BYTECODE_SUFFIXES",
        "BYTECODE_SUFFIXES",
        "EXTENSION_SUFFIXES",
        "BuiltinImporter",
        "FrozenImporter",
        "WindowsRegistryFinder",
        "PathFinder",
        "FileFinder",
        "SourceFileLoader",
        "SourcelessFileLoader",
        "ExtensionFileLoader",
        "NamespaceLoader",
        "ModuleSpec",
        "AppleFrameworkLoader",
    )
} | {
    "importlib.util." + name
    for name in (
        "MAGIC_NUMBER",
        "cache_from_source",
        "source_from_cache",
        "decode_source",
        "module_from_spec",
        "spec_from_loader",
        "spec_from_file_location",
        "source_hash",
    )
}

#: Modules whose importability the pipeline reports on every interpreter:
#: optional C extensions and platform-specific modules.
PLATFORM_PROBES = (
    "_tkinter",
    "tkinter",
    "nis",
    "spwd",
    "crypt",
    "_crypt",
    "ossaudiodev",
    "msilib",
    "_msi",
    "winreg",
    "winsound",
    "_winapi",
    "_dbm",
    "dbm.ndbm",
    "_gdbm",
    "dbm.gnu",
    "readline",
    "_curses",
    "curses",
    "_curses_panel",
    "_ssl",
    "_hashlib",
    "_sqlite3",
    "_lzma",
    "_bz2",
    "zlib",
    "_ctypes",
    "_uuid",
    "_decimal",
    "audioop",
    "_posixshmem",
    "xxlimited",
    "_testcapi",
)

#: Seconds one module may take in its worker before the worker is killed.
WORKER_TIMEOUT = 120

_METHOD_TYPES: tuple[type, ...] = (
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodType,
    types.MethodDescriptorType,
    types.WrapperDescriptorType,
    types.ClassMethodDescriptorType,
    staticmethod,
    classmethod,
    functools.partialmethod,
    functools.singledispatchmethod,
)


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------


def version_label() -> str:
    """``"3.11"`` for the running interpreter."""
    return "%d.%d" % sys.version_info[:2]


def is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__") and len(name) > 4


def is_public(name: str) -> bool:
    return not name.startswith("_")


def is_private_module(module: str) -> bool:
    """True when any dotted component of *module* starts with an underscore."""
    return any(part.startswith("_") for part in module.split("."))


def skip_reason(module: str) -> str | None:
    """Why *module* is left out of the walk, or None to walk it."""
    parts = module.split(".")
    if parts[0] in SKIPPED_TOP_LEVEL:
        return SKIPPED_TOP_LEVEL[parts[0]]
    if parts[0].startswith("__") and parts[0] != "__future__":
        return "frozen test/demo module with import-time side effects"
    if parts[-1] == "__main__":
        return "__main__ script"
    if any(part in TEST_COMPONENTS for part in parts[1:]):
        return "test suite"
    return None


def make_target(module: str, path: Sequence[str] = ()) -> str:
    """``"pkg.mod:Cls.attr"``; just ``"pkg.mod"`` for a module."""
    return "{}:{}".format(module, ".".join(path)) if path else module


def split_target(target: str) -> tuple[str, list[str]]:
    module, _, path = target.partition(":")
    return module, path.split(".") if path else []


def dotted(target: str) -> str:
    return target.replace(":", ".")


def qualified(obj: Any) -> str | None:
    """``"module:qualname"`` of a class or function, when both are known."""
    module = getattr(obj, "__module__", None)
    qualname = getattr(obj, "__qualname__", None)
    if isinstance(module, str) and isinstance(qualname, str) and "<" not in qualname:
        return f"{module}:{qualname}"
    return None


# ---------------------------------------------------------------------------
# The exclusion rule
# ---------------------------------------------------------------------------


def same_family(origin: str, module: str) -> bool:
    """Whether objects from *origin* count as *module*'s own (see docstring)."""
    if origin == module or origin.startswith(module + "."):
        return True
    stems = {module.split(".")[0], module.rsplit(".", 1)[-1], module.replace(".", "_")}
    accelerators = {prefix + stem.lower() for stem in stems for prefix in ("_", "_py")}
    return origin.split(".")[0].lower() in accelerators


def incidental_reason(module: str, name: str, record: JsonDict) -> str | None:
    """Why attribute *name* of *module* is incidental, or None if it is API."""
    if record.get("in_all") or f"{module}.{name}" in DOCUMENTED_REEXPORTS:
        return None
    if record["kind"] == "module":
        return "imported module {}".format(record.get("origin", "?"))
    binding = record.get("binding")
    if binding == "defined":
        return None
    if binding == "loop variable":
        return "left behind by a module-level loop"
    if binding == "imported":
        sources = [source for source, _ in record.get("sources", [])]
        if any(same_family(source, module) for source in sources):
            return None
        return "imported from {}".format(", ".join(sorted(set(sources))))
    origin = record.get("origin")
    foreign = origin and origin != "builtins" and not same_family(origin, module)
    if record["kind"] in ("class", "function") and foreign:
        return f"defined in {origin}"
    return None


# ---------------------------------------------------------------------------
# Reading a module's source
# ---------------------------------------------------------------------------


def _target_names(node: ast.AST) -> Iterator[str]:
    if isinstance(node, ast.Name):
        yield node.id
    elif isinstance(node, (ast.Tuple, ast.List)):
        for element in node.elts:
            yield from _target_names(element)
    elif isinstance(node, ast.Starred):
        yield from _target_names(node.value)


def _resolve_relative(level: int, name: str | None, package: str) -> str:
    if not level:
        return name or ""
    base = package.rsplit(".", level - 1)[0] if level > 1 else package
    return f"{base}.{name}" if name else base


class SourceBindings:
    """How the top-level names of a Python module's source are bound."""

    def __init__(self, package: str) -> None:
        self.package = package
        self.defined: set[str] = set()
        self.looped: set[str] = set()
        self.imported: dict[str, list[tuple[str, str]]] = {}
        self.star_sources: list[str] = []
        self.getattr_function: ast.FunctionDef | None = None

    @classmethod
    def of(cls, module: types.ModuleType) -> SourceBindings | None:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return None
        try:
            with tokenize.open(path) as handle:
                tree = ast.parse(handle.read(), path)
        except (OSError, SyntaxError, ValueError):
            return None
        bindings = cls(getattr(module, "__package__", None) or "")
        bindings._scan(tree.body)
        return bindings

    def _scan(self, body: Iterable[ast.stmt]) -> None:
        for stmt in body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.defined.add(stmt.name)
                if stmt.name == "__getattr__" and isinstance(stmt, ast.FunctionDef):
                    self.getattr_function = stmt
                continue
            if isinstance(stmt, ast.Import):
                for alias in stmt.names:
                    bound = alias.asname or alias.name.split(".")[0]
                    source = alias.name if alias.asname else bound
                    self.imported.setdefault(bound, []).append((source, ""))
            elif isinstance(stmt, ast.ImportFrom):
                source = _resolve_relative(stmt.level or 0, stmt.module, self.package)
                for alias in stmt.names:
                    if alias.name == "*":
                        self.star_sources.append(source)
                    else:
                        bound = alias.asname or alias.name
                        self.imported.setdefault(bound, []).append((source, alias.name))
            elif isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    self.defined.update(_target_names(target))
            elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
                self.defined.update(_target_names(stmt.target))
            elif isinstance(stmt, (ast.For, ast.AsyncFor)):
                self.looped.update(_target_names(stmt.target))
            elif isinstance(stmt, (ast.With, ast.AsyncWith)):
                for item in stmt.items:
                    if item.optional_vars is not None:
                        self.defined.update(_target_names(item.optional_vars))
            # Recurse into compound statements (if/try/for/while/with/match).
            for field in ("body", "orelse", "finalbody"):
                self._scan(getattr(stmt, field, None) or [])
            for handler in getattr(stmt, "handlers", None) or []:
                self._scan(handler.body)
            for case in getattr(stmt, "cases", None) or []:
                self._scan(case.body)

    def getattr_names(self, module: types.ModuleType) -> set[str]:
        """Names a module ``__getattr__`` may serve, read off its source.

        String constants in the function that are identifiers, and the items
        of module-level containers it tests names against
        (``if name in _deprecated_names``).
        """
        function = self.getattr_function
        if function is None:
            return set()
        names: set[str] = set()
        for node in ast.walk(function):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                names.add(node.value)
            elif isinstance(node, ast.Compare):
                for op, comparator in zip(node.ops, node.comparators):
                    if isinstance(op, (ast.In, ast.NotIn)):
                        names.update(_container_items(module, comparator))
        return {name for name in names if name.isidentifier() and not is_dunder(name)}


def _container_items(module: types.ModuleType, node: ast.AST) -> list[str]:
    """String items of a ``Name``/``Attribute`` chain evaluated on *module*."""
    chain: list[str] = []
    while isinstance(node, ast.Attribute):
        chain.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return []
    obj: Any = module
    for attr in [node.id] + chain[::-1]:
        try:
            obj = getattr(obj, attr)
        except Exception:  # noqa: BLE001 - a guess that did not pan out
            return []
    if isinstance(obj, (dict, set, frozenset, list, tuple)):
        return [item for item in obj if isinstance(item, str)]
    return []


# ---------------------------------------------------------------------------
# Inspecting one module (runs inside a worker)
# ---------------------------------------------------------------------------


def describe_exception(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def module_attribute_kind(value: Any) -> str:
    if isinstance(value, types.ModuleType):
        return "module"
    if isinstance(value, type):
        return "class"
    if inspect.isroutine(value):
        return "function"
    return "attribute"


def member_kind(raw: Any, static: bool) -> str:
    """Kind of a class member; *raw* is the ``__dict__`` entry when *static*."""
    if isinstance(raw, type):
        return "class"
    if isinstance(raw, _METHOD_TYPES) or (not static and inspect.isroutine(raw)):
        return "method"
    return "attribute"


def class_members(cls: type) -> JsonDict:
    """Members of *cls* from ``dir(cls)``.

    ``members`` maps each public member to its kind; ``owners`` names the
    class of the MRO that defines a member when that is not *cls* itself;
    ``dunders`` maps the dunder *methods* that a stdlib class of the MRO
    defines (protocol support such as ``__enter__`` or ``__getitem__``, not
    what every object inherits from ``builtins``) to that class.
    """
    members: dict[str, str] = {}
    owners: dict[str, str] = {}
    dunders: dict[str, str] = {}
    info = {"members": members, "owners": owners, "dunders": dunders}
    try:
        names = dir(cls)
        mro = type.__dict__["__mro__"].__get__(cls)
    except Exception:  # noqa: BLE001 - exotic metaclasses
        return info
    for name in names:
        if not isinstance(name, str) or (not is_public(name) and not is_dunder(name)):
            continue
        owner = None
        for klass in mro:
            namespace = type.__dict__["__dict__"].__get__(klass)
            if name in namespace:
                owner, raw = klass, namespace[name]
                break
        if is_dunder(name):
            if (
                owner is not None
                and owner.__module__ != "builtins"
                and member_kind(raw, static=True) == "method"
            ):
                dunders[name] = qualified(owner) or repr(owner)
            continue
        if owner is None:
            try:
                members[name] = member_kind(getattr(cls, name), static=False)
            except Exception:  # noqa: BLE001 - listed by dir() but unreadable
                members[name] = "attribute"
            continue
        members[name] = member_kind(raw, static=True)
        if owner is not cls:
            owners[name] = qualified(owner) or repr(owner)
    return info


def read_all(module: types.ModuleType) -> list[str] | None:
    names = getattr(module, "__all__", None)
    if not isinstance(names, (list, tuple)):
        return None
    return [name for name in names if isinstance(name, str)]


_MISSING = object()


def describe_attribute(
    name: str,
    value: Any,
    in_all: bool,
    bindings: SourceBindings | None,
) -> JsonDict:
    """Kind and origin of module attribute *name* (see the exclusion rule)."""
    kind = module_attribute_kind(value)
    record: JsonDict = {"kind": kind}
    if in_all:
        record["in_all"] = True
    if kind == "module":
        record["origin"] = getattr(value, "__name__", None)
    elif kind in ("class", "function"):
        origin = getattr(value, "__module__", None)
        if isinstance(origin, str):
            record["origin"] = origin
        key = qualified(value)
        if key:
            record["key"] = key
    if bindings is None:
        record["binding"] = "unknown"
    elif name in bindings.defined:
        record["binding"] = "defined"
    elif name in bindings.looped:
        record["binding"] = "loop variable"
    elif name in bindings.imported:
        record["binding"] = "imported"
        record["sources"] = [list(pair) for pair in bindings.imported[name]]
    else:
        sources = []
        for source in bindings.star_sources:
            provider = sys.modules.get(source)
            if provider is not None and getattr(provider, name, _MISSING) is value:
                sources.append([source, name])
        if sources:
            record["binding"] = "imported"
            record["sources"] = sources
        else:
            record["binding"] = "unknown"
    return record


def inspect_module(name: str) -> JsonDict:
    """Everything the dump records about module *name* (imports it)."""
    record: JsonDict = {"name": name}
    try:
        module = importlib.import_module(name)
    except BaseException as exc:  # noqa: BLE001 - SystemExit must not stop the walk
        record["error"] = describe_exception(exc)
        return record
    record["file"] = getattr(module, "__file__", None)
    record["package"] = hasattr(module, "__path__")
    if is_private_module(name):
        return record

    all_names = read_all(module)
    record["all"] = all_names
    bindings = SourceBindings.of(module)
    listed = set(all_names or ())
    try:
        names = set(dir(module)) | listed
    except Exception as exc:  # noqa: BLE001
        record["dir_error"] = describe_exception(exc)
        names = set(listed)
    hidden = (bindings.getattr_names(module) if bindings else set()) - names

    attrs: dict[str, JsonDict] = {}
    private_attrs: dict[str, JsonDict] = {}
    classes: dict[str, JsonDict] = {}
    for attr in sorted(names | hidden):
        if not isinstance(attr, str) or is_dunder(attr):
            continue
        try:
            value = getattr(module, attr)
        except Exception:  # noqa: BLE001 - __all__ lists a name that is not there
            if attr not in hidden:
                (attrs if is_public(attr) else private_attrs)[attr] = {
                    "kind": "missing",
                    "in_all": attr in listed,
                }
            continue
        if isinstance(value, types.ModuleType) and value.__name__ == f"{name}.{attr}":
            continue  # own submodule: reported as a module
        info = describe_attribute(attr, value, attr in listed, bindings)
        if attr in hidden:
            info["hidden"] = True
        if not is_public(attr):
            private_attrs[attr] = info
            continue
        attrs[attr] = info
        if info["kind"] == "class" and incidental_reason(name, attr, info) is None:
            classes[attr] = class_members(value)
    record["attrs"] = attrs
    record["private_attrs"] = private_attrs
    record["classes"] = classes
    return record


def inspect_worker(out_path: str, module: str) -> int:
    """Worker entry point: inspect one module in this fresh process."""
    warnings.simplefilter("ignore")
    write_json(out_path, inspect_module(module))
    return 0


# ---------------------------------------------------------------------------
# Isolated workers (run in the parent)
# ---------------------------------------------------------------------------


def worker_command(python: str, *args: str) -> list[str]:
    """Command line running this script under *python* in a clean interpreter."""
    return [python, "-I", "-S", "-B", "-W", "ignore", os.path.abspath(__file__)] + list(args)


def run_worker(command: str, args: Sequence[str], workdir: str) -> JsonDict:
    """Run ``command OUT *args`` in a fresh interpreter and return what it wrote.

    Every module is imported in a process of its own, so that no module sees
    the side effects of another (``tkinter.tix`` adds methods to
    ``tkinter.Widget``), and a crash or hang costs only that module.
    """
    fd, out_path = tempfile.mkstemp(suffix=".json", dir=workdir)
    os.close(fd)
    err_fd, err_path = tempfile.mkstemp(suffix=".err", dir=workdir)
    try:
        with os.fdopen(err_fd, "wb") as err:
            try:
                process = subprocess.run(
                    worker_command(sys.executable, command, out_path, *args),
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=err,
                    cwd=workdir,
                    timeout=WORKER_TIMEOUT,
                )
            except subprocess.TimeoutExpired:
                return {"error": "timed out after %ds" % WORKER_TIMEOUT}
        if process.returncode == 0 and os.path.getsize(out_path):
            answer: JsonDict = read_json(out_path)
            return answer
        with open(err_path, "rb") as handle:
            tail = handle.read().decode("utf-8", "replace").strip().splitlines()[-1:]
        return {
            "error": "worker died (exit code {}){}".format(
                process.returncode, ": " + tail[0] if tail else ""
            )
        }
    finally:
        for path in (out_path, err_path):
            os.remove(path)


def run_workers(command: str, jobs: Sequence[Sequence[str]], workers: int) -> list[JsonDict]:
    """``run_worker`` for each argument list in *jobs*, *workers* at a time."""
    with tempfile.TemporaryDirectory(prefix="stdlib_surface.") as workdir:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            return list(pool.map(lambda args: run_worker(command, args, workdir), jobs))


# ---------------------------------------------------------------------------
# The walk (runs in the parent)
# ---------------------------------------------------------------------------


def stdlib_paths() -> list[str]:
    paths = sysconfig.get_paths()
    result = []
    for key in ("stdlib", "platstdlib"):
        path = paths.get(key)
        if path and os.path.isdir(path) and path not in result:
            result.append(path)
    for path in list(result):
        dynload = os.path.join(path, "lib-dynload")
        if os.path.isdir(dynload):
            result.append(dynload)
    return result


def enumerate_stdlib() -> tuple[list[str], dict[str, str]]:
    """All stdlib module names to inspect, and the skipped ones with reasons."""
    found: set[str] = set(sys.builtin_module_names)
    skipped: dict[str, str] = {}

    def walk(paths: list[str], prefix: str) -> None:
        for info in pkgutil.iter_modules(paths, prefix):
            reason = skip_reason(info.name)
            if reason:
                skipped[info.name] = reason
                continue
            found.add(info.name)
            if info.ispkg:
                leaf = info.name.rsplit(".", 1)[-1]
                try:
                    spec = info.module_finder.find_spec(leaf)  # type: ignore[call-arg]
                except Exception:  # noqa: BLE001
                    spec = None
                locations = list(getattr(spec, "submodule_search_locations", None) or [])
                if locations:
                    walk(locations, info.name + ".")

    walk(stdlib_paths(), "")
    for name in list(found):
        reason = skip_reason(name)
        if reason:
            found.discard(name)
            skipped[name] = reason
    return sorted(found), skipped


def unshipped_modules() -> list[str]:
    """Modules of ``sys.stdlib_module_names`` that this installation lacks."""
    listed = getattr(sys, "stdlib_module_names", None) or ()
    return sorted(name for name in listed if find_spec_quietly(name) is None)


def dump(out_path: str, workers: int) -> JsonDict:
    """Write the dump of the running interpreter's stdlib to *out_path*."""
    started = time.monotonic()
    modules, skipped = enumerate_stdlib()
    records = run_workers("_inspect", [[name] for name in modules], workers)
    for name, record in zip(modules, records):
        record["name"] = name
    names = getattr(sys, "stdlib_module_names", None)
    data: JsonDict = {
        "schema": SCHEMA_VERSION,
        "version": version_label(),
        "python": platform.python_version(),
        "executable": sys.executable,
        "platform": sys.platform,
        "stdlib_paths": stdlib_paths(),
        "stdlib_module_names": sorted(names) if names is not None else None,
        "unshipped": unshipped_modules(),
        "builtin_module_names": sorted(sys.builtin_module_names),
        "skipped": skipped,
        "modules": {record["name"]: record for record in records},
        "seconds": round(time.monotonic() - started, 1),
    }
    write_json(out_path, data)
    return data


# ---------------------------------------------------------------------------
# Checking presence (runs under the interpreter being asked)
# ---------------------------------------------------------------------------


def find_spec_quietly(name: str) -> importlib.machinery.ModuleSpec | None:
    """The spec of module *name*, found without importing any package."""
    parts = name.split(".")
    try:
        spec = importlib.util.find_spec(parts[0])
    except (ImportError, ValueError):
        return None
    for index in range(1, len(parts)):
        locations = getattr(spec, "submodule_search_locations", None) if spec else None
        if not locations:
            return None
        spec = importlib.machinery.PathFinder.find_spec(
            ".".join(parts[: index + 1]), list(locations)
        )
    return spec


def module_presence(name: str, shipped: bool = True) -> JsonDict:
    """Whether module *name* is part of this interpreter's stdlib (no import).

    A module that is not installed on this platform (*shipped* false) can
    only be told apart from an absent one with ``sys.stdlib_module_names``.
    """
    if find_spec_quietly(name) is not None:
        return {"present": True}
    listed = getattr(sys, "stdlib_module_names", None)
    if listed is None:
        if not shipped:
            return {
                "present": None,
                "note": "not installed on this platform; "
                "no sys.stdlib_module_names before 3.10 to tell",
            }
        return {"present": False}
    if "." not in name and name in listed:
        return {"present": True, "note": "in sys.stdlib_module_names but not installed here"}
    return {"present": False}


def check_import(name: str) -> JsonDict:
    try:
        importlib.import_module(name)
    except BaseException as exc:  # noqa: BLE001 - SystemExit etc. are answers too
        return {"importable": False, "error": describe_exception(exc)}
    return {"importable": True}


def check_attribute(module: types.ModuleType, path: Sequence[str]) -> JsonDict:
    """Follow *path* from *module* with ``getattr`` (never ``dir()``)."""
    obj: Any = module
    for index, attr in enumerate(path):
        try:
            obj = getattr(obj, attr)
        except AttributeError:
            if index < len(path) - 1:
                return {
                    "present": False,
                    "note": "{} not found".format(".".join(path[: index + 1])),
                }
            return {"present": False}
        except Exception as exc:  # noqa: BLE001 - exists, but its getter raised
            return {"present": True, "note": f"getattr raised {describe_exception(exc)}"}
    return {"present": True}


def check_module_targets(module_name: str, targets: Sequence[str]) -> JsonDict:
    """Presence of *targets* (``module:path`` strings) of one module."""
    results: dict[str, JsonDict] = {}
    if find_spec_quietly(module_name) is None:
        note = f"module {module_name} not found"
        return {target: {"present": False, "note": note} for target in targets}
    try:
        module = importlib.import_module(module_name)
    except BaseException as exc:  # noqa: BLE001
        note = f"cannot import {module_name}: {describe_exception(exc)}"
        return {target: {"present": None, "note": note} for target in targets}
    for target in targets:
        results[target] = check_attribute(module, split_target(target)[1])
    return results


def check_worker(out_path: str, targets_path: str) -> int:
    """Worker entry point: check the targets of one module in this fresh process."""
    warnings.simplefilter("ignore")
    job = read_json(targets_path)
    result: JsonDict = {}
    if job.get("probe_import"):
        result["import"] = check_import(job["module"])
    result["targets"] = (
        check_module_targets(job["module"], job["targets"]) if job["targets"] else {}
    )
    write_json(out_path, result)
    return 0


def load_targets(path: str) -> list[JsonDict]:
    """Targets to check from a candidates file, a report file or a dump."""
    data = read_json(path)
    if isinstance(data, dict) and "modules" in data:
        return targets_from_dump(data)
    return list(data)


def check(targets: Iterable[JsonDict], workers: int) -> JsonDict:
    """Presence of each target under the running interpreter.

    Modules are looked up without importing them; attributes are checked in
    one fresh worker process per module.
    """
    results: dict[str, JsonDict] = {}
    by_module: dict[str, list[str]] = {}
    probes: set[str] = set()
    for entry in targets:
        module, path = split_target(entry["target"])
        if path:
            by_module.setdefault(module, []).append(entry["target"])
        else:
            results[module] = module_presence(module, entry.get("shipped", True))
            if entry.get("probe_import"):
                probes.add(module)
                by_module.setdefault(module, [])
    modules = sorted(by_module)
    with tempfile.TemporaryDirectory(prefix="stdlib_surface.") as workdir:
        jobs = []
        for index, module in enumerate(modules):
            job_path = os.path.join(workdir, "job-%d.json" % index)
            write_json(
                job_path,
                {
                    "module": module,
                    "probe_import": module in probes,
                    "targets": sorted(set(by_module[module])),
                },
            )
            jobs.append([job_path])
        answers = run_workers("_check", jobs, workers)
    for module, answer in zip(modules, answers):
        if "error" in answer:  # the worker itself crashed or hung
            for target in by_module[module]:
                results[target] = {"present": None, "note": answer["error"]}
            if module in probes:
                results[module].update({"importable": False, "error": answer["error"]})
            continue
        results.update(answer["targets"])
        if module in probes:
            results[module].update(answer["import"])
    return {"version": version_label(), "python": platform.python_version(), "results": results}


# ---------------------------------------------------------------------------
# Comparing (pure data: runs under any interpreter)
# ---------------------------------------------------------------------------


def ok_public(dump_data: JsonDict, module: str) -> JsonDict | None:
    """The dump record of *module* when it imported and is public."""
    record: JsonDict | None = dump_data["modules"].get(module)
    if record is None or "error" in record or is_private_module(module):
        return None
    return record


def targets_from_dump(dump_data: JsonDict) -> list[JsonDict]:
    """Every module, attribute and class member of a dump as check targets."""
    targets: list[JsonDict] = []
    for module in dump_data["modules"]:
        targets.append({"target": module, "kind": "module"})
        record = ok_public(dump_data, module)
        if record is None:
            continue
        for section in ("attrs", "private_attrs"):
            for attr, info in record.get(section, {}).items():
                targets.append({"target": make_target(module, [attr]), "kind": info["kind"]})
        for cls, info in record.get("classes", {}).items():
            for member, kind in info["members"].items():
                targets.append({"target": make_target(module, [cls, member]), "kind": kind})
            for member in info.get("dunders", {}):
                targets.append({"target": make_target(module, [cls, member]), "kind": "method"})
    return targets


def platform_only_modules(dump_data: JsonDict) -> list[str]:
    """Top-level stdlib modules this build lists but does not ship."""
    return list(dump_data.get("unshipped") or [])


def build_candidates(old: JsonDict, new: JsonDict) -> list[JsonDict]:
    """Names of *old* that *new*'s ``dir()`` view lacks (plus every module)."""
    candidates: list[JsonDict] = []
    for module in old["modules"]:
        candidates.append({"target": module, "kind": "module"})
    for module in platform_only_modules(old):
        candidates.append({"target": module, "kind": "module", "shipped": False})
    for module in old["modules"]:
        old_record = ok_public(old, module)
        if old_record is None:
            continue
        new_record = ok_public(new, module) or {}
        for section in ("attrs", "private_attrs"):
            new_names = new_record.get(section, {})
            for attr, info in old_record.get(section, {}).items():
                if attr not in new_names:
                    candidates.append(
                        {"target": make_target(module, [attr]), "kind": info["kind"]}
                    )
        new_attrs = new_record.get("attrs", {})
        for cls, info in old_record.get("classes", {}).items():
            new_class = new_record.get("classes", {}).get(cls) if cls in new_attrs else None
            new_class = new_class or {}
            for section in ("members", "dunders"):
                new_members = new_class.get(section, {})
                for member, kind in info.get(section, {}).items():
                    if member not in new_members:
                        kind = kind if section == "members" else "method"
                        candidates.append(
                            {"target": make_target(module, [cls, member]), "kind": kind}
                        )
    return candidates


class Grouper:
    """Collapses the spellings of one object into one report entry."""

    def __init__(self, dump_data: JsonDict) -> None:
        self.dump = dump_data
        self._keys: dict[tuple[str, str], str] = {}

    def _attribute(self, module: str, name: str) -> JsonDict:
        record = ok_public(self.dump, module) or {}
        return record.get("attrs", {}).get(name) or record.get("private_attrs", {}).get(name) or {}

    def attribute_key(self, module: str, name: str, depth: int = 0) -> str:
        """Identity of an attribute: where its class or function, or its value, comes from."""
        cached = self._keys.get((module, name))
        if cached is not None:
            return cached
        record = self._attribute(module, name)
        key = record.get("key") or f"{module}:{name}"
        if not record.get("key") and record.get("binding") == "imported" and depth < 10:
            for source, original in record.get("sources", []):
                if original and same_family(source, module):
                    key = self.attribute_key(source, original, depth + 1)
                    break
        self._keys[(module, name)] = key
        return key

    def member_key(self, module: str, cls: str, member: str) -> str:
        info = (ok_public(self.dump, module) or {}).get("classes", {}).get(cls, {})
        owner = (
            info.get("owners", {}).get(member)
            or info.get("dunders", {}).get(member)
            or self.attribute_key(module, cls)
        )
        return f"{owner}.{member}"

    def is_canonical(self, module: str, name: str) -> bool:
        """False when attribute *name* is an alias (``unittest.main`` is ``TestProgram``)."""
        key = self._attribute(module, name).get("key")
        return not key or key.rsplit(".", 1)[-1].rsplit(":", 1)[-1] == name

    def rank(self, module: str, path: Sequence[str]) -> tuple[bool, bool]:
        """Sort key preferring the class that defines a member, then real names."""
        own = True
        if len(path) == 2:
            info = (ok_public(self.dump, module) or {}).get("classes", {}).get(path[0], {})
            if is_dunder(path[1]):
                own = info.get("dunders", {}).get(path[1]) == self.attribute_key(module, path[0])
            else:
                own = path[1] not in info.get("owners", {})
        return (not own, not self.is_canonical(module, path[0]))


def _group(entries: list[JsonDict]) -> list[JsonDict]:
    """Merge entries sharing a ``group`` key; the plainest spelling leads."""
    groups: dict[str, list[JsonDict]] = {}
    for entry in entries:
        groups.setdefault(entry.pop("group", entry["target"]), []).append(entry)
    merged = []
    for members in groups.values():
        members.sort(
            key=lambda e: (e.get("rank", ()), e["name"].count("."), len(e["name"]), e["name"])
        )
        lead = {key: value for key, value in members[0].items() if key != "rank"}
        if len(members) > 1:
            lead["aliases"] = sorted({m["name"] for m in members[1:]})
        merged.append(lead)
    return sorted(merged, key=lambda e: e["name"])


REPORT_FILES = ("removed", "excluded", "private", "hidden", "undetermined")


class ReportBuilder:
    """Sorts the names of an older dump into the report sections."""

    def __init__(self, old: JsonDict, new: JsonDict, checked: JsonDict) -> None:
        self.old, self.new = old, new
        self.results: dict[str, JsonDict] = checked["results"]
        self.old_label, self.new_label = old["version"], new["version"]
        self.grouper = Grouper(old)
        self.sections: dict[str, list[JsonDict]] = {name: [] for name in REPORT_FILES}
        self.gone_modules: set[str] = set()

    def present(self, target: str) -> bool | None:
        return self.results.get(target, {}).get("present")

    def entry(
        self, target: str, kind: str, present_in_new: bool | None = None, **extra: Any
    ) -> JsonDict:
        state = self.present(target) if present_in_new is None else present_in_new
        item: JsonDict = {
            "name": dotted(target),
            "kind": kind,
            "target": target,
            "present": {self.old_label: True, self.new_label: state},
        }
        item.update((key, value) for key, value in extra.items() if value is not None)
        return item

    def build(self) -> JsonDict:
        self.add_modules()
        for module in self.old["modules"]:
            record = ok_public(self.old, module)
            if record is None or self.module_gone(module):
                continue  # members of a removed module go with it
            new_record = ok_public(self.new, module) or {}
            self.add_attributes(module, record, new_record)
            self.add_members(module, record, new_record)
        report: JsonDict = {"old": self.old_label, "new": self.new_label}
        report.update((name, _group(entries)) for name, entries in self.sections.items())
        return report

    def module_gone(self, module: str) -> bool:
        parts = module.split(".")
        return any(".".join(parts[:i]) in self.gone_modules for i in range(1, len(parts) + 1))

    def add_modules(self) -> None:
        for module in list(self.old["modules"]) + platform_only_modules(self.old):
            if self.present(module) is not False:
                continue
            self.gone_modules.add(module)
            record = self.old["modules"].get(module)
            notes, shipped = [], None
            if record is None:
                notes.append(
                    f"listed in sys.stdlib_module_names of {self.old_label} but not installed "
                    "on this platform"
                )
                shipped = False
            elif "error" in record:
                notes.append(
                    "not importable on {} here: {}".format(self.old_label, record["error"])
                )
            item = self.entry(module, "module", notes=notes or None, shipped=shipped)
            parents = [module.rsplit(".", i)[0] for i in range(1, module.count(".") + 1)]
            public_parent_gone = any(
                parent in self.gone_modules and not is_private_module(parent) for parent in parents
            )
            if is_private_module(module) and not public_parent_gone:
                self.sections["private"].append(item)
            else:  # public, or a submodule of a removed public package
                self.sections["removed"].append(item)

    def add_attributes(self, module: str, record: JsonDict, new_record: JsonDict) -> None:
        for section in ("attrs", "private_attrs"):
            for attr, info in record.get(section, {}).items():
                target = make_target(module, [attr])
                if new_record.get(section, {}).get(attr, {}).get("hidden") and not info.get(
                    "hidden"
                ):
                    self.sections["hidden"].append(
                        self.entry(
                            target,
                            info["kind"],
                            present_in_new=True,
                            notes=[f"served by a module __getattr__ in {self.new_label}"],
                        )
                    )
                    continue
                if target not in self.results:
                    continue  # in the newer dir() listing too
                item = self.entry(
                    target,
                    info["kind"],
                    group=self.grouper.attribute_key(module, attr),
                    rank=self.grouper.rank(module, [attr]),
                )
                state = self.present(target)
                reason = incidental_reason(module, attr, info)
                if state is True:
                    self.sections["hidden"].append(item)
                elif state is None:
                    item["notes"] = [self.results[target].get("note", "")]
                    self.sections["undetermined"].append(item)
                elif info["kind"] == "missing":
                    item["reason"] = "listed in __all__ but never an attribute"
                    self.sections["excluded"].append(item)
                elif section == "private_attrs":
                    if reason:
                        item["reason"] = reason
                    self.sections["private"].append(item)
                elif reason:
                    item["reason"] = reason
                    self.sections["excluded"].append(item)
                else:
                    self.sections["removed"].append(item)

    def add_members(self, module: str, record: JsonDict, new_record: JsonDict) -> None:
        new_classes = new_record.get("classes", {})
        for cls, info in record.get("classes", {}).items():
            if self.present(make_target(module, [cls])) is False:
                continue  # members of a removed class go with it
            # Without the newer dir() of the class, "reachable" is not "hidden".
            listed_in_new = cls in new_classes
            members = list(info["members"].items())
            members += [(name, "method") for name in info.get("dunders", {})]
            for member, kind in members:
                target = make_target(module, [cls, member])
                if target not in self.results:
                    continue
                item = self.entry(
                    target,
                    kind,
                    group=self.grouper.member_key(module, cls, member),
                    rank=self.grouper.rank(module, [cls, member]),
                )
                state = self.present(target)
                if state is True:
                    if listed_in_new and not is_dunder(
                        member
                    ):  # a dunder may just be inherited now
                        self.sections["hidden"].append(item)
                elif state is None:
                    item["notes"] = [self.results[target].get("note", "")]
                    self.sections["undetermined"].append(item)
                elif is_dunder(member):
                    item["reason"] = "dunder method no longer defined"
                    self.sections["private"].append(item)
                else:
                    self.sections["removed"].append(item)


def build_report(old: JsonDict, new: JsonDict, checked: JsonDict) -> JsonDict:
    """Removed, excluded, private, hidden and undetermined names of *old*."""
    return ReportBuilder(old, new, checked).build()


def write_report(report: JsonDict, out_dir: str) -> None:
    os.makedirs(out_dir, exist_ok=True)
    for section in REPORT_FILES:
        entries = [_ordered_entry(item) for item in report[section]]
        path = os.path.join(out_dir, "{}-{}.json".format(section, report["new"]))
        write_json(path, entries, sort_keys=False)


_ENTRY_FIELDS = ("name", "kind", "present", "target", "aliases", "reason", "notes", "shipped")


def _ordered_entry(item: JsonDict) -> JsonDict:
    """A report entry with its fields, and its versions, in reading order."""
    ordered = {key: item[key] for key in _ENTRY_FIELDS if key in item}
    ordered["present"] = {
        label: item["present"][label] for label in sorted(item["present"], key=_version_key)
    }
    ordered.update((key, value) for key, value in item.items() if key not in ordered)
    return ordered


# ---------------------------------------------------------------------------
# Pipeline and summary
# ---------------------------------------------------------------------------


def run_script(python: str, *args: str) -> None:
    subprocess.run(worker_command(python, *args), check=True, stdin=subprocess.DEVNULL)


def pipeline(
    out_dir: str,
    pythons: dict[str, str],
    pairs: list[tuple[str, str]],
    jobs: int,
    reuse_dumps: bool = False,
) -> None:
    """Dump, compare and check every pair, then write the reports and SUMMARY.md.

    Intermediate files (dumps, candidates, checks) go to ``OUT_DIR/work``;
    with *reuse_dumps* an existing dump there is used instead of a new walk.
    """
    work = os.path.join(out_dir, "work")
    os.makedirs(work, exist_ok=True)
    timings: dict[str, float] = {}

    dumps: dict[str, JsonDict] = {}
    for label in sorted({label for pair in pairs for label in pair}, key=_version_key):
        path = os.path.join(work, f"dump-{label}.json")
        if not (reuse_dumps and os.path.exists(path)):
            print(f"dump {label} ...", flush=True)
            run_script(pythons[label], "dump", path, "--jobs", str(jobs))
        dumps[label] = read_json(path)
        timings["dump " + label] = dumps[label]["seconds"]

    reports = []
    for old_label, new_label in pairs:
        candidates_path = os.path.join(work, f"candidates-{old_label}-{new_label}.json")
        check_path = os.path.join(work, f"check-{old_label}-on-{new_label}.json")
        candidates = build_candidates(dumps[old_label], dumps[new_label])
        write_json(candidates_path, candidates)
        print(
            "check %d candidates of %s on %s ..." % (len(candidates), old_label, new_label),
            flush=True,
        )
        started = time.monotonic()
        run_script(pythons[new_label], "check", candidates_path, check_path, "--jobs", str(jobs))
        timings[f"check {old_label} on {new_label}"] = round(time.monotonic() - started, 1)
        reports.append(build_report(dumps[old_label], dumps[new_label], read_json(check_path)))

    # Presence of every reported name, and of the platform probes, everywhere.
    targets: list[JsonDict] = [
        {"target": name, "kind": "module", "probe_import": True, "shipped": False}
        for name in PLATFORM_PROBES
    ]
    for report in reports:
        for section in REPORT_FILES:
            targets.extend(
                {"target": e["target"], "kind": e["kind"], "shipped": e.get("shipped", True)}
                for e in report[section]
            )
    presence_targets = os.path.join(work, "presence-targets.json")
    write_json(presence_targets, targets)
    presence: dict[str, JsonDict] = {}
    for label in sorted(pythons, key=_version_key):
        path = os.path.join(work, f"presence-{label}.json")
        print(f"presence on {label} ...", flush=True)
        run_script(pythons[label], "check", presence_targets, path, "--jobs", str(jobs))
        presence[label] = read_json(path)["results"]

    for report in reports:
        for section in REPORT_FILES:
            for item in report[section]:
                item["present"] = {
                    label: presence[label][item["target"]]["present"]
                    for label in sorted(pythons, key=_version_key)
                }
        write_report(report, out_dir)

    summary = render_summary(reports, dumps, presence, pythons, timings)
    with open(os.path.join(out_dir, "SUMMARY.md"), "w", encoding="utf-8") as handle:
        handle.write(summary)
    print(f"wrote {out_dir}")


def _version_key(label: str) -> tuple[int, ...]:
    return tuple(int(part) for part in label.split("."))


def _count_by_kind(entries: list[JsonDict]) -> str:
    counts: dict[str, int] = {}
    for item in entries:
        counts[item["kind"]] = counts.get(item["kind"], 0) + 1
    return ", ".join("%s %d" % (kind, counts[kind]) for kind in sorted(counts)) or "none"


def _bullet(item: JsonDict, extra: str = "") -> str:
    text = "- `{}` ({})".format(item["name"], item["kind"])
    if extra and item.get(extra):
        value = item[extra]
        text += ": %s" % ("; ".join(value) if isinstance(value, list) else value)
    aliases = item.get("aliases", [])
    if aliases:
        text += " — also {}".format(", ".join(f"`{alias}`" for alias in aliases[:3]))
        if len(aliases) > 3:
            text += " and %d more" % (len(aliases) - 3)
    return text


def _section(title: str, entries: list[JsonDict], extra: str = "", empty: str = "") -> list[str]:
    if not entries and not empty:
        return []
    lines = [title, ""]
    lines.extend([_bullet(item, extra) for item in entries] or [empty])
    return lines + [""]


def _probe_cell(result: JsonDict) -> str:
    if result.get("importable"):
        return "ok"
    if result.get("present") is None:
        return "unknown"
    if result.get("present") is False:
        return "not in stdlib"
    if result.get("note"):
        return "not installed"
    error = str(result.get("error", "?")).replace("ModuleNotFoundError: ", "")
    return "fails: " + error.replace("|", "/")


def _report_summary(report: JsonDict, labels: list[str]) -> list[str]:
    old, new = report["old"], report["new"]
    later = [label for label in labels if _version_key(label) > _version_key(new)]
    earlier = [label for label in labels if _version_key(label) < _version_key(old)]
    modules = [e for e in report["removed"] if e["kind"] == "module"]
    names = [e for e in report["removed"] if e["kind"] != "module"]
    out = [f"## {old} → {new}", ""]
    for section, meaning in (
        ("removed", "public API gone"),
        ("excluded", "incidental names, for review"),
        ("private", "underscore modules and names, dunder methods"),
        ("hidden", "gone from dir() but still reachable: not removed"),
        ("undetermined", "could not be checked"),
    ):
        entries = report[section]
        out.append(
            "- `%s-%s.json` (%s): %d — %s"
            % (section, new, meaning, len(entries), _count_by_kind(entries))
        )
    out.append("")

    out.append("Removed modules:")
    out.append("")
    for item in modules:
        if any(item["name"].startswith(other["name"] + ".") for other in modules):
            continue
        subs = sum(1 for other in modules if other["name"].startswith(item["name"] + "."))
        line = "- `{}`".format(item["name"])
        if subs:
            line += " and %d submodules" % subs
        if item.get("notes"):
            line += " — " + "; ".join(item["notes"])
        out.append(line)
    out.append("")
    out.extend(_section("Removed names in modules that remain:", names))

    reappeared = [
        e
        for e in report["removed"] + report["excluded"] + report["private"]
        if any(e["present"].get(label) for label in later)
    ]
    if later:
        out.extend(
            _section(
                "Gone in {} but present again in {}:".format(new, ", ".join(later)),
                reappeared,
                empty="- none",
            )
        )
    young = []
    for item in report["removed"]:
        missing = [label for label in earlier if item["present"].get(label) is False]
        if missing:
            young.append(dict(item, absent="absent on " + ", ".join(missing)))
    out.extend(
        _section(
            f"Removed names that older interpreters lack too (added after {labels[0]}):",
            young,
            "absent",
        )
    )

    excluded_names = [e for e in report["excluded"] if e["kind"] != "module"]
    excluded_modules = [e for e in report["excluded"] if e["kind"] == "module"]
    out.extend(
        _section(
            "Excluded by the incidental rule (besides %d imported-module attributes "
            "such as `%s`):" % (len(excluded_modules), excluded_modules[0]["name"])
            if excluded_modules
            else "Excluded by the incidental rule:",
            excluded_names,
            "reason",
        )
    )
    private_modules = [e for e in report["private"] if ":" not in e["target"]]
    dunders = [e for e in report["private"] if is_dunder(e["name"].rsplit(".", 1)[-1])]
    out.extend(_section("Private modules removed:", private_modules, "notes"))
    out.extend(
        _section("Dunder methods no longer defined (protocol support may be gone):", dunders)
    )
    others = len(report["private"]) - len(private_modules) - len(dunders)
    if others:
        out.append("Plus %d removed single-underscore names in `private-%s.json`." % (others, new))
        out.append("")
    out.extend(
        _section(
            f"Missing from dir() in {new} but still reachable with getattr:", report["hidden"]
        )
    )
    out.extend(_section("Undetermined:", report["undetermined"], "notes"))
    return out


def render_summary(
    reports: list[JsonDict],
    dumps: dict[str, JsonDict],
    presence: dict[str, JsonDict],
    pythons: dict[str, str],
    timings: dict[str, float],
) -> str:
    labels = sorted(pythons, key=_version_key)
    out = [
        "# Standard-library APIs removed in CPython {}".format(
            " and ".join(r["new"] for r in reports)
        ),
        "",
    ]
    out.append(
        "Generated by `tools/stdlib_surface.py pipeline` on {} with {}.".format(
            sys.platform, ", ".join(f"{label} ({pythons[label]})" for label in labels)
        )
    )
    out.append("Seconds: " + ", ".join("{} {}".format(*item) for item in timings.items()) + ".")
    out.append(
        "Each entry's `present` says where the name exists on {}.".format(", ".join(labels))
    )
    out.append("")
    for report in reports:
        out.extend(_report_summary(report, labels))

    out.append("## Platform modules on this machine")
    out.append("")
    out.append("| module | " + " | ".join(labels) + " |")
    out.append("| --- |" + " --- |" * len(labels))
    for name in PLATFORM_PROBES:
        cells = [_probe_cell(presence[label].get(name, {})) for label in labels]
        out.append("| `{}` | {} |".format(name, " | ".join(cells)))
    out.append("")
    out.append(
        "ok: imports. not in stdlib: no module file and not in sys.stdlib_module_names. "
        "not installed: in sys.stdlib_module_names, but not built or installed for this "
        "platform. unknown: not installed, and 3.8/3.9 have no sys.stdlib_module_names to "
        "tell. fails: installed, but the import raises."
    )
    out.append("")
    out.append("## What this cannot see")
    out.append("")
    out.extend(
        [
            "- Names that exist only on other platforms (Windows/macOS modules, names defined under "
            "`if sys.platform == ...`) and modules not built here: only their top-level names are "
            "known, from `sys.stdlib_module_names` (3.10+), not their submodules or attributes.",
            "- Pure-Python fallbacks shadowed by a C accelerator (e.g. `xml.etree.ElementTree`).",
            "- Dunder data attributes and module dunders such as `__version__`; dunder methods of "
            "classes are tracked (in `private-*.json`).",
            "- Builtins that `site` adds (`help`, `exit`, ...): workers run with `-I -S -B`.",
            "- Names a C module serves through a module `__getattr__`, and changes of signature "
            "or behaviour.",
            "",
        ]
    )
    out.append("## Enumeration")
    out.append("")
    for label, data in sorted(dumps.items(), key=lambda item: _version_key(item[0])):
        failed = sorted(name for name, record in data["modules"].items() if "error" in record)
        out.append(
            "- %s: %d modules inspected, %d skipped; failed to import: %s; "
            "listed in sys.stdlib_module_names but not installed: %s."
            % (
                label,
                len(data["modules"]),
                len(data["skipped"]),
                ", ".join(f"`{name}`" for name in failed) or "none",
                ", ".join(f"`{name}`" for name in platform_only_modules(data)) or "none",
            )
        )
    out.append("")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def read_json(path: str) -> Any:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def write_json(path: str, data: Any, sort_keys: bool = True) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=sort_keys)
        handle.write("\n")


def _parse_python(value: str) -> tuple[str, str]:
    label, sep, path = value.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError("expected LABEL=PATH, e.g. 3.12=/usr/bin/python3.12")
    return label, path


def _parse_pair(value: str) -> tuple[str, str]:
    old, sep, new = value.partition(":")
    if not sep:
        raise argparse.ArgumentTypeError("expected OLD:NEW, e.g. 3.11:3.12")
    return old, new


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("dump", help="enumerate the running interpreter's stdlib")
    p.add_argument("out")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)

    p = sub.add_parser("candidates", help="names of OLD missing from NEW's dir() view")
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("out")

    p = sub.add_parser("check", help="presence of targets under the running interpreter")
    p.add_argument("targets")
    p.add_argument("out")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)

    p = sub.add_parser("diff", help="write removed/excluded/private/hidden reports")
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("check")
    p.add_argument("out_dir")

    p = sub.add_parser("pipeline", help="dump, check and diff several interpreters")
    p.add_argument("out_dir")
    p.add_argument(
        "--python",
        type=_parse_python,
        action="append",
        required=True,
        help="LABEL=PATH of an interpreter (repeat)",
    )
    p.add_argument(
        "--compare",
        type=_parse_pair,
        action="append",
        required=True,
        help="OLD:NEW labels to compare (repeat)",
    )
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument(
        "--reuse-dumps",
        action="store_true",
        help="use the dumps already in OUT_DIR/work instead of walking again",
    )

    p = sub.add_parser("_inspect")  # worker: one module
    p.add_argument("out")
    p.add_argument("module")
    p = sub.add_parser("_check")  # worker: the targets of one module
    p.add_argument("out")
    p.add_argument("targets")

    args = parser.parse_args(argv)
    if args.command in ("dump", "check") and not (sys.flags.isolated and sys.flags.no_site):
        # Look at the stdlib only: no site-packages, .pth hooks or user paths.
        arguments = list(sys.argv[1:] if argv is None else argv)
        return subprocess.call(worker_command(sys.executable, *arguments))
    if args.command == "_inspect":
        return inspect_worker(args.out, args.module)
    if args.command == "_check":
        return check_worker(args.out, args.targets)
    if args.command == "dump":
        data = dump(args.out, args.jobs)
        failed = sum(1 for record in data["modules"].values() if "error" in record)
        print(
            "%s: %d modules (%d failed to import), %d skipped, %.0fs -> %s"
            % (
                data["python"],
                len(data["modules"]),
                failed,
                len(data["skipped"]),
                data["seconds"],
                args.out,
            )
        )
    elif args.command == "candidates":
        write_json(args.out, build_candidates(read_json(args.old), read_json(args.new)))
    elif args.command == "check":
        write_json(args.out, check(load_targets(args.targets), args.jobs))
    elif args.command == "diff":
        report = build_report(read_json(args.old), read_json(args.new), read_json(args.check))
        write_report(report, args.out_dir)
        for section in REPORT_FILES:
            print("%s: %d" % (section, len(report[section])))
    elif args.command == "pipeline":
        pythons = dict(args.python)
        for pair in args.compare:
            for label in pair:
                if label not in pythons:
                    parser.error(f"no --python given for {label}")
        pipeline(args.out_dir, pythons, args.compare, args.jobs, args.reuse_dumps)
    return 0


if __name__ == "__main__":
    sys.exit(main())
