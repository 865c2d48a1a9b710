import legacy_inventory
from legacy_inventory.versioning import needs_migration, parse_flag, schema_key


def test_schema_key_sorts_numerically():
    assert sorted(["1.10", "1.9", "1.2.1"], key=schema_key) == ["1.2.1", "1.9", "1.10"]


def test_parse_flag():
    assert parse_flag("yes") is True
    assert parse_flag("off") is False


def test_needs_migration():
    assert needs_migration("1.3", "1.4.2")
    assert not needs_migration("1.4.2", "1.4.2")


def test_package_version_is_recent():
    from distutils.version import LooseVersion

    assert LooseVersion(legacy_inventory.__version__) >= LooseVersion("1.4")
