"""The main job: documents → graph files, report and maps in one output folder."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from rdflib import URIRef

from beleidsgraaf.cache import DocumentCache
from beleidsgraaf.model import Kind
from beleidsgraaf.output.forked import can_fork, in_child
from beleidsgraaf.output.graph import CorpusGraph, add_inferences, map_corpus
from beleidsgraaf.output.writer import (
    REPORT,
    TRIG,
    TTL,
    AtomicFiles,
    report,
    report_json,
    trig_body,
    trig_parts,
    turtle_parts,
    write_text,
)
from beleidsgraaf.pipeline import BuildResult, Context, build
from beleidsgraaf.rdf.namespaces import GRAPH_INFERRED
from beleidsgraaf.store import PendingStore, StoreFeed, install_store, prepare_store

MAP_KINDS = ("partners", "laws", "references")


NOT_VALIDATED = ("skipped (build --no-validate); "
                 "run beleidsgraaf validate --graph <out>/beleidsgraaf.ttl")


@dataclass
class Outcome:
    result: BuildResult
    corpus: CorpusGraph
    out: Path
    validation: str = ""  # one line, e.g. "conforms (9 warnings)" (see validation.txt)
    #: seconds per stage (see :func:`run_build`)
    timings: dict[str, float] = field(default_factory=dict)
    #: peak memory of the build process (bytes) at the end of each stage
    memory: dict[str, int] = field(default_factory=dict)

    def summary(self, seconds: float) -> str:
        docs = self.result.documents
        count = {k: sum(len(d.of_kind(k)) for d in docs) for k in Kind}
        links = [link.predicate for d in docs for link in d.links]
        lines = [
            f"beleidsgraaf: {len(docs)} documents built, {len(self.result.failures)} failed "
            f"in {seconds:.1f} s → {self.out}/",
            f"  elements: {count[Kind.PROGRAMME]} programmes, {count[Kind.AMBITION]} ambitions, "
            f"{count[Kind.GOAL]} goals, {count[Kind.ACTIVITY]} activities, "
            f"{count[Kind.SECTION]} sections",
            f"  links: {links.count('mentionsLaw') + links.count('impliesLaw')} law, "
            f"{links.count('involves')} organisation, {links.count('refersTo')} cross-reference, "
            f"{links.count('continues')} continues",
            f"  graph: {len(self.corpus):,} triples (beleidsgraaf.ttl, beleidsgraaf.trig, "
            f"report.json)",
        ]
        if self.validation == NOT_VALIDATED:
            lines.append(f"  validation: {self.validation}")
        elif self.validation:
            lines.append(f"  validation: {self.validation}; details in validation.txt")
        if self.result.cached:
            lines.append(f"  cache: {self.result.cached} unchanged documents reused, "
                         f"{self.result.extracted} read and extracted")
        for document in docs:
            if document.coverage < 0.95 or document.warnings:
                lines.append(f"  note: {document.meta.source_file}: coverage "
                             f"{document.coverage:.0%}; " + "; ".join(document.warnings))
        return "\n".join(lines)


def run_build(paths: list[Path], out: Path, *, reason: bool = True, maps: bool = True,
              progress: Callable[[int, int, str], None] | None = None,
              jobs: int | None = None, cache: Path | bool = True,
              validate: bool = True) -> Outcome:
    """Build, then write every output atomically into ``out``.

    ``jobs``: worker processes for reading and extracting documents (``None``: one per
    CPU). ``cache``: where unchanged documents are kept between builds — ``True`` for
    ``out/.cache``, a folder, or ``False`` for none (:mod:`beleidsgraaf.cache`).
    ``validate``: SHACL validation into ``validation.txt`` (pySHACL: seconds for a few
    documents, minutes for the national corpus; ``beleidsgraaf validate`` runs it later).
    :attr:`Outcome.timings` gives the seconds per stage: the per-document stages
    (``read``, ``meta``, ``recognise``, ``laws``, ``organisations``, ``references``; CPU
    time summed over the workers), ``extract`` (wall time of all of them), ``link``,
    ``map``, ``reason``, ``serialise``, ``report``, ``validate``, ``maps`` and ``store``
    (the Oxigraph store is loaded in a thread from the end of ``serialise`` on; ``store`` is
    the time left to wait for it).
    """
    with _collector_paused():
        return _run_build(paths, out, reason=reason, maps=maps, progress=progress, jobs=jobs,
                          cache=cache, validate=validate)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the duration of a build.

    A build allocates millions of small objects (terms, triples) that live until it ends;
    the collector would traverse all of them again and again while they are made, which
    on a national corpus costs more time than the mapping, reasoning and serialising it
    interrupts. Reference counting still frees what is no longer used; after the graph
    files are written the corpus is frozen (:func:`gc.freeze`) and the stages that follow
    are collected after, which is cheap then.
    """
    was_enabled, frozen_before = gc.isenabled(), gc.get_freeze_count()
    gc.disable()
    try:
        yield
    finally:
        if not frozen_before:  # leave a caller's own frozen objects alone
            gc.unfreeze()
        if was_enabled:
            gc.enable()


def _run_build(paths: list[Path], out: Path, *, reason: bool, maps: bool,
               progress: Callable[[int, int, str], None] | None, jobs: int | None,
               cache: Path | bool, validate: bool) -> Outcome:
    context = Context()
    store = None if cache is False else \
        DocumentCache(out / ".cache" if cache is True else Path(cache))
    started = time.perf_counter()
    result = build(paths, progress=progress, context=context, jobs=jobs, cache=store)
    timings = dict(result.timings)
    timings["extract"] = time.perf_counter() - started - timings.get("link", 0.0)
    memory = {"extract": _peak_memory()}
    with _timed(timings, "map", memory):
        corpus = map_corpus(result, context)
    gc.freeze()  # the corpus lives to the end: collections below need not look at it
    pending = None
    try:
        with AtomicFiles(out) as files:
            pending, validation = _write(files, result, corpus, out, timings, memory,
                                         reason=reason, validate=validate, maps=maps)
    except BaseException:
        if pending is not None:
            pending.discard()
        raise
    install_store(pending, out / TTL)
    if store is not None:
        store.prune()
    return Outcome(result, corpus, out, validation, timings, memory)


def _write(files: AtomicFiles, result: BuildResult, corpus: CorpusGraph, out: Path,
           timings: dict[str, float], memory: dict[str, int], *, reason: bool,
           validate: bool, maps: bool) -> tuple[PendingStore | None, str]:
    """Reason, then write every output file; the Oxigraph store, loaded but not yet in
    place, and the validation summary.

    The work is spread over both cores. The TriG file is written by a forked process,
    started before anything else (while this process runs no other thread): it renders the
    documents' graphs while this process reasons, and the inferred graph this process
    renders for it. This process then writes the Turtle file, which a thread feeds into the
    maps' store as it goes; another thread loads the persistent store from the file
    (pyoxigraph works without the GIL) while this one draws the maps.
    """
    trig = _TrigWriter(files, corpus, reason)
    loading: Future | None = None
    feed: StoreFeed | None = None
    try:
        if reason:
            with _timed(timings, "reason", memory):
                trig.hand_over(add_inferences(corpus))
                gc.freeze()
        feed = StoreFeed() if maps and StoreFeed.possible() else None
        with ThreadPoolExecutor(max_workers=1) as background:
            with _timed(timings, "serialise", memory):
                ttl = files.write(TTL, _fed(turtle_parts(corpus), feed))
            loading = background.submit(prepare_store, ttl, out / TTL)
            validation = _rest(files, result, corpus, feed, timings, memory,
                               validate=validate, maps=maps)
            with _timed(timings, "trig", memory):
                trig.wait()
            with _timed(timings, "store", memory):
                return loading.result(), validation  # before the Turtle file is renamed
    except BaseException:
        trig.stop()
        if feed is not None:
            feed.close()
        _discard(loading)
        raise


class _TrigWriter:
    """``beleidsgraaf.trig``, written by a forked process (see :func:`_write`) that gets the
    inferred graph's text through a pipe when this process has made it; without fork,
    written in this process when waited for."""

    def __init__(self, files: AtomicFiles, corpus: CorpusGraph, reason: bool):
        path = files.reserve(TRIG)
        self.sender: Connection | None = None
        self.sending: threading.Thread | None = None
        later: dict[URIRef, Callable[[], str]] = {}
        if reason and can_fork():
            receiver, self.sender = multiprocessing.Pipe(duplex=False)
            later[GRAPH_INFERRED] = receiver.recv
        elif reason:
            later[GRAPH_INFERRED] = lambda: trig_body(corpus.graphs[GRAPH_INFERRED])
        self.child = in_child(lambda: write_text(path, trig_parts(corpus, later)), TRIG)
        if self.sender is not None:
            receiver.close()  # the child's copy is the reader; this one would keep it open

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
            self.sender.close()  # a send still blocked now fails, ending its thread
            self.sender = None
        if self.sending is not None:
            self.sending.join()
            self.sending = None


def _send(sender: Connection, text: str) -> None:
    with contextlib.suppress(OSError):  # the writer is gone: its own error is reported
        sender.send(text)


def _fed(parts: Iterator[str], feed: StoreFeed | None) -> Iterator[str]:
    """``parts``, each also passed to ``feed`` (the maps' store) as it is written."""
    if feed is None:
        yield from parts
        return
    for part in parts:
        feed.write(part)
        yield part


def _rest(files: AtomicFiles, result: BuildResult, corpus: CorpusGraph, feed: StoreFeed | None,
          timings: dict[str, float], memory: dict[str, int], *, validate: bool,
          maps: bool) -> str:
    """Everything written after the graph: report, ontology page, validation, maps."""
    with _timed(timings, "report", memory):
        files.write(REPORT, report_json(report(result, len(corpus))))
    files.write("ontology.html", _ontology_html())
    validation = NOT_VALIDATED
    if validate:
        with _timed(timings, "validate", memory):
            validation = _validation(files, corpus)
            gc.collect()  # what validation built has cycles (rdflib graphs)
    else:
        files.write("validation.txt", f"Not validated ({NOT_VALIDATED}).\n")
    if maps:
        with _timed(timings, "maps", memory):
            _maps(files, corpus, feed)
            gc.collect()
    return validation


def _discard(loading: Future | None) -> None:
    if loading is None:
        return
    try:
        pending = loading.result()
    except Exception:  # noqa: BLE001 - the build's own error is the one to report
        return
    if pending is not None:
        pending.discard()


@contextmanager
def _timed(timings: dict[str, float], stage: str,
           memory: dict[str, int] | None = None) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - started
        if memory is not None:
            memory[stage] = _peak_memory()


def _peak_memory() -> int:
    """Peak resident memory of this process so far, in bytes (0 where unknown)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _validation(files: AtomicFiles, corpus: CorpusGraph) -> str:
    """Write ``validation.txt`` (the SHACL report); the one-line result."""
    from beleidsgraaf.validate import validate_report

    validation = validate_report(corpus.union())
    files.write("validation.txt", validation.text())
    return validation.summary()


def _ontology_html() -> str:
    from beleidsgraaf.ontology_docs import render_html

    return render_html()


def _maps(files: AtomicFiles, corpus: CorpusGraph, feed: StoreFeed | None) -> None:
    """The three maps, from the in-memory Oxigraph store that was filled while the Turtle
    file was written (``feed``), whose SPARQL answers are the same as rdflib's on the same
    graph but come many times faster; from an rdflib graph where there is no such store."""
    from beleidsgraaf.visualise.maps import render_map

    graph = _StoreGraph(feed.store(), corpus) if feed is not None else corpus.union()
    for kind in MAP_KINDS:
        html, _ = render_map(kind, graph)  # type: ignore[arg-type]
        files.write(f"maps/{kind}.html", html)


class _StoreGraph:
    """Stands in for an rdflib ``Graph`` where only ``query`` is used (the map builders, which
    read rows by position: a SELECT answers with a list of tuples, remembered, since the store
    does not change); any other attribute is taken from the corpus as an rdflib ``Graph``,
    built on first use."""

    read_only = True  # the map builders may keep what they derive from it

    def __init__(self, store: object, corpus: CorpusGraph):
        self._store = store
        self._corpus = corpus
        self._graph: object | None = None
        self._terms: dict[object, object] = {}  # Oxigraph term → rdflib term, made once
        self._answers: dict[tuple, object] = {}  # query and bindings → result

    def query(self, text: str, initBindings: dict | None = None,  # noqa: N803 (rdflib's name)
              **kwargs: object) -> object:
        import pyoxigraph

        from beleidsgraaf.errors import QueryError
        from beleidsgraaf.store import as_result, execute, to_rdflib

        if kwargs:  # options only rdflib knows (initNs, …)
            return self.__getattr__("query")(text, initBindings=initBindings, **kwargs)
        key = (text, tuple(sorted((initBindings or {}).items())))
        if key in self._answers:  # the store does not change: the maps ask some things twice
            return self._answers[key]
        answer = execute(self._store, text, initBindings)  # type: ignore[arg-type]
        if not isinstance(answer, pyoxigraph.QuerySolutions):  # ASK, CONSTRUCT: not in maps
            return as_result(answer)
        # as beleidsgraaf.store.query, but each distinct term is converted only once, and
        # rows are plain tuples: the map builders only unpack them by position
        terms = self._terms

        def convert(term: object) -> object:
            if term is None:
                return None
            found = terms.get(term)
            if found is None:
                found = terms[term] = to_rdflib(term)
            return found

        try:
            rows = [tuple(map(convert, solution)) for solution in answer]
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"the query failed: {exc}") from None
        self._answers[key] = rows
        return rows

    def __getattr__(self, name: str) -> object:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._graph is None:
            self._graph = self._corpus.union()
        return getattr(self._graph, name)
