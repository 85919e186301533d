"""Law links in the built samples (expected values read from the documents) and the report."""

from __future__ import annotations

import pytest

from beleidsgraaf.analyse.laws import law_report, render
from tests.conftest import ND2024, ND2026, NG2022, NG2026


def links(document, key: str, predicate: str) -> set[str]:
    return {link.target for link in document.links
            if link.source == key and link.predicate == predicate}


@pytest.mark.parametrize(
    ("key", "predicate", "law"),
    [
        ("5.1.2.1", "mentionsLaw", "participatiewet"),
        ("5.1.2.2", "mentionsLaw", "participatiewet"),
        ("5.1.3.3", "mentionsLaw", "wet-inburgering-2021"),   # "conform de Wet Inburgering"
        ("5.1.4", "mentionsLaw", "spreidingswet"),
        ("5.1.4.1", "mentionsLaw", "spreidingswet"),          # "De Spreidingswet verplicht ons"
        ("5.1.1.2", "mentionsLaw", "wmo-2015"),               # "binnen de Wmo en Jeugdhulp"
        ("5.1.1.2", "impliesLaw", "jeugdwet"),
        ("5.2.4.2", "mentionsLaw", "wet-van-school-naar-duurzaam-werk"),
        ("5.1.2.4", "impliesLaw", "wgs"),                     # "schuldhulpverlening"
        ("programma-5", "mentionsLaw", "wmo-2015"),           # "Programma 5 Wmo, jeugdzorg en …"
        ("programma-5", "mentionsLaw", "participatiewet"),
        ("programma-5", "impliesLaw", "jeugdwet"),
    ],
)
def test_neder_betuwe_2026_law_links(built, key, predicate, law):
    assert law in links(built[ND2026], key, predicate)


def test_implied_never_duplicates_explicit(built):
    for document in built.values():
        explicit = {(k.source, k.target) for k in document.links if k.predicate == "mentionsLaw"}
        implied = {(k.source, k.target) for k in document.links if k.predicate == "impliesLaw"}
        assert not explicit & implied


def test_laws_in_sections_are_linked_from_the_section(built):
    document = built[ND2026]
    measures = next(e for e in document.elements if e.label == "Beheersmaatregelen jeugd")
    assert "jeugdwet" in links(document, measures.key, "mentionsLaw")
    inkoop = next(e for e in built[ND2024].elements if e.label == "Inkoop Wmo hulpmiddelen")
    assert "wmo-2015" in links(built[ND2024], inkoop.key, "mentionsLaw")


def test_old_document_resolves_to_the_act_of_its_year(built):
    document = built[NG2022]
    activity = next(e for e in document.elements if e.label.startswith("Per 1 januari 2022"))
    assert "wet-inburgering-2021" in links(document, activity.key, "impliesLaw")
    wvg = next(e for e in document.elements if "Wet Voorkeursrecht Gemeenten" in
               " ".join(ln.text for ln in e.lines) and e.kind.value == "Activity")
    assert "wvg" in links(document, wvg.key, "mentionsLaw")


def test_bill_in_an_older_text_is_the_act_now_in_force(built):
    document = built[NG2026]
    found = {k.target for k in document.links if k.predicate == "mentionsLaw"}
    assert "wet-verbetering-beschikbaarheid-jeugdzorg" in found


def test_words_containing_wet_are_no_law(built):
    document = built[ND2024]
    title = "We zetten een gedragswetenschapper in"
    section = next(e for e in document.elements if e.label == title)
    assert "gedragswetenschapper" in " ".join(ln.text for ln in section.lines)
    assert not [k for k in document.links if k.source == section.key and "Law" in k.predicate]


def test_report_flags_amended_and_ended_laws(corpus_graph):
    rows = law_report(corpus_graph / "beleidsgraaf.ttl")
    nb26 = [r for r in rows if r.document == ND2026 and r.law == "Participatiewet"]
    assert nb26 and all("Wet van school naar duurzaam werk" in r.flags for r in nb26)
    ng22 = [r for r in rows if r.document == NG2022 and r.law == "Wet voorkeursrecht gemeenten"]
    assert ng22 and all("no longer in force since 2024-01-01" in r.flags for r in ng22)
    nb24 = [r for r in rows if r.document == ND2024 and r.law == "Participatiewet"]
    assert nb24 and all("Wet van school naar duurzaam werk" in r.flags for r in nb24)


def test_report_rows_carry_evidence_from_the_document(corpus_graph, built):
    rows = law_report(corpus_graph / "beleidsgraaf.ttl", "Neder-Betuwe")
    assert {r.municipality for r in rows} == {"Neder-Betuwe"}
    for row in rows:
        line = built[row.document].source.lines[row.line - 1].text
        assert set(line.split()) & set(row.quote.split())
    assert "5.1.4.1" in render(rows, "table")
