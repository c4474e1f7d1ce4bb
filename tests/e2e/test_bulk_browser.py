"""Issue 12 in Chromium at phone size: a contractor's clerk downloads the bulk template, uploads a crew list
with mistakes, reads each row's message, uploads the fixed file (nothing is taken twice), attaches the
crew's images from one zip, records a worker's signed consent and submits the proxy application."""

import io
import re
import zipfile

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from models import Application, ProxyFiling, Worker
from models.registration.bulk import template as bulk_template
from tests import factories as f
from tests.bulk_books import person, template_with, to_bytes
from tests.e2e.browser_steps import log_in


@pytest.fixture
def screenshot_prefix(viewport):
    return f"bulk-{viewport}"


def _upload(page, path):
    page.get_by_label("一括申請リスト（.xlsx）").set_input_files(str(path))
    page.get_by_role("button", name="読み込む").click()
    expect(page.get_by_test_id("bulk-summary")).to_be_visible()


@pytest.mark.parametrize("viewport", ["phone"])
def test_bulk_list_with_errors_fixed_and_submitted_in_the_browser(app, ui, tmp_path, viewport):
    company, admin = f.company(name="代行建設株式会社")
    page = ui.page_for("clerk")
    log_in(page, admin.email, f.PASSWORD)
    page.goto("/company/")
    page.get_by_role("link", name="代行申請・一括申請").click()
    page.get_by_role("link", name="一括申請（Excel）").click()
    with page.expect_download() as download:
        page.get_by_test_id("bulk-template").click()
    template = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert f"テンプレート版 v{bulk_template.TEMPLATE_VERSION}" in template.active["A1"].value
    ui.shot(page, "bulk-index")

    rows = [person(1), person(2, 性別="X", 郵便番号="16000")]
    broken = tmp_path / "crew.xlsx"
    broken.write_bytes(to_bytes(template_with(rows)))
    _upload(page, broken)
    expect(page.get_by_test_id("bulk-summary")).to_contain_text("1人を代行申請の下書きにしました。エラーのある行: 1行")
    problems = page.get_by_test_id("bulk-problems")
    expect(problems.locator("tr", has_text="性別")).to_contain_text("5")
    expect(problems.locator("tr", has_text="性別")).to_contain_text("セルの一覧から選んでください")
    expect(problems.locator("tr", has_text="郵便番号")).to_contain_text("7桁で入力してください")
    ui.shot(page, "bulk-errors")

    rows[1].update(性別="1", 郵便番号="160-0023")
    fixed = tmp_path / "crew-fixed.xlsx"
    fixed.write_bytes(to_bytes(template_with(rows)))
    page.get_by_role("link", name="一括申請に戻る").click()
    _upload(page, fixed)
    expect(page.get_by_test_id("bulk-summary")).to_contain_text("1人を代行申請の下書きにしました")
    expect(page.get_by_test_id("bulk-summary")).to_contain_text("取り込み済みのため省略: 1人")
    assert ProxyFiling.select().count() == 2
    ui.shot(page, "bulk-fixed")

    images = io.BytesIO()
    with zipfile.ZipFile(images, "w") as archive:
        for row in (4, 5):
            archive.writestr(f"{row}_顔写真.png", f.png_data())
            archive.writestr(f"{row}_本人確認書類.png", f.png_data((600, 400)))
    (tmp_path / "images.zip").write_bytes(images.getvalue())
    page.get_by_role("link", name="顔写真・本人確認書類をまとめて添付（zip）").click()
    page.get_by_label("画像をまとめたzipファイル").set_input_files(str(tmp_path / "images.zip"))
    page.get_by_role("button", name="添付する").click()
    expect(page.get_by_role("heading", name="添付した画像: 2件")).to_be_visible()
    expect(page.get_by_test_id("files-missing")).to_contain_text("すべての下書きに必要な画像があります")
    ui.shot(page, "bulk-images")

    page.get_by_role("link", name="代行申請の一覧").click()
    page.get_by_role("link", name="山田 一郎2").click()
    page.get_by_role("button", name="代行申請する").click()
    expect(page.get_by_test_id("proxy-error")).to_contain_text("代行申請同意書を登録してから申請してください")
    signed = tmp_path / "signed.png"
    signed.write_bytes(f.png_data())
    page.get_by_label("同意した本人の氏名").fill("山田 一郎2")
    page.get_by_label("署名済みの同意書（PDF・JPEG・PNG）").set_input_files(str(signed))
    page.get_by_role("button", name="同意書を登録する").click()
    expect(page.get_by_test_id("proxy-consent")).to_contain_text("山田 一郎2 さんの同意を登録済みです")
    page.get_by_role("button", name="代行申請する").click()
    expect(page.get_by_text("山田 一郎2 さんの技能者登録を代行申請しました。")).to_be_visible()
    expect(page.get_by_test_id("proxy-filings").locator("tr", has_text="山田 一郎2")).to_contain_text("申請済み")
    ui.shot(page, "proxy-submitted")
    filing = ProxyFiling.get(ProxyFiling.source_row == 5)
    assert Application.get_by_id(filing.application_id).status == "submitted"
    assert re.search(r"/company/proxy$", page.url)


@pytest.mark.parametrize("viewport", ["phone"])
def test_a_clerks_workbook_with_labels_wareki_and_lost_zeros_at_390(app, ui, tmp_path, viewport):
    """Issue 21: the workbook built as an office clerk fills it — labels from the drop-downs, 男 / 女, 和暦
    dates, a trade code Excel turned into 601, blank lines — is taken whole; a refused date says the forms,
    and the result table stays readable at 390 px (the 列 column on one line)."""
    company, admin = f.company(name="代行建設株式会社")
    rows = [
        person(1, 性別="男性", 本人確認書類="運転免許証", 健康保険="加入", 生年月日="昭和60年4月1日"),
        {},
        person(2, 性別="女", 生年月日="S60.6.1", 職種コード=601),
        {},
        {},
        person(3, 性別="男", 生年月日="H7.8.15", 雇用保険="未加入"),
        person(4, 生年月日="85年4月1日"),
    ]
    book = tmp_path / "clerk.xlsx"
    book.write_bytes(to_bytes(template_with(rows)))
    page = ui.page_for("clerk")
    log_in(page, admin.email, f.PASSWORD)
    page.goto("/company/bulk")
    _upload(page, book)
    expect(page.get_by_test_id("bulk-summary")).to_contain_text("3人を代行申請の下書きにしました。エラーのある行: 1行")
    problem = page.get_by_test_id("bulk-problems").locator("tbody tr")
    expect(problem).to_have_count(1)
    expect(problem).to_contain_text("昭和60年4月1日、S60.4.1 のどれかの形で入力してください")
    column = problem.locator("td").nth(1)
    lines = "e => { const r = document.createRange(); r.selectNodeContents(e); return r.getClientRects().length; }"
    assert column.evaluate(lines) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert sorted(w.main_trade for w in Worker.select()) == ["0101", "0101", "0601"]
    ui.shot(page, "bulk-clerk")
