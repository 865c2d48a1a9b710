"""Blind spots: the static uses in the files coverage measured, and whether they ran.

Each test measures code with its own ``coverage.Coverage`` started in this process.  The
suite itself may run under ``coverage run``: starting a second instance pauses the outer
one until it stops, so everything that should count for the outer measurement
(``blind_spots()`` itself) runs after the inner instance stopped.
"""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
import sysconfig
import textwrap

import coverage
import pytest

from pytest_removed_apis.catalog import CATALOG, removed_api
from pytest_removed_apis.report.session import coverage_measuring as measuring
from pytest_removed_apis.scan import Scanner
from pytest_removed_apis.scan.blindspots import (
    StaticUse,
    StaticUses,
    blind_spots,
    from_wire,
    to_wire,
)

ENTRIES = {entry.id: entry for entry in CATALOG}

LEGACY = """\
import functools
import locale
import ssl


def called():
    return lambda: locale.format  # use: called


def never_called():
    return locale.format  # use: never called


def spread_over_lines():
    return register(
        "first",
        lambda: ssl.wrap_socket,  # use: third line of a call that ran
    )


def idle_spread_over_lines():
    return register(
        "first",
        ssl.wrap_socket,  # use: third line of a call that never ran
    )


def register(*args):
    return args


def after_return():
    return 1
    locale.format  # use: after a return


@functools.lru_cache(
    maxsize=len([lambda: locale.format]),  # use: decorator argument
)
def decorated():
    return 1


def excluded():  # pragma: no cover
    return locale.format  # use: in an excluded function


def run_but_excluded():
    return lambda: locale.format  # pragma: no cover


if (
    called() is not None
    and (lambda: ssl.wrap_socket)  # use: condition on the third line of an if
):
    spread_over_lines()
    after_return()
    run_but_excluded()
"""


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def line_of(path, fragment):
    """The number of the one line of the file that holds the fragment."""
    lines = path.read_text(encoding="utf-8").splitlines()
    (number,) = [index for index, line in enumerate(lines, 1) if fragment in line]
    return number


@pytest.fixture
def coverages():
    """Coverage instances and data, erased after the test: erasing closes their in-memory
    databases (an unclosed one is a ResourceWarning from 3.13 on)."""
    made = []
    yield made
    for each in made:
        each.erase()


@pytest.fixture
def new_coverage(coverages):
    def make(**options):
        cov = coverage.Coverage(data_file=None, config_file=False, **options)
        coverages.append(cov)
        return cov

    return make


@pytest.fixture
def measured(new_coverage):
    """A stopped coverage instance that measured running the scripts."""

    def measure(*scripts, **options):
        cov = new_coverage(**options)
        cov.start()
        try:
            for script in scripts:
                runpy.run_path(str(script))
        finally:
            cov.stop()
        return cov

    return measure


def found(uses):
    return [(use.filename, use.line, use.api, use.executed) for use in uses]


@pytest.fixture
def root(tmp_path):
    return tmp_path / "project"


def test_uses_are_executed_when_their_statement_ran(root, measured):
    legacy = write(root / "legacy.py", LEGACY)
    cov = measured(legacy)
    uses = blind_spots(cov, str(root), Scanner())
    expected = [
        ("use: called", "locale.format", True),
        ("use: never called", "locale.format", False),
        ("use: third line of a call that ran", "ssl.wrap_socket", True),
        ("use: third line of a call that never ran", "ssl.wrap_socket", False),
        ("use: after a return", "locale.format", False),
        ("use: decorator argument", "locale.format", True),
        ("use: in an excluded function", "locale.format", False),
        ("return lambda: locale.format  # pragma", "locale.format", False),
        ("use: condition on the third line of an if", "ssl.wrap_socket", True),
    ]
    text = legacy.read_text(encoding="utf-8")
    lines = {fragment: text[: text.index(fragment)].count("\n") + 1 for fragment, _, _ in expected}
    assert found(uses) == sorted(
        ("legacy.py", lines[fragment], api, executed) for fragment, api, executed in expected
    )


def test_a_static_use_carries_the_catalog_entry(root, measured):
    legacy = write(root / "pkg" / "legacy.py", LEGACY)
    cov = measured(legacy)
    first = blind_spots(cov, str(root), Scanner())[0]
    entry = ENTRIES["locale.format"]
    assert first == StaticUse(
        filename=os.path.join("pkg", "legacy.py"),
        line=line_of(legacy, "use: called"),
        col=len("    return lambda: locale.") + 1,  # where the removed name starts
        api="locale.format",
        name=entry.name,
        kind=entry.kind,
        removed_in=entry.removed_in,
        replacement=entry.replacement,
        doc_url=entry.doc_url,
        executed=True,
    )
    with pytest.raises(AttributeError):
        first.extra = 1  # slotted and frozen


def test_a_use_on_a_line_the_tracer_may_not_see_counts_with_its_statement(root, measured):
    """The tracer may never see the line with the name: the statement ran all the same."""
    module = write(
        root / "spread.py",
        """\
        import locale


        def formatter():
            return dict(
                first=1,
                second=lambda: (
                    locale.format
                ),
            )


        formatter()
        """,
    )
    cov = measured(module)
    (use,) = blind_spots(cov, str(root), Scanner())
    assert (use.line, use.executed) == (8, True)


def test_a_line_shared_by_a_header_and_its_body_belongs_to_the_header(root, measured):
    """The condition ran (and stopped short of the use); the body never did."""
    module = write(
        root / "shared.py",
        """\
        import locale


        def check(ok):
            if (ok and
                    (lambda: locale.format)): return 1
            return 0


        check(False)
        """,
    )
    cov = measured(module)
    assert found(blind_spots(cov, str(root), Scanner())) == [
        ("shared.py", 6, "locale.format", True)
    ]


def test_results_are_sorted_by_file_line_column_and_api(root, measured):
    pair = "    return ssl.wrap_socket, locale.format\n"
    write(root / "b.py", "import imp, asyncore\nimport locale, ssl\ndef f():\n" + pair)
    write(root / "a" / "__init__.py", "")  # a package: coverage lists its files
    write(root / "a" / "z.py", "import locale\ndef f():\n    return locale.format\n")
    runner = write(root / "run.py", "import os\n")
    cov = measured(runner, source=[str(root)])
    uses = blind_spots(cov, str(root), Scanner())
    assert [(use.filename, use.line, use.col, use.api) for use in uses] == [
        (os.path.join("a", "z.py"), 3, 19, "locale.format"),
        ("b.py", 1, 1, "asyncore"),  # an import is placed where its statement starts
        ("b.py", 1, 1, "imp"),
        ("b.py", 4, pair.index("wrap_socket") + 1, "ssl.wrap_socket"),
        ("b.py", 4, pair.index("format") + 1, "locale.format"),
    ]


def test_a_measured_file_where_nothing_ran_has_every_use_unexecuted(root, measured):
    """``source`` makes coverage list the files nothing imported, with no lines."""
    runner = write(root / "runner.py", "VALUE = 1\n")
    idle = write(root / "idle.py", "import imp\n\n\ndef f():\n    return imp\n")
    cov = measured(runner, source=[str(root)])
    data = cov.get_data()
    assert data.lines(str(idle)) == []
    assert found(blind_spots(cov, str(root), Scanner())) == [("idle.py", 1, "imp", False)]


def test_files_outside_the_rootdir_are_left_out(root, tmp_path, measured):
    inside = write(root / "legacy.py", "import locale\nlocale_format = lambda: locale.format\n")
    outside = write(tmp_path / "elsewhere" / "legacy.py", inside.read_text())
    cov = measured(inside, outside)
    assert str(outside) in cov.get_data().measured_files()
    assert found(blind_spots(cov, str(root), Scanner())) == [
        ("legacy.py", 2, "locale.format", True)
    ]


def test_the_rootdir_may_be_given_through_a_symbolic_link(root, tmp_path, measured):
    module = write(root / "legacy.py", "import locale\nlocale_format = lambda: locale.format\n")
    link = tmp_path / "link"
    try:
        link.symlink_to(root, target_is_directory=True)
    except OSError:  # pragma: no cover - Windows without the privilege
        pytest.skip("symbolic links cannot be created here")
    cov = measured(module)
    assert found(blind_spots(cov, str(link), Scanner())) == [
        ("legacy.py", 2, "locale.format", True)
    ]


def test_installed_distributions_in_the_rootdir_are_left_out(root, measured):
    """A virtual environment inside the project: its packages are not the project's code."""
    text = "import locale\nlocale_format = lambda: locale.format\n"
    own = write(root / "own.py", text)
    site = write(root / ".venv" / "lib" / "python3" / "site-packages" / "dep.py", text)
    dist = write(root / "usr" / "lib" / "python3" / "dist-packages" / "other.py", text)
    cov = measured(own, site, dist)
    assert {str(site), str(dist)} <= set(cov.get_data().measured_files())
    assert found(blind_spots(cov, str(root), Scanner())) == [("own.py", 2, "locale.format", True)]


class Recorded:
    """Stands in for a coverage instance: data only, no analysis."""

    def __init__(self, data):
        self.data = data

    def get_data(self):
        return self.data

    def analysis2(self, path):
        raise AssertionError(f"{path} should not be analysed")


def test_the_standard_library_is_left_out_even_under_the_rootdir(coverages):
    """An installation inside the project (a conda environment, say)."""
    stdlib = sysconfig.get_paths()["stdlib"]
    path = os.path.join(stdlib, "shutil.py")
    os_module = removed_api("os", "module", removed_in="mylib 2.0", replacement="-", doc_url="-")
    scanner = Scanner(entries=[os_module])
    assert scanner.file(path)  # shutil imports os
    data = coverage.CoverageData(no_disk=True)
    coverages.append(data)
    data.add_lines({path: [1]})
    assert blind_spots(Recorded(data), os.path.dirname(stdlib), scanner) == []


class Unmeasured:
    """Coverage data that lists a file it has no lines for."""

    def __init__(self, path):
        self.path = path

    def measured_files(self):
        return [self.path]

    def lines(self, path):
        assert path == self.path
        return None


def test_a_file_without_lines_is_left_out(root):
    module = write(root / "legacy.py", "import imp\n")
    assert blind_spots(Recorded(Unmeasured(str(module))), str(root), Scanner()) == []


def test_a_file_deleted_since_it_ran_is_left_out(root, measured):
    gone = write(root / "gone.py", "import locale\nlocale_format = lambda: locale.format\n")
    kept = write(root / "kept.py", gone.read_text())
    cov = measured(gone, kept)
    gone.unlink()
    assert found(blind_spots(cov, str(root), Scanner())) == [("kept.py", 2, "locale.format", True)]


def test_a_file_that_no_longer_parses_is_left_out(root, measured):
    broken = write(root / "broken.py", "import locale\nlocale_format = lambda: locale.format\n")
    cov = measured(broken)
    write(broken, "import imp\nlocale_format = lambda: locale.format(\n")
    assert blind_spots(cov, str(root), Scanner()) == []


CHANGED_BEFORE = """\
import os
value = (
    os.sep
)
def f():
    return os.sep
"""
# It parses, but does not compile: coverage cannot analyse it.
CHANGED_AFTER = """\
import locale
value = (
    locale.format
)
def f():
    return locale.format
break
"""


def test_the_lines_that_ran_decide_when_coverage_cannot_analyse_the_file(
    root, measured, new_coverage
):
    """A file that changed since it ran and no longer compiles: the measured lines are
    used as they are."""
    module = write(root / "changed.py", CHANGED_BEFORE)
    cov = measured(module)
    write(module, CHANGED_AFTER)
    assert found(blind_spots(cov, str(root), Scanner())) == [
        ("changed.py", 3, "locale.format", True),
        ("changed.py", 6, "locale.format", False),
    ]
    with pytest.raises(coverage.CoverageException):
        new_coverage().analysis2(str(module))


def test_the_lines_that_ran_decide_when_coverage_analysed_the_file_before(root, measured):
    """coverage 7.6 reports a file it failed to analyse as one without statements the next
    time; later releases fail again."""
    module = write(root / "changed.py", CHANGED_BEFORE)
    cov = measured(module)
    write(module, CHANGED_AFTER)
    with pytest.raises(coverage.CoverageException):
        cov.analysis2(str(module))
    assert found(blind_spots(cov, str(root), Scanner())) == [
        ("changed.py", 3, "locale.format", True),
        ("changed.py", 6, "locale.format", False),
    ]


class Unanalysed:
    """A coverage instance whose analysis finds nothing in any file."""

    def __init__(self, cov):
        self.cov = cov

    def get_data(self):
        return self.cov.get_data()

    def analysis2(self, path):
        return path, [], [], [], ""


def test_an_analysis_without_statements_for_a_file_that_ran_is_not_believed(root, measured):
    module = write(root / "legacy.py", "import locale\nlocale_format = lambda: locale.format\n")
    cov = Unanalysed(measured(module))
    assert found(blind_spots(cov, str(root), Scanner())) == [
        ("legacy.py", 2, "locale.format", True)
    ]


def test_a_file_where_coverage_excludes_everything_has_no_executed_use(root, measured):
    module = write(
        root / "legacy.py",
        """\
        if True:  # pragma: no cover
            import locale
            locale_format = lambda: locale.format
        """,
    )
    cov = measured(module)
    assert found(blind_spots(cov, str(root), Scanner())) == [
        ("legacy.py", 3, "locale.format", False)
    ]


def test_the_scanner_decides_what_counts(root, measured):
    write(root / "legacy.py", "import imp\nimport asyncore\n")
    cov = measured(write(root / "run.py", "VALUE = 1\n"), source=[str(root)])
    assert found(blind_spots(cov, str(root), Scanner())) == [
        ("legacy.py", 1, "imp", False),
        ("legacy.py", 2, "asyncore", False),
    ]
    only_imp = Scanner(entries=[ENTRIES["imp"]])
    assert found(blind_spots(cov, str(root), only_imp)) == [("legacy.py", 1, "imp", False)]


class Unasked:
    """A coverage instance that must not be asked for an analysis."""

    def __init__(self, cov):
        self.cov = cov

    def get_data(self):
        return self.cov.get_data()

    def analysis2(self, path):
        raise AssertionError(f"{path} should not be analysed")


def test_a_file_none_of_whose_uses_ran_is_not_analysed(root, measured):
    module = write(root / "legacy.py", "import locale\n\n\ndef f():\n    return locale.format\n")
    cov = Unasked(measured(module))
    assert found(blind_spots(cov, str(root), Scanner())) == [
        ("legacy.py", 5, "locale.format", False)
    ]


def use(line=1, executed=False, filename="a.py", api="locale.format"):
    entry = ENTRIES[api]
    return StaticUse(
        filename, line, 5, api, entry.name, entry.kind, entry.removed_in, entry.replacement,
        entry.doc_url, executed,
    )  # fmt: skip


def test_the_wire_format_holds_builtins_only_and_round_trips():
    original = use(executed=True)
    wire = to_wire(original)
    assert {type(value) for value in wire.values()} <= {str, int, bool}
    assert set(wire) == set(StaticUse.__slots__)
    assert from_wire(wire) == original
    del wire["executed"]
    with pytest.raises(KeyError):
        from_wire(wire)


def test_static_uses_of_several_processes_count_once_and_ran_when_any_ran():
    uses = StaticUses()
    assert uses.uses == []
    uses.add([to_wire(use(2, executed=True)), to_wire(use(1)), to_wire(use(3, executed=True))])
    uses.add([to_wire(use(2)), to_wire(use(1, executed=True)), to_wire(use(1))])
    uses.add([to_wire(use(1, filename="0.py"))])
    assert [(u.filename, u.line, u.executed) for u in uses.uses] == [
        ("0.py", 1, False),
        ("a.py", 1, True),
        ("a.py", 2, True),
        ("a.py", 3, True),
    ]


def test_measuring_is_the_coverage_started_last(new_coverage):
    before = coverage.Coverage.current()
    cov = new_coverage()
    cov.start()
    try:
        during = measuring()
    finally:
        cov.stop()
    assert during is cov
    assert measuring() is before


def test_measuring_is_none_without_coverage(monkeypatch):
    monkeypatch.delitem(sys.modules, "coverage")  # never imported
    assert measuring() is None


def test_measuring_is_none_when_nothing_measures_and_the_plugin_does_not_import_coverage(
    tmp_path,
):
    # A .pth file (coverage's or pytest-cov's) may import coverage when Python starts:
    # what counts is that the plugin adds nothing, nor imports the blind-spot scan.
    code = (
        "import sys\n"
        "before = 'coverage' in sys.modules\n"
        "from pytest_removed_apis import plugin\n"
        "from pytest_removed_apis.report import session\n"
        "print(before or 'coverage' not in sys.modules)\n"
        "print(session.coverage_measuring(), plugin.__name__ != '')\n"
        "print('pytest_removed_apis.scan.blindspots' in sys.modules)\n"
    )
    environ = {
        name: value for name, value in os.environ.items() if not name.startswith("COVERAGE_")
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=str(tmp_path),
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["True", "None", "True", "False"]
