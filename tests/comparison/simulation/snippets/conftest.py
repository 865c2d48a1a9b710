"""Fixtures shared by the simulation snippets.

This file is project code like the test modules: its imports and version checks run under
the simulated release too, so a fixture can report what the conftest saw at import time.
Nothing here fails on any release: a removed module is imported only with a fallback.
"""

import sys

import pytest

try:
    import imp as _imp_at_conftest_import
except ImportError:
    _imp_at_conftest_import = None

try:
    import telnetlib as _telnetlib_at_conftest_import
except ImportError:
    _telnetlib_at_conftest_import = None

_SAW_312 = sys.version_info >= (3, 12)
_SAW_313 = sys.version_info >= (3, 13)


@pytest.fixture
def conftest_saw():
    """What this conftest saw when it was imported: the version checks and the imports."""
    return {
        "3.12": _SAW_312,
        "3.13": _SAW_313,
        "imp": _imp_at_conftest_import,
        "telnetlib": _telnetlib_at_conftest_import,
    }


@pytest.fixture
def refused_address():
    """A loopback address where nothing listens (TCP port 1): connecting is refused at once."""
    return ("127.0.0.1", 1)


@pytest.fixture
def page_uri(tmp_path):
    """A ``file:`` URI of a small text file, for urlopen() without the network."""
    page = tmp_path / "page.txt"
    page.write_text("content")
    return page.resolve().as_uri()
