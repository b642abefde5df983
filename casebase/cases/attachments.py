"""Evidence attachments: what may be uploaded, how it is checked, where it is kept.

The type of a file is read from its content (its first bytes), never from its name or
the browser's claim: a script renamed `.pdf` is refused. A name that claims another
type than the content is refused too, so that what a reader downloads is what its name
says. Files are stored under generated names (a random token and the extension of the
type found), outside MEDIA_ROOT, and reach readers only through the evidence-file
view, which applies the confidentiality rule.

An oversized file is refused while it arrives: `SizeLimitUploadHandler`, first in
FILE_UPLOAD_HANDLERS, stops passing a file's bytes on once it passes
EVIDENCE_MAX_UPLOAD_MB (the partial temporary file is deleted at once) and hands the
form a `RefusedUpload` with no content, which `inspect_upload` turns into a clear
error. Nothing beyond the limit is stored in memory or on disk.
"""

import codecs
import io
import uuid
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils import timezone

# The content types accepted, with the extension a stored file gets and a label.
ACCEPTED: dict[str, tuple[str, str]] = {
    "application/pdf": (".pdf", "PDF"),
    "image/png": (".png", "PNG image"),
    "image/jpeg": (".jpg", "JPEG image"),
    "image/gif": (".gif", "GIF image"),
    "image/webp": (".webp", "WebP image"),
    "text/plain": (".txt", "plain text"),
}
# What each extension a name may carry claims the content is.
NAME_CLAIMS = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/plain",
    ".csv": "text/plain",
}
ACCEPTED_LIST = "a PDF, a PNG, JPEG, GIF or WebP image, or a plain-text file"
HEAD_BYTES = 8192
CHUNK = 64 * 1024
# Text that a browser or a shell would run rather than show.
_ACTIVE_TEXT = (b"#!", b"<script", b"<html", b"<!doctype", b"<?php", b"<svg", b"<?xml")
_TEXT_CONTROLS = set(range(32)) - {9, 10, 12, 13}


class EvidenceStorage(FileSystemStorage):
    """A file system storage under EVIDENCE_FILES_ROOT, read when used (so tests and
    deployments can move it) and with no public URL."""

    @property
    def base_location(self):
        return settings.EVIDENCE_FILES_ROOT

    @property
    def location(self):
        return str(PurePath(settings.EVIDENCE_FILES_ROOT))

    @property
    def base_url(self):
        return None


def evidence_storage() -> EvidenceStorage:
    return EvidenceStorage()


def evidence_upload_to(instance, filename: str) -> str:
    """`evidence/2025/<random hex>.pdf`: nothing of the uploaded name is used."""
    extension = ACCEPTED.get(instance.attachment_type, (".bin", ""))[0]
    return f"evidence/{timezone.now():%Y}/{uuid.uuid4().hex}{extension}"


@dataclass(frozen=True)
class AttachmentInfo:
    content_type: str
    size: int
    original_name: str


def max_bytes() -> int:
    return settings.EVIDENCE_MAX_UPLOAD_MB * 1024 * 1024


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size} bytes"


def _read_chunks(upload):
    upload.seek(0)
    while chunk := upload.read(CHUNK):
        yield chunk
    upload.seek(0)


def _is_plain_text(upload) -> bool:
    """UTF-8 text throughout, with no NUL or other control bytes."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in _read_chunks(upload):
            if any(byte in _TEXT_CONTROLS for byte in chunk):
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def sniff(upload) -> str:
    """The content type read from the file's bytes, or "" if it is none we accept."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is not None:
        return kind.mime if kind.mime in ACCEPTED else ""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if _is_plain_text(upload):
        lowered = head.lstrip().lower()
        if any(lowered.startswith(marker) for marker in _ACTIVE_TEXT) or (
            b"<script" in lowered
        ):
            return ""
        return "text/plain"
    return ""


class RefusedUpload(UploadedFile):
    """An upload stopped at the size limit: its name, and how many bytes arrived
    before receiving stopped. It has no content."""

    refused_too_large = True

    def __init__(self, name: str, received: int, content_type: str = "", charset=None):
        super().__init__(io.BytesIO(b""), name, content_type, received, charset)


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops receiving a file once it passes EVIDENCE_MAX_UPLOAD_MB.

    It must come first: the handlers after it (memory, temporary file) then get
    nothing more of that file, the temporary file already begun is deleted, and the
    form gets a `RefusedUpload` to refuse with a clear error. The rest of the request
    (the other fields) is still read, in chunks, so the editor's input is kept.
    """

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        self.over = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if not self.over and self.received > max_bytes():
            self.over = True
            self._drop_partial_copies()
        return None if self.over else raw_data

    def _drop_partial_copies(self) -> None:
        handlers = list(getattr(self.request, "upload_handlers", []) or [])
        later = handlers[handlers.index(self) + 1 :] if self in handlers else []
        for handler in later:
            handler.upload_interrupted()

    def file_complete(self, file_size):
        if not self.over:
            return None
        return RefusedUpload(
            self.file_name or "", self.received, self.content_type, self.charset
        )


def inspect_upload(upload) -> AttachmentInfo:
    """Check an uploaded file; raise ValidationError with a message for the editor."""
    name = PurePath(upload.name or "").name[:255]
    if getattr(upload, "refused_too_large", False) or getattr(
        getattr(upload, "file", None), "refused_too_large", False
    ):
        raise ValidationError(
            f"“{name}” is larger than {settings.EVIDENCE_MAX_UPLOAD_MB} MB, the limit "
            "for attachments: receiving it was stopped and nothing of it was kept.",
            code="too_large",
        )
    if upload.size > max_bytes():
        raise ValidationError(
            f"The file is {_size_text(upload.size)}; attachments may be at most "
            f"{settings.EVIDENCE_MAX_UPLOAD_MB} MB.",
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError("The file is empty.", code="empty")
    content_type = sniff(upload)
    if not content_type:
        raise ValidationError(
            f"“{name}” is not {ACCEPTED_LIST} (judged from its content, not its "
            "name); it cannot be attached.",
            code="unsupported_type",
        )
    suffix = PurePath(name).suffix.lower()
    claimed = NAME_CLAIMS.get(suffix)
    if suffix and claimed is None:
        raise ValidationError(
            f"Files named “{suffix}” are not accepted: attach {ACCEPTED_LIST}.",
            code="unsupported_name",
        )
    if claimed and claimed != content_type:
        raise ValidationError(
            f"“{name}” is named as a {ACCEPTED[claimed][1]}, but its content is "
            f"{ACCEPTED[content_type][1]}. Attach the real file, or rename it to match "
            "its content.",
            code="type_mismatch",
        )
    return AttachmentInfo(
        content_type=content_type, size=upload.size, original_name=name
    )


def label(content_type: str) -> str:
    return ACCEPTED.get(content_type, ("", "file"))[1]
