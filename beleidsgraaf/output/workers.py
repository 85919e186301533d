"""The TriG file and the maps, each made by a forked process while the build goes on.

Both are started right after mapping, before the build reasons, while it runs no other
thread (see :mod:`beleidsgraaf.output.forked`):

* :class:`MapWriter` reads the TriG text through a pipe into an in-memory Oxigraph store
  and draws the three maps from the union of its graphs;
* :class:`TrigWriter` renders the documents' graphs while the build reasons, then the
  inferred graph, whose text the build renders and sends through a pipe; it passes all the
  text on to the maps' process as it writes it.

So the maps' store is filled while the build reasons, and the maps are drawn while it
writes the Turtle file. Without ``fork`` each runs in the build's own process when waited
for, from the finished corpus and Turtle file.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from rdflib import URIRef

from beleidsgraaf.output.forked import can_fork, in_child
from beleidsgraaf.output.graph import CorpusGraph
from beleidsgraaf.output.writer import TRIG, AtomicFiles, trig_body, trig_parts, write_text
from beleidsgraaf.rdf.namespaces import GRAPH_INFERRED
from beleidsgraaf.store import available
from beleidsgraaf.visualise.maps import MAP_KINDS

PIPE_SIZE = 1 << 20  # a pipe that holds a megabyte lets the writer run ahead of the reader


class TrigWriter:
    """``beleidsgraaf.trig``; :meth:`hand_over` the inferences once they are made.

    ``feed``: the write end of a pipe (:attr:`MapWriter.feed`) to which the text goes too;
    the writer's process owns it from here on, and closes it when the text is complete.
    """

    def __init__(self, files: AtomicFiles, corpus: CorpusGraph, reason: bool,
                 feed: int | None = None):
        path = files.reserve(TRIG)
        self.sender: Connection | None = None
        self.sending: threading.Thread | None = None
        later: dict[URIRef, Callable[[], str]] = {}  # without fork: in the corpus by then
        if reason and can_fork():
            receiver, self.sender = multiprocessing.Pipe(duplex=False)
            later[GRAPH_INFERRED] = receiver.recv
        sender = self.sender
        self.child = in_child(lambda: _write_trig(path, corpus, later, sender, feed), TRIG)
        if sender is not None:
            receiver.close()  # the child's copy is the reader; this one would keep it open
        if feed is not None:
            os.close(feed)

    def hand_over(self, inferred: set) -> None:
        """Send the inferred graph's text; in a thread, as the writer may not be there yet."""
        if self.sender is not None:
            self.sending = threading.Thread(target=_send, args=(self.sender, trig_body(inferred)),
                                            name="beleidsgraaf: inferences to TriG", daemon=True)
            self.sending.start()

    def wait(self) -> None:
        self.child.wait()
        self._close()

    def stop(self) -> None:
        self.child.stop()
        self._close()

    def _close(self) -> None:
        if self.sender is not None:
            self.sender.close()
            self.sender = None
        if self.sending is not None:
            self.sending.join()
            self.sending = None


def _write_trig(path: Path, corpus: CorpusGraph, later: dict[URIRef, Callable[[], str]],
                sender: Connection | None, feed: int | None) -> None:
    if sender is not None:
        sender.close()  # this process only reads; the pipe ends when the build's end closes
    write_text(path, _tee(trig_parts(corpus, later), feed))


def _tee(parts: Iterator[str], feed: int | None) -> Iterator[str]:
    """``parts``, each also written to the pipe ``feed`` (closed at the end)."""
    if feed is None:
        yield from parts
        return
    stream: Any = os.fdopen(feed, "w", encoding="utf-8", newline="\n", buffering=1 << 16)
    try:
        for part in parts:
            if stream is not None:
                try:
                    stream.write(part)
                except BrokenPipeError:  # the maps failed; their wait() says why
                    _close_quietly(stream)
                    stream = None
            yield part
    finally:
        if stream is not None:
            _close_quietly(stream)


def _close_quietly(stream: Any) -> None:
    with contextlib.suppress(BrokenPipeError):
        stream.close()


def _send(sender: Connection, text: str) -> None:
    with contextlib.suppress(OSError):  # the writer is gone: its own error is reported
        sender.send(text)


class MapWriter:
    """``maps/*.html``, drawn from the TriG text written to :attr:`feed` (which
    :class:`TrigWriter` takes over); without fork or pyoxigraph, from the Turtle file
    ``ttl`` or the corpus."""

    def __init__(self, files: AtomicFiles, corpus: CorpusGraph, ttl: Path):
        paths = {kind: files.reserve(f"maps/{kind}.html") for kind in MAP_KINDS}
        self.feed: int | None = None
        if can_fork() and available():
            read, write = os.pipe()
            _widen(write)
            self.child = in_child(lambda: _draw_from_pipe(paths, corpus, read, write),
                                  "the maps")
            os.close(read)
            self.feed = write
        else:
            self.child = in_child(lambda: draw_maps(paths, corpus, ttl), "the maps")

    def wait(self) -> dict[str, float]:
        """Seconds spent loading the store and drawing the maps."""
        return self.child.wait() or {}

    def stop(self) -> None:
        self.child.stop()


def _widen(pipe: int) -> None:
    """Let the pipe hold :data:`PIPE_SIZE` (Linux only; a smaller pipe is only slower)."""
    with contextlib.suppress(ImportError, AttributeError, OSError):
        import fcntl

        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, PIPE_SIZE)


def _draw_from_pipe(paths: dict[str, Path], corpus: CorpusGraph, read: int, write: int
                    ) -> dict[str, float]:
    os.close(write)  # only the TriG writer writes: the text ends when it closes its end
    try:
        return draw_maps(paths, corpus, f"/dev/fd/{read}", trig=True)
    finally:
        os.close(read)


def draw_maps(paths: dict[str, Path], corpus: CorpusGraph, source: Path | str, *,
              trig: bool = False) -> dict[str, float]:
    """Write the three maps of the graph in ``source`` (a file, or a pipe's ``/dev/fd``;
    Turtle, or with ``trig`` the TriG text, whose graphs are queried as one); the seconds
    spent loading (``maps-load``) and drawing (``maps-draw``)."""
    from beleidsgraaf.store import memory_store
    from beleidsgraaf.visualise.maps import render_map
    from beleidsgraaf.visualise.store_view import StoreView

    started = time.perf_counter()
    if available():
        store = memory_store(Path(source), fmt="trig" if trig else "turtle", own=True)
        graph: Any = StoreView(store, corpus.union, union=trig)
    else:
        graph = corpus.union()
    loaded = time.perf_counter()
    for kind, path in paths.items():
        html, _ = render_map(kind, graph)
        write_text(path, html)
    return {"maps-load": loaded - started, "maps-draw": time.perf_counter() - loaded}
