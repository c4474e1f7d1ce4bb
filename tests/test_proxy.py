"""代行申請 through the real routes: drafts from the bulk list, their images from one zip, the consent
form pre-filled as a PDF, the signed consent with every company in between (Q3-3), and submission,
which waits for the consent."""

import io
import zipfile

import pytest

from models import Application, ApplicationEvent, Attachment, Membership, ProxyConsent, ProxyFiling
from tests import factories as f
from tests.bulk_books import person, template_with, to_bytes
from tests.e2e.browser_steps import mail_path


@pytest.fixture
def drafts(app):
    """A company that uploaded a list of two workers, logged in."""
    company, admin = f.company(name="代行建設株式会社")
    client = app.test_client()
    f.login(client, admin)
    data = to_bytes(template_with([person(1), person(2, 姓="佐藤", 名="花子", メイ="ハナコ")]))
    response = client.post(
        "/company/bulk", data={"workbook": (io.BytesIO(data), "crew.xlsx")}, content_type="multipart/form-data"
    )
    job_url = response.headers["Location"]
    return client, company, job_url, list(ProxyFiling.select().order_by(ProxyFiling.id))


def a_zip(files, utf8=True):
    """A zip of `files`; utf8=False names them in Shift_JIS without the UTF-8 flag, as Windows does."""
    out, renames = io.BytesIO(), {}
    with zipfile.ZipFile(out, "w") as archive:
        for index, (name, data) in enumerate(files.items()):
            if not utf8:  # an ASCII stand-in of the same byte length, swapped for the Shift_JIS bytes after
                raw = name.encode("cp932")
                stand_in = f"{index}".ljust(len(raw), "x").encode()
                renames[stand_in], name = raw, stand_in.decode()
            archive.writestr(name, data)
    data = out.getvalue()
    for stand_in, raw in renames.items():
        data = data.replace(stand_in, raw)
    return data


def send_zip(client, job_url, data):
    return client.post(
        f"{job_url}/files", data={"archive": (io.BytesIO(data), "images.zip")}, content_type="multipart/form-data"
    )


def test_zip_of_images_is_matched_by_row_number_and_by_name_and_reported(drafts):
    client, _company, job_url, (first, second) = drafts
    face, doc = f.png_data(), f.png_data((600, 400))
    data = a_zip(
        {
            "4_顔写真.png": face,
            "4_本人確認書類.png": doc,
            "佐藤花子_face.png": face,
            "99_face.png": face,
            "readme.txt": b"hello",
        }
    )
    page = send_zip(client, job_url, data).text
    assert "添付した画像: 3件" in page and "添付できなかったファイル: 2件" in page
    assert "この行番号・氏名の下書きがありません" in page and "ファイル名に種類" in page
    missing = page.split('data-testid="files-missing"')[1]
    assert "佐藤 花子" in missing and "本人確認書類" in missing and "山田" not in missing
    assert {a.purpose for a in Attachment.of_worker(first.worker)} == {"face_photo", "id_document"}
    # A zip made on Windows names its Japanese files in Shift_JIS.
    send_zip(client, job_url, a_zip({"5_本人確認書類.png": doc}, utf8=False))
    assert "id_document" in {a.purpose for a in Attachment.of_worker(second.worker)}


def test_consent_pdf_is_prefilled_and_consent_through_two_intermediaries_is_recorded(drafts, tmp_path):
    client, company, _job_url, (first, _second) = drafts
    tier1, _a = f.company(name="一次建設株式会社")
    tier2, _b = f.company(name="二次工業株式会社")
    url = f"/company/proxy/{first.application_id}"
    text = f.pdf_text(client.get(f"{url}/consent.pdf").data, tmp_path)
    assert "代行申請同意書" in text and company.business_id in text and "山田 一郎1" in text
    form = {"consenter_name": "山田 一郎1", "via_1": tier2.business_id, "via_2": "1234"}
    page = client.post(f"{url}/consent", data={**form, "signed": (io.BytesIO(f.png_data()), "s.png")})
    assert page.status_code == 400 and "事業者IDは14桁の数字です: 1234" in page.text
    assert 'value="山田 一郎1"' in page.text  # what was typed stays
    form["via_2"] = tier1.business_id
    response = client.post(f"{url}/consent", data={**form, "signed": (io.BytesIO(f.png_data()), "s.png")})
    assert response.status_code == 302
    consent = ProxyConsent.get()
    assert consent.chain() == [(tier2.business_id, tier2.name), (tier1.business_id, tier1.name)]
    assert (consent.proxy_company_id, consent.method, consent.attachment.purpose) == (
        company.id,
        "paper",
        "proxy_consent",
    )
    page = client.get(url).text
    assert "二次工業株式会社（" in page and "→ 一次建設株式会社" in page
    text = f.pdf_text(client.get(f"{url}/consent.pdf").data, tmp_path)
    assert "二次工業株式会社" in text and tier1.business_id in text


def test_submission_waits_for_consent_and_completeness(drafts):
    client, _company, job_url, (first, _second) = drafts
    url = f"/company/proxy/{first.application_id}"
    response = client.post(f"{url}/submit")
    assert response.status_code == 400 and "代行申請同意書を登録してから申請してください" in response.text
    # The applicant's own submit button cannot go round the consent either.
    response = client.post(f"/apply/worker/{first.application_id}/submit")
    assert response.headers["Location"].endswith(url)
    client.post(f"{url}/consent", data={"consenter_name": "山田 一郎1", "signed": (io.BytesIO(f.png_data()), "s.png")})
    response = client.post(f"{url}/submit")
    assert response.status_code == 400 and "未入力・未添付の項目があります" in response.text
    assert "顔写真" in response.text
    send_zip(client, job_url, a_zip({"4_face.png": f.png_data(), "4_id.png": f.png_data((600, 400))}))
    response = client.post(f"{url}/submit")
    assert response.status_code == 302, response.text
    assert Application.get_by_id(first.application_id).status == "submitted"
    assert "申請済み" in client.get("/company/proxy").text


def test_another_company_cannot_open_or_submit_the_drafts(drafts, app):
    _client, _company, job_url, (first, _second) = drafts
    _other, other_admin = f.company(name="別会社株式会社")
    client = app.test_client()
    f.login(client, other_admin)
    assert client.get(f"/company/proxy/{first.application_id}").status_code == 404
    assert client.post(f"/company/proxy/{first.application_id}/submit").status_code == 404
    assert client.get(f"{job_url}/files").status_code == 404
    assert "山田" not in client.get("/company/proxy").text


def test_worker_takes_over_the_login_by_mail_sees_who_filed_and_consents_in_the_app(app, outbox):
    company, admin = f.company(name="代行建設株式会社")
    clerk = app.test_client()
    f.login(clerk, admin)
    data = to_bytes(template_with([person(1, メールアドレス="ichiro@example.jp")]))
    clerk.post("/company/bulk", data={"workbook": (io.BytesIO(data), "c.xlsx")}, content_type="multipart/form-data")
    filing = ProxyFiling.get()
    response = clerk.post(f"/company/proxy/{filing.application_id}/invite")
    assert response.status_code == 302
    path = mail_path(outbox.last_to("ichiro@example.jp"), "/takeover/")
    worker = app.test_client()
    assert "代行申請しました" in worker.get(path).text
    response = worker.post(path, data={"password": "long-enough-pw", "password2": "long-enough-pw"})
    assert response.status_code == 302
    assert worker.get(path).status_code == 400  # the link works once
    worker.post("/login", data={"email": "ichiro@example.jp", "password": "long-enough-pw"})
    assert "/takeover/filed" in worker.get("/apply/").text  # the portal leads there on later visits
    page = worker.get("/takeover/filed").text
    assert "代行建設株式会社" in page and company.business_id in page
    worker.post(f"/takeover/filed/{filing.application_id}/consent")
    consent = ProxyConsent.get()
    assert (consent.method, consent.consenter_name) == ("app", "山田 一郎1")
    assert "アプリで同意" in worker.get("/takeover/filed").text
    # The clerk sees the consent, and may now submit once the images are there.
    assert "山田 一郎1 さんの同意を登録済みです" in clerk.get(f"/company/proxy/{filing.application_id}").text


def test_q1_7_a_proxy_application_needs_the_workers_own_email(app):
    _company, admin = f.company(name="代行建設株式会社")
    client = app.test_client()
    f.login(client, admin)
    page = client.get("/company/proxy/new").text
    assert "本人のメールアドレスを入力してください（必須）" in page
    values = {
        "family_name": "木村",
        "given_name": "拓",
        "family_kana": "",
        "given_kana": "たく",
        "birth_date": "1992-07-07",
        "gender": "1",
        "nationality": "日本",
        "blood_type": "B",
        "postal_code": "1600023",
        "address": "東京都新宿区4-4",
        "phone": "09011112222",
        "email": "",
        "main_trade": "0301",
    }
    response = client.post("/company/proxy/new", data=values)
    assert response.status_code == 400 and "フリガナを入力してください" in response.text
    assert 'value="木村"' in response.text
    values["family_kana"] = "きむら"
    response = client.post("/company/proxy/new", data=values)
    assert response.status_code == 400 and "代行申請には本人のメールアドレスが必要です" in response.text
    assert 'value="木村"' in response.text and ProxyFiling.select().count() == 0
    values["email"] = "taku@example.jp"
    response = client.post("/company/proxy/new", data=values)
    assert response.status_code == 302
    filing = ProxyFiling.get()
    assert filing.worker.email == "taku@example.jp"
    assert (filing.worker.family_kana, filing.worker.postal_code, filing.source_row) == ("キムラ", "160-0023", None)
    assert client.post("/company/proxy/new", data=values).status_code == 400
    assert ProxyFiling.select().count() == 1


@pytest.mark.parametrize(("role", "allowed"), [("proxy_clerk", True), ("general_admin", True), ("site_manager", False)])
def test_proxy_and_bulk_pages_are_for_admins_and_proxy_clerks(app, role, allowed):
    company, _admin = f.company(name="代行建設株式会社")
    member = f.account()
    Membership.create(account=member, company=company, role=role)
    client = app.test_client()
    f.login(client, member)
    for url in (
        "/company/proxy",
        "/company/proxy/new",
        "/company/bulk",
        "/company/bulk/template.xlsx",
        "/company/integration",
    ):
        assert client.get(url).status_code == (200 if allowed else 403), url
    data = to_bytes(template_with([person(1)]))
    response = client.post(
        "/company/bulk", data={"workbook": (io.BytesIO(data), "c.xlsx")}, content_type="multipart/form-data"
    )
    assert response.status_code == (302 if allowed else 403)
    assert ProxyFiling.select().count() == (1 if allowed else 0)


def test_the_role_table_alone_decides_the_proxy_pages(app, monkeypatch):
    """No second hook beside blueprints/shared/permissions.py: moving the right there moves the pages."""
    from blueprints.shared import permissions

    rights = {role: set(r) for role, r in permissions.ROLE_RIGHTS.items()}
    rights["site_manager"].add(permissions.PROXY)
    rights["general_admin"].discard(permissions.PROXY)
    monkeypatch.setattr(permissions, "ROLE_RIGHTS", rights)
    company, _admin = f.company(name="代行建設株式会社")
    for role, status in (("site_manager", 200), ("general_admin", 403)):
        member = f.account()
        Membership.create(account=member, company=company, role=role)
        client = app.test_client()
        f.login(client, member)
        for url in ("/company/proxy", "/company/bulk", "/company/integration"):
            assert client.get(url).status_code == status, (role, url)


def test_a_proxy_clerk_does_the_proxy_actions_and_nothing_else(app):
    company, _admin = f.company(name="代行建設株式会社")
    clerk = f.account()
    Membership.create(account=clerk, company=company, role="proxy_clerk")
    client = app.test_client()
    f.login(client, clerk)
    data = to_bytes(template_with([person(1)]))
    client.post("/company/bulk", data={"workbook": (io.BytesIO(data), "c.xlsx")}, content_type="multipart/form-data")
    filing = ProxyFiling.get()
    url = f"/company/proxy/{filing.application_id}"
    consent = {"consenter_name": "山田 一郎1", "signed": (io.BytesIO(f.png_data()), "s.png")}
    assert client.post(f"{url}/consent", data=consent).status_code == 302
    assert client.get(f"{url}/consent.pdf").status_code == 200
    for path in ("/company/changes", "/company/affiliations", "/company/entries", "/company/kentaikyo", "/prime/sites"):
        assert client.get(path).status_code == 403, path
    assert client.post("/company/admins", data={"email": "x@example.jp", "role": "system_admin"}).status_code == 403
    page = client.get("/company/").text
    for hidden in ("/company/changes", "/company/entries", "/company/affiliations", "/prime/sites"):
        assert hidden not in page, hidden
    assert "/company/proxy" in page


def test_a_new_company_application_filed_by_proxy_waits_for_the_company_consent(app, tmp_path):
    from tests.test_company_application import fill

    company, _admin = f.company(name="代行建設株式会社")
    clerk = f.account()
    Membership.create(account=clerk, company=company, role="proxy_clerk")
    client = app.test_client()
    f.login(client, clerk)
    assert client.post("/company/proxy/company/new", data={"entity_type": "nonsense"}).status_code == 400
    response = client.post("/company/proxy/company/new", data={"entity_type": "corporation"})
    filing = ProxyFiling.get()
    assert response.headers["Location"].endswith(f"/company/proxy/{filing.application_id}")
    assert (filing.worker_id, filing.company_id) == (None, company.id)
    fill(client, filing.application)
    # Neither the applicant's own submit button nor the proxy's goes round the consent.
    own = client.post(f"/apply/company/{filing.application_id}/submit")
    assert own.headers["Location"].endswith(f"/company/proxy/{filing.application_id}")
    url = f"/company/proxy/{filing.application_id}"
    refused = client.post(f"{url}/submit")
    assert refused.status_code == 400 and "代行申請同意書を登録してから申請してください" in refused.text
    text = f.pdf_text(client.get(f"{url}/consent.pdf").data, tmp_path)
    principal = ProxyFiling.get_by_id(filing.id).principal_company
    assert "事業者用" in text and principal.name in text and "■ 事業者の新規申請" in text
    consent = {"consenter_name": principal.representative_name, "signed": (io.BytesIO(f.png_data()), "s.png")}
    assert client.post(f"{url}/consent", data=consent).status_code == 302
    assert ProxyConsent.get().principal == "company"
    response = client.post(f"{url}/submit")
    assert response.status_code == 302, response.text
    assert Application.get_by_id(filing.application_id).status == "submitted"
    page = client.get("/company/proxy").text
    assert principal.name in page and "申請済み" in page


def test_consent_forms_of_a_list_print_at_once_and_signed_ones_come_back_in_the_zip(drafts, tmp_path):
    client, _company, job_url, (first, second) = drafts
    text = f.pdf_text(client.get(f"{job_url}/consents.pdf").data, tmp_path)
    assert text.count("代行申請同意書（技能者用）") == 2 and "山田 一郎1" in text and "佐藤 花子" in text
    assert "\f" in text.strip()  # one form a page
    page = send_zip(client, job_url, a_zip({"4_同意書.png": f.png_data(), "佐藤花子_consent.txt": b"x"})).text
    assert "添付できなかったファイル: 1件" in page
    consent = ProxyFiling.get_by_id(first.id).consent()
    assert (consent.consenter_name, consent.method, consent.attachment.purpose) == (
        "山田 一郎1",
        "paper",
        "proxy_consent",
    )
    assert ProxyFiling.get_by_id(second.id).consent() is None
    text = f.pdf_text(client.get(f"{job_url}/consents.pdf").data, tmp_path)
    assert "佐藤 花子" in text and "山田 一郎1" not in text


def test_another_clerk_of_the_company_takes_over_filling_in_a_draft(drafts, app):
    admin_client, company, _job_url, (first, _second) = drafts
    clerk = f.account(name="代行 次郎")
    Membership.create(account=clerk, company=company, role="proxy_clerk")
    client = app.test_client()
    f.login(client, clerk)
    url = f"/company/proxy/{first.application_id}"
    page = client.get(url).text
    assert "入力担当: テスト 太郎" in page and "/apply/worker/" not in page
    assert client.get(f"/apply/worker/{first.application_id}").status_code == 404
    assert client.post(f"{url}/hand-over").status_code == 302
    assert client.get(f"/apply/worker/{first.application_id}").status_code == 200
    assert admin_client.get(f"/apply/worker/{first.application_id}").status_code == 404
    assert "入力担当: 代行 次郎" in admin_client.get(url).text
    handed = ApplicationEvent.get(ApplicationEvent.action == "handed_over")
    assert (handed.application_id, handed.actor_id) == (first.application_id, clerk.id)


def test_worker_with_a_login_consents_in_the_app_to_the_chain_the_company_named(app, outbox):
    company, admin = f.company(name="代行建設株式会社")
    tier1, _a = f.company(name="一次建設株式会社")
    clerk = app.test_client()
    f.login(clerk, admin)
    data = to_bytes(template_with([person(1, メールアドレス="ichiro@example.jp")]))
    clerk.post("/company/bulk", data={"workbook": (io.BytesIO(data), "c.xlsx")}, content_type="multipart/form-data")
    filing = ProxyFiling.get()
    url = f"/company/proxy/{filing.application_id}"
    refused = clerk.post(f"{url}/ask", data={"ask-via_1": tier1.business_id})
    assert refused.status_code == 400 and "ログインIDを持っていない" in refused.text  # no login yet
    clerk.post(f"{url}/invite")
    worker = app.test_client()
    worker.post(
        mail_path(outbox.last_to("ichiro@example.jp"), "/takeover/"),
        data={"password": "long-enough-pw", "password2": "long-enough-pw"},
    )
    assert clerk.post(f"{url}/ask", data={"ask-via_1": tier1.business_id}).status_code == 302
    assert "本人がアプリで同意するのを待っています" in clerk.get(url).text
    assert "/takeover/filed" in outbox.last_to("ichiro@example.jp").get_content()
    worker.post("/login", data={"email": "ichiro@example.jp", "password": "long-enough-pw"})
    assert "一次建設株式会社" in worker.get("/takeover/filed").text
    worker.post(f"/takeover/filed/{filing.application_id}/consent")
    consent = ProxyFiling.get_by_id(filing.id).consent()
    assert (consent.method, consent.consenter_name, consent.chain()) == (
        "app",
        "山田 一郎1",
        [(tier1.business_id, tier1.name)],
    )
    assert ProxyConsent.select().count() == 1
