"""``python -m pytest_removed_apis scan PATH...``: the static scan, without pytest.

Exit codes: 0 when no use (that is not allowed) was found, 1 when some was, 4 on a usage
error -- an unknown option, a bad ``--format`` or ``--target``, a path that does not
exist, an unknown API in the allow list, a configuration file that cannot be read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Final, Iterable, Sequence

from pytest_removed_apis.catalog import RELEASES
from pytest_removed_apis.scan import ScanError, Scanner, Use, python_files

EXIT_CLEAN: Final = 0
EXIT_FOUND: Final = 1
EXIT_USAGE: Final = 4
JSON_VERSION: Final = 1
"""The version of the ``--format json`` document; it changes when a key changes meaning
or goes away, not when one is added."""

# Where pytest finds its configuration, in the order it looks in each folder.
CONFIG_FILES: Final = (
    "pytest.toml",
    ".pytest.toml",
    "pytest.ini",
    ".pytest.ini",
    "pyproject.toml",
    "tox.ini",
    "setup.cfg",
)
_FORMATS: Final = ("text", "json")


class UsageError(Exception):
    """A bad command line or configuration: the message says what was wrong, where, and
    what would be valid."""


class _Parser(argparse.ArgumentParser):
    """Reports its errors by raising, so that they exit with code 4, not argparse's 2."""

    def error(self, message: str) -> Any:
        for option, choices in (("--format", _FORMATS), ("--target", RELEASES)):
            if message.startswith(f"argument {option}") and "choose from" not in message:
                message += f" (one of: {', '.join(choices)})"
        raise UsageError(message)


def _parser(prog: str) -> _Parser:
    parser = _Parser(
        prog=prog,
        description="Find references to standard-library APIs removed in Python "
        f"{', '.join(RELEASES[:-1])} and {RELEASES[-1]}, without running the code.",
        allow_abbrev=False,
    )
    commands = parser.add_subparsers(dest="command", metavar="scan")
    scan = commands.add_parser(
        "scan",
        help="scan Python files for uses of removed APIs",
        description="Scan Python files for references to removed standard-library APIs. "
        "Exit code 0: none found; 1: some found; 4: usage error.",
        allow_abbrev=False,
    )
    scan.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files, or directories to search for *.py files (default: the current directory)",
    )
    scan.add_argument(
        "--format",
        choices=_FORMATS,
        default="text",
        help="text: one line per use (default); json: one JSON document",
    )
    scan.add_argument(
        "--target",
        choices=RELEASES,
        help="the release you are moving to; the APIs it and earlier releases removed count "
        "(default: removed_apis_target from the pytest configuration, else 3.12)",
    )
    scan.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="API",
        help="an API whose uses are allowed, like removed_apis_allow: a catalog id, dotted "
        "name, module prefix or kind; may be repeated",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    script = os.path.basename(sys.argv[0] if sys.argv else "")
    prog = "python -m pytest_removed_apis"
    if script.startswith("pytest-removed-apis"):  # the console script
        prog = "pytest-removed-apis"
    try:
        return _run(_parser(prog), argv)
    except UsageError as error:
        print(f"{prog}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # the reader went away (``| head``): stop without a traceback
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that the final flush does not fail too
        return EXIT_FOUND  # the scan did not finish: do not claim it found nothing


def _run(parser: _Parser, argv: Sequence[str] | None) -> int:
    try:
        options, unknown = parser.parse_known_args(argv)
    except SystemExit as done:  # --help
        return done.code if isinstance(done.code, int) else EXIT_CLEAN
    if options.command is None:
        raise UsageError("no command given; the command is: scan PATH...")
    if unknown:
        raise UsageError(
            f"unrecognized arguments: {' '.join(unknown)}; scan takes PATH... and the "
            "options --format, --target, --allow and --help"
        )
    paths = options.paths or [os.curdir]
    for path in paths:
        if not os.path.exists(path):
            raise UsageError(f"{path!r} does not exist; give files or directories to scan")
    found = _find_config(os.getcwd())
    config_path, values = found if found is not None else (None, {})
    target = options.target or _config_target(values, config_path) or "3.12"
    allowed = _allowed(values, config_path, options.allow)
    scanner = Scanner(target)
    if options.format == "json":
        return _json(scanner, paths, allowed, config_path)
    return _text(scanner, paths, allowed)


def _scan(
    scanner: Scanner, paths: Iterable[str]
) -> Iterable[tuple[str, list[Use] | None, str | None]]:
    """(file, its uses or None, why it was not scanned or None), file by file."""
    seen: set[str] = set()
    for path in paths:
        for file in python_files(path):
            shown = os.path.normpath(file)
            if shown in seen:
                continue
            seen.add(shown)
            try:
                yield shown, scanner.file(file), None
            except ScanError as error:
                yield shown, None, str(error)


def _text(scanner: Scanner, paths: Sequence[str], allowed: frozenset[str]) -> int:
    files = with_uses = uses = hidden = failed = 0
    for file, found, problem in _scan(scanner, paths):
        if found is None:
            failed += 1
            print(f"{file}: not scanned: {problem}", file=sys.stderr)
            continue
        files += 1
        shown = [use for use in found if use.entry.id not in allowed]
        hidden += len(found) - len(shown)
        uses += len(shown)
        with_uses += bool(shown)
        for use in shown:
            entry = use.entry
            print(
                f"{file}:{use.line}:{use.col}  {entry.id}  {entry.kind}  "
                f"{entry.removed_in}  {entry.replacement}"
            )
    print(_summary(scanner.target, files, with_uses, uses, hidden, failed))
    return EXIT_FOUND if uses else EXIT_CLEAN


def _summary(target: str, files: int, with_uses: int, uses: int, hidden: int, failed: int) -> str:
    def count(number: int, what: str) -> str:
        return f"{number} {what}{'' if number == 1 else 's'}"

    if uses:
        text = f"{count(uses, 'use')} of removed APIs (target Python {target}) in "
        text += f"{with_uses} of {count(files, 'file')}"
    else:
        text = f"No uses of removed APIs (target Python {target}) in {count(files, 'file')}"
    if hidden:
        text += f"; {count(hidden, 'allowed use')} not shown"
    if failed:
        text += f"; {count(failed, 'file')} not scanned"
    return text + "."


def _json(
    scanner: Scanner, paths: Sequence[str], allowed: frozenset[str], config_path: str | None
) -> int:
    uses: list[dict[str, object]] = []
    errors: list[dict[str, object]] = []
    files = 0
    for file, found, problem in _scan(scanner, paths):
        if found is None:
            errors.append({"path": file, "message": problem})
            continue
        files += 1
        uses.extend(_use_record(file, use, use.entry.id in allowed) for use in found)
    document = {
        "version": JSON_VERSION,
        "target": scanner.target,
        "config": config_path,
        "files_scanned": files,
        "uses": uses,
        "errors": errors,
    }
    print(json.dumps(document, indent=2))
    return EXIT_FOUND if any(not use["allowed"] for use in uses) else EXIT_CLEAN


def _use_record(file: str, use: Use, allowed: bool) -> dict[str, object]:
    entry = use.entry
    return {
        "path": file,
        "line": use.line,
        "col": use.col,
        "id": entry.id,
        "name": entry.name,
        "kind": entry.kind,
        "removed_in": entry.removed_in,
        "replacement": entry.replacement,
        "doc_url": entry.doc_url,
        "allowed": allowed,
    }


# The pytest configuration.


def _find_config(start: str) -> tuple[str, dict[str, object]] | None:
    """The pytest configuration that applies in ``start``: (file, its pytest settings),
    the file relative to ``start``.

    Like pytest, look in ``start`` and then in each parent folder for the files of
    :data:`CONFIG_FILES`; the first one that holds pytest settings wins (``pytest.ini`` and
    ``pytest.toml`` always do, even when empty).
    """
    folder = os.path.abspath(start)
    while True:
        for name in CONFIG_FILES:
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                shown = os.path.relpath(path, start)  # the same drive: it is above start
                values = _read_config(path, name, shown)
                if values is not None:
                    return shown, values
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _read_config(path: str, name: str, shown: str) -> dict[str, object] | None:
    try:
        if name.endswith(".toml"):
            return _read_toml(path, name)
        return _read_ini(path, name)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise UsageError(f"cannot read the pytest configuration in {shown}: {error}") from None


def _read_toml(path: str, name: str) -> dict[str, object] | None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - pytest depends on tomli before 3.11
        import tomli as tomllib

    with open(path, "rb") as stream:
        document = tomllib.load(stream)  # TOMLDecodeError is a ValueError
    if name != "pyproject.toml":
        return dict(document.get("pytest", {}))
    table = document.get("tool", {}).get("pytest", {})
    if "ini_options" in table:
        return dict(table["ini_options"])
    return dict(table) or None


def _read_ini(path: str, name: str) -> dict[str, object] | None:
    import iniconfig

    try:
        parsed = iniconfig.IniConfig(path)
    except iniconfig.ParseError as error:
        raise ValueError(str(error)) from None
    section = "tool:pytest" if name == "setup.cfg" else "pytest"
    if section in parsed:
        return dict(parsed[section].items())
    return {} if name.endswith("pytest.ini") else None


def _config_target(values: dict[str, object], config_path: str | None) -> str | None:
    value = values.get("removed_apis_target")
    if value is None:
        return None
    if value not in RELEASES:
        raise UsageError(
            f"removed_apis_target = {value!r} in {config_path} is not valid; use one of: "
            + ", ".join(RELEASES)
        )
    return str(value)


def _allowed(
    values: dict[str, object], config_path: str | None, given: list[str]
) -> frozenset[str]:
    """The ids of the entries allowed by ``removed_apis_allow`` and ``--allow``."""
    configured = _lines(values.get("removed_apis_allow", []), config_path)
    if not configured and not given:
        return frozenset()
    # settings imports pytest, which a scan without an allow list does not need.
    from pytest_removed_apis.settings import SettingsError, resolve_selectors

    try:
        return resolve_selectors(
            configured, f"removed_apis_allow in {config_path}"
        ) | resolve_selectors(given, "--allow")
    except SettingsError as error:
        raise UsageError(str(error)) from None


def _lines(value: object, config_path: str | None) -> list[str]:
    """A ``linelist`` ini value: one item per line of a string, or the items of a list."""
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [item.strip() for item in value if item.strip()]
    raise UsageError(f"removed_apis_allow in {config_path} must be a string or a list of strings")


if __name__ == "__main__":
    sys.exit(main())
