"""Assemble the corpus graph: one graph per document, reference data, ontology, inferences.

A national build holds about a million triples. rdflib's in-memory ``Graph`` indexes every
triple three ways as it is added, which costs tens of microseconds and about a kilobyte per
triple — more than everything else the build does with a triple. The corpus is therefore
kept as plain Python sets of ``(subject, predicate, object)`` tuples of rdflib terms: the
mapping stage adds to them, the reasoner and the serialisers iterate over them, and the
union written to ``beleidsgraaf.ttl`` is computed once (:meth:`CorpusGraph.triples`).
Terms are interned, so an IRI used in many triples is one object in memory.
:meth:`CorpusGraph.union` still gives an rdflib ``Graph`` for callers that want one.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from beleidsgraaf.model import Document, Law, Organisation
from beleidsgraaf.pipeline import BuildResult, Context
from beleidsgraaf.rdf.mapping import (
    DocumentMapper,
    document_iris,
    law_triples,
    municipality_triples,
    new_graph,
    organisation_triples,
    region_triples,
)
from beleidsgraaf.rdf.namespaces import GRAPH_INFERRED, GRAPH_ONTOLOGY, GRAPH_REFERENCE
from beleidsgraaf.rdf.serialize import Union, canonical
from beleidsgraaf.reason import axioms_of, infer_triples, load_ontology
from beleidsgraaf.reference.municipalities import load_municipalities, load_regions

Triple = tuple[Node, Node, Node]


class TripleSet(set):
    """A set of triples that interns its terms (what :class:`DocumentMapper` adds to).

    Has the one method of ``Graph`` the mapping functions use, ``add((s, p, o))``.
    """

    def __init__(self, terms: dict[Node, Node] | None = None):
        super().__init__()
        self.terms = terms if terms is not None else {}
        #: no triple has a blank node (whose label would have to be made canonical), so
        #: :func:`~beleidsgraaf.rdf.serialize.canonical` need not look for one
        self.canonical_labels = True

    def add(self, triple: Triple) -> None:  # type: ignore[override]
        terms = self.terms
        s, p, o = triple
        if s.__class__ is not URIRef or (o.__class__ is not URIRef and
                                         o.__class__ is not Literal):
            self.canonical_labels = self.canonical_labels and not has_blank_nodes([triple])
        super().add((terms.setdefault(s, s), terms.setdefault(p, p), terms.setdefault(o, o)))


@dataclass
class CorpusGraph:
    """Named graphs of one build (sets of triples, or rdflib graphs for the ontology and the
    inferences); :meth:`triples` is what ``beleidsgraaf.ttl`` holds."""

    graphs: dict[URIRef, Collection[Triple]]
    _union: set[Triple] | None = field(default=None, repr=False)

    def triples(self) -> set[Triple]:
        """The union of all named graphs (computed once)."""
        if self._union is None:
            merged: set[Triple] = set()
            for graph in self.graphs.values():
                merged.update(graph)
            self._union = merged
        return self._union

    def canonical(self) -> Union:
        """:meth:`triples` with blank nodes relabelled by content (what
        ``beleidsgraaf.ttl`` holds, see :func:`~beleidsgraaf.rdf.serialize.canonical`), as
        a :class:`~beleidsgraaf.rdf.serialize.Union` of the graphs (a triple in more than
        one graph is iterated more than once); only the graphs that may hold blank nodes
        are looked at, and relabelled together."""
        ready: list[Collection[Triple]] = []
        others: set[Triple] = set()
        for graph in self.graphs.values():
            if getattr(graph, "canonical_labels", False):
                ready.append(graph)
            else:
                others.update(graph)
        ready.append(canonical(others))  # type: ignore[arg-type]
        return Union(ready, canonical_labels=True)

    def union(self) -> Graph:
        """The union as an rdflib ``Graph`` (slow for large corpora; the build does not use it)."""
        merged = new_graph()
        merged.addN((s, p, o, merged) for s, p, o in self.triples())
        return merged

    def __len__(self) -> int:
        return sum(len(g) for g in self.graphs.values())


def corpus_graph(result: BuildResult, context: Context, *, reason: bool = True,
                 timings: dict[str, float] | None = None) -> CorpusGraph:
    """Map every document, add reference data and the ontology, and reason over the data.

    ``timings``, if given, receives the seconds spent mapping (``map``) and reasoning
    (``reason``).
    """
    import time

    started = time.perf_counter()
    corpus = map_corpus(result, context)
    mapped = time.perf_counter()
    if reason:
        add_inferences(corpus)
    if timings is not None:
        timings["map"] = mapped - started
        timings["reason"] = time.perf_counter() - mapped
    return corpus


def map_corpus(result: BuildResult, context: Context) -> CorpusGraph:
    """Every document, the reference data and the ontology as named graphs (no inferences)."""
    terms: dict[Node, Node] = {}
    iris = document_iris(result.documents)
    graphs: dict[URIRef, Collection[Triple]] = {}
    for document in result.documents:
        graphs[iris[document.meta.source_file]] = map_document(document, iris, terms)
    graphs[GRAPH_REFERENCE] = reference_graph(result, context, terms)
    graphs[GRAPH_ONTOLOGY] = load_ontology()
    return CorpusGraph(graphs)


def add_inferences(corpus: CorpusGraph) -> set[Triple]:
    """Reason over the data of ``corpus`` and add what follows as its inferred graph."""
    ontology = corpus.graphs[GRAPH_ONTOLOGY]
    inferred = infer_triples(_data(corpus.graphs), axioms_of(ontology))  # type: ignore[arg-type]
    corpus.graphs[GRAPH_INFERRED] = inferred
    corpus._union = None
    return inferred


def map_document(document: Document, iris: dict[str, URIRef],
                 terms: dict[Node, Node] | None = None) -> TripleSet:
    """The triples of one document (the mapping of :class:`DocumentMapper`, as a set)."""
    mapper = DocumentMapper(document, iris, TripleSet(terms))  # type: ignore[arg-type]
    return mapper.run()  # type: ignore[return-value]


def _data(graphs: dict[URIRef, Collection[Triple]]) -> Union:
    """Everything but the ontology: what the reasoner works on (graph by graph; a triple in
    two graphs comes twice, which the reasoner does not mind)."""
    return Union(graph for name, graph in graphs.items() if name != GRAPH_ONTOLOGY)


def reference_graph(result: BuildResult, context: Context,
                    terms: dict[Node, Node] | None = None) -> TripleSet:
    """Laws and agreements of the register, organisations named or known, municipalities used."""
    graph = TripleSet(terms)
    laws: list[Law] = sorted(context.laws.laws.values(), key=lambda law: law.id)
    for law in laws:
        law_triples(graph, law)  # type: ignore[arg-type]
    organisations: dict[str, Organisation] = {o.id: o for o in context.gazetteer}
    for document in result.documents:
        organisations.update(document.organisations)
    for organisation in sorted(organisations.values(), key=lambda o: o.id):
        organisation_triples(graph, organisation)  # type: ignore[arg-type]
    register = load_municipalities()
    for region in sorted(load_regions(), key=lambda r: r.id):
        if region.type != "Province":
            region_triples(graph, region, register)  # type: ignore[arg-type]
    codes = {d.meta.cbs_code for d in result.documents if d.meta.cbs_code}
    codes -= {str(s).rsplit("/", 1)[1] for s in _subjects(graph) if "/gemeente/" in str(s)}
    for code in sorted(codes):
        municipality = register.by_code(code)
        if municipality is not None:
            municipality_triples(graph, code, municipality.name,  # type: ignore[arg-type]
                                 municipality.province)
    return graph


def _subjects(triples: Iterable[Triple]) -> set[Node]:
    return {s for s, _, _ in triples}


def has_blank_nodes(triples: Iterable[Triple]) -> bool:
    return any(isinstance(term, BNode) for triple in triples for term in triple)
