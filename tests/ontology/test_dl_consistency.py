"""DL consistency check of the ontology with HermiT (bundled with owlready2, run on the
machine's Java). Skips, saying why, when owlready2 or Java is not available."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, XSD

from beleidsgraaf.rdf.namespaces import BG
from beleidsgraaf.reason import load_ontology

owlready2 = pytest.importorskip(
    "owlready2", reason="owlready2 (HermiT) is not installed: pip install -e '.[dev]'")
JAVA = shutil.which("java")


def _java_works() -> bool:
    if JAVA is None:
        return False
    try:
        return subprocess.run([JAVA, "-version"], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


pytestmark = pytest.mark.skipif(
    not _java_works(),
    reason="no working Java on this machine (HermiT needs it; in CI .ci/run installs "
           "default-jre-headless)")


def _hermit(graph: Graph, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Run HermiT on ``graph``; return the owlready2 world (raises if inconsistent)."""
    owlready2.JAVA_EXE = JAVA
    file = tmp_path / "check.owl"
    # HermiT accepts only the OWL 2 datatype map: xsd:date values become xsd:dateTime
    converted = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.date:
            o = Literal(f"{o}T00:00:00", datatype=XSD.dateTime)
        converted.add((s, p, o))
    converted.serialize(file, format="xml")
    world = owlready2.World()
    world.get_ontology(file.as_uri()).load()
    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return world


def test_ontology_is_consistent_and_every_class_satisfiable(tmp_path: Path) -> None:
    world = _hermit(load_ontology(), tmp_path)
    assert list(world.inconsistent_classes()) == []


def test_samples_with_the_ontology_are_consistent(corpus_graph, tmp_path: Path) -> None:
    graph = Graph().parse(corpus_graph / "beleidsgraaf.ttl", format="turtle")
    world = _hermit(graph, tmp_path)
    assert list(world.inconsistent_classes()) == []


def test_the_check_finds_an_inconsistency(tmp_path: Path) -> None:
    """Not vacuous: a planted contradiction is reported."""
    graph = Graph()
    for triple in load_ontology():
        graph.add(triple)
    thing = URIRef("https://example.org/test/both")
    graph.add((BG.Law, OWL.disjointWith, BG.Organisation))
    graph.add((thing, RDF.type, BG.Law))
    graph.add((thing, RDF.type, BG.CareProvider))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        _hermit(graph, tmp_path)
