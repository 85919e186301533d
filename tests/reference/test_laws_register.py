"""The law register (reference data) and its loader."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest

from beleidsgraaf.errors import ReferenceDataError
from beleidsgraaf.reference.laws import (
    AGREEMENT_KINDS,
    LAW_COLUMNS,
    LAW_KINDS,
    TASK_COLUMNS,
    load_register,
)

DATA = Path(__file__).resolve().parents[2] / "beleidsgraaf" / "reference" / "data"

# Laws issue #3 requires, by register id.
REQUIRED_LAWS = {
    "jeugdwet": "Jeugdwet",
    "wmo-2015": "Wet maatschappelijke ondersteuning 2015",
    "participatiewet": "Participatiewet",
    "spreidingswet": "Wet gemeentelijke taak mogelijk maken asielopvangvoorzieningen",
    "wet-inburgering-2021": "Wet inburgering 2021",
    "wgs": "Wet gemeentelijke schuldhulpverlening",
    "wpg": "Wet publieke gezondheid",
    "leerplichtwet": "Leerplichtwet 1969",
    "wlz": "Wet langdurige zorg",
    "zvw": "Zorgverzekeringswet",
    "wet-kinderopvang": "Wet kinderopvang",
    "wet-verplichte-meldcode": "Wet verplichte meldcode huiselijk geweld en kindermishandeling",
    "wvg": "Wet voorkeursrecht gemeenten",
    "wet-passend-onderwijs": "Wet passend onderwijs",
    "wsw": "Wet sociale werkvoorziening",
    "wet-van-school-naar-duurzaam-werk": "Wet van school naar duurzaam werk",
    "wet-verbetering-beschikbaarheid-jeugdzorg": "Wet verbetering beschikbaarheid jeugdzorg",
    "gemeentewet": "Gemeentewet",
    "awb": "Algemene wet bestuursrecht",
    "wgr": "Wet gemeenschappelijke regelingen",
    "wet-op-de-lijkbezorging": "Wet op de lijkbezorging",
    "omgevingswet": "Omgevingswet",
    "wet-op-de-jeugdzorg": "Wet op de jeugdzorg",
    "wmo-2006": "Wet maatschappelijke ondersteuning",
    "wwb": "Wet werk en bijstand",
    "wet-inburgering-2013": "Wet inburgering",
}
REQUIRED_AGREEMENTS = ["iza", "azwa", "hervormingsagenda-jeugd", "brede-spuk"]
# The identifiers issue #3 states; nothing else may be marked verified.
GIVEN_BWB = {
    "jeugdwet": "BWBR0034925",
    "wmo-2015": "BWBR0035362",
    "participatiewet": "BWBR0015703",
    "wgs": "BWBR0031331",
}


@pytest.fixture(scope="module")
def register():
    return load_register()


def test_default_register_is_cached():
    assert load_register() is load_register()


def test_csv_headers_are_the_documented_columns():
    with (DATA / "laws.csv").open(encoding="utf-8") as f:
        assert tuple(next(csv.reader(f))) == LAW_COLUMNS
    with (DATA / "statutory_tasks.csv").open(encoding="utf-8") as f:
        assert tuple(next(csv.reader(f))) == TASK_COLUMNS


@pytest.mark.parametrize(("law_id", "title"), sorted(REQUIRED_LAWS.items()))
def test_required_law_present(register, law_id, title):
    law = register.laws[law_id]
    assert law.pref_label == title
    assert law.kind in LAW_KINDS


@pytest.mark.parametrize("agreement_id", REQUIRED_AGREEMENTS)
def test_agreements_are_not_laws(register, agreement_id):
    agreement = register.laws[agreement_id]
    assert agreement.kind in AGREEMENT_KINDS
    assert agreement_id in register.agreements
    assert agreement_id not in register.legislation
    assert agreement.bwb_id is None


def test_kinds_and_statuses(register):
    for law in register.laws.values():
        assert law.kind in LAW_KINDS | AGREEMENT_KINDS
        assert law.status in {"in-force", "bill", "repealed"}
    # a bill when Nieuwegein wrote its 2026 plan, in force since 1 January 2026 (issue #3)
    act = register.laws["wet-verbetering-beschikbaarheid-jeugdzorg"]
    assert (act.kind, act.status) == ("law", "in-force")


def test_bwb_ids_and_urls(register):
    for law in register.laws.values():
        if law.bwb_id:
            assert re.fullmatch(r"BWBR\d{7}", law.bwb_id), law.id
            assert law.url == f"https://wetten.overheid.nl/{law.bwb_id}", law.id


def test_only_identifiers_given_by_the_issue_are_verified(register):
    for law_id, bwb in GIVEN_BWB.items():
        assert register.laws[law_id].bwb_id == bwb
        assert register.laws[law_id].verified
    verified = {law.bwb_id for law in register.laws.values() if law.verified}
    assert verified == set(GIVEN_BWB.values())
    for law in register.laws.values():
        if not law.verified:
            assert law.note, f"{law.id}: unverified entries say why in the note"
    assert not register.laws["spreidingswet"].verified


def test_references_between_entries_exist(register):
    for law in register.laws.values():
        for target in law.amends:
            assert target in register.laws, law.id
        if law.replaced_by:
            assert law.replaced_by in register.laws, law.id
    for task in register.tasks.values():
        assert register.laws[task.law_id].kind in LAW_KINDS


def test_changes_the_issue_names(register):
    laws = register.laws
    assert laws["wet-van-school-naar-duurzaam-werk"].amends == ("participatiewet",)
    assert laws["wet-van-school-naar-duurzaam-werk"].in_force_from == "2026-01-01"
    assert laws["wet-verbetering-beschikbaarheid-jeugdzorg"].amends == ("jeugdwet",)
    assert laws["wet-verbetering-beschikbaarheid-jeugdzorg"].in_force_from == "2026-01-01"
    assert laws["wvg"].in_force_until == "2024-01-01"
    assert laws["wvg"].replaced_by == "omgevingswet"
    assert laws["wvg"].status == "repealed"
    # The WWB was renamed, not replaced by a new act: same BWB id.
    assert laws["wwb"].replaced_by == "participatiewet"
    assert laws["wwb"].bwb_id == laws["participatiewet"].bwb_id
    assert laws["wmo-2006"].replaced_by == "wmo-2015"
    assert laws["wet-op-de-jeugdzorg"].replaced_by == "jeugdwet"
    assert laws["wet-inburgering-2013"].replaced_by == "wet-inburgering-2021"


@pytest.mark.parametrize(
    ("law_id", "year", "expected"),
    [
        ("wet-inburgering-2021", 2019, "wet-inburgering-2013"),
        ("wet-inburgering-2021", 2021, "wet-inburgering-2013"),
        ("wet-inburgering-2021", 2022, "wet-inburgering-2021"),
        ("wet-inburgering-2013", 2026, "wet-inburgering-2021"),
        ("wet-inburgering-2013", None, "wet-inburgering-2021"),
        ("wmo-2015", 2014, "wmo-2006"),
        ("wmo-2015", 2015, "wmo-2015"),
        ("wmo-2006", 2020, "wmo-2015"),
        ("participatiewet", 2010, "wwb"),
        ("jeugdwet", 2012, "wet-op-de-jeugdzorg"),
        ("jeugdwet", 2026, "jeugdwet"),
        ("wvg", 2026, "omgevingswet"),
        ("wvg", 2022, "wvg"),
        ("spreidingswet", 2024, "spreidingswet"),
        ("wgs", None, "wgs"),
    ],
)
def test_resolve_by_year(register, law_id, year, expected):
    assert register.resolve(law_id, year).id == expected


def test_in_force_and_amendments(register):
    assert register.in_force("wvg", dt.date(2023, 12, 31))
    assert not register.in_force("wvg", dt.date(2024, 1, 1))
    assert register.in_force("wet-verbetering-beschikbaarheid-jeugdzorg", dt.date(2026, 1, 1))
    assert not register.in_force("wet-verbetering-beschikbaarheid-jeugdzorg", dt.date(2025, 12, 31))
    assert register.applies_in("spreidingswet", 2024)
    assert not register.applies_in("spreidingswet", 2023)
    assert not register.applies_in("wmo-2006", 2015)
    sndw = "wet-van-school-naar-duurzaam-werk"
    assert [law.id for law in register.amended_since("participatiewet", 2025)] == [sndw]
    assert register.amended_since("participatiewet", 2027) == []
    assert [law.id for law in register.amended_by("jeugdwet")] == [
        "wet-verbetering-beschikbaarheid-jeugdzorg"
    ]
    assert [law.id for law in register.amended_since("jeugdwet", 2026)] == [
        "wet-verbetering-beschikbaarheid-jeugdzorg"
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Wmo", {"wmo-2015", "wmo-2006"}),
        ("WMO", {"wmo-2015", "wmo-2006"}),
        ("Wet Inburgering", {"wet-inburgering-2013", "wet-inburgering-2021"}),
        ("Spreidingswet", {"spreidingswet"}),
        ("IZA", {"iza"}),
        ("Wet", set()),
    ],
)
def test_find_by_name(register, name, expected):
    assert {law.id for law in register.find(name)} == expected


@pytest.mark.parametrize(
    ("task", "law_id"),
    [
        ("schuldhulpverlening", "wgs"),
        ("jeugdbescherming", "jeugdwet"),
        ("jeugdhulp", "jeugdwet"),
        ("jeugdzorg", "jeugdwet"),
        ("jeugdreclassering", "jeugdwet"),
        ("bijstand", "participatiewet"),
        ("bijzondere-bijstand", "participatiewet"),
        ("minimaregelingen", "participatiewet"),
        ("statushouders", "wet-inburgering-2021"),
        ("inburgeraars", "wet-inburgering-2021"),
        ("beschermd-wonen", "wmo-2015"),
        ("maatschappelijke-opvang", "wmo-2015"),
        ("mantelzorgondersteuning", "wmo-2015"),
        ("huishoudelijke-ondersteuning", "wmo-2015"),
        ("clientondersteuning", "wmo-2015"),
        ("leerplicht", "leerplichtwet"),
        ("meldcode", "wet-verplichte-meldcode"),
        ("asielopvang", "spreidingswet"),
        ("jeugdgezondheidszorg", "wpg"),
    ],
)
def test_statutory_tasks(register, task, law_id):
    assert register.tasks[task].law_id == law_id


def test_task_labels(register):
    assert "leerplichtambtenaar" in register.tasks["leerplicht"].alt_labels
    assert register.tasks["clientondersteuning"].label == "cliëntondersteuning"


# -- malformed data ------------------------------------------------------------------------

GOOD_LAW = {
    "id": "jeugdwet",
    "pref_label": "Jeugdwet",
    "alt_labels": "",
    "bwb_id": "BWBR0034925",
    "kind": "law",
    "status": "in-force",
    "in_force_from": "2015-01-01",
    "in_force_until": "",
    "amends": "",
    "replaced_by": "",
    "url": "https://wetten.overheid.nl/BWBR0034925",
    "verified": "yes",
    "note": "",
}


def write_register(folder: Path, laws: list[dict], tasks: list[dict] | None = None) -> Path:
    with (folder / "laws.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, LAW_COLUMNS)
        writer.writeheader()
        writer.writerows(laws)
    if tasks is not None:
        with (folder / "statutory_tasks.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, TASK_COLUMNS)
            writer.writeheader()
            writer.writerows(tasks)
    return folder


def law(**changes) -> dict:
    return {**GOOD_LAW, **changes}


def test_small_register_loads(tmp_path):
    tasks = [{"id": "jeugdhulp", "label": "jeugdhulp", "alt_labels": "", "law_id": "jeugdwet"}]
    register = load_register(write_register(tmp_path, [law()], tasks))
    assert list(register.laws) == ["jeugdwet"]
    assert register.tasks["jeugdhulp"].law_id == "jeugdwet"
    # a laws file on its own: the tasks file beside it is read too
    assert load_register(tmp_path / "laws.csv").tasks == register.tasks


@pytest.mark.parametrize(
    ("rows", "row", "words"),
    [
        ([law(bwb_id="BWB0034925")], 2, "bwb_id"),
        (
            [
                law(),
                law(id="x", pref_label="X", amends="nowhere", bwb_id="", url="", verified="no"),
            ],
            3,
            "amends unknown",
        ),
        ([law(in_force_from="1-1-2015")], 2, "in_force_from"),
        ([law(), law()], 3, "duplicate"),
        ([law(kind="statute")], 2, "kind"),
        ([law(status="gone")], 2, "status"),
        ([law(id="Jeugd Wet")], 2, "slug"),
        ([law(verified="maybe")], 2, "verified"),
        ([law(kind="bill")], 2, "bill"),
        ([law(status="repealed")], 2, "in_force_until"),
        ([law(in_force_until="2010-01-01")], 2, "after"),
        ([law(replaced_by="nowhere")], 2, "replaced_by"),
        (
            [
                law(),
                law(
                    id="wmo",
                    pref_label="Wmo",
                    alt_labels="Jeugdwet",
                    bwb_id="",
                    url="",
                    verified="no",
                ),
            ],
            3,
            "lineage",
        ),
        ([law(), law(id="copy", pref_label="Kopie", verified="no")], 3, "bwb_id"),
    ],
)
def test_malformed_laws_name_file_and_row(tmp_path, rows, row, words):
    write_register(tmp_path, rows)
    with pytest.raises(ReferenceDataError) as error:
        load_register(tmp_path)
    message = str(error.value)
    assert "laws.csv" in message
    assert f"row {row}" in message
    assert words in message


@pytest.mark.parametrize(
    ("task", "words"),
    [
        ({"id": "x", "label": "x", "alt_labels": "", "law_id": "nowhere"}, "unknown law_id"),
        ({"id": "x", "label": "x", "alt_labels": "", "law_id": "iza"}, "not a law"),
        ({"id": "x", "label": "Jeugdwet", "alt_labels": "", "law_id": "jeugdwet"}, "also a name"),
        ({"id": "X Y", "label": "x", "alt_labels": "", "law_id": "jeugdwet"}, "slug"),
    ],
)
def test_malformed_tasks_name_file_and_row(tmp_path, task, words):
    iza = law(id="iza", pref_label="IZA", kind="agreement", bwb_id="", url="", verified="no")
    write_register(tmp_path, [law(), iza], [task])
    with pytest.raises(ReferenceDataError) as error:
        load_register(tmp_path)
    message = str(error.value)
    assert "statutory_tasks.csv" in message
    assert "row 2" in message
    assert words in message


def test_missing_column_and_ragged_rows(tmp_path):
    (tmp_path / "laws.csv").write_text("id,pref_label\njeugdwet,Jeugdwet\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"laws\.csv, row 1: missing column"):
        load_register(tmp_path)
    header = ",".join(LAW_COLUMNS)
    (tmp_path / "laws.csv").write_text(f"{header}\njeugdwet,Jeugdwet\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"laws\.csv, row 2: fewer fields"):
        load_register(tmp_path)


def test_missing_or_undecodable_file(tmp_path):
    with pytest.raises(ReferenceDataError, match="not found"):
        load_register(tmp_path)
    (tmp_path / "laws.csv").write_bytes(b"id,pref_label\n\xff\xfe\xfa\n")
    with pytest.raises(ReferenceDataError, match="UTF-8"):
        load_register(tmp_path)
