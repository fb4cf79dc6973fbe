"""Class rosters: the names a teacher pastes or uploads, checked row by row before anything is made.

Pure functions over text and bytes (no database): the service that creates accounts calls
:func:`parse_pasted_names` or :func:`parse_roster_csv` and creates nothing unless the result has
no problems. Every problem names its row (the spreadsheet row: the header is row 1) and says
what is wrong in a stable ``code`` the pages translate.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from ailit.services import validation

MAX_LEARNERS = 200  # per upload: a class, not a whole school
MAX_BYTES = 256 * 1024
NAME_COLUMN = "name"


@dataclass(frozen=True)
class RosterProblem:
    """What is wrong on one row: ``code`` is stable, ``params`` fill the translated message."""

    row: int
    code: str
    message: str
    params: dict[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}" if self.row else self.message


@dataclass(frozen=True)
class Roster:
    """The checked names in order, or the problems that stop the whole list being created."""

    names: tuple[str, ...]
    problems: tuple[RosterProblem, ...]

    @property
    def ok(self) -> bool:
        """Whether every row is valid (and there is at least one)."""
        return not self.problems and bool(self.names)


def name_problem(row: int, name: str) -> RosterProblem | None:
    """Why ``name`` (already cleaned) cannot be a learner's name, or None (the accounts' rule)."""
    problem = validation.name_problem(name)
    if problem is None:
        return None
    return RosterProblem(row, f"name_{problem.reason}", problem.message, dict(problem.params))


def check_names(rows: Iterable[tuple[int, str]]) -> Roster:
    """Check ``(row, raw name)`` pairs: each name valid. The same name twice is allowed (two
    children called Oliver Smith are normal): every account gets its own username."""
    names: list[str] = []
    problems: list[RosterProblem] = []
    for row, raw in rows:
        name = validation.clean_name(raw)
        problem = name_problem(row, name)
        if problem is not None:
            problems.append(problem)
            continue
        names.append(name)
    if len(names) + len(problems) > MAX_LEARNERS:
        problems.insert(
            0,
            RosterProblem(
                0,
                "too_many",
                f"at most {MAX_LEARNERS} learners at a time",
                {"max": MAX_LEARNERS},
            ),
        )
    if not names and not problems:
        problems.append(RosterProblem(0, "empty", "there are no names in the list"))
    return Roster(tuple(names), tuple(problems))


def parse_pasted_names(text: str) -> Roster:
    """One name per line; blank lines are skipped; line numbers count every line."""
    rows = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]
    return check_names(rows)


def parse_roster_csv(data: bytes) -> Roster:
    """A CSV file with a ``name`` column, in UTF-8 or in UTF-16 with a byte-order mark."""
    if len(data) > MAX_BYTES:
        return _failed(
            RosterProblem(
                0,
                "file_too_large",
                f"the file is larger than {MAX_BYTES // 1024} KB",
                {"max_kb": MAX_BYTES // 1024},
            )
        )
    text, problem = _decode(data)
    if problem is not None:
        return _failed(problem)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), _dialect(text)))
    except csv.Error as error:
        return _failed(RosterProblem(0, "csv_malformed", f"not a readable CSV file: {error}"))
    header_index = next((i for i, record in enumerate(records) if any(c.strip() for c in record)), None)
    if header_index is None:
        return _failed(RosterProblem(0, "empty", "there are no names in the list"))
    header = [cell.strip().lower() for cell in records[header_index]]
    if NAME_COLUMN not in header:
        return _failed(
            RosterProblem(
                header_index + 1,
                "name_column_missing",
                "there is no 'name' column: the first row must name the columns, e.g. name",
                {"columns": ", ".join(c for c in header if c)},
            )
        )
    column = header.index(NAME_COLUMN)
    rows: list[tuple[int, str]] = []
    for index in range(header_index + 1, len(records)):
        record = records[index]
        if not any(cell.strip() for cell in record):
            continue  # blank lines are common at the end of exported files
        rows.append((index + 1, record[column] if column < len(record) else ""))
    return check_names(rows)


def _decode(data: bytes) -> tuple[str, RosterProblem | None]:
    # Excel's "Unicode Text" export is UTF-16 with a byte-order mark (and tabs): unambiguous.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            pass  # reported below as not UTF-8, the format the form asks for
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        row = data.count(b"\n", 0, error.start) + 1
        return "", RosterProblem(
            row,
            "encoding",
            "the file is not UTF-8 text; save it as 'CSV UTF-8' and upload it again",
        )


def _dialect(text: str) -> type[csv.Dialect]:
    # Spreadsheets in many locales write ';' between columns (',' is their decimal mark).
    first_line = text.split("\n", 1)[0]
    if ";" in first_line and "," not in first_line:
        return _Semicolon
    if "\t" in first_line and "," not in first_line:
        return csv.excel_tab
    return csv.excel


class _Semicolon(csv.excel):
    delimiter = ";"


def _failed(problem: RosterProblem) -> Roster:
    return Roster((), (problem,))


