"""The career view: timeline, days per year and trade, CSV, and the summary anyone can check (Q9-1)."""

import csv
import datetime as dt
import io
import re
import shutil
import subprocess

import pytest

from models.accounts.workers import Qualification
from models.history.career import CareerSummary
from models.history.levels import seed_rules
from models.sites.records import WorkRecord
from tests import factories


@pytest.fixture
def worker_with_history(app):
    with app.app_context():
        seed_rules()
        data = factories.site_with_worker()
        worker, site = data["worker"], data["site"]
        rows = [
            {
                "worker": worker,
                "site": site,
                "work_date": dt.date(2024, 4, 1) + dt.timedelta(days=i),
                "trade": "0201",
                "position": "3",
                "source": "card",
            }
            for i in range(30)
        ]
        rows += [
            {
                "worker": worker,
                "site": site,
                "work_date": dt.date(2025, 6, 1) + dt.timedelta(days=i),
                "trade": "0301",
                "position": "1",
                "source": "card",
            }
            for i in range(12)
        ]
        WorkRecord.insert_many(rows).execute()
        Qualification.create(worker=worker, kind="ginou_koushu", name="玉掛技能講習", acquired_on=dt.date(2024, 9, 1))
    return data


def test_worker_sees_years_trades_and_timeline(client, worker_with_history):
    factories.login(client, worker_with_history["account"])
    page = client.get("/worker/career").get_data(as_text=True)
    assert "就業日数: 42日" in page
    assert 'data-testid="chart-years"' in page and "2024: 30" in page and "2025: 12" in page
    assert "型枠工（CareerUp独自コード）: 30" in page and "鉄筋工（CareerUp独自コード）: 12" in page
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert text.index("2024/04–2025/06 A邸住宅新築工事 · 42日") < text.index("2024/09 資格取得 玉掛技能講習")


def test_csv_has_every_record(client, worker_with_history):
    factories.login(client, worker_with_history["account"])
    r = client.get("/worker/history.csv")
    assert r.mimetype == "text/csv" and r.headers["Cache-Control"].startswith("private")
    rows = list(csv.reader(io.StringIO(r.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][0] == "就業日" and len(rows) == 1 + 42
    assert rows[1][:4] == [
        "2024-04-01",
        worker_with_history["site"].site_id,
        "A邸住宅新築工事",
        "型枠工（CareerUp独自コード）",
    ]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) not installed")
def test_summary_pdf_and_its_code_checks_on_the_public_page(client, app, worker_with_history, tmp_path):
    factories.login(client, worker_with_history["account"])
    r = client.post("/worker/career/summary")
    assert r.status_code == 303
    pdf = client.get(r.headers["Location"])
    assert pdf.mimetype == "application/pdf"
    (tmp_path / "s.pdf").write_bytes(pdf.data)
    text = subprocess.run(["pdftotext", str(tmp_path / "s.pdf"), "-"], capture_output=True, text=True).stdout
    with app.app_context():
        summary = CareerSummary.get()
    code = "-".join(summary.code[i : i + 4] for i in range(0, 12, 4))
    assert "就業履歴と資格の証明" in text and code in text and "42日" in text and "玉掛技能講習" in text
    # anyone (logged out) checks the code, typed in lower case with spaces
    public = app.test_client()
    page = public.get("/verify", query_string={"code": code.lower().replace("-", " ")}).get_data(as_text=True)
    assert 'data-testid="verified"' in page and worker_with_history["worker"].full_name in page and "42日" in page
    wrong = public.get("/verify", query_string={"code": "ABCD-EFGH-JKLM"}).get_data(as_text=True)
    assert "見つかりません" in wrong and worker_with_history["worker"].full_name not in wrong


def test_employer_sees_the_career_of_its_worker_only(client, app, worker_with_history):
    from models import Affiliation

    with app.app_context():
        affiliation = Affiliation.get(Affiliation.worker == worker_with_history["worker"])
        other, other_admin = factories.company(name="無関係建設株式会社")
    factories.login(client, worker_with_history["account"])
    client.post("/switch", data={"target": f"company:{worker_with_history['sub'].id}"})
    page = client.get(f"/company/affiliations/{affiliation.id}/career").get_data(as_text=True)
    assert "就業日数: 42日" in page
    assert client.get(f"/company/affiliations/{affiliation.id}/history.csv").status_code == 200
    client.post("/logout")
    factories.login(client, other_admin)
    client.post("/switch", data={"target": f"company:{other.id}"})
    assert client.get(f"/company/affiliations/{affiliation.id}/career").status_code == 404


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) not installed")
def test_the_check_page_shows_nothing_the_printed_certificate_does_not(client, app, worker_with_history, tmp_path):
    factories.login(client, worker_with_history["account"])
    pdf = client.get(client.post("/worker/career/summary").headers["Location"])
    (tmp_path / "s.pdf").write_bytes(pdf.data)
    printed = subprocess.run(["pdftotext", str(tmp_path / "s.pdf"), "-"], capture_output=True, text=True).stdout
    with app.app_context():
        code = CareerSummary.get().code
    page = app.test_client().get("/verify", query_string={"code": code}).get_data(as_text=True)
    shown = page.split('data-testid="verified"')[1].split("</section>")[0]
    cells = [re.sub(r"<[^>]+>", "\n", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", shown, re.S)]
    values = [v.strip() for cell in cells for v in cell.split("\n") if v.strip() and v.strip() != "—"]
    assert len(values) >= 7
    squashed = re.sub(r"\s+", "", printed)
    assert [v for v in values if re.sub(r"\s+", "", v) not in squashed] == []
    worker = worker_with_history["worker"]
    for private in (
        worker.birth_date.isoformat(),
        worker.birth_date.strftime("%Y/%m/%d"),
        worker.address,
        worker.phone,
    ):
        assert not private or private not in page


def test_the_check_page_is_rate_limited_per_client(app):
    public = app.test_client()
    codes = [public.get("/verify", query_string={"code": f"ABCD-EFGH-{n:04d}"}).status_code for n in range(12)]
    assert codes[:10] == [200] * 10 and codes[10:] == [429, 429]
    assert public.get("/verify").status_code == 200  # the empty form still opens
    other = app.test_client()
    assert (
        other.get("/verify", query_string={"code": "ABCD"}, environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code == 200
    )


def test_csv_writes_how_each_day_was_recorded_in_the_readers_language(client, worker_with_history):
    """Issue 21: 記録の方法 reads カード / 手入力 in Japanese (card / manual were internal codes)."""
    WorkRecord.update(source="manual").where(WorkRecord.work_date == dt.date(2025, 6, 1)).execute()
    factories.login(client, worker_with_history["account"])
    rows = list(csv.reader(io.StringIO(client.get("/worker/history.csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][-1] == "記録の方法"
    assert {row[-1] for row in rows[1:]} == {"カード", "手入力"}
    client.get("/lang/en")
    english = list(csv.reader(io.StringIO(client.get("/worker/history.csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert {row[-1] for row in english[1:]} == {"Card", "Manual entry"}
