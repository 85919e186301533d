"""Write an output file in a forked process while the build goes on with the next one.

Once the corpus is mapped it no longer changes (apart from the inferences, which the build
sends on), so a child made by ``fork()`` sees it as it is, without pickling or copying it,
and can render a file (the TriG file, the maps) on the second core while the parent goes on
(:mod:`beleidsgraaf.output.workers`). Fork is only safe while the parent runs no other
threads, so the child is started before the build starts any; where ``fork`` is not
available (:func:`can_fork`) the work runs in the calling process when it is waited for.

>>> from pathlib import Path; import tempfile
>>> target = Path(tempfile.mkdtemp()) / "hello.txt"
>>> child = in_child(lambda: target.write_text("hello"), "hello.txt")
>>> child.wait(), target.read_text()
(5, 'hello')
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from beleidsgraaf.errors import OutputError


class Child:
    """A piece of output work under way in a forked process (without fork: waiting to be
    run by :meth:`wait`)."""

    def __init__(self, name: str, process: multiprocessing.process.BaseProcess | None = None,
                 connection: Connection | None = None):
        self.name = name
        self.process = process
        self.connection = connection
        self.error: str | None = None
        self.value: Any = None
        self.deferred: Callable[[], object] | None = None  # run by wait(), without fork

    def wait(self) -> Any:
        """Wait for the child to finish: what its work returned (sent back as a pickle);
        :class:`OutputError` if the work failed."""
        if self.deferred is not None:
            (self.error, self.value), self.deferred = _run(self.deferred), None
        if self.process is not None:
            self.error, self.value = self._outcome()
            self.process.join()
            self.process = None
        if self.error is not None:
            raise OutputError(f"cannot write {self.name}: {self.error}")
        return self.value

    def stop(self) -> None:
        """End the child without waiting for its work (the build failed elsewhere)."""
        self.deferred = None
        if self.process is not None:
            self.process.terminate()
            self.process.join()
            self.process = None

    def _outcome(self) -> tuple[str | None, Any]:
        assert self.connection is not None and self.process is not None
        try:
            return self.connection.recv()
        except EOFError:  # died without a word: killed, or out of memory
            self.process.join()
            return f"the process writing it stopped (exit code {self.process.exitcode})", None
        finally:
            self.connection.close()


def in_child(work: Callable[[], object], name: str) -> Child:
    """Start ``work`` in a forked process; :meth:`Child.wait` for it to finish."""
    if not can_fork():
        child = Child(name)
        child.deferred = work
        return child
    receiver, sender = multiprocessing.get_context("fork").Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(
        target=_child_main, args=(work, sender), name=f"beleidsgraaf: {name}", daemon=True)
    process.start()
    sender.close()
    return Child(name, process, receiver)


def can_fork() -> bool:
    return sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


def _child_main(work: Callable[[], object], sender: Connection) -> None:
    sender.send(_run(work))
    sender.close()
    sys.stdout.flush()
    os._exit(0)  # nothing of the parent's (atexit handlers, buffers) runs twice


def _run(work: Callable[[], object]) -> tuple[str | None, Any]:
    """``(None, what work returned)``, or ``(what went wrong in one line, None)``."""
    try:
        return None, work()
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises
        return "".join(traceback.format_exception_only(type(exc), exc)).strip(), None
