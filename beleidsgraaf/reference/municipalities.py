"""The official list of Dutch municipalities (CBS codes) and the regions they form.

Reference data lives in ``data/municipalities.csv`` and ``data/regions.csv``
(see ``data/SOURCES.md``). Everything is loaded once and cached.

>>> register = load_municipalities()
>>> register.resolve("Den Haag").cbs_code
'GM0518'
>>> register.resolve("gemeente Neder-Betuwe").cbs_code
'GM1740'
>>> register.from_filename("s-hertogenbosch_2025_begroting").name
"'s-Hertogenbosch"
>>> [(m.name, n) for m, n in register.find_in_text("De gemeente Wijchen en Nijmegen; Wijchen.")]
[('Wijchen', 2), ('Nijmegen', 1)]
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from beleidsgraaf.errors import ReferenceDataError

if TYPE_CHECKING:
    from beleidsgraaf.reference.prefilter import NameFilter

DATA = Path(__file__).with_name("data")
MUNICIPALITIES_CSV = DATA / "municipalities.csv"
REGIONS_CSV = DATA / "regions.csv"

_MUNICIPALITY_COLUMNS = ("cbs_code", "name", "alt_names", "province", "status", "merged_into",
                         "merged_on")
_REGION_COLUMNS = ("id", "name", "alt_names", "type", "members")
_CODE = re.compile(r"GM\d{4}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'",
                         "\u2010": "-", "\u2011": "-", "\u2013": "-"})

# Municipality names that are also ordinary words or given names: in running text they
# only count as the municipality after a cue such as "gemeente".
WEAK_NAMES = frozenset({
    "assen", "asten", "beek", "best", "borne", "buren", "duiven", "epe", "goes", "grave",
    "haren", "hoorn", "huizen", "hulst", "kampen", "kapelle", "laren", "leek", "losser",
    "putten", "sluis", "stein",
})


# --------------------------------------------------------------------------- names
def fold(text: str) -> str:
    """Remove diacritics and normalise quotes/dashes, keeping the length of ``text``.

    Offsets in the folded text therefore equal offsets in the original.

    >>> fold("Súdwest-Fryslân ’s")
    "Sudwest-Fryslan 's"
    """
    return text.translate(_FOLD)


def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if len(base) == 1 else char


class _FoldTable(dict[int, str]):
    """The :meth:`str.translate` table of :func:`fold`, one C-level pass per text.

    Filled in per character on first sight (quotes and dashes first, ASCII unchanged,
    other characters by :func:`_fold_char`): a few hundred entries in practice, never more
    than there are characters.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = folded = char if char < "\x80" else _fold_char(char)
        return folded


_FOLD = _FoldTable(_QUOTES)


@lru_cache(maxsize=1 << 14)  # the same names are looked up again and again
def name_key(name: str) -> str:
    """Case-, diacritic-, hyphen- and punctuation-insensitive lookup key.

    >>> name_key("'s-Hertogenbosch"), name_key("Gemeente Súdwest-Fryslân")
    ('s hertogenbosch', 'sudwest fryslan')
    """
    key = re.sub(r"[^a-z0-9]+", " ", fold(name).lower()).strip()
    return re.sub(r"^(?:centrum|gast)?gemeente ", "", key)


def slugify(text: str) -> str:
    """Readable identifier: ``"Súdwest-Fryslân"`` → ``"sudwest-fryslan"``.

    >>> slugify("'s-Gravenhage"), slugify("Santé & Partners")
    ('s-gravenhage', 'sante-en-partners')
    """
    text = fold(text).lower().replace("&", " en ")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _name_pattern(name: str) -> str:
    tokens = [t for t in re.split(r"[\s\-]+", fold(name)) if t]
    return r"[\s\-]+".join(re.escape(t) for t in tokens)


def name_alternation(patterns: Iterable[str]) -> str:
    """One alternation of ``patterns`` (longest first), grouped by first character.

    The same matches as ``(?:p1|p2|…)``, but the regex engine tries one group of names at a
    word instead of all 400: the text search for municipality names is five times faster.

    >>> name_alternation(["Best", "Beek", "Epe"])
    '(?:B(?:eek|est)|E(?:pe))'
    """
    groups: dict[str, list[str]] = {}
    for pattern in sorted(patterns, key=lambda p: (-len(p), p)):
        first = pattern[:2] if pattern.startswith("\\") else pattern[:1]
        groups.setdefault(first.lower(), []).append(pattern)
    parts = [f"{group[0][:len(first)]}(?:{'|'.join(p[len(first):] for p in group)})"
             for first, group in sorted(groups.items())]
    return "(?:" + "|".join(parts) + ")"


# ---------------------------------------------------------------------- data classes
@dataclass(frozen=True)
class Municipality:
    """A municipality with its CBS code; ``merged_into`` is the (main) successor."""

    cbs_code: str
    name: str
    alt_names: tuple[str, ...] = ()
    province: str = ""
    status: str = "active"
    merged_into: str | None = None
    merged_on: str | None = None
    successors: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.alt_names)


@dataclass(frozen=True)
class Region:
    """A named group of municipalities (collaboration, GGD region, province …)."""

    id: str
    name: str
    alt_names: tuple[str, ...]
    type: str
    members: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.alt_names)


# -------------------------------------------------------------------------- register
class MunicipalityRegister:
    """All municipalities, active and merged, with name resolution and text search."""

    def __init__(self, municipalities: Iterable[Municipality]):
        self._all = list(municipalities)
        self._by_code = {m.cbs_code: m for m in self._all}
        self._by_slug = {m.slug: m for m in self._all}
        self._index: dict[str, list[Municipality]] = {}
        self._patterns: dict[str, str] = {}  # name → its regex
        for m in self._all:
            for name in m.names:
                for key in _keys(name):
                    bucket = self._index.setdefault(key, [])
                    if m not in bucket:
                        bucket.append(m)
                self._patterns.setdefault(name, _name_pattern(name))
        self._regex = _search_regex(frozenset(self._patterns.values()))

    @cached_property
    def _name_filter(self) -> NameFilter:
        from beleidsgraaf.reference.prefilter import NameFilter  # it folds names with fold()

        return NameFilter(self._patterns)

    def _regex_for(self, folded: str) -> re.Pattern[str] | None:
        """The search regex for only the names whose words ``folded`` has (``None``: none).

        The others cannot match, so the matches are those of the full regex, but the engine
        tries far fewer names at every position of a long text.
        """
        from beleidsgraaf.reference.prefilter import words

        names = self._name_filter.candidates(words(folded))
        return _search_regex(frozenset(self._patterns[n] for n in names)) if names else None

    # -- basic access
    def __iter__(self) -> Iterator[Municipality]:
        return iter(self._all)

    def __len__(self) -> int:
        return len(self._all)

    def active(self) -> list[Municipality]:
        return [m for m in self._all if m.active]

    def by_code(self, code: str) -> Municipality | None:
        return self._by_code.get(code.strip().upper())

    def by_slug(self, slug: str) -> Municipality | None:
        return self._by_slug.get(slug)

    def current(self, municipality: Municipality) -> Municipality:
        """Follow ``merged_into`` until an active municipality is reached."""
        seen = set()
        while not municipality.active and municipality.merged_into:
            if municipality.cbs_code in seen:
                break
            seen.add(municipality.cbs_code)
            successor = self._by_code.get(municipality.merged_into)
            if successor is None:
                break
            municipality = successor
        return municipality

    # -- resolution
    def resolve(self, name: str) -> Municipality | None:
        """Resolve a name, alternative name or CBS code; ``None`` if unknown or ambiguous.

        Matching ignores case, diacritics, hyphens and a leading "gemeente". Active
        municipalities win over merged ones with the same name; names shared by two
        active municipalities ("Bergen") are ambiguous.
        """
        if not name or not name.strip():
            return None
        code = name.strip().upper()
        if _CODE.fullmatch(code):
            return self._by_code.get(code)
        if re.fullmatch(r"\d{4}", code):
            return self._by_code.get("GM" + code)
        return self._lookup(name_key(name))

    def _lookup(self, key: str) -> Municipality | None:
        found = self._index.get(key) or self._index.get(key.replace(" ", ""))
        if not found:
            return None
        if len(found) == 1:
            return found[0]
        active = [m for m in found if m.active]
        return active[0] if len(active) == 1 else None

    def find_in_text(self, text: str) -> list[tuple[Municipality, int]]:
        """Municipalities mentioned in ``text`` with their number of mentions.

        Whole words only, longest names first ("Bergen op Zoom" before "Bergen"),
        capitalised mentions only. "gemeente X" (also centrum-/gastgemeente) is a strong
        cue: names that are also common words ("Buren", "Best") only count after it,
        and the list is ordered by mentions, then by cued mentions. "Provincie
        Utrecht" and "regio Utrecht" are not mentions of the municipality.
        """
        folded = fold(text)
        counts: Counter[str] = Counter()
        cued: Counter[str] = Counter()
        regex = self._regex_for(folded)
        for match in regex.finditer(folded) if regex is not None else ():
            found = match.group(0)
            if found == found.lower():
                continue
            municipality = self._lookup(name_key(found))
            if municipality is None:
                continue
            before = folded[max(0, match.start() - 30) : match.start()].lower()
            if re.search(r"\b(?:provincie|regio)\s+$", before):
                continue
            is_cued = re.search(r"(?:centrum|gast|buur)?gemeente\s+$", before) is not None
            if not is_cued and name_key(found) in WEAK_NAMES:
                continue
            counts[municipality.cbs_code] += 1
            if is_cued:
                cued[municipality.cbs_code] += 1
        order = sorted(counts, key=lambda c: (-counts[c], -cued[c], self._by_code[c].name))
        return [(self._by_code[c], counts[c]) for c in order]

    def match_at(self, text: str, pos: int) -> tuple[Municipality, int] | None:
        """The municipality whose name starts exactly at ``pos`` in ``text``, and its end.

        ``text`` must be :func:`fold`-ed; only capitalised, unambiguous names count.
        """
        match = self._regex.match(text, pos)
        if match is None or match.group(0) == match.group(0).lower():
            return None
        found = self._lookup(name_key(match.group(0)))
        return (found, match.end()) if found is not None else None

    def from_filename(self, stem: str) -> Municipality | None:
        """Municipality named at the start of a file name part.

        ``leudal_2026_begroting-sociaal-domein``, ``neder-betuwe_2024_...``,
        ``s-hertogenbosch_...``, ``sudwest-fryslan_...`` and
        ``gemeente-nieuwegein_2022.pdf`` all work; the longest matching prefix of
        each ``_``-separated part wins, earlier parts first.
        """
        stem = Path(stem).name
        stem = re.sub(r"\.(?:txt|md|html?|pdf)$", "", stem, flags=re.IGNORECASE)
        for part in re.split(r"[_\s.]+", fold(stem).lower()):
            part = re.sub(r"^(?:centrum|gast)?gemeente-", "", part)
            tokens = [t for t in re.split(r"[^a-z0-9]+", part) if t]
            for n in range(len(tokens), 0, -1):
                candidate = " ".join(tokens[:n])
                if candidate.isdigit():
                    continue
                found = self._lookup(candidate)
                if found is not None:
                    return found
        return None


@lru_cache(maxsize=256)
def _search_regex(patterns: frozenset[str]) -> re.Pattern[str]:
    """Whole-word, case-insensitive search for municipality names (longest first)."""
    return re.compile(r"(?<![\w\-'])" + name_alternation(patterns) + r"(?![\w]|-\w)",
                      re.IGNORECASE)


def _keys(name: str) -> set[str]:
    key = name_key(name)
    keys = {key, key.replace(" ", "")}
    bare = name_key(re.sub(r"\(.*?\)", "", name))
    if bare:
        keys.add(bare)
    if key.startswith("s "):
        keys.add(key[2:])
    return {k for k in keys if k}


class RegionRegister:
    """Regions from ``regions.csv`` with lookup by id, name and member."""

    def __init__(self, regions: Iterable[Region]):
        self._regions = {r.id: r for r in regions}
        self._by_name = {name_key(n): r for r in self._regions.values() for n in r.names}

    def __iter__(self) -> Iterator[Region]:
        return iter(self._regions.values())

    def __len__(self) -> int:
        return len(self._regions)

    def get(self, region_id: str) -> Region | None:
        return self._regions.get(region_id)

    def resolve(self, name: str) -> Region | None:
        return self._regions.get(name) or self._by_name.get(name_key(name))

    def containing(self, cbs_code: str) -> list[Region]:
        return [r for r in self._regions.values() if cbs_code in r.members]


# --------------------------------------------------------------------------- loading
def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise ReferenceDataError(f"{path.name}: cannot be read ({exc})") from exc
    with handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ())[: len(columns)] != columns:
            raise ReferenceDataError(
                f"{path.name}: header must start with {','.join(columns)}, "
                f"got {','.join(reader.fieldnames or ())}")
        for row in reader:
            if None in row or any(v is None for v in row.values()):
                raise ReferenceDataError(
                    f"{path.name}, row {reader.line_num}: wrong number of fields")
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items()}


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(";") if v.strip())


def read_municipalities(path: Path = MUNICIPALITIES_CSV) -> MunicipalityRegister:
    items: list[Municipality] = []
    seen: set[str] = set()
    for line, row in _rows(path, _MUNICIPALITY_COLUMNS):
        where = f"{path.name}, row {line}"
        code, status = row["cbs_code"], row["status"]
        if not _CODE.fullmatch(code):
            raise ReferenceDataError(f"{where}: cbs_code {code!r} is not GM followed by 4 digits")
        if code in seen:
            raise ReferenceDataError(f"{where}: duplicate cbs_code {code}")
        if not row["name"]:
            raise ReferenceDataError(f"{where}: name is empty")
        if status not in {"active", "merged"}:
            raise ReferenceDataError(f"{where}: status must be active or merged, got {status!r}")
        successors = _split(row["merged_into"])
        if status == "merged":
            if not successors or not all(_CODE.fullmatch(s) for s in successors):
                raise ReferenceDataError(f"{where}: merged municipality needs merged_into codes")
            if not _DATE.fullmatch(row["merged_on"]):
                raise ReferenceDataError(f"{where}: merged_on must be an ISO date")
        seen.add(code)
        items.append(Municipality(
            cbs_code=code, name=row["name"], alt_names=_split(row["alt_names"]),
            province=row["province"], status=status,
            merged_into=successors[0] if successors else None,
            merged_on=row["merged_on"] or None, successors=successors))
    unknown = [(m.cbs_code, s) for m in items for s in m.successors if s not in seen]
    if unknown:
        raise ReferenceDataError(f"{path.name}: unknown successor codes {unknown}")
    return MunicipalityRegister(items)


def read_regions(path: Path = REGIONS_CSV, codes: set[str] | None = None) -> RegionRegister:
    regions: list[Region] = []
    for line, row in _rows(path, _REGION_COLUMNS):
        where = f"{path.name}, row {line}"
        members = _split(row["members"])
        if not row["id"] or not row["name"] or not row["type"]:
            raise ReferenceDataError(f"{where}: id, name and type are required")
        bad = [m for m in members
               if not _CODE.fullmatch(m) or (codes is not None and m not in codes)]
        if bad:
            raise ReferenceDataError(f"{where}: unknown member codes {bad}")
        regions.append(Region(row["id"], row["name"], _split(row["alt_names"]), row["type"],
                              members))
    return RegionRegister(regions)


@cache
def load_municipalities() -> MunicipalityRegister:
    """The bundled register (cached)."""
    return read_municipalities()


@cache
def load_regions() -> RegionRegister:
    """The bundled regions (cached); members are checked against the register."""
    codes = {m.cbs_code for m in load_municipalities()}
    return read_regions(codes=codes)
