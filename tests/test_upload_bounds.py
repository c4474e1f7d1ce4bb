"""Every upload is bounded before the expensive work: an .xlsx bomb, a sheet of a million rows, an
images-zip bomb, an AES package that inflates past its limit and a zip with a corrupt CRC are each
refused with a message naming the limit, nothing stored; the AES package is decrypted by a job."""

import io
import zipfile

import pytest

from extensions import huey
from models import Attachment, BulkImport, ProxyFiling
from models.core.zips import MB, ZipLimitError, ZipLimits, open_checked
from models.registration.bulk.imports import BulkFileError, read_workbook
from tests import factories as f
from tests import hostile_files as hostile
from tests.bulk_books import person, template_with, to_bytes
from tests.test_integration_import import CSV, PASSWORD, aes_zip


@pytest.fixture
def clerk(app):
    _company, admin = f.company(name="代行建設株式会社")
    client = app.test_client()
    f.login(client, admin)
    return client


def post_file(client, url, field, data, name, **extra):
    return client.post(url, data={field: (io.BytesIO(data), name), **extra}, content_type="multipart/form-data")


def _zip(files, compression=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_each_zip_limit_is_checked_from_the_directory_and_named():
    limits = ZipLimits(members=3, member_bytes=2 * MB, total_bytes=3 * MB, ratio=10)
    cases = {
        "members": _zip({f"{n}.png": b"x" for n in range(4)}),
        "member_bytes": _zip({"a.png": b"\0" * (2 * MB + 1)}, zipfile.ZIP_STORED),
        "total_bytes": _zip({"a.png": b"\0" * (2 * MB), "b.png": b"\0" * (2 * MB)}, zipfile.ZIP_STORED),
        "ratio": _zip({"a.png": b"\0" * (2 * MB)}),
        "unreadable": b"PK\x03\x04 not a zip",
    }
    for code, data in cases.items():
        with pytest.raises(ZipLimitError) as raised:
            open_checked(data, limits)
        assert raised.value.code == code
    assert open_checked(_zip({"a.png": b"\0" * 1000}), limits).namelist() == ["a.png"]


def test_an_xlsx_bomb_is_refused_at_the_upload_naming_the_limit(clerk):
    bomb = hostile.xlsx_bomb(megabytes=40)
    assert len(bomb) < MB
    r = post_file(clerk, "/company/bulk", "workbook", bomb, "crew.xlsx")
    assert r.status_code == 400
    assert "中に入っているファイルが展開すると大きすぎます（1ファイル 12MBまで）" in r.text
    assert BulkImport.select().count() == 0
    small = hostile.xlsx_bomb(megabytes=10)  # under the size limit, over the ratio
    r = post_file(clerk, "/company/bulk", "workbook", small, "crew.xlsx")
    assert r.status_code == 400 and "圧縮率が高すぎるファイルが入っています（100倍まで）" in r.text


def test_a_sheet_claiming_a_million_rows_is_read_as_a_stream_and_stopped(clerk):
    r = post_file(clerk, "/company/bulk", "workbook", hostile.many_rows(1_000_000, filled=False), "crew.xlsx")
    assert r.status_code == 302
    page = clerk.get(r.headers["Location"]).text
    assert "シートの10,000行目より下は読み込めません" in page
    job = BulkImport.get()
    assert (job.status, job.accepted) == ("failed", 0) and ProxyFiling.select().count() == 0


def test_a_declared_dimension_is_not_trusted_and_wide_rows_are_refused(app):
    # The sheet says A1:XFD1048576 but holds 30 rows: it is read as the 30 rows it holds.
    sheet = read_workbook(hostile.many_rows(30))
    assert [n for n, _raw, _hidden in sheet.rows] == list(range(4, 34))
    wb = template_with([person(1)])
    wb.active.cell(5, 150, "x")
    with pytest.raises(BulkFileError) as raised:
        read_workbook(to_bytes(wb))
    assert (raised.value.code, raised.value.detail) == ("sheet_columns", [100])


def test_an_images_zip_bomb_is_refused_and_nothing_is_attached(clerk):
    data = to_bytes(template_with([person(1)]))
    job_url = post_file(clerk, "/company/bulk", "workbook", data, "crew.xlsx").headers["Location"]
    bomb = hostile.images_zip_bomb(members=30, megabytes_each=4)
    r = post_file(clerk, f"{job_url}/files", "archive", bomb, "images.zip")
    assert r.status_code == 400 and "圧縮率が高すぎるファイルが入っています（20倍まで）" in r.text
    assert Attachment.select().count() == 0


def test_a_zip_with_a_corrupt_crc_is_a_message_not_a_500(clerk):
    data = to_bytes(template_with([person(1)]))
    job_url = post_file(clerk, "/company/bulk", "workbook", data, "crew.xlsx").headers["Location"]
    r = post_file(clerk, f"{job_url}/files", "archive", hostile.corrupt_crc(f.png_data()), "images.zip")
    assert r.status_code == 200
    assert "添付できなかったファイル: 1件" in r.text and "画像を読み取れませんでした" in r.text
    assert Attachment.select().count() == 0


def test_an_aes_package_past_its_limit_is_refused_before_anything_is_decrypted(clerk):
    data = hostile.huge_aes_entry(megabytes=64, password=PASSWORD)
    assert len(data) < MB
    r = post_file(clerk, "/company/integration", "package", data, "export.zip", password=PASSWORD)
    assert r.status_code == 400 and "中に入っているファイルが展開すると大きすぎます（1ファイル 8MBまで）" in r.text
    assert BulkImport.select().count() == 0


def test_the_aes_package_is_decrypted_by_a_job_not_in_the_request(clerk):
    huey.immediate = False
    try:
        huey.flush()
        r = post_file(
            clerk, "/company/integration", "package", aes_zip("w.csv", CSV.encode()), "e.zip", password=PASSWORD
        )
        assert r.status_code == 302
        job = BulkImport.get()
        assert job.status == "queued" and bytes(job.data).startswith(b"PK")  # still encrypted
        page = clerk.get(r.headers["Location"])
        assert "復号して読み込んでいます" in page.text and 'hx-trigger="every 1s"' in page.text
        task = huey.dequeue()
        assert PASSWORD not in repr(task.args)  # the password travels sealed
        huey.execute(task)
    finally:
        huey.immediate = True
    job = BulkImport.get()
    assert job.status == "review" and job.total == 3 and b"PK" not in bytes(job.data)[:2]
    page = clerk.get(r.headers["Location"], headers={"HX-Request": "true"}).text
    assert "山田 一郎" in page and "every 1s" not in page
