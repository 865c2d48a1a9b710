"""Options, ini keys and markers resolved into one frozen ``Settings``; the stash keys."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any, Final, Iterable, Literal, Sequence

import pytest

from pytest_removed_apis.catalog import CATALOG, KINDS, RELEASES, Entry, version_tuple

Mode = Literal["fail", "report", "off"]
MODES: Final[tuple[Mode, ...]] = ("fail", "report", "off")
ThirdParty = Literal["fail", "report"]
THIRD_PARTY: Final[tuple[ThirdParty, ...]] = ("fail", "report")

MODE_HELP: Final = (
    "what to do with a use of a removed API: fail the test (default), only report it, or "
    "turn detection off."
)
TARGET_HELP: Final = (
    "the release you are moving to (default 3.12). APIs removed by a later release are "
    "recorded as upcoming, never failed."
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


class SettingsError(Exception):
    """A bad value: the message says what, where it came from and what would be valid."""


@dataclass(frozen=True)
class Settings:
    """Everything the plugin decides with, resolved once per run."""

    __slots__ = ("mode", "target", "allowed", "third_party", "running", "simulate")

    mode: Mode
    target: str
    allowed: frozenset[str]
    """Ids of the entries allowed project-wide (ini and command line)."""
    third_party: ThirdParty
    running: tuple[int, int]
    simulate: str | None
    """The release simulated for every test (``--simulate-312``), if any."""

    @property
    def simulated_version(self) -> tuple[int, int] | None:
        return None if self.simulate is None else version_tuple(self.simulate)

    @property
    def target_version(self) -> tuple[int, int]:
        return version_tuple(self.target)

    @property
    def nothing_to_find(self) -> bool:
        """The running interpreter already is the newest catalogued release or newer."""
        return self.running >= version_tuple(RELEASES[-1])

    def watched(self) -> tuple[Entry, ...]:
        """The entries that still exist on the running interpreter, less those a
        simulation hides (using one fails by itself)."""
        floor = max(self.running, self.simulated_version or self.running)
        return tuple(entry for entry in CATALOG if entry.removed_version > floor)

    def is_upcoming(self, entry: Entry) -> bool:
        """Removed only after the target release: reported, never failed."""
        return entry.removed_version > self.target_version


SETTINGS_KEY: Final = pytest.StashKey[Settings]()


def _choice(value: str, valid: Sequence[str], option: str, source: str) -> str:
    if value not in valid:
        raise SettingsError(
            f"{option}={value!r} in {source} is not valid; use one of: {', '.join(valid)}"
        )
    return value


def resolve_selectors(selectors: Iterable[str], source: str) -> frozenset[str]:
    """The ids of the entries the selectors name; unknown selectors are an error.

    A selector is a catalog id, a dotted name, a module prefix (``unittest`` covers
    ``unittest.TestCase.assertEquals``) or a kind (``alias``).
    """
    chosen: set[str] = set()
    for selector in selectors:
        matched = {entry.id for entry in CATALOG if _selects(selector, entry)}
        if not matched:
            raise SettingsError(_unknown(selector, source))
        chosen |= matched
    return frozenset(chosen)


def _selects(selector: str, entry: Entry) -> bool:
    return (
        selector in (entry.id, entry.name, entry.kind)
        or entry.name.startswith(selector + ".")
        or entry.module == selector
    )


def _unknown(selector: str, source: str) -> str:
    names = sorted({entry.id for entry in CATALOG} | {entry.name for entry in CATALOG})
    import difflib  # only for a usage error: not worth its import time on every run

    close = difflib.get_close_matches(selector, names + list(KINDS), n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(name) for name in close)}?" if close else ""
    return (
        f"{selector!r} in {source} is not a catalogued removed API, module or kind{hint} "
        "(pytest --removed-apis-catalog lists them)"
    )


def from_config(config: pytest.Config, option: Any = None) -> Settings:
    """Resolve ini values, then the command line over them (``option`` is the parsed command
    line: ``config.option``, or the early config's known arguments before configuration)."""
    option = config.option if option is None else option
    mode = option.removed_apis_mode or str(config.getini("removed_apis_mode") or "fail")
    mode_source = "the command line" if option.removed_apis_mode else "the configuration file"
    target = option.removed_apis_target or str(config.getini("removed_apis_target") or "3.12")
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
        # The simulated release is the one moved to: what it removed fails.
        if target in RELEASES and version_tuple(simulate) > version_tuple(target):
            target = simulate
    allowed = resolve_selectors(
        config.getini("removed_apis_allow"), "removed_apis_allow in the configuration file"
    ) | resolve_selectors(option.removed_apis_allow or (), "--removed-apis-allow")
    return Settings(
        mode=_choice(mode, MODES, "--removed-apis", mode_source),  # type: ignore[arg-type]
        target=_choice(target, RELEASES, "--removed-apis-target", target_source),
        allowed=allowed,
        third_party=_choice(  # type: ignore[arg-type]
            third, THIRD_PARTY, "--removed-apis-third-party", third_source
        ),
        running=sys.version_info[:2],
        simulate=simulate,
    )
