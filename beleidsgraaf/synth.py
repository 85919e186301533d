"""Synthetic corpus: realistic policy documents for every municipality, to test and benchmark.

``beleidsgraaf synth --municipalities 342 --years 4 --out DIR`` writes one document per
municipality and year (about 1,400 for the whole country) in the five layouts the structure
stage recognises (README, "Recognised layouts"):

* **numbered** — ``Programma 6 …``, ambitions ``6.1``, goals ``6.1.1``, activities
  ``6.1.1.1`` with a timing line, then "Activiteiten 2026" repeating the codes with text;
* **goal-table** — pipe tables *Wat willen we bereiken? | Wat gaan we daarvoor doen? |
  Wanneer speelt het?* (rows without a goal cell belong to the goal above), then a narrative
  that repeats the activity titles, with sub-headings;
* **themes** — ``Thema …`` → ``Doel N: …`` → numbered activities in table rows;
* **memo** — a council memo: ``Onderwerp:``, ``Collegedatum:``, earlier decisions and the
  measures under *Toelichting*;
* **narrative** — a programme plan with a list of *speerpunten* and budget lines.

Each municipality keeps its layout over the years, and its plan evolves from year to year
(activities dropped, added and reworded), so ``bg:continues`` has something to find. The
text names laws (register names, abbreviations, statutory tasks without the law), partners
(gazetteer organisations and invented ones behind cues such as "stichting X"),
cross-references and timings.

Everything is drawn from one :class:`random.Random` seeded with ``seed``: the same arguments
always give the same bytes. The generator knows what it wrote: :attr:`SynthDocument.elements`
lists every programme, ambition, goal and activity as written, so tests compare what the
structure stage recognises with what was generated. ``manifest.csv`` (municipality, year and
type of every file) and ``synth.json`` (the generated counts) are written beside the documents.

>>> docs = generate_documents(municipalities=3, years=2, seed=1)
>>> len(docs), {d.layout for d in docs} <= set(LAYOUTS)
(6, True)
>>> docs[0].text == generate_documents(municipalities=3, years=2, seed=1)[0].text
True
"""

from __future__ import annotations

import csv
import io
import json
import random
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from beleidsgraaf.reference.municipalities import Municipality, load_municipalities

LAYOUTS = ("numbered", "goal-table", "themes", "memo", "narrative")
DOC_TYPES = {"numbered": "programmabegroting", "goal-table": "programmabegroting",
             "themes": "programmabegroting", "memo": "informatienota",
             "narrative": "programmaplan"}
LAST_YEAR = 2026

# ------------------------------------------------------------------------------ word banks
PROGRAMMES = (
    "Sociaal domein", "Zorg en welzijn", "Werk, inkomen en zorg", "Samenleving",
    "Wmo, jeugdzorg en participatiewet", "Sociale kracht", "Meedoen en ondersteuning",
    "Gezondheid en welzijn", "Jeugd, zorg en participatie", "Bestaanszekerheid en zorg",
)
THEMES = (
    "Versterking eigen kracht", "Ondersteuning", "Bescherming", "Gezondheid",
    "Werk en inkomen", "Jeugd en onderwijs", "Wonen en zorg", "Meedoen", "Bestaanszekerheid",
    "Sociale basis", "Preventie", "Veilig opgroeien",
)
AMBITIONS = (
    "Inwoners zijn zoveel mogelijk zelfredzaam en kunnen deelnemen aan de samenleving",
    "Inwoners van {m} leven gezond en zijn vitaal",
    "Iedereen in {m} kan meedoen",
    "Jeugdigen groeien gezond en veilig op",
    "Inwoners hebben bestaanszekerheid",
    "Kwetsbare inwoners wonen veilig en passend",
    "Werk en inkomen voor iedereen die kan werken",
    "Een sterke sociale basis in elke wijk en kern",
    "Zorg en ondersteuning blijven toegankelijk en betaalbaar",
    "Inwoners van {m} voelen zich veilig thuis",
)
GOALS = (
    "Inwoners met een hulpvraag ontvangen passende ondersteuning",
    "Problematische schulden worden waar mogelijk voorkomen",
    "Mantelzorgers kunnen hun taak aan",
    "Jongeren groeien op in een veilige omgeving",
    "Inwoners met een bijstandsuitkering vinden werk",
    "Statushouders doen snel mee in de samenleving",
    "Eenzaamheid onder ouderen neemt af",
    "Het middelengebruik onder jongeren neemt af",
    "Kinderen krijgen een kansrijke start",
    "Inwoners wonen langer zelfstandig thuis",
    "Inwoners vinden de weg naar informatie en hulp",
    "Huiselijk geweld wordt eerder gesignaleerd en gestopt",
    "Inwoners met een beperking doen volwaardig mee",
    "Minder inwoners leven in armoede",
    "Er is voldoende passende jeugdhulp",
    "Vrijwilligers worden gewaardeerd en ondersteund",
    "Laaggeletterdheid neemt af",
    "Inwoners met psychische kwetsbaarheid krijgen steun in de wijk",
    "Jongeren verlaten de school met een startkwalificatie",
    "De zorgkosten blijven beheersbaar",
)
VERBS = (
    "We zetten in op", "We investeren in", "We werken aan", "We versterken",
    "We ondersteunen", "We organiseren", "We stimuleren", "We ontwikkelen", "We verbeteren",
    "Wij zorgen voor", "We bouwen verder aan", "We geven uitvoering aan",
)
OBJECTS = (
    "de ondersteuning van mantelzorgers", "vroegsignalering van betalingsachterstanden",
    "een laagdrempelig inloopspreekuur in de wijk", "de inkoop van jeugdhulp",
    "de doorontwikkeling van het sociaal team", "het terugdringen van wachtlijsten",
    "preventie van middelengebruik onder jongeren", "een dementievriendelijke gemeente",
    "de aanpak van laaggeletterdheid", "een sluitende aanpak voor personen met verward gedrag",
    "het bereik van de minimaregelingen", "schoolmaatschappelijk werk op alle scholen",
    "de begeleiding van statushouders naar werk", "beschermd wonen dichtbij huis",
    "huishoudelijke ondersteuning voor ouderen", "onafhankelijke cliëntondersteuning",
    "een integrale aanpak van huiselijk geweld", "meer beschut werk en garantiebanen",
    "de samenwerking tussen huisartsen en het sociaal domein", "valpreventie bij ouderen",
    "een gezonde leefstijl voor kinderen", "de aanpak van eenzaamheid",
    "vrijwillige inzet in buurthuizen", "toegankelijke sport- en beweegactiviteiten",
    "de aansluiting tussen onderwijs en jeugdhulp", "een kansrijke start voor elk kind",
    "de mentale gezondheid van jongeren", "het terugdringen van thuiszitters",
    "een lokaal werkbedrijf", "ervaringsdeskundigheid in de ondersteuning",
    "woningaanpassingen voor inwoners met een beperking", "passend vervoer voor kwetsbare inwoners",
    "de aanpak van energiearmoede", "de preventieve inzet van jongerenwerk",
    "respijtzorg en dagopvang", "digitale vaardigheden van ouderen",
    "het voorkomen van huisuitzettingen", "goede opvang van asielzoekers",
    "een stevig voorliggend veld", "de aanpak van jeugdoverlast",
    "budgetcursussen voor jonge gezinnen", "een regionale crisisdienst voor jeugd",
    "het mantelzorgcompliment", "buurtsportcoaches op de basisscholen",
    "een wijkgerichte aanpak van armoede onder kinderen",
    "de inzet van praktijkondersteuners jeugd",
    "taalhuizen in de bibliotheek", "maatjesprojecten voor nieuwkomers",
    "de regionale inkoop van beschermd thuis", "het jongerenwerk in de avonduren",
    "een integraal kindcentrum in elke kern", "het project Thuis in de Buurt",
    "de herijking van het subsidiebeleid", "sociale huurwoningen voor kwetsbare groepen",
    "de gezondheidsmonitor voor volwassenen", "een preventieakkoord met sportverenigingen",
    "de overgang van 18 naar 18-plus", "vervoer naar dagbesteding",
    "het vrijwilligerssteunpunt", "de wachttijden bij de schuldhulp",
    "persoonsgebonden budgetten", "een centraal meldpunt voor zorgen om inwoners",
    "het terugdringen van zorgfraude", "werkervaringsplaatsen bij lokale ondernemers",
    "de huisvesting van arbeidsmigranten", "de aanpak van kindermishandeling",
    "opvoedondersteuning in de wijk", "de samenwerking met zorgverzekeraars",
)
QUALIFIERS = (
    "", "", "", " in de wijken", " samen met onze partners", " voor alle leeftijden",
    " in de kernen", " met extra aandacht voor jongeren", " dicht bij huis",
)
TIMINGS = ("continu", "continu", "doorlopend", "structureel", "{y} e.v.", "{y}-{z}",
           "in Q{q} {y}", "vanaf {y}")
SUBHEADINGS = (
    "Pilot in de wijk", "Evaluatie en vervolg", "Regionale samenwerking", "Inkooptraject",
    "Monitoring", "Communicatie naar inwoners", "Kwaliteit en toezicht", "Nieuwe werkwijze",
)
SURNAMES = ("Samen Verder", "De Brug", "Wijkkracht", "Het Anker", "Zorgzaam", "De Schakel",
            "Buurtkracht", "Thuis Dichtbij", "Vrij Baan", "De Horizon", "Kompas", "Meedoen Nu",
            "De Verbinding", "Steunpunt Zuid", "Oost Actief", "De Bron", "Doorzetters",
            "Welzijn Plus", "Kracht op Maat", "Hand in Hand")
CUES = ("stichting", "woningcorporatie", "stichting", "stichting")
# partners from the gazetteer that work anywhere (national organisations and initiatives)
NATIONAL = ("UWV", "Sociale Verzekeringsbank", "COA", "Alzheimer Nederland", "Humanitas",
            "Stichting Leergeld", "VluchtelingenWerk", "Jeugdfonds Sport & Cultuur",
            "Trimbos-instituut", "Movisie", "Pharos", "Nibud", "Halt",
            "Raad voor de Kinderbescherming", "Openbaar Ministerie", "Rode Kruis")
# (how the law is written, law id in the register)
LAWS = (("Jeugdwet", "jeugdwet"), ("Wmo 2015", "wmo-2015"),
        ("Wet maatschappelijke ondersteuning 2015", "wmo-2015"),
        ("Participatiewet", "participatiewet"), ("Wet inburgering 2021", "wet-inburgering-2021"),
        ("Wet gemeentelijke schuldhulpverlening", "wgs"), ("Wgs", "wgs"),
        ("Wet publieke gezondheid", "wpg"), ("Leerplichtwet", "leerplichtwet"),
        ("Wet langdurige zorg", "wlz"), ("Wet kinderopvang", "wet-kinderopvang"),
        ("Spreidingswet", "spreidingswet"), ("Wet verplichte meldcode", "wet-verplichte-meldcode"),
        ("Huisvestingswet 2014", "huisvestingswet-2014"), ("Wvggz", "wvggz"))
# statutory tasks named without their law (imply the law)
TASKS = ("schuldhulpverlening", "jeugdhulp", "beschermd wonen", "bijzondere bijstand",
         "leerplicht", "inburgering", "maatschappelijke opvang", "huishoudelijke ondersteuning",
         "jeugdgezondheidszorg", "mantelzorgondersteuning", "pleegzorg", "loonkostensubsidie")
AGREEMENTS = ("het Integraal Zorgakkoord (IZA)", "de Hervormingsagenda Jeugd",
              "het Gezond en Actief Leven Akkoord (GALA)", "de Brede SPUK")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")


# ------------------------------------------------------------------------------ data model
@dataclass(frozen=True)
class Written:
    """One element as the generator wrote it."""

    kind: str  # Programme, Ambition, Goal, Activity (the ontology class names)
    label: str
    code: str | None = None
    timing: str | None = None


@dataclass
class SynthDocument:
    file: str
    municipality: str
    cbs_code: str
    year: int
    layout: str
    doc_type: str
    text: str
    elements: list[Written] = field(default_factory=list)
    laws: set[str] = field(default_factory=set)  # law ids named explicitly

    def counts(self) -> dict[str, int]:
        """Generated programmes, ambitions, goals and activities."""
        found = Counter(e.kind for e in self.elements)
        return {"programmes": found["Programme"], "ambitions": found["Ambition"],
                "goals": found["Goal"], "activities": found["Activity"]}


@dataclass
class _Activity:
    title: str
    timing: str
    body: list[str]
    new: bool = False


@dataclass
class _Goal:
    title: str
    activities: list[_Activity]


@dataclass
class _Ambition:
    title: str
    theme: str
    goals: list[_Goal]


@dataclass
class _Plan:
    """What a municipality wants and does in one year; evolves from year to year."""

    programme: str
    number: int
    ambitions: list[_Ambition]


# ------------------------------------------------------------------------------ generation
class _Writer:
    """Draws text for one municipality (its partners, region and plan)."""

    def __init__(self, rng: random.Random, municipality: Municipality, neighbours: list[str]):
        self.rng = rng
        self.m = municipality
        self.neighbours = neighbours
        self.partners = self._partners()
        self.laws: set[str] = set()
        self.named_neighbour = False
        self.used: set[str] = set()

    # -- partners: two invented local ones, gazetteer organisations, national ones
    def _partners(self) -> list[str]:
        rng = self.rng
        own = [f"{rng.choice(CUES)} {name}" for name in rng.sample(SURNAMES, 3)]
        return own + rng.sample(NATIONAL, 3)

    def partner(self) -> str:
        return self.rng.choice(self.partners)

    # -- sentences of an activity's text
    def sentence(self, year: int) -> str:
        rng = self.rng
        choice = rng.randrange(12)
        if choice == 0:
            return f"In {year} werken we hierbij samen met {self.partner()}."
        if choice == 1:
            a, b = rng.sample(self.partners, 2)
            return f"Dit doen we in samenwerking met {a} en {b}."
        if choice == 2:
            return f"De uitvoering ligt bij {self.partner()}, die hiervoor subsidie ontvangt."
        if choice in (3, 4):
            written, law = rng.choice(LAWS)
            self.laws.add(law)
            return rng.choice((f"Dit is een wettelijke taak op grond van de {written}.",
                               f"Hiermee voeren we de {written} uit.",
                               f"De {written} vraagt van gemeenten dat zij dit goed regelen."))
        if choice == 5:
            return f"Onderdeel hiervan is {rng.choice(TASKS)} voor inwoners die dat nodig hebben."
        if choice == 6:
            return f"Dit sluit aan bij {rng.choice(AGREEMENTS)}."
        if choice == 7:
            return (f"Inwoners van de gemeente {self.m.name} kunnen hiervoor terecht bij het "
                    f"sociaal team "
                    f"of bij {self.partner()}.")
        if choice == 8 and self.neighbours and not self.named_neighbour:
            self.named_neighbour = True  # once per document: the own name stays the most named
            return (f"We trekken hierin op met de gemeente {rng.choice(self.neighbours)} en "
                    f"andere gemeenten in de regio.")
        if choice == 9:
            return (f"In {rng.choice(MONTHS)} {year} evalueren we de resultaten en informeren "
                    f"we de raad.")
        if choice == 10:
            return "We monitoren het gebruik en sturen bij waar dat nodig is."
        return (f"De kosten worden gedekt uit de bestaande middelen van de gemeente "
                f"{self.m.name}.")

    def body(self, year: int, sentences: int | None = None) -> list[str]:
        count = sentences or self.rng.randint(3, 6)
        return [self.sentence(year) for _ in range(count)]

    # -- titles: unique within the plan
    def activity_title(self) -> str:
        rng = self.rng
        best, best_score = "", 2.0
        for _ in range(60):
            key = f"{rng.choice(OBJECTS)}{rng.choice(QUALIFIERS)}"
            score = max((SequenceMatcher(None, key, old, autojunk=False).ratio()
                         for old in self.used), default=0.0)
            if score < 0.8:
                best = key
                break
            if score < best_score:
                best, best_score = key, score
        self.used.add(best)
        return f"{rng.choice(VERBS)} {best}"

    def timing(self, year: int) -> str:
        rng = self.rng
        return rng.choice(TIMINGS).format(y=year + rng.randint(-1, 1), z=year + rng.randint(1, 3),
                                          q=rng.randint(1, 4))

    # -- the plan of the first year
    def plan(self, year: int) -> _Plan:
        rng = self.rng
        themes = rng.sample(THEMES, rng.randint(2, 4))
        ambitions_text = rng.sample(AMBITIONS, len(themes))
        goals_text = rng.sample(GOALS, len(themes) * 4)
        ambitions = []
        for theme, text in zip(themes, ambitions_text, strict=True):
            goals = []
            for _ in range(rng.randint(2, 4)):
                activities = [_Activity(self.activity_title(), self.timing(year), self.body(year))
                              for _ in range(rng.randint(2, 5))]
                goals.append(_Goal(goals_text.pop(), activities))
            ambitions.append(_Ambition(text.format(m=self.m.name), theme, goals))
        return _Plan(rng.choice(PROGRAMMES), rng.randint(2, 8), ambitions)

    def evolve(self, plan: _Plan, year: int) -> _Plan:
        """Next year's plan: most activities continue (some reworded), some end, some start."""
        rng = self.rng
        ambitions = []
        for ambition in plan.ambitions:
            goals = []
            for goal in ambition.goals:
                activities = []
                for old in goal.activities:
                    if rng.random() < 0.12 and len(goal.activities) > 1:
                        continue
                    title = old.title
                    if rng.random() < 0.15:
                        title = _reword(title, rng)
                    timing = old.timing if rng.random() < 0.7 else self.timing(year)
                    activities.append(_Activity(title, timing, self.body(year)))
                if rng.random() < 0.3 and len(activities) < 6:
                    activities.append(_Activity(self.activity_title(), self.timing(year),
                                                self.body(year), new=True))
                goals.append(_Goal(goal.title, activities))
            ambitions.append(_Ambition(ambition.title, ambition.theme, goals))
        return _Plan(plan.programme, plan.number, ambitions)


def _reword(title: str, rng: random.Random) -> str:
    words = title.split()
    if words[0] == "We":
        words[0] = "Wij"
    elif words[0] == "Wij":
        words[0] = "We"
    if rng.random() < 0.5:
        words.append(rng.choice(("verder", "opnieuw", "actief")))
    return " ".join(words)


# ------------------------------------------------------------------------------ layouts
def _numbered(w: _Writer, plan: _Plan, year: int) -> tuple[list[str], list[Written]]:
    p = plan.number
    lines = [f"Programma {p} {plan.programme}", "", "Ambities", ""]
    written = [Written("Programme", plan.programme, str(p))]
    for a, ambition in enumerate(plan.ambitions, start=1):
        code = f"{p}.{a}"
        written.append(Written("Ambition", ambition.title, code))
        lines += [f"{code} {ambition.title}", "", "Wat willen we bereiken?", "",
                  "Wat gaan we daarvoor doen?", "", "Wanneer speelt het?", ""]
        for g, goal in enumerate(ambition.goals, start=1):
            goal_code = f"{code}.{g}"
            written.append(Written("Goal", goal.title, goal_code))
            lines += [goal_code, goal.title, ""]
            for n, activity in enumerate(goal.activities, start=1):
                activity_code = f"{goal_code}.{n}"
                written.append(Written("Activity", activity.title, activity_code, activity.timing))
                lines += [activity_code, activity.title, "", activity.timing, ""]
        lines += [f"Activiteiten {year}",
                  "Voor het bereiken van bovenstaande ambitie gaan we het volgende doen "
                  f"in {year}.", ""]
        for g, goal in enumerate(ambition.goals, start=1):
            goal_code = f"{code}.{g}"
            lines.append(f"{goal_code}    {goal.title}")
            for n, activity in enumerate(goal.activities, start=1):
                lines.append(f"{goal_code}.{n} {activity.title}")
                body = list(activity.body)
                if len(plan.ambitions) > 1 and w.rng.random() < 0.25:
                    other = w.rng.choice([i for i in range(1, len(plan.ambitions) + 1)
                                          if i != a])
                    target = plan.ambitions[other - 1].title
                    body.append(f"Hier ligt een relatie met ambitie {p}.{other}: {target}.")
                if w.rng.random() < 0.1:
                    body.append(f"Zie ook hoofdstuk {w.rng.randint(2, 9)} van deze begroting.")
                lines += [" ".join(body), ""]
    lines += [f"Ontwikkelingen voor {year}", "", w.rng.choice(SUBHEADINGS), " ".join(w.body(year)),
              "", "Wat mag het kosten?", "", *_budget(w.rng)]
    return lines, written


def _goal_table(w: _Writer, plan: _Plan, year: int) -> tuple[list[str], list[Written]]:
    p = plan.number
    lines = ["Ambities"]
    written = []
    for a, ambition in enumerate(plan.ambitions, start=1):
        code = f"{p}.{a}"
        written.append(Written("Ambition", ambition.title, code))
        lines += [f"{code} {ambition.title}", f"{code} {ambition.title} |", "---|",
                  "Wat willen we bereiken? | Wat gaan we daarvoor doen? | Wanneer speelt het? |",
                  "---|---|---|"]
        # one activity per ambition points at another ambition, as budgets often do
        remarked = w.rng.choice([x for goal in ambition.goals for x in goal.activities])
        other = a % len(plan.ambitions) + 1
        for goal in ambition.goals:
            written.append(Written("Goal", goal.title))
            for n, activity in enumerate(goal.activities):
                title = activity.title
                if activity is remarked and other != a:
                    title += (f" (zie {w.rng.choice(('ook', 'verder'))} ambitie {p}.{other}: "
                              f"{plan.ambitions[other - 1].title})")
                written.append(Written("Activity", title, None, activity.timing))
                mark = " nieuw uit kadernota" if activity.new and w.rng.random() < 0.5 else ""
                if n == 0:
                    lines.append(f"{goal.title} | {title}{mark} | {activity.timing} |")
                else:
                    lines.append(f"{title}{mark} | {activity.timing} | |")
        lines += [f"Activiteiten {year}", "Voor het bereiken van bovenstaande ambitie gaan we "
                  f"het volgende doen in {year}."]
        for goal in ambition.goals:
            for activity in goal.activities:
                lines.append(activity.title)
                if w.rng.random() < 0.4:
                    lines.append(w.rng.choice(SUBHEADINGS))
                lines.append(" ".join(activity.body))
    lines += [f"Ontwikkelingen voor {year}", w.rng.choice(SUBHEADINGS), " ".join(w.body(year))]
    return lines, written


def _themes(w: _Writer, plan: _Plan, year: int) -> tuple[list[str], list[Written]]:
    lines: list[str] = []
    written = []
    themes = [a.theme for a in plan.ambitions]
    for t, ambition in enumerate(plan.ambitions):
        written.append(Written("Ambition", ambition.theme))
        lines.append(f"Thema {ambition.theme}")
        for g, goal in enumerate(ambition.goals, start=1):
            written.append(Written("Goal", goal.title, str(g)))
            lines += [f"Doel {g}: {goal.title}", "Wat gaan we daarvoor doen? | ||"]
            for n, activity in enumerate(goal.activities, start=1):
                # a long cell: its first sentence is the title, the whole cell the description
                written.append(Written("Activity", activity.title + ".", str(n)))
                body = list(activity.body)
                if len(themes) > 1 and w.rng.random() < 0.2:
                    other = themes[(t + 1) % len(themes)]
                    target = plan.ambitions[(t + 1) % len(themes)]
                    body.append(f"Zie activiteit 1 onder doel {len(target.goals)} van het thema "
                                f"{other}.")
                while len(activity.title) + sum(len(s) + 1 for s in body) <= 200:
                    body.append(w.sentence(year))
                lines.append(f"{n}. | {activity.title}. {' '.join(body)} | |")
    return lines, written


def _memo(w: _Writer, plan: _Plan, year: int) -> tuple[list[str], list[Written]]:
    rng = w.rng
    ambition = plan.ambitions[0]
    subject = f"{ambition.theme} in {w.m.name}"
    day = rng.randint(1, 28)
    decided = f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{year - 1}"
    case = f"Z/{(year - 1) % 100:02d}/{rng.randint(100000, 999999)}"
    lines = [f"Onderwerp: {subject}", "", f"Collegedatum: {day} {rng.choice(MONTHS)} {year}", "",
             "Kernboodschap", "",
             f"Met deze informatienota informeren we de raad van de gemeente {w.m.name} over de "
             "stand van "
             f"zaken rond {ambition.theme.lower()}.", " ".join(w.body(year, 2)), "",
             "Eerdere besluiten", "",
             "Datum Korte omschrijving eerder genomen besluit (vermeld zo mogelijk het zaaknummer)",
             "", f"{decided} {rng.choice(GOALS)} ({case})", "", "Toelichting", "",
             " ".join(w.body(year, 3)), ""]
    written = [Written("Ambition", subject)]
    measures = [a for goal in ambition.goals for a in goal.activities][:6]
    for activity in measures:
        heading = _memo_heading(activity.title)
        written.append(Written("Activity", heading))
        lines += [heading, "", " ".join(activity.body), " ".join(w.body(year)), ""]
    lines += ["Gevolgen", "", " ".join(w.body(year, 2)), "", "Financiële gevolgen", "",
              "Alle onderdelen in deze informatienota worden gedekt uit bestaande middelen.", "",
              "Communicatie", "Niet van toepassing.", "", "Geheimhouding", "Niet van toepassing."]
    return lines, written


def _memo_heading(title: str) -> str:
    """A measure's heading in a memo: the object of the activity, capitalised."""
    words = title.split()
    if words[0] == "Wij":
        words[0] = "We"
    for verb in sorted(VERBS, key=len, reverse=True):
        verb_words = verb.replace("Wij ", "We ").split()
        if words[: len(verb_words)] == verb_words:
            words = words[len(verb_words):]
            break
    rest = " ".join(words)
    return rest[:1].upper() + rest[1:]


def _narrative(w: _Writer, plan: _Plan, year: int) -> tuple[list[str], list[Written]]:
    rng = w.rng
    p = plan.number
    goals = [goal for ambition in plan.ambitions for goal in ambition.goals][:rng.randint(3, 5)]
    lines = ["Programmaplan", "", plan.programme, "", f"{p}.{rng.randint(1, 9)} {plan.programme}",
             "", "Wat is de bedoeling van dit programma? ", "",
             f"Onze ambitie is dat inwoners van de gemeente {w.m.name} zoveel als mogelijk op "
             "eigen kracht, "
             f"goed en gezond kunnen leven. " + " ".join(w.body(year, 2)), "",
             f"De speerpunten van de Koers Sociaal Domein {w.m.name} vormen de basis voor dit "
             "programma: ", ""]
    written = [Written("Programme", plan.programme)]
    for goal in goals:
        written.append(Written("Goal", goal.title))
        lines.append(f"  1. {goal.title}; ")
    lines += ["", " ".join(w.body(year, 6)), "", " ".join(w.body(year, 6)), "",
              "Relatie met andere programma's ", ""]
    for _ in range(rng.randint(3, 6)):
        lines += [" ".join(w.body(year, 5)), ""]
    lines += ["Wat doen we samen? ", ""]
    for _ in range(rng.randint(3, 6)):
        lines += [" ".join(w.body(year, 5)), ""]
    lines += _budget(rng)
    return lines, written


def _budget(rng: random.Random) -> list[str]:
    expenses = rng.randint(5_000, 200_000)
    income = rng.randint(500, expenses // 2)
    return ["(bedragen x €1.000)", f"Lasten € {_thousands(expenses)}",
            f"Baten € -{_thousands(income)}", f"Saldo € {_thousands(expenses - income)}"]


def _thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")


_RENDER = {"numbered": _numbered, "goal-table": _goal_table, "themes": _themes, "memo": _memo,
           "narrative": _narrative}


# ------------------------------------------------------------------------------ public API
def generate_documents(municipalities: int = 342, years: int = 4, seed: int = 0,
                       layouts: tuple[str, ...] = LAYOUTS) -> list[SynthDocument]:
    """The documents of ``municipalities`` municipalities over ``years`` years (in memory)."""
    register = load_municipalities()
    active = sorted(register.active(), key=lambda m: m.cbs_code)
    rng = random.Random(seed)
    chosen = active if municipalities >= len(active) else \
        sorted(rng.sample(active, municipalities), key=lambda m: m.cbs_code)
    order = list(range(len(chosen)))
    rng.shuffle(order)
    by_province: dict[str, list[str]] = {}
    for m in active:
        if register.resolve(m.name) is m:
            by_province.setdefault(m.province, []).append(m.name)
    documents = []
    first = LAST_YEAR - years + 1
    for index, municipality in enumerate(chosen):
        layout = layouts[order[index] % len(layouts)]
        local = random.Random(f"{seed}:{municipality.cbs_code}")
        neighbours = [n for n in by_province.get(municipality.province, [])
                      if n != municipality.name]
        writer = _Writer(local, municipality, local.sample(neighbours, min(2, len(neighbours))))
        plan = writer.plan(first)
        for year in range(first, LAST_YEAR + 1):
            if year > first:
                plan = writer.evolve(plan, year)
            documents.append(_document(writer, plan, year, layout))
    return documents


def synth_document(layout: str, seed: int = 0, municipality: str = "Wijchen",
                   year: int = LAST_YEAR) -> SynthDocument:
    """One document in ``layout`` (for tests of a single layout)."""
    register = load_municipalities()
    found = register.resolve(municipality)
    if found is None:
        raise ValueError(f"unknown municipality {municipality!r}")
    rng = random.Random(f"{seed}:{layout}:{found.cbs_code}")
    writer = _Writer(rng, found, [])
    return _document(writer, writer.plan(year), year, layout)


def _document(writer: _Writer, plan: _Plan, year: int, layout: str) -> SynthDocument:
    writer.laws = set()
    writer.named_neighbour = False
    lines, written = _RENDER[layout](writer, plan, year)
    doc_type = DOC_TYPES[layout]
    stem = f"{writer.m.slug}_{year}_{doc_type}-{_slug(plan.programme)}"
    return SynthDocument(file=f"{stem}.txt", municipality=writer.m.name,
                         cbs_code=writer.m.cbs_code, year=year, layout=layout,
                         doc_type=doc_type, text="\n".join(lines) + "\n", elements=written,
                         laws=set(writer.laws))


def _slug(text: str) -> str:
    from beleidsgraaf.reference.municipalities import slugify

    return slugify(text)


def write_corpus(out: Path, municipalities: int = 342, years: int = 4, seed: int = 0
                 ) -> list[SynthDocument]:
    """Write the documents, ``manifest.csv`` and ``synth.json`` into ``out``."""
    documents = generate_documents(municipalities, years, seed)
    out.mkdir(parents=True, exist_ok=True)
    for document in documents:
        (out / document.file).write_text(document.text, encoding="utf-8", newline="\n")
    manifest = io.StringIO()
    writer = csv.writer(manifest, lineterminator="\n")
    writer.writerow(["file", "municipality", "year", "doc_type"])
    for document in documents:
        writer.writerow([document.file, document.municipality, document.year, document.doc_type])
    (out / "manifest.csv").write_text(manifest.getvalue(), encoding="utf-8")
    truth = {"municipalities": municipalities, "years": years, "seed": seed,
             "documents": [{"file": d.file, "layout": d.layout, "municipality": d.municipality,
                            "cbs_code": d.cbs_code, "year": d.year, **d.counts()}
                           for d in documents]}
    (out / "synth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                    encoding="utf-8")
    return documents
