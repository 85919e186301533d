"""The word prefilter only ever rules out texts in which a name regex cannot match."""

import re
import string

import pytest

from beleidsgraaf.reference.municipalities import _name_pattern, fold
from beleidsgraaf.reference.prefilter import NameFilter, caseless, name_words, words

_ASCII_WORD_CHARS = string.ascii_letters + string.digits


def test_only_four_non_ascii_letters_match_ascii_ones_ignoring_case():
    """The premise of :func:`caseless`, checked against the regex engine itself."""
    ascii_class = re.compile(f"[{_ASCII_WORD_CHARS}]", re.IGNORECASE)
    twins = [chr(c) for c in range(0x80, 0x110000) if ascii_class.fullmatch(chr(c))]
    assert twins == ["\u0130", "\u0131", "\u017f", "\u212a"]
    for twin in twins:
        assert re.fullmatch(caseless(twin), twin, re.IGNORECASE)


@pytest.mark.parametrize("name, text", [
    ("Veilig Thuis", "met VEILIG   THUIS samen"),
    ("'s Heeren Loo", "bij 's-heeren loo"),
    ("MEE De Wering", "Met MEE de Wering."),
    ("Inzet", "met \u0131nzet"),  # dotless i: not folded away, matched as "i"
    ("GGD", "De GGD-regio"),
])
def test_a_name_that_matches_passes_the_filter(name, text):
    pattern = re.compile(r"(?<![\w\-])" + _name_pattern(name) + r"(?![\w]|(?-i:-[A-Z0-9]))",
                         re.IGNORECASE)
    assert pattern.search(fold(text))
    assert name_words(name) <= words(fold(text))
    assert NameFilter([name]).candidates(words(fold(text))) == [name]


def test_names_whose_words_are_missing_are_ruled_out():
    names = NameFilter(["Veilig Thuis", "GGD Gelderland-Zuid", "\u00d8"])
    text = words("De GGD werkt veilig.")
    assert sorted(names.candidates(text)) == ["\u00d8"]  # no ASCII words: never ruled out
    assert NameFilter(["Veilig Thuis"]).any(text) is False
    assert NameFilter(["Veilig Thuis"]).any(words("Veilig thuis")) is True


def test_municipality_search_narrowed_to_the_names_a_text_may_hold():
    from beleidsgraaf.reference.municipalities import load_municipalities

    register = load_municipalities()
    text = fold("De gemeente Súdwest-Fryslân, Bergen op Zoom en 's-Hertogenbosch; BEST en "
                "Neder-Betuwe-breed, ook gemeente Buren.")
    full = [m.group(0) for m in register._regex.finditer(text)]
    narrowed = register._regex_for(text)
    assert narrowed is not None
    assert [m.group(0) for m in narrowed.finditer(text)] == full
    assert register._regex_for(fold("Geen enkele plaatsnaam hier.")) is None


def test_fold_maps_every_character_as_before():
    """One translation table gives what folding character by character gave."""
    import unicodedata

    def by_character(char: str) -> str:
        if char in "\u2019\u2018`\u00b4":
            return "'"
        if char in "\u2010\u2011\u2013":
            return "-"
        if char < "\x80":
            return char
        base = "".join(c for c in unicodedata.normalize("NFKD", char)
                       if not unicodedata.combining(c))
        return base if len(base) == 1 else char

    chars = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    assert fold(chars) == "".join(by_character(c) for c in chars)
