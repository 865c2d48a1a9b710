"""How the simulation hides removed names (``_hiding.Names``), on modules and classes made
for the test: refused to the caller, listed nowhere it looks, and put back exactly."""

from __future__ import annotations

import dataclasses
import sys
import types

import pytest

from pytest_removed_apis import catalog
from pytest_removed_apis.intercept.hiding import Names, Namespace

TEMPLATE = catalog.by_id("ssl.wrap_socket")


def _entry(module: str, qualname: str) -> catalog.Entry:
    return dataclasses.replace(
        TEMPLATE, id=f"{module}.{qualname}", module=module, qualname=qualname
    )


@pytest.fixture
def module(monkeypatch):
    made = types.ModuleType("removed_apis_hiding_probe")
    made.old = lambda: "old"
    made.kept = "kept"
    made.__all__ = ["old", "kept"]
    monkeypatch.setitem(sys.modules, made.__name__, made)
    return made


@pytest.fixture
def names():
    hiding = Names()
    yield hiding
    hiding.uninstall()


def test_a_hidden_module_name_is_gone_from_every_listing(module, names):
    names.hide(module, _entry(module.__name__, "old"))
    assert not hasattr(module, "old")
    assert module.__all__ == ["kept"]
    namespace = vars(module)
    assert isinstance(namespace, Namespace)
    assert "old" not in namespace
    assert "kept" in namespace
    assert len(namespace) == len(dict(namespace))
    assert "'old'" not in repr(namespace)
    assert namespace.copy() == dict(namespace)
    with pytest.raises(KeyError):
        del namespace["old"]
    namespace["new"] = 1
    assert module.new == 1
    del namespace["new"]
    assert not hasattr(module, "new")
    assert "old" not in dir(module)


def test_an_unusual___all___is_left_as_it_is(module, names):
    module.__all__ = "old kept"  # not a list or tuple: nothing to take out
    names.hide(module, _entry(module.__name__, "old"))
    assert module.__all__ == "old kept"


def test_names_come_back_exactly_after_uninstall(module):
    names = Names()
    original = module.old
    names.hide(module, _entry(module.__name__, "old"))
    names.uninstall()
    assert type(module) is types.ModuleType
    assert module.old is original
    assert vars(module)["old"] is original


def test_a_module_type_put_on_top_later_stays_but_hides_nothing(module):
    names = Names()
    names.hide(module, _entry(module.__name__, "old"))
    on_top = type("OnTop", (type(module),), {})
    module.__class__ = on_top
    names.uninstall()
    assert type(module) is on_top
    assert module.old() == "old"


def test_a_path_that_leads_to_no_class_hides_nothing(module, names):
    module.function = lambda: None
    module.Class = type("Class", (), {})
    names.hide(module, _entry(module.__name__, "function.attribute"))
    names.hide(module, _entry(module.__name__, "missing.attribute"))
    names.hide(module, _entry(module.__name__, "Class.missing"))
    assert list(names) == []


def test_a_member_of_a_built_in_type_cannot_be_hidden(names):
    names.hide(sys.modules["builtins"], _entry("builtins", "int.bit_length"))
    assert list(names) == []
    assert (5).bit_length() == 3


def test_a_replaced_class_member_is_hidden_again_by_reset(module, names):
    class Owner:
        def old(self):
            return "old"

    module.Owner = Owner
    names.hide(module, _entry(module.__name__, "Owner.old"))
    assert not hasattr(Owner, "old")
    Owner.old = lambda self: "replaced"
    assert Owner().old() == "replaced"
    names.reset()
    assert not hasattr(Owner(), "old")
    names.uninstall()
    assert Owner().old() == "old"


def test_an_assignment_through_an_instance_lands_in_its_dict(module, names):
    class Owner:
        @property
        def old(self):
            return "property"

    module.Owner = Owner
    names.hide(module, _entry(module.__name__, "Owner.old"))
    instance = Owner()
    assert not hasattr(instance, "old")
    instance.old = "own"
    assert instance.old == "own"
    names.uninstall()
    assert Owner().old == "property"


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("x = old\nold()\n", "old"),
        ("x = old\n", "old"),
        ("bold = older\nold_x = 1\n", "old"),
        ("old", "old"),
        ("oldold old", "old"),
        ("(old)+old", "old"),
        ("_old old_ old", "old"),
        ("éold old old", "old"),
        ("old² old", "old"),
        ("T = TEMPLATE\nif flags & T:\n    pass\n", "T"),
        ("T1 T_ T", "T"),
    ],
)
def test_a_second_mention_is_a_whole_word_as_the_pattern_would_find(
    tmp_path, monkeypatch, source, name
):
    import re

    from pytest_removed_apis.intercept import hiding as _hiding

    path = tmp_path / "probe_named_again.py"
    path.write_text(source, encoding="utf-8")
    holder_module = types.ModuleType("probe_named_again")
    holder_module.__file__ = str(path)
    monkeypatch.setitem(sys.modules, holder_module.__name__, holder_module)
    holder = type("Holder", (), {"__module__": holder_module.__name__})
    _hiding._source.cache_clear()
    words = len(re.findall(rf"\b{re.escape(name)}\b", source))
    assert _hiding._named_again(holder, name) is (words >= 2)
