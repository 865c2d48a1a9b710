"""Imports of standard-library modules removed in Python 3.12 (3.12: every test fails).

Each import happens inside the test, so one failing import fails one test, never the
collection of the whole file (test_removed_module_at_import.py shows that case).
"""

import importlib
import importlib.util
import unittest


def test_import_imp():
    import imp

    assert imp.get_suffixes()


def test_import_imp_again_in_the_same_process():
    # imp warns only the first time a process imports it: this second use must count too.
    import imp

    assert imp.PY_SOURCE == 1


def test_from_asyncore_import_dispatcher():
    from asyncore import dispatcher

    assert dispatcher.__name__ == "dispatcher"


def test_importlib_import_module_smtpd():
    smtpd = importlib.import_module("smtpd")
    assert hasattr(smtpd, "SMTPServer")


def test_dunder_import_asynchat():
    asynchat = __import__("asynchat")
    assert hasattr(asynchat, "async_chat")


def test_import_distutils_core():
    import distutils.core

    assert callable(distutils.core.setup)


def test_from_distutils_version_import_LooseVersion():
    from distutils.version import LooseVersion

    assert LooseVersion("1.10") > LooseVersion("1.9")


def test_importlib_import_module_distutils_submodule():
    util = importlib.import_module("distutils.util")
    assert util.strtobool("yes") == 1


def test_find_spec_of_removed_module_is_not_None():
    assert importlib.util.find_spec("imp") is not None


class TestRemovedModuleInTestCase(unittest.TestCase):
    def test_import_asyncore(self):
        import asyncore

        self.assertTrue(callable(asyncore.loop))
