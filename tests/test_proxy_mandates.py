"""代行申請 of changes and work history (Q1-1 ②④⑤): a proxy company's clerk names the worker or company,
records the consent (signed form through the companies in between, or the worker's own in the app), and
only then files a change application or enters days; the worker sees who filed, and can withdraw."""

import datetime as dt
import io

import pytest

from models import ChangeRequest, Membership, ProxyConsent, WorkEntry, WorkRecord
from models.core.clock import today
from models.history.work_entries import EntryError, enter_day
from models.registration.changes import ChangeError
from tests import factories as f
from tests.e2e.browser_steps import mail_path
from tests.test_changes import current


@pytest.fixture
def world(app):
    """A worker on a site roster (with a login), and a proxy company's clerk logged in."""
    site = f.site_with_worker()
    proxy, _owner = f.company(name="代行建設株式会社")
    clerk = f.account(name="代行 担当")
    Membership.create(account=clerk, company=proxy, role="proxy_clerk")
    client = app.test_client()
    f.login(client, clerk)
    return {**site, "proxy": proxy, "clerk": client}


def start(client, **form):
    data = {"principal": "worker", "actions": ["change", "history"], **form}
    return client.post("/company/proxy/mandates", data=data)


def signed(name):
    return {"consenter_name": name, "signed": (io.BytesIO(f.png_data()), "signed.png")}


def test_worker_change_waits_for_the_signed_consent_through_two_intermediaries(world, app, tmp_path):
    client, worker = world["clerk"], world["worker"]
    tier1, _a = f.company(name="一次建設株式会社")
    tier2, _b = f.company(name="二次工業株式会社")
    wrong = start(client, principal_id=worker.worker_id, birth_date="1990-01-01")
    assert wrong.status_code == 400 and "登録が見つかりません" in wrong.text
    assert f'value="{worker.worker_id}"' in wrong.text  # what was typed stays
    response = start(
        client, principal_id=worker.worker_id, birth_date="1985-04-01", via_1=tier2.business_id, via_2=tier1.business_id
    )
    assert response.status_code == 302
    consent = ProxyConsent.get()
    url = f"/company/proxy/mandates/{consent.id}"
    text = f.pdf_text(client.get(f"{url}/consent.pdf").data, tmp_path)
    assert "山田 太郎" in text and worker.worker_id in text and world["proxy"].business_id in text
    assert "■ 技能者の変更申請" in text and "■ 就業履歴の入力代行" in text and "□ 技能者の新規申請" in text
    assert "二次工業株式会社" in text and tier1.business_id in text

    # Nothing can be filed before the consent: not through the pages, not through the rule.
    data = {**current(worker, "contact"), "phone": "080-1234-5678", "step": "send"}
    assert client.post(f"{url}/changes/new?section=contact", data=data).status_code == 302
    assert client.get(f"{url}/changes/new?section=contact").status_code == 302
    with pytest.raises(ChangeError):
        ChangeRequest.file(worker, world["account"], {"phone": "080-1234-5678"}, proxy_consent=consent)
    assert ChangeRequest.select().count() == 0

    page = client.post(f"{url}/paper", data={"consenter_name": "", "signed": (io.BytesIO(b""), "x.png")})
    assert page.status_code == 400 and "氏名を入力してください" in page.text
    assert client.post(f"{url}/paper", data=signed("山田 太郎")).status_code == 302
    page = client.get(url).text
    assert "山田 太郎 の同意を登録済みです" in page and "二次工業株式会社（" in page and "→ 一次建設株式会社" in page

    form = client.get(f"{url}/changes/new?section=contact")
    assert "埼玉県川口市1-1" in form.text and "代行建設株式会社 が申請します" in form.text
    assert "代行申請事業者や担当者のアドレスは入力しないでください" in form.text  # Q1-7
    confirm = client.post(f"{url}/changes/new?section=contact", data={**data, "step": "confirm"})
    assert confirm.status_code == 200 and "080-1234-5678" in confirm.text
    assert client.post(f"{url}/changes/new?section=contact", data=data).status_code == 302
    change = ChangeRequest.get()
    assert (change.proxy_consent_id, change.worker_id, change.requested_by_id) == (
        consent.id,
        worker.id,
        Membership.get(Membership.company == world["proxy"], Membership.role == "proxy_clerk").account_id,
    )
    # The worker sees the change as filed by that company.
    own = app.test_client()
    f.login(own, world["account"])
    assert "代行建設株式会社 が代行で申請" in own.get("/worker/changes").text


def test_company_change_filed_by_proxy_with_the_company_consent(world, tmp_path):
    client = world["clerk"]
    sub = world["sub"]
    page = client.post(
        "/company/proxy/mandates",
        data={"principal": "company", "principal_id": sub.business_id, "actions": ["history"]},
    )
    assert page.status_code == 400 and "事業者の就業履歴の入力代行はありません" in page.text
    self_page = client.post(
        "/company/proxy/mandates",
        data={"principal": "company", "principal_id": world["proxy"].business_id, "actions": ["change"]},
    )
    assert self_page.status_code == 400 and "自社の変更申請" in self_page.text
    client.post(
        "/company/proxy/mandates", data={"principal": "company", "principal_id": sub.business_id, "actions": ["change"]}
    )
    consent = ProxyConsent.get()
    url = f"/company/proxy/mandates/{consent.id}"
    text = f.pdf_text(client.get(f"{url}/consent.pdf").data, tmp_path)
    assert "事業者用" in text and sub.name in text and sub.business_id in text and "■ 事業者の変更申請" in text
    assert "mandate-ask" not in client.get(url).text  # a company consents on paper
    client.post(f"{url}/paper", data=signed("山田 太郎"))
    data = {**current(sub, "basic"), "phone": "048-222-3333", "step": "send"}
    assert client.post(f"{url}/changes/new?section=basic", data=data).status_code == 302
    change = ChangeRequest.get()
    assert (change.kind, change.company_id, change.proxy_consent_id) == ("company", sub.id, consent.id)
    assert client.get(f"{url}/entries").status_code == 302  # not covered: back to the consent page


def test_worker_consents_in_the_app_and_the_proxy_enters_and_corrects_days(world, app, outbox):
    client, worker, site = world["clerk"], world["worker"], world["site"]
    start(client, principal_id=worker.worker_id, birth_date="1985-04-01", actions=["history"])
    consent = ProxyConsent.get()
    url = f"/company/proxy/mandates/{consent.id}"
    assert client.post(f"{url}/ask").status_code == 302
    own = app.test_client()
    f.login(own, world["account"])
    assert mail_path(outbox.last_to(world["account"].email), "/takeover/filed") == "/takeover/filed"
    page = own.get("/takeover/filed").text
    assert "代行建設株式会社" in page and "就業履歴の入力代行" in page
    yesterday = today() - dt.timedelta(days=1)
    day = {
        "site": site.id,
        "work_date": yesterday.isoformat(),
        "trade": "0201",
        "position": "3",
        "reason": "forgot_card",
    }
    assert client.post(f"{url}/entries", data=day).status_code == 302  # asked, not yet given
    assert WorkEntry.select().count() == 0

    own.post(f"/takeover/consents/{consent.id}/give")
    assert ProxyConsent.get_by_id(consent.id).method == "app"
    assert "本人がアプリで同意" not in client.get(url).text and "アプリで同意" in client.get(url).text
    assert client.post(f"{url}/entries", data=day).status_code == 303
    entry = WorkEntry.get()
    assert (entry.entering_company_id, entry.proxy_consent_id, entry.worker_id) == (
        world["proxy"].id,
        consent.id,
        worker.id,
    )
    assert "代行建設株式会社 が代行で入力" in own.get("/worker/entries").text

    record = WorkRecord.create(worker=worker, site=site, work_date=yesterday - dt.timedelta(days=1), trade="0201")
    entries = client.get(f"{url}/entries").text
    assert f"/records/{record.id}/correct" in entries
    fix = {"trade": "0201", "position": "2", "reason": "correction"}
    assert client.post(f"{url}/records/{record.id}/correct", data=fix).status_code == 303
    assert WorkEntry.select().where(WorkEntry.kind == "correction", WorkEntry.proxy_consent == consent).exists()

    # Withdrawn: nothing more is entered, by the pages or the rule.
    own.post(f"/takeover/consents/{consent.id}/revoke")
    other = {**day, "work_date": (yesterday - dt.timedelta(days=2)).isoformat()}
    assert client.post(f"{url}/entries", data=other).status_code == 302
    with pytest.raises(EntryError):
        enter_day(
            world["account"],
            worker,
            site,
            yesterday,
            "0202",
            "3",
            None,
            None,
            "forgot_card",
            "",
            today(),
            proxy=ProxyConsent.get_by_id(consent.id),
        )
    assert "この同意は取り消されました" in client.get(url).text


def test_another_company_cannot_see_or_use_the_consent(world, app):
    client, worker = world["clerk"], world["worker"]
    start(client, principal_id=worker.worker_id, birth_date="1985-04-01")
    consent = ProxyConsent.get()
    _other, other_admin = f.company(name="別会社株式会社")
    outsider = app.test_client()
    f.login(outsider, other_admin)
    base = f"/company/proxy/mandates/{consent.id}"
    for path in ("", "/consent.pdf", "/entries", "/changes/new?section=contact"):
        assert outsider.get(base + path).status_code == 404, path
    assert outsider.post(f"{base}/paper", data=signed("x")).status_code == 404
    assert worker.full_name not in outsider.get("/company/proxy/mandates").text
    # Nor another worker.
    stranger, _c, _w = f.one_person(family="佐藤", given="次郎")
    s = app.test_client()
    f.login(s, stranger)
    assert s.post(f"/takeover/consents/{consent.id}/give").status_code == 404


def test_a_site_manager_cannot_file_by_proxy(world, app):
    manager = f.account()
    Membership.create(account=manager, company=world["proxy"], role="site_manager")
    client = app.test_client()
    f.login(client, manager)
    assert client.get("/company/proxy/mandates").status_code == 403
    assert start(client, principal_id=world["worker"].worker_id, birth_date="1985-04-01").status_code == 403
    assert ProxyConsent.select().count() == 0
