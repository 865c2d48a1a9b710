"""A removed name in an annotation of a module-level function: on 3.12 and 3.13 the module
fails to import; from 3.14 on the annotation is not evaluated and its tests pass."""

import configparser


def read(parser: configparser.SafeConfigParser = None):
    return parser


def test_read_without_a_parser():
    assert read() is None
