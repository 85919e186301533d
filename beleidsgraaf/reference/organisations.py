"""The organisation gazetteer (``data/organisations.csv``).

Columns: ``id,pref_label,alt_labels,type,region,wikidata,kvk,note``.

* ``type`` is one of :data:`TYPES`; it becomes the ontology class ``bg:<type>``.
* ``alt_labels`` are ``;``-separated. A label starting with ``*`` is *regional*: a
  generic name ("GGD", "Veilig Thuis", "brandweer") that means this organisation only
  in documents of municipalities inside its ``region``.
* ``region`` is a region id from ``regions.csv`` or a CBS code (local organisations);
  empty for national organisations and initiatives.

>>> gazetteer = load_gazetteer()
>>> gazetteer.get("werkcentrum-rivierenland").type
'RegionalCollaboration'
>>> [o.id for o in gazetteer.lookup("MOvactor")]
['movactor']
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

from beleidsgraaf.errors import ReferenceDataError
from beleidsgraaf.model import Organisation
from beleidsgraaf.reference.municipalities import (
    DATA,
    _name_pattern,
    fold,
    load_municipalities,
    load_regions,
    name_alternation,
)
from beleidsgraaf.reference.prefilter import NameFilter

ORGANISATIONS_CSV = DATA / "organisations.csv"
COLUMNS = ("id", "pref_label", "alt_labels", "type", "region", "wikidata", "kvk", "note")

ORGANISATION_TYPES = frozenset({
    "CareProvider", "WelfareOrganisation", "GovernmentBody", "Municipality",
    "RegionalCollaboration", "HousingCorporation", "EducationInstitution",
    "KnowledgeInstitute", "PoliceJustice", "HealthService", "OtherOrganisation",
})
INITIATIVE = "Initiative"
TYPES = ORGANISATION_TYPES | {INITIATIVE}

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_WIKIDATA = re.compile(r"Q\d+")
_KVK = re.compile(r"\d{8}")


@dataclass(frozen=True)
class Label:
    """One way of writing an organisation's name.

    ``exact`` labels (acronyms, CamelCase: "WIL", "MOvactor") match with their exact
    capitalisation; others ignore case, except that words written with a capital in the
    label need a capital in the text too ("Karakter" the provider, not "karakter" the
    word; "Veilig Thuis" the organisation, not "veilig thuis opgroeien").
    """

    text: str
    organisation: str
    regional: bool = False

    @cached_property  # labels are matched again and again: work these out once
    def exact(self) -> bool:
        return any(any(c.isupper() for c in token[1:]) for token in self.text.split())

    @cached_property
    def _tokens(self) -> list[str]:
        return _tokens(self.text)

    def accepts(self, found: str) -> bool:
        """Whether ``found`` (text as matched, folded) is this label, capitals included."""
        label, text = self._tokens, _tokens(found)
        if self.exact:
            return text == label
        if [t.lower() for t in text] != [t.lower() for t in label]:
            return False
        return all(f[:1].isupper() for f, lb in zip(text, label, strict=True) if lb[:1].isupper())


_TOKEN_BREAK = re.compile(r"[\s\-]+")


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN_BREAK.split(fold(text)) if t] or [""]


@lru_cache(maxsize=1 << 16)
def label_key(text: str) -> str:
    """Case-, diacritic-, hyphen- and punctuation-insensitive key of a label."""
    return re.sub(r"[^a-z0-9]+", " ", fold(text).lower()).strip()


class Gazetteer:
    """Known organisations with a label index and one compiled matcher."""

    def __init__(self, organisations: Iterable[Organisation], labels: Iterable[Label],
                 notes: dict[str, str] | None = None, source: str = "organisations.csv"):
        self._organisations = {o.id: o for o in organisations}
        self.labels = list(labels)
        self.notes = dict(notes or {})
        self.source = source
        self._by_key: dict[str, list[Label]] = {}
        for label in self.labels:
            self._by_key.setdefault(label_key(label.text), []).append(label)

    def __iter__(self) -> Iterator[Organisation]:
        return iter(self._organisations.values())

    def __len__(self) -> int:
        return len(self._organisations)

    def __contains__(self, org_id: object) -> bool:
        return org_id in self._organisations

    def get(self, org_id: str) -> Organisation | None:
        return self._organisations.get(org_id)

    def labels_for(self, key: str) -> list[Label]:
        """Labels whose :func:`label_key` equals ``key``."""
        return self._by_key.get(key, [])

    def lookup(self, name: str, *, regional: bool = False) -> list[Organisation]:
        """Organisations with this (case/diacritic-insensitive) name.

        Regional labels are left out unless ``regional`` is true.
        """
        ids = dict.fromkeys(label.organisation for label in self.labels_for(label_key(name))
                            if regional or not label.regional)
        return [self._organisations[i] for i in ids]

    @cached_property
    def matcher(self) -> re.Pattern[str]:
        """One regex over :func:`fold`-ed text for all labels, longest first."""
        patterns = {_name_pattern(label.text) for label in self.labels}
        return re.compile(r"(?<![\w\-])" + name_alternation(patterns)
                          + r"(?![\w]|(?-i:-[A-Z0-9]))", re.IGNORECASE)

    @cached_property
    def name_filter(self) -> NameFilter:
        """Rules out the sentences in which :attr:`matcher` cannot find a label."""
        return NameFilter(label.text for label in self.labels)


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def read_gazetteer(path: Path = ORGANISATIONS_CSV) -> Gazetteer:
    """Read and validate a gazetteer file; malformed rows raise :class:`ReferenceDataError`."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise ReferenceDataError(f"{path.name}: cannot be read ({exc})") from exc
    organisations: list[Organisation] = []
    labels: list[Label] = []
    notes: dict[str, str] = {}
    with handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ReferenceDataError(f"{path.name}: header must be {','.join(COLUMNS)}")
        for row in reader:
            where = f"{path.name}, row {reader.line_num}"
            if None in row or any(v is None for v in row.values()):
                raise ReferenceDataError(f"{where}: wrong number of fields")
            row = {k: v.strip() for k, v in row.items()}
            org_id, pref = row["id"], row["pref_label"]
            if not _ID.fullmatch(org_id):
                raise ReferenceDataError(f"{where}: id {org_id!r} is not a lowercase slug")
            if any(o.id == org_id for o in organisations):
                raise ReferenceDataError(f"{where}: duplicate id {org_id}")
            if not pref:
                raise ReferenceDataError(f"{where}: pref_label is empty")
            if row["type"] not in TYPES:
                raise ReferenceDataError(
                    f"{where}: type {row['type']!r} is not one of {', '.join(sorted(TYPES))}")
            if row["wikidata"] and not _WIKIDATA.fullmatch(row["wikidata"]):
                raise ReferenceDataError(f"{where}: wikidata {row['wikidata']!r} is not a Q-id")
            if row["kvk"] and not _KVK.fullmatch(row["kvk"]):
                raise ReferenceDataError(f"{where}: kvk {row['kvk']!r} is not 8 digits")
            alts = _split(row["alt_labels"])
            if any(a.startswith("*") for a in alts) and not row["region"]:
                raise ReferenceDataError(f"{where}: regional labels (*) need a region")
            labels.append(Label(pref, org_id))
            for alt in alts:
                labels.append(Label(alt.lstrip("*").strip(), org_id, alt.startswith("*")))
            organisations.append(Organisation(
                id=org_id, pref_label=pref,
                alt_labels=tuple(a.lstrip("*").strip() for a in alts),
                type=row["type"], region=row["region"] or None,
                wikidata=row["wikidata"] or None, kvk=row["kvk"] or None, in_gazetteer=True))
            if row["note"]:
                notes[org_id] = row["note"]
    return Gazetteer(organisations, labels, notes, source=path.name)


def check_regions(gazetteer: Gazetteer) -> None:
    """Every ``region`` must be a region id of ``regions.csv`` or a known CBS code."""
    regions = {r.id for r in load_regions()}
    register = load_municipalities()
    for org in gazetteer:
        if org.region and org.region not in regions and register.by_code(org.region) is None:
            raise ReferenceDataError(
                f"{gazetteer.source}: {org.id}: unknown region {org.region!r}")


@cache
def load_gazetteer() -> Gazetteer:
    """The bundled gazetteer (cached), with its regions checked."""
    gazetteer = read_gazetteer()
    check_regions(gazetteer)
    return gazetteer
