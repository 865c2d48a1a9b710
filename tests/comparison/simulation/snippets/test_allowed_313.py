"""``allow_removed`` with APIs removed in 3.13.

Real 3.13 (no plugin): marked tests fail like unmarked ones.  Real 3.12 and 3.8-3.11 without
the plugin: every test passes.  Under simulation of 3.13 the allowed API is visible inside
the marked test only (``ALLOWED_UNDER_SIMULATION`` in the comparison).
"""

import unittest

import pytest


@pytest.mark.allow_removed("telnetlib")
def test_allowed_module_is_importable():
    import telnetlib

    assert telnetlib.TELNET_PORT == 23


def test_the_allowed_module_is_hidden_again_in_the_next_test():
    import telnetlib

    assert telnetlib.TELNET_PORT == 23


@pytest.mark.allow_removed("unittest.makeSuite")
def test_allowed_function_works():
    class Case(unittest.TestCase):
        def test_one(self):
            pass

    assert unittest.makeSuite(Case).countTestCases() == 1
