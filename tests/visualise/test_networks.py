"""Network construction on a small hand-made graph with known degrees, weights, communities."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pytest
from rdflib import Graph

from beleidsgraaf.visualise.networks import (
    UnknownMunicipality,
    bridging_organisations,
    centrality,
    communities,
    components,
    documents,
    export_network,
    involvement_network,
    law_network,
    partner_network,
    reference_network,
    resolve_municipality,
)

XSS = "<img src=x onerror=alert(1)>"

# Two municipalities. Leudal: activities a1 (GGD, MEE, Zorggroep), a2 (GGD, MEE),
# a3 (Politie, Woonstichting); Wijchen: a4 (GGD, Woonstichting).
TURTLE = """
@prefix bg: <https://w3id.org/beleidsgraaf/def#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/beleidsgraaf/id/> .

id:gemeente\\/GM1640 a bg:Municipality, bg:GovernmentBody, bg:Organisation ;
    skos:prefLabel "Leudal"@nl ; bg:cbsCode "GM1640" .
id:gemeente\\/GM0296 a bg:Municipality ; skos:prefLabel "Wijchen"@nl ; bg:cbsCode "GM0296" .

id:doc\\/leudal a bg:PolicyDocument ; bg:sourceFile "leudal_2026_begroting.txt" ;
    bg:municipality id:gemeente\\/GM1640 ; bg:year 2026 .
id:doc\\/wijchen a bg:PolicyDocument ; bg:sourceFile "wijchen_2025_nota.txt" ;
    bg:municipality id:gemeente\\/GM0296 ; bg:year 2025 .

id:doc\\/leudal\\/5 a bg:Programme, bg:PolicyElement ; rdfs:label "Sociaal domein"@nl ;
    bg:code "5" ; bg:inDocument id:doc\\/leudal .
id:doc\\/leudal\\/5.1 a bg:Ambition ; rdfs:label "Iedereen doet mee"@nl ; bg:code "5.1" ;
    bg:inDocument id:doc\\/leudal ; bg:directlyPartOf id:doc\\/leudal\\/5 .
id:doc\\/leudal\\/5.1.1 a bg:Goal ; rdfs:label "Minder armoede"@nl ; bg:code "5.1.1" ;
    bg:inDocument id:doc\\/leudal ; bg:directlyPartOf id:doc\\/leudal\\/5.1 .
id:doc\\/leudal\\/5.1.1.1 a bg:Activity ; rdfs:label "Armoedebestrijding"@nl ;
    bg:code "5.1.1.1" ; bg:inDocument id:doc\\/leudal ;
    bg:directlyPartOf id:doc\\/leudal\\/5.1.1 ;
    bg:involves id:organisatie\\/ggd, id:organisatie\\/mee, id:organisatie\\/zorg ;
    bg:mentionsLaw id:wet\\/pw .
id:doc\\/leudal\\/5.1.1.2 a bg:Activity ; rdfs:label "Jeugdhulp inkopen"@nl ;
    bg:code "5.1.1.2" ; bg:inDocument id:doc\\/leudal ;
    bg:directlyPartOf id:doc\\/leudal\\/5.1.1 ;
    bg:involves id:organisatie\\/ggd, id:organisatie\\/mee ;
    bg:mentionsLaw id:wet\\/jw ; bg:impliesLaw id:wet\\/jw .
id:doc\\/leudal\\/5.1.1.3 a bg:Activity ; rdfs:label "Wijkveiligheid"@nl ;
    bg:code "5.1.1.3" ; bg:inDocument id:doc\\/leudal ;
    bg:directlyPartOf id:doc\\/leudal\\/5.1.1 ;
    bg:involves id:organisatie\\/politie, id:organisatie\\/woon ;
    bg:refersTo id:doc\\/leudal\\/5.1.1, id:extern\\/GM1640\\/2026\\/5.2.3 .
id:extern\\/GM1640\\/2026\\/5.2.3 a bg:PolicyElement ; bg:external true ; bg:code "5.2.3" .
id:doc\\/wijchen\\/a4 a bg:Activity ; rdfs:label "Beschermd wonen"@nl ;
    bg:inDocument id:doc\\/wijchen ;
    bg:involves id:organisatie\\/ggd, id:organisatie\\/woon ;
    bg:impliesLaw id:wet\\/wmo ; bg:refersTo id:doc\\/leudal\\/5.1 .

id:organisatie\\/ggd a bg:HealthService, bg:Organisation ;
    skos:prefLabel "Gemeentelijke Gezondheidsdienst Limburg-Noord" ;
    skos:altLabel "GGD Limburg-Noord", "GGD" .
id:organisatie\\/mee a bg:WelfareOrganisation ; skos:prefLabel "MEE" .
id:organisatie\\/zorg a bg:CareProvider ; skos:prefLabel "Zorggroep <img src=x onerror=alert(1)>" .
id:organisatie\\/politie a bg:PoliceJustice ; skos:prefLabel "Politie" .
id:organisatie\\/woon a bg:HousingCorporation ; skos:prefLabel "Woonstichting" .

id:wet\\/pw a bg:Law ; skos:prefLabel "Participatiewet" .
id:wet\\/jw a bg:Law ; skos:prefLabel "Jeugdwet" .
id:wet\\/wmo a bg:Law ; skos:prefLabel "Wet maatschappelijke ondersteuning 2015" ;
    skos:altLabel "Wmo 2015" .

[] a bg:Evidence ; rdf:subject id:doc\\/leudal\\/5.1.1.1 ; rdf:predicate bg:involves ;
   rdf:object id:organisatie\\/zorg ; bg:quote "Samen met de Zorggroep </script> doen we dit." ;
   bg:line 12 ; prov:wasDerivedFrom id:doc\\/leudal .
[] a bg:Evidence ; rdf:subject id:doc\\/leudal\\/5.1.1.1 ; rdf:predicate bg:mentionsLaw ;
   rdf:object id:wet\\/pw ; bg:quote "Wij voeren de Participatiewet uit." ;
   bg:line 10 ; prov:wasDerivedFrom id:doc\\/leudal .
[] a bg:Evidence ; rdf:subject id:doc\\/leudal\\/5.1.1.2 ; rdf:predicate bg:mentionsLaw ;
   rdf:object id:wet\\/jw ; bg:quote "De Jeugdwet vraagt dit." ;
   bg:line 20 ; prov:wasDerivedFrom id:doc\\/leudal .
[] a bg:Evidence ; rdf:subject id:doc\\/leudal\\/5.1.1.2 ; rdf:predicate bg:impliesLaw ;
   rdf:object id:wet\\/jw ; bg:quote "Wij kopen jeugdhulp in." ;
   bg:line 19 ; prov:wasDerivedFrom id:doc\\/leudal .
[] a bg:Evidence ; rdf:subject id:doc\\/wijchen\\/a4 ; rdf:predicate bg:impliesLaw ;
   rdf:object id:wet\\/wmo ; bg:quote "Beschermd wonen blijft regionaal." ;
   bg:line 3 ; prov:wasDerivedFrom id:doc\\/wijchen .
[] a bg:Evidence ; rdf:subject id:doc\\/leudal\\/5.1.1.3 ; rdf:predicate bg:refersTo ;
   rdf:object id:extern\\/GM1640\\/2026\\/5.2.3 ; bg:quote "Zie ook 5.2.3." ;
   bg:line 30 ; prov:wasDerivedFrom id:doc\\/leudal .
"""

ID = "https://w3id.org/beleidsgraaf/id/"
GGD, MEE, ZORG = ID + "organisatie/ggd", ID + "organisatie/mee", ID + "organisatie/zorg"
POLITIE, WOON = ID + "organisatie/politie", ID + "organisatie/woon"
PW, JW, WMO = ID + "wet/pw", ID + "wet/jw", ID + "wet/wmo"
A1, A2, A3 = (ID + f"doc/leudal/5.1.1.{i}" for i in (1, 2, 3))
A4 = ID + "doc/wijchen/a4"
GOAL, AMBITION = ID + "doc/leudal/5.1.1", ID + "doc/leudal/5.1"
EXTERNAL = ID + "extern/GM1640/2026/5.2.3"


@pytest.fixture(scope="module")
def graph() -> Graph:
    g = Graph()
    g.parse(data=TURTLE, format="turtle")
    return g


def test_documents_and_municipality_filter(graph):
    assert [d.source_file for d in documents(graph).values()] == [
        "leudal_2026_begroting.txt", "wijchen_2025_nota.txt"]
    leudal = documents(graph, "leudal")
    assert [(d.municipality, d.cbs_code, d.year) for d in leudal.values()] == [
        ("Leudal", "GM1640", 2026)]
    assert list(documents(graph, "GM0296")) == list(documents(graph, "  WIJCHEN "))
    assert list(documents(graph, "296")) == list(documents(graph, "Wijchen"))


def test_unknown_municipality_is_an_error_not_an_injection(graph):
    with pytest.raises(UnknownMunicipality, match="Leudal"):
        resolve_municipality(graph, 'x") } UNION { ?m ?p ?o } #')
    with pytest.raises(UnknownMunicipality):
        partner_network(graph, "Amsterdam")


def test_partner_network_degrees_weights_and_elements(graph):
    g = partner_network(graph)
    assert sorted(g) == sorted([GGD, MEE, ZORG, POLITIE, WOON])
    assert dict(g.degree()) == {GGD: 3, MEE: 2, ZORG: 2, POLITIE: 1, WOON: 2}
    assert g[GGD][MEE]["weight"] == 2
    assert g[GGD][MEE]["elements"] == ["Armoedebestrijding", "Jeugdhulp inkopen"]
    assert g[GGD][WOON]["weight"] == 1
    assert g[GGD][WOON]["details"] == [{"label": "Beschermd wonen", "code": "",
                                        "kind": "Activity",
                                        "document": "wijchen_2025_nota.txt"}]
    assert g.number_of_edges() == 5


def test_partner_node_attributes(graph):
    g = partner_network(graph)
    ggd = g.nodes[GGD]
    assert ggd["label"] == "Gemeentelijke Gezondheidsdienst Limburg-Noord"
    assert ggd["short"] == "GGD Limburg-Noord"  # long name → shortest usable alternative
    assert ggd["type"] == "HealthService"
    assert ggd["municipalities"] == ["Leudal", "Wijchen"]
    assert ggd["programmes"] == ["Sociaal domein"]
    assert ggd["documents"] == ["leudal_2026_begroting.txt", "wijchen_2025_nota.txt"]
    zorg = g.nodes[ZORG]
    assert zorg["label"] == "Zorggroep <img src=x onerror=alert(1)>"
    assert zorg["details"][0]["quote"] == "Samen met de Zorggroep </script> doen we dit."
    assert zorg["details"][0]["line"] == 12


def test_partner_network_per_municipality(graph):
    leudal = partner_network(graph, "Leudal")
    assert sorted(leudal) == sorted([GGD, MEE, ZORG, POLITIE, WOON])
    assert not leudal.has_edge(GGD, WOON)
    assert leudal.nodes[GGD]["municipalities"] == ["Leudal"]
    wijchen = partner_network(graph, "gm0296")
    assert sorted(wijchen) == sorted([GGD, WOON])
    assert list(wijchen.edges(data="weight")) == [(GGD, WOON, 1)]


def test_centrality_and_communities(graph):
    g = partner_network(graph)
    measures = centrality(g)
    assert measures[GGD]["degree"] == pytest.approx(3 / 4)
    assert measures[POLITIE]["degree"] == pytest.approx(1 / 4)
    # GGD is the only bridge between the Leudal triangle and Woonstichting/Politie.
    assert max(measures, key=lambda n: measures[n]["betweenness"]) == GGD
    assert measures[MEE]["betweenness"] == 0
    groups = communities(partner_network(graph, "Leudal"))
    assert groups == [sorted([GGD, MEE, ZORG]), sorted([POLITIE, WOON])]
    assert communities(partner_network(graph, "Leudal"), method="greedy") == groups
    assert communities(g) == communities(partner_network(graph))  # deterministic
    assert components(partner_network(graph, "Leudal")) == groups
    assert bridging_organisations(g) == [(GGD, ["Leudal", "Wijchen"]),
                                         (WOON, ["Leudal", "Wijchen"])]


def test_same_graph_same_network(graph):
    first, second = partner_network(graph), partner_network(graph)
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert list(first.edges(data=True)) == list(second.edges(data=True))


def test_law_network_is_bipartite_with_evidence(graph):
    g = law_network(graph)
    assert nx.is_bipartite(g)
    assert {n for n, b in g.nodes(data="bipartite") if b == 1} == {PW, JW, WMO}
    assert {n for n, b in g.nodes(data="bipartite") if b == 0} == {A1, A2, A4}
    assert g[A1][PW]["quote"] == "Wij voeren de Participatiewet uit."
    assert g[A1][PW]["relation"] == "mentionsLaw"
    both = g[A2][JW]
    assert both["relations"] == ["mentionsLaw", "impliesLaw"]
    assert [q["line"] for q in both["quotes"]] == [19, 20]
    assert g[A4][WMO]["relation"] == "impliesLaw"
    assert g.nodes[WMO]["short"] == "Wmo 2015"
    assert g.nodes[A1]["kind"] == "Activity"
    assert g.nodes[JW]["municipalities"] == ["Leudal"]
    assert sorted(law_network(graph, "Wijchen")) == sorted([A4, WMO])


def test_involvement_network_is_bipartite(graph):
    g = involvement_network(graph, "Leudal")
    assert nx.is_bipartite(g)
    assert g.number_of_edges() == 7
    assert g[A1][ZORG]["line"] == 12


def test_reference_network_directed_with_external_targets(graph):
    g = reference_network(graph)
    assert g.is_directed()
    assert set(g.edges()) == {(A3, GOAL), (A3, EXTERNAL), (A4, AMBITION)}
    assert g.nodes[EXTERNAL]["kind"] == "External"
    assert g.nodes[EXTERNAL]["external"] is True
    assert g.nodes[EXTERNAL]["short"] == "5.2.3"
    assert g.nodes[EXTERNAL]["municipalities"] == ["Leudal"]
    assert g[A3][EXTERNAL]["quote"] == "Zie ook 5.2.3."
    assert g.nodes[GOAL]["kind"] == "Goal"
    # Wijchen's activity refers to a Leudal ambition: the target is kept.
    wijchen = reference_network(graph, "Wijchen")
    assert list(wijchen.edges()) == [(A4, AMBITION)]
    assert wijchen.nodes[AMBITION]["document"] == "leudal_2026_begroting.txt"


def test_exports(graph):
    g = partner_network(graph)
    rows = list(csv.reader(io.StringIO(export_network(g, "csv"))))
    assert rows[0][:4] == ["source", "source_label", "target", "target_label"]
    assert len(rows) == 1 + g.number_of_edges()
    graphml = export_network(g, "graphml")
    assert nx.parse_graphml(graphml).number_of_nodes() == 5
    assert "<gexf" in export_network(g, "gexf")
    assert export_network(g, "graphml") == graphml
    with pytest.raises(ValueError):
        export_network(g, "pdf")


def test_empty_graph():
    empty = Graph()
    assert partner_network(empty).number_of_nodes() == 0
    assert communities(partner_network(empty)) == []
    assert centrality(partner_network(empty)) == {}
