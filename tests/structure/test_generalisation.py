"""Layouts seen in other municipalities' documents (issue 6), one fixture per pattern."""

from __future__ import annotations

import pytest

from beleidsgraaf.model import Kind
from beleidsgraaf.structure.lines import Shape, classify
from tests.conftest import by_label, element_lines, kinds, structure_of


def test_questions_with_bullets_give_goals_and_activities():
    s = structure_of(
        "Programma 2 Sociaal domein\n\nWat willen we bereiken?\n\n"
        "• Minder inwoners met problematische schulden\n• Meer inwoners aan het werk\n\n"
        "Wat gaan we daarvoor doen?\n\n"
        "• We breiden de schuldhulpverlening uit\n• We starten een werkgeversloket\n\n"
        "Wat mag het kosten?\n\nLasten € 1.000\n")
    assert [g.label for g in kinds(s.elements, Kind.GOAL)] == [
        "Minder inwoners met problematische schulden", "Meer inwoners aan het werk"]
    assert [a.label for a in kinds(s.elements, Kind.ACTIVITY)] == [
        "We breiden de schuldhulpverlening uit", "We starten een werkgeversloket"]


def test_headings_under_what_we_do_become_activities():
    s = structure_of(
        "Programma 4 Zorg\n\nWat gaan we daarvoor doen?\n\nArmoedebestrijding\n\n"
        "We verruimen de minimaregelingen.\n\nMantelzorg\n\nWe openen een steunpunt.\n\n"
        "Ontwikkelingen\n\nDe kosten stijgen.\n")
    activities = kinds(s.elements, Kind.ACTIVITY)
    assert [a.label for a in activities] == ["Armoedebestrijding", "Mantelzorg"]
    assert 7 in element_lines(activities[0])
    assert by_label(s.elements, "Ontwikkelingen").kind is Kind.SECTION


def test_bullets_inside_an_activity_are_its_text():
    s = structure_of(
        "Programma 4 Zorg\n\nWat gaan we daarvoor doen?\n\nMantelzorg\n\n"
        "We doen dit door:\n• een steunpunt\n• respijtzorg\n")
    [activity] = kinds(s.elements, Kind.ACTIVITY)
    assert {7, 8} <= element_lines(activity)


def test_programme_prefixed_codes():
    s = structure_of("P3 1. Bestaanszekerheid\nP3 1.1 Minder armoede\nP3 1.1.1 Schuldhulp\n"
                     "2025 e.v.\n")
    ambition, goal, activity = s.elements
    assert (ambition.kind, goal.kind, activity.kind) == (Kind.AMBITION, Kind.GOAL,
                                                         Kind.ACTIVITY)
    assert (ambition.code, goal.code, activity.code) == ("P3 1", "P3 1.1", "P3 1.1.1")
    assert activity.parent == goal.key and activity.timing == "2025 e.v."


def test_one_item_numbered_for_several_programmes():
    c = classify("1.2 / 3.2 / 4.3 / 5.1 Samen werken aan gezondheid")
    assert (c.shape, c.code, c.printed, c.title) == (
        Shape.CODE, "1.2", "1.2 / 3.2 / 4.3 / 5.1", "Samen werken aan gezondheid")


def test_theme_number_with_title_on_the_next_line():
    s = structure_of("Thema 4:\nGezondheid en zorg\nDoel 1: Iedereen gezond\n"
                     "Wat gaan we daarvoor doen? | |\n1. | Een actie. |\n")
    theme = kinds(s.elements, Kind.AMBITION)[0]
    assert (theme.code, theme.label) == ("4", "Gezondheid en zorg")
    assert len(kinds(s.elements, Kind.ACTIVITY)) == 1


def test_numbered_priorities_with_semicolons():
    s = structure_of("Programma 1 Sociaal\n\nOnze doelen zijn:\n"
                     "1.    Bestaanszekerheid;\n2.    Gezondheid;\n3.    Meedoen.\n")
    assert [g.label for g in kinds(s.elements, Kind.GOAL)] == [
        "Bestaanszekerheid", "Gezondheid", "Meedoen"]


def test_goal_tree_table_with_core_goal_column():
    s = structure_of("Doelenboom\nKerndoel | Operationeel doel | Acties | Planning |\n"
                     "Armoede voorkomen | Minder schulden | Vroegsignalering | 2025 |\n"
                     "Meer hulp | Schuldhulp | in Q3 2025 |\n")
    [ambition] = kinds(s.elements, Kind.AMBITION)
    goals = kinds(s.elements, Kind.GOAL)
    activities = kinds(s.elements, Kind.ACTIVITY)
    assert ambition.label == "Armoede voorkomen"
    assert [g.label for g in goals] == ["Minder schulden", "Meer hulp"]
    assert [(a.label, a.timing, a.parent) for a in activities] == [
        ("Vroegsignalering", "2025", goals[0].key), ("Schuldhulp", "in Q3 2025", goals[1].key)]


def test_pipe_residue_and_empty_question_headings():
    s = structure_of("Programma 1 Zorg\nWat willen we bereiken?\nWat gaan we doen?\n"
                     "| ||||||||\nOntwikkelingen\nDe vraag stijgt.\n")
    assert kinds(s.elements, Kind.ACTIVITY) == []
    covered = {n for e in s.elements for n in element_lines(e)}
    assert covered == {1, 2, 3, 4, 5, 6}


def test_loose_timing_in_a_table_is_kept_as_printed():
    s = structure_of("1.1 Ambitie\nWat willen we bereiken? | Wat gaan we doen? | Wanneer? |\n"
                     "Doel A | Actie 1 | dit najaar |\nActie 2 | de komende maanden |\n")
    assert [a.timing for a in kinds(s.elements, Kind.ACTIVITY)] == ["dit najaar",
                                                                    "de komende maanden"]


def test_annual_report_style_what_did_we_do():
    s = structure_of("Programma 6 Sociaal domein\n\nWat hebben we bereikt?\n\n"
                     "Het aantal inwoners in de bijstand daalde.\n\n"
                     "Wat hebben we daarvoor gedaan?\n\n"
                     "• We hebben 40 inwoners begeleid naar werk\n")
    assert [a.label for a in kinds(s.elements, Kind.ACTIVITY)] == [
        "We hebben 40 inwoners begeleid naar werk"]


def test_council_proposal_decisions_stay_text():
    s = structure_of("Raadsvoorstel\n\nOnderwerp: Beleidskader sociaal domein\n\n"
                     "Collegedatum: 3 maart 2025\n\nBesluit:\n1. in te stemmen met het kader;\n"
                     "2. het college op te dragen het uit te voeren.\n")
    assert kinds(s.elements, Kind.ACTIVITY) == []
    assert {7, 8} <= {n for e in s.elements for n in element_lines(e)}


def test_numbered_questions_are_not_ambitions():
    s = structure_of("Programma 2 Sociaal domein\n2.1 Wat willen we bereiken?\n"
                     "Iedereen doet mee.\n2.2 Wat gaan we daarvoor doen?\n"
                     "• We openen een werkplein\n")
    assert kinds(s.elements, Kind.AMBITION) == []
    assert [a.label for a in kinds(s.elements, Kind.ACTIVITY)] == ["We openen een werkplein"]


def test_programme_without_number_and_markdown_headings():
    s = structure_of("# Programma Sociaal Domein\n\n## Wat gaan we daarvoor doen?\n\n"
                     "**Armoedebestrijding**\n\nWe verruimen de regelingen.\n")
    [programme] = kinds(s.elements, Kind.PROGRAMME)
    assert (programme.label, programme.code) == ("Sociaal Domein", None)
    assert [a.label for a in kinds(s.elements, Kind.ACTIVITY)] == ["Armoedebestrijding"]


def test_financial_rows_after_a_goal_table_are_not_activities():
    s = structure_of("1.1 Ambitie\nWat willen we bereiken? | Wat gaan we doen? | Wanneer? |\n"
                     "Doel A | Actie 1 | 2025 |\nWat mag het kosten?\nLasten | 1.250 | 1.300 |\n"
                     "Baten | -200 | -210 |\n")
    assert [a.label for a in kinds(s.elements, Kind.ACTIVITY)] == ["Actie 1"]
    assert [g.label for g in kinds(s.elements, Kind.GOAL)] == ["Doel A"]


def test_navigation_glued_to_text_keeps_the_text():
    s = structure_of("Programma 1 Zorg\nTerug naar navigatie - Programma 1 - Wat willen we "
                     "bereiken?Iedereen in de gemeente doet mee.\n"
                     "Terug naar navigatie - Programma 1 - Wat gaan we doen?\n")
    assert s.noise == {3}
    assert 2 in {n for e in s.elements for n in element_lines(e)}


def test_flattened_table_with_wide_gaps_keeps_its_cells():
    s = structure_of("Doelenboom\nKerndoel     Operationeel doel     Acties     Planning\n"
                     "Armoede voorkomen     Minder schulden     Vroegsignalering     2025\n")
    assert [e.kind for e in s.elements[1:]] == [Kind.AMBITION, Kind.GOAL, Kind.ACTIVITY]
    assert kinds(s.elements, Kind.ACTIVITY)[0].timing == "2025"


def test_one_cell_per_line_budget_with_markers_is_kept_as_text():
    s = structure_of("Programma 2 Zorg\n\nWat mag het kosten?\n\nx € 1.000\nLasten\n12.400\nN\n"
                     "Baten\n-3.100\nV\n")
    assert kinds(s.elements, Kind.ACTIVITY) == [] and kinds(s.elements, Kind.GOAL) == []
    covered = {n for e in s.elements for n in element_lines(e)}
    assert covered == {1, 3, 5, 6, 7, 8, 9, 10, 11}


def test_letter_spaced_scan_heading_is_joined():
    assert classify("b e s l u i t").text == "besluit"
    assert classify("Het college van B & W").text == "Het college van B & W"


def test_headings_marked_by_the_reader_are_headings():
    from beleidsgraaf.model import Line
    from beleidsgraaf.structure import recognise
    from tests.conftest import source_of

    text = "Programma 1 Zorg\nMantelzorg in de wijk\nen daarbij openen we een steunpunt.\n"
    assert not any(e.label == "Mantelzorg in de wijk" for e in recognise(source_of(text)).elements)
    source = source_of(text)
    source.lines[1] = Line(2, source.lines[1].text, heading=True)
    s = recognise(source)
    assert by_label(s.elements, "Mantelzorg in de wijk").kind is Kind.SECTION


@pytest.mark.parametrize(
    "header",
    ["Wat willen we bereiken? | Wat gaan we daarvoor doen? |",
     "Wat willen we bereiken? | Wat gaan we daarvoor doen? | Wanneer? |"])
def test_a_table_headed_by_the_goal_question_is_a_goal_table(header):
    s = structure_of(f"Programma 2 Zorg\n\n{header}\n"
                     "Inwoners doen mee. | We bieden hulp bij werk. |\n")
    assert s.layout == "goal-table"
    [goal] = kinds(s.elements, Kind.GOAL)
    assert [a.parent for a in kinds(s.elements, Kind.ACTIVITY)] == [goal.key]
