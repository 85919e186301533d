"""The synthetic corpus generator: deterministic, every layout, and the structure stage
recovers exactly what was generated."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from beleidsgraaf.cli import main
from beleidsgraaf.model import Kind
from beleidsgraaf.pipeline import Context, process
from beleidsgraaf.structure.meta import detect_meta
from beleidsgraaf.synth import LAYOUTS, generate_documents, synth_document, write_corpus
from tests.conftest import source_of, structure_of

SEEDS = range(6)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("seed", SEEDS)
def test_structure_recovers_what_was_generated(layout, seed):
    document = synth_document(layout, seed)
    structure = structure_of(document.text)
    assert structure.layout == layout
    recognised = [(e.kind.value, e.label) for e in structure.elements if e.kind is not Kind.SECTION]
    assert recognised == [(e.kind, e.label) for e in document.elements]
    counts = Counter(e.kind.value for e in structure.elements)
    assert {"programmes": counts["Programme"], "ambitions": counts["Ambition"],
            "goals": counts["Goal"], "activities": counts["Activity"]} == document.counts()


@pytest.mark.parametrize("layout", ["numbered", "goal-table"])
def test_codes_and_timings_are_recovered(layout):
    document = synth_document(layout, seed=3)
    elements = [e for e in structure_of(document.text).elements if e.kind is not Kind.SECTION]
    assert [e.code for e in elements] == [w.code for w in document.elements]
    activities = [e for e in elements if e.kind is Kind.ACTIVITY]
    assert [a.timing for a in activities] == \
        [w.timing for w in document.elements if w.kind == "Activity"]


def test_generation_is_deterministic_and_seeded():
    first = generate_documents(municipalities=5, years=2, seed=7)
    again = generate_documents(municipalities=5, years=2, seed=7)
    other = generate_documents(municipalities=5, years=2, seed=8)
    assert [(d.file, d.text) for d in first] == [(d.file, d.text) for d in again]
    assert [d.text for d in first] != [d.text for d in other]


def test_corpus_has_every_layout_unique_files_and_evolving_plans():
    documents = generate_documents(municipalities=10, years=3, seed=0)
    assert len(documents) == 30
    assert {d.layout for d in documents} == set(LAYOUTS)
    assert len({d.file for d in documents}) == 30
    assert len({d.municipality for d in documents}) == 10
    by_municipality: dict[str, list] = {}
    for d in documents:
        by_municipality.setdefault(d.cbs_code, []).append(d)
    for group in by_municipality.values():
        assert [d.year for d in group] == [2024, 2025, 2026]
        assert len({d.layout for d in group}) == 1
        assert len({d.text for d in group}) == 3  # the plan changes from year to year


def test_metadata_is_detected_from_text_and_file_name():
    for document in generate_documents(municipalities=25, years=1, seed=2):
        meta = detect_meta(source_of(document.text, document.file))
        assert (meta.cbs_code, meta.year, meta.doc_type) == \
            (document.cbs_code, document.year, document.doc_type), document.file


def test_written_laws_and_partners_are_found(tmp_path):
    context = Context()
    for layout in LAYOUTS:
        document = synth_document(layout, seed=11)
        path = tmp_path / document.file
        path.write_text(document.text, encoding="utf-8")
        built = process(path, {}, context)
        found = {link.target for link in built.links
                 if link.predicate in ("mentionsLaw", "impliesLaw")}
        assert document.laws <= found, layout
        assert any(link.predicate == "involves" for link in built.links), layout


def test_write_corpus_and_cli(tmp_path):
    out = tmp_path / "synth"
    assert main(["synth", "--municipalities", "4", "--years", "2", "--seed", "3",
                 "--out", str(out)]) == 0
    files = sorted(p.name for p in out.glob("*.txt"))
    assert len(files) == 8
    truth = json.loads((out / "synth.json").read_text(encoding="utf-8"))
    assert sorted(d["file"] for d in truth["documents"]) == files
    manifest = (out / "manifest.csv").read_text(encoding="utf-8").splitlines()
    assert manifest[0] == "file,municipality,year,doc_type" and len(manifest) == 9
    again = tmp_path / "again"
    write_corpus(again, 4, 2, 3)
    for name in files:
        assert (again / name).read_bytes() == (out / name).read_bytes()


def test_build_report_counts_equal_generated_counts(tmp_path):
    from beleidsgraaf.build import run_build

    corpus = tmp_path / "corpus"
    documents = write_corpus(corpus, municipalities=5, years=2, seed=5)
    run_build([corpus], tmp_path / "out", maps=False, jobs=1, cache=False)
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    entries = {e["file"]: e for e in report["documents"]}
    for document in documents:
        entry = entries[document.file]
        assert entry["layout"] == document.layout
        counts = {k: entry["counts"][k] for k in ("programmes", "ambitions", "goals",
                                                  "activities")}
        assert counts == document.counts(), document.file
    assert sum(e["counts"]["continues"] for e in entries.values()) > 0


def test_unknown_municipality_is_refused():
    with pytest.raises(ValueError):
        synth_document("memo", municipality="Atlantis")


def test_doc_files_are_named_for_the_metadata(tmp_path: Path):
    document = synth_document("narrative", seed=1, municipality="Súdwest-Fryslân", year=2025)
    assert document.file.startswith("sudwest-fryslan_2025_programmaplan-")
