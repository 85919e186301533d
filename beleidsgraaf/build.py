"""The main job: documents → graph files, report and maps in one output folder."""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from beleidsgraaf.cache import DocumentCache
from beleidsgraaf.model import Kind
from beleidsgraaf.output.graph import CorpusGraph, add_inferences, map_corpus
from beleidsgraaf.output.workers import MapWriter, TrigWriter
from beleidsgraaf.output.writer import (
    REPORT,
    TTL,
    AtomicFiles,
    report,
    report_json,
    turtle_parts,
    write_text,
)
from beleidsgraaf.pipeline import BuildResult, Context, build
from beleidsgraaf.store import PendingStore, install_store, prepare_store

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
    ``map``, ``reason``, ``serialise`` (the Turtle file), ``report``, ``validate``;
    ``maps-load`` and ``maps-draw`` (in the maps' process: the store loaded while the TriG
    file is written, then the drawing); and what is left to wait for after this process's
    own work: ``trig`` (the TriG file's process), ``maps`` and ``store`` (the persistent
    Oxigraph store, loaded in a thread).
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

    The work is spread over both cores: the TriG file and the maps are made by forked
    processes (:mod:`beleidsgraaf.output.workers`), started first, while this process runs
    no other thread; the persistent store is loaded from the Turtle file in a thread
    (pyoxigraph works without the GIL) while this one writes the report and validates.
    """
    ttl = files.reserve(TTL)
    drawing = MapWriter(files, corpus, ttl) if maps else None
    trig = TrigWriter(files, corpus, reason, feed=drawing.feed if drawing else None)
    loading: Future | None = None
    try:
        if reason:
            with _timed(timings, "reason", memory):
                trig.hand_over(add_inferences(corpus))
                gc.freeze()
        with ThreadPoolExecutor(max_workers=1) as background:
            with _timed(timings, "serialise", memory):
                write_text(ttl, turtle_parts(corpus))
            loading = background.submit(prepare_store, ttl, out / TTL, own=True)
            validation = _rest(files, result, corpus, timings, memory, validate=validate)
            with _timed(timings, "trig", memory):
                trig.wait()  # first: the maps' text comes from it
            with _timed(timings, "maps", memory):
                timings.update(drawing.wait() if drawing else {})
            with _timed(timings, "store", memory):
                return loading.result(), validation  # before the Turtle file is renamed
    except BaseException:
        trig.stop()
        if drawing is not None:
            drawing.stop()
        _discard(loading)
        raise


def _rest(files: AtomicFiles, result: BuildResult, corpus: CorpusGraph,
          timings: dict[str, float], memory: dict[str, int], *, validate: bool) -> str:
    """What this process writes after the graph: report, ontology page, validation."""
    with _timed(timings, "report", memory):
        files.write(REPORT, report_json(report(result, len(corpus))))
    files.write("ontology.html", _ontology_html())
    if not validate:
        files.write("validation.txt", f"Not validated ({NOT_VALIDATED}).\n")
        return NOT_VALIDATED
    with _timed(timings, "validate", memory):
        validation = _validation(files, corpus)
        gc.collect()  # what validation built has cycles (rdflib graphs)
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
