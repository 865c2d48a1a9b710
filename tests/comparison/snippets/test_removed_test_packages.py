"""CPython's own test packages, gone from their packages in Python 3.12 (moved to ``test.*``).

3.12: every test that imports one fails; the fallback to the new home passes.  Projects'
suites borrow their helpers (``unittest.test.support.LoggingResult``, ``ctypes.test.
need_symbol``, ``tkinter.test.support.AbstractTkTest``, ``lib2to3.tests.support``).
"""

import importlib
import warnings

import pytest


def test_import_unittest_test():
    import unittest.test

    assert unittest.test.__name__ == "unittest.test"


def test_from_unittest_test_support_import_LoggingResult():
    from unittest.test.support import LoggingResult

    assert LoggingResult([]).wasSuccessful()


def test_from_unittest_import_test():
    from unittest import test

    assert test.__name__ == "unittest.test"


def test_unittest_test_support_with_a_fallback():
    try:
        from unittest.test.support import LoggingResult
    except ImportError:  # the project's own copy (3.12 moved it to test.test_unittest)
        import unittest

        class LoggingResult(unittest.TestResult):
            def __init__(self, log):
                self._events = log
                super().__init__()

    assert LoggingResult([]).wasSuccessful()


def test_importlib_import_module_ctypes_test():
    ctypes_test = importlib.import_module("ctypes.test")
    assert callable(ctypes_test.need_symbol)


def test_from_tkinter_test_support_import_AbstractTkTest():
    pytest.importorskip("tkinter")
    from tkinter.test.support import AbstractTkTest

    assert AbstractTkTest.__name__ == "AbstractTkTest"


def test_from_lib2to3_tests_import_support():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lib2to3 warns about itself (and goes in 3.13)
        from lib2to3.tests import support

    assert callable(support.parse_string)
