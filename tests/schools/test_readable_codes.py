"""Join codes, invitation codes, usernames and one-time passwords: unambiguous and random."""

from __future__ import annotations

import re

from ailit.services import readable_codes as codes


def test_alphabet_has_31_unambiguous_symbols():
    assert len(codes.ALPHABET) == len(set(codes.ALPHABET)) == 31
    assert not set("01OIL") & set(codes.ALPHABET)


def test_join_codes_are_random_and_well_formed():
    made = {codes.new_join_code() for _ in range(200)}
    assert len(made) == 200
    assert all(codes.is_well_formed(code, codes.JOIN_CODE_LENGTH) for code in made)


def test_typed_codes_are_normalised():
    assert codes.normalise_code(" abcd-efgh ") == "ABCDEFGH"
    assert not codes.is_well_formed(codes.normalise_code("ABCD-EFG0"), 8)
    assert codes.code_hash("abcd-efgh") == codes.code_hash("ABCDEFGH")


def test_one_time_passwords_are_easy_to_type():
    password = codes.new_one_time_password()
    assert re.fullmatch(r"[2-9a-z]{4}-[2-9a-z]{4}", password)
    assert not set("01oil") & set(password)


def test_learner_usernames_carry_no_name():
    prefix = codes.new_username_prefix()
    assert re.fullmatch(r"[2-9a-z]{4}", prefix)
    assert codes.learner_username(prefix, 3) == f"{prefix}-03"
    assert codes.learner_username(prefix, 123) == f"{prefix}-123"
