"""Find the tests that will break on newer Pythons because of removed standard-library APIs."""

from __future__ import annotations

from pytest_removed_apis.catalog import CATALOG, KINDS, RELEASES, Entry, Kind, by_id, removed_api
from pytest_removed_apis.findings import Finding

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
