"""Modes, the target release, third-party origins and their bad values."""

from __future__ import annotations

import sys
import textwrap

import pytest

from pytest_removed_apis import RELEASES
from pytest_removed_apis.intercept.classify import Origins

below_312 = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="the 3.12 removals are already gone on this interpreter"
)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--removed-apis=loud"],
            "--removed-apis='loud' in the command line is not valid; "
            "use one of: fail, report, off",
        ),
        (
            ["--removed-apis-target=3.11"],
            "--removed-apis-target='3.11' in the command line is not valid; "
            f"use one of: {', '.join(RELEASES)}",
        ),
        (
            ["--removed-apis-third-party=ignore"],
            "--removed-apis-third-party='ignore' in the command line is not valid; "
            "use one of: fail, report",
        ),
    ],
    ids=["mode", "target", "third-party"],
)
def test_bad_option_values_are_usage_errors_naming_the_valid_ones(project, args, message):
    result = project.runpytest(*args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"ERROR: {message}"])


def test_bad_ini_value_names_the_configuration_file(project):
    project.makefile(
        ".ini", pytest="[pytest]\naddopts = -p removed_apis\nremoved_apis_mode = strict\n"
    )
    result = project.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: --removed-apis='strict' in the configuration file*"])


below_313 = pytest.mark.skipif(
    sys.version_info >= (3, 13), reason="the header says there is nothing to find"
)


@below_313
def test_command_line_mode_wins_over_the_ini_file(project):
    project.makefile(
        ".ini", pytest="[pytest]\naddopts = -p removed_apis\nremoved_apis_mode = off\n"
    )
    project.makepyfile("def test_ok(): pass")
    result = project.runpytest("--removed-apis=report")
    result.stdout.fnmatch_lines(["removed-apis: *mode: report*"])


@below_313
def test_off_mode_says_so_in_the_header(project):
    project.makepyfile("def test_ok(): pass")
    result = project.runpytest("--removed-apis=off")
    result.stdout.fnmatch_lines(["removed-apis: *; mode: off (--removed-apis=off)"])


UPCOMING = """
import locale

def test_resetlocale_exists():
    assert callable(locale.resetlocale)
"""


@below_312
def test_apis_removed_after_the_target_are_upcoming_not_failures(project):
    project.makepyfile(test_up=UPCOMING)
    reprec = project.inline_run()
    reprec.assertoutcome(passed=1)
    [finding] = reprec.matchreport("test_resetlocale_exists").removed_apis
    assert (finding["api"], finding["status"]) == ("locale.resetlocale", "upcoming")


@pytest.mark.skipif(sys.version_info >= (3, 13), reason="locale.resetlocale is gone")
def test_target_313_fails_the_313_removals(project):
    project.makepyfile(test_up=UPCOMING)
    project.inline_run("--removed-apis-target=3.13").assertoutcome(failed=1)


def test_a_chosen_target_stays_when_a_simulation_is_older(project):
    from pytest_removed_apis.settings import SETTINGS_KEY

    targets = []

    class Spy:
        def pytest_configure(self, config):
            targets.append(config.stash[SETTINGS_KEY].target)

    project.makepyfile(test_plain="def test_plain():\n    pass\n")
    project.inline_run("--removed-apis-target=3.13", "--simulate-312", plugins=[Spy()])
    project.inline_run("--simulate-312", plugins=[Spy()])  # no target chosen: the simulated
    assert targets == ["3.13", "3.12"]


def make_distribution(root, name="fakedist", version="1.2"):
    site = root / "lib" / "site-packages"
    package = site / name
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(
        textwrap.dedent(
            """
            import locale

            def render(n):
                return locale.format("%d", n)
            """
        )
    )
    info = site / f"{name}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    (info / "top_level.txt").write_text(f"{name}\n")
    return site


def test_origins_name_the_distribution_that_holds_a_file(tmp_path, monkeypatch):
    site = make_distribution(tmp_path)
    monkeypatch.syspath_prepend(str(site))
    origins = Origins()
    assert origins.of(str(site / "fakedist" / "__init__.py")) == "fakedist 1.2"
    assert origins.of(str(site / "fakedist.py")) == "fakedist 1.2"  # answered from the cache
    assert origins.of(str(tmp_path / "project" / "module.py")) is None


@below_312
@pytest.mark.parametrize(("setting", "outcome"), [("fail", "failed"), ("report", "passed")])
def test_third_party_uses_are_labelled_and_fail_or_are_reported(
    project, monkeypatch, setting, outcome
):
    monkeypatch.syspath_prepend(str(make_distribution(project.path)))
    project.makepyfile(
        test_dist="""
        import fakedist

        def test_render():
            assert fakedist.render(3) == "3"
        """
    )
    result = project.runpytest(f"--removed-apis-third-party={setting}", "-rA")
    result.assert_outcomes(**{outcome: 1})
    if outcome == "failed":
        result.stdout.fnmatch_lines(
            ["*used at *fakedist*__init__.py:5 inside fakedist 1.2 (upgrade it)*"]
        )
