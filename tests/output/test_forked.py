"""Output work in a forked process: done, or its failure raised in the parent."""

from __future__ import annotations

import os
import signal
import time

import pytest

from beleidsgraaf.errors import OutputError
from beleidsgraaf.output import forked
from beleidsgraaf.output.writer import write_text


def test_the_child_writes_what_the_parent_gave_it(tmp_path):
    target = tmp_path / "out.txt"
    pieces = ["één ", "twee\n"]  # made before the fork, seen by the child as they are
    child = forked.in_child(lambda: write_text(target, iter(pieces)), "out.txt")
    child.wait()
    assert target.read_bytes() == "één twee\n".encode()


def test_a_failure_in_the_child_is_raised_by_wait_with_the_file_name(tmp_path):
    def fail() -> None:
        raise ValueError("no room left")

    child = forked.in_child(fail, "beleidsgraaf.trig")
    with pytest.raises(OutputError, match=r"cannot write beleidsgraaf.trig: ValueError: no room"):
        child.wait()


def test_a_child_that_dies_is_reported_not_waited_for_forever():
    child = forked.in_child(lambda: os._exit(3), "beleidsgraaf.trig")
    with pytest.raises(OutputError, match="stopped .exit code 3"):
        child.wait()


def test_stop_ends_a_child_that_is_still_working(tmp_path):
    child = forked.in_child(lambda: time.sleep(600), "slow.txt")
    process = child.process
    child.stop()
    assert not process.is_alive() and process.exitcode == -signal.SIGTERM
    child.wait()  # nothing left to wait for, no error recorded


def test_without_fork_the_work_runs_in_the_caller_when_waited_for(tmp_path, monkeypatch):
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    target = tmp_path / "out.txt"
    child = forked.in_child(lambda: target.write_text("here"), "out.txt")
    assert child.process is None and not target.exists()
    child.wait()
    assert target.read_text() == "here"


def test_without_fork_a_failure_is_raised_by_wait(monkeypatch):
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    child = forked.in_child(lambda: 1 / 0, "x.txt")
    with pytest.raises(OutputError, match="cannot write x.txt: ZeroDivisionError"):
        child.wait()
