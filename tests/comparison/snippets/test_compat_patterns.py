"""Compatibility code that is correct on 3.12: it touches a removed API only on the
releases that still have it.  Passes on 3.8 to 3.13 alike."""

import configparser
import importlib
import importlib.metadata
import importlib.util
import locale
import ssl
import sys
import unittest


def test_version_branch_imp_or_importlib():
    if sys.version_info < (3, 12):
        import imp

        suffixes = [suffix for suffix, _mode, _kind in imp.get_suffixes()]
    else:
        import importlib.machinery

        suffixes = importlib.machinery.all_suffixes()
    assert ".py" in suffixes


def test_try_import_imp_except_ImportError():
    try:
        import imp
    except ImportError:
        imp = None
    assert imp is None or hasattr(imp, "reload")


def test_try_from_asyncore_import_dispatcher_except_ImportError():
    try:
        from asyncore import dispatcher
    except ImportError:
        dispatcher = None
    assert dispatcher is None or callable(dispatcher)


def test_try_import_distutils_except_ImportError():
    try:
        from distutils.version import LooseVersion
    except ImportError:
        LooseVersion = None
    assert LooseVersion is None or callable(LooseVersion)


def test_try_SafeConfigParser_fallback_to_ConfigParser():
    try:
        from configparser import SafeConfigParser
    except ImportError:
        from configparser import ConfigParser as SafeConfigParser
    parser = SafeConfigParser()
    parser.read_string("[section]\nkey = value\n")
    assert parser.get("section", "key") == "value"


def test_version_branch_SafeConfigParser_or_ConfigParser():
    if sys.version_info >= (3, 12):
        parser = configparser.ConfigParser()
    else:
        parser = configparser.SafeConfigParser()
    parser.read_string("[section]\nkey = value\n")
    assert parser.get("section", "key") == "value"


def test_hasattr_ssl_wrap_socket_branch():
    if hasattr(ssl, "wrap_socket"):
        wrap = ssl.wrap_socket
    else:
        wrap = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).wrap_socket
    assert callable(wrap)


def test_getattr_locale_format_with_default():
    format_ = getattr(locale, "format", None) or locale.format_string
    assert format_("%d", 1) == "1"


def test_getattr_TestCase_assertEquals_with_default():
    legacy = getattr(unittest.TestCase, "assertEquals", None)
    assert_equal = legacy or unittest.TestCase.assertEqual
    assert_equal(unittest.TestCase(), 1, 1)


def test_find_spec_of_removed_module_matches_the_version():
    assert (importlib.util.find_spec("imp") is None) == (sys.version_info >= (3, 12))


def test_entry_points_select_or_dict_interface():
    entry_points = importlib.metadata.entry_points()
    if hasattr(entry_points, "select"):
        scripts = entry_points.select(group="console_scripts")
    else:
        scripts = entry_points.get("console_scripts", ())
    assert len(scripts) > 0


def test_removed_api_in_a_function_never_called():
    def load_legacy_module(path):
        import imp

        return imp.load_source("legacy", path)

    assert callable(load_legacy_module)


def test_removed_alias_in_a_TestCase_never_run():
    class Legacy(unittest.TestCase):
        def runTest(self):
            self.assertEquals(1, 1)

    assert issubclass(Legacy, unittest.TestCase)


class TestCompatInTestCase(unittest.TestCase):
    def test_getattr_self_assertEquals_with_default(self):
        assert_equal = getattr(self, "assertEquals", self.assertEqual)
        assert_equal(1, 1)
