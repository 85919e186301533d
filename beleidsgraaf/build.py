"""The main job: documents → graph files, report and maps in one output folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from beleidsgraaf.model import Kind
from beleidsgraaf.output.graph import CorpusGraph, corpus_graph
from beleidsgraaf.output.writer import REPORT, AtomicFiles, graph_files, report, report_json
from beleidsgraaf.pipeline import BuildResult, Context, build

MAP_KINDS = ("partners", "laws", "references")


@dataclass
class Outcome:
    result: BuildResult
    corpus: CorpusGraph
    out: Path

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
        for document in docs:
            if document.coverage < 0.95 or document.warnings:
                lines.append(f"  note: {document.meta.source_file}: coverage "
                             f"{document.coverage:.0%}; " + "; ".join(document.warnings))
        return "\n".join(lines)


def run_build(paths: list[Path], out: Path, *, reason: bool = True, maps: bool = True,
              progress: Callable[[int, int, str], None] | None = None) -> Outcome:
    """Build, then write every output atomically into ``out``."""
    context = Context()
    result = build(paths, progress=progress, context=context)
    corpus = corpus_graph(result, context, reason=reason)
    with AtomicFiles(out) as files:
        for name, content in graph_files(corpus).items():
            files.write(name, content)
        files.write(REPORT, report_json(report(result, len(corpus))))
        if maps:
            _maps(files, corpus)
    return Outcome(result, corpus, out)


def _maps(files: AtomicFiles, corpus: CorpusGraph) -> None:
    from beleidsgraaf.visualise.maps import render_map

    graph = corpus.union()
    for kind in MAP_KINDS:
        html, _ = render_map(kind, graph)
        files.write(f"maps/{kind}.html", html)
