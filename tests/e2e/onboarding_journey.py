"""The one-person operator's (一人親方) journey from the landing page to "both applications submitted",
driven in Chromium with realistic data and measured as a person would spend it: screens (a page
load, or an htmx swap of the main content), typed fields, choices and uploads. Shared by
bench/onboarding.py and tests/e2e/test_onboarding_browser.py."""

import datetime as dt
import io
import re
from dataclasses import dataclass, field

from PIL import Image
from playwright.sync_api import expect

from models.core import clock

SECONDS = {"typed": 4, "choices": 2, "uploads": 15, "screens": 6}
PASSWORD = "kawaguchi-2026-katawaku"


@dataclass
class Person:
    name: str = "山田 太郎"
    email: str = "yamada.taro@example.jp"
    family_kana: str = "ヤマダ"
    given_kana: str = "タロウ"
    birth_date: str = "1985-04-01"
    gender: str = "男性"
    blood_type: str = "A型"
    nationality: str = "日本"
    no_kana: bool = False
    postal_code: str = "3320012"
    address_rest: str = "1-1 サンハイツ402"
    phone: str = "090-1111-2222"
    trade: str = "型枠工（CareerUp独自コード）"
    id_document: str = "運転免許証"
    alt_document: str = "所得税の確定申告書"


@dataclass
class Tally:
    """What the person did, and the screens they saw (path and page title)."""

    typed: int = 0
    choices: int = 0
    uploads: int = 0
    screens: list = field(default_factory=list)

    @property
    def estimated_seconds(self):
        counts = {"typed": self.typed, "choices": self.choices, "uploads": self.uploads, "screens": len(self.screens)}
        return sum(SECONDS[k] * n for k, n in counts.items())

    def lines(self):
        yield f"onboarding_screens: {len(self.screens)}"
        yield f"onboarding_typed: {self.typed}"
        yield f"onboarding_choices: {self.choices}"
        yield f"onboarding_uploads: {self.uploads}"
        yield f"onboarding_est_s: {self.estimated_seconds}"
        for n, (path, title) in enumerate(self.screens, 1):
            yield f"  {n}. {path} — {title}"


def confirm_link(mail):
    """Path and query of the link in the confirmation mail (its host is BASE_URL, not the server)."""
    match = re.search(r"https?://[^/\s]+(/confirm/\S+)", mail.get_content())
    assert match, mail.get_content()
    return match.group(1)


def jpeg(size, colour=(180, 170, 160)):
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", quality=85)
    return out.getvalue()


def realistic_files():
    """A phone photo of a licence, a face photo and a scanned tax return (PDF)."""
    pdf = io.BytesIO()
    Image.new("RGB", (1240, 1754), (255, 255, 255)).save(pdf, "PDF")
    return jpeg((1600, 1000)), jpeg((600, 800), (120, 110, 100)), pdf.getvalue()


# Counts a screen in the browser: each document once it is parsed, each htmx swap of <main>.
SCREEN_WATCH = """
(() => {
  const report = () => window.careerupScreen(location.pathname + location.search, document.title);
  document.addEventListener('DOMContentLoaded', report);
  document.addEventListener('htmx:afterSwap', e => { if (e.detail.target.tagName === 'MAIN') report(); });
})();
"""


class Journey:
    """Drives one page and tallies what the person does and sees."""

    def __init__(self, page, tally=None):
        self.page, self.tally = page, tally or Tally()
        page.expose_function("careerupScreen", lambda path, heading: self.tally.screens.append((path, heading)))
        page.add_init_script(SCREEN_WATCH)

    def type(self, label, value, **kwargs):
        self.page.get_by_label(label, **kwargs).fill(value)
        self.tally.typed += 1

    def choose(self, label, option, **kwargs):
        self.page.get_by_label(label, **kwargs).select_option(label=option)
        self.tally.choices += 1

    def tick(self, locator):
        locator.check()
        self.tally.choices += 1

    def upload(self, label, name, data, mime="image/png"):
        self.page.get_by_label(label, exact=True).set_input_files({"name": name, "mimeType": mime, "buffer": data})
        self.tally.uploads += 1


def run(page, confirm_path, person=None):
    """The whole journey on `page` (base URL set); `confirm_path(email)` is the path of the link in
    the confirmation mail. Returns the Tally."""
    person = person or Person()
    alt_document_date = (clock.today() - dt.timedelta(days=40)).isoformat()
    j = Journey(page)
    page.goto("/")
    page.get_by_role("link", name="一人親方の方（事業者と技能者をまとめて登録）").click()
    expect(page).to_have_url(re.compile(r"/signup"))
    j.type("お名前", person.name)
    j.type("メールアドレス", person.email)
    j.type("パスワード", PASSWORD, exact=True)
    j.type("パスワード（確認）", PASSWORD)
    page.get_by_role("button", name="確認メールを送る").click()
    expect(page.get_by_role("heading", name="確認メールを送りました")).to_be_visible()

    page.goto(confirm_path(person.email))
    expect(page).to_have_url(re.compile(r"/apply/one-person$"))
    family, given = person.name.split(" ", 1)
    expect(page.get_by_label("姓", exact=True)).to_have_value(family)  # carried from the sign-up
    expect(page.get_by_label("名", exact=True)).to_have_value(given)
    page.wait_for_load_state("load")  # htmx must be listening before the postal code is typed
    if person.no_kana:
        j.tick(page.get_by_label("本人確認書類に氏名のフリガナの記載がない（外国籍の方）"))
    else:
        j.type("セイ（フリガナ）", person.family_kana)
        j.type("メイ（フリガナ）", person.given_kana)
    j.type("生年月日", person.birth_date)
    j.tick(page.get_by_role("radio", name=person.gender))
    if person.nationality != "日本":
        j.type("国籍", person.nationality, exact=True)
    j.choose("血液型", person.blood_type)
    if person.nationality != "日本":  # 在留資格: a permanent resident's card has no 満了日
        page.get_by_text("外国籍の方（在留資格・在留カード）").click()
        j.choose("在留資格", "永住者", exact=True)
        j.type("在留カード番号", "AB12345678CD")
    j.type("郵便番号", person.postal_code)
    address = page.get_by_label("住所", exact=True)
    expect(address).not_to_have_value("")  # the postal-code look-up filled the town
    address.press("End")
    address.press_sequentially(person.address_rest)
    j.tally.typed += 1
    j.type("電話番号", person.phone, exact=True)
    page.get_by_role("button", name="保存して次へ").click()

    expect(page.get_by_role("heading", name="職種・社会保険")).to_be_visible()
    j.choose("主たる職種", person.trade)
    page.get_by_role("button", name="保存して次へ").click()

    expect(page.get_by_role("heading", name="本人確認書類・事業者の書類")).to_be_visible()
    identity, face, business = realistic_files()
    j.choose("本人確認書類の種類", person.id_document)
    j.upload("本人確認書類（画像）", "licence.jpg", identity, "image/jpeg")
    if person.id_document == "在留カード":  # its back carries address changes and 資格外活動許可
        j.upload("本人確認書類 裏面（画像）", "back.jpg", identity, "image/jpeg")
    j.upload("顔写真", "face.jpg", face, "image/jpeg")
    j.tick(page.get_by_role("radio", name="許可なし"))
    j.choose("事業者確認書類", person.alt_document, exact=True)
    j.type("証明日", alt_document_date)
    j.upload("建設業許可証明書、または事業者確認書類（画像）", "tax-return.pdf", business, "application/pdf")
    page.get_by_role("button", name="保存して次へ").click()

    expect(page.get_by_role("heading", name="確認・申請")).to_be_visible()
    expect(page.get_by_test_id("missing")).to_have_count(0)
    j.tick(page.get_by_label("個人情報の取扱いに同意する"))
    j.tick(page.get_by_label("利用規約に同意する"))
    page.get_by_role("button", name="事業者と技能者をまとめて申請する").click()
    expect(page.get_by_text("事業者と技能者の登録申請を送信しました。", exact=False)).to_be_visible()
    page.wait_for_load_state("load")
    return j.tally
