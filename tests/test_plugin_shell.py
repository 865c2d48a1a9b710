from __future__ import annotations

import builtins
import re
import sys

import pytest

from pytest_removed_apis import CATALOG, RELEASES
from pytest_removed_apis.catalog import version_tuple


def test_header_names_catalog_size_and_mode(project):
    project.makepyfile("def test_ok(): pass")
    result = project.runpytest()
    result.assert_outcomes(passed=1)
    per_release = ", ".join(
        f"{sum(e.removed_in == r for e in CATALOG)} removed in {r}" for r in RELEASES
    )
    running = "{}.{}".format(*sys.version_info)
    later = [release for release in RELEASES if version_tuple(release) > sys.version_info[:2]]
    if later:
        state = (
            f"mode: fail, target: Python {later[0]} "
            f"(the next release after Python {running} with catalogued removals)"
        )
    else:
        state = f"nothing to find: every catalogued API is already gone from Python {running}"
    result.stdout.fnmatch_lines(
        [f"removed-apis: catalog of {len(CATALOG)} APIs ({per_release}); {state}"]
    )


def test_plugin_can_be_switched_off_by_its_entry_point_name(pytester):
    pytester.makepyfile("def test_ok(): pass")
    result = pytester.runpytest("-p", "no:removed_apis")
    result.assert_outcomes(passed=1)
    result.stdout.no_fnmatch_line("removed-apis:*")


def test_marker_is_documented_by_pytest_markers(project):
    result = project.runpytest("--markers")
    assert result.ret == 0
    result.stdout.fnmatch_lines(["@pytest.mark.allow_removed(*apis): allow uses of removed*"])


def test_marker_is_registered_for_strict_markers(project):
    project.makepyfile(
        """
        import pytest

        @pytest.mark.allow_removed("imp")
        def test_marked():
            pass
        """
    )
    project.runpytest("--strict-markers").assert_outcomes(passed=1)


def test_option_group_is_listed_in_help(project):
    result = project.runpytest("--help")
    result.stdout.fnmatch_lines(
        ["removed standard-library APIs (pytest-removed-apis):", "  --removed-apis-catalog*"]
    )


def test_catalog_option_lists_every_entry_and_exits(project):
    project.makepyfile("def test_never_run(): raise AssertionError")
    result = project.runpytest("--removed-apis-catalog")
    assert result.ret == 0
    result.stdout.no_fnmatch_line("*test_never_run*")
    for release in RELEASES:
        count = sum(entry.removed_in == release for entry in CATALOG)
        result.stdout.fnmatch_lines([f"removed in Python {release} ({count} APIs)"])
    listed = [line.split()[0] for line in result.outlines if re.match(r"  \S", line)]
    assert sorted(listed) == sorted(entry.id for entry in CATALOG)


@pytest.mark.parametrize("entry", CATALOG[:1], ids=lambda e: e.id)
def test_catalog_option_shows_replacement_and_link(project, entry):
    result = project.runpytest("--removed-apis-catalog")
    result.stdout.fnmatch_lines(
        [
            f"  {entry.id}  [[]{entry.kind}, deprecated in {entry.deprecated_in}[]]",
            f"      use instead: {entry.replacement}",
            f"      docs: {entry.doc_url}",
        ]
    )


def test_version_comes_from_the_installed_metadata():
    from importlib.metadata import version

    import pytest_removed_apis

    assert pytest_removed_apis.__version__ == version("pytest-removed-apis")


def test_unknown_package_attribute_raises_attribute_error():
    import pytest_removed_apis

    with pytest.raises(AttributeError, match="no attribute 'missing'"):
        pytest_removed_apis.missing  # noqa: B018


_LOADERS = """
import sys

def test_loaders():
    names = [name for name in sys.modules if name.startswith("pytest_removed_apis")]
    loaders = {name: type(sys.modules[name].__spec__.loader).__name__ for name in names}
    print("LOADERS", sorted(loaders.items()))
    del loaders["pytest_removed_apis"]
    assert len(loaders) > 5 and set(loaders.values()) == {"SourceFileLoader"}, loaders
"""


@pytest.mark.parametrize(
    ("args", "package_loader"),
    [
        ((), "AssertionRewritingHook"),  # the entry point: pytest marks the whole package
        (("-p", "pytest_removed_apis.plugin"), "SourceFileLoader"),  # only that module
    ],
    ids=["entry-point", "-p"],
)
def test_pytest_rewrites_no_module_of_the_plugin_but_the_package_itself(
    pytester, monkeypatch, args, package_loader
):
    # pytest loads a rewritten module with marshal.load on the open file, several times
    # slower than an import; the package's __init__ takes the rest off pytest's marks.
    if args:
        monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makepyfile(_LOADERS)
    result = pytester.runpytest_subprocess("-s", *args)
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines([f"*('pytest_removed_apis', '{package_loader}')*"])


def test_the_package_takes_only_its_own_names_off_the_rewriting_hooks():
    from _pytest.assertion.rewrite import AssertionRewritingHook

    from pytest_removed_apis import _import_plainly

    bare = object.__new__(AssertionRewritingHook)  # no marks at all
    _import_plainly([bare, object()])
    assert not hasattr(bare, "_must_rewrite")

    hook = object.__new__(AssertionRewritingHook)
    hook._must_rewrite = {"pytest_removed_apis", "pytest_removed_apis.plugin", "other"}
    hook._marked_for_rewrite_cache = {"pytest_removed_apis": True}
    _import_plainly([hook])
    assert hook._must_rewrite == {"other"}
    assert hook._marked_for_rewrite_cache == {}


@pytest.mark.parametrize("option", ["--removed-apis-catalog", "--version"])
def test_a_run_that_ends_before_configuration_leaves_nothing_installed(project, option):
    before = (builtins.__import__, list(sys.meta_path), dict(sys.modules))
    project.runpytest(option, "--simulate-312")
    assert (builtins.__import__, list(sys.meta_path), dict(sys.modules)) == before


@pytest.mark.parametrize("simulate", [(), ("--simulate-312",)], ids=["default", "simulated"])
def test_a_module_warning_about_its_own_import_keeps_its_place_in_the_warnings_summary(
    project, simulate
):
    """``stacklevel=2`` points at the import statement, not at the plugin's import hook."""
    project.makepyfile(
        oldstuff="import warnings\nwarnings.warn('oldstuff is old', UserWarning, stacklevel=2)\n",
        test_w="import oldstuff\n\ndef test_x():\n    pass\n",
    )
    result = project.runpytest_subprocess(*simulate)
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["test_w.py:1", "*test_w.py:1: UserWarning: oldstuff is old"])
    result.stdout.no_fnmatch_line("*pytest_removed_apis*")
