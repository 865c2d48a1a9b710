"""Removed names in annotations.

An annotation of a parameter, of a return or of a class variable is evaluated when the
definition runs before 3.14, and only when it is asked for from 3.14 on (PEP 649).  Real
3.12 and 3.13 fail the 3.12 names, 3.13 passes the 3.14 ones, 3.14 passes every test.
"""

import ast
import configparser
import email.utils


def test_parameter_annotation_of_a_312_removal():
    def read(parser: configparser.SafeConfigParser = None):
        return parser

    assert read() is None


def test_return_annotation_of_a_314_removal():
    def node() -> ast.Num:
        return ast.Constant(1)

    assert node().value == 1


def test_class_variable_annotation_of_a_314_removal():
    class Holder:
        literal: ast.Str = None

    assert Holder.literal is None


def test_annotation_and_use_on_one_line_fail_on_the_use():
    def f(x: ast.Num = None):
        return ast.Num  # noqa: E704

    assert email.utils.localtime() is not None
    assert f() is not None
