"""The law register: laws, bills, national agreements and statutory tasks, kept as data.

The register is read from two CSV files in ``reference/data/`` (see ``SOURCES.md`` there):

* ``laws.csv`` — one row per act, bill, national agreement or temporary scheme
  (:class:`beleidsgraaf.model.Law`, ``kind`` = ``law``/``bill``/``agreement``/``scheme``);
* ``statutory_tasks.csv`` — a SKOS-like vocabulary of statutory tasks named without
  their law (``schuldhulpverlening`` → ``wgs``), :class:`StatutoryTask`.

Acts that replaced one another (``replaced_by``) form a *lineage*; a generic name that
several acts of one lineage share ("Wmo", "Wet inburgering") is resolved to the act that
applied in a document's year with :meth:`LawRegister.resolve`.

>>> register = load_register()
>>> register.resolve("wet-inburgering-2021", 2019).id
'wet-inburgering-2013'
>>> register.resolve("wmo-2015", 2012).id
'wmo-2006'
>>> register.laws["jeugdwet"].bwb_id
'BWBR0034925'
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from beleidsgraaf.errors import ReferenceDataError
from beleidsgraaf.model import Law

LAW_COLUMNS = (
    "id",
    "pref_label",
    "alt_labels",
    "bwb_id",
    "kind",
    "status",
    "in_force_from",
    "in_force_until",
    "amends",
    "replaced_by",
    "url",
    "verified",
    "note",
)
TASK_COLUMNS = ("id", "label", "alt_labels", "law_id")

LAW_KINDS = frozenset({"law", "bill"})
"""Kinds that are legislation (linked with ``mentionsLaw``/``impliesLaw``)."""
AGREEMENT_KINDS = frozenset({"agreement", "scheme"})
"""Kinds that are national agreements, programmes or temporary schemes — never laws."""
KINDS = LAW_KINDS | AGREEMENT_KINDS
STATUSES = frozenset({"in-force", "bill", "repealed"})

LAWS_FILE = "laws.csv"
TASKS_FILE = "statutory_tasks.csv"

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_BWB = re.compile(r"^BWBR\d{7}$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class StatutoryTask:
    """A statutory task (SKOS concept) and the law it rests on."""

    id: str
    label: str
    alt_labels: tuple[str, ...] = ()
    law_id: str = ""

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.alt_labels)


def label_key(label: str) -> str:
    """Comparison key of a name: diacritics folded, lower case, only letters and digits.

    >>> label_key("Wmo-vervoer"), label_key("Cliëntondersteuning"), label_key("Zorg- en Welzijn")
    ('wmovervoer', 'clientondersteuning', 'zorgenwelzijn')
    """
    return "".join(_WORD.findall(fold(label).lower()))


def _fold_table() -> dict[int, str]:
    import unicodedata

    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii() and base.isalpha():
            table[code] = base
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Replace accented Latin letters by their base letter; keeps the length of ``text``."""
    return text.translate(_FOLD)


def law_labels(law: Law) -> tuple[str, ...]:
    """Official name first, then the other names and abbreviations (no duplicates)."""
    seen: dict[str, None] = {}
    for label in (law.pref_label, *law.alt_labels):
        seen.setdefault(label, None)
    return tuple(seen)


def parse_date(value: str | None, *, end: bool = False) -> dt.date | None:
    """An ISO date, possibly reduced (``2022`` or ``2022-09``), as the first (or last) day."""
    if not value:
        return None
    match = _DATE.match(value)
    if not match:
        raise ValueError(f"not an ISO date: {value!r}")
    year, month, day = match.groups()
    if day:
        return dt.date(int(year), int(month), int(day))
    if month:
        first = dt.date(int(year), int(month), 1)
        if not end:
            return first
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(int(year), 12, 31) if end else dt.date(int(year), 1, 1)


class LawRegister:
    """Laws (and agreements) by id, statutory tasks by id, and their time relations."""

    def __init__(self, laws: dict[str, Law], tasks: dict[str, StatutoryTask]):
        self.laws = laws
        self.tasks = tasks
        self._predecessors: dict[str, list[str]] = {}
        for law in laws.values():
            if law.replaced_by:
                self._predecessors.setdefault(law.replaced_by, []).append(law.id)

    def __repr__(self) -> str:
        return f"LawRegister({len(self.laws)} laws, {len(self.tasks)} tasks)"

    def __contains__(self, law_id: object) -> bool:
        return law_id in self.laws

    def __getitem__(self, law_id: str) -> Law:
        return self.laws[law_id]

    # -- kinds -------------------------------------------------------------------------

    @property
    def legislation(self) -> dict[str, Law]:
        """Laws and bills (``kind`` law or bill)."""
        return {k: v for k, v in self.laws.items() if v.kind in LAW_KINDS}

    @property
    def agreements(self) -> dict[str, Law]:
        """National agreements, programmes and temporary schemes."""
        return {k: v for k, v in self.laws.items() if v.kind in AGREEMENT_KINDS}

    @staticmethod
    def is_agreement(law: Law) -> bool:
        return law.kind in AGREEMENT_KINDS

    # -- names ---------------------------------------------------------------------------

    def find(self, name: str) -> list[Law]:
        """Entries one of whose names has the same :func:`label_key` as ``name``."""
        key = label_key(name)
        return [law for law in self.laws.values() if key in {label_key(x) for x in law_labels(law)}]

    def tasks_of(self, law_id: str) -> list[StatutoryTask]:
        return [task for task in self.tasks.values() if task.law_id == law_id]

    # -- time ------------------------------------------------------------------------------

    def lineage(self, law_id: str) -> list[Law]:
        """The acts that replaced one another, oldest first, through ``law_id``.

        Walks back while an act has exactly one predecessor (an act that replaced
        several others, like the Omgevingswet, stops the walk) and forward along
        ``replaced_by``.
        """
        law = self.laws[law_id]
        chain = [law]
        seen = {law.id}
        current = law.id
        while len(self._predecessors.get(current, [])) == 1:
            current = self._predecessors[current][0]
            if current in seen:
                break
            seen.add(current)
            chain.insert(0, self.laws[current])
        current_law = law
        while current_law.replaced_by and current_law.replaced_by not in seen:
            current_law = self.laws[current_law.replaced_by]
            seen.add(current_law.id)
            chain.append(current_law)
        return chain

    def resolve(self, law_id: str, year: int | None = None) -> Law:
        """The act of ``law_id``'s lineage that applied in ``year``.

        The latest act of the lineage in force from that year on or earlier (an act
        coming into force during the year counts for that year); before all of them,
        the oldest. Without a year: the newest act of the lineage (the one that applies
        now).
        """
        chain = self.lineage(law_id)
        if year is None:
            return chain[-1]
        chosen = None
        for law in chain:
            start = parse_date(law.in_force_from)
            if start is None or start.year <= year:
                chosen = law
        return chosen or chain[0]

    def in_force(self, law_id: str, on: dt.date | None = None) -> bool:
        """Whether the act was in force on a date (default today); bills never are."""
        law = self.laws[law_id]
        if law.kind == "bill" or law.status == "bill":
            return False
        on = on or dt.date.today()
        start = parse_date(law.in_force_from)
        until = parse_date(law.in_force_until)
        return (start is None or start <= on) and (until is None or on < until)

    def applies_in(self, law_id: str, year: int) -> bool:
        """Whether the act was in force at some moment of ``year``."""
        law = self.laws[law_id]
        if law.kind == "bill" or law.status == "bill":
            return False
        start = parse_date(law.in_force_from)
        until = parse_date(law.in_force_until)
        return (start is None or start.year <= year) and (
            until is None or until > dt.date(year, 1, 1)
        )

    def amended_by(self, law_id: str, *, include_bills: bool = False) -> list[Law]:
        """Acts (and optionally bills) that amend ``law_id``, by date of entry into force."""
        found = [
            law
            for law in self.laws.values()
            if law_id in law.amends and (include_bills or law.kind != "bill")
        ]
        return sorted(found, key=lambda law: (law.in_force_from or "", law.id))

    def amended_since(self, law_id: str, year: int, *, include_bills: bool = False) -> list[Law]:
        """Amending acts in force from ``year`` on: not yet in force when a document
        for that (budget) year was written."""
        return [
            law
            for law in self.amended_by(law_id, include_bills=include_bills)
            if (start := parse_date(law.in_force_from)) is not None and start.year >= year
        ]


# -- loading -----------------------------------------------------------------------------


def load_register(path: str | Path | None = None) -> LawRegister:
    """Read the register.

    ``path`` is a folder holding ``laws.csv`` and ``statutory_tasks.csv``, or the path of a
    laws CSV (its tasks are read from ``statutory_tasks.csv`` beside it when present).
    Without a path, the bundled data (read once and cached).

    Raises :class:`ReferenceDataError` naming the file and row of malformed data.
    """
    if path is None:
        return _default_register()
    path = Path(path)
    if path.is_dir():
        laws_path, tasks_path = path / LAWS_FILE, path / TASKS_FILE
    else:
        laws_path, tasks_path = path, path.with_name(TASKS_FILE)
    laws, law_rows = _read_laws(laws_path)
    tasks, task_rows = _read_tasks(tasks_path, laws) if tasks_path.exists() else ({}, {})
    _check_labels(laws, tasks, (laws_path, law_rows), (tasks_path, task_rows))
    return LawRegister(laws, tasks)


@lru_cache(maxsize=1)
def _default_register() -> LawRegister:
    data = resources.files("beleidsgraaf.reference") / "data"
    with resources.as_file(data) as folder:
        return load_register(Path(folder))


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ReferenceDataError(f"{path}: file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ReferenceDataError(f"{path}: cannot be read as UTF-8 ({exc})") from exc
    reader = csv.DictReader(text.splitlines(keepends=True), strict=True)
    try:
        header = reader.fieldnames or []
        missing = [c for c in columns if c not in header]
        if missing:
            raise ReferenceDataError(f"{path}, row 1: missing column(s) {', '.join(missing)}")
        rows = []
        for row in reader:
            line = reader.line_num
            if None in row:
                raise ReferenceDataError(f"{path}, row {line}: more fields than columns")
            if any(value is None for value in row.values()):
                raise ReferenceDataError(f"{path}, row {line}: fewer fields than columns")
            if not any(value.strip() for value in row.values()):
                continue
            rows.append((line, {k: (v or "").strip() for k, v in row.items()}))
    except csv.Error as exc:
        raise ReferenceDataError(f"{path}, row {reader.line_num}: {exc}") from exc
    return rows


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _read_laws(path: Path) -> tuple[dict[str, Law], dict[str, int]]:
    laws: dict[str, Law] = {}
    where: dict[str, int] = {}
    for line, row in _rows(path, LAW_COLUMNS):

        def fail(problem: str, line: int = line) -> ReferenceDataError:
            return ReferenceDataError(f"{path}, row {line}: {problem}")

        law_id = row["id"]
        if not _SLUG.match(law_id):
            raise fail(f"id {law_id!r} is not a lower-case slug like 'wmo-2015'")
        if law_id in laws:
            raise fail(f"duplicate id {law_id!r} (first on row {where[law_id]})")
        if not row["pref_label"]:
            raise fail("pref_label is empty")
        if row["kind"] not in KINDS:
            raise fail(f"kind {row['kind']!r} is not one of {', '.join(sorted(KINDS))}")
        if row["status"] not in STATUSES:
            raise fail(f"status {row['status']!r} is not one of {', '.join(sorted(STATUSES))}")
        if (row["kind"] == "bill") != (row["status"] == "bill"):
            raise fail("a bill has kind=bill and status=bill, and nothing else has either")
        if row["bwb_id"] and not _BWB.match(row["bwb_id"]):
            raise fail(f"bwb_id {row['bwb_id']!r} does not look like BWBR0034925")
        if row["url"] and not row["url"].startswith("https://"):
            raise fail(f"url {row['url']!r} is not an https URL")
        if row["verified"] not in ("yes", "no"):
            raise fail(f"verified must be 'yes' or 'no', not {row['verified']!r}")
        if row["verified"] == "yes" and not row["bwb_id"] and row["kind"] in LAW_KINDS:
            raise fail("verified=yes but there is no bwb_id")
        dates = {}
        for column in ("in_force_from", "in_force_until"):
            try:
                dates[column] = parse_date(row[column], end=False)
            except ValueError:
                raise fail(f"{column} {row[column]!r} is not an ISO date (YYYY[-MM-DD])") from None
        start, until = dates["in_force_from"], dates["in_force_until"]
        if start and until and until <= start:
            raise fail("in_force_until is not after in_force_from")
        if row["status"] == "repealed" and not row["in_force_until"]:
            raise fail("status=repealed needs in_force_until")
        laws[law_id] = Law(
            id=law_id,
            pref_label=row["pref_label"],
            alt_labels=_split(row["alt_labels"]),
            bwb_id=row["bwb_id"] or None,
            status=row["status"],
            in_force_from=row["in_force_from"] or None,
            in_force_until=row["in_force_until"] or None,
            amends=_split(row["amends"]),
            replaced_by=row["replaced_by"] or None,
            url=row["url"] or None,
            verified=row["verified"] == "yes",
            kind=row["kind"],
            note=row["note"],
        )
        where[law_id] = line

    for law in laws.values():
        line = where[law.id]
        for target in law.amends:
            if target not in laws:
                raise ReferenceDataError(f"{path}, row {line}: amends unknown id {target!r}")
            if target == law.id:
                raise ReferenceDataError(f"{path}, row {line}: an act cannot amend itself")
        if law.replaced_by:
            if law.replaced_by not in laws:
                raise ReferenceDataError(
                    f"{path}, row {line}: replaced_by unknown id {law.replaced_by!r}"
                )
            if law.replaced_by == law.id:
                raise ReferenceDataError(f"{path}, row {line}: an act cannot replace itself")
        # replaced_by must not loop
        seen, current = {law.id}, law
        while current.replaced_by:
            current = laws[current.replaced_by]
            if current.id in seen:
                raise ReferenceDataError(f"{path}, row {line}: replaced_by forms a cycle")
            seen.add(current.id)
    # The same BWB id twice is only allowed for a renamed act (WWB → Participatiewet).
    by_bwb: dict[str, str] = {}
    for law in laws.values():
        if not law.bwb_id:
            continue
        other = by_bwb.get(law.bwb_id)
        if other and law.replaced_by != other and laws[other].replaced_by != law.id:
            raise ReferenceDataError(
                f"{path}, row {where[law.id]}: bwb_id {law.bwb_id} also used by {other!r} "
                "(only a renamed act, linked by replaced_by, may share it)"
            )
        by_bwb.setdefault(law.bwb_id, law.id)
    return laws, where


def _read_tasks(
    path: Path, laws: dict[str, Law]
) -> tuple[dict[str, StatutoryTask], dict[str, int]]:
    tasks: dict[str, StatutoryTask] = {}
    where: dict[str, int] = {}
    for line, row in _rows(path, TASK_COLUMNS):
        task_id = row["id"]
        if not _SLUG.match(task_id):
            raise ReferenceDataError(f"{path}, row {line}: id {task_id!r} is not a slug")
        if task_id in tasks:
            raise ReferenceDataError(f"{path}, row {line}: duplicate id {task_id!r}")
        if not row["label"]:
            raise ReferenceDataError(f"{path}, row {line}: label is empty")
        law = laws.get(row["law_id"])
        if law is None:
            raise ReferenceDataError(f"{path}, row {line}: unknown law_id {row['law_id']!r}")
        if law.kind not in LAW_KINDS:
            raise ReferenceDataError(
                f"{path}, row {line}: law_id {law.id!r} is an {law.kind}, not a law"
            )
        tasks[task_id] = StatutoryTask(task_id, row["label"], _split(row["alt_labels"]), law.id)
        where[task_id] = line
    return tasks, where


def _check_labels(
    laws: dict[str, Law],
    tasks: dict[str, StatutoryTask],
    law_source: tuple[Path, dict[str, int]],
    task_source: tuple[Path, dict[str, int]],
) -> None:
    """Names must be unambiguous: a name shared by several acts is only allowed within
    one lineage (it is then resolved by year), and no name is both a law and a task."""
    laws_path, law_rows = law_source
    tasks_path, task_rows = task_source
    register = LawRegister(laws, {})
    owners: dict[str, list[str]] = {}
    for law in laws.values():
        for label in law_labels(law):
            key = label_key(label)
            where = f"{laws_path}, row {law_rows[law.id]}"
            if not key:
                raise ReferenceDataError(f"{where}: label {label!r} has no letters or digits")
            ids = owners.setdefault(key, [])
            if law.id in ids:
                continue
            ids.append(law.id)
            lineage = {other.id for other in register.lineage(ids[0])}
            if not set(ids) <= lineage:
                raise ReferenceDataError(
                    f"{where}: the name {label!r} is also used by {ids[0]!r}, and the two are "
                    "not one lineage of acts (linked by replaced_by)"
                )
    task_owner: dict[str, str] = {}
    for task in tasks.values():
        where = f"{tasks_path}, row {task_rows[task.id]}"
        for label in task.labels:
            key = label_key(label)
            if not key:
                raise ReferenceDataError(f"{where}: label {label!r} has no letters or digits")
            if key in owners:
                raise ReferenceDataError(
                    f"{where}: label {label!r} is also a name of {', '.join(owners[key])}"
                )
            other = task_owner.get(key)
            if other and tasks[other].law_id != task.law_id:
                raise ReferenceDataError(
                    f"{where}: label {label!r} also belongs to task {other!r} of another law"
                )
            task_owner.setdefault(key, task.id)
