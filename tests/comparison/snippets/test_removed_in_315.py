"""APIs removed in Python 3.15, not 3.14 or earlier.

3.12 to 3.14: every test passes (the APIs are there, most warn).  3.15: every test fails.
They pin that a comparison with an earlier release does not fail a test for a removal that
release has not made.
"""

import argparse
import ast
import datetime
import importlib.metadata
import pathlib
import platform
import sqlite3
import threading
import time
import typing


def test_import_sre_compile():
    import sre_compile

    assert callable(sre_compile.compile)


def test_PurePath_is_reserved():
    assert pathlib.PurePosixPath("a").is_reserved() is False


def test_platform_java_ver():
    assert len(platform.java_ver()) == 4


def test_datetime_strptime_day_without_year():
    assert datetime.datetime.strptime("03/01", "%m/%d").day == 1


def test_time_strptime_day_without_year():
    assert time.strptime("1 March", "%d %B").tm_mon == 3


def test_NamedTuple_keyword_arguments():
    Point = typing.NamedTuple("Point", x=int, y=int)  # noqa: UP014 - the removed form
    assert Point(1, 2).y == 2


def test_NamedTuple_without_fields():
    assert typing.NamedTuple("Empty")() == ()


def test_TypedDict_fields_None():
    assert typing.TypedDict("Empty", None)() == {}


def test_RLock_arguments():
    with threading.RLock(1):
        pass


def test_argparse_single_dash_long_option_dest():
    parser = argparse.ArgumentParser()
    parser.add_argument("-f", "-foo")
    assert parser.parse_args(["-foo", "1"]).f == "1"


def test_Distribution_without_locate_file():
    class Partial(importlib.metadata.Distribution):
        def read_text(self, filename):
            return None

    assert Partial().read_text("METADATA") is None


def test_ast_node_with_a_keyword_of_its_own():
    assert ast.Name(id="x", ctx=ast.Load(), spam=1).id == "x"


def test_sqlite3_connect_positional_timeout():
    sqlite3.connect(":memory:", 5.0).close()


S = typing.TypeVar("S")
T = typing.TypeVar("T")


def test_Protocol_unlisted_type_variable():
    class Base(typing.Protocol[S]):
        pass

    class Derived(Base[S], typing.Protocol[T]):
        pass

    assert len(Derived.__parameters__) == 2
