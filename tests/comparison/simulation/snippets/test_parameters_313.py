"""Keyword parameters removed in Python 3.13 (present in 3.12).

Real 3.13: TypeError.  Real 3.12: every test passes (``file:`` URIs, no network).
3.8-3.11 without the plugin: every test passes.
"""

import urllib.request


def test_urlopen_cafile_None(page_uri):
    with urllib.request.urlopen(page_uri, cafile=None) as response:
        assert response.read() == b"content"


def test_urlopen_capath_None(page_uri):
    with urllib.request.urlopen(page_uri, capath=None) as response:
        assert response.read() == b"content"


def test_urlopen_cadefault_False_in_a_keyword_dict(page_uri):
    options = {"cadefault": False}
    with urllib.request.urlopen(page_uri, **options) as response:
        assert response.read() == b"content"


def test_removed_keyword_caught_as_TypeError_falls_back(page_uri):
    try:
        response = urllib.request.urlopen(page_uri, cafile=None)
    except TypeError:
        response = urllib.request.urlopen(page_uri)
    with response:
        assert response.read() == b"content"
