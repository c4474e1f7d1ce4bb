"""A three-tier site built in Chromium at phone size (390×844): the 元請 opens the site and invites
the first tier; each tier accepts on its home page, invites the next one and adds its crew with
htmx; the 元請 records a new-entrant session and downloads the first tier's roster as a PDF."""

import re
import subprocess

import pytest
from playwright.sync_api import expect

from tests import factories as f
from tests.e2e.browser_steps import log_in
from tests.e2e.conftest import SCREENSHOTS
from tests.sitetree import employee

SITE_NAME = "○○改築工事"
TIERS = [
    ("一次工業株式会社", "躯体", "0201"),
    ("二次設備株式会社", "配管", "0801"),
    ("三次塗装株式会社", "塗装", "0901"),
]


@pytest.fixture
def screenshot_prefix(viewport):
    return f"sites-{viewport}"


@pytest.fixture
def world(app):
    with app.app_context():
        prime, prime_admin = f.company(name="元請建設株式会社")
        tiers = []
        for name, family, trade in TIERS:
            company, admin = f.company(name=name)
            crew = [employee(company, family, given) for given in ("一郎", "二郎")]
            tiers.append({"company": company, "admin": admin, "crew": crew, "trade": trade})
        return {"prime": prime, "prime_admin": prime_admin, "tiers": tiers}


def _invite(page, ui, business_id, scope, name):
    page.get_by_label("下請にする事業者の事業者ID（14桁）").fill(business_id)
    page.get_by_label("請負範囲・作業内容").fill(scope)
    page.get_by_role("button", name="下請として招待する").click()
    expect(page.get_by_test_id("tree-node").filter(has_text=name).last).to_contain_text("承認待ち")


def _accept_and_add_crew(page, ui, tier, site_name):
    """The tier's admin accepts on its home page, then adds both workers at once with htmx."""
    log_in(page, tier["admin"].email, f.PASSWORD)
    expect(page.get_by_test_id("invitations")).to_contain_text(site_name)
    ui.shot(page, "invitation")
    page.get_by_role("button", name="参加を承認する").click()
    expect(page.get_by_role("heading", name="作業員名簿")).to_be_visible()
    page.wait_for_load_state("load")
    page.evaluate("() => { window.__noReload = 'still-here'; }")
    for worker in tier["crew"]:
        page.get_by_label(f"{worker.full_name}（{worker.worker_id}）").check()
    page.get_by_label("立場", exact=True).select_option("3")
    page.get_by_label("職種", exact=True).select_option(tier["trade"])
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/roster")) as posted:
        page.get_by_role("button", name="名簿に追加").click()
    assert posted.value.ok and posted.value.request.headers.get("hx-request") == "true"
    expect(page.get_by_test_id("roster-row")).to_have_count(2)
    expect(page.get_by_test_id("roster-counts")).to_contain_text("2名")
    assert page.evaluate("() => window.__noReload") == "still-here", "the roster page was reloaded"
    ui.shot(page, "roster-crew")


@pytest.mark.parametrize("viewport", ["phone"])
def test_three_tier_site_crews_education_and_roster_pdf(app, ui, world, tmp_path, viewport):
    pr = ui.page_for("prime")
    log_in(pr, world["prime_admin"].email, f.PASSWORD)
    pr.get_by_role("link", name="現場・施工体制").click()
    pr.get_by_role("link", name="現場を登録する").click()
    pr.get_by_label("現場名").fill(SITE_NAME)
    pr.get_by_role("radio", name="公共").check()
    pr.get_by_role("radio", name="なし", exact=True).check()
    pr.get_by_label("就業履歴蓄積期間（開始）").fill("2026-11-01")
    ui.shot(pr, "site-new")
    pr.get_by_role("button", name="登録して現場IDを発行する").click()
    expect(pr.get_by_role("heading", name=SITE_NAME)).to_be_visible()
    site_url = pr.url
    first = world["tiers"][0]
    _invite(pr, ui, first["company"].business_id, "躯体工事", first["company"].name)

    # Each tier accepts, adds its crew, and invites the next tier below itself.
    for i, tier in enumerate(world["tiers"]):
        page = ui.page_for(f"tier{i + 1}")
        _accept_and_add_crew(page, ui, tier, SITE_NAME)
        if i + 1 < len(world["tiers"]):
            below = world["tiers"][i + 1]
            page.goto(site_url)
            _invite(page, ui, below["company"].business_id, f"工事{i + 2}", below["company"].name)
            expect(page.get_by_test_id("tree-node").first).to_contain_text(tier["company"].name)
            ui.shot(page, f"tree-tier{i + 1}")

    pr.goto(site_url)
    for tier in world["tiers"]:
        expect(pr.get_by_test_id("tree-node").filter(has_text=tier["company"].name).last).to_contain_text("承認済み")
    ui.shot(pr, "site-tree")

    # New-entrant education: the first tier's crew attends; the rest are still listed as missing.
    pr.get_by_role("link", name="新規入場時等教育").click()
    for worker in first["crew"]:
        pr.get_by_label(re.compile(worker.full_name)).check()
    pr.get_by_label("実施日").fill("2026-11-10")
    pr.get_by_label("実施者").fill("安全 太郎")
    pr.get_by_label("教育内容").fill("現場のルールと避難経路")
    pr.get_by_role("button", name="受講を記録する").click()
    expect(pr.get_by_text("2名の受講を記録しました。")).to_be_visible()
    missing = pr.get_by_test_id("education-missing")
    expect(missing).to_contain_text("配管 一郎")
    expect(missing).not_to_contain_text("躯体 一郎")
    ui.shot(pr, "education")

    # The first tier's roster as a PDF: progress first, then the download.
    pr.goto(site_url)
    pr.get_by_role("link", name="帳票（名簿・台帳・体系図）").click()
    pr.wait_for_load_state("load")
    row = pr.locator("li", has_text=first["company"].name)
    row.get_by_role("button", name="作業員名簿を作成").click()
    link = pr.get_by_role("link", name="PDFをダウンロード")
    expect(link).to_be_visible()
    ui.shot(pr, "roster-pdf-ready")
    with pr.expect_download() as download:
        link.click()
    path = tmp_path / "roster.pdf"
    download.value.save_as(path)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    assert "作業員名簿" in text and SITE_NAME in text and first["company"].business_id in text
    assert "躯体 一郎" in text and "躯体 二郎" in text and "2026-11-10" in text
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(path),
            str(SCREENSHOTS / "sites-phone-roster-pdf"),
        ],
        check=True,
    )
