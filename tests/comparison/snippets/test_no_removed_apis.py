"""Tests that use nothing removed: pass on 3.8 to 3.13 alike."""

import datetime
import json
import time
import typing
import unittest
import warnings


def test_json_round_trip():
    assert json.loads(json.dumps({"a": [1, 2]})) == {"a": [1, 2]}


def test_path_write_and_read(tmp_path):
    path = tmp_path / "file.txt"
    path.write_text("hello")
    assert path.read_text() == "hello"


def test_dates_parsed_with_a_year_and_fields_given():
    assert datetime.datetime.strptime("2024 02/29", "%Y %m/%d").day == 29
    assert time.strptime("03/%d", "%m/%%d").tm_mon == 3
    assert typing.NamedTuple("Pair", [("a", int), ("b", int)])(1, 2).b == 2
    assert typing.TypedDict("Empty", {}, total=False)() == {}


def test_unrelated_deprecation_warning_passes_through():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.warn("not about a removed API", DeprecationWarning, stacklevel=1)
    assert len(caught) == 1


class TestPlainUnittest(unittest.TestCase):
    def test_assertEqual(self):
        self.assertEqual(sorted([3, 1, 2]), [1, 2, 3])
