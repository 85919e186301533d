"""Law and agreement links of elements, with evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from beleidsgraaf.extract.laws import (
    IMPLIES_LAW,
    MENTIONS_AGREEMENT,
    MENTIONS_LAW,
    find_agreement_links,
    find_all_links,
    find_law_links,
    find_names,
)
from beleidsgraaf.model import Element, Evidence, Kind, Line
from beleidsgraaf.reference.laws import load_register

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def register():
    return load_register()


def element(text: str, first_line: int = 1, key: str = "e") -> Element:
    lines = [Line(first_line + i, t) for i, t in enumerate(text.split("\n"))]
    return Element(key, Kind.ACTIVITY, lines[0].text, first_line, lines=lines)


def targets(links, predicate):
    return {link.target for link in links if link.predicate == predicate}


# -- rules, one fixture each ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year", "mentions", "implies"),
    [
        # explicit names, short names, abbreviations
        (
            "We bieden ondersteuning conform de Wet Inburgering",
            2026,
            {"wet-inburgering-2021"},
            set(),
        ),
        (
            "We bieden ondersteuning conform de Wet Inburgering",
            2019,
            {"wet-inburgering-2013"},
            set(),
        ),
        ("conform de Wet inburgering 2021", 2019, {"wet-inburgering-2021"}, set()),
        (
            "Een toekomstbestendige uitvoering van de Participatiewet",
            2026,
            {"participatiewet"},
            set(),
        ),
        (
            "Programma 5 Wmo, jeugdzorg en participatiewet",
            2026,
            {"wmo-2015", "participatiewet"},
            {"jeugdwet"},
        ),
        ("contracten binnen de Wmo en Jeugdhulp", 2026, {"wmo-2015"}, {"jeugdwet"}),
        ("contracten binnen de Wmo en Jeugdhulp", 2012, {"wmo-2006"}, {"wet-op-de-jeugdzorg"}),
        ("de maatwerkvoorziening sociaal recreatief Wmo-vervoer", 2022, {"wmo-2015"}, set()),
        (
            "De Spreidingswet verplicht ons om asielplekken te realiseren.",
            2026,
            {"spreidingswet"},
            set(),
        ),
        (
            "Per 1 januari 2026 treedt de nieuwe wet van School naar Duurzaam Werk in werking.",
            2026,
            {"wet-van-school-naar-duurzaam-werk"},
            set(),
        ),
        (
            "De uitvoering van de Wet maatschappelijke ondersteuning (Wmo) kost meer.",
            2026,
            {"wmo-2015"},
            set(),
        ),
        ("Binnen het kader van de WMO", 2026, {"wmo-2015"}, set()),
        (
            "Het wetsvoorstel Verbetering beschikbaarheid jeugdzorg",
            2026,
            {"wet-verbetering-beschikbaarheid-jeugdzorg"},
            set(),
        ),
        ("via de Wet Voorkeursrecht Gemeenten het voorkeursrecht gevestigd", 2022, {"wvg"}, set()),
        ("de GR volgens de Wgr en medewerkers in de WSW", 2026, {"wgr", "wsw"}, set()),
        ("indicaties voor de Wlz", 2026, {"wlz"}, set()),
        ("de Leerplichtwet 1969 en de leerplichtwet", 2026, {"leerplichtwet"}, set()),
        ("de Wet gemeentelijke schuldhulpverlening (Wgs)", 2026, {"wgs"}, set()),
        ("de Wet werk en bijstand (WWB)", 2012, {"wwb"}, set()),
        # OCR and layout noise
        (
            "Uitvoeringskosten Participatiewet en Schuldhulpverlenin g",
            2024,
            {"participatiewet"},
            {"wgs"},
        ),
        ("de Wet op de • • jeugdzorg", 2010, {"wet-op-de-jeugdzorg"}, set()),
        ("de uitvoering van de Jeugd- wet", 2026, {"jeugdwet"}, set()),
        ("de uitvoering van de Jeugd wet", 2026, set(), set()),
        ("de uitvoering van de Participatie- wet", 2026, {"participatiewet"}, set()),
        ("onafhankelijke clientondersteuning", 2026, set(), {"wmo-2015"}),
        # statutory tasks named without their law
        ("Vanaf 2026 gaat de gemeente schuldhulpverlening zelf uitvoeren.", 2026, set(), {"wgs"}),
        ("kwalitatief goede jeugdbescherming en jeugdreclassering", 2026, set(), {"jeugdwet"}),
        ("We monitoren het gebruik van minimaregelingen.", 2026, set(), {"participatiewet"}),
        (
            "mensen met een bijstandsuitkering en bijzondere bijstand",
            2026,
            set(),
            {"participatiewet"},
        ),
        ("Statushouders en inburgeraars worden begeleid.", 2026, set(), {"wet-inburgering-2021"}),
        (
            "Beschermd wonen, maatschappelijke opvang en huishoudelijke ondersteuning",
            2026,
            set(),
            {"wmo-2015"},
        ),
        ("mantelzorgondersteuning en respijtzorg", 2026, set(), {"wmo-2015"}),
        ("de inzet van onze leerplichtambtenaar", 2026, set(), {"leerplichtwet"}),
        ("We stimuleren het gebruik van de meldcode.", 2022, set(), {"wet-verplichte-meldcode"}),
        ("voldoende opvangplekken voor asielzoekers", 2026, set(), {"spreidingswet"}),
        ("samen met Kinderopvang, JGZ en onderwijs", 2022, set(), {"wpg"}),
        # a task resolves to the act of its time, and not to an act not yet in force
        ("mensen in de bijstand", 2010, set(), {"wwb"}),
        ("voldoende opvangplekken voor asielzoekers", 2020, set(), set()),
        ("schuldhulpverlening", 2011, set(), set()),
        # an explicit mention wins over the task of the same law
        (
            "Uitvoering van de Participatiewet: mensen in de bijstand",
            2026,
            {"participatiewet"},
            set(),
        ),
        (
            "Conform de Wet Inburgering begeleiden we statushouders.",
            2026,
            {"wet-inburgering-2021"},
            set(),
        ),
    ],
)
def test_rule(register, text, year, mentions, implies):
    links = find_law_links(element(text), register, year)
    assert targets(links, MENTIONS_LAW) == mentions
    assert targets(links, IMPLIES_LAW) == implies
    assert {link.predicate for link in links} <= {MENTIONS_LAW, IMPLIES_LAW}


@pytest.mark.parametrize(
    "text",
    [
        "De wetenschap laat zien dat het werkt.",
        "De wethouder sociaal domein neemt deel.",
        "We zetten een gedragswetenschapper in.",
        "Zo staat het in de Wet.",
        "Dat is bij wet geregeld, zo zegt de wetgever.",
        "De nieuwe jeugdwetgeving en de wetswijziging.",
        "wmo in kleine letters is geen afkorting",
        "Het sportgala en het Gala van de vrijwilliger.",
        "Een warmte-koudeopslag (WKO) en de wko.",
        "Bij stand van zaken: geen.",
        "De W mo is geen naam.",
        "Aanpak Van school naar duurzaam werk",
        "Jeugdhulpstelsel en jeugdwetten",
    ],
)
def test_no_law(register, text):
    assert find_law_links(element(text), register, 2026) == []
    assert find_agreement_links(element(text), register, 2026) == []


@pytest.mark.parametrize(
    ("text", "agreements"),
    [
        ("we bereiden ons voor op het Aanvullend Zorg- en Welzijnsakkoord (AZWA)", {"azwa"}),
        ("Integraal Zorg Akkoord (IZA) en de IZA-programma's", {"iza"}),
        ("de landelijke Hervormingsagenda Jeugd", {"hervormingsagenda-jeugd"}),
        ("Vanuit de Rijksregeling Brede SPUK hebben we middelen ontvangen", {"brede-spuk"}),
        ("met de Brede SPUK-regeling en het GALA", {"brede-spuk", "gala"}),
        ("ondernemers die Tozo ontvingen", {"tozo"}),
    ],
)
def test_agreements_are_never_law_mentions(register, text, agreements):
    e = element(text)
    assert find_law_links(e, register, 2026) == []
    links = find_agreement_links(e, register, 2026)
    assert {link.target for link in links} == agreements
    assert {link.predicate for link in links} == {MENTIONS_AGREEMENT}


# -- evidence --------------------------------------------------------------------------------


def test_evidence_one_per_sentence_at_the_line_of_the_match(register):
    e = element(
        "De Spreidingswet verplicht ons om minstens 145\n"
        "asielplekken te realiseren. Landelijke ontwikkelingen ten aanzien van de\n"
        "Spreidingswet volgen we. Ook de Spreidingswet en nogmaals de Spreidingswet.",
        first_line=10,
    )
    [link] = find_law_links(e, register, 2026)
    assert (link.source, link.predicate, link.target) == ("e", MENTIONS_LAW, "spreidingswet")
    assert link.evidence == [
        Evidence("De Spreidingswet verplicht ons om minstens 145 asielplekken te realiseren.", 10),
        Evidence("Landelijke ontwikkelingen ten aanzien van de Spreidingswet volgen we.", 12),
        Evidence("Ook de Spreidingswet en nogmaals de Spreidingswet.", 12),
    ]


def test_two_names_of_one_law_in_one_sentence_give_one_evidence(register):
    e = element("De uitvoering van de Wet maatschappelijke ondersteuning (Wmo) kost meer.")
    [link] = find_law_links(e, register, 2026)
    assert len(link.evidence) == 1


def test_name_wrapped_over_two_lines_starts_on_the_first(register):
    e = element("actiepunten vanuit de Hervormingsagenda\njeugd opgepakt.", first_line=8)
    [link] = find_agreement_links(e, register, 2025)
    assert link.evidence == [Evidence("actiepunten vanuit de Hervormingsagenda jeugd opgepakt.", 8)]


def test_element_without_lines_uses_its_label(register):
    e = Element("g", Kind.GOAL, "Opvang conform opgave Spreidingswet", 92)
    [link] = find_law_links(e, register, 2026)
    assert link.evidence == [Evidence("Opvang conform opgave Spreidingswet", 92)]


def test_links_are_ordered_and_stable(register):
    e = element("Jeugdhulp binnen de Wmo.\nDe Participatiewet.")
    links = find_law_links(e, register, 2026)
    assert [(link.predicate, link.target) for link in links] == [
        (MENTIONS_LAW, "wmo-2015"),
        (MENTIONS_LAW, "participatiewet"),
        (IMPLIES_LAW, "jeugdwet"),
    ]
    assert find_law_links(e, register, 2026) == links


def test_find_all_links_is_both(register):
    e = element("Het IZA en de Wmo.")
    laws, agreements = find_all_links(e, register, 2026)
    assert laws == find_law_links(e, register, 2026)
    assert agreements == find_agreement_links(e, register, 2026)


def test_year_unknown_means_the_current_act(register):
    assert targets(find_law_links(element("de Wmo"), register, None), MENTIONS_LAW) == {"wmo-2015"}
    implied = targets(find_law_links(element("asielopvang"), register, None), IMPLIES_LAW)
    assert implied == {"spreidingswet"}


def test_patterns_compiled_once_per_register(register):
    from beleidsgraaf.extract import laws as module

    find_names("Wmo", register)
    first = module._matcher(register)
    find_names("Jeugdwet", register)
    assert module._matcher(register) is first


def test_find_names_reports_text_as_printed(register):
    found = find_names("Uitvoeringskosten Participatiewet en Schuldhulpverlenin g", register)
    assert [(m.text, m.is_task) for m in found] == [
        ("Participatiewet", False),
        ("Schuldhulpverlenin g", True),
    ]


# -- the sample documents -------------------------------------------------------------------


def corpus_lines(name: str) -> dict[int, str]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return {number: line.rstrip("\r") for number, line in enumerate(text.split("\n"), 1)}


def sample(name: str, numbers: list[int], kind: Kind = Kind.ACTIVITY) -> Element:
    lines = corpus_lines(name)
    attached = [Line(n, lines[n]) for n in numbers]
    return Element("sample", kind, attached[0].text, numbers[0], lines=attached)


NB2026 = "neder-betuwe_2026_programmabegroting-programma-5.txt"
NB2024 = "neder-betuwe_2024_programmabegroting-programma-5.txt"
NG2022 = "nieuwegein_2022_programmabegroting-vekob.txt"
NG2026 = "nieuwegein_2026_programmaplan-vekob.txt"
WIJCHEN = "wijchen_2025_informatienota-robuust-sociaal-team.txt"


@pytest.mark.parametrize(
    ("name", "year", "numbers", "mentions", "implies", "agreements"),
    [
        # programme title names two laws and a task
        (NB2026, 2026, [1], {"wmo-2015", "participatiewet"}, {"jeugdwet"}, set()),
        # 5.1.1.2 Wmo, implies the Jeugdwet
        (NB2026, 2026, [108, 110, 111], {"wmo-2015"}, {"jeugdwet"}, set()),
        # 5.1.2.1 and 5.1.2.2 Participatiewet
        (NB2026, 2026, [126, 128], {"participatiewet"}, set(), set()),
        (NB2026, 2026, [130, 132, 134, 136, 138], {"participatiewet"}, {"wgs"}, set()),
        # 5.1.2.4 implies the Wgs
        (NB2026, 2026, [144, 146, 148], set(), {"wgs"}, set()),
        # 5.1.3.2: nothing
        (NB2026, 2026, [155, 157], set(), set(), set()),
        # 5.1.3.3 Wet inburgering → the 2021 act in 2026
        (NB2026, 2026, [77], {"wet-inburgering-2021"}, set(), set()),
        (NB2026, 2026, [159, 161, 163], {"wet-inburgering-2021"}, set(), set()),
        # goal 5.1.4 and activity 5.1.4.1 Spreidingswet
        (NB2026, 2026, [92], {"spreidingswet"}, set(), set()),
        (NB2026, 2026, [173], {"spreidingswet"}, set(), set()),
        (NB2026, 2026, [174, 176], {"spreidingswet"}, set(), set()),
        # 5.2.1.1 AZWA is an agreement
        (NB2026, 2026, [267, 268, 270], set(), set(), {"azwa"}),
        # 5.2.3.3 jeugdzorg, Hervormingsagenda Jeugd
        (NB2026, 2026, [291, 292, 294], set(), {"jeugdwet"}, {"hervormingsagenda-jeugd"}),
        # 5.2.4.2 Wet van school naar duurzaam werk; leerplichtambtenaar
        (NB2026, 2026, [306, 307], {"wet-van-school-naar-duurzaam-werk"}, {"leerplichtwet"}, set()),
        # section "Beheersmaatregelen jeugd"
        (NB2026, 2026, [311, 312], {"jeugdwet"}, set(), set()),
        # Neder-Betuwe 2024
        (NB2024, 2024, [67, 68, 69, 70], {"participatiewet"}, {"wgs"}, set()),
        (NB2024, 2024, [58, 59], {"wet-inburgering-2021"}, set(), set()),
        (NB2024, 2024, [32, 33], {"wmo-2015", "jeugdwet"}, set(), set()),
        (NB2024, 2024, [34, 35, 36], set(), set(), set()),
        (NB2024, 2024, [37, 38, 39, 40], set(), set(), {"brede-spuk"}),
        (NB2024, 2024, [119, 120], set(), set(), {"iza", "brede-spuk"}),
        # Nieuwegein 2022
        (NG2022, 2022, [12], {"wvg"}, set(), set()),
        (NG2022, 2022, [32], {"wmo-2015"}, set(), set()),
        (NG2022, 2022, [5], set(), {"wet-inburgering-2021", "participatiewet"}, set()),
        (NG2022, 2022, [27], set(), {"wet-verplichte-meldcode"}, set()),
        (NG2022, 2022, [28], set(), {"participatiewet"}, set()),
        # Nieuwegein 2026
        (NG2026, 2026, [21], {"wmo-2015"}, {"jeugdwet"}, set()),
        (NG2026, 2026, [44], {"wmo-2015"}, {"jeugdwet"}, {"iza"}),
        (NG2026, 2026, [45], {"wet-verbetering-beschikbaarheid-jeugdzorg"}, {"jeugdwet"}, set()),
        (NG2026, 2026, [53], {"wmo-2015"}, set(), set()),
        # Wijchen 2025
        (WIJCHEN, 2025, [7, 8, 9, 10], set(), set(), {"hervormingsagenda-jeugd"}),
    ],
)
def test_sample_documents(register, name, year, numbers, mentions, implies, agreements):
    laws, found_agreements = find_all_links(sample(name, numbers), register, year)
    assert targets(laws, MENTIONS_LAW) == mentions
    assert targets(laws, IMPLIES_LAW) == implies
    assert {link.target for link in found_agreements} == agreements
    lines = corpus_lines(name)
    for link in laws + found_agreements:
        assert link.evidence
        for evidence in link.evidence:
            assert evidence.line in numbers
            # the quote is from the file, and the line it points at is part of it
            start = " ".join(lines[evidence.line].split())
            assert start[:20] in evidence.quote or evidence.quote[:20] in start


def evidence_of(name, year, numbers, predicate, target):
    laws, agreements = find_all_links(sample(name, numbers), load_register(), year)
    [link] = [x for x in laws + agreements if (x.predicate, x.target) == (predicate, target)]
    return link.evidence


def test_sample_evidence_participatiewet_5_1_2_1():
    assert evidence_of(NB2026, 2026, [126, 128], MENTIONS_LAW, "participatiewet") == [
        Evidence(
            "Vanaf 2026 is de uitvoering van de Participatiewet belegd bij Werkzaak Rivierenland.",
            128,
        )
    ]


def test_sample_evidence_wet_inburgering_5_1_3_3():
    [evidence] = evidence_of(NB2026, 2026, [77], MENTIONS_LAW, "wet-inburgering-2021")
    assert evidence.line == 77
    assert evidence.quote.endswith("aan nieuwkomers conform de Wet Inburgering")
    [evidence] = evidence_of(NB2026, 2019, [77], MENTIONS_LAW, "wet-inburgering-2013")
    assert evidence.line == 77


def test_sample_evidence_spreidingswet_goal_5_1_4():
    assert evidence_of(NB2026, 2026, [92], MENTIONS_LAW, "spreidingswet") == [
        Evidence("Voldoende opvangplekken voor asielzoekers conform opgave Spreidingswet", 92)
    ]


def test_sample_evidence_spreidingswet_5_1_4_1():
    evidence = evidence_of(NB2026, 2026, [174, 176], MENTIONS_LAW, "spreidingswet")
    assert [e.line for e in evidence] == [176, 176]
    assert evidence[0].quote == (
        "De Spreidingswet verplicht ons om minstens 145 asielplekken te realiseren."
    )
    assert evidence[1].quote.startswith("Landelijke ontwikkelingen ten aanzien van")


def test_sample_evidence_wmo_5_1_1_2():
    evidence = evidence_of(NB2026, 2026, [108, 110, 111], MENTIONS_LAW, "wmo-2015")
    assert [e.line for e in evidence] == [110, 111]
    assert evidence[0].quote == (
        "In 2026 loopt de eerste contractperiode van de regionale overeenkomsten binnen de Wmo "
        "en Jeugdhulp af."
    )
    implied = evidence_of(NB2026, 2026, [108, 110, 111], IMPLIES_LAW, "jeugdwet")
    assert [e.line for e in implied] == [110, 111]


def test_sample_evidence_school_naar_duurzaam_werk_5_2_4_2():
    assert evidence_of(
        NB2026, 2026, [306, 307], MENTIONS_LAW, "wet-van-school-naar-duurzaam-werk"
    ) == [
        Evidence(
            "Tenslotte treedt per 1 januari 2026 de nieuwe wet van School naar Duurzaam "
            "Werk in werking.",
            307,
        )
    ]


def test_sample_evidence_schuldhulpverlening_5_1_2_4():
    evidence = evidence_of(NB2026, 2026, [144, 146, 148], IMPLIES_LAW, "wgs")
    quote = "Vanaf 1 januari 2026 gaat de gemeente Neder-Betuwe schuldhulpverlening zelf uitvoeren."
    assert Evidence(quote, 148) in evidence
    assert {e.line for e in evidence} <= {146, 148}


def test_sample_evidence_ocr_split_2024():
    evidence = evidence_of(NB2024, 2024, [67, 68, 69, 70], IMPLIES_LAW, "wgs")
    assert evidence[0].line == 67
    assert "Schuldhulpverlenin g" in evidence[0].quote


def test_whole_sample_documents_scan(register):
    """Every sample document scans; the laws found are the ones the documents name."""
    expected = {
        NB2026: {
            "wmo-2015",
            "participatiewet",
            "wet-inburgering-2021",
            "spreidingswet",
            "wet-van-school-naar-duurzaam-werk",
            "jeugdwet",
        },
        NB2024: {"wmo-2015", "jeugdwet", "participatiewet", "wet-inburgering-2021"},
        NG2022: {"wvg", "wmo-2015"},
        NG2026: {"wmo-2015", "wet-verbetering-beschikbaarheid-jeugdzorg"},
        WIJCHEN: set(),
    }
    for name, mentions in expected.items():
        lines = corpus_lines(name)
        year = int(name.split("_")[1])
        doc = sample(name, sorted(lines), Kind.SECTION)
        assert targets(find_law_links(doc, register, year), MENTIONS_LAW) == mentions, name
