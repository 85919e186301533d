"""The corpus as sets of triples: interned terms, and blank-node labels made canonical once."""

from __future__ import annotations

from rdflib import BNode, Literal, URIRef

from beleidsgraaf.output.graph import CorpusGraph, TripleSet
from beleidsgraaf.output.writer import turtle_parts
from beleidsgraaf.rdf.serialize import canonical

X = "http://x/"


def test_a_triple_set_knows_whether_it_holds_blank_nodes():
    triples = TripleSet()
    triples.add((URIRef(X + "a"), URIRef(X + "p"), Literal("één")))
    triples.add((URIRef(X + "a"), URIRef(X + "p"), URIRef(X + "b")))
    assert triples.canonical_labels and canonical(triples) is triples
    triples.add((URIRef(X + "a"), URIRef(X + "p"), BNode("b1")))
    assert not triples.canonical_labels


def test_terms_are_shared_between_the_sets_of_one_corpus():
    terms: dict = {}
    first, second = TripleSet(terms), TripleSet(terms)
    first.add((URIRef(X + "a"), URIRef(X + "p"), Literal(1)))
    second.add((URIRef(X + "c"), URIRef(X + "p"), Literal(1)))
    (_, p1, o1), = first
    (_, p2, o2), = second
    assert p1 is p2 and o1 is o2


def test_the_canonical_union_relabels_only_the_graphs_that_may_hold_blank_nodes():
    plain = TripleSet()
    plain.add((URIRef(X + "a"), URIRef(X + "p"), URIRef(X + "b")))
    other = {(URIRef(X + "a"), URIRef(X + "q"), BNode("random-label")),
             (BNode("random-label"), URIRef(X + "r"), Literal("x"))}
    corpus = CorpusGraph({URIRef(X + "g1"): plain, URIRef(X + "g2"): other})
    union = corpus.canonical()
    assert set(union) == set(canonical(corpus.triples()))
    assert (URIRef(X + "a"), URIRef(X + "p"), URIRef(X + "b")) in union
    assert BNode("random-label") not in {term for triple in union for term in triple}
    assert canonical(union) is union  # not looked at again by the renderer


def test_a_triple_in_two_graphs_is_written_once():
    triple = (URIRef(X + "a"), URIRef(X + "p"), Literal("x"))
    first, second = TripleSet(), TripleSet()
    first.add(triple)
    second.add(triple)
    second.add((URIRef(X + "a"), URIRef(X + "p"), Literal("y")))
    corpus = CorpusGraph({URIRef(X + "g1"): first, URIRef(X + "g2"): second})
    text = "".join(turtle_parts(corpus))
    assert text.endswith('<http://x/a> <http://x/p> "x" ,\n        "y" .\n')
