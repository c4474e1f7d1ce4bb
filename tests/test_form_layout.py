"""Every generated form read back by its text boxes: no two texts overlap, none leaves its cell,
and each statutory item of the 施工体制台帳 is there with its value."""

import datetime as dt
import os
from pathlib import Path

import pytest

from documents.site_documents import build
from models.accounts.workers import Qualification, Worker
from models.sites.documents import SiteDocument
from models.sites.ledger import ConstructionPermit, ContractLedger, Office
from models.sites.rosters import record_session
from models.sites.sites import Site, SiteContract
from tests import factories as f
from tests import layout
from tests.sitetree import employee, three_tiers

LONG = "内装仕上工事（クロス・床・天井ボード張り・間仕切り軽量鉄骨下地を含む一式）"


def _world():
    t = three_tiers()
    Site.update(
        client_name="株式会社発注者不動産", address="東京都新宿区西新宿二丁目8番1号", works_content=LONG,
        starts_on=dt.date(2026, 10, 1), ends_on=dt.date(2027, 9, 30), contract_date=dt.date(2026, 9, 1),
    ).where(Site.id == t["site"].id).execute()  # fmt: skip
    SiteContract.update(scope=LONG, starts_on=dt.date(2026, 11, 1), ends_on=dt.date(2027, 3, 31)).execute()
    t["site"] = Site.get_by_id(t["site"].id)
    for key in ("prime", "first", "second", "third"):
        company = t[key]
        ConstructionPermit.create(company=company, trade="内装仕上工事業", authority="governor", prefecture="東京都",
                                  grade="general", number="123456", permitted_on=dt.date(2024, 4, 1))  # fmt: skip
        office = Office.create(company=company, name="本店営業所", address="東京都新宿区1-1", health_code="01-イロハ",
                               pension_code="01-イロハ", employment_code="1301-123456-7")  # fmt: skip
        chief = employee(company, "主任", key, experience_years=12)
        q = Qualification.create(worker=chief, kind="license", name="1級建築施工管理技士")
        ContractLedger.create(site=t["site"], company=company, office=office, chief=chief, chief_qualification=q,
                              chief_dedicated=True, contract_date=dt.date(2026, 10, 15), agent_name="代理 一郎",
                              agent_authority="契約書記載のとおり。意見は書面で申し出る。", specialist_name="専門 二郎",
                              specialist_qualification="1級電気工事施工管理技士", specialist_work="電気設備工事",
                              safety_manager="安全 花子", safety_promoter="推進 三郎", employment_manager="雇用 四郎",
                              client_supervisor="発注 監督", client_supervisor_authority="監督業務一式")  # fmt: skip
    entries = []
    for i in range(30):
        w = employee(t["first"], "長い苗字の", f"作業員{i:02d}", kentaikyo_number="012345678")  # fmt: skip
        entries.append(f.put_on_roster(t["contracts"]["first"], w, "1", "0601", marks="foreman,safety,chief",
                                       special_education="足場の組立て等・フルハーネス型墜落制止用器具"))  # fmt: skip
    Worker.update(address="東京都新宿区西新宿二丁目8番1号 都庁第一本庁舎 45階北展望室").execute()
    record_session(t["site"], dt.date(2026, 11, 10), "安全 太郎", "現場のルール", entries[:5])
    return t


def _pdf(app, t, kind, contract=None):
    doc = SiteDocument.create(site=t["site"], kind=kind, contract=contract, requested_by=t["prime"], fingerprint="x")
    with app.test_request_context():
        data = build(doc)
    keep = os.environ.get("FORM_PDF_DIR")  # to look at the pages: pdftoppm them from here
    if keep:
        Path(keep, f"{kind}.pdf").write_bytes(data)
    return data


@pytest.mark.parametrize("kind", ["ledger", "roster", "tree", "notice", "education"])
def test_no_text_overlaps_or_leaves_its_cell(app, kind):
    t = _world()
    contract = t["contracts"]["first"] if kind in ("roster", "notice") else None
    found = layout.problems(_pdf(app, t, kind, contract))
    assert found == [], found[:10]


def test_the_ledger_has_each_statutory_item_with_its_value(app):
    t = _world()
    text = layout.words(_pdf(app, t, "ledger")).replace(" ", "").replace("\n", "")
    for label, value in [
        ("建設業の許可", "内装仕上工事業"),
        ("許可番号", "第123456号"),
        ("許可（更新）年月日", "2024/04/01"),
        ("工事名称及び工事内容", "○○改築工事"),
        ("発注者名及び住所", "株式会社発注者不動産"),
        ("工期", "2026/10/01〜2027/09/30"),
        ("契約日", "2026/09/01"),
        ("契約営業所", "本店営業所"),
        ("健康保険等の加入状況", "健康保険"),
        ("事業所整理記号等", "1301-123456-7"),
        ("発注者の監督員名", "発注監督"),
        ("現場代理人名", "代理一郎"),
        ("権限及び意見申出方法", "契約書記載のとおり"),
        ("監理技術者名", "主任prime"),
        ("主任技術者名", "1級建築施工管理技士"),
        ("専任・非専任", "専任"),
        ("資格内容", "1級建築施工管理技士"),
        ("専門技術者名", "専門二郎"),
        ("担当工事内容", "電気設備工事"),
        ("安全衛生責任者名", "安全花子"),
        ("安全衛生推進者名", "推進三郎"),
        ("雇用管理責任者名", "雇用四郎"),
        ("外国人の従事の状況", "1号特定技能外国人"),
        ("代表者名", "代表一郎"),
    ]:
        assert label in text, label
        assert value in text, (label, value)
    for name in ("一次工業株式会社", "二次設備株式会社", "三次塗装株式会社"):
        assert name in text


@pytest.mark.parametrize("kind", ["roster_xlsx", "ledger_xlsx"])
def test_the_excel_forms_hold_the_filled_values_in_the_forms_cells(app, kind):
    import io

    from openpyxl import load_workbook

    t = _world()
    data = _pdf(app, t, kind, t["contracts"]["first"] if kind == "roster_xlsx" else None)
    ws = load_workbook(io.BytesIO(data)).active
    values = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    text = "\n".join(values)
    if kind == "roster_xlsx":
        assert ws["A1"].value == "作業員名簿" and "長い苗字の 作業員00" in text and "[職] [安] [主]" in text
        assert ws.print_title_rows and "受入教育実施年月日" in text
    else:
        assert ws["A1"].value == "施工体制台帳" and "第123456号" in text and "1301-123456-7" in text
        assert "代理 一郎" in text and "三次塗装株式会社" in text
    assert ws.merged_cells.ranges  # cells span the form's widths
