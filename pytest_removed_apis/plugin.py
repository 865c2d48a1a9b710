"""The pytest11 entry point ``removed_apis``: hook implementations, thin wiring only."""

from __future__ import annotations

import pytest

from pytest_removed_apis import catalog, reporting

_GROUP_TITLE = "removed standard-library APIs (pytest-removed-apis)"
_CATALOG_HELP = (
    "show the catalog of removed APIs (id, kind, removal version, replacement) and exit."
)
_MARKER_DOC = (
    "allow_removed(*apis): allow uses of removed APIs in this test; with no arguments every "
    "catalogued API, otherwise only the given catalog ids, dotted names, module prefixes or kinds."
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("removed_apis", _GROUP_TITLE)
    group.addoption(
        "--removed-apis-catalog",
        action="store_true",
        dest="removed_apis_catalog",
        default=False,
        help=_CATALOG_HELP,
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", _MARKER_DOC)


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> int | None:
    if not config.option.removed_apis_catalog:
        return None
    print("\n".join(reporting.catalog_lines(catalog.CATALOG)))
    return 0


def pytest_report_header(config: pytest.Config) -> str:
    return reporting.header_line(catalog.CATALOG)
