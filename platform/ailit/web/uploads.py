"""Task files in a request: the body limit of the routes that take them, files read safely."""

from __future__ import annotations

from werkzeug.datastructures import FileStorage

from ailit.services.uploads import MAX_FILE_BYTES, MAX_FILES, IncomingFile, UploadTooLarge

# A task submission's body may hold every file plus the text (``security.accepts_body_up_to``).
TASK_UPLOAD_BYTES = MAX_FILES * MAX_FILE_BYTES + 1024 * 1024


def incoming_files(parts: list[FileStorage]) -> list[IncomingFile]:
    """Each file part's name and bytes, never reading more than the limit (+1 byte) of one."""
    files = []
    for number, part in enumerate(parts, start=1):
        data = part.stream.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise UploadTooLarge(f"file {number} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB", number=number)
        files.append(IncomingFile(part.filename or "", data))
    return files
