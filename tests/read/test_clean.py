"""Shared clean-up: navigation noise, boilerplate and hyphenation, one behaviour per case."""

from __future__ import annotations

import pytest

from beleidsgraaf.read.clean import clean_line, dehyphenate, strip_navigation


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Terug naar navigatie - Home - Programma 1 - Doelen", ""),
     ("Terug naar navigatie - Programma 1 - Wat willen we bereiken?Iedereen in Leudal doet mee.",
      "Iedereen in Leudal doet mee."),
     ("Terug naar navigatie - P3 - Wat gaan we doen?We zorgen voor vervoer.",
      "We zorgen voor vervoer."),
     ("Terug naar navigatie - P3 - Wat gaan we doenWe zorgen voor vervoer.",
      "We zorgen voor vervoer."),
     ("Terug naar navigatie - Sociaal domein - Wat willen we bereiken? Iedereen doet mee.",
      "Iedereen doet mee."),
     ("terug naar NAVIGATIE - Jeugd en WMO", ""),
     ("Wij doen mee.Terug naar navigatie - P1 - Doel", "Wij doen mee."),
     ("Een gewone zin over navigatie.", "Een gewone zin over navigatie.")],
)
def test_navigation_noise_is_cut_out(line, expected):
    assert strip_navigation(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Naar boven", ""), ("Terug naar boven", ""), ("Direct naar de inhoud", ""),
     ("Print deze pagina", ""), ("Deel deze pagina via e-mail", ""),
     ("Deze pagina is gebouwd op 12 oktober 2025", ""),
     ("  schuld\u00adhulp\u00a0verlening  ", "schuldhulp verlening"),
     ("Naar boven toe bijstellen van de norm", "Naar boven toe bijstellen van de norm")],
)
def test_clean_line(line, expected):
    assert clean_line(line) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [("toegang tot schuldhulp-", "verlening voor iedereen", ("toegang tot schuldhulpverlening",
                                                              "voor iedereen")),
     ("het Wmo-", "vervoer", ("het Wmo-vervoer", "")),
     ("de AOW-", "leeftijd", ("de AOW-leeftijd", "")),
     ("een mbo-", "opleiding", ("een mbo-opleiding", "")),
     ("per e-", "mail", ("per e-mail", "")),
     ("in Noord-", "Brabant", ("in Noord-Brabant", "")),
     ("de zee-", "egel", ("de zee-egel", "")),
     ("van 2024-", "2026", ("van 2024-2026", "")),
     ("het jeugd-", "en gezinswerk", None),
     ("zorg-", "of welzijnsaanbod", None),
     ("een gedachte -", "streepje", None),
     ("geen afbreking", "hier", None),
     ("soft\u00ad", "hyphen", ("softhyphen", "")),
     ("(schuldhulp-", "verlening)", ("(schuldhulpverlening)", ""))],
)
def test_dehyphenate(first, second, expected):
    assert dehyphenate(first, second) == expected
