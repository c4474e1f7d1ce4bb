"""Site documents as huey jobs (immediate in tests), read back with pdftotext."""

import datetime as dt

from models.accounts.workers import Qualification, Worker
from models.sites.documents import SiteDocument
from models.sites.rosters import record_session
from models.sites.sites import RosterEntry
from tests import factories as f
from tests.sitetree import as_company, employee, three_tiers

HX = {"HX-Request": "true"}


def _site_with_crews():
    t = three_tiers()
    t["workers"] = {
        "first": employee(t["first"], "躯体", "一郎", kentaikyo_number="012345678"),
        "third": employee(t["third"], "塗装", "三郎", nationality="ベトナム"),
    }
    e1 = f.put_on_roster(t["contracts"]["first"], t["workers"]["first"], "1", "0201", marks="foreman,safety")
    f.put_on_roster(t["contracts"]["third"], t["workers"]["third"], "3", "0901", foreign_status="specified1")
    record_session(t["site"], dt.date(2026, 11, 10), "安全 太郎", "現場のルール", [e1])
    return t


def _make(client, t, kind, contract=None):
    data = {"contract": str(contract.id)} if contract else {}
    r = client.post(f"/prime/sites/{t['site'].id}/documents/{kind}", data=data, headers=HX)
    assert r.status_code == 200, r.text
    doc = SiteDocument.select().order_by(SiteDocument.id.desc()).first()
    assert "PDFをダウンロード" in r.text and f"/prime/documents/{doc.id}/download" in r.text
    pdf = client.get(f"/prime/documents/{doc.id}/download")
    assert pdf.headers["Content-Type"] == "application/pdf"
    return doc, pdf.data


def test_roster_pdf_has_the_form_five_items(app, tmp_path):
    t = _site_with_crews()
    client = as_company(app, t["admins"]["prime"], t["prime"])
    _doc, data = _make(client, t, "roster", t["contracts"]["third"])
    text = f.pdf_text(data, tmp_path)
    assert "作業員名簿" in text and t["site"].site_id in text and "塗装 三郎" in text
    assert t["workers"]["third"].worker_id in text and "1号特定技能外国人" in text
    # For a third tier: the upper companies with their tiers and IDs, then its own.
    assert "一次工業株式会社" in text and t["first"].business_id in text and "二次設備株式会社" in text
    assert "三次塗装株式会社" in text and t["third"].business_id in text
    _doc, data = _make(client, t, "roster", t["contracts"]["first"])
    text = f.pdf_text(data, tmp_path)
    assert (
        "躯体 一郎" in text
        and "[職] [安]" in text
        and "職安" not in text
        and "2026-11-10" in text
        and "塗装 三郎" not in text
    )


def test_ledger_tree_notice_and_education_report(app, tmp_path):
    t = _site_with_crews()
    client = as_company(app, t["admins"]["prime"], t["prime"])
    text = f.pdf_text(_make(client, t, "ledger")[1], tmp_path)
    assert "施工体制台帳" in text and t["prime"].business_id in text and t["site"].site_id in text
    assert all(
        n in text for n in ("一次工業株式会社", "二次設備株式会社", "三次塗装株式会社", "躯体 一郎", "塗装 三郎")
    )
    assert "1号特定技能外国人" in text and "被共済者" in text
    text = f.pdf_text(_make(client, t, "tree")[1], tmp_path)
    assert "施工体系図" in text and all(
        c.business_id in text for c in (t["prime"], t["first"], t["second"], t["third"])
    )
    assert "3次" in text and "塗装工事" in text
    text = f.pdf_text(_make(client, t, "notice", t["contracts"]["second"])[1], tmp_path)
    assert "再下請負通知書" in text and "一次工業株式会社" in text and "二次設備株式会社" in text and "設備工事" in text
    text = f.pdf_text(_make(client, t, "education")[1], tmp_path)
    assert "新規入場時等教育実施報告書" in text and "安全 太郎" in text and "躯体 一郎" in text
    assert "未受講者" in text and "塗装 三郎" in text.split("未受講者")[1]


def test_a_document_is_kept_until_the_data_changes(app):
    t = _site_with_crews()
    client = as_company(app, t["admins"]["prime"], t["prime"])
    first, _ = _make(client, t, "ledger")
    again, _ = _make(client, t, "ledger")
    assert again.id == first.id and SiteDocument.select().count() == 1
    RosterEntry.update(trade="0301").where(RosterEntry.worker == t["workers"]["first"]).execute()
    changed, _ = _make(client, t, "ledger")
    assert changed.id != first.id
    Qualification.create(worker=t["workers"]["third"], kind="ginou_koushu", name="足場の組立て等作業主任者")
    with_qualification, data = _make(client, t, "ledger")
    assert with_qualification.id != changed.id
    page = client.get(f"/prime/documents/{changed.id}")
    assert "PDFをダウンロード" in page.text and "<html" in page.text


def test_who_may_make_which_document(app):
    t = _site_with_crews()
    url = f"/prime/sites/{t['site'].id}/documents"
    first = as_company(app, t["admins"]["first"], t["first"])
    assert first.post(f"{url}/ledger", headers=HX).status_code == 200  # the ledger is shared with the first tier
    second = as_company(app, t["admins"]["second"], t["second"])
    assert second.post(f"{url}/ledger", headers=HX).status_code == 404
    assert second.post(f"{url}/education", headers=HX).status_code == 404
    third = as_company(app, t["admins"]["third"], t["third"])
    assert third.post(f"{url}/roster", data={"contract": t["contracts"]["third"].id}, headers=HX).status_code == 200
    assert third.post(f"{url}/roster", data={"contract": t["contracts"]["second"].id}, headers=HX).status_code == 404
    # Another company's finished document is not reachable by its id.
    doc = SiteDocument.get(SiteDocument.requested_by == t["third"])
    assert second.get(f"/prime/documents/{doc.id}/download").status_code == 404
    assert "二次設備株式会社" not in third.get(url).text.split("<main>")[1]


def test_a_long_roster_goes_over_pages_with_the_column_heads_on_each(app, tmp_path):
    t = three_tiers()
    c1 = t["contracts"]["first"]
    crew = [employee(t["first"], "長名簿", f"{i:02d}郎") for i in range(40)]
    Worker.update(address="東京都新宿区西新宿二丁目8番1号 都庁第一本庁舎").execute()
    for w in crew:
        f.put_on_roster(c1, w, "3", "0201", special_education="足場の組立て等")
    client = as_company(app, t["admins"]["first"], t["first"])
    text = f.pdf_text(_make(client, t, "roster", c1)[1], tmp_path)
    pages = text.split("\f")[:-1]
    assert len(pages) > 2 and all("技能者ID" in p and "入場年月日" in p for p in pages)
    assert all(f"長名簿 {i:02d}郎" in text and w.worker_id in text for i, w in enumerate(crew))
    assert text.count("特別教育: 足場の組立て等") == 40 and text.count("都庁第一本庁舎") == 40


def test_the_roster_has_the_current_form_five_columns_and_the_entry_day_from_the_first_record(app, tmp_path):
    from models.sites.records import WorkRecord

    t = _site_with_crews()
    worker = t["workers"]["first"]
    for day in (dt.date(2026, 11, 12), dt.date(2026, 11, 4)):
        WorkRecord.create(worker=worker, site=t["site"], work_date=day, trade="0201")
    RosterEntry.update(
        family_contact="躯体 花子（妻）090-9999-0000", blood_pressure="128/84",
        special_health_check_on=dt.date(2026, 6, 1), special_health_check_kind="有機溶剤",
    ).where(RosterEntry.worker == worker).execute()  # fmt: skip
    client = as_company(app, t["admins"]["prime"], t["prime"])
    text = f.pdf_text(_make(client, t, "roster", t["contracts"]["first"])[1], tmp_path)
    assert "2026-11-04" in text and "2026-11-12" not in text
    assert "家族連絡先" in text and "090-9999-0000" in text and "128/84" in text and "2026-06-01 有機溶剤" in text
    assert "CareerUp独自コード）" not in text and "CareerUp 独自コード" in text  # one footnote, not in the cell
