"""Organisations and initiatives named in an element's text.

:func:`find_organisations` returns one :class:`Link` per organisation named in the
element (predicate ``involves``; ``involvesInitiative`` for named approaches and
programmes, type ``Initiative``), each with one :class:`Evidence` per sentence that
names it, and the organisations it recognised that are not in the gazetteer.

Recognition, in order of strength (longer matches win where they overlap):

1. gazetteer labels (``reference/data/organisations.csv``); regional labels such as
   "GGD" or "Veilig Thuis" resolve to the organisation of the document's region;
2. cue words: "gemeente/centrumgemeente/gastgemeente X" (through the municipality
   register), "Provincie X", "stichting X", "woningcorporatie X", "ministerie van X",
   "GGD X", "Veilig Thuis X", "jongerenwerk (X)" and other roles with a name in brackets;
3. "Long Name (ACR)" where the acronym spells the initials of an organisation-like name;
4. proper-name sequences after "samen met", "in samenwerking met", "via", "door",
   "uitgevoerd door", "partners zoals X, Y en Z", "waaronder" ….

Never an organisation: law names, headings, the document's own municipality acting as
author, places (municipality and region names without a cue, districts such as
Medel-Noord or Rijnhuizen), generic roles ("huisartsen", "kerken", "scholen",
"welzijnswerk", "jongerenwerk", "kinderopvang", "JGZ").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from beleidsgraaf.extract.text import Sentence, sentences
from beleidsgraaf.model import Element, Evidence, Line, Link, Organisation
from beleidsgraaf.reference.municipalities import (
    Municipality,
    fold,
    load_municipalities,
    load_regions,
    slugify,
)
from beleidsgraaf.reference.organisations import INITIATIVE, Gazetteer, Label, label_key
from beleidsgraaf.reference.prefilter import NameFilter, caseless, words

PREDICATE = "involves"
INITIATIVE_PREDICATE = "involvesInitiative"

# ------------------------------------------------------------------ word lists
_CAP = r"(?:[A-Z0-9][\w'&]*(?:-\w+)*)"
_CONNECT = r"(?:op|van|voor|de|der|den|in|aan|is|&)"
_NAME = rf"{_CAP}(?:\s+(?:{_CONNECT}\s+)*{_CAP})*"
NAME = re.compile(_NAME)

_ROLES_WITH_NAME = {
    "jongerenwerk": "WelfareOrganisation", "groepswerk": "WelfareOrganisation",
    "welzijnswerk": "WelfareOrganisation", "ouderenwerk": "WelfareOrganisation",
    "opbouwwerk": "WelfareOrganisation", "buurtwerk": "WelfareOrganisation",
    "sociaal werk": "WelfareOrganisation", "maatschappelijk werk": "WelfareOrganisation",
    "straathoekwerk": "WelfareOrganisation", "schuldhulpverlening": "WelfareOrganisation",
    "clientondersteuning": "WelfareOrganisation", "mantelzorgondersteuning": "WelfareOrganisation",
    "vrijwilligerswerk": "WelfareOrganisation", "welzijn": "WelfareOrganisation",
    "jeugdhulp": "CareProvider", "thuiszorg": "CareProvider", "ggz": "CareProvider",
    "kinderopvang": "OtherOrganisation", "woningcorporatie": "HousingCorporation",
}

# Capitalised words and acronyms that name roles, domains or things, not partners.
STOP_NAMES = frozenset({
    "b&w", "college", "corona", "coronacrisis", "europa", "europese unie", "gemeente",
    "gemeenteraad", "ggz", "hbo", "iza", "azwa", "jeugd", "jeugdhulp", "jgz", "kernpunt",
    "kernpunten", "kinderopvang", "lhbtiq", "mbo", "mdo", "nederland", "nt1", "nt2",
    "onderwijs", "ov", "p&c", "poh", "raad", "rijk", "rijksoverheid", "roc", "soj",
    "spuk", "vo", "wmo", "zzp", "welzijn", "zorg", "het rijk", "de raad",
    "beschermd wonen", "beschermd thuis", "maatschappelijke opvang", "wijk ggz",
    "inloop ggz", "passend onderwijs", "jeugdzorg", "jeugdzorgplus", "jeugdbescherming",
    "essentiele functies", "sociaal domein", "inburgering", "participatie",
    "wat gaan we daarvoor doen", "wat willen we bereiken", "wanneer speelt het",
    "wat mag het kosten",
})

# Generic names of organisations that exist once per region.
REGIONAL_GENERIC = {
    "ggd": "HealthService", "veilig thuis": "CareProvider", "brandweer": "RegionalCollaboration",
    "veiligheidsregio": "RegionalCollaboration", "wsp": "RegionalCollaboration",
    "werkgeversservicepunt": "RegionalCollaboration", "leerwerkloket": "RegionalCollaboration",
    "rmt": "RegionalCollaboration", "rav": "HealthService",
}

# Places that are locations, not organisations (districts, neighbourhoods, venues).
PLACES = frozenset({
    "medel noord", "medel", "rijnhuizen", "vreeswijk", "doorslag", "batau", "batau noord",
    "batau zuid", "city plaza", "centrale as", "galecop", "jutphaas", "fokkesteeg",
    "hoogzandveld", "merenwijk", "lekboulevard", "zuilenstein", "huis de geer",
})

_LAW = re.compile(r"(?i)(?:^|\s)wet\b|wet(?:ten)?\b|\b(?:wmo|awbz|wsw|wlz|zvw)\b|besluit\b")
_THING_SUFFIXES = (
    "akkoord", "agenda", "plan", "programma", "aanpak", "route", "opgave", "visie", "nota",
    "begroting", "regeling", "deal", "vignet", "project", "pilot", "campagne", "convenant",
    "strategie", "beleid", "monitor", "scan", "traject", "budget", "middelen", "spuk",
    "kader", "kaders", "crisis", "uitkering", "toeslag", "voorziening", "voorzieningen",
    "stelsel", "verordening", "subsidie", "overleg", "functies",
)
_HEAD_TYPES = (
    (("ggd", "gezondheidsdienst"), "HealthService"),
    (("politie", "justitie", "kinderbescherming", "reclassering"),
     "PoliceJustice"),
    (("ministerie", "provincie", "inspectie", "agentschap", "belastingdienst",
      "rijksdienst", "waterschap"), "GovernmentBody"),
    (("corporatie", "woonstichting", "woningbouw"), "HousingCorporation"),
    (("school", "college", "hogeschool", "universiteit", "academie", "roc"),
     "EducationInstitution"),
    (("instituut", "institute", "kenniscentrum", "expertisecentrum"), "KnowledgeInstitute"),
    (("ziekenhuis", "kliniek", "zorg", "ggz", "psychiatrie", "jeugdhulp", "thuiszorg"),
     "CareProvider"),
    (("welzijn", "sociaalwerk", "steunpunt", "vrijwilligers", "vrijwilligershuis",
      "mantelzorg", "buurtwerk", "jongerenwerk"), "WelfareOrganisation"),
    (("regio", "samenwerking", "platform", "backoffice", "servicepunt", "loket", "team",
      "netwerk", "veiligheidsregio", "werkbedrijf"), "RegionalCollaboration"),
)
_ORG_HEADS = tuple(h for heads, _ in _HEAD_TYPES for h in heads if h != "zorg") + (
    "stichting", "vereniging", "bond", "federatie", "organisatie", "raad", "dienst",
    "bureau", "centrum", "center", "centre", "huis", "groep", "partners", "cooperatie",
    "fonds", "bank", "punt",
)
_ACRONYM_CONNECT = frozenset({"en", "van", "de", "het", "voor", "op", "in", "der", "den",
                              "een", "&", "of", "and", "the", "aan", "-"})

# ------------------------------------------------------------------ cue patterns
_MUNICIPALITY_CUE = re.compile(r"(?<![\w-])(?:centrum|gast|buur)?gemeente\s+", re.IGNORECASE)
_PROVINCE_CUE = re.compile(rf"(?<![\w-])[Pp]rovincie\s+({_NAME})")
# Each cue with the strings one of which every match contains (case as in the pattern):
# a sentence without them is not scanned.
_NAMED_CUES = (
    (re.compile(rf"(?<![\w-])[Ss]tichting\s+({_NAME})"), "OtherOrganisation", "stichting",
     ("tichting",)),
    (re.compile(rf"(?<![\w-])(?:[Ww]oningcorporatie|[Ww]oningbouwcorporatie|[Ww]oonstichting)"
                rf"\s+({_NAME})"), "HousingCorporation", "", ("corporatie", "oonstichting")),
    (re.compile(rf"(?<![\w-])[Mm]inisterie\s+van\s+({_CAP}(?:(?:,\s+|\s+en\s+|\s+){_CAP})*)"),
     "GovernmentBody", "Ministerie van", ("inisterie",)),
    (re.compile(rf"(?<![\w-])(GGD\s+{_NAME})"), "HealthService", "", ("GGD",)),
    (re.compile(rf"(?<![\w-])(Veilig\s+Thuis\s+{_NAME})"), "CareProvider", "", ("Veilig",)),
    (re.compile(rf"(?<![\w-])(Veiligheidsregio\s+{_NAME})"), "RegionalCollaboration", "",
     ("Veiligheidsregio",)),
    (re.compile(rf"(?<![\w-])(Sociaal\s+Werk\s+{_NAME})"), "WelfareOrganisation", "",
     ("Sociaal",)),
)
# A sentence without any of the cues' strings is not scanned for them at all.
_NAMED_CUE_HINT = re.compile("|".join(re.escape(h) for *_, hints in _NAMED_CUES for h in hints))
_ROLE_PAREN = re.compile(
    r"(?<![\w-])(" + "|".join(sorted(map(re.escape, _ROLES_WITH_NAME), key=len, reverse=True))
    + rf")\s*\(\s*({_NAME})\s*\)", re.IGNORECASE)
_ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z0-9&]{1,9})\s*\)")
# Every list cue ends in one of these words.
_LIST_CUE_WORDS = frozenset({"met", "door", "bij", "via", "waaronder", "zoals"})
_LIST_CUE = re.compile(
    r"(?<![\w-])(?:in\s+samenwerking\s+met|samen\s+met|uitgevoerd\s+door|aangeboden\s+door|"
    r"georganiseerd\s+door|begeleid\s+door|ondersteund\s+door|ondergebracht\s+bij|"
    r"belegd\s+bij|via|door|waaronder|"
    r"(?:keten|samenwerkings|zorg|maatschappelijke\s+|lokale\s+|regionale\s+)?partners?"
    r"(?:\s+\w+){0,3}?,?\s+zoals|(?:organisaties|instellingen|aanbieders)\s+zoals)\s+",
    re.IGNORECASE)
_INIT_NAME = re.compile(rf"{_CAP}(?:\s+(?:(?:op|van|voor|de|der|den|in|aan|is|met|&)\s+)*{_CAP})*")
_INITIATIVE_QUOTED = re.compile(
    r"(?<![\w-])(?:methodiek|methode|interventie|concept\s+van|training|campagne|"
    r"ouderavonden|aanpak)\s+['\u2018]([^'\u2019]{2,60})['\u2019]", re.IGNORECASE)
_INITIATIVE_NAMED = re.compile(rf"(?<![\w-])(?:methodiek|methode|interventie)\s+({_NAME})")
_INITIATIVE_LIST = re.compile(r"(?<![\w-])initiatieven\b[^.;:]{0,80}?\bzoals\s+",
                              re.IGNORECASE)
_INITIATIVE_SUFFIX = re.compile(r"-(?:trainingen|training|aanpak|methode|methodiek)$")
# Plural nouns for kinds of activity, not names of initiatives.
GENERIC_ACTIVITIES = frozenset({
    "opvoedavonden", "ouderavonden", "moedergroepen", "huisbezoeken", "netwerkbijeenkomsten",
    "trainingen", "cursussen", "bijeenkomsten", "webinars", "inloopspreekuren",
})
_LIST_END = re.compile(r"[.;:?!()\u201c\u201d\"]")
_LIST_SPLIT = re.compile(r",\s*|\s+(?:en|of)\s+")
_DETERMINERS = re.compile(
    r"^(?:(?:de|het|een|onze|andere|lokale|regionale|diverse|bijvoorbeeld|o\.a\.|"
    r"onder\s+andere|met\s+name|ook)\s+)*")


# ------------------------------------------------------------------ context
@dataclass(frozen=True)
class _Context:
    own: Municipality | None
    scope: frozenset[str]
    suffix: str
    suffix_label: str


@lru_cache(maxsize=2048)
def _context(own_municipality: str, region_hint: str) -> _Context:
    register, regions = load_municipalities(), load_regions()
    own = register.resolve(own_municipality) if own_municipality else None
    scope: set[str] = set()

    def add_municipality(m: Municipality) -> None:
        for code in {m.cbs_code, register.current(m).cbs_code}:
            scope.add(code)
            scope.update(r.id for r in regions.containing(code))

    if own is not None:
        add_municipality(own)
    if region_hint:
        region = regions.resolve(region_hint)
        if region is not None:
            scope.add(region.id)
        else:
            hinted = register.resolve(region_hint)
            if hinted is not None:
                add_municipality(hinted)
    if own is not None:
        suffix, suffix_label = own.slug, own.name
    elif own_municipality:
        suffix, suffix_label = slugify(own_municipality), own_municipality
    elif region_hint:
        suffix, suffix_label = slugify(region_hint), region_hint
    else:
        suffix, suffix_label = "", ""
    return _Context(own, frozenset(scope), suffix, suffix_label)


class _State:
    """Per-call state: gazetteer, context, organisations already known or found."""

    def __init__(self, gazetteer: Gazetteer, context: _Context,
                 known: dict[str, Organisation]):
        self.gazetteer = gazetteer
        self.context = context
        self.known = known
        self.new: dict[str, Organisation] = {}
        self.register = load_municipalities()
        self.regions = load_regions()

    # -- identity
    def organisation(self, org_id: str) -> Organisation | None:
        return self.gazetteer.get(org_id) or self.new.get(org_id) or self.known.get(org_id)

    def is_own(self, org: Organisation) -> bool:
        own = self.context.own
        if own is None or org.type != "Municipality" or not org.region:
            return False
        named = self.register.by_code(org.region)
        return named is not None and (
            self.register.current(named).cbs_code == self.register.current(own).cbs_code)

    def from_labels(self, labels: list[Label], found: str) -> Organisation | None:
        accepted = [label for label in labels if label.accepts(found)]
        plain = list(dict.fromkeys(lb.organisation for lb in accepted if not lb.regional))
        if plain:
            return self.gazetteer.get(plain[0])
        regional = [lb for lb in accepted if lb.regional]
        return self.regional(regional) if regional else None

    def regional(self, labels: list[Label]) -> Organisation | None:
        candidates = [self.gazetteer.get(lb.organisation) for lb in labels]
        candidates = [c for c in dict.fromkeys(candidates) if c is not None]
        inside = [c for c in candidates if c.region in self.context.scope]
        if inside:
            return inside[0]
        if not candidates:
            return None
        return self.regional_fallback(labels[0].text, candidates[0].type)

    def regional_fallback(self, label: str, type_: str) -> Organisation:
        """A generic regional name ("GGD") outside the known regions: one node per
        document municipality, so that GGDs of different regions never merge."""
        org_id = slugify(label) + (f"-{self.context.suffix}" if self.context.suffix else "")
        pref = f"{label} ({self.context.suffix_label})" if self.context.suffix else label
        return self.remember(Organisation(id=org_id, pref_label=pref, alt_labels=(label,),
                                          type=type_, in_gazetteer=False))

    def remember(self, org: Organisation) -> Organisation:
        existing = self.organisation(org.id)
        if existing is not None:
            return existing
        self.new[org.id] = org
        return org

    def by_name(self, name: str, type_: str, alts: Iterable[str] = (),
                pref: str | None = None) -> Organisation | None:
        """Gazetteer or earlier organisation with this name, else a new one."""
        for variant in (pref or name, name, *alts):
            org = self.from_labels(self.gazetteer.labels_for(label_key(variant)), fold(variant))
            if org is not None:
                return org
        keys = {label_key(v) for v in (pref or name, name, *alts)}
        for org in (*self.new.values(), *self.known.values()):
            if keys & {label_key(v) for v in (org.pref_label, *org.alt_labels)}:
                return org
        if label_key(name) in REGIONAL_GENERIC:
            return self.regional_fallback(name, REGIONAL_GENERIC[label_key(name)])
        pref = pref or name
        alts = (*alts, *_article_tail(pref))
        alt_labels = tuple(dict.fromkeys(a for a in (name, *alts) if a != pref))
        return self.remember(Organisation(id=slugify(pref), pref_label=pref,
                                          alt_labels=alt_labels, type=type_,
                                          in_gazetteer=False))

    def municipality(self, m: Municipality) -> Organisation:
        org_id = f"gemeente-{m.slug}"
        return self.organisation(org_id) or self.remember(Organisation(
            id=org_id, pref_label=f"Gemeente {m.name}", alt_labels=(f"gemeente {m.name}",),
            type="Municipality", region=m.cbs_code, in_gazetteer=False))

    # -- filters
    def acceptable(self, name: str, *, strong: bool = False) -> bool:
        """Whether a name found by a cue can be an organisation's name."""
        return _acceptable(name, strong)


@lru_cache(maxsize=1 << 14)
def _acceptable(name: str, strong: bool) -> bool:
    """:meth:`_State.acceptable`; it asks only the bundled registers, so the answer per name
    is fixed and the same cue names (in every element of a document) are judged once."""
    register, regions = load_municipalities(), load_regions()
    key = label_key(name)
    tokens = name.split()
    if not key or key in STOP_NAMES or key in PLACES or "?" in name:
        return False
    if key.split()[0] in STOP_NAMES:
        return False
    if _LAW.search(name):
        return False
    if any(t.endswith(_THING_SUFFIXES) for t in key.split()):
        return False
    if register.resolve(name) is not None or regions.resolve(name) is not None:
        return False
    if strong or len([t for t in tokens if t[:1].isupper() or t[:1].isdigit()]) >= 2:
        return True
    word = tokens[0]
    camel = any(c.isupper() for c in word[1:]) and any(c.islower() for c in word)
    acronym = word.isupper() and 2 <= len(word) <= 8
    return camel or acronym


# ------------------------------------------------------------------ recognisers
@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    priority: int
    org: Organisation


@dataclass(frozen=True)
class _Text:
    """A sentence as the recognisers scan it (:func:`fold`-ed), with its :func:`caseless`
    form and words, so that each recogniser can skip a sentence without its cue words."""

    folded: str
    caseless: str
    words: frozenset[str]

    @classmethod
    def of(cls, text: str) -> _Text:
        folded = fold(text)
        return cls(folded, caseless(folded), words(folded))


def _guess_type(name: str, default: str = "OtherOrganisation") -> str:
    words = label_key(name).split()
    for heads, type_ in _HEAD_TYPES:
        if any(w.endswith(heads) for w in words):
            return type_
    return default


def _gazetteer_hits(sentence: _Text, state: _State) -> Iterable[_Hit]:
    if not state.gazetteer.name_filter.any(sentence.words):
        return
    for match in state.gazetteer.matcher.finditer(sentence.folded):
        found = match.group(0)
        org = state.from_labels(state.gazetteer.labels_for(label_key(found)), found)
        if org is not None:
            yield _Hit(match.start(), match.end(), 0, org)


def _municipality_hits(sentence: _Text, state: _State) -> Iterable[_Hit]:
    if "gemeente" not in sentence.caseless:
        return
    text = sentence.folded
    for cue in _MUNICIPALITY_CUE.finditer(text):
        found = state.register.match_at(text, cue.end())
        if found is not None:
            municipality, end = found
            yield _Hit(cue.start(), end, 1, state.municipality(municipality))


def _province_hits(sentence: _Text, state: _State) -> Iterable[_Hit]:
    if "rovincie" not in sentence.folded:
        return
    for match in _PROVINCE_CUE.finditer(sentence.folded):
        region = state.regions.resolve(match.group(1))
        if region is not None and region.type == "Province":
            name = region.name.removeprefix("Provincie ")
            org = state.by_name(f"Provincie {name}", "GovernmentBody")
            if org is not None:
                yield _Hit(match.start(), match.end(), 1, org)


def _named_cue_hits(sentence: _Text, state: _State) -> Iterable[_Hit]:
    if not _NAMED_CUE_HINT.search(sentence.folded):
        return
    for pattern, type_, prefix, hints in _NAMED_CUES:
        if not any(hint in sentence.folded for hint in hints):
            continue
        for match in pattern.finditer(sentence.folded):
            name = _trim(match.group(1))
            if not state.acceptable(name, strong=True):
                continue
            if prefix == "stichting":
                org = state.by_name(name, _guess_type(name, type_), alts=(f"stichting {name}",))
            elif prefix:
                org = state.by_name(name, _guess_type(name, type_), pref=f"{prefix} {name}")
            else:
                org = state.by_name(name, type_)
            if org is not None:
                yield _Hit(match.start(1), match.start(1) + len(name), 1, org)


def _role_hits(sentence: _Text, state: _State) -> Iterable[_Hit]:
    if "(" not in sentence.folded:
        return
    for match in _ROLE_PAREN.finditer(sentence.folded):
        name = _trim(match.group(2))
        if state.acceptable(name, strong=True):
            type_ = _ROLES_WITH_NAME[re.sub(r"\s+", " ", match.group(1).lower())]
            org = state.by_name(name, type_)
            if org is not None:
                yield _Hit(match.start(2), match.start(2) + len(name), 1, org)


def _acronym_hits(sentence: _Text, state: _State) -> Iterable[_Hit]:
    if "(" not in sentence.folded:
        return
    text = sentence.folded
    for match in _ACRONYM.finditer(text):
        acronym = match.group(1)
        letters = [c for c in acronym if c.isalpha()]
        if sum(c.isupper() for c in letters) < 2:
            continue
        before = text[: match.start()].rstrip().rstrip("'\u2019\u201d\"")
        stretch = re.split(r"[,.;:()\u2018\u201c\"]", before)[-1]
        tokens = [t for t in stretch.split() if t]
        for k in range(1, min(len(tokens), 10) + 1):
            chosen = tokens[-k:]
            if not chosen[0][:1].isupper():
                continue
            initials = "".join(
                part[0].upper() for t in chosen if t.lower() not in _ACRONYM_CONNECT
                for part in t.split("-") if part and part[0].isalpha() and part.lower() != "en")
            if initials != "".join(c.upper() for c in letters):
                continue
            name = " ".join(chosen)
            if _organisation_like(name, state):
                org = state.by_name(name, _guess_type(name), alts=(acronym,))
                if org is not None:
                    start = before.rfind(chosen[0], len(before) - len(stretch))
                    yield _Hit(start, match.end(), 2, org)
            break


def _organisation_like(name: str, state: _State) -> bool:
    if not state.acceptable(name, strong=True):
        return False
    words = label_key(name).split()
    if any(w.endswith(_ORG_HEADS) for w in words):
        return True
    last = name.split()[-1]
    return (state.regions.resolve(last) is not None
            or state.register.resolve(last) is not None)


def _list_hits(sentence: _Text, state: _State) -> Iterable[_Hit]:
    if sentence.words.isdisjoint(_LIST_CUE_WORDS):
        return
    text = sentence.folded
    for cue in _LIST_CUE.finditer(text):
        end = _LIST_END.search(text, cue.end())
        stretch_end = end.start() if end else len(text)
        position = cue.end()
        for item in _LIST_SPLIT.split(text[cue.end() : stretch_end]):
            offset = text.find(item, position)
            position = offset + len(item) if offset >= 0 else position
            lead = _DETERMINERS.match(item)
            rest = item[lead.end():] if lead else item
            match = NAME.match(rest)
            if not match or offset < 0:
                break  # the enumeration of names has ended
            name = _trim(match.group(0))
            if state.acceptable(name):
                org = state.by_name(name, _guess_type(name))
                if org is not None:
                    start = offset + (lead.end() if lead else 0)
                    yield _Hit(start, start + len(name), 3, org)


def _initiative_hits(sentence: _Text, state: _State) -> Iterable[_Hit]:
    text = sentence.folded
    for pattern, hinted in ((_INITIATIVE_QUOTED, "'" in text or "\u2018" in text),
                            (_INITIATIVE_NAMED, "method" in text or "interventie" in text)):
        if not hinted:
            continue
        for match in pattern.finditer(text):
            name = _trim(match.group(1))
            if _initiative_name(name, state):
                org = state.by_name(name, INITIATIVE)
                if org is not None:
                    yield _Hit(match.start(1), match.start(1) + len(name), 1, org)
    if "initiatieven" not in sentence.caseless:
        return
    for cue in _INITIATIVE_LIST.finditer(text):
        end = _LIST_END.search(text, cue.end())
        position = cue.end()
        for item in _LIST_SPLIT.split(text[cue.end() : end.start() if end else len(text)]):
            offset = text.find(item, position)
            if offset < 0:
                continue
            position = offset + len(item)
            lead = _DETERMINERS.match(item)
            match = _INIT_NAME.match(item, lead.end() if lead else 0)
            if not match:
                continue
            name = _INITIATIVE_SUFFIX.sub("", _trim(match.group(0)))
            if _initiative_name(name, state):
                org = state.by_name(name, INITIATIVE)
                if org is not None:
                    yield _Hit(offset + match.start(), offset + match.start() + len(name), 2, org)


def _initiative_name(name: str, state: _State) -> bool:
    key = label_key(name)
    if not key or key in GENERIC_ACTIVITIES or len(key.split()) > 8:
        return False
    return state.acceptable(name, strong=True)


def _trim(name: str) -> str:
    return name.strip().rstrip("'\u2019")


_RECOGNISERS = (_gazetteer_hits, _municipality_hits, _province_hits, _named_cue_hits,
                _role_hits, _acronym_hits, _initiative_hits, _list_hits)


def _recognise(sentence: _Text, state: _State) -> list[tuple[Organisation, int]]:
    hits = [hit for recogniser in _RECOGNISERS for hit in recogniser(sentence, state)]
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), h.priority))
    chosen: list[_Hit] = []
    for hit in hits:
        if chosen and hit.start < chosen[-1].end:
            continue
        chosen.append(hit)
    return [(h.org, h.start) for h in chosen if not state.is_own(h.org)]


def _label_hits(sentence: _Text, state: _State, index: _LabelIndex
                ) -> list[tuple[Organisation, int]]:
    """Mentions of organisations found elsewhere (e.g. a bare acronym after its definition).

    Only the labels whose words the sentence has are matched: the others cannot match, so
    leaving them out of the alternation changes no match, and the small matchers for the
    few labels a sentence may name are compiled once, not one for every set of labels.
    """
    labels, names = index
    candidates = names.candidates(sentence.words)
    if not candidates:
        return []
    found = []
    folded = sentence.folded
    for start, end in _label_matches(tuple(sorted(set(candidates))), folded):
        for label, org in labels.get(label_key(folded[start:end]), []):
            if label.accepts(folded[start:end]) and not state.is_own(org):
                found.append((org, start))
                break
    return found


_LabelIndex = tuple[dict[str, list[tuple[Label, Organisation]]], NameFilter]


@lru_cache(maxsize=512)
def _label_index(organisations: tuple[Organisation, ...]) -> _LabelIndex:
    labels: dict[str, list[tuple[Label, Organisation]]] = {}
    for org in organisations:
        for text in (org.pref_label, *org.alt_labels):
            labels.setdefault(label_key(text), []).append((Label(text, org.id), org))
    texts = sorted({lb.text for pairs in labels.values() for lb, _ in pairs})
    return labels, NameFilter(texts)


_LABEL_BEFORE = r"(?<![\w\-])"
_LABEL_AFTER = r"(?![\w]|(?-i:-[A-Z0-9]))"


def _label_matches(texts: tuple[str, ...], folded: str) -> list[tuple[int, int]]:
    """The spans ``_matcher(texts).finditer(folded)`` gives, without compiling that matcher.

    At each position the alternation takes the first of its names (in
    :func:`~beleidsgraaf.reference.municipalities.name_alternation`'s order) that matches
    there, and goes on after the match. So: every position where each name matches, the
    first name in that order per position, then the leftmost non-overlapping matches. The
    names' own regexes are compiled once per name, not once for every set of names.
    """
    regexes = _label_regexes(texts)
    if regexes is None:  # a name without words can match the empty string: no shortcut
        return [match.span() for match in _matcher(texts).finditer(folded)]
    ends: dict[int, int] = {}
    for regex in regexes:
        match = regex.search(folded)
        while match is not None:
            ends.setdefault(match.start(), match.end())
            match = regex.search(folded, match.start() + 1)
    spans, position = [], 0
    for start in sorted(ends):
        if start >= position:
            spans.append((start, ends[start]))
            position = ends[start]
    return spans


@lru_cache(maxsize=512)
def _label_regexes(texts: tuple[str, ...]) -> tuple[re.Pattern[str], ...] | None:
    """One regex per name of ``texts``, in the order their alternation tries them."""
    from beleidsgraaf.reference.municipalities import _name_pattern

    patterns = {_name_pattern(t) for t in texts}
    if "" in patterns:
        return None
    return tuple(_label_regex(p) for p in sorted(patterns, key=_alternation_rank))


def _alternation_rank(pattern: str) -> tuple[str, int, str]:
    """Where :func:`~beleidsgraaf.reference.municipalities.name_alternation` puts a pattern:
    grouped by first (escaped) character, then longest first."""
    first = pattern[:2] if pattern.startswith("\\") else pattern[:1]
    return first.lower(), -len(pattern), pattern


@lru_cache(maxsize=4096)
def _label_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(_LABEL_BEFORE + f"(?:{pattern})" + _LABEL_AFTER, re.IGNORECASE)


@lru_cache(maxsize=64)
def _matcher(texts: tuple[str, ...]) -> re.Pattern[str]:
    from beleidsgraaf.reference.municipalities import _name_pattern, name_alternation

    patterns = {_name_pattern(t) for t in texts}
    return re.compile(_LABEL_BEFORE + name_alternation(patterns) + _LABEL_AFTER, re.IGNORECASE)


def _article_tail(name: str) -> tuple[str, ...]:
    """"Sociaal Werk De Kear" is also written "de Kear": the article and what follows.

    >>> _article_tail("Sociaal Werk De Kear")
    ('de Kear',)
    >>> _article_tail("De Kear")
    ()
    """
    tokens = name.split()
    for i, token in enumerate(tokens[1:-1], start=1):
        tail = tokens[i + 1:]
        if token in ("De", "Het", "'t") and tail[0][:1].isupper() and len(tail[0]) >= 3:
            return (" ".join([token.lower(), *tail]),)
    return ()


# ------------------------------------------------------------------ entry point
def find_organisations(
    element: Element,
    gazetteer: Gazetteer,
    own_municipality: str | None,
    region_hint: str | None = None,
    *,
    known: dict[str, Organisation] | None = None,
) -> tuple[list[Link], dict[str, Organisation]]:
    """Links from ``element`` to the organisations and initiatives its text names.

    ``own_municipality`` (name or CBS code) is the document's author and never a
    partner; with ``region_hint`` (region id or name, province or municipality) it
    decides which regional organisation a generic name ("GGD") means. ``known`` are
    organisations recognised earlier in the same document (outside the gazetteer):
    their names and acronyms are recognised here too.

    Returns the links (predicate ``involves``, or ``involvesInitiative`` for type
    ``Initiative``; one :class:`Evidence` per supporting sentence, at the line of the
    match) and the organisations recognised outside the gazetteer, by id.
    """
    lines = element.lines or [Line(element.line, element.label)]
    state = _State(gazetteer, _context(own_municipality or "", region_hint or ""),
                   dict(known or {}))
    evidence: dict[str, list[Evidence]] = {}
    parsed = sentences(lines)
    texts = [_Text.of(sentence.text) for sentence in parsed]
    for sentence, text in zip(parsed, texts, strict=True):
        _collect(sentence, _recognise(text, state), evidence)
    extra = [*state.new.values(), *state.known.values()]
    if extra:
        index = _label_index(tuple(extra))
        for sentence, text in zip(parsed, texts, strict=True):
            _collect(sentence, _label_hits(text, state, index), evidence)
    links = []
    for org_id, items in evidence.items():
        org = state.organisation(org_id)
        predicate = INITIATIVE_PREDICATE if org and org.type == INITIATIVE else PREDICATE
        items.sort(key=lambda e: e.line)
        links.append(Link(source=element.key, predicate=predicate, target=org_id,
                          evidence=items))
    found = {k: v for k, v in state.new.items() if k in evidence}
    return links, found


def _collect(sentence: Sentence, hits: list[tuple[Organisation, int]],
             evidence: dict[str, list[Evidence]]) -> None:
    for org, offset in hits:
        items = evidence.setdefault(org.id, [])
        if any(e.quote == sentence.text for e in items):
            continue
        items.append(Evidence(quote=sentence.text, line=sentence.line_at(offset)))
