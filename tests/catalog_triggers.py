"""Snippets that use each catalogued API the way real code does.

Each runs in a fresh interpreter (tests/test_catalog_on_interpreter.py): before the API's
removal it must run without error (and warn as the catalog says); from the removal on it
must raise the exception named next to it, as the newer CPython does.
"""

from __future__ import annotations

from typing import NamedTuple


class Trigger(NamedTuple):
    code: str
    gone: str
    """The exception the snippet raises on the release that removed the API."""


TRIGGERS: dict[str, Trigger] = {
    "argparse.ArgumentParser.add_argument:single-dash-long-option-dest": Trigger(
        """\
import argparse
parser = argparse.ArgumentParser()
parser.add_argument('-f', '-foo')
assert parser.parse_args(['-foo', '1']).f == '1'
""",
        "AttributeError",
    ),
    "ast.AST:arbitrary-keyword-arguments": Trigger(
        """\
import ast
node = ast.Name(id='x', ctx=ast.Load(), spam=1)
assert node.id == 'x'
""",
        "TypeError",
    ),
    "ast.AST:incomplete-field-types": Trigger(
        """\
import ast
class Node(ast.AST):
    _fields = ('x', 'y')
    _field_types = {'x': int}
assert Node(x=1).x == 1
""",
        "TypeError",
    ),
    "ast.AST:omitted-required-fields": Trigger(
        """\
import ast
node = ast.Name(ctx=ast.Load())
assert not hasattr(node, 'id')
""",
        "TypeError",
    ),
    "base64.test": Trigger(
        """\
import base64
assert callable(base64.test)
""",
        "AttributeError",
    ),
    "dis.hasnargs": Trigger(
        """\
import dis
assert dis.hasnargs == []
""",
        "AttributeError",
    ),
    "importlib.metadata.Deprecated": Trigger(
        """\
import importlib.metadata
importlib.metadata.Deprecated
""",
        "AttributeError",
    ),
    "importlib.metadata.DeprecatedList": Trigger(
        """\
import importlib.metadata
assert issubclass(importlib.metadata.DeprecatedList, list)
""",
        "AttributeError",
    ),
    "importlib.metadata.Distribution:unimplemented-abstract-methods": Trigger(
        """\
import importlib.metadata
class Partial(importlib.metadata.Distribution):
    def read_text(self, filename):
        return None
assert type(Partial()).__name__ == 'Partial'
""",
        "TypeError",
    ),
    "importlib.metadata.SelectableGroups": Trigger(
        """\
import importlib.metadata
importlib.metadata.SelectableGroups.load([])
""",
        "AttributeError",
    ),
    "importlib:load_module-fallback": Trigger(
        """\
import importlib.util, sys, types
class Loader:
    def load_module(self, name):
        module = sys.modules[name] = types.ModuleType(name)
        return module
class Finder:
    def find_spec(self, name, path, target=None):
        if name == 'legacy_loaded':
            return importlib.util.spec_from_loader(name, Loader())
sys.meta_path.insert(0, Finder())
import legacy_loaded
assert legacy_loaded.__name__ == 'legacy_loaded'
""",
        "AttributeError",
    ),
    "itertools:copy-deepcopy-pickle": Trigger(
        """\
import copy, itertools
assert next(copy.copy(itertools.count(5))) == 5
""",
        "TypeError",
    ),
    "multiprocessing.connection.CHALLENGE": Trigger(
        """\
import multiprocessing.connection
assert isinstance(multiprocessing.connection.CHALLENGE, bytes)
""",
        "AttributeError",
    ),
    "multiprocessing.connection.FAILURE": Trigger(
        """\
import multiprocessing.connection
assert isinstance(multiprocessing.connection.FAILURE, bytes)
""",
        "AttributeError",
    ),
    "multiprocessing.connection.WELCOME": Trigger(
        """\
import multiprocessing.connection
assert isinstance(multiprocessing.connection.WELCOME, bytes)
""",
        "AttributeError",
    ),
    "multiprocessing:fork-default-start-method": Trigger(
        """\
import multiprocessing
process = multiprocessing.Process(target=lambda: None)
process.start()
process.join()
assert process.exitcode == 0
""",
        "PicklingError",
    ),
    "opcode.hasnargs": Trigger(
        """\
import opcode
assert opcode.hasnargs == []
""",
        "AttributeError",
    ),
    "pickle.PyStringMap": Trigger(
        """\
import pickle
assert pickle.PyStringMap is None
""",
        "AttributeError",
    ),
    "sqlite3.connect:positional-arguments": Trigger(
        """\
import sqlite3
sqlite3.connect(':memory:', 5.0).close()
""",
        "TypeError",
    ),
    "tarfile.TarFile.extract:default-filter": Trigger(
        """\
import io, os, tarfile, tempfile
buffer = io.BytesIO()
with tarfile.open(fileobj=buffer, mode='w') as archive:
    info = tarfile.TarInfo('../escaped.txt')
    info.size = 1
    archive.addfile(info, io.BytesIO(b'x'))
buffer.seek(0)
with tempfile.TemporaryDirectory() as root, tarfile.open(fileobj=buffer) as archive:
    target = os.path.join(root, 'inner')
    os.mkdir(target)
    try:
        archive.extract('../escaped.txt', target)
    except tarfile.FilterError as error:  # OutsideDestinationError on 3.14
        raise tarfile.FilterError(str(error)) from None
    assert os.path.exists(os.path.join(root, 'escaped.txt'))
""",
        "FilterError",
    ),
    "tarfile.TarFile.extractall:default-filter": Trigger(
        """\
import io, os, tarfile, tempfile
buffer = io.BytesIO()
with tarfile.open(fileobj=buffer, mode='w') as archive:
    info = tarfile.TarInfo('../escaped.txt')
    info.size = 1
    archive.addfile(info, io.BytesIO(b'x'))
buffer.seek(0)
with tempfile.TemporaryDirectory() as root, tarfile.open(fileobj=buffer) as archive:
    target = os.path.join(root, 'inner')
    os.mkdir(target)
    try:
        archive.extractall(target)
    except tarfile.FilterError as error:  # OutsideDestinationError on 3.14
        raise tarfile.FilterError(str(error)) from None
    assert os.path.exists(os.path.join(root, 'escaped.txt'))
""",
        "FilterError",
    ),
    "typing.Protocol:type-parameter-order": Trigger(
        """\
import typing
T1 = typing.TypeVar('T1'); T2 = typing.TypeVar('T2')
class A(typing.Protocol[T1]):
    pass
class B(A[T2], typing.Protocol[T1, T2]):
    pass
assert B.__parameters__ == (T2, T1)
""",
        "AssertionError",
    ),
    "typing.Protocol:unlisted-type-variables": Trigger(
        """\
import typing
S = typing.TypeVar('S'); T1 = typing.TypeVar('T1'); T2 = typing.TypeVar('T2')
class P1(typing.Protocol[S]):
    pass
class E(P1[S], typing.Protocol[T1, T2]):
    pass
assert len(E.__parameters__) == 3
""",
        "TypeError",
    ),
    "unittest.load_tests": Trigger(
        """\
import unittest
assert callable(unittest.load_tests)
""",
        "AttributeError",
    ),
    "zipfile.FastLookup": Trigger(
        """\
import io, zipfile
buffer = io.BytesIO()
with zipfile.ZipFile(buffer, 'w') as archive:
    archive.writestr('a.txt', 'x')
zipfile.FastLookup(buffer).namelist()
""",
        "AttributeError",
    ),
    "sre_parse.expand_template": Trigger(
        """\
import re, warnings
with warnings.catch_warnings():
    # The module itself is deprecated since 3.11 (and still present in 3.13).
    warnings.simplefilter('ignore', DeprecationWarning)
    import sre_parse
match = re.match('(a)', 'a')
assert sre_parse.expand_template(sre_parse.parse_template(r'\\1x', match.re), match) == 'ax'
""",
        "AttributeError",
    ),
    "ctypes.test": Trigger(
        "from ctypes.test import need_symbol\n",
        "ModuleNotFoundError",
    ),
    "lib2to3.tests": Trigger(
        """\
import warnings
with warnings.catch_warnings():
    # lib2to3 warns about itself (3.9 on), and goes in 3.13: its tests went first.
    warnings.simplefilter('ignore')
    import lib2to3
from lib2to3.tests.support import parse_string
""",
        "ModuleNotFoundError",
    ),
    "tkinter.test": Trigger(
        "from tkinter.test.support import AbstractTkTest\n",
        "ModuleNotFoundError",
    ),
    "unittest.test": Trigger(
        "from unittest.test.support import LoggingResult\n",
        "ModuleNotFoundError",
    ),
    "dis.FORMAT_VALUE": Trigger(
        """\
import dis
assert dis.FORMAT_VALUE == dis.opmap['FORMAT_VALUE']
""",
        "AttributeError",
    ),
    "dis.FORMAT_VALUE_CONVERTERS": Trigger(
        """\
import dis
assert len(dis.FORMAT_VALUE_CONVERTERS) == 4
""",
        "AttributeError",
    ),
    "dis.MAKE_FUNCTION": Trigger(
        """\
import dis
assert dis.MAKE_FUNCTION == dis.opmap['MAKE_FUNCTION']
""",
        "AttributeError",
    ),
    "dis.MAKE_FUNCTION_FLAGS": Trigger(
        """\
import dis
assert 'defaults' in dis.MAKE_FUNCTION_FLAGS
""",
        "AttributeError",
    ),
    "importlib.metadata.DeprecatedTuple": Trigger(
        """\
import importlib.metadata
assert issubclass(importlib.metadata.EntryPoint, importlib.metadata.DeprecatedTuple)
""",
        "AttributeError",
    ),
    "importlib.resources.Resource": Trigger(
        """\
import importlib.resources
importlib.resources.Resource
""",
        "AttributeError",
    ),
    "opcode.oplists": Trigger(
        """\
import opcode
assert opcode.hasconst in opcode.oplists
""",
        "AttributeError",
    ),
    "pdb.Pdb.execRcLines": Trigger(
        """\
import pdb
pdb.Pdb.execRcLines
""",
        "AttributeError",
    ),
    "re.RegexFlag.TEMPLATE": Trigger(
        """\
import re
re.compile('abc', re.RegexFlag.TEMPLATE)
""",
        "AttributeError",
    ),
    "token.ASYNC": Trigger(
        """\
import token
assert token.tok_name[token.ASYNC] == 'ASYNC'
""",
        "AttributeError",
    ),
    "token.AWAIT": Trigger(
        """\
import token
assert token.tok_name[token.AWAIT] == 'AWAIT'
""",
        "AttributeError",
    ),
    "tokenize.ASYNC": Trigger(
        """\
import tokenize
assert tokenize.tok_name[tokenize.ASYNC] == 'ASYNC'
""",
        "AttributeError",
    ),
    "tokenize.AWAIT": Trigger(
        """\
import tokenize
assert tokenize.tok_name[tokenize.AWAIT] == 'AWAIT'
""",
        "AttributeError",
    ),
    "tokenize.StopTokenizing": Trigger(
        """\
import tokenize
assert issubclass(tokenize.StopTokenizing, Exception)
""",
        "AttributeError",
    ),
    "sre_compile.SRE_FLAG_TEMPLATE": Trigger(
        """\
import warnings
with warnings.catch_warnings():
    # The module itself is deprecated since 3.11 (and still present in 3.13).
    warnings.simplefilter('ignore', DeprecationWarning)
    import sre_compile
assert isinstance(sre_compile.SRE_FLAG_TEMPLATE, int)
""",
        "AttributeError",
    ),
    "sre_constants.SRE_FLAG_TEMPLATE": Trigger(
        """\
import warnings
with warnings.catch_warnings():
    # The module itself is deprecated since 3.11 (and still present in 3.13).
    warnings.simplefilter('ignore', DeprecationWarning)
    import sre_constants
assert isinstance(sre_constants.SRE_FLAG_TEMPLATE, int)
""",
        "AttributeError",
    ),
    "sre_parse.SRE_FLAG_TEMPLATE": Trigger(
        """\
import warnings
with warnings.catch_warnings():
    # The module itself is deprecated since 3.11 (and still present in 3.13).
    warnings.simplefilter('ignore', DeprecationWarning)
    import sre_parse
assert isinstance(sre_parse.SRE_FLAG_TEMPLATE, int)
""",
        "AttributeError",
    ),
    "asynchat": Trigger(
        "import asynchat\n",
        "ModuleNotFoundError",
    ),
    "asyncore": Trigger(
        "import asyncore\n",
        "ModuleNotFoundError",
    ),
    "smtpd": Trigger(
        "import smtpd\n",
        "ModuleNotFoundError",
    ),
    "distutils": Trigger(
        "from distutils.core import setup\n",
        "ModuleNotFoundError",
    ),
    "imp": Trigger(
        """\
import imp
imp.find_module('json')
""",
        "ModuleNotFoundError",
    ),
    "configparser.SafeConfigParser": Trigger(
        """\
import configparser
cp = configparser.SafeConfigParser()
""",
        "AttributeError",
    ),
    "configparser.RawConfigParser.readfp": Trigger(
        """\
import configparser, io
cp = configparser.ConfigParser()
cp.readfp(io.StringIO('[s]\\nk = v\\n'))
""",
        "AttributeError",
    ),
    "configparser.ParsingError.filename": Trigger(
        """\
import configparser
err = configparser.ParsingError(source='settings.ini')
err.filename
""",
        "AttributeError",
    ),
    "configparser.ParsingError:filename": Trigger(
        """\
import configparser
err = configparser.ParsingError(filename='settings.ini')
""",
        "TypeError",
    ),
    "enum.EnumMeta.__getattr__": Trigger(
        """\
import enum
class Color(enum.Enum):
    RED = 1
enum.EnumMeta.__getattr__(Color, 'RED')
""",
        "AttributeError",
    ),
    "ftplib.FTP_TLS.ssl_version": Trigger(
        """\
import ftplib
version = ftplib.FTP_TLS.ssl_version
""",
        "AttributeError",
    ),
    "gzip.GzipFile.filename": Trigger(
        """\
import gzip, os, tempfile
path = os.path.join(tempfile.mkdtemp(), 'demo.gz')
with gzip.GzipFile(path, 'wb') as g:
    g.filename
""",
        "AttributeError",
    ),
    "io.OpenWrapper": Trigger(
        """\
import io, os
with io.OpenWrapper(os.devnull) as fh:
    pass
""",
        "AttributeError",
    ),
    "_pyio.OpenWrapper": Trigger(
        """\
import _pyio, os
with _pyio.OpenWrapper(os.devnull) as fh:
    pass
""",
        "AttributeError",
    ),
    "locale.format": Trigger(
        """\
import locale
locale.format('%d', 1234)
""",
        "AttributeError",
    ),
    "sqlite3.enable_shared_cache": Trigger(
        """\
import sqlite3
sqlite3.enable_shared_cache(False)
""",
        "AttributeError",
    ),
    "sqlite3.dbapi2.enable_shared_cache": Trigger(
        """\
import sqlite3.dbapi2
sqlite3.dbapi2.enable_shared_cache(False)
""",
        "AttributeError",
    ),
    "sqlite3.OptimizedUnicode": Trigger(
        """\
import sqlite3
con = sqlite3.connect(':memory:')
con.text_factory = sqlite3.OptimizedUnicode
con.close()
""",
        "AttributeError",
    ),
    "ssl.RAND_pseudo_bytes": Trigger(
        """\
import ssl
ssl.RAND_pseudo_bytes(16)
""",
        "AttributeError",
    ),
    "ssl.match_hostname": Trigger(
        """\
import ssl
cert = {'subject': ((('commonName', 'example.com'),),)}
ssl.match_hostname(cert, 'example.com')
""",
        "AttributeError",
    ),
    "ssl.wrap_socket": Trigger(
        """\
import socket, ssl
sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    tls = ssl.wrap_socket(sock)
    tls.close()
finally:
    sock.close()
""",
        "AttributeError",
    ),
    "unittest.TestCase.failUnless": Trigger(
        """\
import unittest
class DemoTest(unittest.TestCase):
    def runTest(self):
        pass
t = DemoTest()
t.failUnless(True)
""",
        "AttributeError",
    ),
    "unittest.TestCase.failIf": Trigger(
        """\
import unittest
class DemoTest(unittest.TestCase):
    def runTest(self):
        pass
t = DemoTest()
t.failIf(False)
""",
        "AttributeError",
    ),
    "unittest.TestCase.failUnlessEqual": Trigger(
        """\
import unittest
class DemoTest(unittest.TestCase):
    def runTest(self):
        pass
t = DemoTest()
t.failUnlessEqual(1, 1)
""",
        "AttributeError",
    ),
    "unittest.TestCase.failIfEqual": Trigger(
        """\
import unittest
class DemoTest(unittest.TestCase):
    def runTest(self):
        pass
t = DemoTest()
t.failIfEqual(1, 2)
""",
        "AttributeError",
    ),
    "unittest.TestCase.failUnlessAlmostEqual": Trigger(
        """\
import unittest
class DemoTest(unittest.TestCase):
    def runTest(self):
        pass
t = DemoTest()
t.failUnlessAlmostEqual(1.0, 1.0)
""",
        "AttributeError",
    ),
    "unittest.TestCase.failIfAlmostEqual": Trigger(
        """\
import unittest
class DemoTest(unittest.TestCase):
    def runTest(self):
        pass
t = DemoTest()
t.failIfAlmostEqual(1.0, 2.0)
""",
        "AttributeError",
    ),
    "unittest.TestCase.failUnlessRaises": Trigger(
        """\
import unittest
class DemoTest(unittest.TestCase):
    def runTest(self):
        pass
t = DemoTest()
t.failUnlessRaises(ZeroDivisionError, lambda: 1 / 0)
""",
        "AttributeError",
    ),
    "unittest.TestCase.assert_": Trigger(
        """\
import unittest
class DemoTest(unittest.TestCase):
    def runTest(self):
        pass
t = DemoTest()
t.assert_(True)
""",
        "AttributeError",
    ),
    "unittest.TestCase.assertEquals": Trigger(
        """\
import unittest
class DemoTest(unittest.TestCase):
    def runTest(self):
        pass
t = DemoTest()
t.assertEquals(1, 1)
""",
        "AttributeError",
    ),
    "unittest.TestCase.assertNotEquals": Trigger(
        """\
import unittest
class DemoTest(unittest.TestCase):
    def runTest(self):
        pass
t = DemoTest()
t.assertNotEquals(1, 2)
""",
        "AttributeError",
    ),
    "unittest.TestCase.assertAlmostEquals": Trigger(
        """\
import unittest
class DemoTest(unittest.TestCase):
    def runTest(self):
        pass
t = DemoTest()
t.assertAlmostEquals(1.0, 1.0)
""",
        "AttributeError",
    ),
    "unittest.TestCase.assertNotAlmostEquals": Trigger(
        """\
import unittest
class DemoTest(unittest.TestCase):
    def runTest(self):
        pass
t = DemoTest()
t.assertNotAlmostEquals(1.0, 2.0)
""",
        "AttributeError",
    ),
    "unittest.TestCase.assertRegexpMatches": Trigger(
        """\
import unittest
class DemoTest(unittest.TestCase):
    def runTest(self):
        pass
t = DemoTest()
t.assertRegexpMatches('abc', 'b')
""",
        "AttributeError",
    ),
    "unittest.TestCase.assertRaisesRegexp": Trigger(
        """\
import unittest
class DemoTest(unittest.TestCase):
    def runTest(self):
        pass
t = DemoTest()
t.assertRaisesRegexp(ValueError, 'invalid', int, 'x')
""",
        "AttributeError",
    ),
    "unittest.TestCase.assertNotRegexpMatches": Trigger(
        """\
import unittest
class DemoTest(unittest.TestCase):
    def runTest(self):
        pass
t = DemoTest()
t.assertNotRegexpMatches('abc', 'z')
""",
        "AttributeError",
    ),
    "unittest.TestCase.assertDictContainsSubset": Trigger(
        """\
import unittest
class DemoTest(unittest.TestCase):
    def runTest(self):
        pass
t = DemoTest()
t.assertDictContainsSubset({'a': 1}, {'a': 1, 'b': 2})
""",
        "AttributeError",
    ),
    "unittest._TextTestResult": Trigger(
        """\
import sys, unittest
result = unittest._TextTestResult(sys.stderr, True, 1)
""",
        "AttributeError",
    ),
    "unittest.TestLoader.loadTestsFromModule:use_load_tests": Trigger(
        """\
import types, unittest
unittest.TestLoader().loadTestsFromModule(types.ModuleType('demo'), use_load_tests=False)
""",
        "TypeError",
    ),
    "webbrowser.Galeon": Trigger(
        """\
import webbrowser
browser = webbrowser.Galeon('galeon')
""",
        "AttributeError",
    ),
    "webbrowser.Grail": Trigger(
        """\
import webbrowser
browser = webbrowser.Grail('grail')
""",
        "AttributeError",
    ),
    "webbrowser.Netscape": Trigger(
        """\
import webbrowser
browser = webbrowser.Netscape('netscape')
""",
        "AttributeError",
    ),
    "zipimport.zipimporter.find_loader": Trigger(
        """\
import os, tempfile, zipfile, zipimport
path = os.path.join(tempfile.mkdtemp(), 'demo.zip')
with zipfile.ZipFile(path, 'w') as zf:
    zf.writestr('zdemo.py', 'X = 1\\n')
zipimport.zipimporter(path).find_loader('zdemo')
""",
        "AttributeError",
    ),
    "zipimport.zipimporter.find_module": Trigger(
        """\
import os, tempfile, zipfile, zipimport
path = os.path.join(tempfile.mkdtemp(), 'demo.zip')
with zipfile.ZipFile(path, 'w') as zf:
    zf.writestr('zdemo.py', 'X = 1\\n')
zipimport.zipimporter(path).find_module('zdemo')
""",
        "AttributeError",
    ),
    "importlib.find_loader": Trigger(
        """\
import importlib
importlib.find_loader('json')
""",
        "AttributeError",
    ),
    "importlib.abc.Finder": Trigger(
        """\
import importlib.abc
class DemoFinder(importlib.abc.Finder):
    def find_module(self, fullname, path=None):
        return None
DemoFinder()
""",
        "AttributeError",
    ),
    "importlib.abc.Loader.module_repr": Trigger(
        """\
import importlib.abc, types
class DemoLoader(importlib.abc.Loader):
    pass
try:
    DemoLoader().module_repr(types.ModuleType('demo'))
except NotImplementedError:
    pass
""",
        "AttributeError",
    ),
    "importlib.abc.MetaPathFinder.find_module": Trigger(
        """\
import importlib.abc
class DemoFinder(importlib.abc.MetaPathFinder):
    pass
DemoFinder().find_module('json', None)
""",
        "AttributeError",
    ),
    "importlib.abc.PathEntryFinder.find_loader": Trigger(
        """\
import importlib.abc
class DemoFinder(importlib.abc.PathEntryFinder):
    pass
DemoFinder().find_loader('json')
""",
        "AttributeError",
    ),
    "importlib.abc.PathEntryFinder.find_module": Trigger(
        """\
import importlib.abc
class DemoFinder(importlib.abc.PathEntryFinder):
    pass
DemoFinder().find_module('json')
""",
        "AttributeError",
    ),
    "importlib.machinery.BuiltinImporter.find_module": Trigger(
        """\
import importlib.machinery
importlib.machinery.BuiltinImporter.find_module('sys')
""",
        "AttributeError",
    ),
    "importlib.machinery.BuiltinImporter.module_repr": Trigger(
        """\
import importlib.machinery, sys
importlib.machinery.BuiltinImporter.module_repr(sys)
""",
        "AttributeError",
    ),
    "importlib.machinery.FrozenImporter.find_module": Trigger(
        """\
import importlib.machinery
importlib.machinery.FrozenImporter.find_module('__hello__')
""",
        "AttributeError",
    ),
    "importlib.machinery.FrozenImporter.module_repr": Trigger(
        """\
import importlib.machinery, types
importlib.machinery.FrozenImporter.module_repr(types.ModuleType('__hello__'))
""",
        "AttributeError",
    ),
    "importlib.machinery.PathFinder.find_module": Trigger(
        """\
import importlib.machinery
importlib.machinery.PathFinder.find_module('json')
""",
        "AttributeError",
    ),
    "importlib.machinery.FileFinder.find_loader": Trigger(
        """\
import os, pkgutil
finder = pkgutil.get_importer(os.path.dirname(os.__file__))
finder.find_loader('json')
""",
        "AttributeError",
    ),
    "importlib.machinery.FileFinder.find_module": Trigger(
        """\
import os, pkgutil
finder = pkgutil.get_importer(os.path.dirname(os.__file__))
finder.find_module('json')
""",
        "AttributeError",
    ),
    "importlib.machinery.WindowsRegistryFinder.find_module": Trigger(
        """\
import importlib.machinery, sys
try:
    importlib.machinery.WindowsRegistryFinder.find_module('demo_mod')
except NameError:
    # Off Windows the finder has no winreg to search: it still warns before that.
    assert sys.platform != 'win32'
""",
        "AttributeError",
    ),
    "importlib.machinery.NamespaceLoader.module_repr": Trigger(
        """\
import importlib.machinery, types
importlib.machinery.NamespaceLoader.module_repr(types.ModuleType('ns_demo'))
""",
        "AttributeError",
    ),
    "importlib.util.module_for_loader": Trigger(
        """\
import importlib.util
@importlib.util.module_for_loader
def load_module(self, module):
    return module
""",
        "AttributeError",
    ),
    "importlib.util.set_loader": Trigger(
        """\
import importlib.util, types
class DemoLoader:
    @importlib.util.set_loader
    def load_module(self, fullname):
        return types.ModuleType(fullname)
DemoLoader().load_module('demo')
""",
        "AttributeError",
    ),
    "importlib.util.set_package": Trigger(
        """\
import importlib.util, types
@importlib.util.set_package
def load_module(fullname):
    return types.ModuleType(fullname)
load_module('demo.sub')
""",
        "AttributeError",
    ),
    "pkgutil.ImpImporter": Trigger(
        """\
import pkgutil
importer = pkgutil.ImpImporter()
""",
        "AttributeError",
    ),
    "pkgutil.ImpLoader": Trigger(
        """\
import os, pkgutil
import colorsys
loader = pkgutil.ImpLoader('colorsys', None, colorsys.__file__, ('.py', 'r', 1))
""",
        "AttributeError",
    ),
    "importlib:find_module-fallback": Trigger(
        """\
import sys, types
class LegacyFinder:
    def find_module(self, fullname, path=None):
        return self if fullname == 'legacy_demo_mod' else None
    def load_module(self, fullname):
        mod = types.ModuleType(fullname)
        sys.modules[fullname] = mod
        return mod
sys.meta_path.insert(0, LegacyFinder())
import legacy_demo_mod
""",
        "ModuleNotFoundError",
    ),
    "importlib:module_repr-support": Trigger(
        """\
import types
class DemoLoader:
    def module_repr(self, module):
        return '<custom repr>'
mod = types.ModuleType('demo')
mod.__loader__ = DemoLoader()
mod.__spec__ = None
r = repr(mod)
assert r == '<custom repr>', r
""",
        "AssertionError",
    ),
    "importlib.metadata.entry_points:dict-interface": Trigger(
        """\
import importlib.metadata
eps = importlib.metadata.entry_points()
scripts = eps.get('console_scripts', [])
""",
        "AttributeError",
    ),
    "enum.EnumMeta.__contains__:non-member": Trigger(
        """\
import enum
class Color(enum.Enum):
    RED = 1
try:
    'RED' in Color
except TypeError:
    pass
else:
    raise AssertionError('a non-member in an Enum class raised no TypeError')
""",
        "AssertionError",
    ),
    "importlib.metadata.EntryPoints:index-access": Trigger(
        """\
import importlib.metadata, os, sys, tempfile
d = tempfile.mkdtemp()
info = os.path.join(d, 'x-1.0.dist-info')
os.mkdir(info)
with open(os.path.join(info, 'METADATA'), 'w') as f:
    f.write('Metadata-Version: 2.1\\nName: x\\nVersion: 1.0\\n')
with open(os.path.join(info, 'entry_points.txt'), 'w') as f:
    f.write('[x_group]\\nx = os:getcwd\\n')
sys.path.insert(0, d)
eps = importlib.metadata.entry_points()
found = eps.select(group='x_group') if hasattr(eps, 'select') else eps['x_group']
found[0]
""",
        "KeyError",
    ),
    "importlib.metadata.EntryPoints:list-interface": Trigger(
        """\
import importlib.metadata
eps = importlib.metadata.entry_points(group='console_scripts')
eps.sort()
""",
        "AttributeError",
    ),
    "pathlib.Path.link_to": Trigger(
        """\
import os, pathlib, tempfile
d = pathlib.Path(tempfile.mkdtemp())
src = d / 'a.txt'
src.write_text('x')
src.link_to(d / 'b.txt')
""",
        "AttributeError",
    ),
    "smtplib.SMTP_SSL:keyfile": Trigger(
        """\
import smtplib
try:
    smtplib.SMTP_SSL(local_hostname='localhost', keyfile='client.key', certfile='client.pem')
except OSError:
    pass  # demo files do not exist; the warning is emitted before loading them
""",
        "TypeError",
    ),
    "smtplib.SMTP_SSL:certfile": Trigger(
        """\
import smtplib
try:
    smtplib.SMTP_SSL(local_hostname='localhost', certfile='client.pem')
except OSError:
    pass  # demo file does not exist; the warning is emitted before loading it
""",
        "TypeError",
    ),
    "smtplib.SMTP.starttls:keyfile": Trigger(
        """\
import smtplib
smtp = smtplib.SMTP(local_hostname='localhost')
# pretend an EHLO exchange advertising STARTTLS already happened (no network)
smtp.ehlo_resp = b'ok'
smtp.esmtp_features = {'starttls': ''}
smtp.docmd = lambda cmd, args='': (220, b'2.0.0 Ready to start TLS')
try:
    smtp.starttls(keyfile='client.key', certfile='client.pem')
except OSError:
    pass  # demo files do not exist / no socket
""",
        "TypeError",
    ),
    "smtplib.SMTP.starttls:certfile": Trigger(
        """\
import smtplib
smtp = smtplib.SMTP(local_hostname='localhost')
# pretend an EHLO exchange advertising STARTTLS already happened (no network)
smtp.ehlo_resp = b'ok'
smtp.esmtp_features = {'starttls': ''}
smtp.docmd = lambda cmd, args='': (220, b'2.0.0 Ready to start TLS')
try:
    smtp.starttls(certfile='client.pem')
except OSError:
    pass  # demo files do not exist / no socket
""",
        "TypeError",
    ),
    "ftplib.FTP_TLS:keyfile": Trigger(
        """\
import ftplib
try:
    ftplib.FTP_TLS(keyfile='client.key', certfile='client.pem')
except OSError:
    pass  # demo files do not exist; the warning is emitted before loading them (and before connecting)
""",
        "TypeError",
    ),
    "ftplib.FTP_TLS:certfile": Trigger(
        """\
import ftplib
try:
    ftplib.FTP_TLS(certfile='client.pem')
except OSError:
    pass  # demo files do not exist; the warning is emitted before loading them (and before connecting)
""",
        "TypeError",
    ),
    "imaplib.IMAP4_SSL:keyfile": Trigger(
        """\
import imaplib
try:
    imaplib.IMAP4_SSL('localhost', keyfile='client.key', certfile='client.pem')
except OSError:
    pass  # demo files do not exist; the warning is emitted before loading them (and before connecting)
""",
        "TypeError",
    ),
    "imaplib.IMAP4_SSL:certfile": Trigger(
        """\
import imaplib
try:
    imaplib.IMAP4_SSL('localhost', certfile='client.pem')
except OSError:
    pass  # demo files do not exist; the warning is emitted before loading them (and before connecting)
""",
        "TypeError",
    ),
    "poplib.POP3_SSL:keyfile": Trigger(
        """\
import poplib
try:
    poplib.POP3_SSL('localhost', keyfile='client.key', certfile='client.pem')
except OSError:
    pass  # demo files do not exist; the warning is emitted before loading them (and before connecting)
""",
        "TypeError",
    ),
    "poplib.POP3_SSL:certfile": Trigger(
        """\
import poplib
try:
    poplib.POP3_SSL('localhost', certfile='client.pem')
except OSError:
    pass  # demo files do not exist; the warning is emitted before loading them (and before connecting)
""",
        "TypeError",
    ),
    "http.client.HTTPSConnection:key_file": Trigger(
        """\
import http.client
try:
    conn = http.client.HTTPSConnection('localhost', key_file='client.key', cert_file='client.pem')
except OSError:
    pass  # demo files do not exist; no connection is attempted by the constructor
""",
        "TypeError",
    ),
    "http.client.HTTPSConnection:cert_file": Trigger(
        """\
import http.client
try:
    conn = http.client.HTTPSConnection('localhost', cert_file='client.pem')
except OSError:
    pass  # demo files do not exist; no connection is attempted by the constructor
""",
        "TypeError",
    ),
    "http.client.HTTPSConnection:check_hostname": Trigger(
        """\
import http.client
try:
    conn = http.client.HTTPSConnection('localhost', check_hostname=False)
except OSError:
    pass  # demo files do not exist; no connection is attempted by the constructor
""",
        "TypeError",
    ),
    "random.randrange:integral-float": Trigger(
        """\
import random
random.randrange(10.0)
""",
        "TypeError",
    ),
    "random.randrange:non-integer": Trigger(
        """\
import random
try:
    random.randrange(10.5)
except ValueError:
    pass  # 3.8-3.11 raise ValueError; 3.12+ raise TypeError
""",
        "TypeError",
    ),
    "shlex.split:None": Trigger(
        """\
import shlex
shlex.split(None)
""",
        "ValueError",
    ),
    "os:bytes-like-path": Trigger(
        """\
import os
os.stat(bytearray(b'.'))
""",
        "TypeError",
    ),
    "re:group-reference-syntax": Trigger(
        """\
import re
try:
    re.sub('(x)', r'\\g<+1>', 'x')
except re.error as exc:
    # re.error became re.PatternError in 3.13: report one class on both releases.
    raise ValueError(str(exc)) from exc
""",
        "ValueError",
    ),
    "typing.io": Trigger(
        "from typing.io import IO\n",
        "ModuleNotFoundError",
    ),
    "typing.re": Trigger(
        "from typing.re import Pattern\n",
        "ModuleNotFoundError",
    ),
    "aifc": Trigger(
        "import aifc\n",
        "ModuleNotFoundError",
    ),
    "audioop": Trigger(
        """\
import audioop
audioop.max(b'\\x00\\x01', 2)
""",
        "ModuleNotFoundError",
    ),
    "cgi": Trigger(
        "import cgi\n",
        "ModuleNotFoundError",
    ),
    "cgitb": Trigger(
        "import cgitb\n",
        "ModuleNotFoundError",
    ),
    "chunk": Trigger(
        "import chunk\n",
        "ModuleNotFoundError",
    ),
    "crypt": Trigger(
        """\
import crypt
crypt.crypt('secret', crypt.mksalt(crypt.METHOD_SHA512))
""",
        "ModuleNotFoundError",
    ),
    "imghdr": Trigger(
        "import imghdr\n",
        "ModuleNotFoundError",
    ),
    "mailcap": Trigger(
        """\
import mailcap
mailcap.getcaps()
""",
        "ModuleNotFoundError",
    ),
    "msilib": Trigger(
        "import msilib\n",
        "ModuleNotFoundError",
    ),
    "nis": Trigger(
        "import nis\n",
        "ModuleNotFoundError",
    ),
    "nntplib": Trigger(
        "import nntplib\n",
        "ModuleNotFoundError",
    ),
    "ossaudiodev": Trigger(
        "import ossaudiodev\n",
        "ModuleNotFoundError",
    ),
    "pipes": Trigger(
        """\
import pipes
pipes.quote('a b')
""",
        "ModuleNotFoundError",
    ),
    "sndhdr": Trigger(
        "import sndhdr\n",
        "ModuleNotFoundError",
    ),
    "spwd": Trigger(
        "import spwd\n",
        "ModuleNotFoundError",
    ),
    "sunau": Trigger(
        "import sunau\n",
        "ModuleNotFoundError",
    ),
    "telnetlib": Trigger(
        """\
import telnetlib
tn = telnetlib.Telnet()
tn.close()
""",
        "ModuleNotFoundError",
    ),
    "uu": Trigger(
        """\
import io, uu
uu.encode(io.BytesIO(b'data'), io.BytesIO())
""",
        "ModuleNotFoundError",
    ),
    "xdrlib": Trigger(
        """\
import xdrlib
p = xdrlib.Packer()
p.pack_int(1)
""",
        "ModuleNotFoundError",
    ),
    "lib2to3": Trigger(
        "from lib2to3.refactor import RefactoringTool, get_fixers_from_package\n",
        "ModuleNotFoundError",
    ),
    "tkinter.tix": Trigger(
        "import tkinter.tix\n",
        "ModuleNotFoundError",
    ),
    "configparser.LegacyInterpolation": Trigger(
        """\
import configparser
cp = configparser.ConfigParser(interpolation=configparser.LegacyInterpolation())
""",
        "AttributeError",
    ),
    "importlib.metadata.EntryPoint:tuple-access": Trigger(
        """\
from importlib.metadata import EntryPoint
ep = EntryPoint(name='demo', value='os.path:join', group='demo.group')
name, value = ep[0], ep[1]
""",
        "TypeError",
    ),
    "locale.resetlocale": Trigger(
        """\
import locale
try:
    locale.resetlocale()
except locale.Error:
    pass
""",
        "AttributeError",
    ),
    "opcode.ENABLE_SPECIALIZATION": Trigger(
        """\
import opcode
value = opcode.ENABLE_SPECIALIZATION
""",
        "AttributeError",
    ),
    "opcode.is_pseudo": Trigger(
        """\
import opcode
opcode.is_pseudo(256)
""",
        "AttributeError",
    ),
    "opcode.MIN_PSEUDO_OPCODE": Trigger(
        """\
import opcode
value = opcode.MIN_PSEUDO_OPCODE
""",
        "AttributeError",
    ),
    "opcode.MAX_PSEUDO_OPCODE": Trigger(
        """\
import opcode
value = opcode.MAX_PSEUDO_OPCODE
""",
        "AttributeError",
    ),
    "pathlib.Path:keyword-arguments": Trigger(
        """\
import pathlib
pathlib.Path('a', key='ignored')
""",
        "TypeError",
    ),
    "pathlib.PurePath.relative_to:extra-arguments": Trigger(
        """\
import pathlib
assert pathlib.PurePath('/a/b/c').relative_to('/a', 'b') == pathlib.PurePath('c')
""",
        "TypeError",
    ),
    "pathlib.PurePath.is_relative_to:extra-arguments": Trigger(
        """\
import pathlib
assert pathlib.PurePath('/a/b/c').is_relative_to('/a', 'b')
""",
        "TypeError",
    ),
    "pathlib.Path:context-manager": Trigger(
        """\
import pathlib
with pathlib.Path('.') as p:
    pass
""",
        "TypeError",
    ),
    "re.template": Trigger(
        """\
import re
re.template('abc')
""",
        "AttributeError",
    ),
    "re.TEMPLATE": Trigger(
        """\
import re
re.compile('abc', re.TEMPLATE)
""",
        "AttributeError",
    ),
    "re.T": Trigger(
        """\
import re
re.compile('abc', re.T)
""",
        "AttributeError",
    ),
    "turtle.RawTurtle.settiltangle": Trigger(
        """\
import turtle
class FakePen:  # stands in for a Turtle so no display is needed
    _degreesPerAU = 1.0
    _angleOrient = 1.0
    def tiltangle(self, angle=None):
        return 0.0
    def pen(self, pen=None, **kwargs):
        return {}
turtle.RawTurtle.settiltangle(FakePen(), 45)
""",
        "AttributeError",
    ),
    "turtle.settiltangle": Trigger(
        """\
import turtle
class FakePen:  # stands in for a Turtle so no display is needed
    _degreesPerAU = 1.0
    _angleOrient = 1.0
    def tiltangle(self, angle=None):
        return 0.0
    def pen(self, pen=None, **kwargs):
        return {}
    settiltangle = turtle.RawTurtle.settiltangle
turtle.Turtle._pen = FakePen()
turtle.settiltangle(45)
""",
        "AttributeError",
    ),
    "datetime.date.strptime:day-of-month-without-year": Trigger(
        """\
import datetime
assert datetime.date.strptime('03/01', '%m/%d').day == 1
""",
        "ValueError",
    ),
    "datetime.datetime.strptime:day-of-month-without-year": Trigger(
        """\
import datetime
assert datetime.datetime.strptime('03/01', '%m/%d').day == 1
""",
        "ValueError",
    ),
    "time.strptime:day-of-month-without-year": Trigger(
        """\
import time
assert time.strptime('03/01', '%m/%d').tm_mday == 1
""",
        "ValueError",
    ),
    "threading.RLock:arguments": Trigger(
        """\
import threading
threading.RLock(1).acquire()
""",
        "TypeError",
    ),
    "typing.NamedTuple:keyword-arguments": Trigger(
        """\
import typing
Point = typing.NamedTuple('Point', x=int, y=int)
assert Point(1, 2).y == 2
""",
        "TypeError",
    ),
    "typing.NamedTuple:fields-None": Trigger(
        """\
import typing
Empty = typing.NamedTuple('Empty', None)
assert Empty() == ()
""",
        "TypeError",
    ),
    "typing.NamedTuple:fields-omitted": Trigger(
        """\
import typing
Empty = typing.NamedTuple('Empty')
assert Empty() == ()
""",
        "TypeError",
    ),
    "typing.TypedDict:fields-None": Trigger(
        """\
import typing
Empty = typing.TypedDict('Empty', None)
assert Empty() == {}
""",
        "TypeError",
    ),
    "typing.TypedDict:fields-omitted": Trigger(
        """\
import typing
Empty = typing.TypedDict('Empty', total=False)
assert Empty() == {}
""",
        "TypeError",
    ),
    "typing.TypedDict:keyword-arguments": Trigger(
        """\
import typing
Movie = typing.TypedDict('Movie', name=str, year=int)
""",
        "TypeError",
    ),
    "posixpath.splitroot:path-keyword": Trigger(
        """\
import os.path
assert os.path.splitroot(path='/a/b') == ('', '/', 'a/b')
""",
        "TypeError",
    ),
    "typing.ForwardRef:positional-arguments": Trigger(
        """\
import typing
ref = typing.ForwardRef('int', False)
assert ref.__forward_arg__ == 'int'
""",
        "TypeError",
    ),
    "urllib.request.url2pathname:pathname-keyword": Trigger(
        """\
import urllib.request
assert urllib.request.url2pathname(pathname='/a%20b') == '/a b'
""",
        "TypeError",
    ),
    "unittest.findTestCases": Trigger(
        """\
import types, unittest
unittest.findTestCases(types.ModuleType('demo'))
""",
        "AttributeError",
    ),
    "unittest.makeSuite": Trigger(
        """\
import unittest
class DemoTest(unittest.TestCase):
    def test_x(self):
        pass
unittest.makeSuite(DemoTest)
""",
        "AttributeError",
    ),
    "unittest.loader.findTestCases": Trigger(
        """\
import types, unittest.loader
unittest.loader.findTestCases(types.ModuleType('demo'))
""",
        "AttributeError",
    ),
    "unittest.loader.getTestCaseNames": Trigger(
        """\
import unittest, unittest.loader
class DemoTest(unittest.TestCase):
    def test_x(self):
        pass
unittest.loader.getTestCaseNames(DemoTest, 'test')
""",
        "AttributeError",
    ),
    "unittest.loader.makeSuite": Trigger(
        """\
from unittest import TestCase, loader
class DemoTest(TestCase):
    def test_x(self):
        pass
loader.makeSuite(DemoTest)
""",
        "AttributeError",
    ),
    "unittest.getTestCaseNames": Trigger(
        """\
import unittest
class DemoTest(unittest.TestCase):
    def test_x(self):
        pass
unittest.getTestCaseNames(DemoTest, 'test')
""",
        "AttributeError",
    ),
    "unittest.TestProgram.usageExit": Trigger(
        """\
import unittest
prog = unittest.TestProgram.__new__(unittest.TestProgram)
prog.progName = 'demo'
prog.module = None
prog._discovery_parser = None
prog.exit = False
try:
    prog.usageExit('bad arguments')
except SystemExit:
    pass
""",
        "AttributeError",
    ),
    "urllib.request.urlopen:cafile": Trigger(
        """\
import urllib.request
try:
    urllib.request.urlopen('data:,hello', cafile='ca.pem').read()
except OSError:
    pass  # demo CA file/dir does not exist
""",
        "TypeError",
    ),
    "urllib.request.urlopen:capath": Trigger(
        """\
import urllib.request
try:
    urllib.request.urlopen('data:,hello', capath='/nonexistent-ca-dir').read()
except OSError:
    pass  # demo CA file/dir does not exist
""",
        "TypeError",
    ),
    "urllib.request.urlopen:cadefault": Trigger(
        """\
import urllib.request
try:
    urllib.request.urlopen('data:,hello', cadefault=True).read()
except OSError:
    pass  # demo CA file/dir does not exist
""",
        "TypeError",
    ),
    "webbrowser.MacOSX": Trigger(
        """\
import sys
sys.platform = 'darwin'  # simulate macOS: these classes are only defined there
import webbrowser
browser = webbrowser.MacOSX('default')
""",
        "AttributeError",
    ),
    "builtins.classmethod:descriptor-chaining": Trigger(
        """\
class Config:
    @classmethod
    @property
    def name(cls):
        return cls.__name__
assert Config.name == 'Config', Config.name
""",
        "AssertionError",
    ),
    "types.FrameType.clear:suspended-frame": Trigger(
        """\
def gen():
    yield 1
g = gen()
next(g)
g.gi_frame.clear()
""",
        "RuntimeError",
    ),
    "argparse.BooleanOptionalAction:type": Trigger(
        """\
import argparse
parser = argparse.ArgumentParser()
parser.add_argument('--cache', action=argparse.BooleanOptionalAction, type=bool)
""",
        "TypeError",
    ),
    "argparse.BooleanOptionalAction:choices": Trigger(
        """\
import argparse
parser = argparse.ArgumentParser()
parser.add_argument('--cache', action=argparse.BooleanOptionalAction, choices=[True, False])
""",
        "TypeError",
    ),
    "argparse.BooleanOptionalAction:metavar": Trigger(
        """\
import argparse
parser = argparse.ArgumentParser()
parser.add_argument('--cache', action=argparse.BooleanOptionalAction, metavar='BOOL')
""",
        "TypeError",
    ),
    "argparse:nested-argument-groups": Trigger(
        """\
import argparse
parser = argparse.ArgumentParser()
group = parser.add_argument_group('outer')
group.add_argument_group('inner')
""",
        "ValueError",
    ),
    "argparse:nested-mutually-exclusive-groups": Trigger(
        """\
import argparse
parser = argparse.ArgumentParser()
group = parser.add_mutually_exclusive_group()
group.add_mutually_exclusive_group()
""",
        "ValueError",
    ),
    "asyncio.get_event_loop:implicit-loop-creation": Trigger(
        """\
import asyncio
loop = asyncio.get_event_loop()
loop.close()
""",
        "RuntimeError",
    ),
    "asyncio.DefaultEventLoopPolicy.get_event_loop:implicit-loop-creation": Trigger(
        """\
import asyncio
loop = asyncio.get_event_loop_policy().get_event_loop()
loop.close()
""",
        "RuntimeError",
    ),
    "ast.Num": Trigger(
        """\
import ast
node = ast.parse('1').body[0].value
assert isinstance(node, ast.Num)
""",
        "AttributeError",
    ),
    "ast.Str": Trigger(
        """\
import ast
node = ast.parse('"text"').body[0].value
assert isinstance(node, ast.Str)
""",
        "AttributeError",
    ),
    "ast.Bytes": Trigger(
        """\
import ast
node = ast.parse('b"data"').body[0].value
assert isinstance(node, ast.Bytes)
""",
        "AttributeError",
    ),
    "ast.NameConstant": Trigger(
        """\
import ast
node = ast.parse('None').body[0].value
assert isinstance(node, ast.NameConstant)
""",
        "AttributeError",
    ),
    "ast.Ellipsis": Trigger(
        """\
import ast
node = ast.parse('...').body[0].value
assert isinstance(node, ast.Ellipsis)
""",
        "AttributeError",
    ),
    "ast.Constant.n": Trigger(
        """\
import ast
node = ast.parse('42').body[0].value
assert node.n == 42
""",
        "AttributeError",
    ),
    "ast.Constant.s": Trigger(
        """\
import ast
node = ast.parse('"text"').body[0].value
assert node.s == 'text'
""",
        "AttributeError",
    ),
    "ast.NodeVisitor:legacy-visit-methods": Trigger(
        """\
import ast
class Numbers(ast.NodeVisitor):
    def __init__(self):
        self.seen = []
    def visit_Num(self, node):
        self.seen.append(node.value)
numbers = Numbers()
numbers.visit(ast.parse('1 + 2'))
assert numbers.seen == [1, 2], 'NodeVisitor called no visit_Num'
""",
        "AssertionError",
    ),
    "ast.NodeVisitor.visit_Constant": Trigger(
        """\
import ast
class Counter(ast.NodeVisitor):
    constants = 0
    def visit_Constant(self, node):
        self.constants += 1
        return super().visit_Constant(node)
Counter().visit(ast.parse('x = 1'))
""",
        "AttributeError",
    ),
    "asyncio.AbstractChildWatcher": Trigger(
        """\
import asyncio
class Watcher(asyncio.AbstractChildWatcher):
    pass
""",
        "AttributeError",
    ),
    "asyncio.SafeChildWatcher": Trigger(
        """\
import asyncio
watcher = asyncio.SafeChildWatcher()
watcher.close()
""",
        "AttributeError",
    ),
    "asyncio.FastChildWatcher": Trigger(
        """\
import asyncio
watcher = asyncio.FastChildWatcher()
watcher.close()
""",
        "AttributeError",
    ),
    "asyncio.MultiLoopChildWatcher": Trigger(
        """\
import asyncio
watcher = asyncio.MultiLoopChildWatcher()
watcher.close()
""",
        "AttributeError",
    ),
    "asyncio.ThreadedChildWatcher": Trigger(
        """\
import asyncio
watcher = asyncio.ThreadedChildWatcher()
watcher.close()
""",
        "AttributeError",
    ),
    "asyncio.PidfdChildWatcher": Trigger(
        """\
import asyncio
watcher = asyncio.PidfdChildWatcher()
watcher.close()
""",
        "AttributeError",
    ),
    "asyncio.unix_events.AbstractChildWatcher": Trigger(
        """\
from asyncio import unix_events
class Watcher(unix_events.AbstractChildWatcher):
    pass
""",
        "AttributeError",
    ),
    "asyncio.unix_events.BaseChildWatcher": Trigger(
        """\
from asyncio import unix_events
def is_watcher(obj):
    return isinstance(obj, unix_events.BaseChildWatcher)
is_watcher(None)
""",
        "AttributeError",
    ),
    "asyncio.unix_events.SafeChildWatcher": Trigger(
        """\
import asyncio.unix_events
watcher = asyncio.unix_events.SafeChildWatcher()
watcher.close()
""",
        "AttributeError",
    ),
    "asyncio.unix_events.FastChildWatcher": Trigger(
        """\
import asyncio.unix_events
watcher = asyncio.unix_events.FastChildWatcher()
watcher.close()
""",
        "AttributeError",
    ),
    "asyncio.unix_events.MultiLoopChildWatcher": Trigger(
        """\
import asyncio.unix_events
watcher = asyncio.unix_events.MultiLoopChildWatcher()
watcher.close()
""",
        "AttributeError",
    ),
    "asyncio.unix_events.ThreadedChildWatcher": Trigger(
        """\
import asyncio.unix_events
watcher = asyncio.unix_events.ThreadedChildWatcher()
watcher.close()
""",
        "AttributeError",
    ),
    "asyncio.unix_events.PidfdChildWatcher": Trigger(
        """\
import asyncio.unix_events
watcher = asyncio.unix_events.PidfdChildWatcher()
watcher.close()
""",
        "AttributeError",
    ),
    "asyncio.unix_events.DefaultEventLoopPolicy": Trigger(
        """\
import asyncio.unix_events
policy = asyncio.unix_events.DefaultEventLoopPolicy()
""",
        "AttributeError",
    ),
    "asyncio.get_child_watcher": Trigger(
        """\
import asyncio
watcher = asyncio.get_child_watcher()
""",
        "AttributeError",
    ),
    "asyncio.set_child_watcher": Trigger(
        """\
import asyncio
asyncio.set_child_watcher(None)
""",
        "AttributeError",
    ),
    "asyncio.events.get_child_watcher": Trigger(
        """\
import asyncio.events
watcher = asyncio.events.get_child_watcher()
""",
        "AttributeError",
    ),
    "asyncio.events.set_child_watcher": Trigger(
        """\
import asyncio.events
asyncio.events.set_child_watcher(None)
""",
        "AttributeError",
    ),
    "asyncio.AbstractEventLoopPolicy.get_child_watcher": Trigger(
        """\
import asyncio
method = asyncio.AbstractEventLoopPolicy.get_child_watcher
""",
        "AttributeError",
    ),
    "asyncio.AbstractEventLoopPolicy.set_child_watcher": Trigger(
        """\
import asyncio
method = asyncio.AbstractEventLoopPolicy.set_child_watcher
""",
        "AttributeError",
    ),
    "asyncio.DefaultEventLoopPolicy.get_child_watcher": Trigger(
        """\
import asyncio
watcher = asyncio.DefaultEventLoopPolicy().get_child_watcher()
""",
        "AttributeError",
    ),
    "asyncio.DefaultEventLoopPolicy.set_child_watcher": Trigger(
        """\
import asyncio
asyncio.DefaultEventLoopPolicy().set_child_watcher(None)
""",
        "AttributeError",
    ),
    "asyncio.events.AbstractEventLoopPolicy": Trigger(
        """\
from asyncio import events
class Policy(events.AbstractEventLoopPolicy):
    pass
""",
        "AttributeError",
    ),
    "asyncio.events.BaseDefaultEventLoopPolicy": Trigger(
        """\
from asyncio import events
class Policy(events.BaseDefaultEventLoopPolicy):
    pass
""",
        "AttributeError",
    ),
    "asyncio.windows_events.DefaultEventLoopPolicy": Trigger(
        """\
import asyncio.windows_events
policy = asyncio.windows_events.DefaultEventLoopPolicy()
""",
        "AttributeError",
    ),
    "asyncio.windows_events.WindowsSelectorEventLoopPolicy": Trigger(
        """\
import asyncio.windows_events
policy = asyncio.windows_events.WindowsSelectorEventLoopPolicy()
""",
        "AttributeError",
    ),
    "asyncio.windows_events.WindowsProactorEventLoopPolicy": Trigger(
        """\
import asyncio.windows_events
policy = asyncio.windows_events.WindowsProactorEventLoopPolicy()
""",
        "AttributeError",
    ),
    "dis.LOAD_CONST": Trigger(
        """\
import dis
loads = [i for i in dis.get_instructions('x = 1') if i.opcode == dis.LOAD_CONST]
""",
        "AttributeError",
    ),
    "dis.RETURN_CONST": Trigger(
        """\
import dis
returns = [i for i in dis.get_instructions('x = 1') if i.opcode == dis.RETURN_CONST]
""",
        "AttributeError",
    ),
    "email.utils.localtime:isdst": Trigger(
        """\
import email.utils
now = email.utils.localtime(isdst=-1)
""",
        "TypeError",
    ),
    "importlib.abc.ResourceReader": Trigger(
        """\
import importlib.abc
class Reader(importlib.abc.ResourceReader):
    pass
""",
        "AttributeError",
    ),
    "importlib.abc.Traversable": Trigger(
        """\
import importlib.abc
class Node(importlib.abc.Traversable):
    pass
""",
        "AttributeError",
    ),
    "importlib.abc.TraversableResources": Trigger(
        """\
import importlib.abc
class Resources(importlib.abc.TraversableResources):
    pass
""",
        "AttributeError",
    ),
    "multiprocessing.reduction.ACKNOWLEDGE": Trigger(
        """\
import multiprocessing.reduction
assert multiprocessing.reduction.ACKNOWLEDGE in (True, False)
""",
        "AttributeError",
    ),
    "pkgutil.find_loader": Trigger(
        """\
import pkgutil
loader = pkgutil.find_loader('json')
""",
        "AttributeError",
    ),
    "pkgutil.get_loader": Trigger(
        """\
import pkgutil
loader = pkgutil.get_loader('json')
""",
        "AttributeError",
    ),
    "pty.master_open": Trigger(
        """\
import os, pty
fd, name = pty.master_open()
os.close(fd)
""",
        "AttributeError",
    ),
    "pty.slave_open": Trigger(
        """\
import os, pty
master, slave = os.openpty()
fd = pty.slave_open(os.ttyname(slave))
for each in (fd, master, slave):
    os.close(each)
""",
        "AttributeError",
    ),
    "sqlite3.version": Trigger(
        """\
import sqlite3
major = int(sqlite3.version.split('.')[0])
""",
        "AttributeError",
    ),
    "sqlite3.version_info": Trigger(
        """\
import sqlite3
assert sqlite3.version_info >= (2, 6)
""",
        "AttributeError",
    ),
    "sqlite3.dbapi2.version": Trigger(
        """\
from sqlite3 import dbapi2
major = int(dbapi2.version.split('.')[0])
""",
        "AttributeError",
    ),
    "sqlite3.dbapi2.version_info": Trigger(
        """\
from sqlite3 import dbapi2
assert dbapi2.version_info >= (2, 6)
""",
        "AttributeError",
    ),
    "tokenize.main": Trigger(
        """\
import tokenize
assert callable(tokenize.main)
""",
        "AttributeError",
    ),
    "urllib.parse.Quoter": Trigger(
        """\
import urllib.parse
quoter = urllib.parse.Quoter(b'/')
assert quoter[ord(' ')] == '%20'
""",
        "AttributeError",
    ),
    "urllib.request.URLopener": Trigger(
        """\
import urllib.request
opener = urllib.request.URLopener()
""",
        "AttributeError",
    ),
    "urllib.request.FancyURLopener": Trigger(
        """\
import urllib.request
opener = urllib.request.FancyURLopener()
""",
        "AttributeError",
    ),
    "urllib.request.MAXFTPCACHE": Trigger(
        """\
import urllib.request
assert urllib.request.MAXFTPCACHE > 0
""",
        "AttributeError",
    ),
    "urllib.request.ftpcache": Trigger(
        """\
import urllib.request
urllib.request.ftpcache.clear()
""",
        "AttributeError",
    ),
    "argparse.HelpFormatter:color": Trigger(
        """\
import argparse
formatter = argparse.HelpFormatter('tool', color=False)
formatter.add_usage('tool [-h]', [], [])
""",
        "TypeError",
    ),
    "cProfile.label": Trigger(
        """\
import cProfile
def work():
    pass
assert cProfile.label(work.__code__)[2] == 'work'
""",
        "AttributeError",
    ),
    "cProfile.main": Trigger(
        """\
import cProfile
assert callable(cProfile.main)
""",
        "AttributeError",
    ),
    "ctypes.SetPointerType": Trigger(
        """\
import ctypes
class Cell(ctypes.Structure):
    pass
cell_pointer = ctypes.POINTER(Cell)
set_pointer_type = ctypes.SetPointerType
try:
    set_pointer_type(cell_pointer, Cell)
except (TypeError, RuntimeError):
    pass  # the pointer type is complete already: only the call matters here
Cell._fields_ = [('value', ctypes.c_int), ('next', cell_pointer)]
""",
        "AttributeError",
    ),
    "glob.glob0": Trigger(
        """\
import glob
assert glob.glob0('.', 'no-such-file') == []
""",
        "AttributeError",
    ),
    "glob.glob1": Trigger(
        """\
import glob
assert glob.glob1('.', '*.no-such-suffix') == []
""",
        "AttributeError",
    ),
    "http.server.CGIHTTPRequestHandler": Trigger(
        """\
import http.server
handler = http.server.CGIHTTPRequestHandler
try:
    handler(None, None, None)
except AttributeError:
    pass  # no real request: only the construction matters here
""",
        "AttributeError",
    ),
    "importlib.abc.Loader.load_module": Trigger(
        """\
import importlib.abc
class Loader(importlib.abc.Loader):
    def exec_module(self, module):
        module.answer = 42
assert Loader().load_module('loaded_by_loader').answer == 42
""",
        "AttributeError",
    ),
    "importlib.abc.InspectLoader.load_module": Trigger(
        """\
import importlib.abc
class Loader(importlib.abc.InspectLoader):
    def get_source(self, name):
        return 'answer = 42'
assert Loader().load_module('loaded_by_inspect_loader').answer == 42
""",
        "AttributeError",
    ),
    "importlib.abc.SourceLoader.load_module": Trigger(
        """\
import importlib.abc
class Loader(importlib.abc.SourceLoader):
    def get_filename(self, name):
        return '/nonexistent/loaded_by_source_loader.py'
    def get_data(self, path):
        return b'answer = 42'
assert Loader().load_module('loaded_by_source_loader').answer == 42
""",
        "AttributeError",
    ),
    "importlib.abc.FileLoader.load_module": Trigger(
        """\
import importlib.abc, os, tempfile
class Loader(importlib.abc.FileLoader, importlib.abc.SourceLoader):
    pass
path = os.path.join(tempfile.mkdtemp(), 'loaded_from_file.py')
with open(path, 'w') as source:
    source.write('answer = 42\\n')
assert Loader('loaded_from_file', path).load_module().answer == 42
""",
        "AttributeError",
    ),
    "importlib.machinery.BuiltinImporter.load_module": Trigger(
        """\
import importlib.machinery
assert importlib.machinery.BuiltinImporter.load_module('_string')
""",
        "AttributeError",
    ),
    "importlib.machinery.FrozenImporter.load_module": Trigger(
        """\
import importlib.machinery
importlib.machinery.FrozenImporter.load_module('__hello__')
""",
        "AttributeError",
    ),
    "importlib.machinery.NamespaceLoader.load_module": Trigger(
        """\
import importlib.machinery
loader = importlib.machinery.NamespaceLoader('loaded_namespace', [], None)
loader.load_module('loaded_namespace')
""",
        "AttributeError",
    ),
    "importlib.metadata.DeprecatedNonAbstract": Trigger(
        """\
import importlib.metadata
assert isinstance(importlib.metadata.DeprecatedNonAbstract, type)
""",
        "AttributeError",
    ),
    "importlib.resources.files:package": Trigger(
        """\
import importlib.resources
assert importlib.resources.files(package='json').joinpath('__init__.py').is_file()
""",
        "TypeError",
    ),
    "importlib.util.cache_from_source:debug_override": Trigger(
        """\
import importlib.util
assert importlib.util.cache_from_source('/a/b.py', debug_override=True).endswith('.pyc')
""",
        "TypeError",
    ),
    "pathlib.DirEntryInfo": Trigger(
        """\
import pathlib
assert isinstance(pathlib.DirEntryInfo, type)
""",
        "AttributeError",
    ),
    "pathlib.PathInfo": Trigger(
        """\
import pathlib
assert isinstance(pathlib.PathInfo, type)
""",
        "AttributeError",
    ),
    "pathlib.copy_info": Trigger(
        """\
import pathlib
assert callable(pathlib.copy_info)
""",
        "AttributeError",
    ),
    "pathlib.magic_open": Trigger(
        """\
import pathlib
assert callable(pathlib.magic_open)
""",
        "AttributeError",
    ),
    "pathlib.PurePath.is_reserved": Trigger(
        """\
import pathlib
assert not pathlib.PurePosixPath('data.txt').is_reserved()
""",
        "AttributeError",
    ),
    "platform.java_ver": Trigger(
        """\
import platform
release, vendor, vm_info, os_info = platform.java_ver()
""",
        "AttributeError",
    ),
    "sre_compile": Trigger(
        """\
import sre_compile
assert sre_compile.compile('a+').match('aa')
""",
        "ModuleNotFoundError",
    ),
    "sre_constants": Trigger(
        """\
import sre_constants
assert sre_constants.MAXREPEAT > 0
""",
        "ModuleNotFoundError",
    ),
    "sre_parse": Trigger(
        """\
import sre_parse
assert sre_parse.parse('a+')
""",
        "ModuleNotFoundError",
    ),
    "sysconfig.is_python_build:check_home": Trigger(
        """\
import sysconfig
sysconfig.is_python_build(check_home=True)
""",
        "TypeError",
    ),
    "types.CodeType.co_lnotab": Trigger(
        """\
def work():
    return 1
assert isinstance(work.__code__.co_lnotab, bytes)
""",
        "AttributeError",
    ),
    "typing.no_type_check_decorator": Trigger(
        """\
import typing
@typing.no_type_check_decorator
def untyped(func):
    return func
""",
        "AttributeError",
    ),
    "wave.Wave_read.getmarkers": Trigger(
        """\
import io, wave
buffer = io.BytesIO()
with wave.open(buffer, 'wb') as writer:
    writer.setnchannels(1)
    writer.setsampwidth(1)
    writer.setframerate(8000)
    writer.writeframes(bytes(1))
buffer.seek(0)
assert wave.open(buffer, 'rb').getmarkers() is None
""",
        "AttributeError",
    ),
    "wave.Wave_read.getmark": Trigger(
        """\
import io, wave
buffer = io.BytesIO()
with wave.open(buffer, 'wb') as writer:
    writer.setnchannels(1)
    writer.setsampwidth(1)
    writer.setframerate(8000)
    writer.writeframes(bytes(1))
buffer.seek(0)
reader = wave.open(buffer, 'rb')
try:
    reader.getmark(1)
except wave.Error:
    pass
""",
        "AttributeError",
    ),
    "wave.Wave_write.getmarkers": Trigger(
        """\
import io, wave
writer = wave.open(io.BytesIO(), 'wb')
assert writer.getmarkers() is None
""",
        "AttributeError",
    ),
    "wave.Wave_write.getmark": Trigger(
        """\
import io, wave
writer = wave.open(io.BytesIO(), 'wb')
try:
    writer.getmark(1)
except wave.Error:
    pass
""",
        "AttributeError",
    ),
    "wave.Wave_write.setmark": Trigger(
        """\
import io, wave
writer = wave.open(io.BytesIO(), 'wb')
try:
    writer.setmark(1, 0, 'start')
except wave.Error:
    pass
""",
        "AttributeError",
    ),
    "zipimport.zipimporter.load_module": Trigger(
        """\
import os, tempfile, zipfile, zipimport
path = os.path.join(tempfile.mkdtemp(), 'modules.zip')
with zipfile.ZipFile(path, 'w') as archive:
    archive.writestr('zipped_module.py', 'answer = 42\\n')
assert zipimport.zipimporter(path).load_module('zipped_module').answer == 42
""",
        "AttributeError",
    ),
}
