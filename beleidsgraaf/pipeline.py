"""The build pipeline: read → recognise → extract → link, one document at a time.

Extraction components declare what they read and write (as spaCy components
do), so the order is explicit and a new extractor is one more entry in
:data:`COMPONENTS`. A failing document is recorded and skipped; the others are
still built.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from beleidsgraaf.cache import DocumentCache, dumps, loads
from beleidsgraaf.errors import DocumentError
from beleidsgraaf.extract.laws import find_all_links, find_names
from beleidsgraaf.extract.organisations import find_organisations
from beleidsgraaf.extract.references import find_references
from beleidsgraaf.link import link_continuations, resolve_references
from beleidsgraaf.model import Document, Link
from beleidsgraaf.read import discover, read_document
from beleidsgraaf.reference.laws import LawRegister, load_register
from beleidsgraaf.reference.municipalities import load_municipalities, load_regions
from beleidsgraaf.reference.organisations import Gazetteer, load_gazetteer
from beleidsgraaf.structure import recognise
from beleidsgraaf.structure.meta import detect_meta, read_manifest


@dataclass
class Context:
    """Reference data shared by all documents of a build (loaded once)."""

    @cached_property
    def laws(self) -> LawRegister:
        return load_register()

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return load_gazetteer()


@dataclass(frozen=True)
class Component:
    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    run: Callable[[Document, Context], None]


def _laws(document: Document, context: Context) -> None:
    for element in document.elements:  # one scan gives both kinds of link
        law_links, agreement_links = find_all_links(element, context.laws, document.meta.year)
        document.links.extend(law_links)
        document.links.extend(agreement_links)


def _organisations(document: Document, context: Context) -> None:
    region = _region_hint(document)
    for element in document.elements:
        links, found = find_organisations(element, context.gazetteer, document.meta.municipality,
                                          region, known=document.organisations)
        document.links.extend(links)
        document.organisations.update(found)


def _references(document: Document, context: Context) -> None:
    for element in document.elements:
        if found := find_references(element):
            document.references[element.key] = found


def _region_hint(document: Document) -> str | None:
    if document.meta.cbs_code is None:
        return None
    municipality = load_municipalities().by_code(document.meta.cbs_code)
    return municipality.province if municipality else None


COMPONENTS: tuple[Component, ...] = (
    Component("laws", ("elements", "meta.year"), ("links:mentionsLaw", "links:impliesLaw"), _laws),
    Component("organisations", ("elements", "meta.municipality"),
              ("links:involves", "organisations"), _organisations),
    Component("references", ("elements",), ("references",), _references),
)


def process(path: Path, manifest: dict[str, dict[str, str]], context: Context,
            timings: dict[str, float] | None = None) -> Document:
    """Read, recognise and extract one document (no corpus-level links yet).

    ``timings``, if given, is increased by the seconds spent per stage (``read``, ``meta``,
    ``recognise`` and one entry per component).
    """
    clock = _Clock(timings)
    source = read_document(path)
    clock.lap("read")
    meta = detect_meta(source, manifest)
    clock.lap("meta")
    structure = recognise(source)
    clock.lap("recognise")
    document = Document(source=source, meta=meta, layout=structure.layout,
                        elements=structure.elements, noise=structure.noise)
    for component in COMPONENTS:
        component.run(document, context)
        clock.lap(component.name)
    _warn(document)
    return document


class _Clock:
    def __init__(self, timings: dict[str, float] | None):
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        if self.timings is not None:
            now = time.perf_counter()
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
            self.last = now


def _warn(document: Document) -> None:
    meta = document.meta
    for field_name in ("municipality", "year", "doc_type"):
        if getattr(meta, field_name) is None:
            document.warnings.append(f"{field_name} not detected; add it to manifest.csv")
    if not document.elements:
        document.warnings.append("no structure recognised")


@dataclass(frozen=True)
class Failure:
    file: str
    reason: str
    line: int | None = None


@dataclass
class BuildResult:
    documents: list[Document] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    #: seconds per stage: per-document stages summed over documents (CPU time of all
    #: workers), ``link`` the corpus-level stage
    timings: dict[str, float] = field(default_factory=dict)
    extracted: int = 0  # documents read and extracted in this build
    cached: int = 0  # unchanged documents taken from the cache

    @property
    def links(self) -> Iterator[tuple[Document, Link]]:
        for document in self.documents:
            for link in document.links:
                yield document, link


def build(paths: list[Path], *, progress: Callable[[int, int, str], None] | None = None,
          context: Context | None = None, jobs: int | None = 1,
          cache: DocumentCache | None = None) -> BuildResult:
    """Build every document under ``paths``; failures are collected, not raised.

    Documents are independent until the corpus-level link stage, so with ``jobs`` > 1
    (``None``: one per CPU) they are read and extracted in that many worker processes; the
    result is the same as with ``jobs=1``, document for document and in the same order.
    With a ``cache``, unchanged documents are taken from it instead of being re-extracted,
    and newly extracted ones are stored in it.
    """
    context = context or Context()
    files = discover(paths)
    names = distinct_names(files)
    manifests = _manifests(files)
    result = BuildResult()
    outcomes: list[Document | Failure | None] = [None] * len(files)
    keys: list[str | None] = [None] * len(files)
    todo: list[int] = []
    for index, path in enumerate(files):
        if cache is not None:
            keys[index] = cache.key(path, manifests.get(path.parent, {}).get(path.name))
            outcomes[index] = cache.get(keys[index], path)
        if outcomes[index] is None:
            todo.append(index)
    result.cached = len(files) - len(todo)
    result.extracted = len(todo)
    tasks = [(files[i], manifests.get(files[i].parent, {})) for i in todo]
    workers = _workers(jobs, len(tasks))
    done = iter(_parallel(tasks, context, workers, result.timings) if workers > 1 else
                _serial(tasks, context, result.timings))
    for index, path in enumerate(files):
        if outcomes[index] is None:  # the results come in the order of ``todo``
            outcome, pickled = next(done)
            outcomes[index] = outcome
            if cache is not None and isinstance(outcome, Document):
                cache.put(keys[index], pickled if pickled is not None else outcome)
        outcomes[index] = _named(outcomes[index], names[path])  # type: ignore[arg-type]
        if progress:
            progress(index + 1, len(files), path.name)
    for _ in done:  # nothing is left; this lets the workers stop
        pass
    for outcome in outcomes:
        if isinstance(outcome, Document):
            result.documents.append(outcome)
        elif outcome is not None:
            result.failures.append(outcome)
    started = time.perf_counter()
    resolve_references(result.documents)
    link_continuations(result.documents)
    result.timings["link"] = time.perf_counter() - started
    return result


def distinct_names(files: list[Path]) -> dict[Path, str]:
    """The name of each file in the graph and the report: its file name, or, where files in
    different folders have the same name, its path from the folder they share
    (``gemeente-a/begroting-2025.pdf``).

    The name identifies a document in the graph (its IRI, ``bg:sourceFile``, links between
    documents) and in ``report.json``; without this, the graphs of two such documents would
    merge. Names follow from the input files alone, so a document keeps its name whether or
    not another file could be read.

    >>> list(distinct_names([Path("a/x.txt"), Path("b/x.txt"), Path("b/y.txt")]).values())
    ['a/x.txt', 'b/x.txt', 'y.txt']
    """
    by_name: dict[str, list[Path]] = defaultdict(list)
    for path in files:
        by_name[path.name].append(path)
    names = {path: path.name for path in files}
    for same in by_name.values():
        if len(same) > 1:
            common = Path(os.path.commonpath([path.parent for path in same]))
            names.update((path, path.relative_to(common).as_posix()) for path in same)
    return names


def _named(outcome: Document | Failure, name: str) -> Document | Failure:
    if isinstance(outcome, Failure):
        return replace(outcome, file=name)
    outcome.meta.source_file = name
    return outcome


_Task = tuple[Path, dict[str, dict[str, str]]]
_Outcome = tuple["Document | Failure", bytes | None]


def _workers(jobs: int | None, tasks: int) -> int:
    wanted = jobs if jobs is not None else (os.cpu_count() or 1)
    return max(1, min(wanted, tasks))


def _attempt(task: _Task, context: Context, timings: dict[str, float]) -> Document | Failure:
    path, manifest = task
    try:
        return process(path, manifest, context, timings)
    except DocumentError as exc:
        return Failure(exc.file, exc.reason, exc.line)


def _serial(tasks: list[_Task], context: Context, timings: dict[str, float]
            ) -> Iterator[_Outcome]:
    for task in tasks:
        yield _attempt(task, context, timings), None


# Worker processes: the context is loaded once per worker (inherited from the parent
# where processes are forked), and each result travels back as a pickle, which is also
# what the cache stores.
_WORKER_CONTEXT: list[Context] = []


def _start_worker(context: Context | None) -> None:
    gc.enable()  # a forked worker inherits the state of the parent's collector
    if context is not None or not _WORKER_CONTEXT:
        _WORKER_CONTEXT[:] = [context or Context()]


def _work(task: _Task) -> tuple[Failure | bytes, dict[str, float]]:
    timings: dict[str, float] = {}
    outcome = _attempt(task, _WORKER_CONTEXT[0], timings)
    return (outcome if isinstance(outcome, Failure) else dumps(outcome)), timings


def _parallel(tasks: list[_Task], context: Context, workers: int, timings: dict[str, float]
              ) -> Iterator[_Outcome]:
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:  # workers inherit the loaded reference data
        _warm(context)
        _WORKER_CONTEXT[:] = [context]
        mp_context, initargs = multiprocessing.get_context("fork"), (None,)
    else:  # pragma: no cover - platforms without fork
        mp_context, initargs = multiprocessing.get_context("spawn"), (Context(),)
    chunk = max(1, min(8, len(tasks) // (workers * 8)))
    pool = ProcessPoolExecutor(workers, mp_context=mp_context, initializer=_start_worker,
                               initargs=initargs)
    finished = False
    try:
        for outcome, spent in pool.map(_work, tasks, chunksize=chunk):
            for stage, seconds in spent.items():
                timings[stage] = timings.get(stage, 0.0) + seconds
            if isinstance(outcome, Failure):
                yield outcome, None
            else:
                yield loads(outcome), outcome
        finished = True
    finally:  # on an error or an interrupt, drop the documents not yet started
        pool.shutdown(wait=True, cancel_futures=not finished)


def _warm(context: Context) -> None:
    """Load the reference data before forking, so workers share it instead of each loading it."""
    find_names("", context.laws)  # compiles the register's matcher
    context.gazetteer.matcher  # noqa: B018 - cached property
    load_municipalities()
    load_regions()


def _manifests(files: list[Path]) -> dict[Path, dict[str, dict[str, str]]]:
    return {folder: read_manifest(folder) for folder in {f.parent for f in files}}
