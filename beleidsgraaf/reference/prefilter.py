"""Cheap tests that tell when a case-insensitive name regex *cannot* match a text.

The name matchers (gazetteer, organisations found in a document) are one alternation
of many names, tried at every position of every sentence; most sentences name none of
them. A name can only match where each of its words occurs, so comparing the words of
a sentence with the words of the names (set look-ups) skips the regex for those
sentences, and narrows it to the few names that may occur for the others. The tests
only ever rule out; whatever they let through is matched by the same regex as before.

Words are the runs of ASCII letters and digits in :func:`caseless` text. That is exact
for :data:`re.IGNORECASE`: Python lets only four non-ASCII letters match ASCII ones
("İ", "ı", "ſ" and the Kelvin sign; see the documentation of :mod:`re`), and
:func:`caseless` maps them to the letters they match.

>>> sorted(words("Stichting MEE De Wering (MEE)"))
['de', 'mee', 'stichting', 'wering']
>>> NameFilter(["MEE De Wering", "Veilig Thuis"]).candidates(words("Met MEE de Wering."))
['MEE De Wering']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from beleidsgraaf.reference.municipalities import fold

_CASE_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_ANY_TWIN = re.compile("[\u0130\u0131\u017f\u212a]")
_WORD = re.compile(r"[a-z0-9]+")


def caseless(text: str) -> str:
    """Lower-case ``text`` that contains an ASCII word wherever a case-insensitive regex
    finds it (also when it is spelled with one of the four non-ASCII twins)."""
    if _ANY_TWIN.search(text):  # rare: a scan for them is cheaper than a translation
        text = text.translate(_CASE_TWINS)
    return text.lower()


def words(text: str) -> frozenset[str]:
    """The ASCII words of ``text`` (already :func:`~beleidsgraaf.reference.municipalities.fold`-ed
    where the regex it stands in for scans folded text)."""
    return frozenset(_WORD.findall(caseless(text)))


@lru_cache(maxsize=1 << 14)
def name_words(name: str) -> frozenset[str]:
    """Words any match of ``name``'s pattern must contain (see ``_name_pattern``)."""
    return words(fold(name))


class NameFilter:
    """Which of a set of names may occur in a text, judged by their words."""

    def __init__(self, names: Iterable[str]):
        self._always: list[str] = []  # names without ASCII words: never ruled out
        self._by_word: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for name in dict.fromkeys(names):
            needed = name_words(name)
            if needed:
                self._by_word.setdefault(max(sorted(needed), key=len), []).append((name, needed))
            else:
                self._always.append(name)

    def candidates(self, text_words: frozenset[str]) -> list[str]:
        """Names all of whose words are among ``text_words``, in no particular order."""
        found = list(self._always)
        for word in text_words:
            for name, needed in self._by_word.get(word, ()):
                if needed <= text_words:
                    found.append(name)
        return found

    def any(self, text_words: frozenset[str]) -> bool:
        """Whether any name may occur."""
        if self._always:
            return True
        return any(needed <= text_words for word in text_words
                   for _, needed in self._by_word.get(word, ()))
