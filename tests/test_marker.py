"""Exemptions: @pytest.mark.allow_removed and the removed_apis_allow ini option."""

from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="the 3.12 removals are already gone on this interpreter"
)

TWO_APIS = """
import locale, pytest, unittest

{marker}
def test_two():
    locale.format("%d", 1)
    unittest.TestCase("run").assertEquals(1, 1)
"""


def statuses(reprec, name):
    return {f["api"]: f["status"] for f in reprec.matchreport(name).removed_apis}


def test_marker_without_arguments_allows_every_api_and_still_records_it(project):
    project.makepyfile(test_m=TWO_APIS.format(marker="@pytest.mark.allow_removed"))
    reprec = project.inline_run()
    reprec.assertoutcome(passed=1)
    assert statuses(reprec, "test_two") == {
        "locale.format": "allowed",
        "unittest.TestCase.assertEquals": "allowed",
    }


@pytest.mark.parametrize(
    "selector",
    ["locale.format", "locale", "function"],
    ids=["catalog-id", "module-prefix", "kind"],
)
def test_marker_with_arguments_allows_only_those(project, selector):
    project.makepyfile(test_m=TWO_APIS.format(marker=f"@pytest.mark.allow_removed({selector!r})"))
    reprec = project.inline_run()
    reprec.assertoutcome(failed=1)
    assert statuses(reprec, "test_two") == {
        "locale.format": "allowed",
        "unittest.TestCase.assertEquals": "fail",
    }


def test_marker_on_a_class_and_on_a_module_applies_to_all_their_tests(project):
    project.makepyfile(
        test_m="""
        import locale, pytest

        pytestmark = pytest.mark.allow_removed("locale.format")

        def test_module_level():
            locale.format("%d", 1)

        @pytest.mark.allow_removed("unittest")
        class TestGroup:
            def test_in_class(self):
                import unittest
                unittest.TestCase("run").assertEquals(1, 1)
                locale.format("%d", 1)
        """
    )
    project.inline_run().assertoutcome(passed=2)


def test_unknown_name_in_a_marker_is_a_usage_error_with_suggestions(project):
    project.makepyfile(
        test_m="""
        import pytest

        @pytest.mark.allow_removed("unittest.TestCase.assertEqual")
        def test_x():
            pass
        """
    )
    result = project.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: 'unittest.TestCase.assertEqual' in @pytest.mark.allow_removed on "
            "test_m.py::test_x is not a catalogued removed API, module or kind; did you mean "
            "'unittest.TestCase.assertEquals'*"
        ]
    )


def test_ini_allow_list_applies_project_wide(project):
    project.makefile(
        ".ini",
        pytest="[pytest]\naddopts = -p removed_apis\nremoved_apis_allow =\n    locale.format\n",
    )
    project.makepyfile(test_m=TWO_APIS.format(marker=""))
    reprec = project.inline_run()
    assert statuses(reprec, "test_two")["locale.format"] == "allowed"


def test_ini_allow_list_covers_collection_time_uses(project):
    project.makefile(
        ".ini",
        pytest="[pytest]\naddopts = -p removed_apis\nremoved_apis_allow = configparser\n",
    )
    project.makepyfile(
        test_m="""
        import configparser
        PARSER = configparser.SafeConfigParser()

        def test_ok():
            pass
        """
    )
    project.runpytest().assert_outcomes(passed=1)


def test_unknown_name_in_the_ini_file_is_a_usage_error(project):
    project.makefile(
        ".ini", pytest="[pytest]\naddopts = -p removed_apis\nremoved_apis_allow = lcoale.format\n"
    )
    result = project.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: 'lcoale.format' in removed_apis_allow in the configuration file is not a "
            "catalogued removed API*did you mean 'locale.format'*"
        ]
    )


def test_command_line_allow_adds_to_the_ini_list(project):
    project.makepyfile(test_m=TWO_APIS.format(marker=""))
    reprec = project.inline_run("--removed-apis-allow=locale", "--removed-apis-allow=alias")
    reprec.assertoutcome(passed=1)
