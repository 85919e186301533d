"""The municipality register and regions (reference data and lookups)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from beleidsgraaf.errors import ReferenceDataError
from beleidsgraaf.reference.municipalities import (
    MUNICIPALITIES_CSV,
    load_municipalities,
    load_regions,
    read_municipalities,
    read_regions,
)

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def register():
    return load_municipalities()


def test_342_active_municipalities_with_unique_codes(register):
    active = register.active()
    assert len(active) == 342
    codes = [m.cbs_code for m in register]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"GM\d{4}", c) for c in codes)
    assert len({m.name for m in active}) == 342


def test_province_counts_on_1_january_2025(register):
    counts = Counter(m.province for m in register.active())
    assert counts == {
        "Groningen": 10, "Fryslân": 18, "Drenthe": 12, "Overijssel": 25, "Flevoland": 6,
        "Gelderland": 51, "Utrecht": 26, "Noord-Holland": 44, "Zuid-Holland": 50,
        "Zeeland": 13, "Noord-Brabant": 56, "Limburg": 31,
    }


def test_merged_municipalities_point_to_active_successors(register):
    merged = [m for m in register if not m.active]
    assert len(merged) >= 60
    for m in merged:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", m.merged_on or "")
        assert m.successors and m.merged_into == m.successors[0]
        assert all(register.by_code(code).active for code in m.successors)


@pytest.mark.parametrize("name, code", [
    ("Neder-Betuwe", "GM1740"), ("Nieuwegein", "GM0356"), ("Wijchen", "GM0296"),
    ("Amsterdam", "GM0363"), ("Rotterdam", "GM0599"), ("Utrecht", "GM0344"),
    ("'s-Gravenhage", "GM0518"), ("Den Haag", "GM0518"), ("DEN HAAG", "GM0518"),
    ("\u2019s-Gravenhage", "GM0518"), ("s Gravenhage", "GM0518"), ("The Hague", "GM0518"),
    ("'s-Hertogenbosch", "GM0796"), ("Den Bosch", "GM0796"), ("s-hertogenbosch", "GM0796"),
    ("Súdwest-Fryslân", "GM1900"), ("Sudwest-Fryslan", "GM1900"), ("sudwest fryslan", "GM1900"),
    ("Noardeast-Fryslân", "GM1970"), ("noardeast fryslan", "GM1970"),
    ("gemeente Neder-Betuwe", "GM1740"), ("Nederbetuwe", "GM1740"), ("neder betuwe", "GM1740"),
    ("Ijsselstein", "GM0353"), ("Tietjerksteradeel", "GM0737"), ("Nuenen", "GM0820"),
    ("Bergen (NH.)", "GM0373"), ("Bergen L", "GM0893"), ("Buren", "GM0214"), ("Tiel", "GM0281"),
    ("Leudal", "GM1640"), ("Vijfheerenlanden", "GM1961"), ("GM0356", "GM0356"), ("0356", "GM0356"),
])
def test_resolve_names_and_variants(register, name, code):
    assert register.resolve(name).cbs_code == code


@pytest.mark.parametrize("name, successor", [
    ("Weesp", "Amsterdam"), ("Heerhugowaard", "Dijk en Waard"), ("Brielle", "Voorne aan Zee"),
    ("Leerdam", "Vijfheerenlanden"), ("Haaren", "Oisterwijk"), ("Geldermalsen", "West Betuwe"),
    ("Uden", "Maashorst"), ("Boxmeer", "Land van Cuijk"), ("Haren", "Groningen"),
    ("Littenseradiel", "Súdwest-Fryslân"), ("Appingedam", "Eemsdelta"),
])
def test_merged_municipalities_resolve(register, name, successor):
    found = register.resolve(name)
    assert found is not None and found.status == "merged"
    assert register.current(found).name == successor


@pytest.mark.parametrize("name", ["Bergen", "Atlantis", "", "gemeente", "Rivierenland"])
def test_unknown_or_ambiguous_names_do_not_resolve(register, name):
    assert register.resolve(name) is None


@pytest.mark.parametrize("stem, name", [
    ("leudal_2026_begroting-sociaal-domein", "Leudal"),
    ("neder-betuwe_2024_programmabegroting-programma-5", "Neder-Betuwe"),
    ("s-hertogenbosch_2025_jaarstukken", "'s-Hertogenbosch"),
    ("sudwest-fryslan_2023_begroting", "Súdwest-Fryslân"),
    ("nieuwegein_2022_programmabegroting-vekob.txt", "Nieuwegein"),
    ("wijchen_2025_informatienota-robuust-sociaal-team", "Wijchen"),
    ("gemeente-utrecht_2024_kadernota.pdf", "Utrecht"),
    ("den-haag_2024_begroting", "'s-Gravenhage"),
    ("bergen-op-zoom_2024_begroting", "Bergen op Zoom"),
    ("west-maas-en-waal_2023_begroting.html", "West Maas en Waal"),
    ("begroting_2026_leudal", "Leudal"),
    ("weesp_2021_begroting", "Weesp"),
])
def test_municipality_from_file_name(register, stem, name):
    assert register.from_filename(stem).name == name


@pytest.mark.parametrize("stem", ["begroting_2026", "programmabegroting-2024", "bergen_2024"])
def test_file_names_without_municipality(register, stem):
    assert register.from_filename(stem) is None


def test_find_in_text_counts_whole_capitalised_names(register):
    text = ("De gemeente Neder-Betuwe werkt met Tiel en Nijmegen. Neder-Betuwe en "
            "gemeente Buren. Buren helpen elkaar. De Provincie Utrecht en regio Utrecht; "
            "expertisenetwerk Utrecht-Flevoland. Nieuwegeinse scholen. Best passende zorg. "
            "Een houten bank.")
    found = {m.name: n for m, n in register.find_in_text(text)}
    assert found == {"Neder-Betuwe": 2, "Tiel": 1, "Nijmegen": 1, "Buren": 1}
    assert register.find_in_text(text)[0][0].name == "Neder-Betuwe"


def test_find_in_text_on_the_samples_names_the_author_first(register):
    for path in sorted(CORPUS.glob("*.txt")):
        found = register.find_in_text(path.read_text(encoding="utf-8"))
        assert found[0][0] == register.from_filename(path.stem), path.name


def test_regions(register):
    regions = load_regions()
    lekstroom = {register.by_code(c).name for c in regions.get("lekstroom").members}
    assert lekstroom == {"Vijfheerenlanden", "Houten", "IJsselstein", "Lopik", "Nieuwegein"}
    assert regions.resolve("Lekstroomgemeenten").id == "lekstroom"
    assert "GM1740" in regions.get("regio-rivierenland").members
    assert len(regions.get("regio-rivierenland").members) == 8
    assert "GM0296" in regions.get("rijk-van-nijmegen").members
    assert len(regions.get("gelderland-zuid").members) == 15
    assert {"GM1740", "GM0296"} <= set(regions.get("gelderland-zuid").members)
    assert "GM1740" in regions.get("arbeidsmarktregio-rivierenland").members
    assert "gelderland-zuid" in {r.id for r in regions.containing("GM0296")}
    assert "GM0356" in regions.get("ggd-regio-utrecht").members


def test_provinces_cover_every_active_municipality_once(register):
    provinces = [r for r in load_regions() if r.type == "Province"]
    assert len(provinces) == 12
    members = Counter(code for r in provinces for code in r.members)
    assert set(members) == {m.cbs_code for m in register.active()}
    assert set(members.values()) == {1}


def _write(path: Path, rows: list[str], header: str) -> Path:
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


HEADER = "cbs_code,name,alt_names,province,status,merged_into,merged_on"


@pytest.mark.parametrize("row, message", [
    ("GM12,Foo,,Utrecht,active,,", "cbs_code"),
    ("GM0001,,,Utrecht,active,,", "name is empty"),
    ("GM0001,Foo,,Utrecht,gone,,", "status"),
    ("GM0001,Foo,,Utrecht,merged,,2020-01-01", "merged_into"),
    ("GM0001,Foo,,Utrecht,merged,GM0356,1-1-2020", "ISO date"),
    ("GM0001,Foo,,Utrecht", "wrong number of fields"),
])
def test_malformed_municipality_rows_name_file_and_row(tmp_path, row, message):
    path = _write(tmp_path / "municipalities.csv", ["GM0356,Nieuwegein,,Utrecht,active,,", row],
                  HEADER)
    with pytest.raises(ReferenceDataError, match=rf"municipalities\.csv, row 3: .*{message}"):
        read_municipalities(path)


def test_malformed_header_and_unknown_region_member(tmp_path):
    with pytest.raises(ReferenceDataError, match="header"):
        read_municipalities(_write(tmp_path / "m.csv", [], "code,name"))
    path = _write(tmp_path / "regions.csv", ["x,X,,RegionalCollaboration,GM9999"],
                  "id,name,alt_names,type,members")
    with pytest.raises(ReferenceDataError, match=r"regions\.csv, row 2: unknown member"):
        read_regions(path, codes={"GM0356"})


def test_bundled_file_is_the_default():
    assert MUNICIPALITIES_CSV.name == "municipalities.csv"
    assert len(read_municipalities()) == len(load_municipalities())
