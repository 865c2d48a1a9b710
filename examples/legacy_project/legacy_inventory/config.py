"""Reading the ``inventory.ini`` settings file."""
import configparser
import io

DEFAULTS = {"low_stock_threshold": "5", "currency": "EUR"}


class Settings(object):
    def __init__(self, low_stock_threshold=5, currency="EUR"):
        self.low_stock_threshold = low_stock_threshold
        self.currency = currency


def default_settings():
    return Settings()


def _from_parser(parser):
    return Settings(
        low_stock_threshold=parser.getint("inventory", "low_stock_threshold"),
        currency=parser.get("inventory", "currency"),
    )


def load_settings(text):
    """Parse settings given as a string (e.g. from an environment variable)."""
    parser = configparser.SafeConfigParser(defaults=DEFAULTS)  # removed in 3.12
    parser.readfp(io.StringIO(text), "<settings>")  # removed in 3.12
    return _from_parser(parser)


def load_settings_file(path):
    """Parse an ``inventory.ini`` file on disk."""
    parser = configparser.ConfigParser(defaults=DEFAULTS)
    with open(path) as fp:
        parser.readfp(fp)  # removed in 3.12 (read_file is the replacement)
    return _from_parser(parser)
