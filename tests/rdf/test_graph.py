"""The built graph: evidence for every link, cross-references, continuity, validity."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from beleidsgraaf.rdf.namespaces import BG, ID
from beleidsgraaf.validate import validate_graph

DOC26 = ID["doc/neder-betuwe-2026-programmabegroting-programma-5"]
DOC24 = ID["doc/neder-betuwe-2024-programmabegroting-programma-5"]
NG22 = ID["doc/nieuwegein-2022-programmabegroting-vekob"]


@pytest.fixture(scope="module")
def graph(corpus_graph) -> Graph:
    return Graph().parse(corpus_graph / "beleidsgraaf.ttl", format="turtle")


def el(doc: URIRef, key: str) -> URIRef:
    return URIRef(f"{doc}/{key}")


def test_every_link_has_evidence_with_quote_line_and_document(graph):
    for predicate in (BG.mentionsLaw, BG.impliesLaw, BG.involves, BG.refersTo):
        for s, o in graph.subject_objects(predicate):
            evidence = [e for e in graph.subjects(RDF.subject, s)
                        if (e, RDF.predicate, predicate) in graph and (e, RDF.object, o) in graph]
            assert evidence, (s, predicate, o)
            for node in evidence:
                assert (node, RDF.type, BG.Evidence) in graph
                assert str(graph.value(node, BG.quote)).strip()
                assert int(graph.value(node, BG.line)) >= 1
                doc = graph.value(node, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
                assert (doc, RDF.type, BG.PolicyDocument) in graph


def test_evidence_line_holds_the_quote(graph, built):
    by_iri = {ID[f"doc/{d.source.path.stem.replace('_', '-')}"]: d for d in built.values()}
    for node in graph.subjects(RDF.type, BG.Evidence):
        document = by_iri[graph.value(node, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))]
        words = document.source.lines[int(graph.value(node, BG.line)) - 1].text.split()
        quote = " ".join(str(graph.value(node, BG.quote)).split())
        runs = [" ".join(words[i:i + 2]) for i in range(max(1, len(words) - 1))]
        assert any(run in quote for run in runs), (quote, words)


def test_reference_to_an_ambition_outside_the_corpus_is_external(graph):
    source = el(DOC26, "5.1.2.3")
    [target] = list(graph.objects(source, BG.refersTo))
    assert (target, BG.external, Literal(True)) in graph
    assert str(graph.value(target, BG.code)) == "3.3"
    assert str(graph.value(target, RDFS.label)) == \
        "We willen een duurzame gemeente zijn, klaar voor de toekomst"
    [target] = list(graph.objects(el(DOC26, "5.2.4.2"), BG.refersTo))
    assert str(graph.value(target, BG.code)) == "6.1.2.1"


def test_references_inside_nieuwegein_2022_resolve(graph):
    goal_targets = list(graph.objects(el(NG22, "thema-3/doel-2/activiteit-1"), BG.refersTo))
    assert [str(graph.value(t, RDFS.label)) for t in goal_targets] == [
        "Voorkomen dat jeugdigen in zware en langdurige, intensieve hulp (ver van huis) komen "
        "die vaak een grote impact heeft op het leven van kinderen en jongeren en hun "
        "ouders/verzorgers"]
    [activity] = list(graph.objects(el(NG22, "thema-3/doel-2/activiteit-2"), BG.refersTo))
    assert activity == el(NG22, "thema-1/doel-3/activiteit-3")
    assert str(graph.value(activity, RDFS.label)).startswith(
        "We geven in onze lokale communicatiekanalen aandacht aan huiselijk geweld")


def test_continued_activities_between_2024_and_2026(graph):
    pairs = [(s, o) for s, o in graph.subject_objects(BG.continues)
             if str(s).startswith(str(DOC26))]
    assert len(pairs) == 23
    assert all(str(o).startswith(str(DOC24)) for _, o in pairs)
    continued = {s for s, _ in pairs}
    assert el(DOC26, "5.1.2.2") not in continued   # new: Participatiewet en Schuldhulpverlening
    assert el(DOC26, "5.1.4.1") not in continued   # new: opvangplekken asielzoekers
    assert len({o for _, o in pairs}) == 23


def test_timing_is_kept_and_parsed(graph):
    activity = el(DOC26, "5.2.2.1")
    assert str(graph.value(activity, BG.timing)) == "2024-2026"
    assert int(graph.value(activity, BG.startYear)) == 2024
    assert int(graph.value(activity, BG.endYear)) == 2026
    assert (el(DOC26, "5.1.1.1"), BG.continuous, Literal(True)) in graph
    assert int(graph.value(el(DOC26, "5.1.2.2"), BG.startYear)) == 2025


def test_reasoning_adds_transitive_parts_and_law_dependencies(graph):
    activity, ambition = el(DOC26, "5.1.2.1"), el(DOC26, "5.1")
    assert (activity, BG.partOf, ambition) in graph
    assert (ambition, BG.hasPart, activity) in graph
    participatiewet = ID["wet/participatiewet"]
    assert (activity, BG.dependsOnLaw, participatiewet) in graph
    assert (ambition, BG.dependsOnLawThroughPart, participatiewet) in graph


def test_samples_conform_to_the_shapes(graph):
    conforms, violations = validate_graph(graph)
    assert conforms, violations[:5]


def test_a_reference_by_description_outside_the_corpus_is_external_with_its_text(tmp_path):
    from beleidsgraaf.build import run_build

    document = tmp_path / "heumen_2025_programmabegroting.txt"
    document.write_text(
        "Programma 2 Sociaal domein\n\n"
        "2.1 Inwoners doen mee\n\n"
        "Wat gaan we daarvoor doen?\n"
        "- We breiden de taalcafés uit. Zie activiteit 1 onder doel 3 van het thema "
        "Preventie.\n", encoding="utf-8")
    outcome = run_build([document], tmp_path / "out", maps=False, cache=False)
    graph = Graph().parse(tmp_path / "out" / "beleidsgraaf.ttl", format="turtle")
    [target] = {o for _, o in graph.subject_objects(BG.refersTo)}
    assert (target, BG.external, Literal(True)) in graph
    assert "doel 3 van het thema Preventie" in str(graph.value(target, RDFS.label))
    assert outcome.validation.startswith("conforms"), outcome.validation


def test_a_list_item_that_only_points_elsewhere_is_a_reference_not_an_activity(tmp_path):
    from beleidsgraaf.build import run_build

    document = tmp_path / "tiel_2024_jaarverslag.txt"
    document.write_text(
        "Doel 2: Minder inwoners met problematische schulden\n"
        "Wat hebben we gedaan?\n"
        "1. We voerden de schuldhulpverlening uit met de Kredietbank.\n"
        "2. Zie ook verschillenanalyse baten.\n", encoding="utf-8")
    run_build([document], tmp_path / "out", maps=False, cache=False, validate=False)
    graph = Graph().parse(tmp_path / "out" / "beleidsgraaf.ttl", format="turtle")
    activities = [str(graph.value(a, RDFS.label)) for a in graph.subjects(RDF.type, BG.Activity)]
    assert activities == ["We voerden de schuldhulpverlening uit met de Kredietbank"]
    [(source, target)] = list(graph.subject_objects(BG.refersTo))
    assert str(graph.value(target, RDFS.label)) == "verschillenanalyse baten"
    assert str(graph.value(source, RDFS.label)) == "Wat hebben we gedaan?"  # the section
    goal = graph.value(source, BG.directlyPartOf)
    assert str(graph.value(goal, RDFS.label)) == "Minder inwoners met problematische schulden"
