"""The generated catalog page must match the catalog."""

from __future__ import annotations

import importlib.util
import pathlib

TOOLS = pathlib.Path(__file__).resolve().parent.parent / "tools"


def load_renderer():
    spec = importlib.util.spec_from_file_location(
        "render_catalog_docs", TOOLS / "render_catalog_docs.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_catalog_page_is_up_to_date():
    renderer = load_renderer()
    assert renderer.PAGE.read_text(encoding="utf-8") == renderer.render(), (
        "docs/catalog.rst is stale: run python tools/render_catalog_docs.py"
    )


def test_catalog_page_lists_every_entry():
    from pytest_removed_apis import CATALOG

    page = load_renderer().render()
    for entry in CATALOG:
        assert f"``{entry.id}``" in page
