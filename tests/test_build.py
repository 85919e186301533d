"""The main job end to end: outputs, determinism, bad input, manifest, report."""

from __future__ import annotations

import json
import shutil

import pytest
from rdflib import Graph

from beleidsgraaf.cli import main
from beleidsgraaf.output.writer import AtomicFiles
from tests.conftest import CORPUS, ND2024, ND2026, NG2022, NG2026, WIJCHEN


def test_build_writes_every_output(corpus_graph):
    for name in ("beleidsgraaf.ttl", "beleidsgraaf.trig", "report.json"):
        assert (corpus_graph / name).stat().st_size > 0
    assert not list(corpus_graph.glob(".*.tmp"))


def test_report_counts_match_the_documents(corpus_graph):
    report = json.loads((corpus_graph / "report.json").read_text(encoding="utf-8"))
    entries = {e["file"]: e for e in report["documents"]}
    assert report["summary"]["ok"] == 5 and report["summary"]["failed"] == 0
    expected = {ND2026: (2, 8, 25), ND2024: (2, 7, 23), NG2022: (3, 14, 60),
                NG2026: (0, 3, 0), WIJCHEN: (1, 0, 5)}
    for name, (ambitions, goals, activities) in expected.items():
        counts = entries[name]["counts"]
        assert (counts["ambitions"], counts["goals"], counts["activities"]) == \
            (ambitions, goals, activities), name
        assert entries[name]["coverage"] > 0.95
        assert entries[name]["status"] == "ok"


@pytest.mark.parametrize(
    ("name", "municipality", "cbs", "year", "doc_type"),
    [(ND2026, "Neder-Betuwe", "GM1740", 2026, "programmabegroting"),
     (ND2024, "Neder-Betuwe", "GM1740", 2024, "programmabegroting"),
     (NG2022, "Nieuwegein", "GM0356", 2022, "programmabegroting"),
     (NG2026, "Nieuwegein", "GM0356", 2026, "programmaplan"),
     (WIJCHEN, "Wijchen", "GM0296", 2025, "informatienota")],
)
def test_metadata_detected(built, name, municipality, cbs, year, doc_type):
    meta = built[name].meta
    assert (meta.municipality, meta.cbs_code, meta.year, meta.doc_type) == \
        (municipality, cbs, year, doc_type)
    assert meta.sources["municipality"] == "text"


def test_year_from_text_where_the_text_says_so(built):
    assert built[ND2026].meta.sources["year"] == "text"      # "Activiteiten 2026"
    assert built[WIJCHEN].meta.sources["year"] == "text"     # "Collegedatum: 20 mei 2025"
    assert built[NG2022].meta.sources["year"] == "filename"  # the text names no budget year


def test_same_input_gives_byte_identical_output(corpus_graph, tmp_path):
    assert main(["build", str(CORPUS), "--out", str(tmp_path), "--no-maps", "--quiet"]) == 0
    for name in ("beleidsgraaf.ttl", "beleidsgraaf.trig", "report.json"):
        assert (tmp_path / name).read_bytes() == (corpus_graph / name).read_bytes(), name


def test_turtle_and_trig_parse_and_agree(corpus_graph):
    ttl = Graph().parse(corpus_graph / "beleidsgraaf.ttl", format="turtle")
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(corpus_graph / "beleidsgraaf.trig", format="trig")
    union = {t for g in dataset.graphs() for t in g}
    assert len(ttl) == len(union)


def test_bad_files_are_reported_and_the_rest_is_built(tmp_path, capsys):
    docs = tmp_path / "in"
    docs.mkdir()
    shutil.copy(CORPUS / WIJCHEN, docs)
    (docs / "empty.txt").write_bytes(b"")
    (docs / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04")
    (docs / "weird.txt").write_bytes(bytes(range(0x80, 0xA0)) * 50)
    out = tmp_path / "out"
    assert main(["build", str(docs), "--out", str(out), "--no-maps", "--quiet"]) == 1
    err = capsys.readouterr().err
    for name in ("empty.txt", "binary.txt", "weird.txt"):
        assert name in err
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    status = {e["file"]: (e["status"], e.get("reason", "")) for e in report["documents"]}
    assert status[WIJCHEN] == ("ok", "")
    assert status["empty.txt"] == ("failed", "the file is empty")
    assert "binary" in status["binary.txt"][1]
    assert "not decodable" in status["weird.txt"][1]
    assert "Buurtgezinnen" in (out / "beleidsgraaf.ttl").read_text(encoding="utf-8")


def test_usage_errors_exit_2(tmp_path):
    assert main(["build", str(tmp_path / "missing")]) == 2
    assert main([]) == 2
    empty = tmp_path / "nothing"
    empty.mkdir()
    assert main(["build", str(empty), "--out", str(tmp_path / "o"), "--quiet"]) == 2


def test_manifest_overrides_detection(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    shutil.copy(CORPUS / WIJCHEN, docs / "memo.txt")
    (docs / "manifest.csv").write_text("file,municipality,year,doc_type\n"
                                       "memo.txt,Heumen,2024,raadsinformatiebrief\n",
                                       encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(docs), "--out", str(out), "--no-maps", "--quiet"]) == 0
    [entry] = json.loads((out / "report.json").read_text(encoding="utf-8"))["documents"]
    assert (entry["municipality"], entry["cbs_code"], entry["year"], entry["doc_type"]) == \
        ("Heumen", "GM0252", 2024, "raadsinformatiebrief")
    assert entry["detected_from"] == {"doc_type": "manifest", "municipality": "manifest",
                                      "year": "manifest"}


def test_atomic_files_leave_old_outputs_alone_when_writing_fails(tmp_path):
    (tmp_path / "beleidsgraaf.ttl").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), AtomicFiles(tmp_path) as files:
        files.write("beleidsgraaf.ttl", "new")
        raise RuntimeError("crash while writing the next file")
    assert (tmp_path / "beleidsgraaf.ttl").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["beleidsgraaf.ttl"]


def test_a_build_that_fails_late_leaves_the_previous_graph_and_store(tmp_path, monkeypatch):
    """The store is loaded in a thread while another process draws the maps; a failure in
    the maps keeps the previous build whole and leaves no half-made store behind."""
    from beleidsgraaf import build
    from beleidsgraaf.store import is_fresh

    out = tmp_path / "out"
    build.run_build([CORPUS / WIJCHEN], out, maps=False, validate=False, cache=False)
    before = (out / "beleidsgraaf.ttl").read_bytes()

    from beleidsgraaf.errors import OutputError
    from beleidsgraaf.output import workers

    def broken_maps(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the maps failed")

    monkeypatch.setattr(workers, "draw_maps", broken_maps)
    with pytest.raises(OutputError, match="cannot write the maps: RuntimeError: the maps failed"):
        build.run_build([CORPUS / ND2026], out, validate=False, cache=False)
    assert (out / "beleidsgraaf.ttl").read_bytes() == before
    assert is_fresh(out / "beleidsgraaf.ttl")
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


def test_build_graph_script_is_the_build_command(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    completed = subprocess.run(
        [sys.executable, str(ROOT / "build_graph.py"), str(CORPUS / WIJCHEN), "--out",
         str(tmp_path), "--no-maps", "--no-reason"], capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    assert "1 documents built, 0 failed" in completed.stdout


def test_a_trig_file_that_cannot_be_written_fails_the_build_and_keeps_the_last(
        tmp_path, monkeypatch):
    """The TriG file is written by a forked process; its failure reaches the build, names
    the file and keeps the previous outputs whole."""
    from beleidsgraaf import build
    from beleidsgraaf.errors import OutputError
    from beleidsgraaf.output import workers

    out = tmp_path / "out"
    build.run_build([CORPUS / WIJCHEN], out, maps=False, validate=False, cache=False)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}

    def broken(*args: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(workers, "trig_parts", broken)
    with pytest.raises(OutputError, match="beleidsgraaf.trig: .*No space left"):
        build.run_build([CORPUS / ND2026], out, validate=False, cache=False)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


def test_the_outputs_are_the_same_with_and_without_fork(tmp_path, monkeypatch):
    """With fork the TriG file and the maps are made by child processes fed through pipes;
    without, by the build itself afterwards. The files are the same, and the TriG file is
    the corpus rendered in one go."""
    from beleidsgraaf import build
    from beleidsgraaf.output import forked, workers
    from beleidsgraaf.output.graph import corpus_graph
    from beleidsgraaf.output.writer import trig_parts
    from beleidsgraaf.pipeline import Context
    from beleidsgraaf.pipeline import build as extract

    outputs = {}
    for fork in (True, False):
        monkeypatch.setattr(workers, "can_fork", lambda fork=fork: fork)
        monkeypatch.setattr(forked, "can_fork", lambda fork=fork: fork)
        out = tmp_path / str(fork)
        build.run_build([CORPUS / WIJCHEN, CORPUS / ND2026], out, validate=False, cache=False)
        outputs[fork] = {p.relative_to(out).as_posix(): p.read_bytes()
                         for p in sorted(out.rglob("*")) if p.is_file() and "oxigraph" not in
                         p.as_posix()}
    assert outputs[True] == outputs[False]
    assert {"maps/partners.html", "maps/laws.html", "maps/references.html"} <= set(outputs[True])
    context = Context()
    whole = "".join(trig_parts(corpus_graph(
        extract([CORPUS / WIJCHEN, CORPUS / ND2026], context=context), context)))
    assert "graph/afgeleid> {" in whole
    assert outputs[True]["beleidsgraaf.trig"].decode("utf-8") == whole


def test_documents_with_the_same_file_name_in_different_folders_stay_apart(tmp_path):
    """A national collection kept as one folder per municipality repeats file names; each
    document keeps its own graph, named by its path from the shared folder."""
    import shutil

    from beleidsgraaf import build

    for folder, name in (("a", ND2026), ("b", WIJCHEN)):
        (tmp_path / "in" / folder).mkdir(parents=True)
        shutil.copy(CORPUS / name, tmp_path / "in" / folder / "begroting.txt")
    outcome = build.run_build([tmp_path / "in"], tmp_path / "out", maps=False, validate=False,
                              cache=False)
    files = sorted(d.meta.source_file for d in outcome.result.documents)
    assert files == ["a/begroting.txt", "b/begroting.txt"]
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert [e["file"] for e in report["documents"]] == files
    graph = Graph().parse(tmp_path / "out" / "beleidsgraaf.ttl", format="turtle")
    from beleidsgraaf.rdf.namespaces import BG

    documents = {str(o): s for s, o in graph.subject_objects(BG.sourceFile)}
    assert sorted(documents) == files and len(set(documents.values())) == 2
    codes = {name: {str(o) for s in graph.subjects(BG.inDocument, iri)
                    for o in graph.objects(s, BG.code)} for name, iri in documents.items()}
    assert "5.1" in codes["a/begroting.txt"]  # Neder-Betuwe's ambition 5.1 ...
    assert "5.1" not in codes["b/begroting.txt"]  # ... is not in Wijchen's memo


def test_a_file_that_fails_is_named_apart_from_its_namesake_too(tmp_path):
    """Names follow from the input files: the failed file and the built one are both
    reported by their path, and the built one keeps its name whether or not the other
    could be read."""
    import shutil

    from beleidsgraaf import build

    for folder in ("a", "b"):
        (tmp_path / "in" / folder).mkdir(parents=True)
    (tmp_path / "in" / "a" / "begroting.txt").write_bytes(b"")
    shutil.copy(CORPUS / WIJCHEN, tmp_path / "in" / "b" / "begroting.txt")
    outcome = build.run_build([tmp_path / "in"], tmp_path / "out", maps=False, validate=False,
                              cache=False)
    assert [f.file for f in outcome.result.failures] == ["a/begroting.txt"]
    assert [d.meta.source_file for d in outcome.result.documents] == ["b/begroting.txt"]
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert [(e["file"], e["status"]) for e in report["documents"]] == [
        ("a/begroting.txt", "failed"), ("b/begroting.txt", "ok")]
