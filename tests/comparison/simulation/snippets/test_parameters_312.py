"""Keyword parameters removed in Python 3.12, passed every way.

Real 3.12: TypeError (an unexpected keyword argument, or too many positional ones), so every
test that passes one fails.  Nothing needs the network: clients are built without a host or
pointed at a loopback port where nothing listens (3.8-3.11: the refused connection or the
missing connection the test expects; 3.12: the TypeError comes first).  3.8-3.11 without
the plugin: every test passes.
"""

import configparser
import ftplib
import http.client
import imaplib
import poplib
import smtplib
import types
import unittest

import pytest


def test_HTTPSConnection_key_file_None():
    connection = http.client.HTTPSConnection("localhost", key_file=None)
    assert connection.host == "localhost"


def test_HTTPSConnection_cert_file_None():
    connection = http.client.HTTPSConnection("localhost", cert_file=None)
    assert connection.host == "localhost"


def test_HTTPSConnection_check_hostname_in_a_keyword_dict():
    options = {"check_hostname": None}
    connection = http.client.HTTPSConnection("localhost", **options)
    assert connection.host == "localhost"


def test_HTTPSConnection_key_file_and_cert_file_passed_by_position():
    connection = http.client.HTTPSConnection("localhost", 443, None, None)
    assert connection.port == 443


def test_SMTP_SSL_keyfile_None_without_a_host():
    client = smtplib.SMTP_SSL(keyfile=None)
    client.close()


def test_SMTP_starttls_certfile_None_before_connecting():
    with pytest.raises(smtplib.SMTPServerDisconnected):
        smtplib.SMTP().starttls(certfile=None)


def test_FTP_TLS_certfile_None_without_a_host():
    client = ftplib.FTP_TLS(certfile=None)
    client.close()


def test_IMAP4_SSL_certfile_None_connection_refused(refused_address):
    host, port = refused_address
    with pytest.raises(ConnectionRefusedError):
        imaplib.IMAP4_SSL(host, port, certfile=None)


def test_POP3_SSL_keyfile_None_connection_refused(refused_address):
    host, port = refused_address
    with pytest.raises(ConnectionRefusedError):
        poplib.POP3_SSL(host, port, keyfile=None, timeout=5)


def test_ParsingError_filename_keyword():
    error = configparser.ParsingError(filename="settings.ini")
    assert error.source == "settings.ini"


def test_loadTestsFromModule_use_load_tests_keyword():
    module = types.ModuleType("no_tests_here")
    suite = unittest.TestLoader().loadTestsFromModule(module, use_load_tests=True)
    assert suite.countTestCases() == 0


def test_removed_keyword_caught_as_TypeError_falls_back():
    try:
        connection = http.client.HTTPSConnection("localhost", check_hostname=False)
    except TypeError:
        connection = http.client.HTTPSConnection("localhost")
    assert connection.host == "localhost"
