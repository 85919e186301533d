"""Text clean-up shared by the HTML, PDF and Word readers.

Web pages and documents printed from them carry navigation text ("Terug naar
navigatie - Programma 1 - Wat willen we bereiken?") that is sometimes glued to
the text that follows it; PDFs break words at line ends. These helpers work on
single lines or pairs of lines so the readers can keep their line numbering.

>>> strip_navigation("Terug naar navigatie - P1 - Wat willen we bereiken?Iedereen doet mee.")
'Iedereen doet mee.'
>>> strip_navigation("Terug naar navigatie - Home - Doel")
''
>>> pipe_row(["Doel", "Actie"])
'Doel | Actie |'
"""

from __future__ import annotations

import re

_NAVIGATION = re.compile(r"Terug\s+naar\s+navigatie\b", re.I)
# A heading glued to the next sentence: "…bereiken?Iedereen", "…doenWe zorgen".
_GLUE = re.compile(r"(?<=[a-zß-ÿ?!.:)])(?=[A-ZÀ-Þ][a-zß-ÿ])")
_QUESTION_THEN_TEXT = re.compile(r"\?\s+(?=[A-ZÀ-Þ])")
_BOILERPLATE = re.compile(
    r"^(?:(?:terug )?naar (?:boven|top)|(?:ga |spring )?(?:direct )?naar (?:de )?(?:hoofd)?inhoud|"
    r"sla (?:het )?menu over|print(?:en)? deze pagina|deel deze pagina.*|"
    r"deze pagina is gebouwd op\b.*)$", re.I)
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Collapse white space (including non-breaking) and drop soft hyphens."""
    return _SPACE.sub(" ", text.replace("\u00ad", "")).strip()


def strip_navigation(text: str) -> str:
    """``text`` without a "Terug naar navigatie - <path> - <heading>" part.

    Returns what is left (text before it, and text glued after the heading),
    or ``""`` when the line was only navigation.
    """
    match = _NAVIGATION.search(text)
    if not match:
        return text
    before, rest = text[: match.start()].strip(), text[match.end():]
    glue = _GLUE.search(rest) or _QUESTION_THEN_TEXT.search(rest)
    after = rest[glue.end():].strip() if glue else ""
    return " ".join(part for part in (before, strip_navigation(after)) if part)


def is_boilerplate(text: str) -> bool:
    """Web-page furniture that is never policy text ("Naar boven", "Print deze pagina")."""
    return bool(_BOILERPLATE.match(text.strip()))


def clean_line(text: str) -> str:
    """Normalised text of a line of a web page or document; ``""`` if it is only noise."""
    text = strip_navigation(normalise(text))
    return "" if is_boilerplate(text) else text


def pipe_row(cells: list[str]) -> str:
    """A table row as the structure recognisers read it: ``cell | cell |``.

    A ``|`` inside a cell would split it, so it becomes ``/``.

    >>> pipe_row(["a|b", "", "c"])
    'a/b |  | c |'
    >>> pipe_row(["", "b"])
    '| b |'
    """
    return (" | ".join(normalise(c).replace("|", "/") for c in cells) + " |").lstrip()


# ---------------------------------------------------------------- hyphenation
_HYPHENATED = re.compile(r"(\S*?)([\wÀ-ÿ]+)([-\u00ad])$")
_FIRST_WORD = re.compile(r"^(\S+)\s*")
# Dutch digraphs: a hyphen between two vowels that would otherwise merge is kept
# ("mede-eigenaar", "zee-egel").
_DIGRAPHS = frozenset({"aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "ii", "oe", "oi", "oo",
                       "ou", "ui", "uu"})
# Abbreviations that form hyphenated compounds in social-domain texts ("Wmo-vervoer").
_ABBREVIATIONS = frozenset({"wmo", "wlz", "zvw", "ggz", "ggd", "wsw", "wia", "ww", "aow", "uwv",
                            "mbo", "hbo", "vmbo", "vso", "ict", "zzp", "pgb", "jgz", "cjg", "btw",
                            "ozb", "vng", "lhbti"})
_SUSPENDED = frozenset({"en", "of", "en/of", "tot", "t/m"})


def dehyphenate(first: str, second: str) -> tuple[str, str] | None:
    """Repair a word broken over two lines; ``None`` when ``first`` does not end in one.

    The completed word moves up to the first line (so both lines keep their
    numbers); the hyphen is dropped unless it is a real one.

    >>> dehyphenate("toegang tot schuldhulp-", "verlening voor iedereen")
    ('toegang tot schuldhulpverlening', 'voor iedereen')
    >>> dehyphenate("sociaal recreatief Wmo-", "vervoer per 2024")
    ('sociaal recreatief Wmo-vervoer', 'per 2024')
    >>> dehyphenate("in Noord-", "Brabant")
    ('in Noord-Brabant', '')
    >>> dehyphenate("jeugd-", "en gezinswerk") is None
    True
    """
    match = _HYPHENATED.search(first)
    word = _FIRST_WORD.match(second)
    if not match or not word:
        return None
    prefix, fragment = match.group(1) + match.group(2), word.group(1)
    if match.group(3) == "\u00ad":
        keep = False
    elif fragment.lower() in _SUSPENDED or not fragment[0].isalnum():
        return None
    else:
        keep = _real_hyphen(prefix, fragment)
    head = first[: match.end(2)] + ("-" if keep else "")
    return head + fragment, second[word.end():]


def join_wrapped(lines: list[str]) -> str:
    """The lines of one paragraph or table cell as one text, broken words mended.

    >>> join_wrapped(["We bieden schuldhulp-", "verlening aan", "alle inwoners."])
    'We bieden schuldhulpverlening aan alle inwoners.'
    """
    parts = list(lines)
    for i in range(len(parts) - 1):
        if (joined := dehyphenate(parts[i], parts[i + 1])) is not None:
            parts[i], parts[i + 1] = joined
    return " ".join(p.strip() for p in parts if p.strip())


def _real_hyphen(prefix: str, fragment: str) -> bool:
    """Whether ``prefix-`` + ``fragment`` is a hyphenated compound, not a broken word."""
    if fragment[0].isupper() or fragment[0].isdigit() or prefix[-1].isdigit():
        return True
    if sum(ch.isupper() for ch in prefix) >= 2 or any(ch.isdigit() for ch in prefix):
        return True
    if len(prefix) == 1 or prefix.lower() in _ABBREVIATIONS:
        return True
    return (prefix[-1] + fragment[0]).lower() in _DIGRAPHS
