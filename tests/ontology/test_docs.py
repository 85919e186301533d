"""The generated HTML documentation of the ontology (beleidsgraaf.ontology_docs)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from beleidsgraaf.ontology_docs import DOCS, render_html
from beleidsgraaf.rdf.namespaces import BG
from beleidsgraaf.reason import load_ontology


@pytest.fixture(scope="module")
def page() -> str:
    return render_html()


def test_every_term_has_an_entry_with_both_labels(page: str) -> None:
    ontology = load_ontology()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in ontology.subjects(RDF.type, kind):
            if not str(term).startswith(str(BG)):
                continue
            local = str(term)[len(str(BG)):]
            assert f'id="{local}"' in page, local
            for label in ontology.objects(term, RDFS.label):
                assert str(label).replace("'", "&#x27;") in page, (local, label)


def test_axioms_and_validation_rules_are_documented(page: str) -> None:
    assert "property chain" in page and "transitive" in page and "inverse of" in page
    assert "bgsh:ActivityShape" in page and "The direct parent of an activity" in page
    assert "id:graph/afgeleid" in page


def test_self_contained_and_offline(page: str) -> None:
    assert "<script" not in page and "<link" not in page and "<img" not in page
    assert "src=" not in page and "@import" not in page and "url(" not in page
    assert all(href.startswith("#") for href in re.findall(r'href="([^"]*)"', page))
    anchors = set(re.findall(r'id="([^"]+)"', page))
    assert {href[1:] for href in re.findall(r'href="([^"]*)"', page)} <= anchors


def test_deterministic(page: str) -> None:
    assert render_html() == page


def test_text_from_the_ontology_is_escaped() -> None:
    ontology = Graph()
    for triple in load_ontology():
        ontology.add(triple)
    evil = Literal('<script>alert("x")</script> & co', lang="en")
    ontology.add((BG.Activity, RDFS.comment, evil))
    ontology.add((URIRef(str(BG) + 'Odd"Name'), RDF.type, OWL.Class))
    page = render_html(ontology)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in page
    assert 'id="Odd&quot;Name"' in page


def test_repository_copy_is_up_to_date(page: str) -> None:
    assert DOCS.read_text(encoding="utf-8") == page, \
        "docs/ontology/index.html is stale: run python -m beleidsgraaf.ontology_docs"


def test_build_writes_the_documentation(corpus_graph: Path, page: str) -> None:
    assert (corpus_graph / "ontology.html").read_text(encoding="utf-8") == page
