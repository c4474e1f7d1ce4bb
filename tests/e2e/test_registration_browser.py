"""Issue 3 in Chromium at phone size: a foreign worker with a middle name and no furigana applies on the
internet, is returned with a deficiency (不備), fixes exactly that field, is approved (round 2), pays the
registration fee by convenience store and gets a level-1 white card printed NGUYEN VAN AN.

Worker and reviewer each have a browser context of their own; the reviewer account also records the
payment (the payment desk under /reviewer/ only needs ``is_reviewer``).
"""

import re

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from models import Card, Worker
from tests import factories as f
from tests.e2e.browser_steps import log_in, mail_path

EMAIL = "nguyen.van.an@example.jp"
PASSWORD = "long-password-3"
FULL_NAME = "NGUYEN VAN AN"
ADDRESS_TOWN = "愛知県名古屋市中区栄"  # 460-0008 in the offline postal data
ADDRESS_FIRST = f"{ADDRESS_TOWN}3-1-1 グリーンハイツ201"
ADDRESS_FIXED = f"{ADDRESS_TOWN}3-1-1 グリーンハイツ203"
DEFICIENCY = "部屋番号が在留カードの住所と違います。在留カードのとおり203号室と入力してください。"
KENTAIKYO = "012345678"


@pytest.fixture
def screenshot_prefix(viewport):
    return f"registration-{viewport}"


@pytest.fixture
def images(tmp_path):
    """Real files as a phone would send them: JPEG photos of documents and a PNG face photo that passes
    the 294×378 portrait check (models/registration/attachments.py)."""

    def document(name, size, text):
        image = Image.new("RGB", size, (235, 240, 250))
        draw = ImageDraw.Draw(image)
        draw.rectangle((20, 20, size[0] - 20, size[1] - 20), outline=(30, 60, 120), width=6)
        draw.text((50, 50), text, fill=(0, 0, 0))
        path = tmp_path / name
        image.save(path, "JPEG", quality=85)
        return path

    face = Image.new("RGB", (300, 386), (225, 230, 235))
    ImageDraw.Draw(face).ellipse((90, 80, 210, 230), fill=(205, 170, 140))
    face_path = tmp_path / "face.png"
    face.save(face_path, "PNG")
    return {
        "residence_card": document("zairyu.jpg", (1280, 808), f"RESIDENCE CARD {FULL_NAME}"),
        "residence_card_back": document("zairyu-back.jpg", (1280, 808), "RESIDENCE CARD (BACK)"),
        "certificate": document("ginoushi.jpg", (1024, 724), f"CERTIFICATE {FULL_NAME}"),
        "face": face_path,
    }


def _save(page):
    page.get_by_role("button", name="一時保存", exact=True).click()
    expect(page.get_by_text("一時保存しました。")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/apply/worker/\d+(#step-\w+)?$"))


def _section(page, title):
    """Opens a section from the overview (or from the steps of another section)."""
    page.get_by_role("link", name=title, exact=True).first.click()
    expect(page.get_by_role("heading", name=title, exact=True, level=2)).to_be_visible()


def _pdf(page, url, tmp_path):
    """GET with the page's cookies; asserts a PDF and returns its text."""
    response = page.request.get(url)
    assert response.ok, (url, response.status)
    assert response.headers["content-type"].startswith("application/pdf"), response.headers
    return f.pdf_text(response.body(), tmp_path)


def _sign_up(wk, ui, outbox):
    wk.goto("/signup")
    wk.get_by_label("お名前").fill(FULL_NAME)
    wk.get_by_label("メールアドレス").fill(EMAIL)
    wk.get_by_label("パスワード", exact=True).fill(PASSWORD)
    wk.get_by_label("パスワード（確認）").fill(PASSWORD)
    wk.get_by_role("button", name="確認メールを送る").click()
    expect(wk.get_by_role("heading", name="確認メールを送りました")).to_be_visible()
    wk.goto(mail_path(outbox.last_to(EMAIL), "/confirm/"))
    expect(wk).to_have_url(re.compile(r"/apply/$"))
    expect(wk.get_by_text("メールアドレスを確認しました。")).to_be_visible()
    ui.shot(wk, "portal-confirmed")


def _start_identity(wk, ui):
    """本人情報 on the start page: 姓・名・ミドルネーム in the document's order, Vietnamese, no furigana."""
    wk.get_by_role("link", name="技能者として申請する").click()
    expect(wk).to_have_url(re.compile(r"/apply/worker/new$"))
    expect(wk.get_by_test_id("name-order")).to_contain_text("「姓」「名」「ミドルネーム」の順")
    names = wk.locator("form input[type=text]").evaluate_all("els => els.map(e => e.name)")
    assert names.index("family_name") < names.index("given_name") < names.index("middle_name"), names
    wk.get_by_label("姓", exact=True).fill("NGUYEN")
    wk.get_by_label("名", exact=True).fill("VAN")
    wk.get_by_label("ミドルネーム", exact=True).fill("AN")
    wk.get_by_label("生年月日").fill("1996-08-15")
    wk.get_by_role("radio", name="男性").check()
    wk.get_by_label("国籍", exact=True).fill("ベトナム")
    wk.get_by_label("血液型").select_option(label="O型")
    # Furigana left empty without saying the document has none: refused beside the field, nothing lost.
    wk.get_by_role("button", name="一時保存して次へ").click()
    expect(wk.locator(".field.has-error", has=wk.get_by_label("セイ（フリガナ）"))).to_contain_text(
        "「フリガナの記載がない」にチェック"
    )
    expect(wk.get_by_label("姓", exact=True)).to_have_value("NGUYEN")
    expect(wk.get_by_label("ミドルネーム", exact=True)).to_have_value("AN")
    expect(wk.get_by_label("国籍", exact=True)).to_have_value("ベトナム")
    ui.shot(wk, "identity-kana-refused")
    wk.get_by_label("本人確認書類に氏名のフリガナの記載がない（外国籍の方）").check()
    expect(wk.get_by_label("セイ（フリガナ）")).to_have_value("")
    ui.shot(wk, "identity-no-kana")
    wk.get_by_role("button", name="一時保存して次へ").click()
    expect(wk).to_have_url(re.compile(r"/apply/worker/\d+$"))
    expect(wk.get_by_text("本人情報を一時保存しました。", exact=False)).to_be_visible()
    expect(wk.get_by_test_id("overview-identity")).to_contain_text("入力済み")
    ui.shot(wk, "overview-started")


def _fill_sections(wk, ui, images, employer):
    overview_url = wk.url

    _section(wk, "住所・連絡先")
    wk.wait_for_load_state("load")  # htmx (a deferred script) must be listening before we type
    wk.get_by_label("郵便番号").fill("4600008")
    expect(wk.get_by_label("住所", exact=True)).to_have_value(ADDRESS_TOWN)  # offline look-up via htmx
    # Leaving the postal code fires its `change` trigger: a second look-up whose answer replaces the
    # address field. Let it land before typing, or what is typed meanwhile is lost (reported).
    wk.get_by_label("郵便番号").blur()
    wk.wait_for_function("() => !document.querySelector('.htmx-request')")
    wk.get_by_label("住所", exact=True).fill(ADDRESS_FIRST)
    wk.get_by_label("電話番号", exact=True).fill("080-1234-5678")
    wk.get_by_label("緊急連絡先氏名").fill("NGUYEN THI MAI")
    wk.get_by_label("続柄").fill("妻")
    wk.get_by_label("緊急連絡先電話番号").fill("080-8765-4321")
    ui.shot(wk, "contact")
    _save(wk)

    _section(wk, "職種・経験")
    wk.get_by_label("主たる職種").select_option(label="鉄筋工（CareerUp独自コード）")
    wk.get_by_label("経験年数").fill("5")
    wk.get_by_role("checkbox", name="型枠工").check()
    _save(wk)

    _section(wk, "社会保険・退職金共済")
    for label in ("健康保険", "年金", "雇用保険"):
        wk.get_by_label(label, exact=True).select_option(label="加入")
    wk.get_by_label("建退共 被共済者番号").fill(KENTAIKYO)
    wk.get_by_label("健康診断受診日").fill("2024-10-01")
    ui.shot(wk, "insurance")
    _save(wk)

    _section(wk, "資格・研修・表彰・学歴")
    block = wk.get_by_test_id("rows-qualifications")
    block.locator("summary").click()
    block.get_by_label("資格の種類").select_option(label="技能士")
    block.get_by_label("資格名").fill("2級鉄筋施工技能士")
    block.get_by_label("取得日").fill("2023-03-10")
    block.get_by_label("資格証明書（画像）").set_input_files(images["certificate"])
    wk.wait_for_load_state("load")  # htmx must be listening, or the form posts as a whole page
    with wk.expect_response(lambda r: r.request.method == "POST" and "/rows/qualifications" in r.url) as added:
        block.get_by_role("button", name="追加する", exact=True).click()
    assert added.value.ok, added.value.status
    row = wk.get_by_test_id("rows-qualifications").get_by_test_id("row-qualifications")
    expect(row).to_contain_text("2級鉄筋施工技能士")
    expect(row).to_contain_text("ginoushi.jpg")
    ui.shot(wk, "details")

    _section(wk, "在留資格（外国籍の方）")
    wk.get_by_label("在留資格", exact=True).select_option(label="特定技能1号")
    wk.get_by_label("在留カード番号").fill("ab12345678cd")
    wk.get_by_label("在留期間（満了日）").fill("2029-03-31")
    wk.get_by_label("建設特定技能受入計画の認定番号").fill("国土建第1234号")
    ui.shot(wk, "residence")
    _save(wk)

    _section(wk, "所属事業者")
    block = wk.get_by_test_id("rows-employers")
    block.get_by_label("事業者ID（14桁）").fill(employer.business_id)
    expect(block.get_by_role("radio", name="主たる所属事業者（出向中の方は出向元）")).to_be_checked()
    block.get_by_role("button", name="追加する", exact=True).click()
    expect(wk.get_by_test_id("rows-employers").get_by_test_id("row-employers")).to_contain_text(employer.name)
    ui.shot(wk, "employer")

    _section(wk, "本人確認書類・顔写真")
    wk.get_by_label("本人確認書類の種類").select_option(label="在留カード")
    wk.get_by_label("本人確認書類（画像）").set_input_files(images["residence_card"])
    wk.get_by_label("本人確認書類 裏面（画像）").set_input_files(images["residence_card_back"])
    wk.get_by_label("顔写真").set_input_files(images["face"])
    ui.shot(wk, "documents")
    _save(wk)

    wk.goto(overview_url)
    for key in ("identity", "contact", "work", "insurance", "details", "residence", "affiliation", "documents"):
        expect(wk.get_by_test_id(f"overview-{key}")).to_contain_text("入力済み")
    ui.shot(wk, "overview-ready")
    expect(wk.get_by_label("コンビニエンスストア")).to_be_checked()  # the fee's method, chosen on submission
    wk.get_by_label("個人情報の取扱いに同意する").check()
    wk.get_by_role("button", name="申請する", exact=True).click()  # not yet agreed to both texts
    expect(wk.get_by_test_id("consent")).to_contain_text("個人情報の取扱いと利用規約の両方に同意してください")
    expect(wk.get_by_label("個人情報の取扱いに同意する")).to_be_checked()  # what was ticked is kept
    wk.get_by_label("利用規約に同意する").check()
    wk.get_by_role("button", name="申請する", exact=True).click()
    expect(wk).to_have_url(re.compile(r"/apply/$"))
    expect(wk.get_by_text("技能者登録の申請を送信しました。", exact=False)).to_be_visible()
    expect(wk.get_by_test_id("application-worker")).to_contain_text("審査中")
    ui.shot(wk, "submitted")


def _open_in_queue(rv, rounds):
    rv.goto("/reviewer/")
    item = rv.locator("li.queue-item", has_text=FULL_NAME)
    expect(item).to_have_count(1)
    expect(item).to_contain_text(f"第{rounds}回")
    item.get_by_role("link", name=FULL_NAME).click()
    expect(rv.get_by_role("heading", name=f"技能者登録申請: {FULL_NAME}")).to_be_visible()


def _review_and_return(rv, ui, reviewer_email):
    log_in(rv, reviewer_email, f.PASSWORD)
    expect(rv).to_have_url(re.compile(r"/reviewer/$"))
    ui.shot(rv, "review-queue")
    _open_in_queue(rv, 1)
    for field, text in (
        ("family_name", "NGUYEN"),
        ("given_name", "VAN"),
        ("middle_name", "AN"),
        ("nationality", "ベトナム"),
        ("kentaikyo_number", KENTAIKYO),
        ("address", ADDRESS_FIRST),
        ("id_document", "在留カード"),
        ("residence_status", "特定技能1号"),
        ("residence_card_number", "AB12345678CD"),
    ):
        expect(rv.locator(f"#f-{field} .rv-value")).to_contain_text(text)
    expect(rv.locator("#f-family_kana .rv-value")).to_have_text("—")
    expect(rv.locator("aside.rv-docs img")).to_have_count(4)  # residence card front and back, face, certificate
    # At phone width the side column is hidden; each document shows as a (lazy) thumbnail in its row.
    for row_id in ("f-attachment-id_document", "f-attachment-face_photo"):
        thumb = rv.locator(f"#{row_id} .att-thumb img")
        thumb.scroll_into_view_if_needed()
        expect(thumb).to_be_visible()
        rv.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumb.element_handle())
    row = rv.locator("#f-address")
    row.get_by_label("不備", exact=True).check()
    row.get_by_label("住所 の不備の内容").fill(DEFICIENCY)
    ui.shot(rv, "review-deficiency")
    rv.get_by_role("button", name="チェックした項目を不備として返却する").click()
    expect(rv).to_have_url(re.compile(r"/reviewer/$"))
    expect(rv.get_by_text(f"{FULL_NAME} の申請を不備返却しました（1項目）。")).to_be_visible()


def _fix_and_resubmit(wk, ui, outbox):
    mail = outbox.last_to(EMAIL)
    assert "不備のお知らせ" in mail["Subject"] and DEFICIENCY in mail.get_content()
    wk.goto("/apply/")
    card = wk.get_by_test_id("application-worker")
    expect(card).to_contain_text("不備あり（1件）")
    ui.shot(wk, "returned-portal")
    card.get_by_role("link", name="不備を修正する").click()
    notice = wk.get_by_test_id("deficiencies")
    expect(notice.locator("li")).to_have_count(1)
    expect(notice).to_contain_text(f"住所: {DEFICIENCY}")
    expect(wk.get_by_test_id("overview-contact")).to_contain_text("要修正")
    expect(wk.get_by_test_id("overview-identity")).not_to_contain_text("要修正")
    ui.shot(wk, "returned-overview")

    # Another section: everything read-only, nothing to save.
    wk.get_by_test_id("overview-identity").get_by_role("link").click()
    expect(wk.get_by_test_id("show-family_name")).to_contain_text("NGUYEN")
    expect(wk.get_by_test_id("show-middle_name")).to_contain_text("AN")
    expect(wk.locator("form input:not([type=hidden]), form select")).to_have_count(0)
    expect(wk.get_by_role("button", name="一時保存", exact=True)).to_have_count(0)
    wk.get_by_role("link", name="入力状況と申請へ").click()

    notice.get_by_role("link", name="住所").click()
    expect(wk.get_by_role("heading", name="住所・連絡先", exact=True)).to_be_visible()
    field = wk.get_by_test_id("edit-address")
    expect(field.locator(".deficiency")).to_contain_text(DEFICIENCY)
    expect(wk.locator(".deficiency")).to_have_count(1)  # the message only beside the returned field
    expect(wk.get_by_label("住所", exact=True)).to_have_value(ADDRESS_FIRST)
    expect(wk.get_by_test_id("show-phone")).to_contain_text("080-1234-5678")
    expect(wk.get_by_test_id("show-emergency_name")).to_contain_text("NGUYEN THI MAI")
    expect(wk.get_by_label("電話番号", exact=True)).to_have_count(0)
    ui.shot(wk, "fix-address")
    wk.get_by_label("住所", exact=True).fill(ADDRESS_FIXED)
    _save(wk)
    wk.get_by_role("button", name="修正して再申請する").click()
    expect(wk).to_have_url(re.compile(r"/apply/$"))
    expect(wk.get_by_text("修正した内容で再申請しました。", exact=False)).to_be_visible()
    expect(wk.get_by_test_id("application-worker")).to_contain_text("審査中")
    ui.shot(wk, "resubmitted")


def _approve(rv, ui, outbox):
    _open_in_queue(rv, 2)
    expect(rv.locator("#f-address .rv-value")).to_contain_text(ADDRESS_FIXED)
    history = rv.locator("#history")
    expect(history.locator("tbody tr", has_text="第2回")).not_to_have_count(0)
    expect(history.locator("tbody tr", has_text="第1回")).not_to_have_count(0)
    first_round = history.locator("ul.rv-deficiencies li", has_text=DEFICIENCY)
    expect(first_round).to_contain_text("修正済み")
    expect(history.get_by_role("heading", name="第1回の不備")).to_be_visible()
    ui.shot(rv, "review-round2")
    rv.get_by_role("button", name="承認してIDを発行する").click()
    expect(
        rv.get_by_text(re.compile(f"{FULL_NAME} の技能者登録を承認し、技能者ID \\d{{14}} を発行しました。"))
    ).to_be_visible()
    subjects = [m["Subject"] for m in outbox.messages() if m["To"] == EMAIL]
    assert any("技能者登録が完了" in s for s in subjects), subjects
    assert any("システム登録料金額のご案内" in s for s in subjects), subjects


def _choose_payment(wk, ui, tmp_path, worker_id):
    wk.goto("/apply/")
    item = wk.get_by_test_id("application-worker")
    expect(item.get_by_test_id("issued-id")).to_have_text(worker_id)
    invoice = item.get_by_test_id("invoice")
    expect(invoice).to_contain_text("お支払い待ち")
    reference = invoice.locator("dd.mono").inner_text().strip()
    ui.shot(wk, "approved-portal")
    change = invoice.get_by_text("お支払い方法を変更する")  # a method chosen at submission folds the choice
    if change.count():
        change.click()
    invoice.get_by_role("radio", name="コンビニエンスストア").check()
    with wk.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/method")) as chosen:
        invoice.get_by_role("button", name="この方法で支払う").click()
    assert chosen.value.ok and chosen.value.request.headers.get("hx-request") == "true"
    invoice = wk.get_by_test_id("invoice")
    expect(invoice).to_contain_text("受け付けました")
    expect(invoice.locator("ol.howto")).to_contain_text(re.sub(r"\D", "", reference))
    slip = invoice.get_by_test_id("slip")
    expect(slip).to_be_visible()
    ui.shot(wk, "payment-chosen")
    text = _pdf(wk, slip.get_attribute("href"), tmp_path)
    assert re.sub(r"\D", "", reference) in re.sub(r"\D", "", text), text
    return reference


def _record_payment(rv, ui, reference):
    rv.get_by_role("link", name="入金", exact=True).click()
    expect(rv).to_have_url(re.compile(r"/reviewer/invoices"))
    rv.get_by_label("払込番号").fill(reference)
    rv.get_by_role("button", name="検索").click()
    rows = rv.get_by_test_id("invoice-row")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(FULL_NAME)
    ui.shot(rv, "payment-search")
    rows.get_by_role("link", name=reference).click()
    rv.get_by_role("button", name="入金を記録する").click()
    expect(rv.get_by_text(f"払込番号 {reference} の入金を記録しました。")).to_be_visible()
    ui.shot(rv, "payment-recorded")


def _see_card(wk, ui, tmp_path, worker_id):
    wk.goto("/apply/")
    invoice = wk.get_by_test_id("invoice")
    expect(invoice).to_contain_text("入金済み")
    _pdf(wk, invoice.get_by_test_id("receipt").get_attribute("href"), tmp_path)
    wk.get_by_role("link", name="技能者・事業者の画面へ").click()
    wk.get_by_role("radio", name=re.compile(r"技能者")).check()
    wk.get_by_role("button", name="切り替える").click()
    expect(wk).to_have_url(re.compile(r"/worker/$"))
    expect(wk.get_by_role("heading", name=FULL_NAME, exact=True)).to_be_visible()
    card = wk.get_by_test_id("card")
    expect(card).to_have_class(re.compile(r"\bwhite\b"))
    expect(card).to_contain_text("レベル1")
    expect(card).to_contain_text(worker_id)
    expect(card).to_contain_text(FULL_NAME)
    ui.shot(wk, "worker-home")
    wk.get_by_test_id("card-link").click()
    record = wk.get_by_test_id("card-record")
    expect(record).to_contain_text(worker_id)
    expect(record).to_contain_text("レベル1")
    expect(record.locator(".ccus-dot.white")).to_have_count(1)
    face = record.locator("img.card-face")
    expect(face).to_be_visible()
    wk.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=face.element_handle())
    ui.shot(wk, "card")
    png = wk.request.get(face.get_attribute("src"))
    assert png.ok and png.body().startswith(b"\x89PNG")
    (tmp_path / "card-front.png").write_bytes(png.body())
    _pdf(wk, record.get_by_role("link", name="実物大で印刷（PDF）").get_attribute("href"), tmp_path)


@pytest.mark.parametrize("viewport", ["phone"])
def test_foreign_worker_registration_in_the_browser(app, ui, outbox, images, tmp_path, viewport):
    reviewer = f.reviewer()
    employer, _admin = f.company(name="名古屋鉄筋工業株式会社")

    wk = ui.page_for("worker")
    _sign_up(wk, ui, outbox)
    _start_identity(wk, ui)
    _fill_sections(wk, ui, images, employer)

    rv = ui.page_for("reviewer")
    _review_and_return(rv, ui, reviewer.email)
    _fix_and_resubmit(wk, ui, outbox)
    _approve(rv, ui, outbox)

    worker = Worker.get(Worker.family_name == "NGUYEN")
    assert (worker.family_name, worker.given_name, worker.middle_name) == ("NGUYEN", "VAN", "AN")
    assert worker.full_name == FULL_NAME and not worker.family_kana and not worker.given_kana
    assert worker.kentaikyo_number == KENTAIKYO and worker.address == ADDRESS_FIXED
    assert worker.worker_id and worker.id_document == "residence_card"

    reference = _choose_payment(wk, ui, tmp_path, worker.worker_id)
    _record_payment(rv, ui, reference)
    _see_card(wk, ui, tmp_path, worker.worker_id)
    card = Card.current_for(Worker.get_by_id(worker.id))
    assert (card.level, card.colour) == (1, "white")
    assert card.valid_until.year - card.issued_on.year == 10  # identity document with a photo: 10 years
