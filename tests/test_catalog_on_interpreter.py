"""Every catalog entry, checked on the interpreter running the tests.

Before its removal an API must be present and usable, and warn exactly as the catalog says;
from the release that removed it on, using it must fail the way that release fails.  Each
check runs its trigger snippet in a fresh, isolated interpreter (``-I -S``: no
site-packages, so setuptools' own ``distutils`` cannot stand in for the standard library's,
and no warning filters or earlier imports of the test process leak in).
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys

import pytest
from catalog_triggers import TRIGGERS

from pytest_removed_apis.catalog import CATALOG, Entry, version_tuple

RUNNING = sys.version_info[:2]
PLATFORM = {"win32": "windows", "darwin": "macos"}.get(sys.platform, "unix")
DEPRECATIONS = ("DeprecationWarning", "PendingDeprecationWarning")
# Triggers that stand in for the platform themselves (webbrowser.MacOSX fakes sys.platform).
EMULATED_PLATFORMS = {"webbrowser.MacOSX"}

_PROBE = r"""
import io, json, sys, warnings
code = sys.stdin.read()
result = {"raised": None, "message": "", "warnings": []}
report, sys.stdout = sys.stdout, io.StringIO()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    try:
        exec(compile(code, "<trigger>", "exec"), {"__name__": "__trigger__"})
    except Exception as exc:
        result["raised"] = type(exc).__name__
        result["message"] = str(exc)
result["warnings"] = [[w.category.__name__, str(w.message)] for w in caught]
report.write(json.dumps(result))
"""


def run_trigger(code: str) -> dict:
    completed = subprocess.run(
        [sys.executable, "-I", "-S", "-c", _PROBE],
        input=code,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(completed.stdout)


def deprecation_messages(result: dict) -> list[str]:
    return [message for category, message in result["warnings"] if category in DEPRECATIONS]


# Left out of some builds, never removed: Debian packages tkinter (and what needs it) apart.
NOT_IN_EVERY_BUILD = frozenset({"tkinter", "turtle", "idlelib", "turtledemo"})


def skip_reason(entry: Entry) -> str | None:
    top = entry.module.partition(".")[0]
    if top in NOT_IN_EVERY_BUILD and importlib.util.find_spec("tkinter") is None:
        return f"{top} needs tkinter, which is not part of this build of Python"
    emulated = entry.id in EMULATED_PLATFORMS
    if entry.availability and entry.availability != PLATFORM and not emulated:
        return f"{entry.id} exists only on {entry.availability}"
    if entry.added_in and RUNNING < version_tuple(entry.added_in):
        return f"{entry.id} was added in {entry.added_in}"
    return None


def test_every_entry_has_a_trigger_and_every_trigger_an_entry():
    assert sorted(TRIGGERS) == [entry.id for entry in CATALOG]


@pytest.mark.parametrize("entry", CATALOG, ids=lambda entry: entry.id)
def test_entry_matches_the_running_interpreter(entry):
    reason = skip_reason(entry)
    if reason:
        pytest.skip(reason)
    trigger = TRIGGERS[entry.id]
    result = run_trigger(trigger.code)
    label = ".".join(map(str, RUNNING))
    if RUNNING >= entry.removed_version:
        if entry.raises is not None and entry.raises != "re.error":
            assert entry.raises == trigger.gone, entry.raises
        if entry.kind != "module" and importlib.util.find_spec(entry.module) is None:
            # A later release removed the whole module (3.15's sre_parse): its import fails.
            assert result["raised"] == "ModuleNotFoundError", result
            return
        assert result["raised"] == trigger.gone, (
            f"{entry.id} is removed in {entry.removed_in}, so on {label} its use must raise "
            f"{trigger.gone}; got {result}"
        )
        return
    assert result["raised"] is None, f"{entry.id} must still work on {label}; got {result}"
    messages = deprecation_messages(result)
    if entry.warning is None:
        assert messages == [], f"{entry.id} is catalogued as silent but warned: {messages}"
        return
    matching = [message for message in messages if re.match(entry.warning, message)]
    assert entry.warns_from is not None
    if RUNNING >= version_tuple(entry.warns_from):
        assert matching, f"{entry.id} must warn on {label}; warnings seen: {messages}"
    else:
        assert matching == [], f"{entry.id} warns only from {entry.warns_from}: {matching}"
