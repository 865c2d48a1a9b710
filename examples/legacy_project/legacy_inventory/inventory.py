"""Core stock bookkeeping. Uses nothing outside the modern standard library."""


class InsufficientStock(Exception):
    pass


def normalise_sku(raw):
    """SKUs are stored upper-case, without surrounding blanks."""
    return raw.strip().upper()


class Inventory(object):
    def __init__(self):
        self._quantities = {}
        self._prices = {}

    def add(self, sku, quantity, unit_price=None):
        sku = normalise_sku(sku)
        self._quantities[sku] = self._quantities.get(sku, 0) + quantity
        if unit_price is not None:
            self._prices[sku] = unit_price

    def remove(self, sku, quantity):
        sku = normalise_sku(sku)
        have = self._quantities.get(sku, 0)
        if quantity > have:
            raise InsufficientStock("%s: want %d, have %d" % (sku, quantity, have))
        self._quantities[sku] = have - quantity

    def quantity(self, sku):
        return self._quantities.get(normalise_sku(sku), 0)

    def in_stock(self, sku):
        return self.quantity(sku) > 0

    def low_stock(self, threshold):
        """SKUs whose quantity is below *threshold*, sorted."""
        return sorted(s for s, q in self._quantities.items() if q < threshold)

    def total_value(self):
        return sum(q * self._prices.get(s, 0.0) for s, q in self._quantities.items())
