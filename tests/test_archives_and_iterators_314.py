"""Three behaviours Python 3.14 changed for everyone who relies on the old default: a tar
archive is extracted through the ``data`` filter, itertools objects can no longer be
copied or pickled, and a process starts through a fork server on Linux.  Default mode
reports only what 3.14 refuses, on every older release, even where 3.12 and 3.13 warn at
every extraction; the simulation refuses it as 3.14 does."""

from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.skipif(sys.version_info >= (3, 14), reason="3.14 changed them")
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork by default")

ARCHIVES = """
import copy, io, itertools, os, pickle, shutil, tarfile

def archive(path, name, data=b"x", kind=tarfile.REGTYPE, link=""):
    with tarfile.open(path, "w") as made:
        info = tarfile.TarInfo(name)
        info.type, info.linkname, info.size = kind, link, 0 if link else len(data)
        made.addfile(info, None if link else io.BytesIO(data))
    return path
"""

BEHAVIOURS = (
    ARCHIVES
    + """
def test_member_outside_the_destination(tmp_path):
    (tmp_path / "inner").mkdir()
    with tarfile.open(archive(tmp_path / "a.tar", "../escaped.txt")) as opened:
        opened.extractall(tmp_path / "inner")

def absolute_link(tmp_path):
    return archive(tmp_path / "l.tar", "link", kind=tarfile.SYMTYPE, link="/etc/hostname")

def test_absolute_link_by_extract(tmp_path):
    with tarfile.open(absolute_link(tmp_path)) as opened:
        opened.extract("link", tmp_path / "out")

def test_two_members_refused(tmp_path):
    path = tmp_path / "two.tar"
    with tarfile.open(path, "w") as made:
        for name in ("../one.txt", "../two.txt"):
            info = tarfile.TarInfo(name)
            info.size = 1
            made.addfile(info, io.BytesIO(b"x"))
    (tmp_path / "inner").mkdir()
    with tarfile.open(path) as opened:
        opened.extractall(tmp_path / "inner")

def test_unpack_archive(tmp_path):
    (tmp_path / "inner").mkdir()
    shutil.unpack_archive(archive(tmp_path / "a.tar", "../escaped.txt"), tmp_path / "inner")

def test_copied_iterator():
    assert next(copy.copy(itertools.count(5))) == 5

def test_pickled_iterator():
    pickle.dumps(itertools.islice("abc", 1))

def test_what_314_still_does(tmp_path):
    with tarfile.open(archive(tmp_path / "a.tar", "dir/file.txt")) as opened:
        opened.extractall(tmp_path / "out")
        opened.extractall(tmp_path / "trusted", filter="fully_trusted")
    (tmp_path / "c" / "d").mkdir(parents=True)
    with tarfile.open(archive(tmp_path / "b.tar", "../escaped.txt")) as opened:
        opened.extractall(tmp_path / "c" / "d", filter="fully_trusted")
    assert (tmp_path / "out" / "dir" / "file.txt").read_bytes() == b"x"
    first, second = itertools.tee([1, 2])
    assert list(copy.copy(first)) == [1, 2]
    assert copy.deepcopy([1, 2]) == [1, 2]
"""
)


def test_what_314_refuses_is_reported_and_nothing_else(project):
    project.makepyfile(test_behaviours=BEHAVIOURS)
    # No -W: 3.12 and 3.13 warn at every extraction without a filter, which is no finding.
    reprec = project.inline_run("--removed-apis-target=3.14")
    failed = {
        rep.nodeid.split("::")[1]: sorted(finding["api"] for finding in rep.removed_apis)
        for rep in reprec.getreports()
        if rep.failed
    }
    assert failed == {
        "test_member_outside_the_destination": ["tarfile.TarFile.extractall:default-filter"],
        "test_absolute_link_by_extract": ["tarfile.TarFile.extract:default-filter"],
        "test_unpack_archive": ["tarfile.TarFile.extractall:default-filter"],
        "test_two_members_refused": ["tarfile.TarFile.extractall:default-filter"],
        "test_copied_iterator": ["itertools:copy-deepcopy-pickle"],
        "test_pickled_iterator": ["itertools:copy-deepcopy-pickle"],
    }


SIMULATED = (
    ARCHIVES
    + """
import pytest

def test_archives(tmp_path):
    (tmp_path / "inner").mkdir()
    escaping = archive(tmp_path / "a.tar", "../escaped.txt")
    with tarfile.open(escaping) as opened, pytest.raises(tarfile.OutsideDestinationError):
        opened.extractall(tmp_path / "inner")
    with pytest.raises(tarfile.OutsideDestinationError):
        shutil.unpack_archive(escaping, tmp_path / "inner")
    link = archive(tmp_path / "b.tar", "link", kind=tarfile.SYMTYPE, link="/etc/hostname")
    with tarfile.open(link) as opened:
        with pytest.raises(tarfile.AbsoluteLinkError):
            opened.extract("link", tmp_path / "out")
    with tarfile.open(archive(tmp_path / "c.tar", "dir/file.txt")) as opened:
        opened.extractall(tmp_path / "out")
    assert (tmp_path / "out" / "dir" / "file.txt").read_bytes() == b"x"

def test_iterators():
    with pytest.raises(TypeError, match="^cannot pickle 'itertools.count' object$"):
        copy.copy(itertools.count())
    with pytest.raises(TypeError, match="^cannot pickle 'itertools._tee' object$"):
        copy.deepcopy(itertools.tee([1])[0])
    with pytest.raises(TypeError, match="^cannot pickle 'itertools.chain' object$"):
        pickle.dumps(itertools.chain([1]))
    assert list(copy.copy(itertools.tee([1, 2])[0])) == [1, 2]

@pytest.mark.allow_removed("itertools:copy-deepcopy-pickle")
def test_allowed():
    assert next(copy.copy(itertools.count(5))) == 5
"""
)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_what_314_refuses_is_refused_under_simulation(project):
    project.makepyfile(test_simulated=SIMULATED)
    project.runpytest("--simulate-python=3.14", "-W", "ignore").assert_outcomes(passed=3)


def test_a_reducer_put_in_the_dispatch_table_since_is_left_there():
    from pytest_removed_apis.intercept.behaviours314 import _forget

    def ours(obj):
        return None

    def theirs(obj):
        return None

    table = {int: theirs}
    _forget(table, int, ours)
    assert table == {int: theirs}
    table[int] = ours
    _forget(table, int, ours)
    assert table == {}


PROCESSES = """
import concurrent.futures, multiprocessing, pytest, threading

def work(queue):
    queue.put(41 + 1)

def square(x):
    return x * x

def test_local_target():
    process = multiprocessing.Process(target=lambda: None)
    process.start()
    process.join()

def test_module_level_target():
    queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=work, args=(queue,))
    process.start()
    assert queue.get(timeout=30) == 42
    process.join()

def test_executor():
    with concurrent.futures.ProcessPoolExecutor(1) as executor:
        assert list(executor.map(square, [1, 2])) == [1, 4]

def test_fork_chosen():
    process = multiprocessing.get_context("fork").Process(target=lambda: None)
    process.start()
    process.join()
    multiprocessing.set_start_method("fork", force=True)
    try:
        chosen = multiprocessing.Process(target=lambda: None)
        chosen.start()
        chosen.join()
    finally:
        multiprocessing.set_start_method(None, force=True)
    assert process.exitcode == chosen.exitcode == 0

def hold(lock):
    with lock:
        pass

def test_lock_argument():
    lock = multiprocessing.Lock()  # kept: the child opens its semaphore by name
    process = multiprocessing.Process(target=hold, args=(lock,))
    process.start()
    process.join()
    assert process.exitcode == 0

def test_thread_lock_argument():
    process = multiprocessing.Process(target=hold, args=(threading.Lock(),))
    process.start()
    process.join()

class Unpicklable:
    def __reduce__(self):
        raise ValueError("not for another process")

def test_argument_that_refuses_pickling():
    process = multiprocessing.Process(target=work, args=(Unpicklable(),))
    process.start()
    process.join()
"""


@linux_only
def test_a_process_the_fork_server_could_not_be_sent_is_reported(project):
    project.makepyfile(test_processes=PROCESSES)
    reprec = project.inline_run("-W", "ignore", "--removed-apis-target=3.14")
    failed = {
        rep.nodeid.split("::")[1]: sorted(finding["api"] for finding in rep.removed_apis)
        for rep in reprec.getreports()
        if rep.failed
    }
    assert failed == {
        "test_local_target": ["multiprocessing:fork-default-start-method"],
        "test_argument_that_refuses_pickling": ["multiprocessing:fork-default-start-method"],
        "test_thread_lock_argument": ["multiprocessing:fork-default-start-method"],
    }


@linux_only
def test_a_start_method_chosen_before_the_run_is_left_alone(project):
    import multiprocessing

    project.makepyfile(test_processes=PROCESSES)
    multiprocessing.set_start_method("fork", force=True)
    try:
        reprec = project.inline_run("--removed-apis-target=3.14", "-k", "local_target")
    finally:
        multiprocessing.set_start_method(None, force=True)
    reprec.assertoutcome(passed=1)


@linux_only
def test_processes_start_through_the_fork_server_under_simulation(project):
    project.makepyfile(
        test_processes=PROCESSES
        + """
def test_start_method():
    assert multiprocessing.get_start_method() == "forkserver"

@pytest.mark.allow_removed("multiprocessing:fork-default-start-method")
def test_allowed():
    process = multiprocessing.Process(target=lambda: None)
    process.start()
    process.join()
    assert process.exitcode == 0
"""
    )
    result = project.runpytest_subprocess("--simulate-python=3.14", "-W", "ignore")
    result.assert_outcomes(passed=6, failed=3)
    # A pickling error is put down to the start method; another error of the argument's
    # own is not.
    result.stdout.fnmatch_lines(["REMOVED-API *::test_local_target - *PicklingError*"])
    result.stdout.fnmatch_lines(["REMOVED-API *::test_thread_lock_argument - TypeError: *"])
    result.stdout.fnmatch_lines(["FAILED *::test_argument_that_refuses_pickling - ValueError*"])
    result.stdout.fnmatch_lines(["*multiprocessing:fork-default-start-method*"])
