"""One small fixture document per structure rule."""

from __future__ import annotations

import pytest

from beleidsgraaf.model import Kind
from beleidsgraaf.structure.lines import Shape, classify
from beleidsgraaf.structure.timing import parse_timing
from tests.conftest import by_label, element_lines, kinds, structure_of


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("Programma 3 Sociaal domein", Shape.PROGRAMME),
        ("Thema 4: Zorg", Shape.KEYWORD),
        ("Doel 2: Iedereen doet mee", Shape.KEYWORD),
        ("3.1.2", Shape.CODE),
        ("3.1.2 We doen iets", Shape.CODE),
        ("1.1.1 - Bestaanszekerheid", Shape.CODE),
        ("1.    Bestaanszekerheid;", Shape.LIST_ITEM),
        ("Wat gaan we daarvoor doen?", Shape.QUESTION),
        ("2024-2026", Shape.TIMING),
        ("continu", Shape.TIMING),
        ("---|---|---|", Shape.SEPARATOR),
        ("| ||||||||", Shape.SEPARATOR),
        ("Deze pagina is gebouwd op 10/03/2025 11:13:17 met de export van 10/03/2025", Shape.NOISE),
        ("Terug naar navigatie - Home - Programma 3", Shape.NOISE),
        ("Collegedatum: 20 mei 2025", Shape.FIELD),
        ("19-12-2023 Regioprogramma Jeugd (Z/23/140751)", Shape.DECISION),
        ("Lasten € 108.127", Shape.AMOUNT),
        ("1.250 inwoners doen mee", Shape.TEXT),
        ("Inwoners doen mee.", Shape.TEXT),
    ],
)
def test_line_shapes(text, shape):
    assert classify(text).shape is shape


@pytest.mark.parametrize(
    ("printed", "start", "end", "continuous"),
    [("continu", None, None, True), ("2025 e.v.", 2025, None, False),
     ("2024-2026", 2024, 2026, False), ("(2024-2027)", 2024, 2027, False),
     ("vanaf 2026", 2026, None, False), ("In 2026", 2026, 2026, False),
     ("in Q3 2025", 2025, 2025, False), ("Per jaar", None, None, True),
     ("dit najaar", None, None, False), ("de komende maanden", None, None, False),
     ("tot zomer 2023", None, 2023, False)],
)
def test_timing_parsing(printed, start, end, continuous):
    timing = parse_timing(printed)
    assert timing is not None and timing.printed == printed
    assert (timing.start, timing.end, timing.continuous) == (start, end, continuous)


@pytest.mark.parametrize("text", ["Wonen voor iedereen", "Ambities", "in samenwerking met de GGD"])
def test_not_a_timing(text):
    assert parse_timing(text) is None


def test_code_on_its_own_line_takes_the_next_lines_as_title():
    s = structure_of("Programma 2 Zorg\n\n2.1 Ambitie\n\n2.1.1\nEen doel\n\n"
                     "2.1.1.1\nEen activiteit die over\ntwee regels loopt\n\n2024 e.v.\n")
    activity = kinds(s.elements, Kind.ACTIVITY)[0]
    assert activity.label == "Een activiteit die over twee regels loopt"
    assert activity.timing == "2024 e.v."
    assert activity.parent == "2.1.1"


def test_repeated_code_reopens_instead_of_duplicating():
    s = structure_of("Programma 2 Zorg\n2.1 Ambitie\n2.1 Ambitie\n2.1.1\nDoel\n2.1.1.1\nActie\n"
                     "continu\nActiviteiten 2025\n2.1.1.1 Actie met andere spelling\n"
                     "Wat we in 2025 doen staat hier.\n")
    assert len(kinds(s.elements, Kind.AMBITION)) == 1
    activity = kinds(s.elements, Kind.ACTIVITY)[0]
    assert {10, 11} <= element_lines(activity)


def test_deepest_numbering_with_timing_is_the_activity_level_without_programme_line():
    s = structure_of("3.1 Thema\n3.1.1\nDoel\n3.1.1.1\nActie een\ncontinu\n3.1.1.2\nActie twee\n"
                     "2026\n")
    assert [e.kind for e in s.elements] == [Kind.AMBITION, Kind.GOAL, Kind.ACTIVITY,
                                            Kind.ACTIVITY]


def test_goal_table_rows_shift_left_under_the_goal():
    s = structure_of("1.1 Ambitie\nWat willen we bereiken? | Wat gaan we daarvoor doen? | "
                     "Wanneer speelt het? |\n---|---|---|\nDoel A | Actie 1 | continu |\n"
                     "Actie 2 | 2025 |\nDoel B | Actie 3 | 2024-2026 |\n")
    goals = kinds(s.elements, Kind.GOAL)
    assert [g.label for g in goals] == ["Doel A", "Doel B"]
    activities = kinds(s.elements, Kind.ACTIVITY)
    assert [(a.label, a.parent, a.timing) for a in activities] == [
        ("Actie 1", goals[0].key, "continu"), ("Actie 2", goals[0].key, "2025"),
        ("Actie 3", goals[1].key, "2024-2026")]


def test_narrative_headings_after_a_table_are_sections_of_the_matched_activity():
    s = structure_of("1.1 Ambitie\nWat willen we bereiken? | Wat gaan we daarvoor doen? | "
                     "Wanneer? |\nDoel A | We helpen inwoners snel | continu |\n"
                     "Activiteiten 2025\nWe helpen inwoners snel\nInkoop hulpmiddelen\n"
                     "Dit jaar kopen we hulpmiddelen in.\n")
    activity = kinds(s.elements, Kind.ACTIVITY)[0]
    section = by_label(s.elements, "Inkoop hulpmiddelen")
    assert section.kind is Kind.SECTION and section.parent == activity.key
    assert element_lines(section) == {6, 7}


def test_numbered_list_under_what_we_do_question_gives_activities():
    s = structure_of("Thema Zorg\nDoel 1: Iedereen doet mee\nWat gaan we daarvoor doen? | |\n"
                     "1. | Eerste actie. | |\n2. | Tweede actie die doorloopt\n"
                     "op de volgende regel. |\n")
    activities = kinds(s.elements, Kind.ACTIVITY)
    assert [a.code for a in activities] == ["1", "2"]
    assert element_lines(activities[1]) == {5, 6}


def test_list_introduced_by_priorities_gives_goals():
    s = structure_of("Programma 4 Welzijn\n\nInleiding\n\nDit zijn onze speerpunten:\n\n"
                     "  1. Gemeenschapszin;\n  2. Bestaanszekerheid.\n\nDaarna volgt tekst.\n")
    goals = kinds(s.elements, Kind.GOAL)
    assert [g.label for g in goals] == ["Gemeenschapszin", "Bestaanszekerheid"]
    assert 10 in element_lines(by_label(s.elements, "Inleiding"))


def test_memo_measures_become_activities():
    s = structure_of("Onderwerp: Sterk sociaal team\n\nCollegedatum: 3 juni 2025\n\n"
                     "Toelichting\n\nWe lichten de onderdelen toe.\n\nBuurtgezinnen\n\n"
                     "Gezinnen helpen gezinnen.\n\nGevolgen\n\nMinder zorg.\n")
    assert kinds(s.elements, Kind.AMBITION)[0].label == "Sterk sociaal team"
    assert [a.label for a in kinds(s.elements, Kind.ACTIVITY)] == ["Buurtgezinnen"]
    assert by_label(s.elements, "Gevolgen").kind is Kind.SECTION


def test_hard_wrapped_sentence_is_not_a_heading():
    wrapped = "\n".join(["Regel een van een lange alinea die hier netjes", "doorloopt naar een"
                         " volgende regel zonder punt en", "zo verder tot het einde."] * 4)
    s = structure_of("Onderwerp: X\n\nCollegedatum: 1 mei 2025\n\nToelichting\n\n" + wrapped
                     + "\n\nIn de zomer van 2021 is het regionale plan aanpak Huiselijk Geweld en"
                     "\nKindermishandeling vastgesteld.\n")
    assert kinds(s.elements, Kind.ACTIVITY) == []


def test_budget_lines_with_unit():
    s = structure_of("Programma 1 Zorg\n\nTekst.\n\n(bedragen x €1.000)\nLasten € 1.500\n"
                     "Baten € -500\nSaldo € 1.000\n")
    budget = next(e for e in s.elements if "unit" in e.properties)
    assert budget.properties == {"unit": "1000", "amount:lasten": "1.500",
                                 "amount:baten": "-500", "amount:saldo": "1.000"}


def test_noise_lines_are_not_attached_but_recorded():
    s = structure_of("Programma 1 Zorg\nTekst.\nDeze pagina is gebouwd op 1/1/2025 met de export"
                     " van 1/1/2025\n")
    assert s.noise == {3}
    assert all(3 not in element_lines(e) for e in s.elements)


def test_unknown_layout_still_keeps_every_line():
    s = structure_of("Een notitie\n\nZomaar wat tekst zonder structuur.\n\nNog een alinea.\n")
    covered = {n for e in s.elements for n in element_lines(e)}
    assert covered == {1, 3, 5}
