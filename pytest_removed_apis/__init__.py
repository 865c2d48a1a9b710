"""Find the tests that will break on newer Pythons because of removed standard-library APIs."""

from __future__ import annotations

import sys
from typing import Iterable


def _import_plainly(finders: Iterable[object]) -> None:
    """Take this package off the names pytest's import hooks rewrite the assertions of.

    pytest marks every package of a plugin's distribution (and each module named by
    ``-p``) for assertion rewriting, and loads a rewritten module from a cache file of its
    own with ``marshal.load`` on the open file, which calls the file's ``readinto`` for
    each object it reads: several times the cost of an ordinary import, some 50 million
    instructions for the modules default mode loads, as much as its work for hundreds of
    tests.  The package has no assertion to rewrite for anyone, so its modules are
    imported as any other from here on.  Nothing else in the hooks changes."""
    rewrite = sys.modules.get("_pytest.assertion.rewrite")
    hook_type = getattr(rewrite, "AssertionRewritingHook", None)
    for finder in finders:
        if not (isinstance(hook_type, type) and isinstance(finder, hook_type)):
            continue
        marks = getattr(finder, "_must_rewrite", None)
        if isinstance(marks, set):  # pytest 8 and 9 alike
            marks -= {mark for mark in marks if mark.partition(".")[0] == __name__}
            getattr(finder, "_marked_for_rewrite_cache", {}).clear()  # as pytest does


_import_plainly(sys.meta_path)  # before the package's own imports

from pytest_removed_apis.catalog import (  # noqa: E402 - after the call above
    CATALOG,
    KINDS,
    RELEASES,
    Entry,
    Kind,
    by_id,
    removed_api,
)
from pytest_removed_apis.findings import Finding  # noqa: E402

__all__ = [
    "CATALOG",
    "KINDS",
    "RELEASES",
    "Entry",
    "Finding",
    "Kind",
    "__version__",
    "by_id",
    "removed_api",
]


def __getattr__(name: str) -> str:
    # The version is read from the installed metadata on first use only: importing
    # importlib.metadata costs more than the whole plugin, and pytest imports us at start.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("pytest-removed-apis")
        except PackageNotFoundError:  # pragma: no cover - only in an unbuilt checkout
            return "0+unknown"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
