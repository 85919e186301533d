"""Whole documents in layouts of municipalities outside the samples (fixtures written for this).

The fixtures in tests/fixtures/documents imitate what researchers download: a budget-app
export with navigation noise and a financial table, and an annual report (jaarstukken)
numbered 3.1.1–3.1.5. Expected values come from reading the fixture texts.
"""

from __future__ import annotations

import pytest

from beleidsgraaf.model import Kind
from beleidsgraaf.pipeline import build
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "documents"
LEUDAL = "leudal_2026_begroting-sociaal-domein.txt"
ZWOLLE = "zwolle_2024_jaarstukken-programma-2.txt"


@pytest.fixture(scope="module")
def documents():
    result = build([FIXTURES])
    assert result.failures == []
    return {d.meta.source_file: d for d in result.documents}


@pytest.mark.parametrize(
    ("name", "municipality", "cbs", "year", "doc_type"),
    [(LEUDAL, "Leudal", "GM1640", 2026, "programmabegroting"),
     (ZWOLLE, "Zwolle", "GM0193", 2024, "jaarstukken")],
)
def test_metadata(documents, name, municipality, cbs, year, doc_type):
    meta = documents[name].meta
    assert (meta.municipality, meta.cbs_code, meta.year, meta.doc_type) == \
        (municipality, cbs, year, doc_type)


def test_budget_app_export(documents):
    document = documents[LEUDAL]
    labels = {k: [e.label for e in document.of_kind(k)] for k in Kind}
    assert labels[Kind.PROGRAMME] == ["Sociaal domein"]
    assert labels[Kind.GOAL] == ["Minder huishoudens met problematische schulden",
                                 "Meer inwoners met een uitkering aan het werk"]
    assert labels[Kind.ACTIVITY] == ["Schuldhulpverlening dichtbij", "Werk voor statushouders"]
    assert document.of_kind(Kind.ACTIVITY)[0].timing == "in Q3 2026"
    assert document.noise == {2, 4, 24}
    assert document.coverage == 1.0


def test_budget_app_links(documents):
    document = documents[LEUDAL]
    links = {(k.source, k.predicate, k.target) for k in document.links}
    programme = document.of_kind(Kind.PROGRAMME)[0].key
    debts, work = (a.key for a in document.of_kind(Kind.ACTIVITY))
    assert {(programme, "mentionsLaw", "participatiewet"), (programme, "mentionsLaw", "wmo-2015"),
            (programme, "mentionsLaw", "jeugdwet")} <= links
    assert (debts, "impliesLaw", "wgs") in links
    assert (work, "impliesLaw", "wet-inburgering-2021") in links
    assert (work, "refersTo", "external:4.2") in links
    involved = {t for s, p, t in links if p == "involves"}
    assert "heythuysen" not in involved and "gemeente-leudal" not in involved


def test_budget_table_amounts(documents):
    budget = next(e for e in documents[LEUDAL].elements if "unit" in e.properties)
    assert budget.properties["unit"] == "1000"


def test_annual_report_numbering(documents):
    document = documents[ZWOLLE]
    numbered = [e for e in document.elements if e.code and e.code.startswith("3.1.")]
    assert [e.code for e in numbered] == ["3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.1.5"]
    assert {e.kind for e in numbered} == {Kind.GOAL}
    links = {(k.source, k.predicate, k.target) for k in document.links}
    assert ("3.1.4", "mentionsLaw", "wgs") in links          # "Volgens de Wgs"
    assert ("3.1.5", "mentionsLaw", "wet-inburgering-2021") in links
    assert ("3.1.3", "impliesLaw", "wmo-2015") in links       # "beschermd thuis/wonen"
