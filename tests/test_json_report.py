"""``--removed-apis-report=PATH``: the versioned JSON report, its path checks and its writing."""

from __future__ import annotations

import json
import sys

import pytest

import pytest_removed_apis
from pytest_removed_apis.report import jsonreport
from pytest_removed_apis.settings import default_target

below_312 = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="the 3.12 removals are already gone on this interpreter"
)

TESTS = """
import locale

import pytest

def test_formats():
    assert locale.format("%d", 7) == "7"

@pytest.mark.allow_removed
def test_allowed():
    assert locale.format("%d", 8) == "8"

def test_plain():
    assert True
"""


@below_312
def test_report_holds_run_metadata_verdict_and_every_finding(project):
    project.makepyfile(test_money=TESTS)
    result = project.runpytest("--removed-apis-report=report.json")
    result.assert_outcomes(passed=2, failed=1)
    data = json.loads((project.path / "report.json").read_text())
    assert data["schema"] == "pytest-removed-apis/report"
    assert data["version"] == 1
    run = data["run"]
    assert run["python"] == ".".join(map(str, sys.version_info[:3]))
    assert (run["mode"], run["target"], run["simulated"]) == ("fail", "3.12", None)
    assert run["catalog"]["entries"] >= 160
    assert run["catalog"]["version"] == run["plugin_version"] == pytest_removed_apis.__version__
    assert run["exitstatus"] == 1
    assert data["verdict"]["text"] == (
        "1 test will fail on Python 3.12 because of 1 removed API (1 allowed use)"
    )
    assert data["verdict"]["failing_tests"] == 1
    assert [
        (f["nodeid"], f["phase"], f["api"], f["filename"], f["lineno"], f["status"], f["allowed"])
        for f in data["findings"]
    ] == [
        (
            "test_money.py::test_allowed",
            "call",
            "locale.format",
            "test_money.py",
            10,
            "allowed",
            True,
        ),
        (
            "test_money.py::test_formats",
            "call",
            "locale.format",
            "test_money.py",
            6,
            "fail",
            False,
        ),
    ]
    first = data["findings"][1]
    assert first["kind"] == "function"
    assert (first["deprecated_in"], first["removed_in"]) == ("3.7", "3.12")
    assert first["replacement"] == "Use locale.format_string()."
    assert first["origin"] is None
    assert first["part"] == "fail"
    assert not [path.name for path in project.path.glob(".removed-apis-*")]


def test_report_is_written_when_nothing_was_found(project):
    project.makepyfile(test_plain="def test_plain():\n    assert True\n")
    project.runpytest("--removed-apis-report=report.json").assert_outcomes(passed=1)
    data = json.loads((project.path / "report.json").read_text())
    assert data["findings"] == []
    target = default_target(sys.version_info[:2])  # the release after the running one
    assert data["verdict"]["text"].startswith(f"no test will fail on Python {target}")


def test_ini_path_is_relative_to_the_configuration_file(project, monkeypatch):
    ini = project.makefile(
        ".ini", pytest="[pytest]\naddopts = -p removed_apis\nremoved_apis_report = out.json\n"
    )
    project.makepyfile(test_plain="def test_plain():\n    assert True\n")
    monkeypatch.chdir(project.mkdir("sub"))
    project.runpytest("-c", str(ini), str(project.path)).assert_outcomes(passed=1)
    assert (project.path / "out.json").is_file()
    assert not (project.path / "sub" / "out.json").exists()


def test_command_line_path_wins_over_the_ini_and_is_relative_to_the_invocation(project):
    project.makefile(
        ".ini", pytest="[pytest]\naddopts = -p removed_apis\nremoved_apis_report = ini.json\n"
    )
    project.makepyfile(test_plain="def test_plain():\n    assert True\n")
    project.runpytest("--removed-apis-report=cli.json").assert_outcomes(passed=1)
    assert (project.path / "cli.json").is_file()
    assert not (project.path / "ini.json").exists()


@pytest.mark.parametrize(
    ("path", "problem"),
    [("missing/report.json", "the directory * does not exist"), (".", "it is a directory")],
)
def test_unwritable_path_is_a_usage_error_at_start(project, path, problem):
    project.makepyfile(test_plain="def test_plain():\n    assert True\n")
    result = project.runpytest(f"--removed-apis-report={path}")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            f"ERROR: the JSON report path '{path}' in --removed-apis-report cannot be written: "
            f"{problem}; give a file path in an existing, writable directory"
        ]
    )
    assert "Traceback" not in result.stderr.str()
    result.stdout.no_fnmatch_line("*test_plain*")


def test_ini_path_errors_name_the_configuration_file(project):
    project.makefile(
        ".ini",
        pytest="[pytest]\naddopts = -p removed_apis\nremoved_apis_report = nowhere/r.json\n",
    )
    result = project.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: the JSON report path 'nowhere/r.json' in removed_apis_report in the "
            "configuration file cannot be written: *"
        ]
    )


def test_folder_where_no_file_can_be_created_is_refused(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(jsonreport.tempfile, "NamedTemporaryFile", refuse)
    with pytest.raises(
        jsonreport.ReportPathError, match=r"no file can be created in .*Permission"
    ):
        jsonreport.check_path("r.json", str(tmp_path), "--removed-apis-report")


def test_writing_replaces_the_old_report_in_one_step_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "r.json"
    path.write_text("old")
    path.chmod(0o640)
    jsonreport.write(str(path), {"new": 1})
    assert json.loads(path.read_text()) == {"new": 1}
    assert [item.name for item in tmp_path.iterdir()] == ["r.json"]
    assert path.stat().st_mode & 0o777 == 0o640  # the old report's permissions are kept


def test_a_new_report_gets_the_permissions_of_any_new_file(tmp_path):
    path = tmp_path / "r.json"
    jsonreport.write(str(path), {"new": 1})
    (tmp_path / "plain").write_text("")
    assert path.stat().st_mode & 0o777 == (tmp_path / "plain").stat().st_mode & 0o777


def test_a_failed_write_keeps_the_old_report_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "r.json"
    path.write_text("old")
    with pytest.raises(TypeError):
        jsonreport.write(str(path), {"not json": object()})
    assert path.read_text() == "old"
    assert [item.name for item in tmp_path.iterdir()] == ["r.json"]


def test_a_report_that_cannot_be_written_at_the_end_is_an_error_without_traceback(project):
    folder = project.mkdir("out")
    project.makepyfile(
        test_remove=f"""
        import shutil

        def test_remove_the_report_folder():
            shutil.rmtree({str(folder)!r})
        """
    )
    result = project.runpytest_subprocess("--removed-apis-report=out/report.json")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: the JSON report could not be written to *report.json: *"])
    assert "Traceback" not in result.stderr.str()


def test_static_uses_are_listed_with_whether_they_ran():
    from test_summary import static

    uses = [static("imp", "a.py", 1, executed=False), static("imp", "b.py", 2, executed=True)]
    settings = dict(mode="fail", target="3.12", simulated=None, catalog_entries=1)
    common = dict(settings, added_entries=0, plugin_version="1", exitstatus=0)
    data = jsonreport.document([], static=uses, **common)
    assert data["static_uses"] == [
        {
            "filename": "a.py",
            "line": 1,
            "col": 1,
            "api": "imp",
            "name": "imp",
            "kind": "module",
            "removed_in": "3.12",
            "replacement": uses[0].replacement,
            "doc_url": uses[0].doc_url,
            "executed": False,
        },
        {**data["static_uses"][0], "filename": "b.py", "line": 2, "executed": True},
    ]
    assert data["verdict"]["unexecuted_uses"] == 1
    assert jsonreport.document([], **common)["static_uses"] is None
