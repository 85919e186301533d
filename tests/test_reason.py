"""Reasoning: the fast targeted rules give exactly owlrl's useful entailments.

owlrl (``OWLRL_Semantics``) is the reference. On the whole bundled samples its
closure takes about 10 s on an idle 2-core machine, so the comparison runs on all
five documents, not a subset.
"""

from __future__ import annotations

import owlrl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from beleidsgraaf.output.graph import corpus_graph
from beleidsgraaf.pipeline import Context, build
from beleidsgraaf.rdf.namespaces import BG, GRAPH_INFERRED, GRAPH_ONTOLOGY, ID
from beleidsgraaf.reason import (
    UnsupportedAxiom,
    _useful,
    axioms_of,
    infer,
    load_ontology,
)
from tests.conftest import CORPUS

ND26 = ID["doc/neder-betuwe-2026-programmabegroting-programma-5"]
EX = "https://example.org/test/"


def owlrl_useful(data: Graph, ontology: Graph) -> set[tuple]:
    """owlrl's OWL-RL closure of data + ontology, filtered like :func:`reason.infer`."""
    closure = Graph()
    for triple in data:
        closure.add(triple)
    for triple in ontology:
        closure.add(triple)
    asserted = set(closure)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    return {t for t in closure if t not in asserted and _useful(t)}


@pytest.fixture(scope="module")
def samples() -> Graph:
    """The samples' asserted data graph: documents and reference data, no ontology."""
    context = Context()
    result = build([CORPUS], context=context)
    data = Graph()
    for name, graph in corpus_graph(result, context, reason=False).graphs.items():
        if name != GRAPH_ONTOLOGY:
            for triple in graph:
                data.add(triple)
    return data


@pytest.fixture(scope="module")
def inferred(samples: Graph) -> Graph:
    return infer(samples, load_ontology())


def test_fast_path_equals_owlrl_on_the_samples(samples: Graph, inferred: Graph) -> None:
    reference = owlrl_useful(samples, load_ontology())
    fast = set(inferred)
    assert len(reference) > 1000
    missing = sorted(reference - fast, key=str)
    extra = sorted(fast - reference, key=str)
    assert not missing and not extra, (f"missing {len(missing)}: {missing[:5]}; "
                                       f"extra {len(extra)}: {extra[:5]}")


def test_a_set_of_triples_gives_the_same_as_a_graph(samples: Graph, inferred: Graph) -> None:
    assert set(infer(set(samples), load_ontology())) == set(inferred)


def test_inferred_triples_are_useful_and_new(samples: Graph, inferred: Graph) -> None:
    for triple in inferred:
        assert triple not in samples
        s, p, o = triple
        assert p == RDF.type or s != o
        assert str(o if p == RDF.type else p).startswith(str(BG)), triple


@pytest.mark.parametrize(
    ("s", "p", "o"),
    [
        pytest.param(f"{ND26}/5.1.1.2", BG.partOf, f"{ND26}/5.1", id="partOf-transitive"),
        pytest.param(f"{ND26}/5.1.1.2", BG.partOf, f"{ND26}/programma-5",
                     id="partOf-to-programme"),
        pytest.param(f"{ND26}/5.1.1", BG.hasPart, f"{ND26}/5.1.1.2", id="hasPart-inverse"),
        pytest.param(f"{ND26}/programma-5", BG.hasPart, f"{ND26}/5.1.1.2", id="hasPart-transitive"),
        pytest.param(f"{ND26}/5.1.1.2", BG.dependsOnLaw, ID["wet/wmo-2015"],
                     id="dependsOnLaw-super-property"),
        pytest.param(f"{ND26}/5.1.1", BG.dependsOnLawThroughPart, ID["wet/wmo-2015"],
                     id="chain-goal"),
        pytest.param(f"{ND26}/programma-5", BG.dependsOnLawThroughPart, ID["wet/participatiewet"],
                     id="chain-programme"),
        pytest.param(f"{ND26}/5.1.1.2", RDF.type, BG.PolicyElement, id="superclass-type"),
    ],
)
def test_promised_entailments_on_the_samples(inferred: Graph, s: str, p: URIRef,
                                             o: str) -> None:
    assert (URIRef(s), p, URIRef(o)) in inferred


def test_the_chain_does_not_run_onto_the_element_itself(inferred: Graph) -> None:
    activity = URIRef(f"{ND26}/5.1.1.2")
    assert (activity, BG.dependsOnLawThroughPart, ID["wet/wmo-2015"]) not in inferred
    assert (URIRef(f"{ND26}/5.1.1"), BG.dependsOnLaw, ID["wet/wmo-2015"]) not in inferred


def test_build_puts_inferences_in_their_own_graph_and_no_reason_skips_them() -> None:
    context = Context()
    result = build([CORPUS / "wijchen_2025_informatienota-robuust-sociaal-team.txt"],
                   context=context)
    reasoned = corpus_graph(result, context, reason=True)
    assert len(reasoned.graphs[GRAPH_INFERRED]) > 100
    assert GRAPH_INFERRED not in corpus_graph(result, context, reason=False).graphs


# ------------------------------------------------------------ axiom kinds beyond the samples

EDGE_ONTOLOGY = f"""
@prefix bg:   <https://w3id.org/beleidsgraaf/def#> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex:   <{EX}> .
bg:A a owl:Class . bg:B a owl:Class ; rdfs:subClassOf bg:A . bg:C a owl:Class ;
    owl:equivalentClass bg:B .
bg:near a owl:ObjectProperty , owl:SymmetricProperty ; rdfs:domain bg:A .
bg:p a owl:ObjectProperty ; rdfs:range bg:C . bg:q a owl:ObjectProperty .
bg:r a owl:ObjectProperty . bg:s a owl:ObjectProperty ; owl:equivalentProperty bg:q .
bg:pqr a owl:ObjectProperty ; owl:propertyChainAxiom ( bg:p bg:q bg:r ) .
bg:t a owl:ObjectProperty , owl:TransitiveProperty ; owl:inverseOf bg:tInv .
bg:sub a owl:ObjectProperty ; rdfs:subPropertyOf bg:t .
bg:lit a owl:DatatypeProperty ; rdfs:domain bg:B .
ex:outside a owl:ObjectProperty ; rdfs:subPropertyOf bg:p .
"""

EDGE_DATA = f"""
@prefix bg: <https://w3id.org/beleidsgraaf/def#> .
@prefix ex: <{EX}> .
ex:a bg:near ex:b ; ex:outside ex:c ; bg:lit "x" .
ex:c bg:s ex:d . ex:d bg:r ex:e .
ex:a bg:p _:blank . _:blank bg:q ex:f . ex:f bg:r ex:g .
ex:m bg:sub ex:n . ex:n bg:t ex:o . ex:o bg:t ex:m .
ex:z bg:near ex:z .
"""


def test_fast_path_equals_owlrl_on_other_axiom_kinds() -> None:
    """Blank nodes, equivalence, symmetry, a three-step chain, cycles, sub-property input."""
    ontology = Graph().parse(data=EDGE_ONTOLOGY, format="turtle")
    data = Graph().parse(data=EDGE_DATA, format="turtle")
    reference = owlrl_useful(data, ontology)
    fast = set(infer(data, ontology))
    assert fast == reference, (sorted(reference - fast, key=str), sorted(fast - reference,
                                                                          key=str))
    a, e, g, m = (URIRef(EX + x) for x in "aegm")
    assert (a, BG.pqr, e) in fast  # outside ⊑ p, s ≡ q: a p c, c q d, d r e
    assert (a, BG.pqr, g) in fast  # through a blank node
    assert (URIRef(EX + "b"), BG.near, a) in fast
    assert (m, BG.t, URIRef(EX + "o")) in fast and (m, BG.tInv, URIRef(EX + "o")) in fast
    assert (m, BG.t, m) not in fast  # a cycle gives no self link


@pytest.mark.parametrize(
    "axiom",
    [
        "bg:p a owl:FunctionalProperty .",
        "bg:A owl:disjointWith bg:B .",
        "bg:A rdfs:subClassOf [ a owl:Restriction ; owl:onProperty bg:p ; "
        "owl:someValuesFrom bg:B ] .",
        "bg:p rdfs:domain [ owl:unionOf ( bg:A bg:B ) ] .",
        "bg:x owl:sameAs bg:y .",
    ],
)
def test_unsupported_axioms_are_refused(axiom: str) -> None:
    text = ("@prefix bg: <https://w3id.org/beleidsgraaf/def#> .\n"
            "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
            "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n" + axiom)
    with pytest.raises(UnsupportedAxiom):
        axioms_of(Graph().parse(data=text, format="turtle"))


def test_the_bundled_ontology_is_supported() -> None:
    axioms = axioms_of(load_ontology())
    assert BG.partOf in axioms.transitive and BG.hasPart in axioms.transitive
    assert (BG.hasPart, BG.dependsOnLaw, BG.dependsOnLawThroughPart) in axioms.chains
    assert BG.dependsOnLaw in axioms.super_properties[BG.mentionsLaw]


def test_useful_filter() -> None:
    x, y = URIRef(EX + "x"), URIRef(EX + "y")
    assert _useful((x, BG.partOf, y))
    assert not _useful((x, BG.partOf, x))
    assert not _useful((x, OWL.sameAs, y))
    assert not _useful((x, RDF.type, OWL.Thing))
    assert _useful((x, RDF.type, BG.Activity))
    assert not _useful((Literal("x"), RDF.type, BG.Activity))
    assert not _useful((x, RDFS.label, Literal("x")))
    assert _useful((BNode(), BG.partOf, y))
