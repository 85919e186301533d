"""Assemble the corpus graph: one graph per document, reference data, ontology, inferences."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef

from beleidsgraaf.model import Law, Organisation
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
from beleidsgraaf.reason import infer, load_ontology
from beleidsgraaf.reference.municipalities import load_municipalities, load_regions


@dataclass
class CorpusGraph:
    """Named graphs of one build; :meth:`union` is what ``beleidsgraaf.ttl`` holds."""

    graphs: dict[URIRef, Graph]

    def union(self) -> Graph:
        merged = new_graph()
        for graph in self.graphs.values():
            for triple in graph:
                merged.add(triple)
        return merged

    def __len__(self) -> int:
        return sum(len(g) for g in self.graphs.values())


def corpus_graph(result: BuildResult, context: Context, *, reason: bool = True) -> CorpusGraph:
    iris = document_iris(result.documents)
    graphs: dict[URIRef, Graph] = {}
    for document in result.documents:
        graphs[iris[document.meta.source_file]] = DocumentMapper(document, iris).run()
    graphs[GRAPH_REFERENCE] = reference_graph(result, context)
    ontology = load_ontology()
    graphs[GRAPH_ONTOLOGY] = ontology
    if reason:
        data = new_graph()
        for name, graph in graphs.items():
            if name != GRAPH_ONTOLOGY:
                for triple in graph:
                    data.add(triple)
        graphs[GRAPH_INFERRED] = infer(data, ontology)
    return CorpusGraph(graphs)


def reference_graph(result: BuildResult, context: Context) -> Graph:
    """Laws and agreements of the register, organisations named or known, municipalities used."""
    graph = new_graph()
    laws: list[Law] = sorted(context.laws.laws.values(), key=lambda law: law.id)
    for law in laws:
        law_triples(graph, law)
    organisations: dict[str, Organisation] = {o.id: o for o in context.gazetteer}
    for document in result.documents:
        organisations.update(document.organisations)
    for organisation in sorted(organisations.values(), key=lambda o: o.id):
        organisation_triples(graph, organisation)
    register = load_municipalities()
    for region in sorted(load_regions(), key=lambda r: r.id):
        if region.type != "Province":
            region_triples(graph, region, register)
    codes = {d.meta.cbs_code for d in result.documents if d.meta.cbs_code}
    codes -= {str(o).rsplit("/", 1)[1] for o in graph.subjects() if "/gemeente/" in str(o)}
    for code in sorted(codes):
        municipality = register.by_code(code)
        if municipality is not None:
            municipality_triples(graph, code, municipality.name, municipality.province)
    return graph
