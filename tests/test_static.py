"""Static files for phones: hashed names cached for a year (immutable), brotli or gzip when accepted."""

import gzip
import re
from pathlib import Path

import brotli

from factory.static import build


def _page_assets(client):
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', client.get("/login").text)


def test_pages_link_hashed_names_served_compressed_and_cached_for_a_year(client):
    assets = _page_assets(client)
    htmx = next(u for u in assets if "htmx" in u)
    assert re.fullmatch(r"/static/vendor/htmx-2\.0\.11\.min\.[0-9a-f]{12}\.js", htmx)
    original = Path("static/vendor/htmx-2.0.11.min.js").read_bytes()
    for accept, decode in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        r = client.get(htmx, headers={"Accept-Encoding": f"{accept}, identity"})
        assert r.status_code == 200 and r.headers["Content-Encoding"] == accept
        assert r.headers["Cache-Control"] == "max-age=31536000, public, immutable"
        assert r.headers["Vary"] == "Accept-Encoding" and r.headers["X-Content-Type-Options"] == "nosniff"
        assert decode(r.data) == original and len(r.data) < len(original) / 3
    plain = client.get(htmx)
    assert "Content-Encoding" not in plain.headers and plain.data == original


def test_every_linked_asset_answers_and_the_plain_name_is_short_lived(client):
    for url in _page_assets(client):
        assert client.get(url).status_code == 200, url
    r = client.get("/static/css/app.css")
    assert r.status_code == 200 and r.headers["Cache-Control"] == "max-age=3600, public"
    assert client.get("/static/css/app.000000000000.css").status_code == 404


def test_a_changed_file_gets_a_new_name(tmp_path):
    source = tmp_path / "src"
    (source / "js").mkdir(parents=True)
    (source / "js" / "a.js").write_text("let a = 1;" * 200)
    first = build(source, tmp_path / "out")["js/a.js"]
    (source / "js" / "a.js").write_text("let a = 2;" * 200)
    second = build(source, tmp_path / "out")["js/a.js"]
    assert first != second
    assert {p.name for p in (tmp_path / "out" / "js").iterdir()} == {
        name for hashed in (first, second) for name in (hashed.split("/")[-1] + s for s in ("", ".gz", ".br"))
    }
