"""PDF: tables without ruling lines whose cells wrap, and text set in columns (issue 6).

A two-column goal table read line by line mixes its columns: the cells of a row
side by side on one line, or — when the columns' baselines differ — a line of
the left column, then one of the right. The fixtures are written by the tests
with reportlab (``makers.Grid`` wraps each cell to its column width as a word
processor does); the expected texts are the cells as written below.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal

from beleidsgraaf.model import Kind
from beleidsgraaf.pipeline import Context, process
from beleidsgraaf.rdf.mapping import DocumentMapper, document_iris
from beleidsgraaf.rdf.namespaces import BG
from beleidsgraaf.read import read_document
from tests.read.makers import Big, Cols, Gap, Grid, make_pdf

INTRO = "Hieronder staan de doelen van het programma."
AFTER = "Een gewone alinea na de tabel die over de hele breedte van de pagina loopt."
GOALS = [
    (["Wat willen we bereiken?"], ["Wat gaan we daarvoor doen?"]),
    (
        ["Inwoners zijn zelfredzaam en doen mee in de samenleving."],
        [
            "We versterken de toegang tot de sociale wijkteams.",
            "We bieden schuldhulp-\nverlening aan alle inwoners.",
        ],
    ),
    (
        ["Jongeren groeien gezond en veilig op en krijgen hulp als dat nodig is."],
        ["We investeren in preventie op scholen samen met de GGD."],
    ),
    (
        ["Ouderen wonen langer thuis."],
        [
            "– We bouwen meer levensloopbestendige woningen in alle kernen.",
            "– We ondersteunen mantelzorgers.",
        ],
    ),
]
ROWS = [
    "Wat willen we bereiken? | Wat gaan we daarvoor doen? |",
    "Inwoners zijn zelfredzaam en doen mee in de samenleving. | "
    "We versterken de toegang tot de sociale wijkteams. |",
    "| We bieden schuldhulpverlening aan alle inwoners. |",
    "Jongeren groeien gezond en veilig op en krijgen hulp als dat nodig is. | "
    "We investeren in preventie op scholen samen met de GGD. |",
    "Ouderen wonen langer thuis. | "
    "– We bouwen meer levensloopbestendige woningen in alle kernen. |",
    "| – We ondersteunen mantelzorgers. |",
]


def texts(tmp_path: Path, pages) -> list[str]:
    return [line.text for line in read_document(make_pdf(tmp_path / "doc.pdf", pages)).lines]


@pytest.mark.parametrize(
    "grid",
    [
        pytest.param(Grid(GOALS), id="cells-side-by-side"),
        pytest.param(Grid(GOALS, shifts=(0, 6)), id="right-column-lower-lines-alternate"),
        pytest.param(Grid(GOALS, shifts=(6, 0)), id="left-column-lower-lines-alternate"),
        pytest.param(Grid(GOALS, shifts=(0, 9), padding=0), id="almost-a-line-lower-no-row-space"),
        pytest.param(Grid(GOALS, shifts=(0, -6)), id="right-column-higher"),
        pytest.param(Grid(GOALS, padding=0), id="no-space-between-rows"),
        pytest.param(Grid(GOALS, padding=12), id="wide-space-between-rows"),
        pytest.param(Grid(GOALS, xs=(72.0, 250.0)), id="narrow-first-column"),
    ],
)
def test_a_two_column_table_with_wrapped_cells_is_read_cell_by_cell(tmp_path, grid):
    lines = texts(tmp_path, [[INTRO, Gap(), grid, AFTER]])
    assert [text for text in lines if text] == [INTRO, *ROWS, AFTER]


def test_the_rows_keep_their_page_and_line(tmp_path):
    path = make_pdf(tmp_path / "doc.pdf", [[INTRO], [Big("Doelen"), Grid(GOALS[:2])]])
    lines = read_document(path).lines
    assert [(ln.number, ln.page, ln.text) for ln in lines] == [
        (1, 1, INTRO),
        (2, 2, ""),
        (3, 2, "Doelen"),
        (4, 2, ""),
        (5, 2, ROWS[0]),
        (6, 2, ROWS[1]),
        (7, 2, ROWS[2]),
    ]


def test_the_last_short_line_of_a_paragraph_above_a_table_stays_text(tmp_path):
    lines = texts(
        tmp_path,
        [
            [
                "Dit is de eerste regel van een alinea die over de hele breedte",
                "loopt.",
                Grid(GOALS[:2], padding=0),
            ]
        ],
    )
    assert lines == [
        "Dit is de eerste regel van een alinea die over de hele breedte",
        "loopt.",
        *ROWS[:3],
    ]


def test_a_third_column_keeps_each_timing_beside_its_activity(tmp_path):
    grid = Grid(
        [
            (["Wat willen we bereiken?"], ["Wat gaan we daarvoor doen?"], ["Wanneer?"]),
            (
                ["Schulden voorkomen"],
                [
                    "We starten met vroegsignalering van betalingsachterstanden.",
                    "We openen een schuldenloket.",
                ],
                ["2025 e.v.\n", "in Q3 2026"],
            ),
            (
                ["Meer inwoners aan het werk"],
                ["We bieden hulp bij werk volgens de Participatiewet."],
                ["continu"],
            ),
        ],
        xs=(72.0, 230.0, 440.0),
    )
    assert texts(tmp_path, [[grid]]) == [
        "Wat willen we bereiken? | Wat gaan we daarvoor doen? | Wanneer? |",
        "Schulden voorkomen | We starten met vroegsignalering van betalingsachterstanden. | "
        "2025 e.v. |",
        "| We openen een schuldenloket. | in Q3 2026 |",
        "Meer inwoners aan het werk | We bieden hulp bij werk volgens de Participatiewet. | "
        "continu |",
    ]


def test_text_in_two_columns_is_read_column_after_column(tmp_path):
    left = [
        "De gemeente werkt aan een sterk sociaal domein. Inwoners kunnen rekenen op hulp "
        "dichtbij huis.",
        "Wij werken daarbij samen met partners in de wijk, zoals het sociaal team en de "
        "huisartsen.",
    ]
    right = [
        "Daarnaast investeren we in preventie. Zo voorkomen we dat problemen groter "
        "worden. De kosten van de jeugdzorg blijven stijgen, daarom sturen we op resultaat "
        "en op samenwerking."
    ]
    assert texts(tmp_path, [[INTRO, Gap(), Grid([(left, right)], width=528.0)]]) == [
        INTRO,
        "",
        "De gemeente werkt aan een sterk sociaal",
        "domein. Inwoners kunnen rekenen op hulp",
        "dichtbij huis.",
        "Wij werken daarbij samen met partners in de",
        "wijk, zoals het sociaal team en de huisartsen.",
        "Daarnaast investeren we in preventie. Zo",
        "voorkomen we dat problemen groter worden. De",
        "kosten van de jeugdzorg blijven stijgen, daarom",
        "sturen we op resultaat en op samenwerking.",
    ]


def test_an_indented_block_under_short_lines_stays_in_place(tmp_path):
    assert texts(
        tmp_path,
        [
            [
                "Kort.",
                "Ook kort.",
                Cols(("", "Een ingesprongen citaat over"), xs=(72.0, 150.0)),
                Cols(("", "twee regels."), xs=(72.0, 150.0)),
                AFTER,
            ]
        ],
    ) == ["Kort.", "Ook kort.", "Een ingesprongen citaat over", "twee regels.", AFTER]


def test_single_column_prose_is_untouched(tmp_path):
    prose = [
        "De gemeente voert de Jeugdwet uit en werkt daarbij samen met de",
        "regio.",
        "Een nieuwe zin begint hier en loopt door tot aan het einde van de",
        "regel.",
    ]
    assert texts(tmp_path, [prose]) == prose


# ------------------------------------------------------------- the whole pipeline
def test_a_goal_table_in_a_pdf_gives_goals_with_their_activities(tmp_path):
    path = make_pdf(
        tmp_path / "voorbeeld_2026_begroting.pdf",
        [
            [Big("Programma 2 Sociaal domein"), INTRO],
            [Big("Doelen en activiteiten"), Grid(GOALS, shifts=(0, 6))],
        ],
    )
    document = process(path, {}, Context())
    goals = document.of_kind(Kind.GOAL)
    assert document.layout == "goal-table"
    assert [g.label for g in goals] == [
        "Inwoners zijn zelfredzaam en doen mee in de samenleving.",
        "Jongeren groeien gezond en veilig op en krijgen hulp als dat nodig is.",
        "Ouderen wonen langer thuis.",
    ]
    activities = {
        g.label: [a.label for a in document.of_kind(Kind.ACTIVITY) if a.parent == g.key]
        for g in goals
    }
    assert list(activities.values()) == [
        [
            "We versterken de toegang tot de sociale wijkteams.",
            "We bieden schuldhulpverlening aan alle inwoners.",
        ],
        ["We investeren in preventie op scholen samen met de GGD."],
        [
            "– We bouwen meer levensloopbestendige woningen in alle kernen.",
            "– We ondersteunen mantelzorgers.",
        ],
    ]


def test_evidence_from_a_pdf_table_cell_points_at_its_page_and_line(tmp_path):
    path = make_pdf(
        tmp_path / "voorbeeld_2026_begroting.pdf",
        [
            [Big("Programma 2 Sociaal domein"), INTRO],
            [
                Grid(
                    [
                        GOALS[0],
                        (
                            ["Meer inwoners aan het werk."],
                            ["We bieden hulp bij werk volgens de Participatiewet."],
                        ),
                    ],
                    shifts=(0, 6),
                )
            ],
        ],
    )
    document = process(path, {}, Context())
    [activity] = document.of_kind(Kind.ACTIVITY)
    [link] = [
        link
        for link in document.links
        if link.source == activity.key and link.predicate == "mentionsLaw"
    ]
    [evidence] = link.evidence
    line = next(ln for ln in document.source.lines if ln.number == evidence.line)
    assert (link.target, line.page, line.text) == (
        "participatiewet",
        2,
        "Meer inwoners aan het werk. | We bieden hulp bij werk volgens de Participatiewet. |",
    )
    assert "Participatiewet" in evidence.quote
    graph = DocumentMapper(document, document_iris([document])).run()
    nodes = list(graph.subjects(BG.quote, Literal(evidence.quote)))
    places = {
        (graph.value(n, BG.line).toPython(), graph.value(n, BG.page).toPython()) for n in nodes
    }
    assert places == {(evidence.line, 2)}
