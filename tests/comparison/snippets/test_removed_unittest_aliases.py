"""unittest.TestCase aliases removed in Python 3.12 (3.12: AttributeError, every test fails)."""

import unittest


class TestRemovedAliases(unittest.TestCase):
    def test_assertEquals(self):
        self.assertEquals(1, 1)

    def test_assertNotEquals(self):
        self.assertNotEquals(1, 2)

    def test_assertAlmostEquals(self):
        self.assertAlmostEquals(1.0, 1.0 + 1e-9)

    def test_failUnless(self):
        self.failUnless(True)

    def test_failUnlessRaises(self):
        self.failUnlessRaises(ZeroDivisionError, lambda: 1 / 0)

    def test_assert_(self):
        self.assert_(1)

    def test_assertRaisesRegexp(self):
        with self.assertRaisesRegexp(ValueError, "bad"):
            raise ValueError("bad value")

    def test_assertDictContainsSubset(self):
        self.assertDictContainsSubset({"a": 1}, {"a": 1, "b": 2})


class TestRemovedAliasInSetUp(unittest.TestCase):
    def setUp(self):
        self.assertEquals(2 + 2, 4)

    def test_plain_assertion_after_setUp(self):
        self.assertEqual(1, 1)


def test_assertEquals_on_a_TestCase_instance_in_a_plain_function():
    case = unittest.TestCase()
    case.assertEquals([1], [1])
