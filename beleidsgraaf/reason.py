"""Reasoning stage: materialise what the ontology says follows from the data.

owlrl's general OWL 2 RL closure is the reference (``tests/test_reason.py``
compares the two triple by triple on the samples), but it re-derives axiomatic
triples about every term and takes tens of seconds on a few thousand triples.
The ontology's entailments come from a handful of axiom kinds, so they are
applied here as targeted rules, per property, to a fixed point (semi-naive: each
round only joins what the previous round added):

* ``rdfs:subPropertyOf``, ``owl:equivalentProperty``, ``owl:inverseOf``,
  ``owl:SymmetricProperty``, ``owl:TransitiveProperty`` and
  ``owl:propertyChainAxiom`` (any length) between properties;
* ``rdfs:domain`` / ``rdfs:range`` typing, then ``rdfs:subClassOf`` /
  ``owl:equivalentClass`` between named classes.

With this ontology no rule derives a property value from a type, so typing is
done once, after the property closure. :func:`axioms_of` refuses an ontology
that uses any other OWL construct (restrictions, unions, functional properties,
``owl:sameAs``, …) with :class:`UnsupportedAxiom`: the fast path would silently
miss what owlrl derives from it. Axioms are read from the ontology only; schema
triples inside the data (which the pipeline never writes) are not used.

Only useful triples are kept (:func:`_useful`): ``bg:`` properties and types
of ``bg:`` classes, no self links, nothing already asserted. The alignments to
PROV-O, ORG, DCTERMS, SKOS and ELI are stated in the ontology, not copied onto
every node.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import repeat
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from beleidsgraaf.errors import BeleidsgraafError
from beleidsgraaf.rdf.namespaces import BG

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "beleidsgraaf.ttl"
Triple = tuple[Node, Node, Node]
Pair = tuple[Node, Node]

# OWL vocabulary the rules implement (or that carries no entailment about individuals).
SUPPORTED_OWL_PREDICATES = {
    OWL.inverseOf, OWL.propertyChainAxiom, OWL.equivalentClass, OWL.equivalentProperty,
    OWL.versionInfo, OWL.versionIRI, OWL.priorVersion, OWL.deprecated, OWL.imports,
}
SUPPORTED_OWL_TYPES = {
    OWL.Ontology, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
    OWL.TransitiveProperty, OWL.SymmetricProperty, OWL.NamedIndividual,
}
_CHAIN = "urn:beleidsgraaf:reason:chain-step:"
_TYPE = RDF.type
_BG = str(BG)


class UnsupportedAxiom(BeleidsgraafError):
    """The ontology uses an OWL construct that :func:`infer` does not implement."""


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

    def properties(self) -> set[Node]:
        """Every property a rule reads or writes."""
        found: set[Node] = set(self.transitive) | set(self.domains) | set(self.ranges)
        for table in (self.super_properties, self.inverses):
            for key, values in table.items():
                found.add(key)
                found |= values
        for first, second, result in self.chains:
            found |= {first, second, result}
        return found


def load_ontology(path: Path = ONTOLOGY) -> Graph:
    return _load_ontology(str(path))


@cache
def _load_ontology(path: str) -> Graph:
    return Graph().parse(path, format="turtle")


def axioms_of(ontology: Graph) -> Axioms:
    """Read the rule tables from ``ontology``; :class:`UnsupportedAxiom` if it needs more."""
    _check_supported(ontology)
    axioms = Axioms()
    sub_properties = list(ontology.subject_objects(RDFS.subPropertyOf))
    for p, q in ontology.subject_objects(OWL.equivalentProperty):
        sub_properties += [(p, q), (q, p)]
    sub_classes = list(ontology.subject_objects(RDFS.subClassOf))
    for c, d in ontology.subject_objects(OWL.equivalentClass):
        sub_classes += [(c, d), (d, c)]
    for child, parent in sub_classes:
        if not (isinstance(child, URIRef) and isinstance(parent, URIRef)):
            raise UnsupportedAxiom(f"class axiom with an anonymous class: {child} ⊑ {parent}")
    axioms.super_properties = _closure(sub_properties)
    axioms.super_classes = _closure(sub_classes)
    for p, q in ontology.subject_objects(OWL.inverseOf):
        axioms.inverses.setdefault(p, set()).add(q)
        axioms.inverses.setdefault(q, set()).add(p)
    for p in ontology.subjects(RDF.type, OWL.SymmetricProperty):
        axioms.inverses.setdefault(p, set()).add(p)
    axioms.transitive = set(ontology.subjects(RDF.type, OWL.TransitiveProperty))
    for number, (prop, head) in enumerate(sorted(ontology.subject_objects(OWL.propertyChainAxiom))):
        steps = list(Collection(ontology, head))
        if len(steps) == 1:
            axioms.super_properties.setdefault(steps[0], set()).add(prop)
            continue
        # p1 o p2 o ... o pn ⊑ r as binary steps through helper properties (never kept)
        left = steps[0]
        for index, step in enumerate(steps[1:-1], start=1):
            helper = URIRef(f"{_CHAIN}{number}-{index}")
            axioms.chains.append((left, step, helper))
            left = helper
        axioms.chains.append((left, steps[-1], prop))
    for source, target in ((RDFS.domain, axioms.domains), (RDFS.range, axioms.ranges)):
        for prop, cls in ontology.subject_objects(source):
            if not isinstance(cls, URIRef):
                raise UnsupportedAxiom(f"{source} of {prop} is an anonymous class")
            target.setdefault(prop, set()).add(cls)
    return axioms


def _check_supported(ontology: Graph) -> None:
    problems = set()
    for s, p, o in ontology:
        owl_type = p == RDF.type and isinstance(o, URIRef) and str(o).startswith(str(OWL))
        if owl_type and o not in SUPPORTED_OWL_TYPES:
            problems.add(f"{s} a {o}")
        elif str(p).startswith(str(OWL)) and p not in SUPPORTED_OWL_PREDICATES:
            problems.add(f"{s} {p} {o}")
    if problems:
        raise UnsupportedAxiom("the ontology uses OWL constructs that beleidsgraaf.reason does "
                               "not implement: " + "; ".join(sorted(problems)[:5]))


def _closure(pairs: list[Pair]) -> dict[Node, set[Node]]:
    direct: dict[Node, set[Node]] = defaultdict(set)
    for child, parent in pairs:
        direct[child].add(parent)
    closed: dict[Node, set[Node]] = {}
    for start in list(direct):
        seen: set[Node] = set()
        stack = list(direct[start])
        while stack:
            node = stack.pop()
            if node not in seen and node != start:
                seen.add(node)
                stack.extend(direct.get(node, ()))
        closed[start] = seen
    return closed


def infer(data: Graph | Iterable[Triple], ontology: Graph | None = None) -> Graph:
    """New ``bg:`` triples entailed by ``data`` under the ontology (asserted ones excluded).

    The result is a context-free graph (rdflib's ``SimpleMemory`` store), which takes
    and gives triples several times faster than the default store.
    """
    result = Graph(store="SimpleMemory")
    for triple in infer_triples(data, axioms_of(ontology if ontology is not None
                                                else load_ontology())):
        result.add(triple)
    return result


def infer_triples(data: Graph | Iterable[Triple], axioms: Axioms) -> set[Triple]:
    """The useful entailments of ``data`` (an rdflib graph or any collection of triples)
    as a set of triples (see :func:`infer`)."""
    edges = _PropertyClosure(axioms)
    properties = axioms.properties()
    if isinstance(data, Graph):
        for prop in properties:
            edges.load(prop, data.subject_objects(prop))
        asserted_types: set[Pair] = {(s, o) for s, o in data.subject_objects(_TYPE)
                                     if isinstance(o, URIRef)}
    else:
        asserted_types = _load_triples(edges, data, properties)
    edges.run()
    types: set[Pair] = set(asserted_types)
    for prop, classes in axioms.domains.items():
        subjects = {s for s, _ in edges.pairs.get(prop, ())}
        types.update((s, cls) for s in subjects for cls in classes)
    for prop, classes in axioms.ranges.items():
        objects = {o for _, o in edges.pairs.get(prop, ()) if not isinstance(o, Literal)}
        types.update((o, cls) for o in objects for cls in classes)
    by_class: dict[Node, list[Node]] = defaultdict(list)
    for node, cls in types:
        by_class[cls].append(node)
    for cls, nodes in list(by_class.items()):
        for sup in axioms.super_classes.get(cls, ()):
            types.update(zip(nodes, repeat(sup)))
    found: set[Triple] = set()
    kept = {cls: _in_bg(cls) for cls in {cls for _, cls in types}}
    for node, cls in types - asserted_types:
        if kept[cls] and not isinstance(node, Literal):
            found.add((node, _TYPE, cls))
    for prop, derived in edges.derived.items():
        if _in_bg(prop):
            found.update((s, prop, o) for s, o in derived
                         if s != o and not isinstance(s, Literal))
    return found


_OTHER, _TYPING, _RULED = 0, 1, 2


def _load_triples(edges: _PropertyClosure, data: Iterable[Triple], properties: set[Node]
                  ) -> set[Pair]:
    """Load the edges of the rule properties; the asserted ``(node, class)`` types.

    What a predicate is for is decided once per predicate object, by its ``id``: comparing
    rdflib terms with ``==`` runs Python code, once per triple of a national corpus.
    """
    by_property: dict[Node, list[Pair]] = defaultdict(list)
    asserted_types: set[Pair] = set()
    roles: dict[int, int] = {}
    alive: list[Node] = []  # the predicates whose ids are in ``roles``
    for s, p, o in data:
        role = roles.get(id(p))
        if role is None:
            role = roles[id(p)] = _TYPING if p == _TYPE else \
                _RULED if p in properties else _OTHER
            alive.append(p)
        if role == _RULED:
            by_property[p].append((s, o))
        elif role == _TYPING and isinstance(o, URIRef):
            asserted_types.add((s, o))
    for prop, pairs in by_property.items():
        edges.load(prop, pairs)
    return asserted_types


class _PropertyClosure:
    """Per-property edge sets closed under the property rules, semi-naively."""

    def __init__(self, axioms: Axioms):
        self.axioms = axioms
        self.pairs: dict[Node, set[Pair]] = defaultdict(set)
        self.derived: dict[Node, set[Pair]] = defaultdict(set)
        joined = set(axioms.transitive)
        for first, second, _ in axioms.chains:
            joined |= {first, second}
        self.joined = joined
        self.forward: dict[Node, dict[Node, set[Node]]] = {p: defaultdict(set) for p in joined}
        self.backward: dict[Node, dict[Node, set[Node]]] = {p: defaultdict(set) for p in joined}
        self.chains_by_first: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
        self.chains_by_second: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
        for first, second, result in axioms.chains:
            self.chains_by_first[first].append((second, result))
            self.chains_by_second[second].append((first, result))
        self.delta: dict[Node, set[Pair]] = defaultdict(set)

    def load(self, prop: Node, pairs) -> None:  # type: ignore[no-untyped-def]
        fresh = set(pairs) - self.pairs[prop]
        self._insert(prop, fresh)
        self.delta[prop] |= fresh

    def _insert(self, prop: Node, fresh: set[Pair]) -> None:
        self.pairs[prop] |= fresh
        if prop in self.joined:
            forward, backward = self.forward[prop], self.backward[prop]
            for s, o in fresh:
                forward[s].add(o)
                backward[o].add(s)

    def run(self) -> None:
        axioms = self.axioms
        while self.delta:
            candidates: dict[Node, set[Pair]] = defaultdict(set)
            for prop, delta in self.delta.items():
                for sup in axioms.super_properties.get(prop, ()):
                    candidates[sup] |= delta
                for inverse in axioms.inverses.get(prop, ()):
                    candidates[inverse].update((o, s) for s, o in delta
                                               if not isinstance(o, Literal))
                if prop in axioms.transitive:
                    forward, backward = self.forward[prop], self.backward[prop]
                    out = candidates[prop]
                    for s, o in delta:
                        if far := forward.get(o):
                            out.update(zip(repeat(s), far))
                        if near := backward.get(s):
                            out.update(zip(near, repeat(o)))
                for second, result in self.chains_by_first.get(prop, ()):
                    forward = self.forward[second]
                    candidates[result].update((s, far) for s, o in delta
                                              for far in forward.get(o, ()))
                for first, result in self.chains_by_second.get(prop, ()):
                    backward = self.backward[first]
                    candidates[result].update((near, o) for s, o in delta
                                              for near in backward.get(s, ()))
            self.delta = defaultdict(set)
            for prop, pairs in candidates.items():
                fresh = pairs - self.pairs[prop]
                if fresh:
                    self._insert(prop, fresh)
                    self.derived[prop] |= fresh
                    self.delta[prop] = fresh


def _in_bg(term: Node) -> bool:
    return isinstance(term, URIRef) and term.startswith(_BG)


def _useful(triple: Triple) -> bool:
    """A ``bg:`` property or a type of a ``bg:`` class, no self link, no literal subject."""
    s, p, o = triple
    if isinstance(s, Literal):
        return False
    if p == _TYPE:
        return _in_bg(o)
    return s != o and _in_bg(p)
