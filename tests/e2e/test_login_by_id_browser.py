"""Seed Q1-10 in Chromium at 390×844: the employer's admin logs in with the 事業者ID, issues a login to a
worker without e-mail, and the worker logs in with the 技能者ID, replaces the issued password and is in."""

import re

import pytest
from playwright.sync_api import expect

from models import Worker
from models.core import clock
from tests import factories as f


@pytest.fixture
def screenshot_prefix(viewport):
    return f"login-by-id-{viewport}"


def _log_in(page, login, password):
    page.goto("/login")
    page.get_by_label("メールアドレスまたはID").fill(login)
    page.get_by_label("パスワード", exact=True).fill(password)
    page.get_by_role("button", name="ログイン").click()


@pytest.mark.parametrize("viewport", ["phone"])
def test_q1_10_login_by_business_id_and_by_worker_id_on_the_phone(app, ui, viewport):
    with app.app_context():
        company, _admin = f.company()
        application = f.submitted_worker_application(employer=company)
        f.pay(application.approve(f.reviewer(), clock.today()))
        Worker.update(account=None, email="").where(Worker.id == application.worker_id).execute()
        worker = Worker.get_by_id(application.worker_id)
    admin_page = ui.page_for("admin")
    _log_in(admin_page, company.business_id, f.PASSWORD)
    admin_page.goto("/company/affiliations")
    admin_page.get_by_role("button", name="ログインを発行する").click()
    shown = admin_page.get_by_test_id("first-login")
    expect(shown).to_contain_text("最初のログインでパスワードを変更します")
    password = admin_page.get_by_test_id("first-login-password").inner_text().strip()
    ui.shot(admin_page, "issued")

    worker_page = ui.page_for("worker")
    _log_in(worker_page, worker.worker_id, "not-the-password-1")
    expect(worker_page.get_by_role("alert")).to_contain_text("パスワードが違います")
    _log_in(worker_page, f"{worker.worker_id[:7]} {worker.worker_id[7:]}", password)
    expect(worker_page).to_have_url(re.compile(r"/password/change"))
    ui.shot(worker_page, "change")
    worker_page.get_by_label("現在のパスワード").fill(password)
    worker_page.get_by_label("新しいパスワード", exact=True).fill("my-own-pass-12")
    worker_page.get_by_label("新しいパスワード（確認）").fill("my-own-pass-12")
    worker_page.get_by_role("button", name=re.compile("変更")).click()
    expect(worker_page.get_by_text("パスワードを変更しました")).to_be_visible()
    ui.shot(worker_page, "in")

    admin_page.get_by_role("button", name="本人に渡したので閉じる").click()
    expect(admin_page.get_by_test_id("first-login")).to_have_count(0)
    expect(admin_page.get_by_role("button", name="初期パスワードを再発行する")).to_be_visible()
