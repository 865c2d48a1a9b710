"""Older tests, still written against unittest.TestCase."""
import unittest

from legacy_inventory.inventory import Inventory, normalise_sku


class CatalogTests(unittest.TestCase):
    def setUp(self):
        self.inv = Inventory()
        self.inv.add(" wid-1 ", 3, 2.5)

    def test_sku_is_normalised(self):
        self.assertEquals(normalise_sku(" wid-1 "), "WID-1")  # alias removed in 3.12

    def test_sku_format(self):
        self.assertRegexpMatches(normalise_sku("ab-12"), r"^[A-Z]+-\d+$")  # removed in 3.12

    def test_item_in_stock(self):
        self.failUnless(self.inv.in_stock("WID-1"))  # removed in 3.12

    def test_quantity(self):
        self.assertEqual(self.inv.quantity("wid-1"), 3)


if __name__ == "__main__":
    unittest.main()
