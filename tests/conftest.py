from __future__ import annotations

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
