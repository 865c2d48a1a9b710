"""The static scan and the test run agree: every use the run sees in the project's code, the
scan finds at the same file and line -- but for the uses the scan cannot see by design
(docs/blind-spots.rst lists them; this module proves the list), and the finder that the
two place differently (docs/scan.rst)."""

from __future__ import annotations

import json
import os
import sys

import pytest

from pytest_removed_apis.scan import Scanner

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="the 3.12 removals are gone on this interpreter"
)

OLD = """\
import imp
from asyncore import dispatcher
"""

USES = """\
import configparser
import ftplib
import importlib
import io
import locale
import random
import sys
import types
import unittest as ut
from configparser import SafeConfigParser as Parser


def money():
    return locale.format("%d", 7)


def parse(text):
    parser = configparser.ConfigParser()
    parser.readfp(io.StringIO(text))
    return parser


def legacy_parser():
    return Parser()


def tls():
    try:
        ftplib.FTP_TLS(keyfile="client.key", certfile="client.pem")
    except OSError:
        pass  # the files do not exist: the keywords were passed all the same


def roll():
    return random.randrange(10.0)


def server():
    return importlib.import_module("smtpd")


def check(case):
    ut.TestCase.failUnless(case, True)


class LegacyFinder:
    def find_module(self, fullname, path=None):
        return self if fullname == "legacy_demo_mod" else None

    def load_module(self, fullname):
        module = types.ModuleType(fullname)
        sys.modules[fullname] = module
        return module


def legacy_import():
    finder = LegacyFinder()
    sys.meta_path.insert(0, finder)
    try:
        import legacy_demo_mod
    finally:
        sys.meta_path.remove(finder)
    return legacy_demo_mod
"""

DYNAMIC = """\
import ftplib
import importlib
import io
import locale
import ssl

FORMAT = "for" + "mat"


def money():
    return getattr(locale, FORMAT)("%d", 7)


def wrapper():
    return getattr(ssl, "wrap" + "_socket")


def load(name):
    return importlib.import_module(name)


def load_builtin():
    return __import__("asyn" + "core")


def read(parser, text):
    parser.readfp(io.StringIO(text))


def tls(**options):
    try:
        ftplib.FTP_TLS(**options)
    except OSError:
        pass
"""

TESTS = """\
import configparser
import unittest

import legacy_app.old
from legacy_app import dynamic, uses


def test_uses():
    assert uses.money() == "7"
    assert uses.parse("[s]\\nk = v\\n").get("s", "k") == "v"
    uses.legacy_parser()
    uses.tls()
    assert uses.roll() in range(10)
    uses.server()
    uses.check(unittest.TestCase())


def test_finder():
    uses.legacy_import()


def test_dynamic():
    assert dynamic.money() == "7"
    dynamic.wrapper()
    dynamic.load("asyn" + "chat")
    dynamic.load_builtin()
    dynamic.read(configparser.ConfigParser(), "[s]\\n")
    dynamic.tls(keyfile="client.key", certfile="client.pem")


class LegacyCase(unittest.TestCase):
    def test_equal(self):
        self.assertEquals(1, 1)


class Derived(LegacyCase):
    def test_super(self):
        super().assertEquals(1, 1)
"""

FILES = {
    os.path.join("legacy_app", "__init__.py"): "",
    os.path.join("legacy_app", "old.py"): OLD,
    os.path.join("legacy_app", "uses.py"): USES,
    os.path.join("legacy_app", "dynamic.py"): DYNAMIC,
    "test_app.py": TESTS,
}

# What both see, one case per way of reaching an API: (file, text of the line, api).
VISIBLE = [
    ("old.py", "import imp", "imp"),  # a module
    ("old.py", "from asyncore import dispatcher", "asyncore"),  # from-import
    (
        "uses.py",
        "from configparser import SafeConfigParser as Parser",
        "configparser.SafeConfigParser",
    ),
    ("uses.py", 'return locale.format("%d", 7)', "locale.format"),  # module attribute
    ("uses.py", "parser.readfp(io.StringIO(text))", "configparser.RawConfigParser.readfp"),
    ("uses.py", 'ftplib.FTP_TLS(keyfile="client.key"', "ftplib.FTP_TLS:keyfile"),  # keywords
    ("uses.py", 'ftplib.FTP_TLS(keyfile="client.key"', "ftplib.FTP_TLS:certfile"),
    ("uses.py", "random.randrange(10.0)", "random.randrange:integral-float"),  # behaviour
    ("uses.py", 'importlib.import_module("smtpd")', "smtpd"),  # literal import_module()
    ("uses.py", "ut.TestCase.failUnless(case, True)", "unittest.TestCase.failUnless"),  # alias
    ("test_app.py", "self.assertEquals(1, 1)", "unittest.TestCase.assertEquals"),  # self
]

# What only the run sees: names computed at run time, objects whose class the file does not
# show, keywords passed through ``**``.
DYNAMIC_USES = [
    ("dynamic.py", 'return getattr(locale, FORMAT)("%d", 7)', "locale.format"),
    ("dynamic.py", 'return getattr(ssl, "wrap" + "_socket")', "ssl.wrap_socket"),
    ("dynamic.py", "return importlib.import_module(name)", "asynchat"),
    ("dynamic.py", 'return __import__("asyn" + "core")', "asyncore"),
    ("dynamic.py", "parser.readfp(io.StringIO(text))", "configparser.RawConfigParser.readfp"),
    ("dynamic.py", "ftplib.FTP_TLS(**options)", "ftplib.FTP_TLS:keyfile"),
    ("dynamic.py", "ftplib.FTP_TLS(**options)", "ftplib.FTP_TLS:certfile"),
    ("test_app.py", "super().assertEquals(1, 1)", "unittest.TestCase.assertEquals"),
]


def where(fragment_of_path, text):
    """(path relative to the project, line number) of the one line holding ``text``."""
    matches = [
        (path, number)
        for path, source in FILES.items()
        if path.endswith(fragment_of_path)
        for number, line in enumerate(source.splitlines(), 1)
        if text in line
    ]
    (match,) = matches
    return match


def expected(cases):
    return {(*where(name, text), api) for name, text, api in cases}


@pytest.fixture
def both(pytester):
    """The project's findings, as (file, line, api), from the test run and from the scan."""
    for path, source in FILES.items():
        target = pytester.path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source, encoding="utf-8")
    report = pytester.path / "report.json"
    result = pytester.runpytest_subprocess(
        "-p",
        "removed_apis",
        f"--removed-apis-report={report}",
        "--removed-apis=report",
        "-p",
        "no:cacheprovider",
    )
    result.assert_outcomes(passed=6)  # Derived runs test_equal too
    findings = json.loads(report.read_text(encoding="utf-8"))["findings"]
    runtime = {
        (finding["filename"], finding["lineno"], finding["api"])
        for finding in findings
        if finding["origin"] is None
    }
    scanner = Scanner()
    static = {
        (path, use.line, use.entry.id)
        for path in FILES
        for use in scanner.file(str(pytester.path / path))
    }
    return runtime, static


def test_every_use_the_run_sees_in_project_code_the_scan_finds_at_the_same_line(both):
    runtime, static = both
    assert expected(VISIBLE) <= runtime
    assert expected(VISIBLE) <= static
    # The import that skips a finder without find_spec(), and that falls back to its
    # loader's load_module() (3.15): behaviours of the import system the scan cannot see there.
    finder_import = {
        (*where("uses.py", "import legacy_demo_mod"), api)
        for api in ("importlib:find_module-fallback", "importlib:load_module-fallback")
    }
    assert runtime - expected(DYNAMIC_USES) - finder_import <= static


def test_the_uses_the_scan_cannot_see_are_found_by_the_run_only(both):
    runtime, static = both
    dynamic = expected(DYNAMIC_USES)
    assert dynamic <= runtime
    assert not dynamic & static
    assert not {use for use in static if use[0].endswith("dynamic.py")}


def test_a_finder_is_placed_where_it_is_skipped_by_the_run_and_where_it_is_defined_by_the_scan(
    both,
):
    runtime, static = both
    api = "importlib:find_module-fallback"
    assert {use for use in runtime if use[2] == api} == {
        (*where("uses.py", "import legacy_demo_mod"), api)
    }
    assert {use for use in static if use[2] == api} == {
        (*where("uses.py", "def find_module("), api)
    }
