"""職種 codes in two namespaces: CareerUp's shipped table (4 digits, marked 「CareerUp独自コード」) and the
official CCUS table an operator loads from CSV (written as CCUS does, "06-01"). Our 0601 is 内装仕上工;
CCUS 06-01 is とび工: they must never be taken for each other."""

import datetime as dt
import io
import tempfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from factory.cli import trades_group
from models.core import codes
from models.core.trades import OfficialTrade, TradeFileError, load_official
from models.registration.bulk import template as tpl
from models.registration.bulk.imports import read_workbook, validate
from models.sites.sites import RosterEntry
from tests import factories as f
from tests.bulk_books import person, template_with, to_bytes
from tests.sitetree import as_company, employee, three_tiers
from tests.test_worker_application import save, start

HX = {"HX-Request": "true"}
OFFICIAL = "code,name_ja,name_en\n06-01,とび工,Tobi (scaffolder)\n06-04,重量とび工,Heavy-lift tobi\n22-01,内装仕上工,Interior finisher\n"


def load(app, text, encoding="utf-8"):
    path = Path(tempfile.mkdtemp()) / "trades.csv"
    path.write_bytes(text.encode(encoding))
    return app.test_cli_runner().invoke(trades_group, ["load-official", str(path)])


def test_careerup_0601_and_ccus_06_01_are_different_trades_labelled_as_such(app):
    with app.test_request_context():
        assert codes.label(codes.TRADES, "0601") == "内装仕上工（CareerUp独自コード）"
        assert [c for c, _l in codes.choices(codes.TRADES)][:2] == ["0101", "0201"]  # nothing official yet
    assert load(app, OFFICIAL).exit_code == 0
    with app.test_request_context():
        assert codes.label(codes.TRADES, "06-01") == "とび工"
        assert codes.label(codes.TRADES, "0601") == "内装仕上工（CareerUp独自コード）"
        assert codes.label(codes.TRADES, "0101") == "とび工（CareerUp独自コード）"
        assert [c for c, _l in codes.choices(codes.TRADES)] == ["06-01", "06-04", "22-01"]
        assert {"0601", "06-01"} <= set(codes.codes(codes.TRADES))  # both stay valid stored values


def test_english_labels_say_careerup_code(app):
    t = three_tiers()
    c1 = t["contracts"]["first"]
    f.put_on_roster(c1, employee(t["first"], "英語"), "3", "0601")
    client = as_company(app, t["admins"]["first"], t["first"])
    client.get("/lang/en")
    page = client.get(f"/company/contracts/{c1.id}/roster").text
    assert "Interior finisher (CareerUp code)" in page and "CareerUp独自コード" not in page


def test_loader_reports_bad_rows_by_number_and_changes_nothing(app):
    assert load(app, OFFICIAL).exit_code == 0
    bad = "code,name_ja,name_en\n06-01,とび工,Tobi\n6-1,誤り,\n07-01,,\n06-01,重複,\n"
    result = load(app, bad)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "3行目 / row 3" in result.output and "6-1" in result.output
    assert "4行目 / row 4" in result.output and "name_ja" in result.output
    assert "5行目 / row 5" in result.output and "2行目" in result.output
    assert OfficialTrade.select().count() == 3  # the earlier table stands
    result = load(app, "name,label\nx,y\n")
    assert result.exit_code == 1 and "1行目" in result.output and "code" in result.output


def test_loader_reload_is_idempotent_and_takes_shift_jis(app):
    result = load(app, OFFICIAL)
    assert "3 added, 0 updated, 0 removed" in result.output
    assert "0 added, 0 updated, 0 removed" in load(app, OFFICIAL, "cp932").output
    assert OfficialTrade.select().count() == 3 and OfficialTrade.get(code="22-01").source == "ccus"
    changed = "code,name_ja\n0601,とび工\n06-04,重量とび工（改）\n"  # 0601 here is the official 06-01
    assert "0 added, 2 updated, 1 removed" in load(app, changed).output  # 06-01 lost its English name
    assert [t.code for t in OfficialTrade.select().order_by(OfficialTrade.code)] == ["06-01", "06-04"]


def test_parse_official_raises_domain_error_never_a_crash():
    with pytest.raises(TradeFileError) as raised:
        load_official(b"\xff\xfe\x00garbage")
    assert raised.value.problems


def test_worker_form_offers_and_stores_the_official_code(client):
    account = f.account(email="taro@example.jp", name="山田 太郎")
    f.login(client, account)
    load_official(OFFICIAL.encode())
    application = start(client)
    page = client.get(f"/apply/worker/{application.id}/work").text
    assert 'value="06-01"' in page and 'value="0601"' not in page
    work = {"main_trade": "06-01", "experience_years": "3", "trades": ["22-01"], "registration_type": "basic"}
    assert save(client, application, "work", work).status_code == 302
    worker = application.__class__.get_by_id(application.id).worker
    assert worker.main_trade == "06-01" and worker.trades() == ["06-01", "22-01"]
    r = save(client, application, "work", {**work, "main_trade": "0601"})  # CareerUp's 内装仕上工, not とび工
    assert r.status_code == 400 and application.__class__.get_by_id(application.id).worker.main_trade == "06-01"
    page = client.get(f"/apply/worker/{application.id}/work").text
    assert 'value="06-01" selected' in page or 'selected value="06-01"' in page


def test_roster_offers_official_codes_and_old_entries_still_show_careerup(app):
    t = three_tiers()
    c1 = t["contracts"]["first"]
    old = f.put_on_roster(c1, employee(t["first"], "旧"), "3", "0601")
    load_official(OFFICIAL.encode())
    new = employee(t["first"], "新")
    client = as_company(app, t["admins"]["first"], t["first"])
    data = {"worker": [str(new.id)], "position": "3", "trade": "06-01"}
    r = client.post(f"/company/contracts/{c1.id}/roster", data=data, headers=HX)
    assert r.status_code == 200 and "とび工" in r.text
    assert RosterEntry.get(RosterEntry.worker == new).trade == "06-01"
    page = client.get(f"/company/contracts/{c1.id}/roster").text
    assert "内装仕上工（CareerUp独自コード）" in page
    # The old entry can be edited without choosing again: its CareerUp code is kept as it is.
    r = client.post(
        f"/company/contracts/{c1.id}/roster/{old.id}/edit", data={"position": "1", "trade": "0601"}, headers=HX
    )
    assert r.status_code == 200 and RosterEntry.get_by_id(old.id).trade == "0601"


def test_bulk_template_lists_official_codes_once_loaded(app):
    with app.test_request_context():
        sheet = load_workbook(io.BytesIO(tpl.build_code_table()))[tpl.CODE_SHEET]
        assert ["職種コード", "0601", "内装仕上工（CareerUp独自コード）"] in [
            [c.value for c in r] for r in sheet.iter_rows()
        ]
    load_official(OFFICIAL.encode())
    with app.test_request_context():
        rows = [
            [c.value for c in r] for r in load_workbook(io.BytesIO(tpl.build_code_table()))[tpl.CODE_SHEET].iter_rows()
        ]
        assert ["職種コード", "06-01", "とび工"] in rows and not any(r[1] == "0601" for r in rows)
        book = template_with([person(1, 職種コード="06-01"), person(2, 職種コード=dt.datetime(2026, 6, 4))])
        accepted, problems, _skipped = validate(read_workbook(to_bytes(book)), set())
    # Excel turns a typed 06-04 into 4 June; it is read back as the code.
    assert not problems and [row[1]["main_trade"] for row in accepted] == ["06-01", "06-04"]
