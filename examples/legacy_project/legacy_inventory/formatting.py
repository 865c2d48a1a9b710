"""Human-readable numbers for reports."""
import locale
import sys


def format_price(amount, currency="EUR"):
    return "%s %s" % (locale.format("%.2f", amount, grouping=True), currency)  # removed in 3.12


def format_quantity(quantity):
    # Version-guarded: the old call is only reached where it still exists.
    if sys.version_info < (3, 12):
        return locale.format("%d", quantity, grouping=True)
    else:
        return locale.format_string("%d", quantity, grouping=True)


def sku_label(sku, quantity):
    return "%-12s x%d" % (sku, quantity)


def format_report_total(amount):
    """The grand total of the yearly PDF report; no test covers it yet."""
    return locale.format("%.2f", amount, grouping=True)  # removed in 3.12, never run by a test
