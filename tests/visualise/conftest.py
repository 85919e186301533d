"""Fixtures for the map tests: the built sample maps, a headless browser, a national-size
synthetic partner network."""

from __future__ import annotations

import os
import random
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace

from beleidsgraaf.visualise.browser import MapBrowser, missing_reason

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
BG = Namespace("https://w3id.org/beleidsgraaf/def#")
NAT = Namespace("https://example.org/nationaal/")
# Set (by .ci/run, once it has installed chromium) to fail instead of skip without a browser.
REQUIRE = "BELEIDSGRAAF_REQUIRE_BROWSER"


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """One headless Chromium (fresh profile, no network) for all browser tests."""
    reason = missing_reason()
    if reason:
        if os.environ.get(REQUIRE):
            pytest.fail(f"{REQUIRE} is set but the browser checks cannot run: {reason}")
        pytest.skip(f"browser checks skipped: {reason}")
    with MapBrowser(tmp_path_factory.mktemp("chromium-profile")) as opened:
        yield opened


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """Where the browser tests keep one screenshot per map (a test artefact)."""
    return tmp_path_factory.mktemp("map-screenshots")


@pytest.fixture(scope="session")
def built_maps(tmp_path_factory) -> Path:
    """The bundled corpus built by the real build, maps included."""
    from beleidsgraaf.build import run_build

    out = tmp_path_factory.mktemp("graph-with-maps")
    run_build([CORPUS], out, maps=True)
    return out


ORGANISATION_TYPES = ("CareProvider", "WelfareOrganisation", "HealthService",
                      "HousingCorporation", "EducationInstitution", "RegionalCollaboration",
                      "GovernmentBody", "OtherOrganisation")


def national_corpus(organisations: int = 3000, edges: int = 10_000, municipalities: int = 40,
                    seed: int = 2026) -> tuple[Graph, nx.Graph]:
    """A deterministic national-size corpus as RDF, and the partner network it encodes.

    The shape is a seeded power-law cluster graph (a few organisations work with very many,
    most with a few) topped up with random links to exactly ``edges`` pairs. Every pair is one
    activity in one municipality's document that involves both organisations; every tenth
    pair is named together in a second activity too (weight 2).
    """
    rng = random.Random(seed)
    shape = nx.powerlaw_cluster_graph(organisations, 3, 0.3, seed=seed)
    count = shape.number_of_edges()
    while count < edges:
        u, v = rng.randrange(organisations), rng.randrange(organisations)
        if u != v and not shape.has_edge(u, v):
            shape.add_edge(u, v)
            count += 1
    graph = Graph()
    for m in range(municipalities):
        municipality, document = NAT[f"gemeente/{m}"], NAT[f"document/{m}"]
        graph.add((municipality, RDF.type, BG.Municipality))
        graph.add((municipality, SKOS.prefLabel, Literal(f"Gemeente {m:02d}", lang="nl")))
        graph.add((document, RDF.type, BG.PolicyDocument))
        graph.add((document, BG.sourceFile, Literal(f"gemeente-{m:02d}_2026_begroting.txt")))
        graph.add((document, BG.municipality, municipality))
        graph.add((document, BG.year, Literal(2026)))
    for n in range(organisations):
        organisation = NAT[f"organisatie/{n}"]
        graph.add((organisation, RDF.type, BG[ORGANISATION_TYPES[n % len(ORGANISATION_TYPES)]]))
        graph.add((organisation, SKOS.prefLabel, Literal(f"Organisatie {n:04d}")))
    for i, (u, v) in enumerate(sorted(shape.edges())):
        for k in range(2 if i % 10 == 0 else 1):
            element = NAT[f"activiteit/{i}-{k}"]
            graph.add((element, RDF.type, BG.Activity))
            graph.add((element, RDFS.label, Literal(f"Activiteit {i}.{k}", lang="nl")))
            graph.add((element, BG.inDocument, NAT[f"document/{(min(u, v) + k) % municipalities}"]))
            graph.add((element, BG.involves, NAT[f"organisatie/{u}"]))
            graph.add((element, BG.involves, NAT[f"organisatie/{v}"]))
    return graph, shape


@pytest.fixture(scope="session")
def national() -> tuple[Graph, nx.Graph]:
    return national_corpus()
