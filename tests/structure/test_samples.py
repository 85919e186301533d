"""Whole-document structure of the five samples; expected values read from the documents."""

from __future__ import annotations

import pytest

from beleidsgraaf.model import Kind
from beleidsgraaf.read import read_document
from beleidsgraaf.structure import recognise
from tests.conftest import (
    CORPUS,
    ND2024,
    ND2026,
    NG2022,
    NG2026,
    WIJCHEN,
    by_label,
    element_lines,
    kinds,
)


def structure(name: str):
    return recognise(read_document(CORPUS / name))


@pytest.mark.parametrize(
    ("name", "layout", "programmes", "ambitions", "goals", "activities"),
    [
        (ND2026, "numbered", 1, 2, 8, 25),
        (ND2024, "goal-table", 0, 2, 7, 23),
        (NG2022, "themes", 0, 3, 14, 60),
        (NG2026, "narrative", 1, 0, 3, 0),
        (WIJCHEN, "memo", 0, 1, 0, 5),
    ],
)
def test_counts(name, layout, programmes, ambitions, goals, activities):
    s = structure(name)
    assert s.layout == layout
    assert len(kinds(s.elements, Kind.PROGRAMME)) == programmes
    assert len(kinds(s.elements, Kind.AMBITION)) == ambitions
    assert len(kinds(s.elements, Kind.GOAL)) == goals
    assert len(kinds(s.elements, Kind.ACTIVITY)) == activities


@pytest.mark.parametrize("name", [ND2024, ND2026, NG2022, NG2026, WIJCHEN])
def test_coverage_above_95_percent(name):
    source = read_document(CORPUS / name)
    s = recognise(source)
    text = {ln.number for ln in source.lines if ln.text.strip()} - s.noise
    covered = {ln.number for e in s.elements for ln in e.lines}
    assert len(text & covered) / len(text) > 0.95


def test_every_element_has_one_parent_of_a_higher_kind():
    order = [Kind.PROGRAMME, Kind.AMBITION, Kind.GOAL, Kind.ACTIVITY]
    for name in (ND2024, ND2026, NG2022, NG2026, WIJCHEN):
        elements = {e.key: e for e in structure(name).elements}
        for element in elements.values():
            if element.kind in order[1:] and element.parent:
                parent = elements[element.parent]
                assert parent.kind is Kind.SECTION or \
                    order.index(parent.kind) < order.index(element.kind), element.key


# --- Neder-Betuwe 2026: numbered summary, then "Activiteiten 2026" narrative ----------
@pytest.mark.parametrize(
    ("code", "timing"),
    [("5.1.1.1", "continu"), ("5.1.2.2", "2025 e.v."), ("5.1.4.1", "2026 e.v."),
     ("5.2.1.3", "2024 e.v."), ("5.2.2.1", "2024-2026"), ("5.2.3.4", "2024-2026"),
     ("5.2.4.1", "2024-2026"), ("5.2.4.2", "continu")],
)
def test_nb2026_timing(code, timing):
    element = next(e for e in structure(ND2026).elements if e.code == code)
    assert element.kind is Kind.ACTIVITY
    assert element.timing == timing


def test_nb2026_all_activities_have_timing_and_four_part_codes():
    activities = kinds(structure(ND2026).elements, Kind.ACTIVITY)
    assert all(a.timing for a in activities)
    assert all(a.code and a.code.count(".") == 3 for a in activities)


def test_nb2026_hierarchy_and_titles():
    elements = {e.code: e for e in structure(ND2026).elements if e.code}
    assert elements["5"].kind is Kind.PROGRAMME
    assert elements["5"].label == "Wmo, jeugdzorg en participatiewet"
    assert elements["5.1"].label == ("Inwoners zijn zoveel mogelijk zelfredzaam en kunnen "
                                     "deelnemen aan de samenleving")
    assert elements["5.1.4"].label == ("Voldoende opvangplekken voor asielzoekers conform "
                                       "opgave Spreidingswet")
    assert elements["5.1.1.1"].parent == "5.1.1"
    assert elements["5.1.1"].parent == "5.1"


def test_nb2026_wrapped_title_is_joined():
    activity = next(e for e in structure(ND2026).elements if e.code == "5.2.2.1")
    assert activity.label == (
        "We werken de aanpak 'Opgroeien in een Kansrijke Omgeving' (OKO) "
        "- voorheen IJslands Preventiemodel - nader uit en implementeren deze")


def test_nb2026_narrative_attaches_to_the_same_activity():
    elements = {e.code: e for e in structure(ND2026).elements if e.code}
    assert {104, 106} <= element_lines(elements["5.1.1.1"])
    assert {130, 132, 134, 138} <= element_lines(elements["5.1.2.2"])  # "Schulpverlening"
    assert 307 in element_lines(elements["5.2.4.2"])
    assert len([e for e in structure(ND2026).elements if e.code == "5.1.2.2"]) == 1


def test_nb2026_developments_are_sections():
    elements = structure(ND2026).elements
    developments = [e for e in elements if e.label == "Ontwikkelingen voor 2026"]
    assert [d.kind for d in developments] == [Kind.SECTION, Kind.SECTION]
    measures = by_label(elements, "Beheersmaatregelen jeugd")
    assert measures.kind is Kind.SECTION
    assert measures.parent == developments[1].key
    assert 312 in element_lines(measures)


# --- Neder-Betuwe 2024: goal/activity/timing pipe table, then narrative ----------
def test_nb2024_shifted_rows_belong_to_the_goal_above():
    elements = structure(ND2024).elements
    goal = by_label(elements, "Inwoners met een hulpvraag ontvangen passende ondersteuning")
    children = [e.label for e in elements if e.parent == goal.key]
    assert children == [
        "We bieden een helpende hand bij het formuleren van een hulpvraag, door onder andere "
        "onafhankelijke cliëntondersteuning, het welzijnswerk en de Kernpunten",
        "Wij borgen de kwaliteit en beschikbaarheid van ondersteuning",
        "We zorgen dat inwoners keuzevrijheid hebben zodat de geboden hulp aansluit bij hun "
        "levensovertuiging en identiteit",
        "We ondersteunen vormen van informele zorg en blijven hiervoor in gesprek met onze "
        "(lokale) partners",
    ]
    assert goal.code is None


def test_nb2024_timing_and_new_marker():
    elements = structure(ND2024).elements
    overlast = by_label(elements, "We zetten in op een duurzame aanpak van jeugdoverlast")
    assert overlast.label == "We zetten in op een duurzame aanpak van jeugdoverlast"
    assert overlast.timing == "2024-2026"
    assert overlast.properties.get("new") == "true"
    assert by_label(elements, "We zetten in op het vroegtijdig signaleren").timing == "2024 e.v."


def test_nb2024_subheadings_are_sections_under_their_activity():
    elements = structure(ND2024).elements
    activity = by_label(elements, "Wij borgen de kwaliteit en beschikbaarheid")
    for title in ("Monitoring sociaal domein", "Inkoop Wmo hulpmiddelen",
                  "We faciliteren ondersteuning in buitengewone situaties",
                  "We zetten een gedragswetenschapper in"):
        section = by_label(elements, title)
        assert section.kind is Kind.SECTION
        assert section.parent == activity.key
    assert 24 in element_lines(activity)


def test_nb2024_narrative_title_with_remark_reopens_the_activity():
    elements = structure(ND2024).elements
    activity = by_label(elements, "We geven uitvoering aan maatregelen ter bestrijding")
    assert {12, 41} <= element_lines(activity)
    assert by_label(elements, "Kabinetsmaatregelen").parent == activity.key


# --- Nieuwegein 2022: themes → "Doel N:" → numbered activities -------------------
def test_ng2022_themes_goals_and_activity_codes():
    elements = structure(NG2022).elements
    themes = [e.label for e in kinds(elements, Kind.AMBITION)]
    assert themes == ["Versterking eigen kracht", "Ondersteuning", "Bescherming"]
    goal = by_label(elements, "Inwoners met een bijstandsuitkering vinden (on)betaald werk")
    assert goal.code == "5"
    activities = [e for e in elements if e.parent == goal.key]
    assert [a.code for a in activities] == ["1", "2", "3", "4", "5"]


def test_ng2022_cell_continuing_on_next_line_stays_in_the_activity():
    elements = structure(NG2022).elements
    activity = by_label(elements, "We pakken het thema acceptatie in de wijk")
    assert element_lines(activity) == {56, 57}


# --- Nieuwegein 2026: narrative programme plan -----------------------------------
def test_ng2026_programme_priorities_and_budget():
    elements = structure(NG2026).elements
    programme = kinds(elements, Kind.PROGRAMME)[0]
    assert (programme.code, programme.label) == (
        "2.5", "Versterking eigen kracht, Ondersteuning en Bescherming")
    goals = [g.label for g in kinds(elements, Kind.GOAL)]
    assert goals == ["Het behouden en versterken van gemeenschapszin",
                     "Vergroten van gelijke kansen op bestaanszekerheid",
                     "Toekomstbestendige zorg en ondersteuning"]
    assert all(g.parent == programme.key for g in kinds(elements, Kind.GOAL))
    relations = by_label(elements, "Relatie met andere programma's")
    assert relations.kind is Kind.SECTION
    budget = next(e for e in elements if "unit" in e.properties)
    assert budget.properties["unit"] == "1000"
    assert budget.properties["amount:lasten"] == "108.127"
    assert budget.properties["amount:saldo"] == "74.244"


# --- Wijchen 2025: council information memo --------------------------------------
def test_wijchen_memo_measures_and_previous_decision():
    elements = structure(WIJCHEN).elements
    subject = kinds(elements, Kind.AMBITION)[0]
    assert subject.label == "Robuust sociaal team en sterke sociale basis"
    measures = [a.label for a in kinds(elements, Kind.ACTIVITY)]
    assert measures == ["Buurtgezinnen", "POH", "GEM", "Ouderschapsbemiddeling",
                        "Robuust sociaal team"]
    decision = by_label(elements, "Regioprogramma Jeugd 2023-2028")
    assert decision.kind is Kind.SECTION
    assert decision.properties["decisionDate"] == "19-12-2023"
    assert decision.properties["caseNumber"] == "Z/23/140751"
    assert by_label(elements, "Kernboodschap").kind is Kind.SECTION


def test_nb2024_narrative_title_longer_than_the_table_cell_reopens_the_activity():
    elements = structure(ND2024).elements
    oko = by_label(elements, "We werken de aanpak 'Opgroeien in een Kansrijke Omgeving' (OKO)")
    assert element_lines(oko) == {79, 101, 102}
