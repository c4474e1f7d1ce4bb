"""Issue 11: a one-person operator (一人親方) gets from the landing page to both applications submitted
in at most 8 screens on a phone (the journey is shared with bench/onboarding.py), and a foreign
operator whose document has no katakana is not stopped by the company's 商号フリガナ."""

import re

import pytest
from playwright.sync_api import expect

from models import Account, Application, Company, Consent
from tests.e2e import onboarding_journey as journey


@pytest.fixture
def viewport():
    return "phone"


@pytest.fixture
def screenshot_prefix():
    return "onboarding"


def _confirm(outbox):
    return lambda email: journey.confirm_link(outbox.last_to(email))


def test_one_person_operator_submits_both_halves_within_eight_screens(app, ui, outbox):
    page = ui.page_for("operator")
    tally = journey.run(page, _confirm(outbox))
    assert len(tally.screens) <= 8, "\n".join(tally.lines())
    assert tally.estimated_seconds <= 240, "\n".join(tally.lines())
    ui.shot(page, "submitted")
    account = Account.by_email(journey.Person().email)
    applications = list(Application.of_applicant(account))
    assert sorted(a.kind for a in applications) == ["company", "worker"]
    assert all(a.status == "submitted" for a in applications)
    agreed = {(c.application_id, c.document) for c in Consent.select()}
    assert agreed == {(a.id, d) for a in applications for d in ("privacy", "terms")}
    company = Company.get(Company.entity_type == "one_person")
    assert company.officer_name == "山田 太郎" and company.address.endswith("1-1 サンハイツ402")
    assert company.name_kana == "ヤマダ タロウ" and company.health_insurance == "exempt"
    # The portal shows both read-only and no longer offers to start them again.
    expect(page.get_by_text("審査中")).to_have_count(2)
    expect(page.get_by_role("link", name="一人親方として申請する")).to_have_count(0)
    expect(page.get_by_role("link", name="入力を続ける")).to_have_count(0)


def test_foreign_operator_without_katakana_submits_both(app, ui, outbox):
    person = journey.Person(
        name="NGUYEN VAN AN",
        email="nguyen.an@example.jp",
        nationality="ベトナム",
        no_kana=True,
        id_document="在留カード",
    )
    page = ui.page_for("operator")
    tally = journey.run(page, _confirm(outbox), person)
    assert len(tally.screens) <= 8, "\n".join(tally.lines())
    ui.shot(page, "foreign-submitted")
    company = Company.get(Company.entity_type == "one_person")
    assert company.name == "NGUYEN VAN AN" and company.name_kana == ""
    statuses = {a.status for a in Application.of_applicant(Account.by_email(person.email))}
    assert statuses == {"submitted"}


def test_a_mistyped_address_is_corrected_on_the_mail_sent_page(app, ui, outbox):
    page = ui.page_for("operator")
    page.goto("/signup?for=one-person")
    expect(page.get_by_text("10文字以上、128文字以内", exact=False)).to_be_visible()  # before the first try
    page.get_by_label("お名前").fill("山田 太郎")
    page.get_by_label("メールアドレス").fill("yamada@exmaple.jp")
    page.get_by_label("パスワード", exact=True).fill(journey.PASSWORD)
    page.get_by_label("パスワード（確認）").fill(journey.PASSWORD)
    page.get_by_role("button", name="確認メールを送る").click()
    page.get_by_text("メールアドレスを間違えたとき").click()
    page.get_by_label("正しいメールアドレス").fill("yamada@example.jp")
    page.get_by_role("button", name="このアドレスに送り直す").click()
    expect(page.get_by_text("yamada@example.jp に確認メールを送りました。")).to_be_visible()
    page.get_by_test_id("resend").click()
    expect(page.get_by_text("確認メールをもう一度送りました。")).to_be_visible()
    assert [m["To"] for m in outbox.messages()] == ["yamada@exmaple.jp", "yamada@example.jp", "yamada@example.jp"]
    page.goto(journey.confirm_link(outbox.last_to("yamada@example.jp")))
    expect(page).to_have_url(re.compile(r"/apply/one-person$"))
    assert Account.by_email("yamada@example.jp").confirmed
