from legacy_inventory import config

INI = """\
[inventory]
low_stock_threshold = 12
"""


def test_defaults():
    settings = config.default_settings()
    assert settings.low_stock_threshold == 5
    assert settings.currency == "EUR"


def test_load_settings_from_text():
    settings = config.load_settings(INI)
    assert settings.low_stock_threshold == 12
    assert settings.currency == "EUR"


def test_load_settings_file(tmp_path):
    path = tmp_path / "inventory.ini"
    path.write_text(INI + "currency = CHF\n")
    settings = config.load_settings_file(str(path))
    assert settings.currency == "CHF"
