"""Earlier versions of a course file, so a translator can see what changed in the source.

A translation records only the 12-digit hash of the source it was made from. To show what
changed since, the text of that source version must be found again. Two places keep it:

- a revision store: a folder of files named by their hash, which ``ailit build`` fills with
  every source and translation version it compiles (the studio keeps the same in its database);
- git, when the courses live in a repository: every committed version of the file.

Versions are given oldest first; nothing here writes to the courses.
"""

from __future__ import annotations

import json
import subprocess  # nosec B404  # runs git with fixed arguments, never a shell
from collections.abc import Iterator
from pathlib import Path

from ailit.content.files import write_atomic
from ailit.content.hashing import hash_bytes, normalise_newlines

INDEX_FILE = "index.json"
GIT_TIMEOUT_SECONDS = 20


class RevisionStore:
    """A folder of file versions: ``<hash>.txt`` per version and an index of paths to hashes."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def record_many(self, files: dict[str, Path]) -> None:
        """Keep the current text of each file (``key`` -> path) as its newest version."""
        index = self._index()
        changed = False
        for key, path in files.items():
            try:
                data = path.read_bytes()
            except OSError:
                continue
            digest = hash_bytes(data)
            versions = index.setdefault(key, [])
            if versions and versions[-1] == digest:
                continue
            self.folder.mkdir(parents=True, exist_ok=True)
            blob = self.folder / f"{digest}.txt"
            if not blob.exists():
                write_atomic(blob, normalise_newlines(data))
            versions.append(digest)
            changed = True
        if changed:
            write_atomic(self.folder / INDEX_FILE, json.dumps(index, indent=0, sort_keys=True).encode())

    def versions(self, key: str) -> Iterator[bytes]:
        """Every recorded version of ``key``, oldest first."""
        for digest in self._index().get(key, []):
            try:
                yield (self.folder / f"{digest}.txt").read_bytes()
            except OSError:
                continue

    def by_hash(self, digest: str) -> bytes | None:
        """The version whose hash is ``digest``, whichever file it belonged to."""
        try:
            return (self.folder / f"{digest}.txt").read_bytes()
        except (OSError, ValueError):
            return None

    def _index(self) -> dict[str, list[str]]:
        try:
            data = json.loads((self.folder / INDEX_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}


def git_versions(path: Path) -> Iterator[bytes]:
    """Every committed version of ``path``, oldest first (nothing outside a git repository)."""
    path = Path(path).resolve()
    root = _git(path.parent, "rev-parse", "--show-toplevel")
    if root is None:
        return
    top = Path(root.decode().strip())
    relative = path.relative_to(top).as_posix()
    log = _git(top, "log", "--format=%H", "--follow", "--name-only", "--", relative)
    if log is None:
        return
    entries = _commits_and_names(log.decode("utf-8", "replace"))
    for commit, name in reversed(entries):
        blob = _git(top, "show", f"{commit}:{name}")
        if blob is not None:
            yield blob


def versions(path: Path, store: RevisionStore | None = None, key: str | None = None) -> Iterator[bytes]:
    """Earlier versions of ``path`` from the store (when given) and then git, oldest first each."""
    if store is not None and key is not None:
        yield from store.versions(key)
    yield from git_versions(path)


def find_version(path: Path, digest: str, store: RevisionStore | None = None, key: str | None = None) -> bytes | None:
    """The version of ``path`` whose hash is ``digest``, or None when no history has it."""
    if store is not None:
        found = store.by_hash(digest)
        if found is not None and hash_bytes(found) == digest:
            return found
    for data in versions(path, None, key):
        if hash_bytes(data) == digest:
            return data
    return None


def store_key(path: Path) -> str:
    """How a module file is named in a revision store: ``<stage>/<course>/<module>/<file>``."""
    return "/".join(Path(path).resolve().parts[-4:])


def _commits_and_names(log: str) -> list[tuple[str, str]]:
    """``git log --format=%H --name-only`` output as (commit, file name at that commit)."""
    entries: list[tuple[str, str]] = []
    commit = None
    for line in log.splitlines():
        line = line.strip()
        if not line:
            continue
        if len(line) == 40 and all(c in "0123456789abcdef" for c in line):
            commit = line
        elif commit is not None:
            entries.append((commit, line))
            commit = None
    return entries


def _git(cwd: Path, *args: str) -> bytes | None:
    try:
        done = subprocess.run(  # nosec B603 B607  # git with fixed arguments, no shell
            ["git", *args], cwd=cwd, capture_output=True, timeout=GIT_TIMEOUT_SECONDS, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None
