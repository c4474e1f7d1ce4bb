"""窓口申請 (seed Q4-6/Q5-2): a document without a photo only at a counter with the face checked; the paper
channel's fee; the card's validity short only when no identity document was submitted (DOMAIN §3)."""

import datetime as dt
import io

from models import Application, Card, Worker
from models.billing import fees
from models.registration.counter import CounterIntake
from tests import factories as f
from tests import test_worker_application as steps

applicant = steps.applicant  # the same fixture as the worker application tests

PERSON = {
    "office": "東京認定登録機関 窓口",
    "family_name": "鈴木",
    "given_name": "一郎",
    "family_kana": "スズキ",
    "given_kana": "イチロウ",
    "birth_date": "1970-05-06",
    "gender": "1",
    "nationality": "日本",
    "postal_code": "160-0023",
    "address": "東京都新宿区西新宿2-8-1",
    "phone": "090-1234-5678",
    "email": "suzuki@example.jp",
    "main_trade": "0201",
    "health_insurance": "enrolled",
    "pension": "enrolled",
    "employment_insurance": "enrolled",
}


def _files(id_image=True):
    files = {"face_photo": (io.BytesIO(steps.jpeg()), "face.jpg")}
    if id_image:
        files["id_image"] = (io.BytesIO(steps.jpeg((800, 500))), "id.jpg")
    return files


def _staff(app):
    client = app.test_client()
    reviewer = f.reviewer()
    f.login(client, reviewer)
    return client, reviewer


def _take(client, id_document, face_checked=True, id_image=True, **extra):
    data = {**PERSON, "id_document": id_document, **_files(id_image), **extra}
    if face_checked:
        data["face_checked"] = "y"
    return client.post("/reviewer/counter", data=data, content_type="multipart/form-data")


def test_the_online_flow_refuses_a_document_without_a_photo_and_says_where_to_go(client, applicant):
    application = steps.start(client)
    for document in ("no_photo", "none"):
        r = steps.documents(client, application, document)
        assert r.status_code == 400 and "窓口で顔の確認が必要なため、インターネットでは申請できません" in r.text
        assert "認定登録機関の窓口" in r.text
    assert steps.reload(application).worker.id_document == ""


def test_a_counter_application_with_a_no_photo_document_needs_the_face_check(app, outbox):
    client, reviewer = _staff(app)
    assert "3,500" in client.get("/reviewer/counter").text  # the paper channel's fee (seed Q6-1)
    r = _take(client, "no_photo", face_checked=False)
    assert r.status_code == 400 and "窓口での顔の照合が必要です" in r.text and "鈴木" in r.text  # typed values kept
    assert not Application.select().exists()
    r = _take(client, "no_photo")
    assert r.status_code == 303
    application = Application.get()
    assert (application.channel, application.status, application.applicant_id) == ("paper", "submitted", reviewer.id)
    intake = CounterIntake.of(application)
    assert intake.face_checked and intake.checked_by_id == reviewer.id and intake.id_document == "no_photo"
    page = client.get(f"/reviewer/applications/{application.id}").text
    assert 'data-testid="counter-intake"' in page and "顔の照合済み" in page and "東京認定登録機関" in page
    r = client.post(f"/reviewer/applications/{application.id}/approve")
    invoice = Application.get_by_id(application.id).invoice()
    assert invoice.amount == 3_500 and invoice.method == "konbini"
    # The notices go to the worker's own address, not to the staff member who took the application.
    assert "システム登録料金額" in outbox.last_to("suzuki@example.jp")["Subject"]
    assert not [m for m in outbox.messages() if m["To"] == reviewer.email]
    f.pay(invoice)
    card = Card.current_for(application.worker)
    assert card.valid_until == card.issued_on.replace(year=card.issued_on.year + 10) - dt.timedelta(days=1)


def test_no_identity_document_gives_the_short_validity_of_the_scheme_in_force(app):
    client, _reviewer = _staff(app)
    r = _take(client, "none", face_checked=False, id_image=False)
    assert r.status_code == 303
    application = Application.get()
    day = dt.date(2026, 11, 25)
    f.pay(application.approve(f.reviewer(), day))
    card = Card.current_for(application.worker)
    assert card.valid_until == card.issued_on.replace(year=card.issued_on.year + 3) - dt.timedelta(days=1)
    # Under the current scheme: 2 years without an identity document, to the birthday after 9 years with one.
    from models.cards.validity import card_valid_until

    assert card_valid_until(day, False, fees.CURRENT_SCHEME, dt.date(1970, 5, 6)) == dt.date(2028, 11, 24)
    assert card_valid_until(day, True, fees.CURRENT_SCHEME, dt.date(1980, 5, 6)) == dt.date(2036, 5, 6)


def test_the_counter_needs_the_face_photo_and_the_document_image(app):
    client, _reviewer = _staff(app)
    data = {**PERSON, "id_document": "driving_licence", "face_checked": "y"}
    r = client.post("/reviewer/counter", data=data, content_type="multipart/form-data")
    assert r.status_code == 400 and "顔写真を添付してください" in r.text
    r = _take(client, "driving_licence", id_image=False)
    assert r.status_code == 400 and "本人確認書類の画像を添付してください" in r.text
    assert not Application.select().exists()


def test_a_bad_file_or_employer_is_said_beside_its_own_input_and_nothing_is_kept(app):
    """Every attachment refusal was put beside the face photo, even for the document image."""
    client, _reviewer = _staff(app)
    data = {**PERSON, "id_document": "driving_licence", "face_checked": "y"}
    files = {"face_photo": (io.BytesIO(steps.jpeg()), "face.jpg"), "id_image": (io.BytesIO(b"not an image"), "id.jpg")}
    r = client.post("/reviewer/counter", data={**data, **files}, content_type="multipart/form-data")
    assert r.status_code == 400
    beside = r.text.split('name="id_image"')[1].split('name="face_photo"')[0]
    assert "JPEG・PNG・PDF のファイルだけを添付できます" in beside
    r = _take(client, "driving_licence", employer_id="12345678901234")
    assert r.status_code == 400 and "この事業者IDの登録済み事業者は見つかりません" in r.text
    assert not Application.select().exists() and not Worker.select().exists()
