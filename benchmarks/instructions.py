"""The cost of pytest-removed-apis in instructions: the same suite and configurations as
``run.py``, counted by valgrind's callgrind instead of timed.

Run it with the interpreter to measure, from anywhere (valgrind must be on ``PATH``)::

    python benchmarks/instructions.py [--small N] [--large N] [--modules N] [--jobs N]
                                      [--json PATH] [--check]

An instruction count does not change with what else the machine is doing, so the figures
repeat from one run to the next where wall times on a busy machine spread by ten percent
and more.  Each configuration runs on two suites, of ``--small`` and ``--large`` tests
(200 and 3,000 by default), so that what a run costs splits into a cost per test (the
difference, divided by the difference in tests) and a fixed cost (start-up, import,
configuration).  The large suite has the size of the budget's suite: the ratio for 3,000
tests is then counted, not extrapolated.  A garbage collection of the whole heap comes a
few times per run, at moments that shift with every object a run keeps, and the exit of
the interpreter collects what is left; between two small suites they make the difference
jump by several percent of the cost per test.  The ratios printed are:

- per test: the plugin's cost per test relative to the plain run's;
- for 3,000 tests: fixed and per-test costs together, for a suite of ``run.py``'s size
  (``--project N`` for another), against the design's budgets;
- without the garbage collector: the cost per test once the collector's share of each run
  (the inclusive cost of its entry point, read with callgrind_annotate) is left out, and
  that share per test.  A full collection more or less in one of the two suites moves the
  cost per test by several percent; what is left is the cost of the code that runs;
- the scaling: how the cost per test changes when the catalog doubles or ``sys.modules``
  holds ``--modules`` more modules, in percent of the plain run's cost per test.

Instructions are not seconds: a system call or a page fault costs few of them and much
time.  ``run.py`` measures the wall time; this script says where the cost lies and whether
it grows.  Exit status: 0, 2 when a run failed or valgrind is missing, 1 with ``--check``
when a figure misses its budget.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
from typing import NamedTuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import run as bench  # noqa: E402 - the suite, its configurations and the tables of run.py

COUNTED = re.compile(r"Collected : (\d+)")
# The garbage collector's entry points, whose inclusive cost is its share of a run: 3.8 to
# 3.10 (collect), 3.11 to 3.13 (gc_collect_main), 3.14 on (_PyGC_Collect, in gc.c).
COLLECTOR = {"gcmodule.c": {"collect", "gc_collect_main"}, "gc.c": {"_PyGC_Collect"}}
ANNOTATED = re.compile(r"^\s*([\d,]+) .*?([\w.-]+\.c):(\w+)[ \n]")


class Cost(NamedTuple):
    per_test: float  # instructions
    fixed: float  # instructions


class Counted(NamedTuple):
    total: int
    collector: int  # in the garbage collector


def count(
    config: bench.Config, root: str, env: dict[str, str], valgrind: str, log: str
) -> Counted:
    """The instructions of one pytest run under callgrind, and the collector's share."""
    profile = f"{log}.callgrind"
    command = [
        valgrind,
        "--tool=callgrind",
        f"--callgrind-out-file={profile}",
        sys.executable,
        *bench.pytest_args(config),
    ]
    run_env = dict(env, **dict(config.env), PYTHONHASHSEED="0")
    with open(log, "wb") as output:
        finished = subprocess.run(
            command,
            cwd=root,
            env=run_env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.PIPE,
            check=False,
        )
    text = finished.stderr.decode("utf-8", "replace")
    found = COUNTED.search(text)
    if finished.returncode != 0 or found is None:
        raise bench.BenchmarkError(
            f"exit code {finished.returncode} from\n  cd {root} && {' '.join(command)}\n"
            f"--- valgrind's output ---\n{text[-3000:]}"
        )
    try:
        return Counted(int(found.group(1)), collector_share(valgrind, profile))
    finally:
        os.remove(profile)


def collector_share(valgrind: str, profile: str) -> int:
    """The instructions spent in the garbage collector (its entry points' inclusive cost),
    read by callgrind_annotate, which comes with valgrind."""
    annotate = os.path.join(os.path.dirname(valgrind), "callgrind_annotate")
    report = subprocess.run(
        [annotate, "--inclusive=yes", "--threshold=100", profile],
        capture_output=True,
        text=True,
        check=False,
    )
    if report.returncode != 0:
        raise bench.BenchmarkError(f"callgrind_annotate failed:\n{report.stderr[-3000:]}")
    share = 0
    for line in report.stdout.splitlines():
        found = ANNOTATED.match(line + " ")
        if found and found.group(3) in COLLECTOR.get(found.group(2), ()):
            share += int(found.group(1).replace(",", ""))
    return share


def costs(counts: dict[tuple[str, int], float], small: int, large: int) -> dict[str, Cost]:
    keys = {key for key, _ in counts}
    result = {}
    for key in keys:
        per_test = (counts[key, large] - counts[key, small]) / (large - small)
        result[key] = Cost(per_test, counts[key, small] - small * per_test)
    return result


def analyse(
    configs: list[bench.Config], cost: dict[str, Cost], kept: dict[str, Cost], project: int
) -> tuple[list[bench.Table], dict[str, object]]:
    """``kept``: the costs without the garbage collector's share."""
    labels = {config.key: config.label for config in configs}
    plain = cost["plain"]

    def projected(key: str, base: str) -> float:
        on, off = cost[key], cost[base]
        return (on.fixed + project * on.per_test) / (off.fixed + project * off.per_test)

    columns = ("configuration", "per test", "ratio", "fixed", f"for {project:,} tests")
    table = bench.Table("instructions", columns, [])
    ratios = {}
    for key, budget in (
        ("plain", None),
        ("default", bench.DEFAULT_BUDGET),
        ("simulate", bench.SIMULATE_BUDGET),
    ):
        ratio = ratios[key] = projected(key, "plain")
        cells = (
            labels[key],
            f"{cost[key].per_test / 1e3:,.0f} k",
            f"x{cost[key].per_test / plain.per_test:.3f}",
            f"{(cost[key].fixed - plain.fixed) / 1e6:+,.0f} M"
            if key != "plain"
            else f"{plain.fixed / 1e6:,.0f} M",
            f"x{ratio:.3f}",
        )
        if budget is None:
            table.rows.append(bench.Row(cells, "", ""))
        else:
            table.rows.append(
                bench.Row(cells, f"<= x{budget:.2f}", bench._verdict(ratio <= budget))
            )

    columns = ("configuration", "per test", "ratio", "collector per test")
    steady = bench.Table("without the garbage collector", columns, [])
    for key in ("plain", "default", "simulate"):
        cells = (
            labels[key],
            f"{kept[key].per_test / 1e3:,.0f} k",
            f"x{kept[key].per_test / kept['plain'].per_test:.3f}",
            f"{(cost[key].per_test - kept[key].per_test) / 1e3:,.0f} k",
        )
        steady.rows.append(bench.Row(cells, "", ""))

    columns = ("configuration (plugin on / off)", "cost per test", "vs unscaled")
    scaling = bench.Table("scaling of the cost per test (% of the plain run's)", columns, [])
    deltas = {}
    for mode in ("default", "simulate"):
        unscaled = (cost[mode].per_test - plain.per_test) / plain.per_test
        scaling.rows.append(bench.Row((labels[mode], f"{unscaled:+.2%}", ""), "", ""))
        for scale, base in (("catalog", "plain"), ("modules", "plain_modules")):
            key = f"{mode}_{scale}"
            off = cost[base].per_test
            scaled = (cost[key].per_test - off) / off
            delta = deltas[key] = scaled - unscaled
            cells = (labels[key], f"{scaled:+.2%}", f"{delta:+.2%}")
            tolerance = bench.SCALING_TOLERANCE
            scaling.rows.append(
                bench.Row(cells, f"<= +{tolerance:.0%}", bench._verdict(delta <= tolerance))
            )
    figures = {
        "per_test": {key: value.per_test for key, value in cost.items()},
        "per_test_without_collector": {key: value.per_test for key, value in kept.items()},
        "fixed": {key: value.fixed for key, value in cost.items()},
        "projected_ratios": ratios,
        "scaling_deltas": deltas,
    }
    return [table, steady, scaling], figures


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Count the instructions pytest-removed-apis adds to a generated suite of "
        "fast tests (valgrind's callgrind), with the interpreter running this script."
    )
    parser.add_argument("--small", type=int, default=200, help="tests in the small suite")
    parser.add_argument("--large", type=int, default=3000, help="tests in the large suite")
    parser.add_argument("--modules", type=int, default=1000, help="extra modules (+modules)")
    parser.add_argument("--project", type=int, default=3000, help="suite size of the ratios")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="runs at once")
    parser.add_argument("--json", metavar="PATH", help="also write the figures to PATH")
    parser.add_argument(
        "--check", action="store_true", help="exit with status 1 when a figure misses its budget"
    )
    options = parser.parse_args(argv)
    if not 0 < options.small < options.large:
        parser.error("--small must be at least 1 and less than --large")
    for name in ("modules", "project", "jobs"):
        if getattr(options, name) < 1:
            parser.error(f"--{name} must be at least 1")
    return options


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("error: valgrind is not on PATH (Debian: apt install valgrind)", file=sys.stderr)
        return 2
    work = tempfile.mkdtemp(prefix="removed-apis-instructions-")
    sizes = (options.small, options.large)
    try:
        roots = {size: os.path.join(work, f"suite{size}") for size in sizes}
        for size, root in roots.items():
            bench.write_suite(root, size, options.modules)
        envs = {size: bench.child_env(root) for size, root in roots.items()}
        configs = bench.configurations(options.modules, xdist=False)
        print(f"warming up ({len(configs)} configurations)...", file=sys.stderr, flush=True)
        for size, root in roots.items():  # writes the bytecode caches; checks every run
            for config in configs:
                env = dict(envs[size], **dict(config.env))
                bench.run(bench.pytest_args(config), root, env, os.path.join(work, "warm.log"))
        print(f"counting {2 * len(configs)} runs...", file=sys.stderr, flush=True)
        with concurrent.futures.ThreadPoolExecutor(options.jobs) as pool:
            jobs = {
                (config.key, size): pool.submit(
                    count,
                    config,
                    roots[size],
                    envs[size],
                    valgrind,
                    os.path.join(work, f"{config.key}-{size}.log"),
                )
                for config in configs
                for size in sizes
            }
            counts = {key: job.result() for key, job in jobs.items()}
    except bench.BenchmarkError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(work, ignore_errors=True)
    cost = costs({key: value.total for key, value in counts.items()}, *sizes)
    kept = costs({key: value.total - value.collector for key, value in counts.items()}, *sizes)
    tables, figures = analyse(configs, cost, kept, options.project)
    lines = [
        "pytest-removed-apis instructions (callgrind)",
        f"  python {sys.version.split()[0]}; suites of {options.small} and {options.large} "
        f"tests; per test = the difference / {options.large - options.small}; "
        f"fixed = the rest (M: millions)",
    ]
    data = {
        "python": sys.version.split()[0],
        "sizes": sizes,
        "counts": {f"{key} {size}": value.total for (key, size), value in counts.items()},
        "collector": {f"{key} {size}": value.collector for (key, size), value in counts.items()},
        **figures,
    }
    return bench.finish(lines, tables, data, options.json, options.check)


if __name__ == "__main__":
    sys.exit(main())
