import pytest

from legacy_inventory.inventory import InsufficientStock, Inventory, normalise_sku


@pytest.fixture
def inv():
    inventory = Inventory()
    inventory.add("wid-1", 10, 2.5)
    inventory.add("BOLT-7", 3, 0.1)
    return inventory


def test_add_accumulates(inv):
    inv.add("WID-1", 5)
    assert inv.quantity("wid-1") == 15


def test_remove(inv):
    inv.remove("wid-1", 4)
    assert inv.quantity("WID-1") == 6


def test_remove_too_many_raises(inv):
    with pytest.raises(InsufficientStock):
        inv.remove("BOLT-7", 4)


def test_low_stock(inv):
    inv.add("nut-2", 1)
    assert inv.low_stock(5) == ["BOLT-7", "NUT-2"]


def test_total_value(inv):
    assert inv.total_value() == pytest.approx(25.3)
    assert normalise_sku("  x-1 ") == "X-1"
