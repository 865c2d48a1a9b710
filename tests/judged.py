"""Run a small project under pytest and read each test's outcome from its junit report,
to compare with what real CPython does with the same project."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from typing import Dict, Mapping

import pytest

Outcomes = Dict[str, str]  # noqa: UP006 - evaluated at run time on 3.8
"""Node id (a test module's own, when it fails to collect) -> passed, failed, error or
skipped."""


def read_outcomes(junit: str) -> Outcomes:
    outcomes: Outcomes = {}
    for case in ElementTree.parse(junit).getroot().iter("testcase"):
        module, *classes = case.get("classname", "").split(".")
        name = case.get("name", "")
        nodeid = "::".join([f"{module}.py", *classes, name]) if module else f"{name}.py"
        tags = {child.tag for child in case}
        outcome = "passed"
        for tag, named in (("error", "error"), ("failure", "failed"), ("skipped", "skipped")):
            if tag in tags:
                outcome = named
                break
        outcomes[nodeid] = outcome
    return outcomes


def run(
    pytester: pytest.Pytester, project: Mapping[str, str], *args: str
) -> tuple[Outcomes, pytest.RunResult]:
    """Write the project (paths to dedented sources) and run it in a subprocess."""
    pytester.makepyfile(**{name[:-3]: text for name, text in project.items()})
    junit = str(pytester.path / "junit.xml")
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "--continue-on-collection-errors", f"--junitxml={junit}", *args
    )
    return read_outcomes(junit), result
