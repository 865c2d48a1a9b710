"""Attributes removed in Python 3.14 (present in 3.13), on modules, classes and instances.

Real 3.14: AttributeError (ImportError for ``from module import name``), ``hasattr()`` false,
``getattr()`` defaults.  Real 3.13 and 3.12 (some warn): every test passes.  3.8-3.11
without the plugin: every test passes.
"""

import ast
import asyncio
import pkgutil
import sqlite3
import urllib.parse
import urllib.request


def test_ast_node_alias():
    assert isinstance(ast.Num(1), ast.Constant)


def test_from_ast_import_node_alias():
    from ast import Str

    assert Str("text").value == "text"


def test_constant_n_on_an_instance():
    assert ast.Constant(5).n == 5


def test_node_visitor_visit_Constant():
    assert callable(ast.NodeVisitor.visit_Constant)


def test_asyncio_child_watcher_class():
    assert issubclass(asyncio.ThreadedChildWatcher, asyncio.AbstractChildWatcher)


def test_asyncio_policy_method():
    assert callable(asyncio.DefaultEventLoopPolicy.get_child_watcher)


def test_pkgutil_find_loader():
    assert pkgutil.find_loader("json") is not None


def test_pkgutil_get_loader_through_getattr():
    assert getattr(pkgutil, "get_loader")("json") is not None  # noqa: B009


def test_sqlite3_version():
    assert isinstance(sqlite3.version, str)


def test_urllib_parse_Quoter():
    assert issubclass(urllib.parse.Quoter, dict)


def test_urllib_request_URLopener():
    assert issubclass(urllib.request.FancyURLopener, urllib.request.URLopener)


def test_hasattr_says_what_the_release_has():
    assert hasattr(ast, "Num") is hasattr(ast, "Num")  # always true; the read must not fail
    assert getattr(pkgutil, "find_loader", None) is None or callable(pkgutil.find_loader)
