"""Check that a built wheel holds everything the plugin needs at run time.

Usage: ``python tools/check_wheel.py DIST_DIR`` (the folder holding exactly one wheel).
Exits 1 with one line per problem when something is missing or extra.
"""

from __future__ import annotations

import configparser
import pathlib
import sys
import zipfile

PACKAGE = "pytest_removed_apis"
REQUIRED_DEPENDENCIES = ("pytest", "pluggy", "coverage")
STARTUP = f"{PACKAGE}.pth"


def problems(wheel: pathlib.Path, checkout: pathlib.Path) -> list[str]:
    found: list[str] = []
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info_dir = next(name.split("/")[0] for name in names if ".dist-info/" in name)
        entry_points = archive.read(f"{info_dir}/entry_points.txt").decode()
        metadata = archive.read(f"{info_dir}/METADATA").decode()

    expected = {
        path.relative_to(checkout).as_posix()
        for path in (checkout / PACKAGE).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    expected.add(STARTUP)  # site-packages' own: starts the watch in a test's children
    for missing in sorted(expected - names):
        found.append(f"missing from the wheel: {missing}")
    for extra in sorted(name for name in names - expected if not name.startswith(info_dir)):
        found.append(f"unexpected file in the wheel: {extra}")
    if f"{PACKAGE}/py.typed" not in names:
        found.append("the wheel has no py.typed marker")

    parser = configparser.ConfigParser()
    parser.read_string(entry_points)
    if parser.get("pytest11", "removed_apis", fallback=None) != f"{PACKAGE}.plugin":
        found.append("entry point pytest11 removed_apis -> pytest_removed_apis.plugin is missing")
    if (
        parser.get("console_scripts", "pytest-removed-apis", fallback=None)
        != f"{PACKAGE}.__main__:main"
    ):
        found.append(
            "console script pytest-removed-apis -> pytest_removed_apis.__main__:main is missing"
        )
    requires = {
        line.split(":", 1)[1].strip().split(">")[0].split(";")[0].strip().lower()
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist:") and "extra ==" not in line
    }
    for dependency in REQUIRED_DEPENDENCIES:
        if dependency not in requires:
            found.append(f"the wheel does not depend on {dependency}")
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python tools/check_wheel.py DIST_DIR", file=sys.stderr)
        return 2
    wheels = sorted(pathlib.Path(argv[0]).glob("*.whl"))
    if len(wheels) != 1:
        print(f"expected exactly one wheel in {argv[0]}, found {len(wheels)}", file=sys.stderr)
        return 2
    checkout = pathlib.Path(__file__).resolve().parent.parent
    found = problems(wheels[0], checkout)
    for problem in found:
        print(problem)
    if not found:
        print(f"{wheels[0].name}: contents, entry point and dependencies are complete")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
