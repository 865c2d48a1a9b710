"""Fixtures shared by the comparison snippets.  Nothing here uses a removed API."""

import pytest

# A self-signed prime256v1 key and certificate for CN=localhost: loaded by
# ssl.SSLContext.load_cert_chain() only, never used to talk to anyone.
KEY_PEM = """\
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgBwPzY0OHLfLN5DIv
DIZyJFfkVGk7Ti9H5nM5feFV4OChRANCAASJd7EIoMbhRAj0rRnW4935SgPWtWa3
e3GUqadMlTsLisyWTKsBt62XkHr2X0nbi5BKUxCK2uVMs/je49BLvvB+
-----END PRIVATE KEY-----
"""
CERT_PEM = """\
-----BEGIN CERTIFICATE-----
MIIBfjCCASWgAwIBAgIUDNm7PZBMFLmT/73oB7jggajT5P4wCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyMTA3NDQ1MFoYDzIxMjYxMDI4
MDc0NDUwWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASJd7EIoMbhRAj0rRnW4935SgPWtWa3e3GUqadMlTsLisyWTKsBt62X
kHr2X0nbi5BKUxCK2uVMs/je49BLvvB+o1MwUTAdBgNVHQ4EFgQUYF+tx0i5uGIc
2VhtEG0wpJlwnjswHwYDVR0jBBgwFoAUYF+tx0i5uGIc2VhtEG0wpJlwnjswDwYD
VR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNHADBEAiBBRA2j0AADKbL+vXJ+ftNk
qVoGKKUDUf1VHBEa5SWo+QIgDgvvFwJ0kyjJAL2CFqaVY3Lp9g39AtIY4pwfy+eO
GZI=
-----END CERTIFICATE-----
"""


@pytest.fixture
def key_and_cert(tmp_path):
    """Paths (as str) of a PEM private key and its certificate."""
    key = tmp_path / "key.pem"
    cert = tmp_path / "cert.pem"
    key.write_text(KEY_PEM)
    cert.write_text(CERT_PEM)
    return str(key), str(cert)


@pytest.fixture
def refused_address():
    """A loopback address where nothing listens (TCP port 1): connecting is refused at once."""
    return ("127.0.0.1", 1)


@pytest.fixture
def zip_with_module(tmp_path):
    """A zip archive holding ``zipped_module.py``; returns the archive's path as str."""
    import zipfile

    archive = tmp_path / "modules.zip"
    with zipfile.ZipFile(str(archive), "w") as zf:
        zf.writestr("zipped_module.py", "ANSWER = 42\n")
    return str(archive)
