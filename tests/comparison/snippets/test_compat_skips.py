"""Tests that skip themselves where a removed API is missing.

3.12: every test is skipped (a skip counts as "skipped" on both sides, never as a pass);
3.8-3.11: they run and pass.
"""

import locale
import sys
import unittest

import pytest


def test_importorskip_asyncore():
    asyncore = pytest.importorskip("asyncore")
    assert callable(asyncore.loop)


def test_importorskip_imp():
    imp = pytest.importorskip("imp")
    assert imp.PY_SOURCE == 1


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="imp was removed in Python 3.12")
def test_skipif_python_312_around_imp():
    import imp

    assert callable(imp.reload)


def test_skip_in_except_ImportError():
    try:
        import smtpd
    except ImportError:
        pytest.skip("smtpd was removed in Python 3.12")
    assert hasattr(smtpd, "SMTPServer")


def test_skip_when_attribute_is_missing():
    if not hasattr(locale, "format"):
        pytest.skip("locale.format was removed in Python 3.12")
    assert locale.format("%d", 1) == "1"


class TestSkipUnlessAlias(unittest.TestCase):
    @unittest.skipUnless(hasattr(unittest.TestCase, "assertEquals"), "alias removed in 3.12")
    def test_assertEquals_when_present(self):
        self.assertEquals(1, 1)
