"""How long the static scan takes next to reading and parsing the same files.

Usage::

    python benchmarks/scan_speed.py [TREE] [--runs N] [--target 3.12|3.13]

TREE defaults to the running interpreter's standard library.  The files are those the scan
command would visit (``pytest_removed_apis.scan.python_files``).  Each measurement is the
median of N runs (default 5) of

(a) reading every file and ``ast.parse``-ing it, and
(b) the full scan of every file (reading, parsing, analysis, guards),

run alternately, and the script prints both medians and their ratio.  The scan should stay
within twice the bare parse.  This is a script, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import ast
import gc
import statistics
import sys
import sysconfig
import time
import warnings
from typing import Callable

from pytest_removed_apis.scan import ScanError, Scanner, python_files


def parse_only(files: list[str]) -> int:
    """Read and parse every file; the number that parsed."""
    parsed = 0
    for path in files:
        try:
            with open(path, "rb") as stream:
                data = stream.read()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ast.parse(data, path)
        except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        parsed += 1
    return parsed


def full_scan(files: list[str], scanner: Scanner) -> int:
    """Scan every file; the number of uses found."""
    found = 0
    for path in files:
        try:
            found += len(scanner.file(path))
        except ScanError:
            continue
    return found


def timed(function: Callable[[], int]) -> tuple[float, int]:
    gc.collect()
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tree", nargs="?", default=sysconfig.get_paths()["stdlib"])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--target", default="3.12", choices=("3.12", "3.13"))
    options = parser.parse_args()
    files = list(python_files(options.tree))
    scanner = Scanner(options.target)
    print(f"Python {sys.version.split()[0]}, {len(files)} files under {options.tree}")
    # One warm-up pass of each, so both start with the files in the page cache.
    parse_only(files)
    full_scan(files, scanner)
    # The runs alternate, so that a change in the machine's load hits both alike.
    parse_times, scan_times = [], []
    parsed = found = 0
    for _ in range(options.runs):
        elapsed, parsed = timed(lambda: parse_only(files))
        parse_times.append(elapsed)
        elapsed, found = timed(lambda: full_scan(files, scanner))
        scan_times.append(elapsed)
    parse_time = statistics.median(parse_times)
    scan_time = statistics.median(scan_times)
    print(f"(a) read + ast.parse: {parse_time:8.3f} s  ({parsed} files parsed)")
    print(f"(b) full scan:        {scan_time:8.3f} s  ({found} uses, target {options.target})")
    print(f"ratio (b) / (a):      {scan_time / parse_time:8.2f}  (median of {options.runs} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
