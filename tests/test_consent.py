"""The applicant's agreement to 個人情報の取扱い and 利用規約 (guidance Section 3) on the worker-only and
the company-only online submit, recorded like the one-person pair's (tests/test_onboarding.py)."""

import re

from models import Application
from models.core.clock import utcnow
from models.registration.consents import VERSIONS, Consent
from tests import factories as f
from tests import test_company_application as company_steps
from tests import test_worker_application as worker_steps

MESSAGE = "申請するには、個人情報の取扱いと利用規約の両方に同意してください。"


def _worker_draft(client):
    employer, _admin = f.company(name="川口型枠株式会社")
    f.login(client, f.account(email="taro@example.jp", name="山田 太郎"))
    application = worker_steps.start(client)
    worker_steps.fill(client, application, employer)
    return application, f"/apply/worker/{application.id}"


def _company_draft(client):
    f.login(client, f.account(email="yamada@example.jp", name="山田 一郎"))
    application = company_steps.start(client)
    company_steps.fill(client, application)
    return application, f"/apply/company/{application.id}/submit"


def _refused_then_agreed(client, application, page_url, submit_url):
    """Without both ticks nothing is sent and the page says so beside the boxes, ticks and method kept;
    with both, the application is sent and each text's version is recorded with the time."""
    assert 'name="privacy"' in client.get(page_url).text
    r = client.post(submit_url, data={"privacy": "y", "payment_method": "credit"})
    assert r.status_code == 302 and r.headers["Location"].endswith("#consent")
    assert Application.get_by_id(application.id).status == "draft" and not Consent.select().exists()
    page = client.get(r.headers["Location"]).text
    assert MESSAGE in page and 'id="consent"' in page
    ticked = {re.search(r'id="([\w-]+)"', i)[1] for i in re.findall(r"<input checked[^>]*>", page)}
    assert "privacy" in ticked and "terms" not in ticked and 'value="credit"' in page
    assert re.search(r'<input checked id="payment_method-\d" name="payment_method" [^>]*value="credit">', page)
    before = utcnow()
    assert client.post(submit_url, data=f.SUBMIT).status_code == 302
    assert Application.get_by_id(application.id).status == "submitted"
    rows = list(Consent.select().where(Consent.application == application))
    assert {(c.document, c.version) for c in rows} == set(VERSIONS.items())
    assert all(before <= c.agreed_at <= utcnow() and c.account_id == application.applicant_id for c in rows)


def _reviewer_sees_it(client, application):
    client.post("/logout")
    f.login(client, f.reviewer())
    page = client.get(f"/reviewer/applications/{application.id}").text
    assert f"個人情報の取扱い ({VERSIONS['privacy']}): 同意" in page
    assert f"利用規約 ({VERSIONS['terms']}): 同意" in page


def test_a_worker_only_submit_needs_the_agreement_and_records_it(client):
    application, overview = _worker_draft(client)
    _refused_then_agreed(client, application, overview, f"{overview}/submit")
    _reviewer_sees_it(client, application)


def test_a_company_only_submit_needs_the_agreement_and_records_it(client):
    application, submit_url = _company_draft(client)
    _refused_then_agreed(client, application, submit_url, submit_url)
    _reviewer_sees_it(client, application)


def test_a_resubmission_is_not_asked_again(client):
    application, submit_url = _company_draft(client)
    client.post(submit_url, data=f.SUBMIT)
    Application.get_by_id(application.id).return_with(f.reviewer(), [("phone", "電話番号がつながりません。")])
    company_steps.save(client, application, "basic", {**company_steps.BASIC, "phone": "03-9999-0000"})
    assert 'name="privacy"' not in client.get(submit_url).text
    assert client.post(submit_url).status_code == 302
    assert Application.get_by_id(application.id).status == "submitted"
    assert Consent.select().where(Consent.application == application).count() == len(VERSIONS)


def test_an_incomplete_submit_says_what_is_missing_before_asking_to_agree(client):
    f.login(client, f.account())
    application = company_steps.start(client)
    r = client.post(f"/apply/company/{application.id}/submit", data={"payment_method": "konbini"})
    assert r.status_code == 400 and 'data-testid="missing"' in r.text and MESSAGE not in r.text
