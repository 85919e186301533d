"""A timing printed inside an activity's own sentence ("Vanaf 2026 …", "… (2025 e.v.)").

The fixture is written here; expected timings are read off it.
"""

from __future__ import annotations

import pytest

from beleidsgraaf.model import Kind
from tests.conftest import kinds, structure_of

DOCUMENT = """Programma 3 Sociaal domein

3.1 Minder inwoners leven in armoede

Wat gaan we daarvoor doen?
- We voeren de Participatiewet uit samen met Werkzaak Rivierenland (2025 e.v.).
- Vanaf 2026 bieden we schuldhulpverlening aan ondernemers.
- In Q3 2025 evalueren we het minimaregelingenbeleid.
- We zetten in op beschut werk, dit najaar.
- We breiden de taalcafés uit (continu).
- We werken samen met twaalf partners (zie bijlage 2).
- In de wijken organiseren we inloopspreekuren.
"""

EXPECTED = [
    ("We voeren de Participatiewet uit", "2025 e.v."),
    ("Vanaf 2026 bieden we", "Vanaf 2026"),
    ("In Q3 2025 evalueren we", "In Q3 2025"),
    ("We zetten in op beschut werk", "dit najaar"),
    ("We breiden de taalcafés uit", "continu"),
    ("We werken samen met twaalf partners", None),
    ("In de wijken organiseren we", None),
]


@pytest.fixture(scope="module")
def activities():
    return kinds(structure_of(DOCUMENT).elements, Kind.ACTIVITY)


def test_every_bullet_is_an_activity(activities):
    assert [a.label[:20] for a in activities] == [start[:20] for start, _ in EXPECTED]


@pytest.mark.parametrize(("start", "timing"), EXPECTED, ids=[s for s, _ in EXPECTED])
def test_timing_in_the_sentence(activities, start, timing):
    [activity] = [a for a in activities if a.label.startswith(start)]
    assert activity.timing == timing


def test_a_timing_of_its_own_wins():
    text = ("Programma 3 Sociaal domein\n\n"
            "| Wat willen we bereiken? | Wat gaan we daarvoor doen? | Wanneer? |\n"
            "| Minder armoede | Vanaf 2026 bieden we schuldhulpverlening aan | 2027 |\n")
    [activity] = kinds(structure_of(text).elements, Kind.ACTIVITY)
    assert activity.label.startswith("Vanaf 2026") and activity.timing == "2027"


def test_a_planning_line_under_a_bullet_is_its_timing():
    text = DOCUMENT.replace("- Vanaf 2026 bieden we schuldhulpverlening aan ondernemers.\n",
                            "- Vanaf 2026 bieden we schuldhulpverlening aan ondernemers.\n"
                            "  Planning: 2027\n")
    [activity] = [a for a in kinds(structure_of(text).elements, Kind.ACTIVITY)
                  if a.label.startswith("Vanaf 2026")]
    assert activity.timing == "2027"
