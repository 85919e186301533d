"""The query library (queries/*.rq): headers, coverage of the research questions, and real
answers on the built sample corpus (checked against the sample documents in corpus/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from beleidsgraaf.cli import main
from beleidsgraaf.query import QUERIES, library, library_queries, run_query, standalone
from tests.conftest import ND2024, ND2026, NG2022, WIJCHEN

# The research questions of issue 9 and the query that answers each.
TOPICS = {
    "programme/ambition/goal/activity overview of a document": "overview",
    "activities per law, with evidence": "activities-per-law",
    "laws per municipality and per year": "laws-per-municipality",
    "activities with no law": "activities-without-law",
    "organisations per municipality": "organisations-per-municipality",
    "organisations shared between municipalities": "shared-organisations",
    "activities of an organisation": "organisation-activities",
    "partner co-occurrence, counted": "partner-cooccurrence",
    "cross-references and unresolved ones": "unresolved-references",
    "activities that continue between years": "continued-activities",
    "new and dropped activities": "activity-changes",
    "activities running in a given year": "activities-in-year",
    "evidence for a link": "link-evidence",
    "law x municipality count matrix": "law-municipality-matrix",
    "organisations with their types": "organisations-with-types",
    "documents in the graph": "documents",
}
TYPES = ("string", "integer", "IRI")


@pytest.fixture(scope="module")
def ttl(corpus_graph) -> Path:
    return corpus_graph / "beleidsgraaf.ttl"


def answer(ttl: Path, name: str, engine: str = "auto", **params: str) -> list[dict[str, str]]:
    """Rows of a library query as dicts of plain strings (unbound: absent)."""
    text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    result = run_query(text, ttl, params, engine=engine)
    names = [str(v) for v in result.vars]
    return [{n: str(row[i]) for i, n in enumerate(names) if row[i] is not None}
            for row in result]


# ------------------------------------------------------------------------------ the library


def test_at_least_fifteen_queries_cover_every_topic():
    names = {q.name for q in library_queries()}
    assert len(names) >= 15
    missing = {topic: name for topic, name in TOPICS.items() if name not in names}
    assert not missing


@pytest.mark.parametrize("query", library_queries(), ids=lambda q: q.name)
def test_header(query):
    header = query.header
    for field in ("title", "question", "parameters", "example"):
        assert header.get(field), f"{query.name}: no '# {field}:' line"
    assert header["example"].startswith(f"beleidsgraaf query {query.name}")
    body = "\n".join(line for line in query.text.splitlines() if not line.startswith("#"))
    declared = re.findall(r"\?(\w+) \((?:string|integer|IRI)", header["parameters"])
    if header["parameters"].strip().lower() != "none":
        assert declared, f"{query.name}: parameters need a type: ?name (string|integer|IRI)"
        for name in declared:
            assert re.search(rf"[?$]{name}\b", body), f"?{name} is not used in {query.name}"
        assert "e.g." in header["parameters"], f"{query.name}: give an example value"
    assert set(query.example_params()) <= set(declared)


def test_list_shows_every_query_with_its_title(capsys):
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    for name, title in library():
        assert re.search(rf"^{re.escape(name)}\s+{re.escape(title)}$", out, re.M)


@pytest.mark.parametrize("query", library_queries(), ids=lambda q: q.name)
@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_every_query_runs_with_and_without_its_example_parameters(query, engine, ttl):
    with_params = run_query(query.text, ttl, query.example_params(), engine=engine)
    assert with_params.type == "SELECT"
    assert len(list(with_params)) > 0, f"{query.name}: the example finds nothing"
    run_query(query.text, ttl, {}, engine=engine)  # no error without parameters


# ------------------------------------------------- real answers (verified in corpus/ by hand)


def test_overview_follows_the_document(ttl):
    rows = answer(ttl, "overview", file=ND2026)
    assert {r["file"] for r in rows} == {ND2026}
    kinds = [r["kind"] for r in rows]
    assert kinds[0] == "programme" and kinds.count("activity") == 25
    by_code = {r.get("code"): r for r in rows}
    assert by_code["5.1.2"]["kind"] == "goal"
    assert by_code["5.1.2.1"]["label"].startswith("We bieden ondersteuning aan inwoners met een "
                                                  "afstand tot de arbeidsmarkt")
    assert by_code["5.1.2.1"]["parentLabel"] == "Inwoners zijn zoveel mogelijk financieel " \
                                                "zelfredzaam"
    assert by_code["5.1.2.2"]["timing"] == "2025 e.v."
    lines = [int(r["line"]) for r in rows]
    assert lines == sorted(lines)


def test_activities_per_law_with_evidence(ttl):
    everywhere = answer(ttl, "activities-per-law", lawLabel="Participatiewet")
    assert {NG2022, ND2026} <= {r["file"] for r in everywhere}
    rows = answer(ttl, "activities-per-law", lawLabel="Participatiewet", municipality="GM1740")
    assert {r["file"] for r in rows} <= {ND2024, ND2026}
    explicit = {(r["file"], r.get("code")) for r in rows if r["how"] == "explicit"}
    assert (ND2026, "5.1.2.1") in explicit
    quote = next(r for r in rows if r.get("code") == "5.1.2.1")
    assert quote["line"] == "128"
    assert quote["quote"] == ("Vanaf 2026 is de uitvoering van de Participatiewet belegd bij "
                              "Werkzaak Rivierenland.")


def test_laws_per_municipality_and_year(ttl):
    rows = answer(ttl, "laws-per-municipality")
    participatiewet = {(r["municipalityName"], r["year"]) for r in rows
                       if r["law"] == "Participatiewet"}
    assert {"Neder-Betuwe", "Nieuwegein"} <= {m for m, _ in participatiewet}
    assert ("Neder-Betuwe", "2024") in participatiewet
    assert ("Neder-Betuwe", "2026") in participatiewet
    one = answer(ttl, "laws-per-municipality", municipality="GM0356", year="2022")
    assert {r["municipalityName"] for r in one} == {"Nieuwegein"}
    assert {r["year"] for r in one} == {"2022"}
    assert {"Jeugdwet", "Participatiewet", "Wet maatschappelijke ondersteuning 2015"} <= {
        r["law"] for r in one}
    assert all(int(r["activities"]) >= 1 for r in one)
    counts = [int(r["activities"]) for r in one]
    assert counts == sorted(counts, reverse=True)


def test_activities_without_law(ttl):
    rows = answer(ttl, "activities-without-law", municipality="Wijchen")
    # the four measures of the Wijchen memo name no law (lines 52-117 of the memo)
    assert [r["activity"] for r in rows] == ["Buurtgezinnen", "POH", "GEM",
                                             "Ouderschapsbemiddeling"]
    everywhere = answer(ttl, "activities-without-law")
    codes = {(r["file"], r.get("code")) for r in everywhere}
    assert (ND2026, "5.1.2.1") not in codes  # it names the Participatiewet


def test_organisations_per_municipality(ttl):
    rows = answer(ttl, "organisations-per-municipality", municipality="Neder-Betuwe")
    assert {r["municipalityName"] for r in rows} == {"Neder-Betuwe"}
    werkzaak = next(r for r in rows if r["organisation"] == "Werkzaak Rivierenland")
    assert (werkzaak["firstYear"], werkzaak["lastYear"]) == ("2026", "2026")
    assert {"UWV", "Politie Nederland"} <= {r["organisation"] for r in rows}


def test_shared_organisations(ttl):
    rows = answer(ttl, "shared-organisations")
    shared = {row["organisation"]: row for row in rows}
    assert all(int(row["municipalities"]) >= 2 for row in rows)
    # the police works in Neder-Betuwe (jeugdoverlast, 2024 and 2026) and Nieuwegein (2026);
    # GGD Gelderland-Zuid in Neder-Betuwe (2024) and Wijchen (2025)
    police = shared["Politie Nederland"]
    assert (police["municipalities"], police["firstYear"], police["lastYear"]) == (
        "2", "2024", "2026")
    assert int(police["documents"]) == 3
    ggd = shared["GGD Gelderland-Zuid"]
    assert (ggd["municipalities"], ggd["firstYear"], ggd["lastYear"]) == ("2", "2024", "2025")
    assert "Werkzaak Rivierenland" not in shared
    assert answer(ttl, "shared-organisations", minimum="4") == []
    for organisation, places in (("Politie Nederland", {"Neder-Betuwe", "Nieuwegein"}),
                                 ("GGD Gelderland-Zuid", {"Neder-Betuwe", "Wijchen"})):
        found = {r["municipalityName"] for r in answer(ttl, "organisations-per-municipality")
                 if r["organisation"] == organisation}
        assert found == places


def test_activities_of_an_organisation(ttl):
    rows = answer(ttl, "organisation-activities", organisation="Werkzaak Rivierenland",
                  municipality="Neder-Betuwe", year="2026")
    codes = {r["code"] for r in rows}
    assert {"5.1.2.1", "5.1.2.2"} <= codes
    assert "5.2.4.2" in codes  # "Werkzaak Rivierenland krijgt een rol" (line 307)
    assert {r["file"] for r in rows} == {ND2026}
    by_abbreviation = answer(ttl, "organisation-activities", organisation="werkzaak")
    assert {r["code"] for r in by_abbreviation} == codes
    assert answer(ttl, "organisation-activities", organisation="Werkzaak Rivierenland",
                  year="2024") == []


def test_partner_cooccurrence(ttl):
    rows = answer(ttl, "partner-cooccurrence", municipality="Neder-Betuwe")
    pairs = {(r["organisationA"], r["organisationB"]): int(r["activities"]) for r in rows}
    # 5.1.2.2 names UWV and Werkzaak Rivierenland together
    assert pairs.get(("UWV", "Werkzaak Rivierenland")) or \
        pairs.get(("Werkzaak Rivierenland", "UWV"))
    counts = [int(r["activities"]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert all(r["organisationA"] != r["organisationB"] for r in rows)


def test_cross_references_resolved_and_unresolved(ttl):
    rows = answer(ttl, "unresolved-references")
    external = {(r["file"], r["targetCode"]) for r in rows if r["external"] == "true"}
    # "zie ook ambitie 3.3" points outside programme 5
    assert (ND2024, "3.3") in external and (ND2026, "3.3") in external


def test_continued_new_and_dropped_activities(ttl):
    continued = answer(ttl, "continued-activities", municipality="Neder-Betuwe")
    assert continued and all(r["laterFile"] == ND2026 and r["earlierFile"] == ND2024
                             for r in continued)
    assert len(answer(ttl, "continued-activities")) >= len(continued)
    changes = answer(ttl, "activity-changes", municipality="Neder-Betuwe")
    by_change: dict[str, set] = {}
    for row in changes:
        assert (row["earlierYear"], row["laterYear"]) == ("2024", "2026")
        by_change.setdefault(row["change"], set()).add(row.get("code"))
    # new in 2026: the Participatiewet at Werkzaak (2025 e.v.) and the asylum places (5.1.4.1)
    assert by_change["new"] == {"5.1.2.2", "5.1.4.1"}
    assert "5.1.2.1" in by_change["continued"]
    assert len(by_change["continued"]) == len(
        [r for r in continued if r["laterFile"] == ND2026])
    only_new = answer(ttl, "activity-changes", municipality="GM1740", status="new")
    assert {r["code"] for r in only_new} == {"5.1.2.2", "5.1.4.1"}
    dropped = answer(ttl, "activity-changes", municipality="Nieuwegein", status="dropped")
    assert dropped and {r["file"] for r in dropped} == {NG2022}


def test_activities_running_in_a_year(ttl):
    rows = answer(ttl, "activities-in-year", year="2026", municipality="Neder-Betuwe")
    in_2026 = {(r["file"], r.get("code")): r for r in rows}
    assert in_2026[(ND2026, "5.1.2.1")]["basis"] == "continuous"
    assert in_2026[(ND2026, "5.1.2.2")]["basis"] == "period"  # 2025 e.v.
    assert (ND2026, "5.1.4.1") in in_2026  # 2026 e.v.
    timings = {r.get("timing") for r in rows}
    assert timings <= {"continu", "2024 e.v.", "2025 e.v.", "2026 e.v.", "2024-2026"}
    in_2025 = {(r["file"], r.get("code")) for r in answer(ttl, "activities-in-year",
                                                            year="2025")}
    assert (ND2026, "5.1.2.2") in in_2025 and (ND2026, "5.1.4.1") not in in_2025
    assert (ND2026, "5.1.2.1") not in in_2025  # continu, but in the 2026 document
    assert not {(f, c) for f, c in in_2025 if c == "5.2.1.3"} - {(ND2024, "5.2.1.3"),
                                                                  (ND2026, "5.2.1.3")}
    assert answer(ttl, "activities-in-year", year="2031", municipality="Wijchen") == []


def test_evidence_for_a_link(ttl):
    rows = answer(ttl, "link-evidence", file=ND2026, code="5.1.2.2", predicate="bg:involves")
    targets = {r["targetLabel"] for r in rows}
    assert {"UWV", "Werkzaak Rivierenland"} <= targets
    assert all(r["predicate"].endswith("#involves") for r in rows)
    uwv = [r for r in rows if r["targetLabel"] == "UWV"]
    assert any(r["line"] == "138" and "UWV" in r["quote"] for r in uwv)
    element = rows[0]["element"]
    same = answer(ttl, "link-evidence", element=f"<{element}>", predicate="bg:involves")
    assert same == rows
    law = answer(ttl, "link-evidence", file=ND2026, code="5.1.2.1",
                 target="id:wet/participatiewet")
    assert [r["line"] for r in law] == ["128"]


def test_law_municipality_matrix(ttl):
    rows = answer(ttl, "law-municipality-matrix")
    cells = {(r["law"], r["municipalityName"]): int(r["activities"]) for r in rows}
    laws = {law for law, _ in cells}
    municipalities = {m for _, m in cells}
    assert municipalities == {"Neder-Betuwe", "Nieuwegein", "Wijchen"}
    assert len(cells) == len(laws) * len(municipalities) == len(rows)  # a full matrix
    assert cells[("Participatiewet", "Neder-Betuwe")] > 0
    assert cells[("Participatiewet", "Nieuwegein")] > 0
    in_2026 = {(r["law"], r["municipalityName"]): int(r["activities"])
               for r in answer(ttl, "law-municipality-matrix", year="2026")}
    assert in_2026[("Participatiewet", "Nieuwegein")] == 0  # the 2026 plan lists no activities
    assert 0 < in_2026[("Participatiewet", "Neder-Betuwe")] < cells[
        ("Participatiewet", "Neder-Betuwe")]


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_law_municipality_matrix_of_a_year_without_documents_is_all_zero(ttl, engine):
    # corpus/ has documents of 2022, 2024, 2025 and 2026 only
    cells = {(r["law"], r["municipalityName"]) for r in answer(ttl, "law-municipality-matrix")}
    rows = answer(ttl, "law-municipality-matrix", engine, year="2031")
    assert {(r["law"], r["municipalityName"]) for r in rows} == cells
    assert len(rows) == len(cells) and {r["activities"] for r in rows} == {"0"}


def test_laws_changed_since_document(ttl):
    rows = answer(ttl, "laws-changed-since-document", municipality="Neder-Betuwe")
    assert rows and {r["file"] for r in rows} <= {ND2024, ND2026}
    found = {(r["file"], r.get("code"), r["law"], r["change"], r["changeDate"]) for r in rows}
    # 5.1.2.1 names the Participatiewet (line 128), which the Wet van school naar duurzaam werk
    # amends from 2026-01-01 (reference data): not before the 2026 document
    amended = "amended by Wet van school naar duurzaam werk"
    assert (ND2026, "5.1.2.1", "Participatiewet", amended, "2026-01-01") in found
    assert answer(ttl, "laws-changed-since-document", municipality="neder-betuwe") == rows
    everywhere = answer(ttl, "laws-changed-since-document")
    # Nieuwegein 2022, item 9 (line 12): "via de Wet Voorkeursrecht Gemeenten", withdrawn
    # on 2024-01-01
    ended = {(r["law"], r["change"], r["changeDate"]) for r in everywhere if r["file"] == NG2022}
    assert ("Wet voorkeursrecht gemeenten", "no longer in force", "2024-01-01") in ended
    assert {r["file"] for r in rows} < {r["file"] for r in everywhere}


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_laws_changed_since_document_keeps_documents_of_no_known_municipality(
    ttl, tmp_path, engine
):
    from rdflib import Graph

    from beleidsgraaf.rdf.namespaces import BG

    graph = Graph()
    graph.parse(ttl)
    document = next(s for s, f in graph.subject_objects(BG.sourceFile) if str(f) == NG2022)
    graph.remove((document, BG.municipality, None))
    copy = tmp_path / "beleidsgraaf.ttl"
    graph.serialize(copy, format="turtle")
    expected = [r for r in answer(ttl, "laws-changed-since-document") if r["file"] == NG2022]
    assert expected
    rows = answer(copy, "laws-changed-since-document", engine)
    assert [r for r in rows if r["file"] == NG2022] == expected
    assert not any(
        r["file"] == NG2022
        for r in answer(copy, "laws-changed-since-document", engine, municipality="Nieuwegein")
    )


def test_organisations_with_types(ttl):
    rows = answer(ttl, "organisations-with-types")
    types = {r["organisation"]: r["type"] for r in rows}
    assert types["Werkzaak Rivierenland"] == "regional collaboration"
    assert types["Neder-Betuwe"] == "municipality"  # not also "government body"
    assert len(types) == len(rows)
    regional = answer(ttl, "organisations-with-types", kind="Regional Collaboration")
    assert "Werkzaak Rivierenland" in {r["organisation"] for r in regional}
    assert {r["type"] for r in regional} == {"regional collaboration"}


def test_documents(ttl):
    rows = answer(ttl, "documents")
    files = {r["file"]: r for r in rows}
    assert {ND2024, ND2026, NG2022, WIJCHEN} <= set(files)
    assert files[ND2026]["cbsCode"] == "GM1740"
    assert files[ND2026]["activities"] == "25"
    assert files[WIJCHEN]["year"] == "2025"


# ------------------------------------------------------------------------------ parameters


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_a_parameter_is_a_value_not_query_text(ttl, engine):
    for value in ['x" } UNION { ?s ?p ?o } #', "Participatiewet' } #", "}} ?s ?p ?o {{"]:
        assert answer(ttl, "activities-per-law", engine, lawLabel=value) == []
        assert answer(ttl, "organisations-per-municipality", engine, municipality=value) == []


@pytest.mark.parametrize("query", library_queries(), ids=lambda q: q.name)
def test_standalone_text_binds_parameters_as_locally(query, ttl):
    # also where a parameter is used inside a subquery, which a VALUES row does not reach
    import pyoxigraph

    from beleidsgraaf.store import memory_store, to_rdflib

    store = memory_store(ttl)
    params = query.example_params()
    local = sorted(tuple(map(str, row)) for row in run_query(query.text, store, params))
    text = standalone(query.text, params)
    assert not re.search(r"^\s*#", text, re.M)
    answer = store.query(text)
    assert isinstance(answer, pyoxigraph.QuerySolutions)
    remote = sorted(tuple(str(to_rdflib(term)) for term in row) for row in answer)
    assert remote == local


def test_a_bad_iri_parameter_is_a_clear_error(ttl, capsys):
    assert main(["query", "link-evidence", "--graph", str(ttl), "--param",
                 "element=<http://example.org/a b>"]) == 1
    assert "IRI" in capsys.readouterr().err
