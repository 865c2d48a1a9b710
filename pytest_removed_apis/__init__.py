"""Find the tests that will break on newer Pythons because of removed standard-library APIs."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from pytest_removed_apis.catalog import CATALOG, KINDS, RELEASES, Entry, Kind, by_id

try:
    __version__: str = version("pytest-removed-apis")
except PackageNotFoundError:  # pragma: no cover - only when running from an unbuilt checkout
    __version__ = "0+unknown"

__all__ = ["CATALOG", "KINDS", "RELEASES", "Entry", "Kind", "__version__", "by_id"]
