"""The HTML maps: self-contained (no CDN), escaped, deterministic, filterable."""

from __future__ import annotations

import json
import re

import pytest
from rdflib import Graph

from beleidsgraaf.visualise import maps
from beleidsgraaf.visualise.maps import MAP_KINDS, json_for_script, render_map
from beleidsgraaf.visualise.networks import UnknownMunicipality

XSS = "<img src=x onerror=alert(1)>"

# Leudal: a1 (GGD, Zorggroep <img…>) and a2 (GGD, MEE) with laws and a reference;
# Wijchen: a3 (GGD, Woonstichting). The markup-in-a-name case is in an organisation, a law,
# an element label, an evidence quote and a source file name.
TURTLE = """
@prefix bg: <https://w3id.org/beleidsgraaf/def#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix ex: <https://example.org/> .

ex:leudal a bg:Municipality ; skos:prefLabel "Leudal"@nl ; bg:cbsCode "GM1640" .
ex:wijchen a bg:Municipality ; skos:prefLabel "Wijchen"@nl ; bg:cbsCode "GM0296" .
ex:d1 a bg:PolicyDocument ; bg:sourceFile "leudal_2026_<img src=x onerror=alert(1)>.txt" ;
    bg:municipality ex:leudal ; bg:year 2026 .
ex:d2 a bg:PolicyDocument ; bg:sourceFile "wijchen_2025_nota.txt" ;
    bg:municipality ex:wijchen ; bg:year 2025 .

ex:a1 a bg:Activity ; rdfs:label "Armoede <img src=x onerror=alert(1)>"@nl ; bg:code "1.1" ;
    bg:inDocument ex:d1 ; bg:involves ex:ggd, ex:zorg ; bg:mentionsLaw ex:pw ;
    bg:refersTo ex:a2, ex:ext .
ex:a2 a bg:Activity ; rdfs:label "Jeugdhulp"@nl ; bg:code "1.2" ; bg:inDocument ex:d1 ;
    bg:involves ex:ggd, ex:mee ; bg:impliesLaw ex:xlaw .
ex:a3 a bg:Activity ; rdfs:label "Beschermd wonen"@nl ; bg:inDocument ex:d2 ;
    bg:involves ex:ggd, ex:woon ; bg:impliesLaw ex:pw .
ex:ext bg:external true ; bg:code "9.9" .

ex:ggd a bg:HealthService ; skos:prefLabel "GGD" .
ex:zorg a bg:CareProvider ; skos:prefLabel "Zorggroep <img src=x onerror=alert(1)>" .
ex:mee a bg:WelfareOrganisation ; skos:prefLabel "MEE" .
ex:woon a bg:HousingCorporation ; skos:prefLabel "Woonstichting" .
ex:pw a bg:Law ; skos:prefLabel "Participatiewet" .
ex:xlaw a bg:Law ; skos:prefLabel "Wet <img src=x onerror=alert(1)>" .

[] a bg:Evidence ; rdf:subject ex:a1 ; rdf:predicate bg:involves ; rdf:object ex:zorg ;
   bg:quote "Met </script><img src=x onerror=alert(1)> samen." ; bg:line 4 ;
   prov:wasDerivedFrom ex:d1 .
[] a bg:Evidence ; rdf:subject ex:a1 ; rdf:predicate bg:mentionsLaw ; rdf:object ex:pw ;
   bg:quote "De Participatiewet & de <b>bijstand</b>." ; bg:line 5 ;
   prov:wasDerivedFrom ex:d1 .
"""


@pytest.fixture(scope="module")
def graph() -> Graph:
    g = Graph()
    g.parse(data=TURTLE, format="turtle")
    return g


@pytest.fixture(scope="module")
def pages(graph) -> dict[str, tuple[str, int]]:
    return {kind: render_map(kind, graph) for kind in MAP_KINDS}


def _data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page,
                      re.S)
    assert match
    return json.loads(match.group(1))


def _scripts(page: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>(.*?)</script>", page, re.S)


def test_node_counts(pages):
    assert pages["partners"][1] == 4
    assert pages["laws"][1] == 5  # a1, a2, a3 + two laws
    assert pages["references"][1] == 3  # a1 → a2, a1 → external
    for page, count in pages.values():
        assert len(_data(page)["nodes"]) == count


@pytest.mark.parametrize("kind", MAP_KINDS)
def test_self_contained(pages, kind):
    page = pages[kind][0]
    # No external scripts, styles, images or frames at all.
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=", page, re.I)
    assert not re.search(r"""\b(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert not re.search(r"@import", page)
    # vis-network JavaScript and CSS are inline.
    assert "vis-network" in page and "vis.Network" in page
    assert re.search(r"\.vis-network\b", page)  # the stylesheet
    assert max(len(s) for s in _scripts(page)) > 100_000
    assert "stabilizationIterationsDone" in page and "physics: false" in page
    # No Bootstrap / Tom Select from pyvis's template.
    assert "bootstrap" not in page.lower() and "tom-select" not in page.lower()


@pytest.mark.parametrize("kind", MAP_KINDS)
def test_markup_in_names_stays_text(pages, kind):
    page = pages[kind][0]
    assert XSS not in page
    assert "<img" not in page
    assert "<b>bijstand" not in page
    # exactly the vis-network script, the JSON data and our script: the quote did not end one
    assert page.count("</script>") == 3
    data = _data(page)
    titles = [item.get("title", "") for item in data["nodes"] + data["edges"]]
    assert all(isinstance(t, str) for t in titles)  # plain-string tooltips, shown as text
    # the HTML around the map escapes the source file name
    assert "leudal_2026_&lt;img src=x onerror=alert(1)&gt;.txt" in page


def test_markup_survives_as_data(pages):
    data = _data(pages["partners"][0])
    titles = "\n".join(n["title"] for n in data["nodes"])
    assert "Zorggroep " + XSS in titles
    assert "Met </script>" + XSS + " samen." in titles
    data = _data(pages["laws"][0])
    assert any(e["title"].endswith("(leudal_2026_" + XSS + ".txt, regel 5)")
               for e in data["edges"])
    assert "De Participatiewet & de <b>bijstand</b>." in "".join(e["title"]
                                                               for e in data["edges"])


def test_json_for_script():
    text = json_for_script({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


@pytest.mark.parametrize("kind", MAP_KINDS)
def test_deterministic(graph, pages, kind):
    assert render_map(kind, graph) == pages[kind]
    again = Graph()
    again.parse(data=TURTLE, format="turtle")  # new blank nodes, same content
    assert render_map(kind, again) == pages[kind]


def test_page_content(pages):
    page = pages["partners"][0]
    assert "<title>Samenwerkingsnetwerk — alle gemeenten</title>" in page
    assert "wijchen_2025_nota.txt (Wijchen, 2025)" in page
    assert '<option value="Leudal">Leudal</option>' in page
    assert '<option value="HealthService">gezondheidsdienst</option>' in page
    assert "zorgaanbieder (1)" in page  # legend
    data = _data(page)
    ggd = next(n for n in data["nodes"] if n["label"] == "GGD")
    mee = next(n for n in data["nodes"] if n["label"] == "MEE")
    assert ggd["size"] > mee["size"]  # size by degree centrality
    assert ggd["m"] == ["Leudal", "Wijchen"]
    assert ggd["color"]["background"] == maps.ORGANISATION_COLOURS["HealthService"]
    assert all(len(n["label"]) <= 28 for n in data["nodes"])  # short labels
    assert "Armoede" in ggd["title"] and "(regel" not in ggd["title"]
    laws = _data(pages["laws"][0])
    assert sorted(e["dashes"] for e in laws["edges"]) == [False, True, True]
    refs = _data(pages["references"][0])
    assert all(e["arrows"] == "to" for e in refs["edges"])
    assert "Niet gevonden" in next(n["title"] for n in refs["nodes"] if n["label"] == "9.9")


def test_municipality_filter(graph):
    page, count = render_map("partners", graph, "wijchen")
    assert count == 2
    assert "<title>Samenwerkingsnetwerk — Wijchen</title>" in page
    assert "leudal_2026" not in page
    assert [n["label"] for n in _data(page)["nodes"]] == ["GGD", "Woonstichting"]
    assert render_map("laws", graph, "GM0296")[1] == 2
    assert render_map("references", graph, "GM0296")[1] == 0
    with pytest.raises(UnknownMunicipality):
        render_map("partners", graph, "Atlantis")
    with pytest.raises(ValueError):
        render_map("people", graph)


def test_empty_map():
    page, count = render_map("references", Graph())
    assert count == 0
    assert "Geen verwijzingen gevonden" in page
    assert _data(page)["nodes"] == []


def test_large_map_is_laid_out_and_pruned(monkeypatch):
    monkeypatch.setattr(maps, "LARGE", 10)
    monkeypatch.setattr(maps, "PRESEED", 10)
    monkeypatch.setattr(maps, "MAX_EDGES", 15)
    lines = ["@prefix bg: <https://w3id.org/beleidsgraaf/def#> .",
             "@prefix ex: <https://example.org/> .",
             "ex:d a bg:PolicyDocument ; bg:sourceFile \"groot.txt\" ."]
    # 8 elements, each with 6 of 12 organisations: 12 nodes, many weighted edges.
    for e in range(8):
        orgs = ", ".join(f"ex:o{(e + k) % 12}" for k in range(6))
        lines.append(f"ex:e{e} bg:inDocument ex:d ; bg:involves {orgs} .")
    lines += [f'ex:o{i} a bg:CareProvider ; <http://www.w3.org/2004/02/skos/core#prefLabel> '
              f'"Org {i}" .' for i in range(12)]
    graph = Graph()
    graph.parse(data="\n".join(lines), format="turtle")
    page, count = render_map("partners", graph)
    data = _data(page)
    assert count == 12
    assert len(data["edges"]) == 15
    assert data["options"]["physics"] is False
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert "zwakkere verbindingen zijn weggelaten" in page
    # every node keeps at least one edge; the strongest edges are kept
    assert {e["from"] for e in data["edges"]} | {e["to"] for e in data["edges"]} == set(
        range(12))
    assert max(e["weight"] for e in data["edges"]) == 5
    assert render_map("partners", graph) == (page, count)
    # medium maps: physics starts from the computed positions, then settles and stops
    monkeypatch.setattr(maps, "LARGE", 100)
    data = _data(render_map("partners", graph)[0])
    assert data["options"]["physics"]["enabled"] is True
    assert all("x" in n for n in data["nodes"])
    assert "Groot netwerk" not in render_map("partners", graph)[0]


def test_write_map(tmp_path, graph):
    pytest.importorskip("beleidsgraaf.output.writer")
    source = tmp_path / "g.ttl"
    graph.serialize(source, format="turtle")
    out = tmp_path / "maps" / "partners.html"
    assert maps.write_map("partners", source, out, municipality="Leudal") == 3
    assert out.read_text(encoding="utf-8") == render_map("partners", graph, "Leudal")[0]
    assert [p.name for p in out.parent.iterdir()] == ["partners.html"]


def test_labels_and_loose_nodes(graph):
    # partners: every label large enough to read, hubs larger; the laws map emphasises laws
    partners = _data(render_map("partners", graph)[0])
    sizes = {n["label"]: n["font"]["size"] for n in partners["nodes"]}
    assert sizes["GGD"] > sizes["MEE"] >= maps.FONT_SIZE
    laws = _data(render_map("laws", graph)[0])
    for node in laws["nodes"]:
        expected = maps.FONT_SIZE_EMPHASIS if node["category"] == "Law" else maps.FONT_SIZE_MINOR
        assert node["font"]["size"] >= expected
    assert laws["options"]["nodes"]["scaling"]["label"]["drawThreshold"] == maps.LABEL_THRESHOLD
    # nodes without edges take no part in the physics and are parked in legend order
    lines = ["@prefix bg: <https://w3id.org/beleidsgraaf/def#> .",
             "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
             "@prefix ex: <https://example.org/> .",
             'ex:d a bg:PolicyDocument ; bg:sourceFile "d.txt" .',
             "ex:e1 bg:inDocument ex:d ; bg:involves ex:a, ex:b .",
             "ex:e2 bg:inDocument ex:d ; bg:involves ex:z .",
             "ex:e3 bg:inDocument ex:d ; bg:involves ex:y .",
             'ex:a a bg:CareProvider ; skos:prefLabel "A" .',
             'ex:b a bg:CareProvider ; skos:prefLabel "B" .',
             'ex:z a bg:Municipality ; skos:prefLabel "Zeist" .',
             'ex:y a bg:CareProvider ; skos:prefLabel "Yeph" .']
    loose = Graph()
    loose.parse(data="\n".join(lines), format="turtle")
    page = render_map("partners", loose)[0]
    data = _data(page)
    parked = sorted((n["park"], n["label"]) for n in data["nodes"] if "park" in n)
    assert parked == [(0, "Zeist"), (1, "Yeph")]  # gemeente before zorgaanbieder
    assert all(n["physics"] is False for n in data["nodes"] if "park" in n)
    assert all("physics" not in n for n in data["nodes"] if n["label"] in ("A", "B"))
    assert data["loose"] == maps.LOOSE["partners"]


def test_render_network_is_render_map(graph):
    from beleidsgraaf.visualise.networks import documents

    for kind in MAP_KINDS:
        network = maps.map_network(kind, graph)
        assert maps.render_network(kind, network, documents(graph)) == render_map(kind, graph)
    with pytest.raises(ValueError):
        maps.map_network("people", graph)


def test_write_map_exports(tmp_path, graph):
    pytest.importorskip("beleidsgraaf.output.writer")
    import networkx as nx

    source = tmp_path / "g.ttl"
    graph.serialize(source, format="turtle")
    out = tmp_path / "laws.graphml"
    assert maps.write_map("laws", source, out, fmt="graphml") == 5
    assert len(nx.read_graphml(out)) == 5
    with pytest.raises(ValueError):
        maps.write_map("laws", source, tmp_path / "x.pdf", fmt="pdf")
