"""Behaviours removed in Python 3.13 (present in 3.12).

One test per behaviour in the catalog that can be shown on 3.8 to 3.12 alike.  Real 3.13:
TypeError or RuntimeError.  Real 3.12: every test passes.  3.8-3.11 without the plugin:
every test passes.

Not here: chaining ``classmethod`` around another descriptor, which 3.8 cannot do (it came
in 3.9), so no test can pass on every release before 3.13 and fail on 3.13.
"""

# ruff: noqa: UP013 - the keyword form of TypedDict on purpose

import importlib.metadata
import pathlib
import typing


def test_Path_as_a_context_manager(tmp_path):
    with pathlib.Path(str(tmp_path)) as path:
        assert path.is_dir()


def test_TypedDict_keyword_arguments():
    Point = typing.TypedDict("Point", x=int, y=int)
    assert Point(x=1, y=2) == {"x": 1, "y": 2}


def test_EntryPoint_tuple_access():
    entry_point = importlib.metadata.EntryPoint(name="tool", value="os:getcwd", group="tools")
    assert entry_point[1] == "os:getcwd"


def test_frame_clear_on_a_suspended_generator():
    def numbers():
        yield 1
        yield 2

    generator = numbers()
    assert next(generator) == 1
    generator.gi_frame.clear()
    assert list(generator) == []
