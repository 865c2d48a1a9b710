"""The package's layers (docs/architecture.rst): a module imports only from its own layer
and the layers below it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import pytest_removed_apis

PACKAGE = Path(pytest_removed_apis.__file__).parent
LAYERS = {
    "catalog": 1,
    "findings": 1,
    "guards": 1,
    "settings": 1,
    "intercept": 2,
    "scan": 3,
    "report": 4,
    "plugin": 5,
    "detector": 5,
    "simulator": 5,
    "marks": 5,
    "children": 5,
    "hookspecs": 5,
    "__main__": 5,
    "__init__": 1,  # the public names: the catalog's and the findings'
}


def layer(module: str) -> int:
    """The layer of a module of the package, by its first part after the package."""
    first = module.split(".")[1] if "." in module else "__init__"
    return LAYERS[first]


def imported(path: Path, name: str) -> set[str]:
    """The modules of the package that a file imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] == "pytest_removed_apis":
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("pytest_removed_apis."))
    return {module for module in found if _is_module(module)} - {name}


def _is_module(module: str) -> bool:
    parts = module.split(".")[1:]
    path = PACKAGE.joinpath(*parts)
    return not parts or path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


MODULES = sorted(
    (
        "pytest_removed_apis."
        + ".".join(path.relative_to(PACKAGE).with_suffix("").parts).replace(".__init__", "")
    ).rstrip(".")
    for path in PACKAGE.rglob("*.py")
)


def test_every_module_has_a_layer():
    assert {module.split(".")[1] for module in MODULES if "." in module} <= set(LAYERS)


@pytest.mark.parametrize("module", MODULES)
def test_a_module_imports_nothing_from_a_layer_above_its_own(module):
    parts = module.split(".")[1:]
    path = PACKAGE.joinpath(*parts)
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    above = sorted(name for name in imported(path, module) if layer(name) > layer(module))
    assert above == []


def test_a_module_importing_upwards_is_caught(tmp_path):
    upwards = tmp_path / "findings.py"
    upwards.write_text("from pytest_removed_apis.report import summary\n", encoding="utf-8")
    above = sorted(
        name
        for name in imported(upwards, "pytest_removed_apis.findings")
        if layer(name) > layer("pytest_removed_apis.findings")
    )
    assert above == ["pytest_removed_apis.report", "pytest_removed_apis.report.summary"]
