"""Standard-library modules removed in Python 3.12, imported every way.

Real 3.12: each import raises ModuleNotFoundError naming the module (the package, for a
submodule of a removed package), ``find_spec()`` answers None for the module and raises for
its submodules, and ``pytest.importorskip`` skips.  The tests that use a module fail there;
the ones written to cope with its absence pass.  3.8-3.11 without the plugin: every test
passes.
"""

# ruff: noqa: PT009 - unittest-style tests on purpose

import contextlib
import importlib
import importlib.util
import sys
import unittest

import pytest


def test_import_statement():
    import imp

    assert imp.PY_SOURCE == 1


def test_import_as():
    import asyncore as legacy_asyncore

    assert callable(legacy_asyncore.loop)


def test_from_module_import_name():
    from asynchat import async_chat

    assert isinstance(async_chat, type)


def test_from_package_import_submodule():
    from distutils import util

    assert util.strtobool("yes") == 1


def test_import_submodule_of_a_removed_package():
    import distutils.core

    assert callable(distutils.core.setup)


def test_importlib_import_module():
    smtpd = importlib.import_module("smtpd")
    assert isinstance(smtpd.SMTPServer, type)


def test_importlib_import_module_of_a_submodule():
    version = importlib.import_module("distutils.version")
    assert version.LooseVersion("1.10") > version.LooseVersion("1.9")


def test_dunder_import():
    imp = __import__("imp")
    assert callable(imp.new_module)


def test_dunder_import_of_a_submodule_with_fromlist():
    spawn = __import__("distutils.spawn", fromlist=["find_executable"])
    assert callable(spawn.find_executable)


def test_find_spec_finds_the_module():
    assert importlib.util.find_spec("asyncore") is not None


def test_find_spec_of_a_submodule_finds_it():
    # 3.12: find_spec() imports the parent package first, which raises.
    assert importlib.util.find_spec("distutils.core") is not None


def test_find_spec_is_None_exactly_from_312():
    assert (importlib.util.find_spec("smtpd") is None) == (sys.version_info >= (3, 12))


def test_the_error_names_the_missing_package():
    try:
        import distutils.util  # noqa: F401 - only the error matters
    except ModuleNotFoundError as error:
        missing, message = error.name, str(error)
    else:
        missing, message = None, ""
    assert missing == ("distutils" if sys.version_info >= (3, 12) else None)
    assert (missing or "") in message


def test_the_error_is_a_ModuleNotFoundError_naming_the_module():
    try:
        import asynchat  # noqa: F401 - only the error matters
    except ImportError as error:
        raised = (type(error), error.name)
    else:
        raised = None
    assert raised == ((ModuleNotFoundError, "asynchat") if sys.version_info >= (3, 12) else None)


def test_second_import_in_the_same_test_fails_again():
    with contextlib.suppress(ImportError):
        import imp
    import imp

    assert imp.PY_SOURCE == 1


def test_sys_modules_holds_the_module_only_before_312():
    with contextlib.suppress(ImportError):
        import smtpd  # noqa: F401 - only its presence in sys.modules matters
    assert ("smtpd" in sys.modules) == (sys.version_info < (3, 12))


def test_importorskip():
    asynchat = pytest.importorskip("asynchat")
    assert isinstance(asynchat.async_chat, type)


def test_importorskip_of_a_submodule():
    core = pytest.importorskip("distutils.core")
    assert callable(core.setup)


class TestImportsInATestCase(unittest.TestCase):
    def test_import_in_a_TestCase(self):
        import smtpd

        self.assertTrue(isinstance(smtpd.SMTPServer, type))

    # The condition is evaluated while the module is collected.
    @unittest.skipIf(importlib.util.find_spec("imp") is None, "imp was removed in 3.12")
    def test_skipIf_find_spec_at_collection(self):
        import imp

        self.assertTrue(callable(imp.reload))
