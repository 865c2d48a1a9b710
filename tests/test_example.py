"""The bundled example under the plugin, in default mode and under ``--simulate-312``,
fails exactly where real CPython 3.12 fails.

The failing tests below come from running ``examples/legacy_project`` on real CPython
3.12.1 in a virtualenv without setuptools (its README has the whole table).  Here it runs
under the plugin with ``SETUPTOOLS_USE_DISTUTILS=stdlib``, so setuptools' own distutils
(which 3.12 would have only with setuptools installed) does not stand in for the standard
library's.
"""

from __future__ import annotations

import sys

import pytest

FAILS_ON_312 = {
    "tests/test_catalog_unittest.py::CatalogTests::test_item_in_stock",
    "tests/test_catalog_unittest.py::CatalogTests::test_sku_format",
    "tests/test_catalog_unittest.py::CatalogTests::test_sku_is_normalised",
    "tests/test_config.py::test_load_settings_from_text",
    "tests/test_config.py::test_load_settings_file",
    "tests/test_formatting.py::test_format_price",
    "tests/test_versioning.py::test_parse_flag",
    "tests/test_versioning.py::test_needs_migration",
    "tests/test_versioning.py::test_package_version_is_recent",
    "tests/test_virtual.py::test_import_rules",
    "tests/test_imp_compat.py",  # collection error: imports imp at top level
    "tests/test_server.py",  # collection error: its package module imports asynchat
}


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the plugin's work is before 3.12")
@pytest.mark.parametrize("mode", [(), ("--simulate-312",)], ids=["default mode", "simulated"])
def test_example_fails_exactly_where_real_312_fails(example, mode):
    result = example.runpytest_subprocess(
        "-p",
        "removed_apis",
        "-p",
        "no:cacheprovider",
        "--continue-on-collection-errors",
        "-rA",
        *mode,
    )
    failing = {
        line.split()[1]
        for line in result.outlines
        if line.startswith(("REMOVED-API ", "FAILED ", "ERROR "))
    }
    passing = {line.split()[1] for line in result.outlines if line.startswith("PASSED ")}
    assert failing == FAILS_ON_312
    assert len(passing) == 13
