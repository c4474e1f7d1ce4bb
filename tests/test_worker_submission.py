"""The worker application's last steps: employers (Q1-14, Q5-8), the identity document and face photo
(Q5-10), and submission once every section is complete."""

import datetime as dt

import pytest

from models import Attachment, Card, Company, NamedEmployer, Worker
from models.core.ids import luhn_digit
from models.registration.completeness import worker_missing_fields
from tests import factories as f
from tests import test_worker_application as steps
from tests.test_worker_application import (
    CONTACT,
    FOREIGN,
    IDENTITY,
    add_row,
    approve_and_pay,
    documents,
    files,
    fill,
    jpeg,
    reload,
    save,
    start,
)

PAY = f.SUBMIT  # the agreement to the texts and the fee's method

applicant, employer = steps.applicant, steps.employer  # the same fixtures as the first steps


# --- employers ----------------------------------------------------------------------------------


def test_secondment_is_origin_as_main_and_destination_as_secondment(client, applicant):
    origin, _a = f.company(name="出向元建設株式会社")
    destination, _b = f.company(name="出向先工業株式会社")
    application = start(client)
    r = add_row(client, application, "employers", {"business_id": destination.business_id, "kind": "secondment"})
    assert r.status_code == 400 and "出向元を主たる所属事業者として追加してください" in r.text
    r = add_row(client, application, "employers", {"business_id": origin.business_id, "kind": "main"})
    assert r.status_code == 200
    r = add_row(client, application, "employers", {"business_id": destination.business_id, "kind": "secondment"})
    assert r.status_code == 200 and "出向元建設株式会社" in r.text and "出向先工業株式会社" in r.text
    fill(client, application)
    assert client.post(f"/apply/worker/{application.id}/submit", data=PAY).status_code == 302
    worker = application.worker
    # Before approval the companies do not see the applicant.
    assert not Worker.visible_to_company(origin).exists() and not Worker.visible_to_company(destination).exists()
    worker = approve_and_pay(application, dt.date.today())
    rows = {a.company_id: a for a in worker.current_affiliations()}
    assert rows[origin.id].is_main and not rows[origin.id].is_secondment
    assert rows[destination.id].is_secondment and not rows[destination.id].is_main
    assert rows[origin.id].started_on == dt.date.today()
    assert NamedEmployer.select().count() == 0


def test_employer_id_errors_say_what_is_wrong_and_keep_the_id(client, applicant, employer):
    application = start(client)
    r = add_row(client, application, "employers", {"business_id": "12345", "kind": "main"})
    assert r.status_code == 400 and "事業者IDは14桁の数字です" in r.text and 'value="12345"' in r.text
    unknown = "2999999999999"
    r = add_row(client, application, "employers", {"business_id": unknown + luhn_digit(unknown), "kind": "main"})
    assert r.status_code == 400 and "登録済み事業者が見つかりません" in r.text
    pending, _admin = f.company(name="審査中建設", approved=False)
    assert pending.business_id is None  # not approved: cannot be named
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in employer.business_id)
    assert add_row(client, application, "employers", {"business_id": full_width, "kind": "main"}).status_code == 200
    r = add_row(client, application, "employers", {"business_id": employer.business_id, "kind": "other"})
    assert r.status_code == 400 and "既に追加されています" in r.text
    other, _c = f.company()
    r = add_row(client, application, "employers", {"business_id": other.business_id, "kind": "main"})
    assert r.status_code == 400 and "主たる所属事業者は1社だけです" in r.text


def test_removing_the_main_employer_removes_its_secondment(client, applicant, employer):
    destination, _b = f.company()
    application = start(client)
    add_row(client, application, "employers", {"business_id": employer.business_id, "kind": "main"})
    add_row(client, application, "employers", {"business_id": destination.business_id, "kind": "secondment"})
    main = NamedEmployer.get(NamedEmployer.kind == "main")
    r = client.post(f"/apply/worker/{application.id}/rows/employers/{main.id}/delete", headers={"HX-Request": "true"})
    assert r.status_code == 200 and NamedEmployer.select().count() == 0
    assert "affiliation" in worker_missing_fields(reload(application))


# --- identity document and face photo -----------------------------------------------------------


@pytest.mark.parametrize(
    "image, message",
    [
        (jpeg((200, 257)), "顔写真が小さすぎます"),
        (jpeg((400, 400)), "縦長"),
        (b"this is not a picture", "JPEG・PNG・PDF のファイルだけ"),
        (f.PDF_DATA, "JPEG・PNG・PDF のファイルだけ"),
    ],
)
def test_face_photo_that_is_too_small_or_the_wrong_shape_is_refused(client, applicant, image, message):
    application = start(client)
    r = save(
        client,
        application,
        "documents",
        {"id_document": "my_number", **files(id_image=(jpeg((800, 500)), "card.jpg"), face_photo=(image, "face.jpg"))},
    )
    assert r.status_code == 400 and message in r.text
    assert 'selected value="my_number"' in r.text  # the choice stays
    assert not Attachment.select().where(Attachment.purpose == "face_photo").exists()
    # The identity document that passed is kept, so only the photo has to be chosen again.
    assert Attachment.select().where(Attachment.purpose == "id_document").count() == 1
    r = save(client, application, "documents", {"id_document": "my_number", **files(face_photo=(jpeg(), "face.jpg"))})
    assert r.status_code == 302
    assert reload(application).worker.id_document == "my_number"


def test_documents_need_an_image_and_a_face_photo(client, applicant):
    application = start(client)
    r = save(client, application, "documents", {"id_document": ""})
    assert r.status_code == 400
    for message in ("本人確認書類を選んでください", "本人確認書類の画像を添付してください", "顔写真を添付してください"):
        assert message in r.text


def test_address_from_the_licence_back_needs_the_back_image(client, applicant):
    application = start(client)
    assert save(client, application, "contact", {**CONTACT, "address_from_licence_back": "y"}).status_code == 302
    assert "運転免許証の裏面" in client.get(f"/apply/worker/{application.id}/documents").text
    r = documents(client, application, "my_number")
    assert r.status_code == 400 and "運転免許証を選んでください" in r.text
    r = documents(client, application)
    assert r.status_code == 400 and "裏面の画像を添付してください" in r.text
    assert "attachment:id_document_back" in worker_missing_fields(reload(application))["documents"]
    r = save(
        client,
        application,
        "documents",
        {"id_document": "driving_licence", **files(back_image=(jpeg((800, 500)), "back.jpg"))},
    )
    assert r.status_code == 302
    assert "documents" not in worker_missing_fields(reload(application))


def test_a_photo_id_gives_a_ten_year_card_and_no_photo_id_is_refused_online(app):
    day = dt.date(2026, 11, 25)
    cards = {}
    for id_document in ("residence_card",):
        client = app.test_client()
        f.login(client, f.account())
        application = start(client, FOREIGN, no_kana_on_document="y")
        fill(client, application, f.company()[0], id_document=id_document)
        assert client.post(f"/apply/worker/{application.id}/submit", data=PAY).status_code == 302
        worker = approve_and_pay(application, day)
        cards[id_document] = Card.current_for(worker).valid_until
    assert cards == {"residence_card": dt.date(2036, 11, 24)}
    client = app.test_client()
    f.login(client, f.account())
    application = start(client, FOREIGN, no_kana_on_document="y")
    r = steps.documents(client, application, "no_photo")
    assert r.status_code == 400 and "窓口で顔の確認が必要なため、インターネットでは申請できません" in r.text


# --- submission ---------------------------------------------------------------------------------


def test_submission_waits_until_every_section_is_complete(client, applicant, employer):
    application = start(client)
    r = client.post(f"/apply/worker/{application.id}/submit", data=PAY)
    assert r.status_code == 400 and "まだ申請できません" in r.text
    for label in ("住所", "主たる職種", "健康保険", "所属事業者", "顔写真"):
        assert label in r.text
    assert reload(application).status == "draft"
    fill(client, application, employer)
    r = client.post(f"/apply/worker/{application.id}/submit", data=PAY)
    assert r.status_code == 302 and r.headers["Location"].endswith("/apply/")
    assert reload(application).status == "submitted"
    assert "審査中" in client.get("/apply/").text
    r = client.get(f"/apply/worker/{application.id}/contact")
    assert r.status_code == 302  # nothing changes while the reviewer looks at it
    r = save(client, application, "contact", {**CONTACT, "address": "別の住所"})
    assert r.status_code == 302 and reload(application).worker.address == CONTACT["address"]


def test_one_worker_registration_per_person(client, applicant):
    application = start(client)
    r = client.post("/apply/worker/new", data=IDENTITY)
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/apply/worker/{application.id}")
    assert client.post("/apply/one-person", data=IDENTITY).status_code == 302
    assert Worker.select().count() == 1 and Company.select().count() == 0
