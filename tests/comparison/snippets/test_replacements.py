"""The documented replacement of each removed API: passes on 3.8 to 3.13 alike."""

import asyncio
import configparser
import gzip
import importlib
import importlib.machinery
import importlib.util
import io
import locale
import os
import random
import shlex
import smtplib
import ssl
import sys
import unittest


def test_importlib_util_module_from_spec_instead_of_imp():
    spec = importlib.util.find_spec("json")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.loads("[1]") == [1]


def test_asyncio_instead_of_asyncore():
    async def answer():
        return 42

    loop = asyncio.new_event_loop()
    try:
        assert loop.run_until_complete(answer()) == 42
    finally:
        loop.close()


def test_ConfigParser_instead_of_SafeConfigParser():
    parser = configparser.ConfigParser()
    parser.read_string("[section]\nkey = value\n")
    assert parser.get("section", "key") == "value"


def test_read_file_instead_of_readfp():
    parser = configparser.ConfigParser()
    parser.read_file(io.StringIO("[section]\nkey = value\n"))
    assert parser.get("section", "key") == "value"


def test_locale_format_string_instead_of_format():
    assert locale.format_string("%d", 1) == "1"


def test_SSLContext_wrap_socket_instead_of_ssl_wrap_socket():
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    assert callable(context.wrap_socket)


def test_importlib_util_find_spec_instead_of_find_loader():
    assert importlib.util.find_spec("json").loader is not None


def test_find_spec_on_a_zip_path_instead_of_zipimporter_find_module(zip_with_module, monkeypatch):
    monkeypatch.syspath_prepend(zip_with_module)
    spec = importlib.util.find_spec("zipped_module")
    assert spec is not None
    assert spec.origin.endswith("zipped_module.py")


def test_os_link_instead_of_Path_link_to(tmp_path):
    source = tmp_path / "source.txt"
    source.write_text("data")
    os.link(str(source), str(tmp_path / "hard-link.txt"))
    assert (tmp_path / "hard-link.txt").read_text() == "data"


def test_GzipFile_name_instead_of_filename(tmp_path):
    path = str(tmp_path / "data.gz")
    with gzip.GzipFile(path, "wb") as archive:
        assert archive.name == path


def test_randrange_with_int():
    assert random.randrange(int(10.0)) in range(10)


def test_shlex_split_with_a_string():
    assert shlex.split("one 'two three'") == ["one", "two three"]


class _SpecMetaPathFinder:
    name = "modern_meta_path_module"

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.name:
            return None
        return importlib.util.spec_from_loader(fullname, _ExecModuleLoader())


class _ExecModuleLoader:
    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.ANSWER = 42


def test_meta_path_finder_with_find_spec(monkeypatch):
    name = _SpecMetaPathFinder.name
    monkeypatch.setattr(sys, "meta_path", [_SpecMetaPathFinder(), *sys.meta_path])
    try:
        module = importlib.import_module(name)
    finally:
        sys.modules.pop(name, None)
    assert module.ANSWER == 42


def test_SMTP_SSL_context_instead_of_keyfile_and_certfile(key_and_cert):
    key, cert = key_and_cert
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.load_cert_chain(cert, key)
    client = smtplib.SMTP_SSL(context=context)
    assert client.context is context
    client.close()


def test_TestLoader_loadTestsFromTestCase_instead_of_makeSuite():
    class Case(unittest.TestCase):
        def test_one(self):
            pass

    assert unittest.TestLoader().loadTestsFromTestCase(Case).countTestCases() == 1


class TestModernAssertions(unittest.TestCase):
    def test_assertEqual_assertTrue_assertFalse(self):
        self.assertEqual(1, 1)
        self.assertTrue(True)
        self.assertFalse(False)

    def test_assertRaises_assertRegex_assertRaisesRegex(self):
        self.assertRaises(ZeroDivisionError, lambda: 1 / 0)
        self.assertRegex("abc", "b")
        with self.assertRaisesRegex(ValueError, "bad"):
            raise ValueError("bad value")

    def test_dict_items_subset_instead_of_assertDictContainsSubset(self):
        self.assertLessEqual({"a": 1}.items(), {"a": 1, "b": 2}.items())
