"""Attributes removed in Python 3.12, on modules, classes and instances.

Real 3.12: using one raises AttributeError (``from module import name`` raises ImportError),
``hasattr()`` is false, ``getattr()`` with a default returns the default and the name is not
in ``dir()``; a name that a subclass defines itself is still there.  The tests that use a
removed name fail there; the ones that check for it pass.  3.8-3.11 without the plugin:
every test passes.
"""

# ruff: noqa: UP005, PT009 - removed unittest aliases on purpose

import configparser
import gzip
import importlib.util
import io
import locale
import multiprocessing.connection
import pkgutil
import ssl
import sys
import unittest

PY312 = sys.version_info >= (3, 12)


class TestAliasesOnSelf(unittest.TestCase):
    def test_assertEquals(self):
        self.assertEquals(1, 1)

    def test_failUnlessEqual(self):
        self.failUnlessEqual("a", "a")

    def test_assertRegexpMatches(self):
        self.assertRegexpMatches("abc", "b")

    def test_assertNotRegexpMatches(self):
        self.assertNotRegexpMatches("abc", "x")

    def test_failIf(self):
        self.failIf(False)

    def test_assertNotAlmostEquals(self):
        self.assertNotAlmostEquals(1.0, 2.0)

    def test_hasattr_self_is_false_exactly_from_312(self):
        self.assertEqual(hasattr(self, "assertEquals"), not PY312)

    def test_getattr_self_with_a_default(self):
        legacy = getattr(self, "failUnless", None)
        self.assertEqual(legacy is None, PY312)


class TestSubclassDefinesTheName(unittest.TestCase):
    def assertEquals(self, first, second):
        self.assertEqual(first, second)

    def test_own_assertEquals_keeps_working(self):
        self.assertEquals(2, 2)


class TestSuperAlias(unittest.TestCase):
    def assertEquals(self, first, second):
        super().assertEquals(first, second)

    def test_super_assertEquals(self):
        self.assertEquals(3, 3)


def test_alias_on_a_class():
    assert callable(unittest.TestCase.assertNotEquals)


def test_alias_on_an_instance_in_a_plain_function():
    unittest.TestCase().failUnlessAlmostEqual(1.0, 1.0)


def test_alias_is_in_the_class_dict_exactly_before_312():
    assert ("assertEquals" in vars(unittest.TestCase)) == (not PY312)


def test_module_function():
    assert callable(ssl.match_hostname)


def test_module_class():
    assert isinstance(pkgutil.ImpLoader, type)


def test_module_constant_of_a_submodule():
    assert isinstance(multiprocessing.connection.FAILURE, bytes)


def test_importlib_util_decorator():
    assert callable(importlib.util.module_for_loader)


def test_from_module_import_removed_name():
    from configparser import SafeConfigParser

    assert issubclass(SafeConfigParser, configparser.ConfigParser)


def test_from_module_import_removed_name_beside_others():
    from ssl import SSLContext, wrap_socket

    assert callable(wrap_socket)
    assert isinstance(SSLContext, type)


def test_hasattr_module_is_false_exactly_from_312():
    assert hasattr(locale, "format") == (not PY312)


def test_getattr_module_with_a_default():
    assert (getattr(pkgutil, "ImpImporter", None) is None) == PY312


def test_getattr_class_with_a_default():
    assert (getattr(unittest.TestCase, "assert_", None) is None) == PY312


def test_getattr_without_a_default_raises_AttributeError_exactly_from_312():
    try:
        getattr(ssl, "wrap_socket")  # noqa: B009 - getattr() is what is tested
    except AttributeError:
        assert PY312
    else:
        assert not PY312


def test_removed_name_is_in_dir_exactly_before_312():
    assert ("wrap_socket" in dir(ssl)) == (not PY312)


def test_removed_name_is_in_the_module_dict_exactly_before_312():
    assert ("RAND_pseudo_bytes" in vars(ssl)) == (not PY312)


def test_method_through_an_instance():
    parser = configparser.ConfigParser()
    parser.readfp(io.StringIO("[section]\nkey = value\n"))
    assert parser.get("section", "key") == "value"


def test_hasattr_instance_is_false_exactly_from_312():
    assert hasattr(configparser.RawConfigParser(), "readfp") == (not PY312)


def test_subclass_instance_inherits_no_removed_method():
    class Parser(configparser.ConfigParser):
        pass

    assert hasattr(Parser(), "readfp") == (not PY312)


def test_property_on_an_instance(tmp_path):
    path = str(tmp_path / "data.gz")
    with gzip.GzipFile(path, "wb") as archive:
        assert archive.filename == path


def test_attribute_of_an_exception_instance():
    error = configparser.ParsingError(source="settings.ini")
    assert error.filename == "settings.ini"


def test_star_import_leaves_out_removed_names_listed_in___all___exactly_from_312():
    namespace: dict[str, object] = {}
    exec("from locale import *", namespace)
    assert ("format" in namespace) == (not PY312)
    assert "format_string" in namespace


def test_star_import_of_a_module_without___all___exactly_from_312():
    namespace: dict[str, object] = {}
    exec("from ssl import *", namespace)
    assert ("wrap_socket" in namespace) == (not PY312)
    assert "SSLContext" in namespace


def test_removed_name_is_in___all___exactly_before_312():
    assert ("SafeConfigParser" in configparser.__all__) == (not PY312)


def test_module_dict_is_still_a_writable_namespace():
    namespace = vars(ssl)
    namespace["_removed_apis_probe"] = 1
    try:
        assert ssl._removed_apis_probe == 1
        assert namespace.get("_removed_apis_probe") == 1
    finally:
        del namespace["_removed_apis_probe"]
    assert not hasattr(ssl, "_removed_apis_probe")


def test_copy_of_the_module_dict_exactly_before_312():
    assert ("RAND_pseudo_bytes" in ssl.__dict__.copy()) == (not PY312)


def test_instance_attribute_where_a_removed_property_was():
    error = configparser.ParsingError("x.ini")
    error.filename = "y.ini"
    assert error.filename == "y.ini"


def test_setting_a_removed_read_only_property_exactly_from_312():
    compressed = gzip.GzipFile(fileobj=io.BytesIO(), mode="wb")
    try:
        compressed.filename = "z.gz"
    except AttributeError:
        assert not PY312
    else:
        assert PY312
        assert compressed.filename == "z.gz"
