"""Reasoning stage: materialise what the ontology says follows from the data.

A general OWL 2 RL closure (owlrl) takes tens of seconds on a few thousand
triples, because it re-derives axiomatic triples about every term. The
ontology's useful entailments come from a handful of axiom kinds, so they are
applied here as targeted rules to a fixed point:

* ``rdfs:subPropertyOf`` and ``rdfs:subClassOf`` (transitively),
* ``owl:inverseOf``, ``owl:TransitiveProperty`` and ``owl:propertyChainAxiom``,
* ``rdfs:domain`` / ``rdfs:range`` typing.

Only triples in the ``bg:`` vocabulary are kept (the alignments to PROV-O,
ORG, DCTERMS and SKOS are stated in the ontology, not copied onto every node),
and no triple that was already asserted.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from beleidsgraaf.rdf.namespaces import BG

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "beleidsgraaf.ttl"
Triple = tuple[Node, Node, Node]


@dataclass
class Axioms:
    """The parts of the ontology the rules use."""

    super_properties: dict[Node, set[Node]] = field(default_factory=dict)
    super_classes: dict[Node, set[Node]] = field(default_factory=dict)
    inverses: dict[Node, set[Node]] = field(default_factory=dict)
    transitive: set[Node] = field(default_factory=set)
    chains: list[tuple[Node, Node, Node]] = field(default_factory=list)
    domains: dict[Node, set[Node]] = field(default_factory=dict)
    ranges: dict[Node, set[Node]] = field(default_factory=dict)


def load_ontology(path: Path = ONTOLOGY) -> Graph:
    return _load_ontology(str(path))


@cache
def _load_ontology(path: str) -> Graph:
    return Graph().parse(path, format="turtle")


def axioms_of(ontology: Graph) -> Axioms:
    axioms = Axioms()
    axioms.super_properties = _closure(ontology, RDFS.subPropertyOf)
    axioms.super_classes = _closure(ontology, RDFS.subClassOf)
    for p, q in ontology.subject_objects(OWL.inverseOf):
        axioms.inverses.setdefault(p, set()).add(q)
        axioms.inverses.setdefault(q, set()).add(p)
    axioms.transitive = set(ontology.subjects(RDF.type, OWL.TransitiveProperty))
    for prop, head in ontology.subject_objects(OWL.propertyChainAxiom):
        steps = list(Collection(ontology, head))
        if len(steps) == 2:
            axioms.chains.append((steps[0], steps[1], prop))
    for source, target in ((RDFS.domain, axioms.domains), (RDFS.range, axioms.ranges)):
        for prop, cls in ontology.subject_objects(source):
            if isinstance(cls, URIRef):
                target.setdefault(prop, set()).add(cls)
    return axioms


def _closure(ontology: Graph, relation: URIRef) -> dict[Node, set[Node]]:
    direct: dict[Node, set[Node]] = defaultdict(set)
    for child, parent in ontology.subject_objects(relation):
        direct[child].add(parent)
    closed: dict[Node, set[Node]] = {}
    for start in list(direct):
        seen, stack = set(), list(direct[start])
        while stack:
            node = stack.pop()
            if node not in seen and node != start:
                seen.add(node)
                stack.extend(direct.get(node, ()))
        closed[start] = seen
    return closed


def infer(data: Graph, ontology: Graph | None = None) -> Graph:
    """New ``bg:`` triples entailed by ``data`` under the ontology (asserted ones excluded)."""
    axioms = axioms_of(ontology if ontology is not None else load_ontology())
    known: set[Triple] = set(data)
    added: set[Triple] = set()
    frontier: set[Triple] = set(known)
    while frontier:
        fresh = _step(frontier, known | added, axioms) - known - added
        added |= fresh
        frontier = fresh
    result = Graph()
    for triple in sorted(added, key=lambda t: tuple(map(str, t))):
        if _useful(triple):
            result.add(triple)
    return result


def _step(frontier: set[Triple], everything: set[Triple], axioms: Axioms) -> set[Triple]:
    fresh: set[Triple] = set()
    for s, p, o in frontier:
        for q in axioms.super_properties.get(p, ()):
            fresh.add((s, q, o))
        for q in axioms.inverses.get(p, ()):
            if isinstance(o, URIRef):
                fresh.add((o, q, s))
        for cls in axioms.domains.get(p, ()):
            fresh.add((s, RDF.type, cls))
        if isinstance(o, URIRef):
            for cls in axioms.ranges.get(p, ()):
                fresh.add((o, RDF.type, cls))
        if p == RDF.type:
            for cls in axioms.super_classes.get(o, ()):
                fresh.add((s, RDF.type, cls))
    fresh |= _joins(frontier, everything | fresh, axioms)
    return fresh


def _joins(frontier: set[Triple], everything: set[Triple], axioms: Axioms) -> set[Triple]:
    """Transitivity and two-step property chains, joining new triples with all known."""
    fresh: set[Triple] = set()
    wanted = axioms.transitive | {a for a, _, _ in axioms.chains} | {b for _, b, _ in axioms.chains}
    by_subject: dict[tuple[Node, Node], set[Node]] = defaultdict(set)
    by_object: dict[tuple[Node, Node], set[Node]] = defaultdict(set)
    for s, p, o in everything:
        if p in wanted:
            by_subject[(p, s)].add(o)
            by_object[(p, o)].add(s)
    for s, p, o in frontier:
        if p in axioms.transitive:
            fresh.update((s, p, far) for far in by_subject[(p, o)])
            fresh.update((near, p, o) for near in by_object[(p, s)])
        for first, second, result in axioms.chains:
            if p == first:
                fresh.update((s, result, far) for far in by_subject[(second, o)])
            if p == second:
                fresh.update((near, result, o) for near in by_object[(first, s)])
    return fresh


def _useful(triple: Triple) -> bool:
    s, p, o = triple
    if s == o and p != RDF.type:
        return False
    if p == RDF.type:
        return isinstance(o, URIRef) and o.startswith(str(BG))
    return p.startswith(str(BG))  # type: ignore[union-attr]
