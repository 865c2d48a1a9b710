"""legacy-inventory: stock keeping for a small warehouse."""

__version__ = "1.4.2"
