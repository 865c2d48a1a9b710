"""What each interpreter can import and reach: the removals ``tools/stdlib_surface.py`` misses.

``stdlib_surface.py`` compares the public names each stdlib module defines, and leaves out
test suites (``unittest.test``) and names a module only imports from another
(``unittest.loader.makeSuite`` read as ``unittest.makeSuite``).  Real code imports both:
this script finds the two kinds of removals it cannot see, by importing and ``getattr``
alone, never ``dir()``:

* **submodules**: every module and package that ``pkgutil.walk_packages`` finds in the
  standard library of the older release (packages it cannot import are descended by their
  files), imported in a fresh process on the older release and looked for on the newer one.
  Written to ``submodules-X.Y.json``: one item per removed package or module (its removed
  submodules counted, not listed), with ``present`` (does ``import`` succeed on each
  interpreter), and a ``reason`` for what is not API: the ``test`` package (CPython's own
  suite, "meant for internal use by Python only"), private modules, ``__main__`` scripts.
* **re-exports**: every public name of a public module that survives, whose object the older
  release also reaches under another spelling (a function, class or module by its
  ``__module__``/``__qualname__`` or name; another object by identity within one package),
  and that ``getattr`` no longer finds on the newer release.  Written to
  ``reexports-X.Y.json`` with the other spellings (``also``) and those still reachable on the
  newer release (``still_reachable_as``): an item none of whose spellings survives is a
  removed API (``sqlite3.dbapi2.enable_shared_cache`` with ``sqlite3.enable_shared_cache``);
  one that survives elsewhere is an incidental import (``pathlib.S_ISDIR``, still
  ``stat.S_ISDIR``), listed for review.

``tests/test_catalog_completeness.py`` requires the catalog to cover every item without a
``reason`` and every re-export that nothing else reaches.  Usage, from the repository root::

    python tools/surface/reachable.py compare tools/surface \\
        --python 3.8=... --python 3.9=... --python 3.10=... --python 3.11=... \\
        --python 3.12=... --python 3.13=... --compare 3.11:3.12 --compare 3.12:3.13

Every interpreter runs this file itself (``walk``, ``check``), isolated (``-I -S -B``) so
that site-packages cannot stand in for the standard library.  It needs only the standard
library and runs on CPython 3.8 to 3.13.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import importlib
import inspect
import io
import json
import os
import pkgutil
import subprocess
import sys
import sysconfig
import tokenize
import types
import warnings
from typing import Any, Dict, List, Sequence

JsonDict = Dict[str, Any]

#: Modules never imported: they do something when imported (or run as scripts).
NOT_IMPORTED = {"antigravity", "this", "idlelib.idle", "test.autotest"}
GUI_APPLICATIONS = ("idlelib", "turtledemo")
TEST_PACKAGE = "the test package: CPython's own suite, for internal use by Python only"
WORKER_TIMEOUT = 600


def version_label() -> str:
    return "{}.{}".format(*sys.version_info[:2])


def is_private(module: str) -> bool:
    return any(part.startswith("_") for part in module.split("."))


def not_api(module: str) -> str | None:
    """Why a module is not API, or None."""
    if module == "test" or module.startswith("test."):
        return TEST_PACKAGE
    if module.rsplit(".", 1)[-1] == "__main__":
        return "a __main__ script"
    if is_private(module):
        return "a private module"
    return None


# -- the walk (runs under the interpreter asked) -------------------------------------------


def stdlib_paths() -> list[str]:
    paths: list[str] = []
    for key in ("stdlib", "platstdlib"):
        path = sysconfig.get_paths().get(key)
        if path and os.path.isdir(path) and path not in paths:
            paths.append(path)
    paths += [os.path.join(p, "lib-dynload") for p in list(paths)]
    return [path for path in paths if os.path.isdir(path)]


def _files_under(locations: list[str], prefix: str, found: dict[str, bool]) -> None:
    """Submodules by their files, for a package ``walk_packages`` could not import."""
    for info in pkgutil.iter_modules(locations, prefix):
        found.setdefault(info.name, info.ispkg)
        if info.ispkg:
            spec = info.module_finder.find_spec(info.name.rsplit(".", 1)[-1])  # type: ignore[call-arg]
            inner = list(getattr(spec, "submodule_search_locations", None) or [])
            _files_under(inner, info.name + ".", found)


def walk() -> dict[str, bool]:
    """Every stdlib module name (and whether it is a package): ``pkgutil.walk_packages``
    over the stdlib folders, and the files of the packages it could not import."""
    found: dict[str, bool] = {}
    failed: list[str] = []
    paths = stdlib_paths()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        for info in pkgutil.walk_packages(paths, onerror=failed.append):
            if info.name.partition(".")[0] == "site-packages":
                continue
            found[info.name] = info.ispkg
    by_file: dict[str, bool] = {}
    _files_under(paths, "", by_file)
    for name in failed:
        for other, ispkg in by_file.items():
            if other.startswith(name + "."):
                found.setdefault(other, ispkg)
    for name in sys.builtin_module_names:
        found.setdefault(name, False)
    return found


def _getattr_names(module: types.ModuleType) -> set[str]:
    """Names a module ``__getattr__`` may serve: the identifiers its source compares with."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return set()
    try:
        with tokenize.open(path) as handle:
            tree = ast.parse(handle.read())
    except (OSError, SyntaxError, ValueError):
        return set()
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "__getattr__":
            for sub in ast.walk(node):
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                    names.add(sub.value)
                elif isinstance(sub, ast.Compare):
                    for comparator in sub.comparators:
                        value = getattr(module, getattr(comparator, "id", ""), None)
                        if isinstance(value, (dict, set, frozenset, list, tuple)):
                            names.update(item for item in value if isinstance(item, str))
    return {name for name in names if name.isidentifier()}


def identity(value: object, process: str) -> str | None:
    """What tells two spellings of one object apart across processes (``process`` names the
    one that read it); None for a value (a number, a string) that would meet its equals by
    chance."""
    if isinstance(value, types.ModuleType):
        return "module " + value.__name__
    if isinstance(value, (type, types.FunctionType, types.BuiltinFunctionType)):
        module = getattr(value, "__module__", None)
        qualname = getattr(value, "__qualname__", None)
        if isinstance(module, str) and isinstance(qualname, str):
            return f"{module}:{qualname}"
    if type(value) in (int, float, complex, str, bytes, bool, type(None)):
        return None
    return f"id {id(value)} in {process}"  # the same object under two names in one process


def kind_of(value: object) -> str:
    if isinstance(value, types.ModuleType):
        return "module"
    if isinstance(value, type):
        return "class"
    if inspect.isroutine(value):
        return "function"
    return "attribute"


def read_names(names: Sequence[str], wanted: dict[str, list[str]]) -> JsonDict:
    """Import each module in this process, and read its public names (``dir()``,
    ``__all__``, what its ``__getattr__`` serves, and ``wanted``) with ``getattr``; not
    those of test suites, scripts and the GUI applications."""
    result: JsonDict = {}
    for name in names:
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(
                io.StringIO()
            ):
                module = importlib.import_module(name)
        except BaseException as error:  # noqa: BLE001 - SystemExit and SkipTest are answers
            result[name] = {"error": f"{type(error).__name__}: {error}"}
            continue
        record: JsonDict = {}
        result[name] = record
        reason = not_api(name)
        if (reason and not is_private(name)) or name.partition(".")[0] in GUI_APPLICATIONS:
            continue
        listed = set(dir(module))
        declared = getattr(module, "__all__", None)
        if isinstance(declared, (list, tuple)):
            listed.update(item for item in declared if isinstance(item, str))
        attributes: JsonDict = {}
        for attribute in sorted(listed | _getattr_names(module) | set(wanted.get(name, ()))):
            if attribute.startswith("_"):
                continue
            try:
                value = getattr(module, attribute)
            except AttributeError:
                continue
            except Exception:  # noqa: BLE001 - there, but its getter raised
                attributes[attribute] = {"kind": "attribute", "key": None}
                continue
            key = identity(value, name.partition(".")[0])
            attributes[attribute] = {"kind": kind_of(value), "key": key}
        record["names"] = attributes
    return result


def _worker_command(python: str, *args: str) -> list[str]:
    return [python, "-I", "-S", "-B", "-W", "ignore", os.path.abspath(__file__), *args]


def dump(wanted: dict[str, list[str]]) -> JsonDict:
    """The walk, then every module imported in a fresh process per top-level package."""
    found = walk()
    groups: dict[str, list[str]] = {}
    skipped: list[str] = []
    for name in sorted(found):
        parts = name.split(".")
        if name in NOT_IMPORTED or parts[-1] == "__main__" or parts[0] == "test":
            skipped.append(name)
        else:
            groups.setdefault(parts[0], []).append(name)
    modules: JsonDict = {name: {"skipped": True} for name in skipped}
    for members in groups.values():
        job = json.dumps({"names": members, "wanted": wanted})
        try:
            done = subprocess.run(
                _worker_command(sys.executable, "_inspect"),
                input=job,
                capture_output=True,
                text=True,
                timeout=WORKER_TIMEOUT,
                check=False,
            )
            modules.update(json.loads(done.stdout))
        except (subprocess.TimeoutExpired, ValueError) as error:
            modules.update({name: {"error": f"worker: {error!r}"} for name in members})
    packages = sorted(name for name, ispkg in found.items() if ispkg)
    return {"version": version_label(), "packages": packages, "modules": modules}


def importable(names: Sequence[str]) -> dict[str, bool]:
    """Whether ``import name`` succeeds, each in a fresh process."""
    answers = {}
    for name in names:
        code = "import importlib, sys; importlib.import_module(sys.argv[1])"
        done = subprocess.run(
            [sys.executable, "-I", "-S", "-B", "-W", "ignore", "-c", code, name],
            capture_output=True,
            timeout=WORKER_TIMEOUT,
            check=False,
        )
        answers[name] = done.returncode == 0
    return answers


# -- the comparison (runs under any interpreter) ------------------------------------------


def _run(python: str, command: str, payload: object) -> Any:
    done = subprocess.run(
        _worker_command(python, command),
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def _ok(dump_data: JsonDict, name: str) -> bool:
    record = dump_data["modules"].get(name)
    return record is not None and "error" not in record and not record.get("skipped")


def gone_modules(old: JsonDict, new: JsonDict) -> list[str]:
    """Modules of the older walk that the newer walk does not find, or cannot import while
    the older can (``skipped`` ones count as importable: only their files were listed)."""
    names = []
    for name, record in old["modules"].items():
        if "error" in record:
            continue
        newer = new["modules"].get(name)
        if newer is None or ("error" in newer and "No module named" in newer["error"]):
            names.append(name)
    return sorted(names)


def submodule_report(
    old: JsonDict, new: JsonDict, presence: dict[str, dict[str, bool]]
) -> list[JsonDict]:
    gone = gone_modules(old, new)
    items = []
    for name in gone:
        parts = name.split(".")
        if any(".".join(parts[:i]) in gone for i in range(1, len(parts))):
            continue  # counted with the package
        item: JsonDict = {
            "name": name,
            "kind": "package" if name in old["packages"] else "module",
            "present": {label: answers[name] for label, answers in presence.items()},
        }
        inside = sum(1 for other in gone if other.startswith(name + "."))
        if inside:
            item["submodules"] = inside
        reason = not_api(name)
        if reason:
            item["reason"] = reason
        items.append(item)
    return items


def _spellings(dump_data: JsonDict) -> dict[str, list[str]]:
    """Every spelling of each object (by its identity) in a dump, private modules' too."""
    spellings: dict[str, list[str]] = {}
    for module, record in dump_data["modules"].items():
        for attribute, info in record.get("names", {}).items():
            if info["key"] is not None and not info["key"].startswith("module "):
                spellings.setdefault(info["key"], []).append(f"{module}.{attribute}")
    return spellings


def missing_names(old: JsonDict, new: JsonDict) -> dict[str, list[str]]:
    """Public names of public modules that both releases import, absent from the newer
    release's listing: asked again there with ``getattr``."""
    wanted: dict[str, list[str]] = {}
    for module, record in old["modules"].items():
        newer = new["modules"].get(module, {})
        if "names" in record and "names" in newer:
            missing = [name for name in record["names"] if name not in newer["names"]]
            if missing:
                wanted[module] = missing
    return wanted


def reexport_report(old: JsonDict, new: JsonDict) -> list[JsonDict]:
    spellings = _spellings(old)
    items = []
    for module, record in sorted(old["modules"].items()):
        newer = new["modules"].get(module, {})
        if "names" not in record or "names" not in newer or is_private(module):
            continue
        for attribute, info in sorted(record["names"].items()):
            if attribute in newer["names"] or info["key"] is None:
                continue
            name = f"{module}.{attribute}"
            also = sorted(set(spellings.get(info["key"], ())) - {name})
            if not also:
                continue  # one spelling: stdlib_surface.py's business
            alive = [s for s in also if not is_private(s) and _reaches(new, s)]
            items.append(
                {"name": name, "kind": info["kind"], "also": also, "still_reachable_as": alive}
            )
    return items


def _reaches(dump_data: JsonDict, spelling: str) -> bool:
    module, _, attribute = spelling.rpartition(".")
    return attribute in dump_data["modules"].get(module, {}).get("names", {})


def compare(out_dir: str, pythons: dict[str, str], pairs: list[tuple[str, str]]) -> None:
    labels = sorted(pythons, key=lambda label: tuple(map(int, label.split("."))))
    dumps: dict[str, JsonDict] = {}
    for label in sorted({label for pair in pairs for label in pair}):
        print(f"walk {label} ...", flush=True)
        dumps[label] = _run(pythons[label], "_dump", {})
    for old_label, new_label in pairs:
        old, new = dumps[old_label], dumps[new_label]
        print(f"getattr on {new_label} ...", flush=True)
        new = _run(pythons[new_label], "_dump", missing_names(old, new))
        gone = gone_modules(old, new)
        tops = [name for name in gone if not any(name.startswith(g + ".") for g in gone)]
        presence = {label: _run(pythons[label], "_importable", tops) for label in labels}
        reports = {
            "submodules": submodule_report(old, new, presence),
            "reexports": reexport_report(old, new),
        }
        for section, items in reports.items():
            path = os.path.join(out_dir, f"{section}-{new_label}.json")
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(items, handle, indent=1)
                handle.write("\n")
            print(f"wrote {path}: {len(items)}")


def main(argv: List[str]) -> int:  # noqa: UP006 - evaluated at run time on 3.8
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("compare", help="walk, import and compare the interpreters")
    p.add_argument("out_dir")
    p.add_argument("--python", action="append", required=True, help="LABEL=PATH (repeat)")
    p.add_argument("--compare", action="append", required=True, help="OLD:NEW (repeat)")
    for worker in ("_dump", "_inspect", "_importable"):
        sub.add_parser(worker)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    if args.command == "compare":
        pythons = dict(value.split("=", 1) for value in args.python)
        pairs = [(value.partition(":")[0], value.partition(":")[2]) for value in args.compare]
        compare(args.out_dir, pythons, pairs)
        return 0
    payload = json.loads(sys.stdin.read() or "{}")
    if args.command == "_dump":
        answer: object = dump(payload)
    elif args.command == "_inspect":
        answer = read_names(payload["names"], payload["wanted"])
    else:
        answer = importable(payload)
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
