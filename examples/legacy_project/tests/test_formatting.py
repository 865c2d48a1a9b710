from legacy_inventory.formatting import format_price, format_quantity, sku_label


def test_format_price():
    assert format_price(12.5) == "12.50 EUR"


def test_format_quantity():
    assert format_quantity(1200) == "1200"


def test_sku_label():
    assert sku_label("WID-1", 3) == "WID-1        x3"
