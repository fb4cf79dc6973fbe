"""Certificate codes: entropy, readable form, tolerant parsing, and rejection of forgeries."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ailit.certificates.codes import (
    ALPHABET,
    CODE_LENGTH,
    InvalidCertificateCode,
    is_valid_code,
    new_code,
    normalise_code,
)


def test_new_code_is_grouped_crockford_and_valid():
    code = new_code()
    groups = code.split("-")
    assert len(groups) == CODE_LENGTH // 4 and all(len(g) == 4 for g in groups)
    assert set(code.replace("-", "")) <= set(ALPHABET)
    assert normalise_code(code) == code


def test_codes_differ():
    assert len({new_code() for _ in range(500)}) == 500


def test_code_carries_128_random_bits():
    # Every one of the 128 payload bits must be set in some code and clear in another.
    ones, zeros = 0, 0
    full = (1 << 128) - 1
    for _ in range(300):
        data = normalise_code(new_code()).replace("-", "")[:26]
        value = 0
        for ch in data:
            value = value * 32 + ALPHABET.index(ch)
        assert value <= full
        ones |= value
        zeros |= full ^ value
    assert ones == full and zeros == full


@pytest.mark.parametrize(
    "transform",
    [str.lower, lambda c: c.replace("-", ""), lambda c: c.replace("-", " "), lambda c: f"  {c}\n"],
)
def test_normalise_tolerates_case_spaces_and_hyphens(transform):
    code = new_code()
    assert normalise_code(transform(code)) == code


def test_normalise_reads_confusable_letters_as_digits():
    code = new_code()
    if "0" not in code and "1" not in code:
        code = new_code()
    typed = code.replace("0", "O").replace("1", "l")
    assert normalise_code(typed) == code


@given(st.integers(0, CODE_LENGTH - 1), st.integers(1, 31))
def test_every_single_substitution_is_rejected(position, delta):
    compact = new_code().replace("-", "")
    wrong = ALPHABET[(ALPHABET.index(compact[position]) + delta) % 32]
    forged = compact[:position] + wrong + compact[position + 1 :]
    assert not is_valid_code(forged)


def test_adjacent_swaps_are_rejected():
    compact = new_code().replace("-", "")
    for i in range(CODE_LENGTH - 1):
        if compact[i] != compact[i + 1]:
            swapped = compact[:i] + compact[i + 1] + compact[i] + compact[i + 2 :]
            assert not is_valid_code(swapped), swapped


@pytest.mark.parametrize("cut", [1, 2, 4, 14, 27])
def test_truncated_codes_are_rejected(cut):
    compact = new_code().replace("-", "")
    with pytest.raises(InvalidCertificateCode, match="letters and digits"):
        normalise_code(compact[:-cut])


@pytest.mark.parametrize("text", ["", "hello", "U" * CODE_LENGTH, "*" * CODE_LENGTH, "9" * CODE_LENGTH])
def test_garbage_is_rejected_with_a_message(text):
    with pytest.raises(InvalidCertificateCode) as excinfo:
        normalise_code(text)
    assert str(excinfo.value)


@given(st.text(max_size=40))
def test_random_text_never_crashes(text):
    assert isinstance(is_valid_code(text), bool)


def test_random_forgeries_are_almost_never_valid():
    import secrets

    forged = [
        secrets.choice(ALPHABET[:8]) + "".join(secrets.choice(ALPHABET) for _ in range(27))
        for _ in range(2000)
    ]
    # The checksum admits about one random string in a thousand.
    assert sum(is_valid_code(f) for f in forged) < 20
