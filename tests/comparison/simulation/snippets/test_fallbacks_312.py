"""Compatibility code and replacements that keep working on 3.12.

``try: import imp / except ImportError:`` fallbacks, at import time and in tests, and the
documented replacement of each removed API.  Real 3.12: the fallback branch runs and every
test passes.  3.8-3.11 without the plugin: the first branch runs and every test passes.
"""

import asyncio
import configparser
import contextlib
import http.client
import importlib
import importlib.machinery
import importlib.util
import io
import locale
import random
import shutil
import ssl
import sys
import sysconfig
import types
import unittest

try:
    import imp
except ImportError:
    imp = None

try:
    from asyncore import dispatcher
except ModuleNotFoundError:
    dispatcher = None

try:
    from configparser import SafeConfigParser as Parser
except ImportError:
    from configparser import ConfigParser as Parser


def test_module_level_fallbacks_match_the_release():
    gone = sys.version_info >= (3, 12)
    assert (imp is None) == gone
    assert (dispatcher is None) == gone
    assert Parser.__name__ == ("ConfigParser" if gone else "SafeConfigParser")


def test_module_level_fallback_parser_works():
    parser = Parser()
    parser.read_string("[section]\nkey = value\n")
    assert parser.get("section", "key") == "value"


def test_try_imp_load_source_except_ImportError(tmp_path):
    path = tmp_path / "simulation_plugin_module.py"
    path.write_text("VALUE = 7\n")
    try:
        try:
            import imp

            module = imp.load_source("simulation_plugin_module", str(path))
        except ImportError:
            spec = importlib.util.spec_from_file_location("simulation_plugin_module", str(path))
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
    finally:
        sys.modules.pop("simulation_plugin_module", None)
    assert module.VALUE == 7


def test_try_distutils_LooseVersion_except_ImportError():
    try:
        from distutils.version import LooseVersion as Version
    except ImportError:

        def Version(text):
            return tuple(int(part) for part in text.split("."))

    assert Version("1.10") > Version("1.9")


def test_contextlib_suppress_ImportError():
    smtpd = None
    with contextlib.suppress(ImportError):
        import smtpd
    assert (smtpd is None) == (sys.version_info >= (3, 12))


def test_except_ModuleNotFoundError_checking_the_name():
    try:
        import asynchat
    except ModuleNotFoundError as error:
        if error.name != "asynchat":
            raise
        asynchat = None
    assert asynchat is None or isinstance(asynchat.async_chat, type)


def test_try_attribute_except_AttributeError():
    try:
        wrap_socket = ssl.wrap_socket
    except AttributeError:
        wrap_socket = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).wrap_socket
    assert callable(wrap_socket)


def test_try_keyword_except_TypeError():
    try:
        connection = http.client.HTTPSConnection("localhost", check_hostname=False)
    except TypeError:
        context = ssl.create_default_context()
        context.check_hostname = False
        connection = http.client.HTTPSConnection("localhost", context=context)
    assert connection.host == "localhost"


def test_try_randrange_float_except_TypeError():
    try:
        value = random.randrange(10.0)
    except TypeError:
        value = random.randrange(10)
    assert value in range(10)


class TestAliasFallback(unittest.TestCase):
    def test_try_self_assertEquals_except_AttributeError(self):
        try:
            assert_equal = self.assertEquals
        except AttributeError:
            assert_equal = self.assertEqual
        assert_equal(1, 1)


def test_spec_from_file_location_instead_of_imp_load_source(tmp_path):
    path = tmp_path / "simulation_replacement_module.py"
    path.write_text("VALUE = 8\n")
    spec = importlib.util.spec_from_file_location("simulation_replacement_module", str(path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.VALUE == 8


def test_types_ModuleType_instead_of_imp_new_module():
    module = types.ModuleType("simulation_new_module")
    assert module.__name__ == "simulation_new_module"


def test_importlib_reload_instead_of_imp_reload():
    import colorsys

    assert importlib.reload(colorsys) is colorsys


def test_importlib_machinery_all_suffixes_instead_of_imp_get_suffixes():
    assert ".py" in importlib.machinery.all_suffixes()


def test_sysconfig_instead_of_distutils_sysconfig():
    assert sysconfig.get_paths()["stdlib"]


def test_shutil_which_instead_of_distutils_spawn_find_executable():
    assert shutil.which(sys.executable) is not None


def test_asyncio_streams_instead_of_asynchat():
    async def read_line():
        reader = asyncio.StreamReader()
        reader.feed_data(b"hello\r\n")
        reader.feed_eof()
        return await reader.readline()

    assert asyncio.run(read_line()) == b"hello\r\n"


def test_SSLContext_wrap_socket_instead_of_ssl_wrap_socket():
    context = ssl.create_default_context()
    assert callable(context.wrap_socket)


def test_locale_format_string_instead_of_format():
    assert locale.format_string("%d", 12) == "12"


def test_ConfigParser_read_file_instead_of_readfp():
    parser = configparser.ConfigParser()
    parser.read_file(io.StringIO("[section]\nkey = value\n"))
    assert parser.get("section", "key") == "value"


def test_find_spec_instead_of_find_loader():
    assert importlib.util.find_spec("json").loader is not None
