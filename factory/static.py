"""Static files for phones: WhiteNoise serves each file under a name with its content hash, cached for a
year as immutable, in gzip and brotli when the phone takes them. The hashed copies and their compressed
variants are built once into instance/static/ (`flask static build` at image build, else the first start);
`url_for('static', filename=...)` gives the hashed name, so templates stay as they are."""

import hashlib
import os
import re
import uuid
from pathlib import Path

from whitenoise import WhiteNoise
from whitenoise.compress import Compressor

from config import INSTANCE

BUILD = INSTANCE / "static"
HASHED = re.compile(r"\.[0-9a-f]{12}(\.\w+)?$")
COMPRESSED = {".js", ".css", ".svg", ".json", ".txt", ".map", ".html"}
SERVED_ELSEWHERE = ("fonts/",)  # the IPAex font is for PDFs (documents/), never sent to a browser
UNHASHED_MAX_AGE = 3600


class _WhiteNoise(WhiteNoise):
    FOREVER = 365 * 24 * 3600  # max-age=31536000 with "immutable" for hashed names


def _hashed_name(rel, data):
    digest = hashlib.md5(data, usedforsecurity=False).hexdigest()[:12]
    stem, dot, ext = rel.rpartition(".")
    return f"{stem}.{digest}.{ext}" if dot and "/" not in ext else f"{rel}.{digest}"


def _write(path, data):
    """Whole or not at all: several workers may build at once."""
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    partial.write_bytes(data)
    os.replace(partial, path)


def build(source, target=BUILD):
    """{name: hashed name} for every file under `source`; missing copies (and their .gz/.br, written
    before the copy, so a copy present means its variants are too) are written to `target`."""
    manifest = {}
    for path in sorted(Path(source).rglob("*")):
        rel = path.relative_to(source).as_posix()
        if not path.is_file() or rel.startswith(SERVED_ELSEWHERE) or path.name.startswith("."):
            continue
        data = path.read_bytes()
        manifest[rel] = hashed = _hashed_name(rel, data)
        out = Path(target) / hashed
        if out.exists():
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix in COMPRESSED:
            for suffix, packed in ((".gz", Compressor.compress_gzip(data)), (".br", Compressor.compress_brotli(data))):
                if len(packed) <= 0.95 * len(data):
                    _write(out.with_name(out.name + suffix), packed)
        _write(out, data)
    return manifest


def _nosniff(headers, path, url):
    headers["X-Content-Type-Options"] = "nosniff"


def init_static(app):
    manifest = build(app.static_folder)
    served = _WhiteNoise(
        app.wsgi_app,
        max_age=UNHASHED_MAX_AGE,
        immutable_file_test=lambda path, url: bool(HASHED.search(url)),
        add_headers_function=_nosniff,
    )
    prefix = app.static_url_path.rstrip("/")
    for rel, hashed in manifest.items():
        for url in (f"{prefix}/{hashed}", f"{prefix}/{rel}"):  # the plain name too, for links from outside
            served.add_file_to_dictionary(url, str(BUILD / hashed))
    app.wsgi_app = served

    @app.url_defaults
    def _hashed(endpoint, values):
        if endpoint == "static" and values.get("filename") in manifest:
            values["filename"] = manifest[values["filename"]]

    return manifest


if __name__ == "__main__":  # `python -m factory.static`: build at image build time, not at the first start
    print(f"{len(build(Path(__file__).resolve().parent.parent / 'static'))} static files in {BUILD}")
