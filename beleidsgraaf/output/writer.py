"""Write build outputs atomically: every file goes to a temporary name first and
is renamed into place only when all of them were written, so a crash never
leaves a half-written graph next to a complete report."""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from pathlib import Path

from rdflib import URIRef

from beleidsgraaf.model import Document, Kind
from beleidsgraaf.output.graph import CorpusGraph
from beleidsgraaf.pipeline import BuildResult
from beleidsgraaf.rdf.namespaces import PREFIXES
from beleidsgraaf.rdf.serialize import Later, Renderer, Triple

TTL = "beleidsgraaf.ttl"
TRIG = "beleidsgraaf.trig"
REPORT = "report.json"


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_text(path: Path, content: str | Iterable[str]) -> None:
    """Write ``content`` (text, or pieces of text) as UTF-8 with ``\\n`` line ends."""
    with open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as stream:
        if isinstance(content, str):
            stream.write(content)
        else:
            for part in content:
                stream.write(part)


class AtomicFiles:
    """Collect files in temporary names; :meth:`commit` renames them all into place."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.pending: list[tuple[Path, Path]] = []

    def write(self, relative: str, content: str | Iterable[str]) -> Path:
        """Write ``content`` (text, or pieces of text) to a temporary file; its path."""
        temporary = self.reserve(relative)
        write_text(temporary, content)
        return temporary

    def reserve(self, relative: str) -> Path:
        """A new, empty temporary file for ``relative``, renamed into place on commit (for
        content written elsewhere, e.g. by :mod:`beleidsgraaf.output.forked`)."""
        target = self.folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                             suffix=".tmp")
        os.close(handle)
        os.chmod(temporary, 0o666 & ~_umask())
        self.pending.append((Path(temporary), target))
        return Path(temporary)

    def commit(self) -> None:
        for temporary, target in self.pending:
            os.replace(temporary, target)
        self.pending = []

    def discard(self) -> None:
        for temporary, _ in self.pending:
            temporary.unlink(missing_ok=True)
        self.pending = []

    def __enter__(self) -> AtomicFiles:
        return self

    def __exit__(self, kind, value, traceback) -> None:  # type: ignore[no-untyped-def]
        if kind is None:
            self.commit()
        else:
            self.discard()


def turtle_parts(corpus: CorpusGraph) -> Iterator[str]:
    """``beleidsgraaf.ttl`` in pieces (generated as they are written): the union, sorted."""
    return _renderer().turtle_parts(corpus.canonical())


def trig_parts(corpus: CorpusGraph, later: Mapping[URIRef, Callable[[], str]] | None = None
               ) -> Iterator[str]:
    """``beleidsgraaf.trig`` in pieces: each named graph, sorted. ``later``: graphs not (yet)
    in ``corpus`` whose bodies (:func:`trig_body`) are fetched when the writer reaches them."""
    graphs: dict[URIRef, Collection[Triple] | Later] = dict(corpus.graphs)
    graphs.update((name, Later(fetch)) for name, fetch in (later or {}).items())
    return _renderer().trig_parts(graphs.items())


def trig_body(graph: Iterable[Triple]) -> str:
    """The text of one named graph inside ``beleidsgraaf.trig`` (for ``later``)."""
    return "".join(_renderer().trig_body_parts(graph))


def _renderer() -> Renderer:
    return Renderer({p: str(ns) for p, ns in PREFIXES.items()})


def report(result: BuildResult, triples: int) -> dict:
    """The build report: one entry per input file, sorted by file name."""
    entries = [_document_entry(d) for d in result.documents]
    entries += [{"file": f.file, "status": "failed", "reason": f.reason,
                 **({"line": f.line} if f.line else {})} for f in result.failures]
    entries.sort(key=lambda e: e["file"])
    return {"documents": entries,
            "summary": {"files": len(entries), "ok": len(result.documents),
                        "failed": len(result.failures), "triples": triples}}


def _document_entry(document: Document) -> dict:
    kinds = Counter(e.kind for e in document.elements)
    links = Counter(link.predicate for link in document.links)
    meta = document.meta
    return {
        "file": meta.source_file, "status": "ok", "layout": document.layout,
        "encoding": document.source.encoding,
        "municipality": meta.municipality, "cbs_code": meta.cbs_code, "year": meta.year,
        "doc_type": meta.doc_type, "detected_from": dict(sorted(meta.sources.items())),
        "counts": {
            "programmes": kinds[Kind.PROGRAMME], "ambitions": kinds[Kind.AMBITION],
            "goals": kinds[Kind.GOAL], "activities": kinds[Kind.ACTIVITY],
            "sections": kinds[Kind.SECTION],
            "law_links": links["mentionsLaw"] + links["impliesLaw"],
            "organisation_links": links["involves"],
            "cross_references": links["refersTo"], "continues": links["continues"],
            "warnings": len(document.warnings),
        },
        "coverage": round(document.coverage, 4),
        "warnings": document.warnings,
    }


def report_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
