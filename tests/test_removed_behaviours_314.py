"""The behaviours Python 3.14 removed, on the releases that still have them: each use is a
finding in default mode, even where no warning says so, and the standard library's own
calls are none; ``tests/test_catalog_on_interpreter.py`` and ``tests/test_simulate.py`` run
each entry's trigger on its own."""

from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.skipif(sys.version_info >= (3, 14), reason="3.14 removed them")

BEHAVIOURS_314 = """
import argparse, ast, asyncio, os, pathlib, pytest, sys, typing, urllib.request

@pytest.fixture(autouse=True)
def fresh_event_loop_policy():
    asyncio.set_event_loop_policy(None)
    yield
    asyncio.set_event_loop_policy(None)

def test_event_loop_made_implicitly():
    asyncio.get_event_loop().close()

def test_path_keyword_arguments():
    pathlib.Path("a", key="ignored")

def test_relative_to_more_paths():
    pathlib.PurePath("/a/b/c").relative_to("/a", "b")

def test_is_relative_to_more_paths():
    if sys.version_info >= (3, 9):
        pathlib.PurePath("/a/b/c").is_relative_to("/a", "b")

def test_paths_as_on_314():
    assert pathlib.Path("a", "b") == pathlib.PurePath("/a/a/b").relative_to("/a")

def test_event_loop_made_implicitly_by_the_policy():
    asyncio.get_event_loop_policy().get_event_loop().close()

def test_event_loop_set_first():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    assert asyncio.get_event_loop() is loop
    assert asyncio.get_event_loop_policy().get_event_loop() is loop
    loop.close()

def test_event_loop_running():
    async def main():
        return asyncio.get_event_loop()
    assert asyncio.run(main()) is not None

def test_event_loop_of_a_future_made_by_the_library():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    asyncio.Future()
    loop.close()

def test_event_loop_of_a_policy_of_its_own():
    class Policy(asyncio.AbstractEventLoopPolicy):
        loop = asyncio.new_event_loop()

        def get_event_loop(self):
            return self.loop

    asyncio.set_event_loop_policy(Policy())
    asyncio.get_event_loop().close()

def test_nested_argument_group():
    parser = argparse.ArgumentParser()
    parser.add_mutually_exclusive_group().add_argument_group("inner")

def test_nested_mutually_exclusive_group():
    parser = argparse.ArgumentParser()
    parser.add_argument_group("outer").add_mutually_exclusive_group().add_mutually_exclusive_group()

class Numbers(ast.NodeVisitor):
    def __init__(self):
        self.seen = []

    def visit_Num(self, node):
        self.seen.append(node.value)

def test_legacy_visit_method():
    Numbers().visit(ast.parse("1"))

def test_visit_constant():
    class Constants(ast.NodeVisitor):
        def visit_Constant(self, node):
            pass

    Constants().visit(ast.parse("1"))

def test_groups_of_the_parser():
    parser = argparse.ArgumentParser()
    parser.add_argument_group("outer").add_mutually_exclusive_group()
    parser.add_mutually_exclusive_group()

def test_forward_ref_positional_arguments():
    typing.ForwardRef("int", False)

def test_forward_refs_as_on_314():
    def annotated(x: "int") -> typing.List["int"]:
        pass

    assert typing.get_type_hints(annotated)["x"] is int
    assert typing.ForwardRef("int", is_argument=False).__forward_arg__ == "int"

def test_url2pathname_keyword():
    urllib.request.url2pathname(pathname="/a%20b")

def test_url2pathname_as_on_314():
    assert urllib.request.url2pathname("/a%20b") == "/a b"

def test_splitroot_path_keyword():
    if sys.version_info >= (3, 13):  # 3.12's took p=
        os.path.splitroot(path="/a/b")

def test_splitroot_as_on_314():
    if sys.version_info >= (3, 12):
        assert os.path.splitroot("/a/b") == ("", "/", "a/b")
"""


def test_behaviours_removed_in_314_are_caught_even_where_they_are_silent(project):
    project.makepyfile(test_behaviours=BEHAVIOURS_314)
    reprec = project.inline_run("-W", "ignore", "--removed-apis-target=3.14")
    failed = {
        rep.nodeid.split("::")[1]: sorted(finding["api"] for finding in rep.removed_apis)
        for rep in reprec.getreports()
        if rep.failed
    }
    assert failed == {
        "test_event_loop_made_implicitly": ["asyncio.get_event_loop:implicit-loop-creation"],
        "test_event_loop_made_implicitly_by_the_policy": [
            "asyncio.DefaultEventLoopPolicy.get_event_loop:implicit-loop-creation"
        ],
        "test_nested_argument_group": ["argparse:nested-argument-groups"],
        "test_nested_mutually_exclusive_group": ["argparse:nested-mutually-exclusive-groups"],
        "test_legacy_visit_method": ["ast.NodeVisitor:legacy-visit-methods"],
        "test_path_keyword_arguments": ["pathlib.Path:keyword-arguments"],
        "test_relative_to_more_paths": ["pathlib.PurePath.relative_to:extra-arguments"],
        "test_forward_ref_positional_arguments": ["typing.ForwardRef:positional-arguments"],
        "test_url2pathname_keyword": ["urllib.request.url2pathname:pathname-keyword"],
        **(
            {"test_splitroot_path_keyword": ["posixpath.splitroot:path-keyword"]}
            if sys.version_info >= (3, 13)
            else {}
        ),
        **(
            {"test_is_relative_to_more_paths": ["pathlib.PurePath.is_relative_to:extra-arguments"]}
            if sys.version_info >= (3, 9)
            else {}
        ),
    }


SIMULATED = """
import argparse, ast, asyncio, os, pathlib, pytest, sys, typing, urllib.request

@pytest.fixture(autouse=True)
def fresh_event_loop_policy():
    asyncio.set_event_loop_policy(None)
    yield
    asyncio.set_event_loop_policy(None)

def test_path_arguments():
    with pytest.raises(TypeError, match=r"^PurePath.__init__\\(\\) got an unexpected keyword "):
        pathlib.Path("a", key="ignored")
    path = pathlib.PurePath("/a/b/c")
    with pytest.raises(TypeError, match=r"^PurePath.relative_to\\(\\) takes 2 positional "):
        path.relative_to("/a", "b", "c")
    if sys.version_info >= (3, 12):
        with pytest.raises(TypeError, match=r"but 3 positional arguments \\(and 1 keyword-only"):
            path.relative_to("/a", "b", walk_up=True)
    if sys.version_info >= (3, 9):
        with pytest.raises(TypeError, match=r"^PurePath.is_relative_to\\(\\) takes 2 positional "):
            path.is_relative_to("/a", "b")
    assert path.relative_to("/a") == pathlib.PurePath("b/c") == pathlib.Path("b", "c")

NO_LOOP = "There is no current event loop in thread 'MainThread'."

def test_event_loop_made_implicitly():
    with pytest.raises(RuntimeError, match=NO_LOOP):
        asyncio.get_event_loop()
    with pytest.raises(RuntimeError, match=NO_LOOP):
        asyncio.get_event_loop_policy().get_event_loop()

@pytest.mark.allow_removed(
    "asyncio.get_event_loop:implicit-loop-creation",
    "asyncio.DefaultEventLoopPolicy.get_event_loop:implicit-loop-creation",
)
def test_an_allowed_implicit_event_loop():
    asyncio.get_event_loop().close()

def test_event_loop_set_first_or_made_by_the_library():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    assert asyncio.get_event_loop() is loop
    assert asyncio.get_event_loop_policy().get_event_loop() is loop
    asyncio.Future().cancel()
    loop.close()

def test_nested_groups():
    parser = argparse.ArgumentParser()
    group = parser.add_argument_group("outer")
    with pytest.raises(ValueError, match="^argument groups cannot be nested$"):
        group.add_argument_group("inner")
    exclusive = group.add_mutually_exclusive_group()
    with pytest.raises(ValueError, match="^argument groups cannot be nested$"):
        exclusive.add_argument_group("inner")
    with pytest.raises(ValueError, match="^mutually exclusive groups cannot be nested$"):
        exclusive.add_mutually_exclusive_group()

class Values(ast.NodeVisitor):
    def __init__(self):
        self.seen = []

    def visit_Num(self, node):
        self.seen.append(node.value)

    def visit_Str(self, node):
        self.seen.append(node.value)

class OwnConstants(Values):
    def visit_Constant(self, node):
        self.seen.append("own")

class Small(int):
    pass

def test_legacy_visit_methods_are_no_longer_called():
    values = Values()
    values.visit(ast.parse("x = 1 + Small(2)"))
    values.visit(ast.Constant(value=Small(2)))
    values.visit(ast.Constant(value=(1, 2)))
    assert values.seen == []
    own = OwnConstants()
    own.visit(ast.parse("1"))
    assert own.seen == ["own"]

class Strings(ast.NodeTransformer):
    def visit_Str(self, node):
        return ast.Constant("replaced")

def test_a_transformer_keeps_its_constants():
    tree = Strings().visit(ast.parse("x = 'a'"))
    assert tree.body[0].value.value == "a"

@pytest.mark.allow_removed("ast.NodeVisitor:legacy-visit-methods")
def test_an_allowed_legacy_visit_method_is_called():
    values = Values()
    values.visit(ast.Constant(value=1))
    assert values.seen == [1]

FORWARD_REF = r"^ForwardRef.__init__\\(\\) takes 2 positional arguments but "
ONE_KEYWORD = r"4 positional arguments \\(and 1 keyword-only argument\\) were"
TWO_KEYWORDS = r"3 positional arguments \\(and 2 keyword-only arguments\\) were"

def test_forward_ref_arguments():
    with pytest.raises(TypeError, match=FORWARD_REF + "3 were given$"):
        typing.ForwardRef("int", False)
    with pytest.raises(TypeError, match=FORWARD_REF + ONE_KEYWORD):
        typing.ForwardRef("int", True, None, is_class=True)
    with pytest.raises(TypeError, match=FORWARD_REF + TWO_KEYWORDS):
        typing.ForwardRef("int", True, module=None, is_class=True)
    assert typing.ForwardRef("int", is_argument=False, module=None) == typing.ForwardRef("int")

def test_url2pathname_keyword():
    message = "^url2pathname\\(\\) got an unexpected keyword argument 'pathname'$"
    with pytest.raises(TypeError, match=message):
        urllib.request.url2pathname(pathname="/a%20b")
    assert urllib.request.url2pathname("/a%20b") == "/a b"

def test_splitroot_path_keyword():
    if sys.implementation.version >= (3, 13):  # the real release: 3.12's took p=
        message = r"^_path_splitroot_ex\\(\\) missing required argument 'p' \\(pos 1\\)$"
        with pytest.raises(TypeError, match=message):
            os.path.splitroot(path="/a/b")
    assert os.path.splitroot("/a/b") == ("", "/", "a/b")
"""


@pytest.mark.skipif(sys.version_info < (3, 12), reason="simulated on the release before only")
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_behaviours_removed_in_314_behave_as_on_314_under_simulation(project):
    project.makepyfile(test_simulated=SIMULATED)
    project.runpytest("--simulate-python=3.14", "-W", "ignore").assert_outcomes(passed=11)
