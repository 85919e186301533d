"""The maps in a real headless browser (Debian chromium + chromedriver, via selenium).

Every page is opened from disk with outside requests blocked (no host name resolves, http(s)
and ws(s) are blocked through the DevTools protocol) and checked to have asked for nothing
outside ``file:``; it must draw a canvas with as many nodes as the networkx network behind it.
Markup in document text must stay text on load and on hover: no ``<img>`` (or other) element
appears and ``alert`` — replaced by a recorder before any page script runs — is never called.
Skipped with the reason when chromium, chromedriver or selenium are not installed.
"""

from __future__ import annotations

import json
import re
import time

import pytest
from rdflib import Graph

from beleidsgraaf.query import load_graph
from beleidsgraaf.visualise import maps
from beleidsgraaf.visualise.maps import MAP_KINDS, map_network, render_map, render_network
from beleidsgraaf.visualise.networks import documents, partner_network

XSS = "<img src=x onerror=alert(1)>"
HREF = '<a href="javascript:alert(2)">klik</a>'
HREF_TTL = HREF.replace('"', '\\"')  # in a Turtle string

# A small hand-made graph with markup in an organisation's name (and in every other piece of
# document text that reaches a map: a law, element labels, evidence quotes, a source file name,
# a municipality name). One organisation name contains "href", which switches pyvis 0.3.2's
# template to innerHTML tooltips.
TURTLE = f"""
@prefix bg: <https://w3id.org/beleidsgraaf/def#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix ex: <https://example.org/> .

ex:leudal a bg:Municipality ; skos:prefLabel "Leudal {XSS}"@nl ; bg:cbsCode "GM1640" .
ex:d1 a bg:PolicyDocument ; bg:sourceFile "leudal_2026_{XSS}.txt" ;
    bg:municipality ex:leudal ; bg:year 2026 .

ex:a1 a bg:Activity ; rdfs:label "Armoede {XSS}"@nl ; bg:code "1.1" ; bg:inDocument ex:d1 ;
    bg:involves ex:ggd, ex:zorg, ex:href ; bg:mentionsLaw ex:xlaw ; bg:refersTo ex:a2 .
ex:a2 a bg:Activity ; rdfs:label "Jeugdhulp"@nl ; bg:code "1.2" ; bg:inDocument ex:d1 ;
    bg:involves ex:ggd, ex:zorg .

ex:ggd a bg:HealthService ; skos:prefLabel "GGD" .
ex:zorg a bg:CareProvider ; skos:prefLabel "{XSS}" .
ex:href a bg:WelfareOrganisation ; skos:prefLabel "{HREF_TTL}" .
ex:xlaw a bg:Law ; skos:prefLabel "Wet {XSS}" .

[] a bg:Evidence ; rdf:subject ex:a1 ; rdf:predicate bg:involves ; rdf:object ex:zorg ;
   bg:quote "Samen met </script>{XSS} en {HREF_TTL}." ; bg:line 4 ;
   prov:wasDerivedFrom ex:d1 .
[] a bg:Evidence ; rdf:subject ex:a1 ; rdf:predicate bg:mentionsLaw ; rdf:object ex:xlaw ;
   bg:quote "Op grond van de Wet {XSS}." ; bg:line 5 ; prov:wasDerivedFrom ex:d1 .
[] a bg:Evidence ; rdf:subject ex:a1 ; rdf:predicate bg:refersTo ; rdf:object ex:a2 ;
   bg:quote "Zie {XSS} onder 1.2." ; bg:line 6 ; prov:wasDerivedFrom ex:d1 .
"""


def _flat(text: str) -> str:
    """Text without whitespace (the tooltip turns line breaks into <br>, which textContent
    drops)."""
    return "".join(text.split())


def _assert_nothing_ran(browser) -> None:
    assert browser.alerts() == []
    assert browser.inserted() == []
    assert browser.element_count("img, iframe, object, embed, svg, a[href]") == 0
    assert browser.outside_requests() == []


# ---------------------------------------------------------------------------------------------
# The three maps of the bundled samples
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", MAP_KINDS)
def test_sample_map_opens_offline_and_draws_every_node(browser, built_maps, screenshots, kind):
    page = built_maps / "maps" / f"{kind}.html"
    network = map_network(kind, load_graph(built_maps / "beleidsgraaf.ttl"))
    assert len(network) > 0

    seconds = browser.open(page)
    state = browser.state()
    assert state.drawn and state.stabilized
    assert state.canvas[0] > 400 and state.canvas[1] > 300  # a canvas that fills the page
    assert state.ink > 1000  # and something is drawn on it
    assert state.node_count == state.dataset_nodes == state.drawn_nodes == len(network)
    assert state.edge_count == network.number_of_edges()
    assert browser.outside_requests() == []
    assert browser.alerts() == [] and browser.inserted() == []
    title = browser.js("return document.getElementById('title').textContent")
    assert title == f"{maps.TITLES[kind]} — alle gemeenten"
    assert browser.js("return document.querySelectorAll('#legend li').length") >= 2
    shot = browser.screenshot(screenshots / f"{kind}.png")
    assert shot.stat().st_size > 20_000
    print(f"\n{kind}: {len(network)} nodes, drawn and settled in {seconds:.1f} s; "
          f"screenshot {shot}")


def test_sample_partner_map_filters_by_municipality(browser, built_maps):
    graph = load_graph(built_maps / "beleidsgraaf.ttl")
    wijchen = partner_network(graph, "Wijchen")
    browser.open(built_maps / "maps" / "partners.html")
    total = browser.state().node_count
    shown = browser.js("""
      var select = document.getElementById("filter-municipality");
      select.value = "Wijchen";
      select.dispatchEvent(new Event("change"));
      return window.beleidsgraaf.network.body.nodeIndices.length;
    """)
    assert shown == len(wijchen) < total
    status = browser.js("return document.getElementById('status').textContent")
    assert status == f"{len(wijchen)} van {total} knooppunten zichtbaar"


# ---------------------------------------------------------------------------------------------
# Markup in names stays text, on load and on hover
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def markup_graph() -> Graph:
    graph = Graph()
    graph.parse(data=TURTLE, format="turtle")
    return graph


@pytest.mark.parametrize("kind", MAP_KINDS)
@pytest.mark.parametrize("municipality", [None, "GM1640"], ids=["all", "filtered"])
def test_markup_in_names_stays_text_on_load_and_hover(browser, markup_graph, tmp_path, kind,
                                                      municipality):
    html, count = render_map(kind, markup_graph, municipality)
    page = tmp_path / f"{kind}.html"
    page.write_text(html, encoding="utf-8")
    browser.open(page)
    state = browser.state()
    assert state.drawn and state.node_count == state.drawn_nodes == count
    _assert_nothing_ran(browser)

    # on load: the heading (with the municipality's name when filtered) and the source list
    # show the markup as text
    texts = browser.js("""return [document.getElementById("title").textContent,
                                  document.getElementById("sources").textContent]""")
    if municipality:
        assert texts[0].endswith(f"Leudal {XSS}")
    assert f"leudal_2026_{XSS}.txt" in texts[1]

    # on hover: every node and edge whose tooltip carries markup shows it as text
    data = browser.js("""var b = window.beleidsgraaf;
                         return [b.nodes.get(), b.edges.get()];""")
    nodes = [n for n in data[0] if "<" in n["title"]]
    edges = [e for e in data[1] if "<" in e["title"]]
    assert nodes and (edges or kind == "partners")
    hovered = 0
    for item, hover in [(n, browser.hover_node) for n in nodes] + \
                       [(e, browser.hover_edge) for e in edges]:
        text = hover(item["id"])
        assert _flat(text) == _flat(item["title"]), item["title"]
        assert re.search(r"<img src=x onerror=alert\(1\)>|<a href=", text)
        assert "<img" not in browser.hovered_markup()
        _assert_nothing_ran(browser)
        hovered += 1
    assert hovered >= 2


def test_markup_organisation_name_on_hover(browser, markup_graph, tmp_path):
    """The brief's exact case: the organisation named ``<img src=x onerror=alert(1)>``."""
    page = tmp_path / "partners.html"
    page.write_text(render_map("partners", markup_graph)[0], encoding="utf-8")
    browser.open(page)
    node = next(n for n in browser.js("return window.beleidsgraaf.nodes.get()")
                if n["title"].startswith(XSS))
    text = browser.hover_node(node["id"])
    assert text.startswith(XSS)
    assert browser.element_count("img") == 0
    assert browser.alerts() == []


# ---------------------------------------------------------------------------------------------
# National size
# ---------------------------------------------------------------------------------------------

def test_national_size_partner_map_draws(browser, national, tmp_path, screenshots):
    graph, shape = national
    started = time.monotonic()
    network = partner_network(graph)
    assert (len(network), network.number_of_edges()) == (3000, 10_000)
    assert sorted(d for _, d in network.degree()) == sorted(d for _, d in shape.degree())
    html, count = render_network("partners", network, documents(graph))
    built = time.monotonic() - started
    assert count == 3000
    page = tmp_path / "national.html"
    page.write_text(html, encoding="utf-8")

    seconds = browser.open(page, timeout=240)  # a bound, not a performance claim
    state = browser.state()
    assert state.drawn and state.stabilized
    assert state.node_count == state.drawn_nodes == 3000
    assert state.edge_count == maps.MAX_EDGES  # the strongest edges, with a note
    assert state.ink > 10_000
    note = browser.js("return document.querySelector('.note').textContent")
    assert "4.000 van de 10.000 verbindingen" in note
    assert browser.outside_requests() == []
    browser.screenshot(screenshots / "national.png")
    timing = {"nodes": 3000, "edges": 10_000, "python_seconds": round(built, 1),
              "browser_open_to_drawn_seconds": round(seconds, 2),
              "first_draw_ms": state.first_draw_ms, "html_bytes": len(html.encode())}
    (screenshots / "national.json").write_text(json.dumps(timing, indent=1))
    print("\nnational-size partner map:", timing)

