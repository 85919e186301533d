"""Default timings stated once for a document or a part of it ("…, tenzij anders vermeld").

The fixture documents are written here; line numbers and expected timings are read
off them.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, XSD

from beleidsgraaf.model import Evidence, Kind
from beleidsgraaf.rdf.namespaces import BG
from tests.conftest import kinds, structure_of

# Line 5 is the sentence under test; activity 2.1.1.2 has a timing of its own.
DOCUMENT = """Programmabegroting 2026

Inleiding

{sentence}

Programma 2 Zorg en welzijn

2.1 Iedereen doet mee

2.1.1 Inwoners zijn zelfredzaam

2.1.1.1 Wij versterken de sociale wijkteams

2.1.1.2 Wij openen een werkgeversloket
2025 e.v.

2.2 Gezond opgroeien

2.2.1 Jongeren groeien veilig op

2.2.1.1 Wij investeren in preventie op scholen
"""
GOALS = ("2.1.1", "2.2.1")
UNTIMED_ACTIVITIES = ("2.1.1.1", "2.2.1.1")


def timings(text: str) -> dict[str, tuple[str | None, Evidence | None]]:
    """Code → (timing, evidence) of every goal and activity."""
    elements = structure_of(text).elements
    return {
        e.code: (e.timing, e.timing_evidence)
        for e in elements
        if e.kind in (Kind.GOAL, Kind.ACTIVITY)
    }


@pytest.mark.parametrize(
    ("sentence", "printed", "targets"),
    [pytest.param("Alle doelen worden bereikt in 2027, tenzij anders vermeld.", "in 2027",
                  GOALS, id="goals-reached-in"),
     pytest.param("De activiteiten lopen tot en met 2026, tenzij anders aangegeven.",
                  "tot en met 2026", UNTIMED_ACTIVITIES, id="activities-until"),
     pytest.param("Tenzij anders vermeld, lopen alle activiteiten van 2024 tot en met 2027.",
                  "van 2024 tot en met 2027", UNTIMED_ACTIVITIES, id="unless-first"),
     pytest.param("Waar niet anders vermeld, worden de doelen en activiteiten in 2026 "
                  "gerealiseerd.", "in 2026", GOALS + UNTIMED_ACTIVITIES, id="both-kinds"),
     pytest.param("Alle acties zijn doorlopend, tenzij bij de actie anders is aangegeven.",
                  "doorlopend", UNTIMED_ACTIVITIES, id="continuous"),
     pytest.param("De beleidsdoelen gelden voor de periode 2024-2027, tenzij anders vermeld.",
                  "2024-2027", GOALS, id="period")],
)  # fmt: skip
def test_a_default_in_the_introduction_holds_for_the_whole_document(sentence, printed, targets):
    found = timings(DOCUMENT.format(sentence=sentence))
    expected = {code: (None, None) for code in found}
    expected.update({code: (printed, Evidence(sentence, 5)) for code in targets})
    expected["2.1.1.2"] = ("2025 e.v.", None)  # its own timing wins
    assert found == expected


@pytest.mark.parametrize(
    "sentence",
    ["Alle activiteiten worden in 2026 geëvalueerd.",
     "De activiteiten worden uitgevoerd door het sociaal team, tenzij anders vermeld.",
     "De subsidie loopt tot en met 2026, tenzij anders vermeld.",
     "Tenzij anders vermeld worden de activiteiten jaarlijks besproken.",
     "We starten in 2026 met de activiteiten, tenzij de raad anders besluit."],
)  # fmt: skip
def test_sentences_that_set_no_default(sentence):
    found = timings(DOCUMENT.format(sentence=sentence))
    assert {code for code, (timing, _) in found.items() if timing} == {"2.1.1.2"}


SECTIONS = """Programma 2 Zorg en welzijn

Alle doelen worden bereikt in 2027, tenzij anders vermeld.

2.1 Iedereen doet mee

2.1.1 Inwoners zijn zelfredzaam

De activiteiten voor dit doel lopen tot en met 2026, tenzij anders aangegeven.

2.1.1.1 Wij versterken de sociale wijkteams

2.1.1.2 Wij openen een werkgeversloket
2025 e.v.

2.2 Gezond opgroeien

2.2.1 Jongeren groeien veilig op

2.2.1.1 Wij investeren in preventie op scholen
"""


def test_a_default_inside_a_part_holds_for_that_part_only():
    goals = Evidence("Alle doelen worden bereikt in 2027, tenzij anders vermeld.", 3)
    own = Evidence(
        "De activiteiten voor dit doel lopen tot en met 2026, tenzij anders aangegeven.", 9
    )
    assert timings(SECTIONS) == {
        "2.1.1": ("in 2027", goals),
        "2.1.1.1": ("tot en met 2026", own),
        "2.1.1.2": ("2025 e.v.", None),
        "2.2.1": ("in 2027", goals),
        "2.2.1.1": (None, None),
    }


def test_the_narrower_default_wins():
    text = DOCUMENT.format(
        sentence="Alle activiteiten lopen tot en met 2027, tenzij anders vermeld."
    ).replace(
        "2.2 Gezond opgroeien\n",
        "2.2 Gezond opgroeien\n\nDe activiteiten van deze ambitie lopen in 2026, tenzij "
        "anders vermeld.\n",
    )
    found = timings(text)
    assert (found["2.1.1.1"][0], found["2.2.1.1"][0]) == ("tot en met 2027", "in 2026")
    assert found["2.2.1.1"][1] == Evidence(
        "De activiteiten van deze ambitie lopen in 2026, tenzij anders vermeld.", 20
    )


def test_a_default_in_a_sentence_wrapped_over_lines_points_at_its_first_line():
    text = DOCUMENT.format(
        sentence="Deze begroting is opgesteld voor 2026. Alle doelen\n"
        "worden bereikt in 2027, tenzij anders vermeld."
    )
    goal = next(e for e in structure_of(text).elements if e.kind is Kind.GOAL)
    assert (goal.timing, goal.timing_evidence) == (
        "in 2027",
        Evidence("Alle doelen worden bereikt in 2027, tenzij anders vermeld.", 5),
    )


def test_a_default_goes_to_goals_of_a_goal_table():
    s = structure_of(
        "Programma 3 Werk\n\nDe doelen worden bereikt in 2028, tenzij anders vermeld.\n\n"
        "Wat willen we bereiken? | Wat gaan we daarvoor doen? | Wanneer? |\n"
        "Meer inwoners aan het werk | Werkgeversloket | continu |\n"
        "Schulden voorkomen | Vroegsignalering | |\n"
    )
    assert [(g.label, g.timing) for g in kinds(s.elements, Kind.GOAL)] == [
        ("Meer inwoners aan het werk", "in 2028"),
        ("Schulden voorkomen", "in 2028"),
    ]
    assert [a.timing for a in kinds(s.elements, Kind.ACTIVITY)] == ["continu", None]


# ------------------------------------------------------------------ in the graph
def test_the_graph_gives_a_default_timing_with_the_sentence_as_evidence(tmp_path):
    from beleidsgraaf.build import run_build

    path = tmp_path / "leudal_2026_begroting-zorg.txt"
    path.write_text(SECTIONS, encoding="utf-8")
    outcome = run_build([path], tmp_path / "out", maps=False)
    graph = Graph().parse(tmp_path / "out" / "beleidsgraaf.ttl", format="turtle")
    doc = next(graph.subjects(BG.sourceFile, Literal(path.name)))
    goal, activity = (next(graph.subjects(BG.code, Literal(code))) for code in ("2.2.1", "2.1.1.1"))
    assert (
        str(graph.value(goal, BG.timing)),
        graph.value(goal, BG.startYear).toPython(),
        graph.value(goal, BG.endYear).toPython(),
    ) == ("in 2027", 2027, 2027)
    assert (graph.value(activity, BG.startYear), graph.value(activity, BG.endYear).toPython()) == (
        None,
        2026,
    )
    [node] = [
        n for n in graph.subjects(RDF.predicate, BG.timing) if graph.value(n, RDF.subject) == goal
    ]
    assert (
        graph.value(node, RDF.type),
        graph.value(node, RDF.object),
        graph.value(node, BG.quote),
        graph.value(node, BG.line),
        graph.value(node, PROV.wasDerivedFrom),
    ) == (
        BG.Evidence,
        Literal("in 2027"),
        Literal("Alle doelen worden bereikt in 2027, tenzij anders vermeld."),
        Literal(3, datatype=XSD.integer),
        doc,
    )
    # a timing printed with the activity itself needs no evidence
    own = next(graph.subjects(BG.code, Literal("2.1.1.2")))
    assert not [
        n for n in graph.subjects(RDF.subject, own) if graph.value(n, RDF.predicate) == BG.timing
    ]
    assert (
        (tmp_path / "out" / "validation.txt")
        .read_text(encoding="utf-8")
        .startswith("The graph conforms")
    ), outcome
