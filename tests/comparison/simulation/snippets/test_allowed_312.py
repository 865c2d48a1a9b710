"""``allow_removed`` changes the plugin's verdict, not what real 3.12 does.

Real 3.12 (no plugin: the marker is unknown there and does nothing): a marked test fails
like an unmarked one.  Under simulation an allowed API is visible again inside that test
only, so the comparison expects the tests it lists in ``ALLOWED_UNDER_SIMULATION`` to pass
there, and every other test here to do what real 3.12 does.  3.8-3.11 without the plugin:
every test passes.
"""

# ruff: noqa: UP005, PT009 - removed unittest aliases on purpose

import configparser
import sys
import unittest

import pytest


@pytest.mark.allow_removed("imp")
def test_allowed_module_is_importable():
    import imp

    assert imp.PY_SOURCE == 1


def test_the_allowed_module_is_hidden_again_in_the_next_test():
    import imp

    assert imp.PY_SOURCE == 1


def test_the_allowed_module_is_missing_again_from_312():
    try:
        import imp
    except ImportError:
        imp = None
    assert (imp is None) == (sys.version_info >= (3, 12))


@pytest.mark.allow_removed("imp")
def test_allowing_one_module_keeps_the_others_hidden():
    import asyncore

    assert callable(asyncore.loop)


@pytest.mark.allow_removed("unittest.TestCase.assertEquals")
class TestAllowedAlias(unittest.TestCase):
    def test_allowed_alias_works(self):
        self.assertEquals(1, 1)


class TestAliasNotAllowed(unittest.TestCase):
    def test_the_alias_is_hidden_again(self):
        self.assertEquals(1, 1)


@pytest.mark.allow_removed
def test_allow_every_api():
    import smtpd

    parser = configparser.SafeConfigParser()
    assert isinstance(smtpd.SMTPServer, type)
    assert parser.sections() == []
