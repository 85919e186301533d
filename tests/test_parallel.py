"""Documents processed in worker processes give exactly the serial build."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from beleidsgraaf.build import run_build
from beleidsgraaf.pipeline import build
from beleidsgraaf.synth import write_corpus
from beleidsgraaf.visualise.maps import MAP_KINDS
from tests.conftest import CORPUS, WIJCHEN


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A small synthetic corpus (every layout, two years) plus a real sample and a bad file."""
    folder = tmp_path_factory.mktemp("parallel") / "in"
    write_corpus(folder, municipalities=6, years=2, seed=4)
    (folder / WIJCHEN).write_bytes((CORPUS / WIJCHEN).read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".oxigraph" not in str(p) and ".cache" not in p.parts}


def test_documents_are_the_same_with_two_workers(corpus):
    serial = build([corpus], jobs=1)
    parallel = build([corpus], jobs=2)
    assert [d.meta.source_file for d in parallel.documents] == \
        [d.meta.source_file for d in serial.documents]
    for one, two in zip(serial.documents, parallel.documents, strict=True):
        assert (one.meta, one.layout, one.elements, one.links, one.references,
                one.organisations, one.warnings, one.noise) == \
            (two.meta, two.layout, two.elements, two.links, two.references,
             two.organisations, two.warnings, two.noise)
        assert one.source == two.source
    assert serial.failures == parallel.failures
    assert [f.file for f in parallel.failures] == ["empty.txt"]
    assert set(parallel.timings) >= {"read", "meta", "recognise", "laws", "link"}


def test_outputs_are_byte_identical_for_one_and_two_jobs(corpus, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    first = run_build([corpus], one, jobs=1, cache=False)
    second = run_build([corpus], two, jobs=2, cache=False)
    assert len(first.result.documents) == len(second.result.documents) == 13
    files = _files(one)
    assert {"beleidsgraaf.ttl", "beleidsgraaf.trig", "report.json",
            *(f"maps/{kind}.html" for kind in MAP_KINDS)} <= set(files)
    assert files == _files(two)
    assert not (one / ".cache").exists()


def test_progress_is_reported_in_file_order(corpus):
    seen: list[tuple[int, int, str]] = []
    build([corpus], jobs=2, progress=lambda n, total, name: seen.append((n, total, name)))
    assert [n for n, _, _ in seen] == list(range(1, len(seen) + 1))
    assert [name for _, _, name in seen] == sorted(name for _, _, name in seen)


def test_maps_of_the_build_equal_maps_of_the_turtle_file(corpus, tmp_path):
    """The build draws its maps from an Oxigraph copy of the graph; ``beleidsgraaf map``
    from the Turtle file read with rdflib — the pages are the same."""
    from beleidsgraaf.visualise.maps import render_map

    out = tmp_path / "out"
    run_build([corpus], out, jobs=2, cache=False)
    graph = Graph().parse(out / "beleidsgraaf.ttl", format="turtle")
    for kind in MAP_KINDS:
        html, _ = render_map(kind, graph)
        assert (out / "maps" / f"{kind}.html").read_text(encoding="utf-8") == html, kind
