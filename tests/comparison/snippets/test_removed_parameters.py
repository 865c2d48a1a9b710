"""Keyword parameters removed in Python 3.12 (3.12: TypeError, every test fails).

Nothing here needs the network: clients are built without a host, or told to connect to
a loopback port where nothing listens (3.11: ConnectionRefusedError, which the test
expects; 3.12: the TypeError comes first).
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


def test_SMTP_SSL_keyfile_and_certfile_without_host(key_and_cert):
    key, cert = key_and_cert
    client = smtplib.SMTP_SSL(keyfile=key, certfile=cert)
    assert client.keyfile == key
    client.close()


def test_SMTP_SSL_keyfile_None_connection_refused(refused_address):
    host, port = refused_address
    with pytest.raises(ConnectionRefusedError):
        smtplib.SMTP_SSL(host, port, keyfile=None, timeout=5)


def test_IMAP4_SSL_keyfile_None_connection_refused(refused_address):
    host, port = refused_address
    with pytest.raises(ConnectionRefusedError):
        imaplib.IMAP4_SSL(host, port, keyfile=None)


def test_POP3_SSL_certfile_None_connection_refused(refused_address):
    host, port = refused_address
    with pytest.raises(ConnectionRefusedError):
        poplib.POP3_SSL(host, port, certfile=None, timeout=5)


def test_FTP_TLS_keyfile_and_certfile_without_host(key_and_cert):
    key, cert = key_and_cert
    client = ftplib.FTP_TLS(keyfile=key, certfile=cert)
    assert client.certfile == cert
    client.close()


def test_HTTPSConnection_key_file_and_cert_file(key_and_cert):
    key, cert = key_and_cert
    connection = http.client.HTTPSConnection("localhost", key_file=key, cert_file=cert)
    assert connection.host == "localhost"


def test_HTTPSConnection_check_hostname():
    connection = http.client.HTTPSConnection("localhost", check_hostname=False)
    assert connection.host == "localhost"


def test_ParsingError_filename_keyword():
    error = configparser.ParsingError(filename="settings.ini")
    assert error.source == "settings.ini"


def test_loadTestsFromModule_use_load_tests():
    module = types.ModuleType("empty_tests")
    suite = unittest.TestLoader().loadTestsFromModule(module, use_load_tests=False)
    assert suite.countTestCases() == 0
