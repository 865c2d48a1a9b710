"""``tests/comparison/record.py`` loaded once as a module, for the comparison tests that
share its helpers (it is also a script, run on the real interpreters)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def _load() -> ModuleType:
    path = Path(__file__).parent / "comparison" / "record.py"
    spec = importlib.util.spec_from_file_location("removed_apis_comparison_record", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


record = _load()
