"""The query, laws and validate commands on the built samples."""

from __future__ import annotations

import csv
import io
import json

import pytest

from beleidsgraaf.cli import main


@pytest.fixture(scope="module")
def ttl(corpus_graph):
    return str(corpus_graph / "beleidsgraaf.ttl")


def test_query_list_shows_titles(capsys):
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    assert "overview" in out and "Activities that depend on a law" in out


def test_named_query_with_parameter_as_csv(ttl, capsys):
    assert main(["query", "activities-per-law", "--graph", ttl, "--param",
                 "lawLabel=Wet gemeentelijke taak mogelijk maken asielopvangvoorzieningen",
                 "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["code"] for r in rows} == {"5.1.4.1"}
    assert any("De Spreidingswet verplicht ons" in r["quote"] for r in rows)


def test_parameter_with_quotes_and_braces_is_just_a_value(ttl, capsys):
    assert main(["query", "activities-per-law", "--graph", ttl, "--param",
                 'lawLabel=x" } UNION { ?s ?p ?o } #', "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["results"]["bindings"] == []
    assert result["head"]["vars"][0] == "file"


def test_a_parameter_the_query_does_not_have_is_refused(ttl, capsys):
    """A misspelt name would bind nothing and answer as if unfiltered."""
    assert main(["query", "activities-per-law", "--graph", ttl, "--param",
                 "lawlabel=Jeugdwet"]) == 1
    err = capsys.readouterr().err
    assert "?lawlabel" in err and "lawLabel" in err


def test_query_file_and_table_format(ttl, tmp_path, capsys):
    query = tmp_path / "count.rq"
    query.write_text("SELECT (COUNT(?a) AS ?n) WHERE { ?a a bg:Activity }", encoding="utf-8")
    assert main(["query", str(query), "--graph", ttl]) == 0
    out = capsys.readouterr().out
    assert "113" in out and "(1 rows)" in out


def test_syntax_error_names_line_and_column(ttl, tmp_path, capsys):
    query = tmp_path / "bad.rq"
    query.write_text("SELECT ?a\nWHERE { ?a a }", encoding="utf-8")
    assert main(["query", str(query), "--graph", ttl]) == 1
    err = capsys.readouterr().err
    assert "line 2" in err and "column" in err


def test_missing_graph_and_bad_parameter_are_usage_errors(tmp_path):
    assert main(["query", "overview", "--graph", str(tmp_path / "none.ttl")]) == 2
    assert main(["query", "overview", "--param", "no-equals-sign"]) == 2


def test_laws_report_for_one_municipality(ttl, capsys):
    assert main(["laws", "--graph", ttl, "--municipality", "GM1740", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["document"][:12] for r in rows} == {"neder-betuwe"}
    explicit = {(r["activity_code"], r["law"]) for r in rows if r["how"] == "explicit"}
    assert ("5.1.2.1", "Participatiewet") in explicit
    assert ("5.1.3.3", "Wet inburgering 2021") in explicit


def test_laws_html_is_self_contained_and_escaped(ttl, tmp_path):
    out = tmp_path / "laws.html"
    assert main(["laws", "--graph", ttl, "--format", "html", "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "http" not in page.replace("https://w3id.org", "")
    assert "Participatiewet" in page


def test_validate_exits_0_on_the_samples(ttl, capsys):
    assert main(["validate", "--graph", ttl]) == 0
    assert "conforms" in capsys.readouterr().out


def test_validate_exits_1_with_a_readable_report(tmp_path, capsys):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix bg: <https://w3id.org/beleidsgraaf/def#> .\n"
                   "<http://x/a> a bg:Activity .\n", encoding="utf-8")
    assert main(["validate", "--graph", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "violation" in out and "http://x/a" in out


def test_python_dash_m_is_the_command():
    import subprocess
    import sys

    from tests.conftest import ROOT

    completed = subprocess.run([sys.executable, "-m", "beleidsgraaf", "query", "--help"],
                               capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    assert "--param" in completed.stdout
