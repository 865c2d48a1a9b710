"""Options, ini keys and markers resolved into one frozen ``Settings``; the stash keys."""

from __future__ import annotations

import collections.abc
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Iterable, Literal, Sequence

import pytest

from pytest_removed_apis.catalog import (
    CATALOG,
    KINDS,
    RELEASES,
    Entry,
    added_entry_problem,
    version_tuple,
)

if TYPE_CHECKING:
    from pluggy import HookImpl

Mode = Literal["fail", "report", "off"]
MODES: Final[tuple[Mode, ...]] = ("fail", "report", "off")
ThirdParty = Literal["fail", "report"]
THIRD_PARTY: Final[tuple[ThirdParty, ...]] = ("fail", "report")

MODE_HELP: Final = (
    "what to do with a use of a removed API: fail the test (default), only report it, or "
    "turn detection off."
)
TARGET_HELP: Final = (
    "the release you are moving to (default: the release after the running one, 3.12 at the "
    "earliest). APIs removed by a later release are recorded as upcoming, never failed."
)
ALLOW_HELP: Final = (
    "removed APIs allowed everywhere: catalog ids, dotted names, module prefixes or kinds."
)
THIRD_PARTY_HELP: Final = (
    "whether a use inside an installed third-party distribution fails the test (default) "
    "or is only reported."
)


SIMULATE_HELP: Final = (
    "run every test (and collection) under a simulated Python X.Y: its removed modules, "
    "names, parameters and behaviours gone, sys.version_info as the project's code sees it "
    "set to X.Y."
)
REPORT_HELP: Final = (
    "write the findings of the run as JSON to this path (replaced atomically at the end)."
)


class SettingsError(Exception):
    """A bad value: the message says what, where it came from and what would be valid."""


@dataclass(frozen=True)
class Settings:
    """Everything the plugin decides with, resolved once per run."""

    __slots__ = ("mode", "target", "allowed", "third_party", "running", "simulate", "entries")

    mode: Mode
    target: str
    allowed: frozenset[str]
    """Ids of the entries allowed project-wide (ini and command line)."""
    third_party: ThirdParty
    running: tuple[int, int]
    simulate: str | None
    """The release simulated for every test (``--simulate-312``), if any."""
    entries: tuple[Entry, ...]
    """The effective catalog: the catalog and the entries added by hooks, sorted by id."""

    @property
    def simulated_version(self) -> tuple[int, int] | None:
        return None if self.simulate is None else version_tuple(self.simulate)

    @property
    def target_version(self) -> tuple[int, int]:
        return version_tuple(self.target)

    @property
    def nothing_to_find(self) -> bool:
        """No entry exists on the running interpreter: it already is the newest catalogued
        release or newer, and no library's entry was added."""
        return not any(entry.exists_on(self.running) for entry in self.entries)

    def watched(self) -> tuple[Entry, ...]:
        """The entries that still exist on the running interpreter, less those a
        simulation hides (using one fails by itself)."""
        simulated = self.simulated_version
        return tuple(
            entry
            for entry in self.entries
            if entry.exists_on(self.running)
            and (simulated is None or not entry.removed_by(simulated))
        )

    def not_allowed(self) -> list[Entry]:
        """The entries no project-wide allow list exempts: what a simulation hides and the
        static scan looks for."""
        return [entry for entry in self.entries if entry.id not in self.allowed]

    def is_upcoming(self, entry: Entry) -> bool:
        """Removed only after the target release: reported, never failed."""
        return not entry.removed_by(self.target_version)


SETTINGS_KEY: Final = pytest.StashKey[Settings]()


def default_target(running: tuple[int, int]) -> str:
    """The release a project on ``running`` moves to when nothing says which: the next
    release with catalogued removals (3.8 to 3.11: 3.12; 3.12: 3.13; 3.13: 3.14; 3.14:
    3.15), or the newest one catalogued when none is newer than ``running``."""
    later = [release for release in RELEASES if version_tuple(release) > running]
    return later[0] if later else RELEASES[-1]


def _choice(value: str, valid: Sequence[str], option: str, source: str) -> str:
    if value not in valid:
        raise SettingsError(
            f"{option}={value!r} in {source} is not valid; use one of: {', '.join(valid)}"
        )
    return value


def resolve_selectors(
    selectors: Iterable[str],
    source: str,
    entries: Sequence[Entry] = CATALOG,
    *,
    strict: bool = True,
) -> frozenset[str]:
    """The ids of the entries the selectors name; unknown selectors are an error (or, not
    ``strict``, left out).

    A selector is a catalog id, a dotted name, a module prefix (``unittest`` covers
    ``unittest.TestCase.assertEquals``) or a kind (``alias``).
    """
    chosen: set[str] = set()
    for selector in selectors:
        matched = {entry.id for entry in entries if _selects(selector, entry)}
        if not matched and strict:
            raise SettingsError(_unknown(selector, source, entries))
        chosen |= matched
    return frozenset(chosen)


def _selects(selector: str, entry: Entry) -> bool:
    return (
        selector in (entry.id, entry.name, entry.kind)
        or entry.name.startswith(selector + ".")
        or entry.module == selector
    )


def _unknown(selector: str, source: str, entries: Sequence[Entry]) -> str:
    names = sorted({entry.id for entry in entries} | {entry.name for entry in entries})
    import difflib  # only for a usage error: not worth its import time on every run

    close = difflib.get_close_matches(selector, names + list(KINDS), n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(name) for name in close)}?" if close else ""
    return (
        f"{selector!r} in {source} is not a catalogued removed API, module or kind{hint} "
        "(pytest --removed-apis-catalog lists them)"
    )


_ADD_ENTRIES: Final = "pytest_removed_apis_add_entries"


def effective_catalog(config: pytest.Config) -> tuple[Entry, ...]:
    """The catalog with the entries every ``pytest_removed_apis_add_entries``
    implementation returns, sorted by id (the catalog itself when none adds any).

    Each implementation is called here, one by one, so that a bad return is a
    :class:`SettingsError` naming the conftest file or plugin it came from."""
    known = {entry.id for entry in CATALOG}
    added: dict[str, tuple[Entry, str]] = {}
    # get_hookimpls() lists them in reverse order of calls.
    for impl in reversed(config.hook.pytest_removed_apis_add_entries.get_hookimpls()):
        where = f"{_ADD_ENTRIES} in {_source(impl, config.rootpath)}"
        for entry in _returned(impl, config, where):
            problem = added_entry_problem(entry)
            if problem is not None:
                raise SettingsError(f"{where} returned the entry {entry.id!r}: it {problem}")
            if entry.id in known:
                raise SettingsError(
                    f"{where} returned the entry {entry.id!r}, which the catalog already "
                    "has; give an added entry an id of its own (pytest "
                    "--removed-apis-catalog lists the catalog)"
                )
            earlier = added.get(entry.id)
            if earlier is not None:
                also = "more than once" if earlier[1] == where else f"as {earlier[1]} did"
                raise SettingsError(
                    f"{where} returned the entry {entry.id!r} {also}; an id can be added once only"
                )
            added[entry.id] = (entry, where)
    if not added:
        return CATALOG
    return tuple(sorted([*CATALOG, *(entry for entry, _ in added.values())], key=_by_id))


def _by_id(entry: Entry) -> str:
    return entry.id


def _source(impl: HookImpl, rootpath: Path) -> str:
    """The file of a conftest or plugin module (relative to the rootdir when inside it), or
    the name and class of a plugin object."""
    filename = getattr(impl.plugin, "__file__", None)
    if not isinstance(filename, str):
        kind = type(impl.plugin)
        return f"the plugin {impl.plugin_name!r} ({kind.__module__}.{kind.__qualname__})"
    path = Path(filename)
    return str(path.relative_to(rootpath)) if rootpath in path.parents else filename


def _returned(impl: HookImpl, config: pytest.Config, where: str) -> list[Entry]:
    """What one implementation returned, checked to be a sequence of entries."""
    if impl.hookwrapper or impl.wrapper:
        raise SettingsError(
            f"{where} is a hook wrapper; make it a plain hook that returns a list of entries"
        )
    result = impl.function(**{name: config for name in impl.argnames})
    if result is None:
        return []
    if isinstance(result, (str, bytes)) or not isinstance(result, collections.abc.Sequence):
        raise SettingsError(
            f"{where} returned {_shown(result)}; return a list of entries made with "
            "pytest_removed_apis.removed_api(), or None"
        )
    for item in result:
        if not isinstance(item, Entry):
            raise SettingsError(
                f"{where} returned {_shown(item)} among its entries; return only entries "
                "made with pytest_removed_apis.removed_api()"
            )
    return list(result)


def _shown(value: object) -> str:
    import reprlib  # only for a usage error

    return f"{reprlib.repr(value)} (of type {type(value).__name__})"


def from_config(
    config: pytest.Config,
    option: Any = None,
    entries: Sequence[Entry] = CATALOG,
    *,
    early: bool = False,
) -> Settings:
    """Resolve ini values, then the command line over them (``option`` is the parsed command
    line: ``config.option``, or the early config's known arguments before configuration).

    ``entries`` is the effective catalog (:func:`effective_catalog`).  ``early`` settings,
    made before the conftest files can add entries, leave out the allowed names they do
    not know yet: the settings made at configuration judge them."""
    option = config.option if option is None else option
    mode = option.removed_apis_mode or str(config.getini("removed_apis_mode") or "fail")
    mode_source = "the command line" if option.removed_apis_mode else "the configuration file"
    chosen = option.removed_apis_target or str(config.getini("removed_apis_target") or "")
    target = chosen or default_target(sys.version_info[:2])
    target_source = "the command line" if option.removed_apis_target else "the configuration file"
    third = option.removed_apis_third_party or str(
        config.getini("removed_apis_third_party") or "fail"
    )
    third_source = (
        "the command line" if option.removed_apis_third_party else "the configuration file"
    )
    simulate = getattr(option, "removed_apis_simulate", None)
    if simulate is not None:
        _choice(simulate, RELEASES, "--simulate-python", "the command line")
        # The simulated release is the one moved to: what it removed fails.  A target the
        # user chose stays, unless it is older.
        if not chosen or (target in RELEASES and version_tuple(simulate) > version_tuple(target)):
            target = simulate
    ini_source = "removed_apis_allow in the configuration file"
    allowed = resolve_selectors(
        config.getini("removed_apis_allow"), ini_source, entries, strict=not early
    ) | resolve_selectors(
        option.removed_apis_allow or (), "--removed-apis-allow", entries, strict=not early
    )
    return Settings(
        mode=_choice(mode, MODES, "--removed-apis", mode_source),  # type: ignore[arg-type]
        target=_choice(target, RELEASES, "--removed-apis-target", target_source),
        allowed=allowed,
        third_party=_choice(  # type: ignore[arg-type]
            third, THIRD_PARTY, "--removed-apis-third-party", third_source
        ),
        running=sys.version_info[:2],
        simulate=simulate,
        entries=tuple(entries),
    )
