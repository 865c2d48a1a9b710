"""The behaviours Python 3.15 removed, on the releases that still have them: each use is a
finding in default mode, even where no warning says so, and what 3.15 still takes is none;
``tests/test_catalog_on_interpreter.py`` and ``tests/test_simulate.py`` run each entry's
trigger on its own."""

from __future__ import annotations

import _strptime  # noqa: F401 - see below
import sys

import pytest

from pytest_removed_apis.intercept.behaviours315 import day_without_year

pytestmark = pytest.mark.skipif(sys.version_info >= (3, 15), reason="3.15 removed them")

# datetime's C code keeps the _strptime module it imported first: the in-process runs below
# must wrap that one, not a copy imported again after pytester took the first away.

BEHAVIOURS_315 = """
import argparse, ast, datetime, importlib.metadata, importlib.util, pytest, sqlite3, sys
import threading, time, types, typing
from typing import NamedTuple, TypedDict

def test_datetime_without_year():
    datetime.datetime.strptime("03/01", "%m/%d")

def test_time_without_year():
    time.strptime("1 March", "%d %B")

def test_date_without_year():
    if sys.version_info >= (3, 14):
        datetime.date.strptime("03/01", "%m/%d")

def test_named_tuple_keywords():
    typing.NamedTuple("Point", x=int)

def test_named_tuple_without_fields():
    NamedTuple("Empty")

def test_named_tuple_fields_none():
    typing.NamedTuple("Empty", None)

def test_typed_dict_without_fields():
    TypedDict("Empty", total=False)

def test_typed_dict_fields_none():
    typing.TypedDict("Empty", None)

def test_rlock_arguments():
    threading.RLock(1)

def test_single_dash_long_option():
    parser = argparse.ArgumentParser()
    parser.add_argument("-f", "-foo")
    assert parser.parse_args(["-foo", "1"]).f == "1"

def test_partial_distribution():
    class Partial(importlib.metadata.Distribution):
        def read_text(self, filename):
            return None

    Partial()

class Loader:
    def load_module(self, name):
        module = sys.modules[name] = types.ModuleType(name)
        return module

class Finder:
    def find_spec(self, name, path, target=None):
        if name == "legacy_loaded":
            return importlib.util.spec_from_loader(name, Loader())

def test_load_module_fallback():
    sys.meta_path.insert(0, Finder())
    try:
        import legacy_loaded
    finally:
        sys.meta_path.remove(sys.meta_path[0])
        sys.modules.pop("legacy_loaded", None)

def test_node_without_its_name():
    ast.Name(ctx=ast.Load())

def test_node_with_a_keyword_of_its_own():
    ast.Name(id="x", spam=1)

class Partial(ast.AST):
    _fields = ("x", "y")
    _field_types = {"x": int}

def test_node_class_with_untyped_field():
    Partial(x=1)

def test_connect_positional_arguments():
    sqlite3.connect(":memory:", 5.0).close()

S, T1, T2 = typing.TypeVar("S"), typing.TypeVar("T1"), typing.TypeVar("T2")

def test_protocol_unlisted_type_variable():
    class P1(typing.Protocol[S]):
        pass

    class E(P1[S], typing.Protocol[T1, T2]):
        pass

def test_protocol_parameter_order():
    class A(typing.Protocol[T1]):
        pass

    class B(A[T2], typing.Protocol[T1, T2]):
        pass

def test_what_315_still_takes():
    datetime.datetime.strptime("2024 02/29", "%Y %m/%d")
    time.strptime("1 March 24", "%d %B %y")
    time.strptime("03/%d", "%m/%%d")
    time.strptime("Mon Mar  1 10:00:00 2021")
    time.strptime("10:00", "%H:%M")

    class Point(NamedTuple):
        x: int

    class Movie(TypedDict):
        name: str

    assert Point(1).x == 1 and Movie(name="x") == {"name": "x"}
    assert typing.NamedTuple("Pair", [("a", int), ("b", int)])(1, 2).b == 2
    assert typing.TypedDict("Empty", {}, total=False)() == {}
    with threading.RLock():
        pass
    parser = argparse.ArgumentParser()
    parser.add_argument("-f", "--foo")
    parser.add_argument("-g", "-goo", dest="g")
    parser.add_argument("-bar")
    args = parser.parse_args(["--foo", "1", "-goo", "2", "-bar", "3"])
    assert (args.foo, args.g, args.bar) == ("1", "2", "3")

    class Whole(importlib.metadata.Distribution):
        def read_text(self, filename):
            return None

        def locate_file(self, path):
            return path

    Whole()
    assert next(iter(importlib.metadata.distributions())).metadata["Name"]
    ast.Name("x")
    ast.Name(id="x", lineno=1, col_offset=0)
    ast.arguments()
    ast.ImportFrom(names=[])
    ast.keyword(value=ast.Constant(1))
    Partial(x=1, y=2)
    tree = ast.Module(body=[ast.Expr(ast.Constant(1))], type_ignores=[])
    exec(compile(ast.fix_missing_locations(tree), "<built>", "exec"))
    sqlite3.connect(":memory:", timeout=5.0).close()

    class A(typing.Protocol[T1]):
        pass

    class B(A[T1], typing.Protocol[T1, T2]):
        pass

    class Plain(typing.Protocol):
        pass

    class Generic(A[T1], typing.Generic[T1]):
        pass

    assert B.__parameters__ == (T1, T2)

class NoTypes(ast.AST):
    _fields = ("x", "y")

Pair = typing.NamedTuple("Pair", [("a", int)])
Movie = typing.TypedDict("Movie", {"name": str})

def test_classes_the_functions_make_belong_to_the_module_that_made_them():
    import pickle

    assert Pair.__module__ == Movie.__module__ == __name__
    assert pickle.loads(pickle.dumps(Pair(1))) == Pair(1)

def test_what_older_releases_refuse_too():
    for twice in range(2):  # the verdict on a format is kept
        time.strptime("2024 1 March", "%Y %d %B")
    with pytest.raises(TypeError):
        typing.NamedTuple("Pair", [("a", int)], x=int)
    with pytest.raises(TypeError):
        typing.TypedDict("Movie", {"name": str}, year=int)
    assert NoTypes(x=1).x == 1
    parser = argparse.ArgumentParser()
    parser.add_argument("-x", "-y")
    parser.add_argument("-foo", "-bar")
    args = parser.parse_args(["-y", "1", "-bar", "2"])
    assert (args.x, args.foo) == ("1", "2")

def test_what_the_standard_library_does():
    # Code in a frozen module counts as the standard library's own (3.13 and 3.14 warn of
    # these uses too, and a warning is put down to the test's line).
    if sys.version_info >= (3, 13):
        return
    parser = argparse.ArgumentParser()
    for line in (
        "parser.add_argument('-f', '-foo')",
        "time.strptime('1 March', '%d %B')",
        "ast.Name(ctx=ast.Load())",
    ):
        exec(compile(line, "<frozen standard library>", "exec"))
"""


def test_behaviours_removed_in_315_are_caught_even_where_they_are_silent(project):
    project.makepyfile(test_behaviours=BEHAVIOURS_315)
    reprec = project.inline_run("-W", "ignore", "--removed-apis-target=3.15")
    failed = {
        rep.nodeid.split("::")[1]: sorted(finding["api"] for finding in rep.removed_apis)
        for rep in reprec.getreports()
        if rep.failed
    }
    assert failed == {
        "test_datetime_without_year": ["datetime.datetime.strptime:day-of-month-without-year"],
        "test_time_without_year": ["time.strptime:day-of-month-without-year"],
        "test_named_tuple_keywords": ["typing.NamedTuple:keyword-arguments"],
        "test_named_tuple_without_fields": ["typing.NamedTuple:fields-omitted"],
        "test_named_tuple_fields_none": ["typing.NamedTuple:fields-None"],
        "test_typed_dict_without_fields": ["typing.TypedDict:fields-omitted"],
        "test_typed_dict_fields_none": ["typing.TypedDict:fields-None"],
        "test_rlock_arguments": ["threading.RLock:arguments"],
        "test_single_dash_long_option": [
            "argparse.ArgumentParser.add_argument:single-dash-long-option-dest"
        ],
        "test_partial_distribution": [
            "importlib.metadata.Distribution:unimplemented-abstract-methods"
        ],
        "test_load_module_fallback": ["importlib:load_module-fallback"],
        "test_node_with_a_keyword_of_its_own": ["ast.AST:arbitrary-keyword-arguments"],
        "test_connect_positional_arguments": ["sqlite3.connect:positional-arguments"],
        "test_protocol_unlisted_type_variable": ["typing.Protocol:unlisted-type-variables"],
        "test_protocol_parameter_order": ["typing.Protocol:type-parameter-order"],
        # 3.8 has no docstrings to tell the required fields, nor _field_types
        **(
            {
                "test_node_without_its_name": ["ast.AST:omitted-required-fields"],
                "test_node_class_with_untyped_field": ["ast.AST:incomplete-field-types"],
            }
            if sys.version_info >= (3, 9)
            else {}
        ),
        **(
            {"test_date_without_year": ["datetime.date.strptime:day-of-month-without-year"]}
            if sys.version_info >= (3, 14)
            else {}
        ),
    }


SIMULATED = """
import argparse, ast, datetime, importlib.metadata, importlib.util, pytest, sqlite3, sys
import threading, time, types, typing
from typing import NamedTuple

NAMED_TUPLE = "^NamedTuple\\\\(\\\\) "
TYPED_DICT = "^TypedDict\\\\(\\\\) "
NO_FIELDS = "missing 1 required positional argument: 'fields'$"
RLOCK = "^RLock\\\\(\\\\) "
NO_YEAR = "^Day of month directive '%d' may not be used without a year directive. Parsing "

def test_day_of_month_without_year():
    with pytest.raises(ValueError, match=NO_YEAR):
        datetime.datetime.strptime("03/01", "%m/%d")
    with pytest.raises(ValueError, match=NO_YEAR):
        time.strptime("nonsense", "%d")
    if hasattr(datetime.date, "strptime"):  # 3.14 on (sys says 3.15 here)
        with pytest.raises(ValueError, match=NO_YEAR):
            datetime.date.strptime("03/01", "%m/%d")
    assert time.strptime("03/%d", "%m/%%d").tm_mon == 3
    assert datetime.datetime.strptime("2024 02/29", "%Y %m/%d").day == 29

def test_fields():
    with pytest.raises(TypeError, match=NAMED_TUPLE + "got an unexpected keyword argument 'x'$"):
        typing.NamedTuple("Point", x=int)
    with pytest.raises(TypeError, match=NAMED_TUPLE + NO_FIELDS):
        NamedTuple("Empty")
    with pytest.raises(TypeError, match="^'NoneType' object is not iterable$"):
        typing.NamedTuple("Empty", None)
    with pytest.raises(TypeError, match=TYPED_DICT + NO_FIELDS):
        typing.TypedDict("Empty", total=False)
    with pytest.raises(TypeError, match="^'NoneType' object is not iterable$"):
        typing.TypedDict("Empty", None)

    class Point(NamedTuple):
        x: int

    assert Point(1).x == 1

def test_rlock_arguments():
    with pytest.raises(TypeError, match=RLOCK + "takes 0 positional arguments but 2 were given$"):
        threading.RLock(1, 2)
    with pytest.raises(TypeError, match=RLOCK + "got an unexpected keyword argument 'x'$"):
        threading.RLock(x=1)
    with threading.RLock():
        pass

def test_single_dash_long_option():
    parser = argparse.ArgumentParser()
    parser.add_argument("-f", "-foo")
    parser.add_argument("-g", "--goo")
    args = parser.parse_args(["-foo", "1", "-g", "2"])
    assert (args.foo, args.goo) == ("1", "2")
    assert not hasattr(args, "f")

def test_partial_distribution():
    class Partial(importlib.metadata.Distribution):
        def read_text(self, filename):
            return None

    message = "^Can't instantiate abstract class Partial without an implementation for "
    with pytest.raises(TypeError, match=message + "abstract method 'locate_file'$"):
        Partial()

class Loader:
    def load_module(self, name):
        module = sys.modules[name] = types.ModuleType(name)
        return module

class Finder:
    def find_spec(self, name, path, target=None):
        if name == "legacy_loaded":
            return importlib.util.spec_from_loader(name, Loader())

def test_load_module_fallback():
    sys.meta_path.insert(0, Finder())
    try:
        message = "^'Loader' object has no attribute 'exec_module'"
        with pytest.raises(AttributeError, match=message):
            import legacy_loaded
    finally:
        sys.meta_path.remove(sys.meta_path[0])
    assert "legacy_loaded" not in sys.modules

def test_node_constructors():
    with pytest.raises(TypeError, match="^ast.Name.__init__ got an unexpected keyword argument"):
        ast.Name(spam=1)
    if not ast.BinOp.__doc__:  # 3.8 documents no fields: what is required is not known
        return
    with pytest.raises(TypeError, match="^ast.BinOp.__init__ missing 2 required positional "):
        ast.BinOp(left=ast.Constant(1))
    with pytest.raises(TypeError, match="arguments: 'left', 'op', and 'right'$"):
        ast.BinOp()

    class Partial(ast.AST):
        _fields = ("x", "y")
        _field_types = {"x": int}

    with pytest.raises(TypeError, match="^Field 'y' is missing from test_simulated.test_node_"):
        Partial(x=1)
    assert ast.Name("x").id == ast.Name(id="x", lineno=1).id == "x"

def test_connect():
    message = "^connect\\(\\) takes at most 1 positional arguments \\(3 given\\)$"
    with pytest.raises(TypeError, match=message):
        sqlite3.connect(":memory:", 5.0, 0)
    sqlite3.connect(":memory:", timeout=5.0).close()

def test_protocols():
    S, T1, T2 = typing.TypeVar("S"), typing.TypeVar("T1"), typing.TypeVar("T2")

    class A(typing.Protocol[T1]):
        pass

    class B(A[T2], typing.Protocol[T1, T2]):
        pass

    assert B.__parameters__ == (T1, T2)
    with pytest.raises(TypeError, match="^Some type variables \\(~S\\) are not listed in Protoc"):

        class E(A[S], typing.Protocol[T1, T2]):
            pass

Pair = typing.NamedTuple("Pair", [("a", int)])

def test_classes_the_functions_make_belong_to_the_module_that_made_them():
    import pickle

    assert Pair.__module__ == typing.TypedDict("Movie", {"name": str}).__module__ == __name__
    assert pickle.loads(pickle.dumps(Pair(1))) == Pair(1)

@pytest.mark.allow_removed("time.strptime:day-of-month-without-year")
def test_allowed():
    assert time.strptime("1 March", "%d %B").tm_mday == 1

@pytest.mark.allow_removed(
    "importlib:load_module-fallback", "typing.Protocol:type-parameter-order"
)
def test_allowed_import_system_and_protocol():
    sys.meta_path.insert(0, Finder())
    try:
        import legacy_loaded
    finally:
        sys.meta_path.remove(sys.meta_path[0])
        sys.modules.pop("legacy_loaded", None)
    T1, T2 = typing.TypeVar("T1"), typing.TypeVar("T2")

    class A(typing.Protocol[T1]):
        pass

    class B(A[T2], typing.Protocol[T1, T2]):
        pass

    assert B.__parameters__ == (T2, T1)
"""


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_behaviours_removed_in_315_behave_as_on_315_under_simulation(project):
    project.makepyfile(test_simulated=SIMULATED)
    project.runpytest("--simulate-python=3.15", "-W", "ignore").assert_outcomes(passed=12)


@pytest.mark.parametrize(
    ("format", "refused"),
    [
        ("%m/%d", True),
        ("%d", True),
        ("%d %B %y", False),
        ("%G-%m-%d", False),
        ("%Y%m%d", False),
        ("%m/%%d", False),
        ("%x", False),  # the locale's date, a year in it
        ("%j", False),
        ("(%d)", True),
        ("%%%d", True),
    ],
)
def test_a_format_is_refused_as_315_reads_it(format, refused):
    assert day_without_year(format) is refused


def test_a_distribution_is_made_with_its_arguments_once_the_plugin_is_gone(project, tmp_path):
    # Up to 3.11 Distribution inherits object.__new__, which CPython would go on calling with
    # the arguments once a __new__ set on the class is taken away.
    import importlib.metadata

    project.makepyfile(test_one="def test_one(): pass")
    project.inline_run("--removed-apis-target=3.15").assertoutcome(passed=1)
    distribution = importlib.metadata.PathDistribution(tmp_path / "x.dist-info")
    assert distribution.locate_file("y") == tmp_path / "y"
