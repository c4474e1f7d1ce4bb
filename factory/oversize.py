"""An upload over the request limit (413) returns to its form: the typed fields are read from the body
(file contents are counted and dropped, never kept), and the view runs again with each file standing
in as "too large", so the form says so beside the file field and keeps everything typed."""

import io

from flask import current_app, request
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.formparser import parse_form_data

from models.registration.attachments import MAX_BYTES

READ_AT_MOST = 64 * 1024 * 1024  # larger bodies are not read at all: the plain error page answers


class _Drop(io.RawIOBase):
    """Where the parser writes a file's content: only its size is kept."""

    def __init__(self):
        self.size = 0

    def writable(self):
        return True

    def write(self, data):
        self.size += len(data)
        return len(data)

    def seek(self, *args):
        return 0


class _TooLarge(io.RawIOBase):
    """A stand-in for a dropped file: reads as one byte more than any upload may have."""

    def __init__(self):
        self.left = MAX_BYTES + 1

    def readable(self):
        return True

    def readinto(self, buffer):
        n = min(len(buffer), self.left)
        buffer[:n] = b"\0" * n
        self.left -= n
        return n


def _drop_factory(total_content_length, content_type, filename, content_length=None):
    return _Drop()


def back_to_form():
    """The view's answer with the fields kept and each file refused as too large, or None."""
    length = request.content_length or 0
    if request.method != "POST" or request.mimetype != "multipart/form-data" or length > READ_AT_MOST:
        return None
    _stream, form, files = parse_form_data(request.environ, stream_factory=_drop_factory, max_content_length=None)
    stand_ins = MultiDict()
    for name, upload in files.items(multi=True):
        if upload.filename:
            stand_ins.add(name, FileStorage(_TooLarge(), upload.filename, name, upload.content_type))
    request.__dict__["form"], request.__dict__["files"] = form, stand_ins
    answer = current_app.preprocess_request()
    if answer is None:
        answer = current_app.dispatch_request()
    return current_app.make_response(answer)
