"""Roster parsing: pasted names and CSV uploads are checked row by row, nothing made on error."""

from __future__ import annotations

import codecs

import pytest

from ailit.services.roster import MAX_LEARNERS, parse_pasted_names, parse_roster_csv


def test_pasted_names_one_per_line_skip_blank_lines_and_normalise():
    roster = parse_pasted_names("  Ali   Hassan \n\nZoë\r\n李小龙\n")
    assert roster.ok
    assert roster.names == ("Ali Hassan", "Zoë", "李小龙")


def test_the_same_name_twice_is_two_learners():
    # Two children called Oliver Smith are normal: each gets an account (and a username) of their own.
    roster = parse_pasted_names("Oliver Smith\nSara\nOliver Smith\n")
    assert roster.ok and roster.names == ("Oliver Smith", "Sara", "Oliver Smith")


@pytest.mark.parametrize("data", [b"name\nAli\nSara\n", codecs.BOM_UTF8 + b"name\nAli\nSara\n"])
def test_csv_utf8_with_or_without_bom(data):
    roster = parse_roster_csv(data)
    assert roster.ok and roster.names == ("Ali", "Sara")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_csv_utf16_with_bom_as_excel_unicode_text_writes_it(encoding):
    text = "name\tclass\nمريم علي\t5B\n李华\t5B\n"
    data = text.encode(encoding)
    if encoding != "utf-16":  # the plain codec writes the byte-order mark itself
        data = ("\ufeff" + text).encode(encoding)
    roster = parse_roster_csv(data)
    assert roster.ok and roster.names == ("مريم علي", "李华")


def test_csv_name_column_found_among_others_case_insensitively():
    data = "Class,Name,Note\n5B,فاطمة الزهراء,x\n5B,Иван Петров,\n\n".encode()
    roster = parse_roster_csv(data)
    assert roster.names == ("فاطمة الزهراء", "Иван Петров")


def test_csv_with_semicolons_from_a_spreadsheet():
    roster = parse_roster_csv("name;age\nAna;9\nLuis;10\n".encode())
    assert roster.names == ("Ana", "Luis")


def test_csv_wrong_encoding_names_the_row():
    data = "name\nAli\nJos\u00e9\n".encode("latin-1")
    roster = parse_roster_csv(data)
    assert not roster.ok and roster.names == ()
    [problem] = roster.problems
    assert (problem.row, problem.code) == (3, "encoding")
    assert "UTF-8" in problem.message


def test_csv_missing_name_column():
    roster = parse_roster_csv(b"first,last\nAli,Hassan\n")
    [problem] = roster.problems
    assert (problem.row, problem.code) == (1, "name_column_missing")
    assert problem.params["columns"] == "first, last"


def test_csv_every_bad_row_reported_and_nothing_kept():
    rows = ["name,note", "Ali,", ",absent", "Sara,", "x" * 201 + ",", "SARA,", "Bad\u202eName,"]
    data = ("\n".join(rows) + "\n").encode()
    roster = parse_roster_csv(data)
    assert not roster.ok
    assert [(p.row, p.code) for p in roster.problems] == [
        (3, "name_missing"),
        (5, "name_too_long"),
        (7, "name_bidi"),
    ]


def test_csv_short_rows_and_empty_file():
    assert [p.code for p in parse_roster_csv(b"id,name\n7\n").problems] == ["name_missing"]
    assert [p.code for p in parse_roster_csv(b"").problems] == ["empty"]
    assert [p.code for p in parse_roster_csv(b"name\n\n").problems] == ["empty"]


def test_too_many_learners_at_once():
    text = "\n".join(f"Learner {n}" for n in range(MAX_LEARNERS + 1))
    assert parse_pasted_names(text).problems[0].code == "too_many"


def test_oversized_file_is_refused_without_parsing():
    assert parse_roster_csv(b"name\n" + b"a" * 300_000).problems[0].code == "file_too_large"
