"""The one way a file leaves the app: Flask's send_file names it (RFC 5987 `filename*` for a Japanese
name, an ASCII `filename` beside it) and no shared cache keeps it (it is personal data)."""

import io

from flask import send_file

from models.core.csv_out import to_csv


def send_download(data, filename, mimetype, attachment=True):
    """`data` (bytes) saved as `filename`, or shown by the browser itself when `attachment` is False."""
    response = send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=attachment, download_name=filename)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def send_csv(rows, filename):
    """`rows` through the one CSV writer (BOM, formula cells neutralised), saved as `filename`."""
    return send_download(to_csv(rows).encode("utf-8"), filename, "text/csv")
