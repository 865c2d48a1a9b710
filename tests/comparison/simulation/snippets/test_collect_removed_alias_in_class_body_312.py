"""A test module that reads an attribute removed in 3.12 while it is imported.

Real 3.12: the module fails to collect (AttributeError), recorded once under the file's
node id.  3.8-3.11 without the plugin: every test passes.
"""

import unittest


class TestWithAnAliasCopiedInTheClassBody(unittest.TestCase):
    check_equal = unittest.TestCase.assertEquals

    def test_copied_alias(self):
        self.check_equal(1, 1)
