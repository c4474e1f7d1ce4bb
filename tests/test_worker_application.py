"""The worker application (技能者情報登録申請) by the applicant, section by section: the seed's rules for
names (Q1-17, Q5-14, Q5-9), the 建退共 number (Q1-9), addresses (Q5-10), certificates (Q1-18, Q5-11),
employers (Q1-14, Q5-8), the identity document and face photo and submission. The one-person
operator's pair, the fix after a return (不備) and the portal: test_worker_fix.py."""

import io
import socket
import threading

import pytest

from models import Application, Attachment, Qualification, Worker
from models.registration.completeness import worker_missing_fields
from tests import factories as f
from tests.test_company_application import LICENCE, OFFICER

IDENTITY = {
    "family_name": "山田",
    "given_name": "太郎",
    "middle_name": "",
    "family_kana": "ヤマダ",
    "given_kana": "タロウ",
    "alias_name": "",
    "birth_date": "1985-04-01",
    "gender": "1",
    "nationality": "日本",
    "blood_type": "A",
}
FOREIGN = {
    **IDENTITY,
    "family_name": "NGUYEN",
    "given_name": "VAN",
    "middle_name": "AN",
    "family_kana": "",
    "given_kana": "",
    "nationality": "ベトナム",
    "blood_type": "O",
}
# 在留資格 of a 特定技能 worker, as the residence section takes it
RESIDENCE = {
    "residence_status": "specified_skilled_1",
    "residence_card_number": "ab 1234 5678 cd",
    "residence_until": "2029-03-31",
    "acceptance_plan_number": "国土建第1234号",
}
CONTACT = {
    "postal_code": "3320012",
    "address": "埼玉県川口市本町1-1",
    "phone": "090-1111-2222",
    "email": "taro@example.jp",
    "emergency_name": "山田 花子",
    "emergency_relation": "妻",
    "emergency_phone": "090-3333-4444",
}
WORK = {"main_trade": "0201", "experience_years": "12", "trades": ["0101", "1101"], "registration_type": "detailed"}
INSURANCE = {
    "health_insurance": "enrolled",
    "pension": "enrolled",
    "employment_insurance": "enrolled",
    "kentaikyo_number": "012345678",
    "health_check_date": "2026-04-10",
}


def jpeg(size=(300, 386)):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (210, 210, 210)).save(buffer, "JPEG")
    return buffer.getvalue()


def files(**named):
    """Form data for uploads: name=(bytes, filename)."""
    return {name: (io.BytesIO(data), filename) for name, (data, filename) in named.items()}


def start(client, identity=IDENTITY, one_person=False, **extra):
    r = client.post("/apply/one-person" if one_person else "/apply/worker/new", data={**identity, **extra})
    assert r.status_code == 302, r.text
    return Application.select().where(Application.kind == "worker").order_by(Application.id.desc()).get()


def save(client, application, section, data, **headers):
    multipart = any(isinstance(v, tuple) for v in data.values())
    return client.post(
        f"/apply/worker/{application.id}/{section}",
        data=data,
        headers=headers,
        content_type="multipart/form-data" if multipart else None,
    )


def add_row(client, application, kind, data, htmx=True):
    data = {f"{kind}-{k}": v for k, v in data.items()}
    return client.post(
        f"/apply/worker/{application.id}/rows/{kind}",
        data=data,
        headers={"HX-Request": "true"} if htmx else {},
        content_type="multipart/form-data",
    )


def documents(client, application, id_document="driving_licence", **extra):
    back = {"back_image": (jpeg((800, 500)), "back.jpg")} if id_document == "residence_card" else {}
    data = {
        "id_document": id_document,
        **files(id_image=(jpeg((800, 500)), "licence.jpg"), face_photo=(jpeg(), "face.jpg"), **back),
        **extra,
    }
    return save(client, application, "documents", data)


def fill(client, application, employer=None, id_document="driving_licence"):
    """Every section of a worker application, through the forms."""
    for section, data in (("contact", CONTACT), ("work", WORK), ("insurance", INSURANCE)):
        assert save(client, application, section, data).status_code == 302, section
    if application.worker.is_foreign:
        assert save(client, application, "residence", RESIDENCE).status_code == 302
    assert documents(client, application, id_document).status_code == 302
    if employer is not None:
        r = add_row(client, application, "employers", {"business_id": employer.business_id, "kind": "main"})
        assert r.status_code == 200, r.text


def reload(application):
    return Application.get_by_id(application.id)


def approve_and_pay(application, day):
    from models.registration.settlement import settle

    invoice = reload(application).approve(f.reviewer(), day)
    settle(invoice, None, day)
    return Worker.get_by_id(application.worker_id)


@pytest.fixture
def applicant(client):
    account = f.account(email="taro@example.jp", name="山田 太郎")
    f.login(client, account)
    return account


@pytest.fixture
def employer():
    company, _admin = f.company(name="川口型枠株式会社")
    return company


ONE_PERSON_COMPANY = {
    "basic": {
        "entity_type": "one_person",
        "name": "",
        "name_kana": "ヤマダ タロウ",
        "representative_name": "山田 太郎",
        "postal_code": "332-0012",
        "address": "埼玉県川口市本町1-1",
        "phone": "090-1111-2222",
        "capital": "",
        "employee_count": "0",
    },
    "licence": {**LICENCE},
    "officer": {**OFFICER, "officer_name": "山田 太郎"},
    "insurance": {"health_insurance": "not_enrolled", "pension": "not_enrolled", "employment_insurance": "exempt"},
}


def fill_own_company(client, partner):
    """A one-person operator's company sections, through the company forms."""
    for section, data in ONE_PERSON_COMPANY.items():
        r = client.post(f"/apply/company/{partner.id}/{section}", data=data)
        assert r.status_code == 302, (section, r.text)
    r = client.post(
        f"/apply/company/{partner.id}/attachments",
        content_type="multipart/form-data",
        data={"purpose": "licence_certificate", "file": (io.BytesIO(f.png_data()), "licence.png")},
    )
    assert r.status_code == 302


# --- names --------------------------------------------------------------------------------------


def test_names_are_entered_family_given_middle_as_on_the_document(client, applicant):
    page = client.get("/apply/worker/new").text
    assert "「姓」「名」「ミドルネーム」の順" in page
    assert page.index('name="family_name"') < page.index('name="given_name"') < page.index('name="middle_name"')
    application = start(client, FOREIGN, no_kana_on_document="y")
    worker = application.worker
    assert (worker.family_name, worker.given_name, worker.middle_name) == ("NGUYEN", "VAN", "AN")
    assert worker.full_name == "NGUYEN VAN AN"  # the card prints the document's order (Q1-17)


def test_foreign_national_whose_document_has_no_furigana_may_leave_it_out(client, applicant):
    application = start(client, FOREIGN, no_kana_on_document="y")
    assert application.worker.no_kana_on_document and application.worker.family_kana == ""
    assert "identity" not in worker_missing_fields(reload(application))


def test_foreign_national_must_say_the_document_has_no_furigana(client, applicant):
    r = client.post("/apply/worker/new", data=FOREIGN)
    assert r.status_code == 400 and "フリガナの記載がない" in r.text
    assert 'value="NGUYEN"' in r.text and 'value="ベトナム"' in r.text
    assert Worker.select().count() == 0


def test_japanese_national_without_furigana_is_refused(client, applicant):
    r = client.post("/apply/worker/new", data={**IDENTITY, "family_kana": "", "given_kana": ""})
    assert r.status_code == 400 and "フリガナを入力してください" in r.text and 'value="山田"' in r.text
    r = client.post(
        "/apply/worker/new", data={**IDENTITY, "family_kana": "", "given_kana": "", "no_kana_on_document": "y"}
    )
    assert r.status_code == 400 and "日本国籍の方はフリガナを入力してください" in r.text
    assert Worker.select().count() == 0


def test_furigana_typed_in_hiragana_is_stored_in_katakana(client, applicant):
    application = start(client, {**IDENTITY, "family_kana": "やまだ", "given_kana": "ﾀﾛｳ"})
    assert (application.worker.family_kana, application.worker.given_kana) == ("ヤマダ", "タロウ")


def test_alias_printed_on_the_card_must_be_given(client, applicant):
    r = client.post("/apply/worker/new", data={**IDENTITY, "print_alias": "y"})
    assert r.status_code == 400 and "カードに印字する旧姓・通称を入力してください" in r.text
    application = start(client, {**IDENTITY, "alias_name": "鈴木", "print_alias": "y"})
    assert application.worker.alias_name == "鈴木" and application.worker.print_alias


# --- contact, postal code -----------------------------------------------------------------------


def test_postal_code_offers_the_address_without_any_network(client, applicant, monkeypatch):
    def no_network(*args, **kwargs):
        raise OSError("network is off")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    r = client.get("/apply/postal-code?postal_code=1600023", headers={"HX-Request": "true"})
    assert r.status_code == 200 and "<html" not in r.text
    assert 'data-address="東京都新宿区西新宿"' in r.text and "この住所を使う" in r.text
    assert 'name="address"' not in r.text  # the answer never replaces the field the user may be typing in
    r = client.get("/apply/postal-code?postal_code=１６０－００２３")
    assert 'data-address="東京都新宿区西新宿"' in r.text
    r = client.get("/apply/postal-code?postal_code=0000000")
    assert "住所が見つかりませんでした" in r.text
    r = client.get("/apply/postal-code?postal_code=16000", headers={"HX-Request": "true"})
    assert r.status_code == 204  # still typing: nothing changes


def test_postal_lookup_works_from_any_server_thread():
    from models.core.postal import address_for

    found = []
    threads = [threading.Thread(target=lambda: found.append(address_for("332-0012"))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == ["埼玉県川口市本町"] * 3
    assert address_for("100-8994") == "東京都千代田区丸の内2丁目7-2"  # a large office's own code


def test_contact_page_asks_for_the_lookup_as_the_code_is_typed(client, applicant):
    application = start(client)
    page = client.get(f"/apply/worker/{application.id}/contact").text
    assert 'hx-get="/apply/postal-code"' in page and 'hx-target="#address-offer"' in page


def test_contact_errors_keep_what_was_typed(client, applicant):
    application = start(client)
    r = save(client, application, "contact", {**CONTACT, "phone": "12345", "postal_code": "16000"})
    assert r.status_code == 400
    assert "電話番号は0から始まる" in r.text and "郵便番号は7桁" in r.text
    assert 'value="埼玉県川口市本町1-1"' in r.text and 'value="12345"' in r.text
    assert reload(application).worker.address == ""
    assert save(client, application, "contact", CONTACT).status_code == 302
    assert reload(application).worker.postal_code == "332-0012"


# --- work and insurance -------------------------------------------------------------------------


def test_several_trades_with_the_main_one_first(client, applicant):
    application = start(client)
    assert save(client, application, "work", WORK).status_code == 302
    worker = reload(application).worker
    assert worker.trades() == ["0201", "0101", "1101"] and worker.experience_years == 12
    r = save(client, application, "work", {**WORK, "main_trade": "", "experience_years": "abc"})
    assert r.status_code == 400 and "職種を選んでください" in r.text and 'value="abc"' in r.text


@pytest.mark.parametrize(
    "typed, stored",
    [("012345678", "012345678"), ("０１２３４５６７８", "012345678"), ("012-345-678", "012345678"), ("", "")],
)
def test_kentaikyo_number_is_nine_digits_with_leading_zeros_kept(client, applicant, typed, stored):
    application = start(client)
    assert save(client, application, "insurance", {**INSURANCE, "kentaikyo_number": typed}).status_code == 302
    assert reload(application).worker.kentaikyo_number == stored


@pytest.mark.parametrize("typed", ["12345678", "0123456789", "12345678a"])
def test_kentaikyo_number_of_another_length_is_refused(client, applicant, typed):
    application = start(client)
    r = save(client, application, "insurance", {**INSURANCE, "kentaikyo_number": typed})
    assert r.status_code == 400 and "9桁の数字です" in r.text and f'value="{typed}"' in r.text
    assert reload(application).worker.kentaikyo_number == ""


# --- details: qualifications, education ---------------------------------------------------------

QUALIFICATION = {"kind": "ginoushi", "name": "型枠施工技能士1級", "number": "A-123", "acquired_on": "2015-03-01"}


def test_each_qualification_carries_its_own_certificate(client, applicant):
    application = start(client)
    for name in ("型枠施工技能士1級", "玉掛技能講習"):
        r = add_row(
            client,
            application,
            "qualifications",
            {**QUALIFICATION, "name": name, "certificate": (io.BytesIO(jpeg()), f"{name}.jpg")},
        )
        assert r.status_code == 200 and r.text.lstrip().startswith('<section id="rows-qualifications"')
        assert "<html" not in r.text and name in r.text
    rows = list(Qualification.select().order_by(Qualification.id))
    proofs = Attachment.select().where(Attachment.purpose == "qualification")
    assert sorted(a.ref_id for a in proofs) == [q.id for q in rows]
    r = client.post(
        f"/apply/worker/{application.id}/rows/qualifications/{rows[0].id}/delete", headers={"HX-Request": "true"}
    )
    assert r.status_code == 200 and "型枠施工技能士1級" not in r.text and "玉掛技能講習" in r.text
    assert [a.ref_id for a in Attachment.select().where(Attachment.purpose == "qualification")] == [rows[1].id]


def test_qualification_without_certificate_is_refused_and_keeps_what_was_typed(client, applicant):
    application = start(client)
    r = add_row(client, application, "qualifications", QUALIFICATION)
    assert r.status_code == 400 and "証明書の画像を添付してください" in r.text
    assert 'value="型枠施工技能士1級"' in r.text and 'value="A-123"' in r.text
    assert Qualification.select().count() == 0


def test_certificate_in_a_former_name_needs_that_name_registered_or_a_reason(client, applicant):
    application = start(client, {**IDENTITY, "alias_name": "鈴木"})
    certificate = lambda: (io.BytesIO(jpeg()), "cert.jpg")  # noqa: E731
    r = add_row(
        client,
        application,
        "qualifications",
        {**QUALIFICATION, "name_on_certificate": "佐藤 太郎", "certificate": certificate()},
    )
    assert r.status_code == 400 and "旧姓・通称を登録するか、理由を入力してください" in r.text
    assert 'value="佐藤 太郎"' in r.text
    r = add_row(
        client,
        application,
        "qualifications",
        {**QUALIFICATION, "name_on_certificate": "鈴木 太郎", "certificate": certificate()},
    )
    assert r.status_code == 200  # the registered 旧姓 (Q5-9)
    r = add_row(
        client,
        application,
        "qualifications",
        {
            **QUALIFICATION,
            "name_on_certificate": "佐藤 太郎",
            "name_note": "養子縁組前の氏名",
            "certificate": certificate(),
        },
    )
    assert r.status_code == 200
    assert [q.name_on_certificate for q in Qualification.select().order_by(Qualification.id)] == [
        "鈴木 太郎",
        "佐藤 太郎",
    ]
    assert "details" not in worker_missing_fields(reload(application))


def test_education_needs_a_graduation_certificate(client, applicant):
    application = start(client)
    education = {"school": "川口工業高等学校", "department": "建築科", "graduated_on": "2003-03-01"}
    r = add_row(client, application, "educations", education)
    assert r.status_code == 400 and "証明書の画像を添付してください" in r.text and 'value="川口工業高等学校"' in r.text
    r = add_row(client, application, "educations", {**education, "certificate": (io.BytesIO(f.PDF_DATA), "grad.pdf")})
    assert r.status_code == 200 and "川口工業高等学校" in r.text
    row = application.worker.educations.get()
    assert Attachment.get(Attachment.purpose == "education").ref_id == row.id


def test_rows_work_without_htmx_too(client, applicant):
    application = start(client)
    r = add_row(
        client, application, "trainings", {"name": "職長安全衛生教育", "completed_on": "2020-01-10"}, htmx=False
    )
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/apply/worker/{application.id}/details")
    assert "職長安全衛生教育" in client.get(r.headers["Location"]).text
    r = add_row(client, application, "awards", {"name": "", "awarded_by": "川口市"}, htmx=False)
    assert r.status_code == 400 and "<html" in r.text and 'value="川口市"' in r.text
