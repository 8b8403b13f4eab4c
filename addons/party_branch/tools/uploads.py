"""Files a member or a visitor uploads, checked by their bytes.

What a file is is read from its first bytes (``guess_mimetype``), never from the name
or the type the browser claims: an SVG or an HTML page renamed ``photo.png`` is
refused, since its scripts would run on this site's address when an officer opens
it. The type stored is the one read. Used by the public service request form and the
visit log (party_service: photos) and by thought reports (party_life: documents).
"""

from odoo.exceptions import ValidationError
from odoo.tools.mimetypes import guess_mimetype

MAX_FILES = 5
MAX_BYTES = 5 * 1024 * 1024
# images a browser shows without running anything
PHOTO_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")
DOCUMENT_TYPES = ("application/pdf", *PHOTO_TYPES)


def check_files(files, message, types=PHOTO_TYPES, max_files=MAX_FILES, max_bytes=MAX_BYTES):
    """[{name, data, mimetype}] of ``files`` (``(name, bytes)`` pairs; empty ones are
    skipped); ``ValidationError(message)``, before anything is written, for a file
    whose bytes are not one of ``types``, larger than ``max_bytes``, or for more than
    ``max_files`` files."""
    files = [(name, data) for name, data in files if data]
    if len(files) > max_files:
        raise ValidationError(message)
    checked = []
    for name, data in files:
        if not isinstance(data, bytes):
            raise ValidationError(message)
        mimetype = guess_mimetype(data)
        if len(data) > max_bytes or mimetype not in types:
            raise ValidationError(message)
        checked.append({"name": name or "file", "data": data, "mimetype": mimetype})
    return checked


def read_uploads(uploads, message, types=PHOTO_TYPES, max_files=MAX_FILES, max_bytes=MAX_BYTES):
    """:func:`check_files` of the files of a form (werkzeug ``FileStorage``), each read
    up to one byte more than allowed."""
    uploads = [upload for upload in uploads if upload and upload.filename]
    if len(uploads) > max_files:
        raise ValidationError(message)
    return check_files(
        [(upload.filename, upload.read(max_bytes + 1)) for upload in uploads],
        message,
        types=types,
        max_files=max_files,
        max_bytes=max_bytes,
    )
