from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

BASELINE_INI = """\
[pytest]
addopts = -p removed_apis -p no:cacheprovider
console_output_style = classic
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A pytester project with a stable ini: classic output and the plugin loaded explicitly."""
    pytester.makefile(".ini", pytest=BASELINE_INI)
    return pytester


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "legacy_project"


@pytest.fixture
def example(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """The bundled example copied into the pytester directory.  ``distutils`` is the
    standard library's (``SETUPTOOLS_USE_DISTUTILS=stdlib``): setuptools' copy, which 3.12
    has only with setuptools installed, does not stand in for it."""
    monkeypatch.setenv("SETUPTOOLS_USE_DISTUTILS", "stdlib")
    for item in EXAMPLE.iterdir():
        if item.name not in (".pytest_cache", "__pycache__"):
            copy = shutil.copytree if item.is_dir() else shutil.copy
            copy(item, pytester.path / item.name)
    return pytester


@pytest.fixture(autouse=True)
def _file_order(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs started by a test keep file order: pytest-randomly, installed for the tests that
    ask for it by name (``-p randomly``), is not loaded on its own.  (After ``pytester``,
    which clears ``PYTEST_ADDOPTS`` when it starts.)"""
    if "pytester" in request.fixturenames:
        request.getfixturevalue("pytester")
    monkeypatch.setenv("PYTEST_ADDOPTS", "-p no:randomly")
