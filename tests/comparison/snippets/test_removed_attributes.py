"""Module attributes, classes, functions and methods removed in Python 3.12.

3.12: AttributeError (or ImportError for ``from x import name``), every test fails.  Some of
them warn on 3.11 when used, some only when called, some never (plain attribute access to
ssl.wrap_socket, pkgutil.ImpImporter, zipimport.zipimporter.find_module, ...).
"""

import configparser
import gzip
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import io
import locale
import pkgutil
import sqlite3
import ssl
import unittest
import zipimport


def test_configparser_SafeConfigParser_instance():
    parser = configparser.SafeConfigParser()
    parser.read_string("[section]\nkey = value\n")
    assert parser.get("section", "key") == "value"


def test_from_configparser_import_SafeConfigParser():
    from configparser import SafeConfigParser

    assert issubclass(SafeConfigParser, configparser.ConfigParser)


def test_ConfigParser_readfp():
    parser = configparser.ConfigParser()
    parser.readfp(io.StringIO("[section]\nkey = value\n"))
    assert parser.get("section", "key") == "value"


def test_ParsingError_filename_attribute():
    error = configparser.ParsingError("settings.ini")
    assert error.filename == "settings.ini"


def test_locale_format():
    assert locale.format("%d", 1) == "1"


def test_ssl_wrap_socket_attribute_access():
    wrap_socket = ssl.wrap_socket
    assert callable(wrap_socket)


def test_from_ssl_import_wrap_socket():
    from ssl import wrap_socket

    assert callable(wrap_socket)


def test_ssl_RAND_pseudo_bytes():
    data, _is_cryptographic = ssl.RAND_pseudo_bytes(8)
    assert len(data) == 8


def test_pkgutil_ImpImporter_attribute_access():
    assert isinstance(pkgutil.ImpImporter, type)


def test_importlib_find_loader():
    assert importlib.find_loader("json") is not None


def test_PathFinder_find_module():
    assert importlib.machinery.PathFinder.find_module("json") is not None


def test_importlib_abc_Finder_subclass():
    class Finder(importlib.abc.Finder):
        def find_module(self, fullname, path=None):
            return None

    assert Finder().find_module("anything") is None


def test_importlib_util_set_package_decorator():
    @importlib.util.set_package
    def load(module):
        return module

    assert callable(load)


def test_zipimporter_find_module(zip_with_module):
    importer = zipimport.zipimporter(zip_with_module)
    assert importer.find_module("zipped_module") is importer


def test_Path_link_to(tmp_path):
    source = tmp_path / "source.txt"
    source.write_text("data")
    source.link_to(tmp_path / "hard-link.txt")
    assert (tmp_path / "hard-link.txt").read_text() == "data"


def test_GzipFile_filename(tmp_path):
    path = str(tmp_path / "data.gz")
    with gzip.GzipFile(path, "wb") as archive:
        assert archive.filename == path


def test_sqlite3_enable_shared_cache():
    sqlite3.enable_shared_cache(False)


def test_unittest_TextTestResult_alias():
    assert unittest._TextTestResult is unittest.TextTestResult


def test_webbrowser_Netscape_class():
    import webbrowser

    assert isinstance(webbrowser.Netscape, type)


def test_dis_hasnargs():
    import dis

    assert dis.hasnargs == []


def test_multiprocessing_connection_CHALLENGE():
    import multiprocessing.connection

    assert isinstance(multiprocessing.connection.CHALLENGE, bytes)


def test_ftplib_FTP_TLS_ssl_version():
    import ftplib

    assert ftplib.FTP_TLS.ssl_version is not None
