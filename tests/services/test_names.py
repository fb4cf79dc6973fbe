"""One rule for names: every place a name is made refuses names that show nothing."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ailit.cli import main
from ailit.services import validation
from ailit.services.errors import ValidationError
from ailit.services.roster import parse_pasted_names, parse_roster_csv

# Names made only of characters that render as nothing: format characters, spaces of every
# kind, combining marks and the "blank" letters (Hangul fillers, the empty braille pattern).
INVISIBLE_NAMES = [
    "\u200b",  # zero width space (Cf)
    "\u200b\u200c\u200d\u2060",  # zero width joiners and word joiner (Cf)
    "\ufeff",  # byte-order mark (Cf)
    "\u3164",  # HANGUL FILLER (Lo)
    "\u115f\u1160",  # Hangul choseong and jungseong fillers (Lo)
    "\uffa0",  # half-width Hangul filler (Lo)
    "\u2800\u2800",  # braille pattern blank (So)
    "\u3000\u00a0\u200b",  # ideographic and no-break spaces around a zero width space
    "\u0301\u0302",  # combining marks with nothing to combine with (Mn)
    "\u17b4",  # Khmer inherent vowel (Mn)
]

VISIBLE_NAMES = [
    "Ali",
    "فاطمة الزهراء",
    "李小龍",
    "Zoë",
    "क्षत्रिय",  # Devanagari needs its virama
    "نسرین\u200cدخت",  # Persian with a zero width non-joiner between letters
    "👩\u200d🔬 Sara",  # an emoji sequence with a zero width joiner
]


@pytest.mark.parametrize("name", INVISIBLE_NAMES)
def test_names_of_only_invisible_characters_are_refused(name: str) -> None:
    with pytest.raises(ValidationError) as raised:
        validation.check_display_name(name)
    assert raised.value.code in {"display_name_invisible", "display_name_length"}
    assert validation.name_problem(validation.clean_name(name)) is not None


@pytest.mark.parametrize("name", VISIBLE_NAMES)
def test_names_in_any_script_are_kept(name: str) -> None:
    assert validation.check_display_name(f"  {name} ") == name


def test_bidi_controls_and_control_characters_are_still_refused() -> None:
    with pytest.raises(ValidationError) as raised:
        validation.check_display_name("Ali\u202eBaba")
    assert raised.value.code == "display_name_bidi"
    with pytest.raises(ValidationError) as raised:
        validation.check_display_name("Ali\x07")
    assert raised.value.code == "display_name_control"


def test_pasted_and_uploaded_rosters_use_the_same_rule() -> None:
    pasted = parse_pasted_names("Omar\n\u3164\nLayla\n\u200b\u200b\n")
    assert [(p.row, p.code) for p in pasted.problems] == [(2, "name_invisible"), (4, "name_invisible")]
    uploaded = parse_roster_csv("name\nOmar\n\u2800\n".encode())
    assert [(p.row, p.code) for p in uploaded.problems] == [(3, "name_invisible")]


def test_registration_refuses_an_invisible_name(client) -> None:
    body = {"username": "blank", "password": "a good password", "display_name": "\u3164", "locale": "en"}
    response = client.post("/api/v1/auth/register", json=body)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "display_name_invisible"
    page = client.post("/en/register", data={**body, "confirm": body["password"]})
    assert page.status_code == 400
    assert "only invisible characters" in page.get_data(as_text=True)


def test_the_command_line_refuses_an_invisible_name(database_url, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("AILIT_DATABASE_URL", database_url)
    monkeypatch.setenv("AILIT_DATA_DIR", str(tmp_path / "data"))
    args = ["users", "create", "blank", "--display-name", "\u115f", "--password", "a good password"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0
    assert "display_name:" in result.output and "invisible" in result.output
