"""Cross-reference patterns, each with the code, title and scope printed."""

from __future__ import annotations

import pytest

from beleidsgraaf.extract.references import find_references
from beleidsgraaf.model import Element, Kind, Line


def refs(text: str):
    element = Element("e", Kind.ACTIVITY, "x", 1, lines=[Line(7, text)])
    return [(r.code, r.title, r.scope, ev.line) for r, ev in find_references(element)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Armoede (zie ook ambitie 3.3: We willen een duurzame gemeente zijn, klaar voor de "
         "toekomst)", ("3.3", "We willen een duurzame gemeente zijn, klaar voor de toekomst",
                       (("ambitie", "3.3"),))),
        ("Woningaanbod (zie verder ambitie 3.1: Wonen voor iedereen)",
         ("3.1", "Wonen voor iedereen", (("ambitie", "3.1"),))),
        ("Een rol. (Zie ook 6.1.2.1. We bevorderen de samenwerking tussen scholen en "
         "ondernemers).", ("6.1.2.1", "We bevorderen de samenwerking tussen scholen en "
                                      "ondernemers", ())),
        ("Hier ligt een relatie met ambitie 3.1: Wonen voor iedereen.",
         ("3.1", "Wonen voor iedereen", (("ambitie", "3.1"),))),
        ("Zie activiteit 3 onder doel 3 van het thema Versterking Eigen Kracht.",
         (None, None, (("thema", "Versterking Eigen Kracht"), ("doel", "3"),
                       ("activiteit", "3")))),
        ("Zie diverse activiteiten onder doel 4 van het thema Ondersteuning.",
         (None, None, (("thema", "Ondersteuning"), ("doel", "4")))),
        ("Hiervoor verwijzen wij naar hoofdstuk 8.13 van de begroting.",
         ("8.13", None, (("hoofdstuk", "8.13"),))),
        ("De baten dalen (zie ook verschillenanalyse baten).",
         (None, "verschillenanalyse baten", ())),
        ("2. Zie ook verschillenanalyse baten.", (None, "verschillenanalyse baten", ())),
    ],
)
def test_reference_patterns(text, expected):
    assert refs(text) == [(*expected, 7)]


@pytest.mark.parametrize("text", ["Extra inzet (zie hieronder).", "In 2024 zie je resultaat.",
                                  "Zie ook de Wmo 2015.", "Het bedrag is 3.3 miljoen."])
def test_no_reference(text):
    assert refs(text) == []


def test_evidence_points_at_the_line_of_the_reference_in_a_wrapped_sentence():
    element = Element("e", Kind.SECTION, "x", 1, lines=[
        Line(10, "Bij het opstellen kijken we naar regionale samenwerking. Hier ligt een"),
        Line(11, "relatie met ambitie 3.1: Wonen voor iedereen.")])
    [(reference, evidence)] = find_references(element)
    assert reference.code == "3.1"
    assert evidence.line == 11  # where "relatie met ambitie" stands
    assert evidence.quote == "Hier ligt een relatie met ambitie 3.1: Wonen voor iedereen."
