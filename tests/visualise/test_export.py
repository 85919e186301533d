"""`beleidsgraaf map KIND --format graphml|gexf|csv`: the network behind each map, for Gephi
and other tools; the files parse back with networkx / the csv module."""

from __future__ import annotations

import csv

import networkx as nx
import pytest
from rdflib import Graph

from beleidsgraaf.cli import main
from beleidsgraaf.visualise.maps import MAP_KINDS, map_network

XSS = "<img src=x onerror=alert(1)>"
TURTLE = f"""
@prefix bg: <https://w3id.org/beleidsgraaf/def#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix ex: <https://example.org/> .

ex:leudal a bg:Municipality ; skos:prefLabel "Leudal"@nl ; bg:cbsCode "GM1640" .
ex:wijchen a bg:Municipality ; skos:prefLabel "Wijchen"@nl ; bg:cbsCode "GM0296" .
ex:d1 a bg:PolicyDocument ; bg:sourceFile "leudal_2026_begroting.txt" ;
    bg:municipality ex:leudal ; bg:year 2026 .
ex:d2 a bg:PolicyDocument ; bg:sourceFile "wijchen_2025_nota.txt" ;
    bg:municipality ex:wijchen ; bg:year 2025 .
ex:a1 a bg:Activity ; rdfs:label "Armoede"@nl ; bg:code "1.1" ; bg:inDocument ex:d1 ;
    bg:involves ex:ggd, ex:zorg, ex:mee ; bg:mentionsLaw ex:pw ; bg:refersTo ex:a2, ex:ext .
ex:a2 a bg:Activity ; rdfs:label "Jeugdhulp"@nl ; bg:code "1.2" ; bg:inDocument ex:d1 ;
    bg:involves ex:ggd, ex:mee ; bg:impliesLaw ex:jw .
ex:a3 a bg:Activity ; rdfs:label "Beschermd wonen"@nl ; bg:inDocument ex:d2 ;
    bg:involves ex:ggd, ex:woon ; bg:mentionsLaw ex:pw .
ex:ext bg:external true ; bg:code "9.9" .
ex:ggd a bg:HealthService ; skos:prefLabel "GGD" .
ex:zorg a bg:CareProvider ; skos:prefLabel "Zorggroep {XSS}" .
ex:mee a bg:WelfareOrganisation ; skos:prefLabel "MEE, \\"de\\" partner" .
ex:woon a bg:HousingCorporation ; skos:prefLabel "Woonstichting" .
ex:pw a bg:Law ; skos:prefLabel "Participatiewet" .
ex:jw a bg:Law ; skos:prefLabel "Jeugdwet" .
[] a bg:Evidence ; rdf:subject ex:a1 ; rdf:predicate bg:mentionsLaw ; rdf:object ex:pw ;
   bg:quote "Op grond van de Participatiewet, regel 1;\\nen verder." ; bg:line 5 ;
   prov:wasDerivedFrom ex:d1 .
"""
# partners: GGD–MEE weight 2 (a1, a2), GGD–Zorggroep, MEE–Zorggroep, GGD–Woonstichting
PARTNER_EDGES = {("GGD", "MEE, \"de\" partner"): 2, ("GGD", f"Zorggroep {XSS}"): 1,
                 ("MEE, \"de\" partner", f"Zorggroep {XSS}"): 1, ("GGD", "Woonstichting"): 1}


@pytest.fixture()
def ttl(tmp_path):
    graph = Graph()
    graph.parse(data=TURTLE, format="turtle")
    path = tmp_path / "g.ttl"
    graph.serialize(path, format="turtle")
    return path


@pytest.fixture()
def graph():
    graph = Graph()
    graph.parse(data=TURTLE, format="turtle")
    return graph


def _run(capsys, *args: str) -> str:
    assert main(["map", *args]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("kind", MAP_KINDS)
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports_parse_back(ttl, graph, tmp_path, capsys, kind, fmt):
    out = tmp_path / f"{kind}.{fmt}"
    printed = _run(capsys, kind, "--graph", str(ttl), "--format", fmt, "--out", str(out))
    expected = map_network(kind, graph)
    assert f"wrote {out} ({len(expected)} nodes)" in printed
    back = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert set(back) == set(expected)
    assert back.number_of_edges() == expected.number_of_edges()
    assert back.is_directed() == expected.is_directed()
    for node in expected:
        assert back.nodes[node]["label"] == expected.nodes[node]["label"]
    if kind == "partners":
        labels = {n: a["label"] for n, a in back.nodes(data=True)}
        weights = {tuple(sorted((labels[u], labels[v]))): int(a["weight"])
                   for u, v, a in back.edges(data=True)}
        assert weights == PARTNER_EDGES
        assert "Zorggroep " + XSS in labels.values()  # data, kept exactly (XML-escaped)


def test_csv_edge_list(ttl, tmp_path, capsys):
    out = tmp_path / "partners.csv"
    _run(capsys, "partners", "--graph", str(ttl), "--format", "csv", "--out", str(out))
    with out.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0]) == ["source", "source_label", "target", "target_label", "elements",
                             "weight"]
    found = {tuple(sorted((r["source_label"], r["target_label"]))): int(r["weight"])
             for r in rows}
    assert found == PARTNER_EDGES
    both = next(r for r in rows if {r["source_label"], r["target_label"]} ==
                {"GGD", "MEE, \"de\" partner"})
    assert both["elements"] == "Armoede; Jeugdhulp"


def test_csv_of_laws_keeps_the_evidence(ttl, tmp_path, capsys):
    out = tmp_path / "laws.csv"
    _run(capsys, "laws", "--graph", str(ttl), "--format", "csv", "--out", str(out))
    with out.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert {"source", "source_label", "target", "target_label", "relation", "quote", "line",
            "document"} <= set(rows[0])
    assert len(rows) == 3
    quoted = next(r for r in rows if r["quote"])
    assert quoted["quote"] == "Op grond van de Participatiewet, regel 1; en verder."
    assert (quoted["line"], quoted["document"], quoted["relation"]) == (
        "5", "leudal_2026_begroting.txt", "mentionsLaw")
    assert sorted(r["relation"] for r in rows) == ["impliesLaw", "mentionsLaw", "mentionsLaw"]


def test_references_csv_is_directed(ttl, tmp_path, capsys):
    out = tmp_path / "references.csv"
    _run(capsys, "references", "--graph", str(ttl), "--format", "csv", "--out", str(out))
    with out.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert sorted((r["source_label"], r["target_label"]) for r in rows) == [
        ("Armoede", "9.9"), ("Armoede", "Jeugdhulp")]


def test_default_output_and_municipality(ttl, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _run(capsys, "partners", "--graph", str(ttl), "--format", "graphml",
         "--municipality", "Wijchen")
    back = nx.read_graphml(tmp_path / "graph" / "maps" / "partners.graphml")
    assert sorted(a["label"] for _, a in back.nodes(data=True)) == ["GGD", "Woonstichting"]
    _run(capsys, "laws", "--graph", str(ttl))  # html stays the default
    page = (tmp_path / "graph" / "maps" / "laws.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")


def test_unknown_format_is_a_usage_error(ttl, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["map", "partners", "--graph", str(ttl), "--format", "pdf"])
    assert stopped.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
