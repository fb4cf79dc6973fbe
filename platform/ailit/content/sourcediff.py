"""What changed in a source file since a translation was made from it, as a word diff.

The translation's ``source_hash`` names the source version it was made from; that version is
looked up in the history (revision store, then git) and compared word by word with the source
as it is now. Chinese and Japanese characters count as words of their own, so a diff of a
Chinese source does not mark a whole sentence as one change.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ailit.content import history
from ailit.content.hashing import hash_bytes
from ailit.content.history import RevisionStore
from ailit.content.status import recorded_hash
from ailit.content.tree import source_locale_of

_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|\w+|\s+|[^\w\s]")
EQUAL, INSERT, DELETE = "equal", "insert", "delete"


class DiffError(Exception):
    """The diff cannot be made; the message says why and what to do."""


@dataclass
class WordDiff:
    """The source then and now: a list of (operation, text) runs, ``equal``/``insert``/``delete``."""

    old_hash: str
    new_hash: str
    runs: list[tuple[str, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(op != EQUAL for op, _ in self.runs)

    def words(self, op: str) -> int:
        """How many words were inserted or deleted."""
        return sum(len(_words(text)) for kind, text in self.runs if kind == op)

    def to_dict(self) -> dict[str, object]:
        return {"from": self.old_hash, "to": self.new_hash, "runs": [list(r) for r in self.runs]}

    def changed_lines(self, context: int = 1) -> list[tuple[int, list[tuple[str, str]]] | None]:
        """The lines with a change (and ``context`` lines around them) as runs; None marks a gap.

        Line numbers are the source's as it is now.
        """
        lines: list[list[tuple[str, str]]] = [[]]
        for op, text in self.runs:
            parts = text.split("\n")
            for i, part in enumerate(parts):
                if i:
                    lines.append([])
                if part:
                    lines[-1].append((op, part))
        changed = [i for i, runs in enumerate(lines) if any(op != EQUAL for op, _ in runs)]
        keep = sorted({j for i in changed for j in range(i - context, i + context + 1) if 0 <= j < len(lines)})
        result: list[tuple[int, list[tuple[str, str]]] | None] = []
        previous = None
        for i in keep:
            if previous is not None and i != previous + 1:
                result.append(None)
            result.append((i + 1, lines[i]))
            previous = i
        return result

    def plain(self, context: int = 1) -> str:
        """The changed lines, ``[-removed-]`` and ``{+added+}`` as ``git diff --word-diff`` shows them."""
        marked = "".join(
            text if op == EQUAL else f"[-{text}-]" if op == DELETE else f"{{+{text}+}}" for op, text in self.runs
        )
        lines = marked.split("\n")
        changed = [i for i, line in enumerate(lines) if "[-" in line or "{+" in line or "-]" in line or "+}" in line]
        keep = sorted({j for i in changed for j in range(i - context, i + context + 1) if 0 <= j < len(lines)})
        out: list[str] = []
        previous = None
        for i in keep:
            if previous is not None and i != previous + 1:
                out.append("...")
            out.append(f"{i + 1:>4}: {lines[i]}")
            previous = i
        return "\n".join(out)


def word_diff(old: str, new: str, old_hash: str = "", new_hash: str = "") -> WordDiff:
    """Compare two texts word by word."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    result = WordDiff(old_hash, new_hash)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _add(result.runs, EQUAL, "".join(a[i1:i2]))
        else:
            if i2 > i1:
                _add(result.runs, DELETE, "".join(a[i1:i2]))
            if j2 > j1:
                _add(result.runs, INSERT, "".join(b[j1:j2]))
    return result


def source_diff(translation: Path, store: RevisionStore | None = None) -> WordDiff:
    """What changed in the source file since ``translation`` was made from it."""
    translation = Path(translation)
    try:
        source_locale = source_locale_of(translation)
    except ValueError as exc:
        raise DiffError(str(exc)) from None
    if source_locale == translation.stem:
        raise DiffError(f"{translation}: this is the source file; give one of its translations")
    source = translation.parent / f"{source_locale}.md"
    try:
        data, now = translation.read_bytes(), source.read_bytes()
    except OSError as exc:
        raise DiffError(f"{exc.filename}: cannot read ({exc.strerror})") from None
    return diff_since(
        str(translation), data, now, lambda digest: history.find_version(source, digest, store, history.store_key(source))
    )


def diff_since(
    name: str, translation: bytes, source: bytes, find: Callable[[str], bytes | None]
) -> WordDiff:
    """The word diff of ``source`` since the version ``translation`` records (found by ``find``)."""
    recorded = recorded_hash(translation)
    current = hash_bytes(source)
    if recorded is None:
        raise DiffError(
            f"{name}: no source_hash, so the source version it was made from is unknown; "
            "compare it with the source as it is now"
        )
    if recorded == current:
        return WordDiff(recorded, current, [(EQUAL, _text(source))])
    then = find(recorded)
    if then is None or hash_bytes(then) != recorded:
        raise DiffError(
            f"{name}: the source version {recorded} it was made from is not in the revision "
            "store or in git history, so the changes cannot be shown; compare the translation with "
            "the source as it is now"
        )
    return word_diff(_text(then), _text(source), recorded, current)


def _text(data: bytes) -> str:
    return data.decode("utf-8-sig", "replace").replace("\r\n", "\n").replace("\r", "\n")


def _words(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text) if not t.isspace() and (t[0].isalnum() or t[0] == "_")]


def _add(runs: list[tuple[str, str]], op: str, text: str) -> None:
    if runs and runs[-1][0] == op:
        runs[-1] = (op, runs[-1][1] + text)
    else:
        runs.append((op, text))
