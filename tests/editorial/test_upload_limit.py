"""The upload size limit is applied while a file arrives, not after it is stored."""

import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test import RequestFactory

from casebase.cases.attachments import (
    RefusedUpload,
    SizeLimitUploadHandler,
    inspect_upload,
)

MB = 1024 * 1024
CHUNK = 64 * 1024


def _handlers(settings):
    settings.EVIDENCE_MAX_UPLOAD_MB = 1
    request = RequestFactory().post("/")
    limit = SizeLimitUploadHandler(request)
    temporary = TemporaryFileUploadHandler(request)
    request.upload_handlers = [limit, temporary]
    for handler in (limit, temporary):
        handler.new_file("attachment", "big.pdf", "application/pdf", None)
    return limit, temporary


def _feed(limit, temporary, total: int) -> int:
    """Feed `total` bytes as the multipart parser does; how many reached the disk."""
    stored = 0
    for start in range(0, total, CHUNK):
        chunk = limit.receive_data_chunk(b"0" * CHUNK, start)
        if chunk is not None:
            temporary.receive_data_chunk(chunk, start)
            stored += len(chunk)
    return stored


def test_bytes_past_the_limit_are_not_passed_on(settings):
    """Past the limit, no later handler gets a byte: at most the limit is stored."""
    limit, temporary = _handlers(settings)
    stored = _feed(limit, temporary, 5 * MB)
    assert stored <= 1 * MB
    assert limit.over


def test_the_partial_temporary_file_is_deleted_at_once(settings):
    """The temporary file begun before the limit was passed is removed."""
    limit, temporary = _handlers(settings)
    path = temporary.file.temporary_file_path()
    _feed(limit, temporary, 2 * MB)
    assert not os.path.exists(path)


def test_a_refused_upload_gives_a_clear_error(settings):
    """The form gets a contentless stand-in whose check names the limit."""
    limit, temporary = _handlers(settings)
    _feed(limit, temporary, 2 * MB)
    refused = limit.file_complete(2 * MB)
    assert isinstance(refused, RefusedUpload)
    assert refused.read() == b""
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        inspect_upload(refused)


def test_a_file_within_the_limit_passes_through(settings):
    """Under the limit the handler changes nothing: the next handler stores it."""
    limit, temporary = _handlers(settings)
    stored = _feed(limit, temporary, 512 * 1024)
    assert stored == 512 * 1024
    assert limit.file_complete(stored) is None
