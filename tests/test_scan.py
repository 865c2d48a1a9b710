"""The static scan and the ``scan`` command: what they find, what they leave alone."""

from __future__ import annotations

import json
import os
import re
import runpy
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pytest_removed_apis import CATALOG, RELEASES
from pytest_removed_apis import __main__ as command_module
from pytest_removed_apis.__main__ import main
from pytest_removed_apis.scan import ScanError, Scanner, python_files

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "legacy_project"


def scan(tmp_path, source, target="3.12", name="module.py"):
    """The uses in the source, as (stripped text of the line, entry id) pairs."""
    text = textwrap.dedent(source)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    return [(lines[use.line - 1].strip(), use.entry.id) for use in Scanner(target).file(str(path))]


def run(args, monkeypatch, capsys, cwd):
    """Run the command in ``cwd``: (exit code, stdout, stderr)."""
    monkeypatch.chdir(cwd)
    code = main(["scan", *args])
    out, err = capsys.readouterr()
    return code, out, err


# Imports.


def test_import_of_a_removed_module_is_a_use(tmp_path):
    assert scan(tmp_path, "import os, imp\nimport asyncore as a\n") == [
        ("import os, imp", "imp"),
        ("import asyncore as a", "asyncore"),
    ]


def test_submodule_of_a_removed_package_is_a_use_of_the_package(tmp_path):
    source = """\
        import distutils.core as dc
        from distutils.util import strtobool
        from distutils import version
        """
    assert scan(tmp_path, source) == [
        ("import distutils.core as dc", "distutils"),
        ("from distutils.util import strtobool", "distutils"),
        ("from distutils import version", "distutils"),
    ]


def test_from_import_of_a_removed_name_is_a_use(tmp_path):
    source = """\
        from ssl import CERT_NONE, wrap_socket
        from configparser import SafeConfigParser as Parser
        from tkinter import tix
        """
    assert scan(tmp_path, source, target="3.13") == [
        ("from ssl import CERT_NONE, wrap_socket", "ssl.wrap_socket"),
        ("from configparser import SafeConfigParser as Parser", "configparser.SafeConfigParser"),
        ("from tkinter import tix", "tkinter.tix"),
    ]


def test_imports_of_what_still_exists_are_not_uses(tmp_path):
    source = """\
        import ssl, importlib.util
        from ssl import create_default_context
        from configparser import ConfigParser
        from . import imp
        from .distutils import core
        import imp
        """
    assert scan(tmp_path, source) == [("import imp", "imp")]


def test_api_removed_in_313_counts_only_for_a_313_target(tmp_path):
    source = "import telnetlib\nimport imp\n"
    assert scan(tmp_path, source) == [("import imp", "imp")]
    assert scan(tmp_path, source, target="3.13") == [
        ("import telnetlib", "telnetlib"),
        ("import imp", "imp"),
    ]


def test_import_module_and_dunder_import_with_literal_names_are_uses(tmp_path):
    source = """\
        import importlib
        from importlib import import_module
        importlib.import_module("smtpd")
        import_module("distutils.core")
        __import__("asynchat")
        importlib.import_module("json")
        importlib.import_module(name)
        importlib.import_module(".imp", package="mine")
        """
    assert scan(tmp_path, source) == [
        ('importlib.import_module("smtpd")', "smtpd"),
        ('import_module("distutils.core")', "distutils"),
        ('__import__("asynchat")', "asynchat"),
    ]


# Names reached through imports.


def test_attribute_chain_through_a_module_alias_is_a_use(tmp_path):
    source = """\
        import unittest as ut
        import ssl
        import locale as loc
        check = ut.TestCase.assertEquals
        ssl.wrap_socket(sock)
        loc.format("%d", 1)
        loc.format_string("%d", 1)
        """
    assert scan(tmp_path, source) == [
        ("check = ut.TestCase.assertEquals", "unittest.TestCase.assertEquals"),
        ("ssl.wrap_socket(sock)", "ssl.wrap_socket"),
        ('loc.format("%d", 1)', "locale.format"),
    ]


def test_name_imported_under_an_alias_is_a_use_where_it_is_used(tmp_path):
    source = """\
        from configparser import SafeConfigParser as S

        def load():
            return S()
        """
    assert scan(tmp_path, source) == [
        ("from configparser import SafeConfigParser as S", "configparser.SafeConfigParser"),
        ("return S()", "configparser.SafeConfigParser"),
    ]


def test_name_from_a_star_import_is_a_use(tmp_path):
    source = """\
        from ssl import *
        wrap_socket(sock)
        create_default_context()
        """
    assert scan(tmp_path, source) == [("wrap_socket(sock)", "ssl.wrap_socket")]


def test_getattr_with_a_literal_name_is_a_use_and_with_a_default_is_a_check(tmp_path):
    source = """\
        import ssl
        wrap = getattr(ssl, "wrap_socket")
        maybe = getattr(ssl, "wrap_socket", None)
        """
    assert scan(tmp_path, source) == [
        ('wrap = getattr(ssl, "wrap_socket")', "ssl.wrap_socket"),
    ]


def test_name_bound_two_ways_is_not_resolved(tmp_path):
    source = """\
        try:
            from configparser import SafeConfigParser as Parser
        except ImportError:
            from configparser import ConfigParser as Parser
        Parser()
        from configparser import SafeConfigParser as Legacy
        Legacy()
        """
    assert scan(tmp_path, source) == [
        ("from configparser import SafeConfigParser as Legacy", "configparser.SafeConfigParser"),
        ("Legacy()", "configparser.SafeConfigParser"),
    ]


def test_alias_of_a_guarded_import_is_left_to_the_code_that_does_without_it(tmp_path):
    source = """\
        try:
            from ssl import wrap_socket
        except ImportError:
            pass

        from ssl import match_hostname

        def legacy(sock, cert, host):
            match_hostname(cert, host)
            return wrap_socket(sock)
        """
    assert scan(tmp_path, source) == [
        ("from ssl import match_hostname", "ssl.match_hostname"),
        ("match_hostname(cert, host)", "ssl.match_hostname"),
    ]


def test_module_with_a_none_fallback_is_still_resolved(tmp_path):
    source = """\
        try:
            import ssl
        except ImportError:
            ssl = None

        def check(cert, host):
            ssl.match_hostname(cert, host)
        """
    assert scan(tmp_path, source) == [
        ("ssl.match_hostname(cert, host)", "ssl.match_hostname"),
    ]


# Members of instances.


def test_method_of_an_instance_of_a_known_class_is_a_use(tmp_path):
    source = """\
        import configparser, io

        def load(text):
            parser = configparser.ConfigParser()
            parser.readfp(io.StringIO(text))
            legacy = configparser.SafeConfigParser()
            legacy.readfp(io.StringIO(text))
            parser.read_file(io.StringIO(text))
        """
    assert scan(tmp_path, source) == [
        ("parser.readfp(io.StringIO(text))", "configparser.RawConfigParser.readfp"),
        ("legacy = configparser.SafeConfigParser()", "configparser.SafeConfigParser"),
        ("legacy.readfp(io.StringIO(text))", "configparser.RawConfigParser.readfp"),
    ]


def test_attribute_of_a_caught_exception_is_a_use(tmp_path):
    source = """\
        import configparser

        def where(parser, text):
            try:
                parser.read_string(text)
            except configparser.ParsingError as error:
                return error.filename
        """
    assert scan(tmp_path, source) == [
        ("return error.filename", "configparser.ParsingError.filename"),
    ]


def test_method_of_an_object_of_unknown_type_is_not_reported(tmp_path):
    source = """\
        import configparser

        def load(parser, fp):
            parser.readfp(fp)
            configparser.ConfigParser().readfp(fp)
        """
    assert scan(tmp_path, source) == [
        ("configparser.ConfigParser().readfp(fp)", "configparser.RawConfigParser.readfp"),
    ]


def test_removed_alias_on_self_in_a_testcase_subclass_is_a_use(tmp_path):
    source = """\
        import unittest
        import unittest as ut
        from unittest import TestCase, IsolatedAsyncioTestCase

        class Direct(TestCase):
            def test(self):
                self.assertEquals(1, 1)

        class Dotted(unittest.TestCase):
            def test(self):
                self.failUnless(True)

        class Aliased(ut.TestCase):
            @classmethod
            def setUpClass(cls):
                cls.assertNotEquals(1, 2)

        class Inherited(Dotted):
            def test_more(self):
                def inner():
                    self.assertRegexpMatches("a", "a")
                inner()

        class Async(IsolatedAsyncioTestCase):
            async def test(self):
                self.assert_(True)
        """
    assert scan(tmp_path, source) == [
        ("self.assertEquals(1, 1)", "unittest.TestCase.assertEquals"),
        ("self.failUnless(True)", "unittest.TestCase.failUnless"),
        ("cls.assertNotEquals(1, 2)", "unittest.TestCase.assertNotEquals"),
        ('self.assertRegexpMatches("a", "a")', "unittest.TestCase.assertRegexpMatches"),
        ("self.assert_(True)", "unittest.TestCase.assert_"),
    ]


def test_self_outside_a_testcase_subclass_is_not_reported(tmp_path):
    source = """\
        import unittest
        from elsewhere import ProjectTestCase

        class Plain:
            def check(self):
                self.assertEquals(1, 1)

        class Unknown(ProjectTestCase):
            def test(self):
                self.assertEquals(1, 1)

        class Compat(unittest.TestCase):
            def assertEquals(self, first, second):
                self.assertEqual(first, second)

        class UsesCompat(Compat):
            def test(self):
                self.assertEquals(1, 1)

            @staticmethod
            def helper(self):
                self.failUnless(True)

        class Real(unittest.TestCase):
            def test(self):
                self.failIf(False)
        """
    assert scan(tmp_path, source) == [("self.failIf(False)", "unittest.TestCase.failIf")]


# Keyword parameters.


def test_removed_keyword_parameter_is_a_use(tmp_path):
    source = """\
        import ftplib, http.client, smtplib

        ftplib.FTP_TLS("host", keyfile="k", context=None)
        smtplib.SMTP_SSL("host", certfile="c")
        http.client.HTTPSConnection("host", check_hostname=False)
        ftplib.FTP_TLS("host", context=None)
        """
    assert scan(tmp_path, source) == [
        ('ftplib.FTP_TLS("host", keyfile="k", context=None)', "ftplib.FTP_TLS:keyfile"),
        ('smtplib.SMTP_SSL("host", certfile="c")', "smtplib.SMTP_SSL:certfile"),
        (
            'http.client.HTTPSConnection("host", check_hostname=False)',
            "http.client.HTTPSConnection:check_hostname",
        ),
    ]


def test_removed_keyword_of_a_method_called_on_an_instance_is_a_use(tmp_path):
    source = """\
        import smtplib, unittest

        def send(host):
            server = smtplib.SMTP(host)
            server.starttls(keyfile="k")
            unittest.TestLoader().loadTestsFromModule(None, use_load_tests=False)
            unittest.defaultTestLoader.loadTestsFromModule(None, use_load_tests=False)
        """
    assert scan(tmp_path, source) == [
        ('server.starttls(keyfile="k")', "smtplib.SMTP.starttls:keyfile"),
        (
            "unittest.TestLoader().loadTestsFromModule(None, use_load_tests=False)",
            "unittest.TestLoader.loadTestsFromModule:use_load_tests",
        ),
        (
            "unittest.defaultTestLoader.loadTestsFromModule(None, use_load_tests=False)",
            "unittest.TestLoader.loadTestsFromModule:use_load_tests",
        ),
    ]


def test_keyword_use_is_placed_at_the_keyword(tmp_path):
    path = tmp_path / "module.py"
    path.write_text(
        "import ftplib\n"
        'ftplib.FTP_TLS(\n    "h",   keyfile = "k")\n'
        'ftplib.FTP_TLS("h", certfile=\n    "c")\n'
        'ftplib.FTP_TLS("h", keyfile=(\n    "k"))\n'
        'ftplib.FTP_TLS("h", keyfile=  # a comment\n    "k")\n'
        'ftplib.FTP_TLS("h", keyfile=\n    # one\n    # two =\n    "k")\n'
    )
    # 3.8 does not place keywords: a comment between one and its value hides its name.
    commented = (9, 5) if sys.version_info < (3, 9) else (8, 21)
    ends_with_equals = (13, 5) if sys.version_info < (3, 9) else (10, 21)
    assert [(use.line, use.col) for use in Scanner().file(str(path))] == [
        (3, 12),
        (4, 21),
        (6, 21),
        commented,
        ends_with_equals,
    ]


def test_column_counts_characters_of_a_file_in_its_declared_encoding(tmp_path):
    path = tmp_path / "module.py"
    source = '# -*- coding: latin-1 -*-\nimport ssl\nx = "\u00e9\u00e9"; ssl.wrap_socket(1)\n'
    path.write_bytes(source.encode("latin-1"))
    (use,) = Scanner().file(str(path))
    assert (use.line, use.col, use.entry.id) == (3, 15, "ssl.wrap_socket")


# Behaviours.


def test_finder_with_only_find_module_is_a_use_when_it_is_a_finder(tmp_path):
    source = """\
        import importlib.abc
        import sys

        class Registered:
            def find_module(self, fullname, path=None):
                return None

            def install(self):
                sys.meta_path.insert(0, self)

        class Subclassed(importlib.abc.MetaPathFinder):
            def find_module(self, fullname, path=None):
                return None

        class Modern(importlib.abc.MetaPathFinder):
            def find_spec(self, fullname, path, target=None):
                return None

            def find_module(self, fullname, path=None):
                return None

        class NotAFinder:
            def find_module(self, name, path, parent=None):
                return None
        """
    assert scan(tmp_path, source) == [
        ("def find_module(self, fullname, path=None):", "importlib:find_module-fallback"),
        ("def find_module(self, fullname, path=None):", "importlib:find_module-fallback"),
    ]
    assert [use.line for use in Scanner().file(str(tmp_path / "module.py"))] == [5, 12]


def test_loader_module_repr_is_a_use(tmp_path):
    source = """\
        class Loader:
            def module_repr(self, module):
                return "<module>"
        """
    assert scan(tmp_path, source) == [
        ("def module_repr(self, module):", "importlib:module_repr-support"),
    ]


def test_behaviours_visible_in_literals_are_uses(tmp_path):
    source = """\
        import random, shlex
        from importlib.metadata import entry_points
        from shlex import split as split_words

        random.randrange(10.0)
        random.randrange(-1.0, step=-0.5)
        random.Random(1).randrange(0, 2.5)
        random.randrange(10)
        shlex.split(None)
        split_words(None)
        shlex.split("a b")
        entry_points()["console_scripts"]
        groups = entry_points()
        groups.get("console_scripts", [])
        entry_points(group="console_scripts").sort()
        entry_points().select(group="console_scripts")
        """
    assert scan(tmp_path, source) == [
        ("random.randrange(10.0)", "random.randrange:integral-float"),
        ("random.randrange(-1.0, step=-0.5)", "random.randrange:integral-float"),
        ("random.randrange(-1.0, step=-0.5)", "random.randrange:non-integer"),
        ("random.Random(1).randrange(0, 2.5)", "random.randrange:non-integer"),
        ("shlex.split(None)", "shlex.split:None"),
        ("split_words(None)", "shlex.split:None"),
        ('entry_points()["console_scripts"]', "importlib.metadata.entry_points:dict-interface"),
        ('groups.get("console_scripts", [])', "importlib.metadata.entry_points:dict-interface"),
        (
            'entry_points(group="console_scripts").sort()',
            "importlib.metadata.EntryPoints:list-interface",
        ),
    ]


def test_behaviours_removed_in_313_are_uses_for_a_313_target(tmp_path):
    source = """\
        import pathlib
        from typing import TypedDict

        class Config:
            @classmethod
            @property
            def name(cls):
                return "config"

        Point = TypedDict("Point", x=int, y=int)
        Fine = TypedDict("Fine", {"x": int}, total=False)
        with pathlib.Path("setup.cfg") as path:
            pass
        with open("setup.cfg") as stream:
            pass
        """
    assert scan(tmp_path, source) == []
    assert scan(tmp_path, source, target="3.13") == [
        ("@classmethod", "builtins.classmethod:descriptor-chaining"),
        ('Point = TypedDict("Point", x=int, y=int)', "typing.TypedDict:keyword-arguments"),
        ('with pathlib.Path("setup.cfg") as path:', "pathlib.Path:context-manager"),
    ]


# Scopes and bindings.


def test_names_are_followed_through_every_kind_of_scope_and_binding(tmp_path):
    source = """\
        \"\"\"A module.\"\"\"
        from __future__ import division
        import importlib.metadata as metadata
        import ssl, unittest
        from . import *
        from .sibling import helper

        COUNT: int
        PARSER: object = ssl
        merged = {**{}, "a": 1}

        def outer(*, flag, other=1):
            ssl = None
            def inner():
                nonlocal ssl
                ssl.wrap_socket(1)
            return inner

        def reset():
            global COUNT, ssl_module
            COUNT = 0
            ssl_module = ssl
            ssl_module.wrap_socket(2)

        def closures(items):
            wrap = lambda sock: ssl.wrap_socket(sock)
            found = [y for x in items if x for y in x if (last := y)]
            first = [ssl for ssl in items]
            return wrap, found, first, last

        class Local(unittest.TestCase):
            pass

        case = Local()
        case.failIfEqual(1, 2)
        with open("f") as (a, b), open("g"):
            getattr(ssl, "not a name")
            getattr(ssl, "CERT_NONE")
        metadata.entry_points().select(group="x").sort()
        metadata.entry_points().names
        metadata.entry_points().append
        metadata.entry_points(group="x").copy()
        helper.meta_path.append(Local)

        @staticmethod
        @property
        def both():
            pass

        ssl.match_hostname(1, 2)
        """
    assert scan(tmp_path, source) == [
        ("wrap = lambda sock: ssl.wrap_socket(sock)", "ssl.wrap_socket"),
        ("case.failIfEqual(1, 2)", "unittest.TestCase.failIfEqual"),
        (
            'metadata.entry_points().select(group="x").sort()',
            "importlib.metadata.EntryPoints:list-interface",
        ),
        ("ssl.match_hostname(1, 2)", "ssl.match_hostname"),
    ]


@pytest.mark.skipif(sys.version_info < (3, 10), reason="match statements are new in 3.10")
def test_names_bound_by_a_match_statement_are_not_followed(tmp_path):
    source = """\
        import ssl

        def handle(command):
            match command:
                case {"ssl": ssl, **rest}:
                    ssl.wrap_socket(rest)
                case [*items] if items:
                    return items
                case Point(x=1) as ssl:
                    return ssl
            ssl.match_hostname(1, 2)
        """
    assert scan(tmp_path, source) == []
    assert scan(tmp_path, source.replace('"ssl": ssl', '"ssl": other')) == []
    assert scan(tmp_path, "import ssl\nmatch x:\n    case 1:\n        ssl.wrap_socket(1)\n") == [
        ("ssl.wrap_socket(1)", "ssl.wrap_socket")
    ]


def test_scanner_looks_only_for_the_entries_it_is_given(tmp_path):
    path = tmp_path / "module.py"
    path.write_text("import imp, asyncore\nclass Loader:\n    def module_repr(self, m): pass\n")
    scanner = Scanner(entries=[entry for entry in CATALOG if entry.id == "asyncore"])
    assert [use.entry.id for use in scanner.file(str(path))] == ["asyncore"]
    valid = re.escape(", ".join(RELEASES))
    with pytest.raises(ValueError, match=f"unknown target '3.11'; use one of: {valid}"):
        Scanner("3.11")


# Code the target release never runs.


def test_version_guarded_uses_are_not_reported(tmp_path):
    source = """\
        import sys

        if sys.version_info < (3, 12):
            import imp
        if sys.version_info >= (3, 12):
            import importlib
        else:
            from distutils.util import strtobool
        PY312 = sys.version_info >= (3, 12)
        if not PY312:
            import asyncore
        if sys.version_info < (3, 13):
            import smtpd
        """
    assert scan(tmp_path, source) == [("import smtpd", "smtpd")]
    assert scan(tmp_path, source, target="3.13") == []


def test_fallback_and_feature_checks_are_not_reported(tmp_path):
    source = """\
        import ssl
        from importlib.metadata import entry_points

        try:
            import imp
        except ImportError:
            imp = None

        try:
            wrap = ssl.wrap_socket
        except AttributeError:
            wrap = None

        if hasattr(ssl, "wrap_socket"):
            ssl.wrap_socket(sock)

        eps = entry_points()
        if hasattr(eps, "select"):
            scripts = eps.select(group="console_scripts")
        else:
            scripts = eps.get("console_scripts", [])

        ssl.match_hostname(cert, host)
        """
    assert scan(tmp_path, source) == [
        ("ssl.match_hostname(cert, host)", "ssl.match_hostname"),
    ]


def test_module_constant_rebound_elsewhere_is_no_guard(tmp_path):
    source = """\
        import sys

        LEGACY = sys.version_info < (3, 12)

        def configure(value):
            global LEGACY
            LEGACY = value

        if LEGACY:
            import imp
        """
    assert scan(tmp_path, source) == [("import imp", "imp")]


def test_annotations_count_only_where_they_are_evaluated(tmp_path):
    evaluated = """\
        import configparser

        def load(parser: configparser.SafeConfigParser) -> None:
            local: configparser.SafeConfigParser = parser
        """
    lazy = '"""Doc."""\nfrom __future__ import annotations\n' + textwrap.dedent(evaluated)
    only_future = '"""Mentions imp."""\nfrom __future__ import division\n'
    assert scan(tmp_path, evaluated) == [
        (
            "def load(parser: configparser.SafeConfigParser) -> None:",
            "configparser.SafeConfigParser",
        ),
    ]
    assert scan(tmp_path, lazy) == []
    assert scan(tmp_path, only_future) == []
    # 3.14 evaluates annotations only when asked for: the default still runs.
    deferred = """\
        import ast

        def node(value: ast.Num = ast.Num(1)) -> ast.Str:
            return value
        """
    assert scan(tmp_path, deferred, target="3.14") == [
        ("def node(value: ast.Num = ast.Num(1)) -> ast.Str:", "ast.Num"),
    ]


# Files that cannot be scanned.


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"print 'python 2'\n", r"\(line 1, column "),
        (b"import imp\x00\n", "null bytes"),
        (b"# -*- coding: no-such-codec -*-\nimport imp\n", "no-such-codec"),
        (b"x = '\xff'\n", "(?i)utf-8"),  # 3.14 says "Non-UTF-8 code"
    ],
    ids=["syntax", "null-bytes", "unknown-encoding", "undecodable"],
)
def test_file_that_does_not_parse_is_a_scan_error_saying_why(tmp_path, content, message):
    path = tmp_path / "broken.py"
    path.write_bytes(content)
    with pytest.raises(ScanError, match=message):
        Scanner().file(str(path))


def test_code_nested_too_deeply_is_a_scan_error(tmp_path):
    path = tmp_path / "deep.py"
    path.write_text("import ssl\nx = " + "-" * 200000 + "1\n")
    with pytest.raises(ScanError, match="^too deeply nested to parse$"):
        Scanner().file(str(path))
    path.write_text("import ssl\nssl" + ".a" * 100000 + ".wrap_socket\n")
    with pytest.raises(ScanError, match="^too deeply nested to (parse|analyse)$"):
        Scanner().file(str(path))


def test_file_that_cannot_be_read_is_a_scan_error(tmp_path):
    with pytest.raises(ScanError, match="^cannot read: "):
        Scanner().file(str(tmp_path / "missing.py"))


def test_scan_error_in_one_file_does_not_stop_the_command(tmp_path, monkeypatch, capsys):
    (tmp_path / "a_broken.py").write_text("def f(:\n")
    (tmp_path / "b_legacy.py").write_text("import imp\n")
    code, out, err = run(["."], monkeypatch, capsys, tmp_path)
    assert code == 1
    assert err.startswith("a_broken.py: not scanned: ")
    assert err.endswith("(line 1, column 7)\n")
    assert out.splitlines()[0].startswith("b_legacy.py:1:1  imp  module  3.12  Use importlib")
    assert out.splitlines()[-1] == (
        "1 use of removed APIs (target Python 3.12) in 1 of 1 file; 1 file not scanned."
    )


# Which files a directory gives.


def test_walk_skips_hidden_cache_environment_and_build_directories(tmp_path):
    for folder in [
        ".hidden",
        "__pycache__",
        "node_modules",
        "env",
        "build",
        "dist",
        "proj.egg-info",
        "pkg/build",
        "src",
    ]:
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "mod.py").write_text("import imp\n")
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr\n")
    (tmp_path / "pkg" / "build" / "__init__.py").write_text("")
    (tmp_path / "src" / "notes.txt").write_text("import imp\n")
    found = [Path(path).relative_to(tmp_path).as_posix() for path in python_files(str(tmp_path))]
    assert found == ["pkg/build/__init__.py", "pkg/build/mod.py", "src/mod.py"]
    assert list(python_files(str(tmp_path / "env" / "mod.py"))) == [
        str(tmp_path / "env" / "mod.py")
    ]


# The command line.


def test_command_exits_0_and_says_so_when_nothing_is_found(tmp_path, monkeypatch, capsys):
    (tmp_path / "clean.py").write_text("import importlib\n")
    code, out, err = run([], monkeypatch, capsys, tmp_path)
    assert (code, err) == (0, "")
    assert out == "No uses of removed APIs (target Python 3.12) in 1 file.\n"


def test_command_prints_one_line_per_use_and_exits_1(tmp_path, monkeypatch, capsys):
    (tmp_path / "legacy.py").write_text("import ssl\nimport asyncore\nssl.wrap_socket(s)\n")
    code, out, err = run(["legacy.py"], monkeypatch, capsys, tmp_path)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "legacy.py:2:1  asyncore  module  3.12  "
        "Use asyncio (event loop, transports and protocols) instead.",
        "legacy.py:3:5  ssl.wrap_socket  function  3.12  "
        "Create an ssl.SSLContext (e.g. ssl.create_default_context()) and call its "
        "wrap_socket() method.",
        "2 uses of removed APIs (target Python 3.12) in 1 of 1 file.",
    ]


def test_command_json_output(tmp_path, monkeypatch, capsys):
    (tmp_path / "legacy.py").write_text("import telnetlib\n")
    (tmp_path / "broken.py").write_text("def (\n")
    code, out, err = run(
        ["--format", "json", "--target", "3.13", "."], monkeypatch, capsys, tmp_path
    )
    assert (code, err) == (1, "")
    document = json.loads(out)
    errors = document.pop("errors")
    assert [error["path"] for error in errors] == ["broken.py"]
    assert "(line 1, column" in errors[0]["message"]
    assert document == {
        "version": 1,
        "target": "3.13",
        "config": None,
        "files_scanned": 1,
        "uses": [
            {
                "path": "legacy.py",
                "line": 1,
                "col": 1,
                "id": "telnetlib",
                "name": "telnetlib",
                "kind": "module",
                "removed_in": "3.13",
                "replacement": "Use telnetlib3 or Exscript from PyPI.",
                "doc_url": "https://docs.python.org/3.12/library/telnetlib.html",
                "allowed": False,
            }
        ],
    }


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--bogus", "."], "unrecognized arguments: --bogus; scan takes PATH... and the options"),
        (["--format", "xml", "."], "argument --format: invalid choice: 'xml'"),
        (["--target", "3.11", "."], "argument --target: invalid choice: '3.11'"),
        (["--format"], "argument --format: expected one argument (one of: text, json)"),
        (["missing_dir"], "'missing_dir' does not exist; give files or directories to scan"),
        (["--allow", "imps", "."], "'imps' in --allow is not a catalogued removed API"),
    ],
    ids=["unknown-option", "bad-format", "bad-target", "no-format", "no-path", "bad-allow"],
)
def test_usage_errors_exit_4_with_one_line_on_stderr(
    tmp_path, monkeypatch, capsys, args, expected
):
    code, out, err = run(args, monkeypatch, capsys, tmp_path)
    assert (code, out) == (4, "")
    assert err.count("\n") == 1
    assert err.startswith("python -m pytest_removed_apis: error: ")
    assert expected in err
    if "--format" in args or "--target" in args:
        assert ("json" in err) if "--format" in args else ("3.12" in err and "3.13" in err)


def test_missing_command_is_a_usage_error(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert main([]) == 4
    assert "no command given; the command is: scan PATH..." in capsys.readouterr().err


CONFIGS = {
    "pytest.toml": '[pytest]\nremoved_apis_allow = ["imp", "ssl.wrap_socket"]\n',
    "pytest.ini": "[pytest]\nremoved_apis_allow =\n    imp\n    ssl.wrap_socket\n",
    "pyproject.toml": (
        '[tool.pytest.ini_options]\nremoved_apis_allow = ["imp", "ssl.wrap_socket"]\n'
    ),
    "tox.ini": "[tox]\nenv_list = py\n[pytest]\nremoved_apis_allow = imp\n  ssl.wrap_socket\n",
    "setup.cfg": "[tool:pytest]\nremoved_apis_allow =\n    imp\n    ssl.wrap_socket\n",
}


@pytest.mark.parametrize("config", sorted(CONFIGS))
def test_allow_list_of_the_pytest_configuration_is_honoured(tmp_path, monkeypatch, capsys, config):
    (tmp_path / config).write_text(CONFIGS[config])
    (tmp_path / "legacy.py").write_text("import ssl, imp, asyncore\nssl.wrap_socket(s)\n")
    code, out, _ = run(["legacy.py"], monkeypatch, capsys, tmp_path)
    assert code == 1
    assert [line.split("  ")[:2] for line in out.splitlines()[:-1]] == [
        ["legacy.py:1:1", "asyncore"]
    ]
    assert out.splitlines()[-1] == (
        "1 use of removed APIs (target Python 3.12) in 1 of 1 file; 2 allowed uses not shown."
    )
    code, out, _ = run(["--format", "json", "legacy.py"], monkeypatch, capsys, tmp_path)
    document = json.loads(out)
    assert document["config"] == config
    assert [(use["id"], use["allowed"]) for use in document["uses"]] == [
        ("asyncore", False),
        ("imp", True),
        ("ssl.wrap_socket", True),
    ]
    code, _, _ = run(["--allow", "asyncore", "legacy.py"], monkeypatch, capsys, tmp_path)
    assert code == 0


def test_configuration_is_found_from_the_current_directory_upward(tmp_path, monkeypatch, capsys):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")  # no pytest table
    (tmp_path / "tox.ini").write_text("[pytest]\nremoved_apis_target = 3.13\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "legacy.py").write_text("import telnetlib\n")
    code, out, _ = run(["--format", "json", "legacy.py"], monkeypatch, capsys, tmp_path / "sub")
    assert code == 1
    document = json.loads(out)
    assert (document["config"], document["target"]) == (os.path.join("..", "tox.ini"), "3.13")
    assert [use["id"] for use in document["uses"]] == ["telnetlib"]
    code, out, _ = run(["--target", "3.12", "legacy.py"], monkeypatch, capsys, tmp_path / "sub")
    assert code == 0


def test_pytest_ini_without_a_pytest_section_still_ends_the_search(tmp_path, monkeypatch, capsys):
    (tmp_path / "pytest.ini").write_text("[pytest]\nremoved_apis_allow = imp\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pytest.ini").write_text("# no section\n")
    (tmp_path / "sub" / "legacy.py").write_text("import imp\n")
    code, out, _ = run(["--format", "json", "legacy.py"], monkeypatch, capsys, tmp_path / "sub")
    assert (code, json.loads(out)["config"]) == (1, "pytest.ini")


def test_unknown_api_in_the_configuration_is_a_usage_error(tmp_path, monkeypatch, capsys):
    (tmp_path / "pytest.ini").write_text("[pytest]\nremoved_apis_allow = asyncor\n")
    (tmp_path / "legacy.py").write_text("import asyncore\n")
    code, out, err = run(["legacy.py"], monkeypatch, capsys, tmp_path)
    assert (code, out) == (4, "")
    assert "'asyncor' in removed_apis_allow in pytest.ini is not a catalogued" in err
    assert "did you mean 'asyncore'" in err


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("pyproject.toml", "[tool.pytest.ini_options\n", "cannot read the pytest configuration"),
        ("pytest.ini", "[pytest]\nremoved_apis_target = 3.11\n", "removed_apis_target = '3.11'"),
        ("tox.ini", "[pytest]\n  removed_apis_allow = imp\n", "cannot read the pytest config"),
        ("pytest.toml", "[pytest]\nremoved_apis_allow = 3\n", "must be a string or a list"),
    ],
    ids=["unreadable-toml", "bad-target", "unreadable-ini", "not-a-list"],
)
def test_bad_configuration_is_a_usage_error(
    tmp_path, monkeypatch, capsys, name, content, expected
):
    (tmp_path / name).write_text(content)
    (tmp_path / "legacy.py").write_text("import asyncore\n")
    code, out, err = run(["legacy.py"], monkeypatch, capsys, tmp_path)
    assert (code, out) == (4, "")
    assert expected in err
    assert f" {name}" in err


def test_help_exits_0_and_the_console_script_names_itself(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["scan", "--help"]) == 0
    assert f"--target {{{','.join(RELEASES)}}}" in capsys.readouterr().out
    monkeypatch.setattr(sys, "argv", ["/usr/bin/pytest-removed-apis", "scan", "--nope"])
    assert main() == 4
    assert capsys.readouterr().err.startswith("pytest-removed-apis: error: unrecognized")


def test_a_file_reached_twice_is_scanned_once(tmp_path, monkeypatch, capsys):
    (tmp_path / "legacy.py").write_text("import imp\n")
    code, out, _ = run([".", "legacy.py", "./legacy.py"], monkeypatch, capsys, tmp_path)
    assert (code, out.count("legacy.py:1:1  imp")) == (1, 1)


@pytest.mark.skipif(sys.platform == "win32", reason="a closed pipe is EINVAL on Windows")
def test_command_stops_quietly_when_its_reader_goes_away(tmp_path, monkeypatch, capsys):
    (tmp_path / "legacy.py").write_text("import imp\n" * 5000)
    reader, writer = os.pipe()
    os.close(reader)
    with open(writer, "w") as stream:
        monkeypatch.setattr(sys, "stdout", stream)
        code, _, err = run(["legacy.py"], monkeypatch, capsys, tmp_path)
    assert (code, err) == (1, "")


def test_module_runs_the_command_when_run_as_main(tmp_path, monkeypatch, capsys):
    (tmp_path / "legacy.py").write_text("import smtpd\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["__main__.py", "scan", "legacy.py"])
    with pytest.raises(SystemExit) as exited:
        runpy.run_path(command_module.__file__, run_name="__main__")
    assert exited.value.code == 1
    assert capsys.readouterr().out.startswith("legacy.py:1:1  smtpd  module  3.12  ")


def test_command_runs_as_a_module(tmp_path):
    (tmp_path / "legacy.py").write_text("import smtpd\n")
    result = subprocess.run(
        [sys.executable, "-m", "pytest_removed_apis", "scan", "legacy.py"],
        cwd=str(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.startswith("legacy.py:1:1  smtpd  module  3.12  ")
    bad = subprocess.run(
        [sys.executable, "-m", "pytest_removed_apis", "scan", "--nope"],
        cwd=str(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 4
    assert "Traceback" not in bad.stderr
    assert "unrecognized arguments: --nope" in bad.stderr


# The bundled example.


def test_scan_finds_in_the_example_the_uses_the_runtime_detection_reports():
    found = {}
    for file in python_files(str(EXAMPLE)):
        lines = Path(file).read_text(encoding="utf-8").splitlines()
        name = Path(file).relative_to(EXAMPLE).as_posix()
        for use in Scanner().file(file):
            found.setdefault(name, []).append((lines[use.line - 1].strip(), use.entry.id))
    assert found["legacy_inventory/config.py"] == [
        (
            "parser = configparser.SafeConfigParser(defaults=DEFAULTS)  # removed in 3.12",
            "configparser.SafeConfigParser",
        ),
        (
            'parser.readfp(io.StringIO(text), "<settings>")  # removed in 3.12',
            "configparser.RawConfigParser.readfp",
        ),
        (
            "parser.readfp(fp)  # removed in 3.12 (read_file is the replacement)",
            "configparser.RawConfigParser.readfp",
        ),
    ]
    # The unguarded calls: format_quantity's is behind a version check.
    formatting = found["legacy_inventory/formatting.py"]
    assert [use for _, use in formatting] == ["locale.format", "locale.format"]
    assert formatting[0][0].startswith('return "%s %s" % (locale')
    assert formatting[1][0].startswith('return locale.format("%.2f", amount')
    assert found["legacy_inventory/server.py"] == [
        ("import asynchat", "asynchat"),
        ("import asyncore", "asyncore"),
        ("import smtpd", "smtpd"),
    ]
    assert [line for line, _ in found["legacy_inventory/versioning.py"]] == [
        "from distutils.util import strtobool  # imported lazily; distutils is gone in 3.12",
        "from distutils.version import LooseVersion",
        "from distutils.file_util import write_file  # removed in 3.12, never run by a test",
    ]
    assert found["tests/test_versioning.py"] == [
        ("from distutils.version import LooseVersion", "distutils")
    ]
    assert [use for _, use in found["tests/test_catalog_unittest.py"]] == [
        "unittest.TestCase.assertEquals",
        "unittest.TestCase.assertRegexpMatches",
        "unittest.TestCase.failUnless",
    ]
    assert found["tests/test_imp_compat.py"] == [("import imp", "imp")]
    # The finder that 3.12 no longer asks: found where it is defined.
    assert found["legacy_inventory/virtual.py"] == [
        ("def find_module(self, fullname, path=None):", "importlib:find_module-fallback")
    ]
    # plugins.py falls back to importlib when imp is missing: correct on 3.12.
    assert "legacy_inventory/plugins.py" not in found
