"""Incremental builds: unchanged documents are taken from the cache, never re-extracted,
and the outputs are the same as those of a build from scratch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import beleidsgraaf.pipeline as pipeline
from beleidsgraaf.build import run_build
from beleidsgraaf.cache import DocumentCache, version_stamp
from beleidsgraaf.cli import main
from beleidsgraaf.synth import write_corpus
from tests.conftest import CORPUS, ND2024, ND2026

OUTPUTS = ("beleidsgraaf.ttl", "beleidsgraaf.trig", "report.json")


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "in"
    write_corpus(folder, municipalities=3, years=2, seed=9)
    for name in (ND2024, ND2026):
        shutil.copy(CORPUS / name, folder / name)
    return folder


@pytest.fixture
def extracted(monkeypatch) -> list[str]:
    """The names of the documents :func:`beleidsgraaf.pipeline.process` is called for."""
    calls: list[str] = []
    real = pipeline.process

    def counting(path, *args, **kwargs):
        calls.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(pipeline, "process", counting)
    return calls


def _outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUTS}


def test_second_build_extracts_nothing_and_writes_the_same_bytes(corpus, tmp_path, extracted):
    out = tmp_path / "out"
    first = run_build([corpus], out, maps=False, jobs=1)
    assert len(extracted) == 8 and first.result.extracted == 8 and first.result.cached == 0
    before = _outputs(out)
    extracted.clear()
    second = run_build([corpus], out, maps=False, jobs=1)
    assert extracted == []
    assert (second.result.extracted, second.result.cached) == (0, 8)
    assert _outputs(out) == before
    assert len(list((out / ".cache").glob("*.pickle"))) == 8


def test_changing_one_file_re_extracts_only_that_file(corpus, tmp_path, extracted):
    out = tmp_path / "out"
    run_build([corpus], out, maps=False, jobs=1)
    changed = sorted(corpus.glob("*.txt"))[2]
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "\n", "\nWe zetten in op een extra buurtteam in de kern.\n", 1), encoding="utf-8")
    extracted.clear()
    incremental = run_build([corpus], out, maps=False, jobs=1)
    assert extracted == [changed.name]
    assert (incremental.result.extracted, incremental.result.cached) == (1, 7)
    fresh = tmp_path / "fresh"
    run_build([corpus], fresh, maps=False, jobs=1, cache=False)
    assert _outputs(out) == _outputs(fresh)
    assert len(list((out / ".cache").glob("*.pickle"))) == 8  # the old entry is pruned


def test_parallel_build_fills_and_uses_the_cache(corpus, tmp_path):
    out = tmp_path / "out"
    first = run_build([corpus], out, maps=False, jobs=2)
    second = run_build([corpus], out, maps=False, jobs=2)
    assert (first.result.extracted, second.result.extracted, second.result.cached) == (8, 0, 8)
    serial = tmp_path / "serial"
    run_build([corpus], serial, maps=False, jobs=1, cache=False)
    assert _outputs(out) == _outputs(serial)


def test_manifest_change_re_extracts_the_files_it_names(corpus, tmp_path, extracted):
    out = tmp_path / "out"
    run_build([corpus], out, maps=False, jobs=1)
    manifest = corpus / "manifest.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(",2026,", ",2027,", 1),
                        encoding="utf-8")
    extracted.clear()
    run_build([corpus], out, maps=False, jobs=1)
    assert len(extracted) == 1 and "_2026_" in extracted[0]


def test_a_new_code_version_starts_afresh(corpus, tmp_path):
    cache = tmp_path / "cache"
    old = DocumentCache(cache, stamp="version one")
    pipeline.build([corpus], cache=old)
    assert old.hits == 0 and len(old.used) == 8
    assert pipeline.build([corpus], cache=DocumentCache(cache, stamp="version one")).cached == 8
    assert pipeline.build([corpus], cache=DocumentCache(cache, stamp="version two")).cached == 0
    assert len(version_stamp()) == 64


def test_the_version_covers_the_per_document_code_only():
    from beleidsgraaf.cache import PACKAGE, _imported, _sources

    modules = _imported(("beleidsgraaf.pipeline",))
    assert {"beleidsgraaf.extract.laws", "beleidsgraaf.structure.assemble",
            "beleidsgraaf.read.html", "beleidsgraaf.reference.municipalities"} <= modules
    assert not modules & {"beleidsgraaf.build", "beleidsgraaf.link", "beleidsgraaf.reason",
                          "beleidsgraaf.output.graph", "beleidsgraaf.rdf.serialize"}
    assert PACKAGE / "reference" / "data" / "laws.csv" in _sources()


def test_a_damaged_entry_is_rebuilt(corpus, tmp_path, extracted):
    out = tmp_path / "out"
    run_build([corpus], out, maps=False, jobs=1)
    entry = sorted((out / ".cache").glob("*.pickle"))[0]
    entry.write_bytes(b"not a pickle")
    extracted.clear()
    run_build([corpus], out, maps=False, jobs=1)
    assert len(extracted) == 1


def test_cli_cache_options(corpus, tmp_path, extracted):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    assert main(["build", str(corpus), "--out", str(out), "--no-maps", "--quiet", "--jobs", "1",
                 "--no-cache"]) == 0
    assert not (out / ".cache").exists()
    assert main(["build", str(corpus), "--out", str(out), "--no-maps", "--quiet", "--jobs", "1",
                 "--cache", str(elsewhere)]) == 0
    assert len(list(elsewhere.glob("*.pickle"))) == 8
    extracted.clear()
    assert main(["build", str(corpus), "--out", str(out), "--no-maps", "--quiet", "--jobs", "1",
                 "--cache", str(elsewhere)]) == 0
    assert extracted == []


def test_usage_error_for_bad_jobs(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "--jobs", "0"])
    assert exit_info.value.code == 2
    assert "--jobs" in capsys.readouterr().err
