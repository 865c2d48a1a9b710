"""Sphinx configuration for the pytest-removed-apis documentation."""

from __future__ import annotations

from importlib.metadata import version as _version

project = "pytest-removed-apis"
author = "The pytest-removed-apis developers"
copyright = "2026, The pytest-removed-apis developers"  # noqa: A001
release = _version("pytest-removed-apis")
version = ".".join(release.split(".")[:2])

extensions = ["sphinx.ext.autodoc"]
autodoc_typehints = "description"
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = f"pytest-removed-apis {release}"
nitpicky = True
# The hook specifications take pytest's config object, documented by pytest itself.
nitpick_ignore = [("py:class", "_pytest.config.Config")]
