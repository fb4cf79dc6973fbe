"""Translations against their source: status (complete / stale / missing) and quiz parity."""

from __future__ import annotations

from ailit.content.module import ModuleFile
from ailit.content.questions import QUESTION_TYPES

SOURCE = "source"
COMPLETE = "complete"
STALE = "stale"
MISSING = "missing"


def translation_status(translation: ModuleFile, source_hash: str) -> str:
    """``complete`` when the recorded ``source_hash`` is the source's current hash, else ``stale``."""
    return COMPLETE if translation.source_hash == source_hash else STALE


def report_status(translation: ModuleFile, source: ModuleFile) -> str:
    """Work out the status and warn about a stale translation; return the status."""
    status = translation_status(translation, source.content_hash)
    stamp = f"update it, then run `ailit i18n stamp {translation.path}`"
    if translation.source_hash is None:
        translation.problems.warning(
            1, f"no source_hash: the translation counts as stale and learners see the source; {stamp}"
        )
    elif status == STALE:
        translation.problems.warning(
            1,
            f"stale: translated from source version {translation.source_hash}, the "
            f"{source.locale}.md file is now {source.content_hash}; learners see the source until "
            f"you {stamp}",
        )
    return status


def check_parity(translation: ModuleFile, source: ModuleFile) -> None:
    """A complete translation asks the same questions: count, types, answers (errors otherwise)."""
    problems = translation.problems
    if source.questions is None and translation.questions is None:
        return
    if translation.questions is None:
        problems.error(1, f"the source ({source.locale}.md) has a quiz; this translation has none")
        return
    if source.questions is None:
        problems.error(1, f"this translation has a quiz; the source ({source.locale}.md) has none")
        return
    ours, theirs = translation.questions, source.questions
    if len(ours) != len(theirs):
        line = ours[0].line if ours else 1
        problems.error(line, f"the quiz has {len(ours)} questions, the source has {len(theirs)}")
        return
    for number, (mine, original) in enumerate(zip(ours, theirs, strict=True), start=1):
        if mine.type != original.type:
            problems.error(
                mine.line, f"question {number} is {{{mine.type}}}, in the source {{{original.type}}}"
            )
            continue
        for message in QUESTION_TYPES[mine.type].parity(original, mine):
            problems.error(mine.line, f"question {number} {message}")
    if translation.quiz_settings != source.quiz_settings:
        problems.warning(1, "quiz settings differ from the source's; the source's settings apply")
