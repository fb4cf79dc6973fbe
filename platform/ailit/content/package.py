"""Course packages: a zip of one course folder, unpacked safely or refused whole.

A package holds ``course.yaml`` and the module folders, either at the top of the zip or inside
one folder. Refused, with a message that says why: anything that is not a zip, a path that
would leave the folder (absolute, ``..``, a drive letter), a link, more than
``MAX_FILES`` files, more than ``MAX_BYTES`` unpacked (counted while unpacking, so a zip that
lies about its sizes is caught too), or no course.yaml. Nothing is written outside ``target``,
and a refused package leaves ``target`` absent.
"""

from __future__ import annotations

import shutil
import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ailit.content.tree import COURSE_FILE

MAX_FILES = 2000
MAX_BYTES = 200 * 1024 * 1024
_CHUNK = 64 * 1024


class PackageError(Exception):
    """The package is refused; the message says why and what to do."""


def unpack_course(package: BinaryIO, target: Path) -> Path:
    """Unpack the course in ``package`` into ``target`` (created); return the course folder."""
    try:
        archive = zipfile.ZipFile(package)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise PackageError(f"not a zip file ({exc}): zip the course folder and upload that") from None
    with archive:
        members = _checked_members(archive)
        top = _course_root(members)
        target.mkdir(parents=True)
        try:
            _extract(archive, members, top, target)
        except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError) as exc:
            shutil.rmtree(target, ignore_errors=True)
            raise PackageError(f"the zip file is damaged ({exc}): zip the course folder again") from None
        except FileExistsError as exc:
            shutil.rmtree(target, ignore_errors=True)
            raise PackageError(f"'{Path(exc.filename).name}' appears twice in the package") from None
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
    return target


def _checked_members(archive: zipfile.ZipFile) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    infos = archive.infolist()
    files = [i for i in infos if not i.is_dir()]
    if len(files) > MAX_FILES:
        raise PackageError(f"the package has {len(files):,} files; at most {MAX_FILES:,} are allowed")
    if sum(i.file_size for i in files) > MAX_BYTES:
        raise PackageError(f"the package unpacks to more than {MAX_BYTES // (1024 * 1024)} MB")
    members = []
    for info in infos:
        name = info.filename.replace("\\", "/")
        path = PurePosixPath(name)
        if name.startswith("/") or ".." in path.parts or (path.parts and ":" in path.parts[0]):
            raise PackageError(f"'{info.filename}' would be written outside the course folder")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise PackageError(f"'{info.filename}' is a link; a package holds plain files only")
        if info.flag_bits & 0x1:
            raise PackageError(f"'{info.filename}' is encrypted; upload a package without a password")
        if not info.is_dir() and not any(p.startswith("__MACOSX") for p in path.parts):
            members.append((info, path))
    return members


def _course_root(members: list[tuple[zipfile.ZipInfo, PurePosixPath]]) -> PurePosixPath:
    """The folder inside the zip that holds course.yaml: the top, or its single folder."""
    names = {path for _, path in members}
    if PurePosixPath(COURSE_FILE) in names:
        return PurePosixPath(".")
    tops = {path.parts[0] for path in names if len(path.parts) > 1}
    if len(tops) == 1:
        top = PurePosixPath(next(iter(tops)))
        if top / COURSE_FILE in names:
            return top
    raise PackageError(
        f"no {COURSE_FILE} at the top of the package or in its one folder: zip the course folder "
        "(course.yaml and the NN-module folders)"
    )


def _extract(
    archive: zipfile.ZipFile,
    members: list[tuple[zipfile.ZipInfo, PurePosixPath]],
    top: PurePosixPath,
    target: Path,
) -> None:
    written = 0
    for info, path in members:
        if top != PurePosixPath(".") and path.parts[0] != top.name:
            continue  # stray files beside the course folder are not part of the course
        relative = path.relative_to(top) if top != PurePosixPath(".") else path
        destination = target.joinpath(*relative.parts)
        destination.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(info) as source, open(destination, "xb") as out:
            while chunk := source.read(_CHUNK):
                written += len(chunk)
                if written > MAX_BYTES:
                    raise PackageError(f"the package unpacks to more than {MAX_BYTES // (1024 * 1024)} MB")
                out.write(chunk)
