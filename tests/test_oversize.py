"""An upload over the 10 MB request limit (413) returns to its form: the message beside the file field,
everything typed kept — never a bare error page."""

import io

from tests import factories as f
from tests.test_worker_application import jpeg, start

ELEVEN_MB = jpeg() + b"\0" * (11 * 1024 * 1024)


def test_an_11_mb_phone_photo_returns_to_the_form_with_the_message_beside_it(client):
    f.login(client, f.account(name="山田 太郎"))
    application = start(client)
    data = {
        "id_document": "passport",
        "id_image": (io.BytesIO(jpeg((800, 500))), "passport.jpg"),
        "face_photo": (io.BytesIO(ELEVEN_MB), "IMG_0001.jpg"),
    }
    r = client.post(f"/apply/worker/{application.id}/documents", data=data, content_type="multipart/form-data")
    assert r.status_code == 400 and "<form" in r.text
    assert "ファイルが大きすぎます（上限 5MB）" in r.text  # beside the field, the limit the form states
    assert '<option selected value="passport">' in r.text or 'value="passport" selected' in r.text  # kept


def test_an_oversize_company_document_says_so_on_its_section(client):
    from tests.test_company_application import start as company_start

    f.login(client, f.account())
    application = company_start(client)
    data = {"purpose": "licence_certificate", "file": (io.BytesIO(ELEVEN_MB), "licence.jpg")}
    r = client.post(f"/apply/company/{application.id}/attachments", data=data, content_type="multipart/form-data")
    assert r.status_code == 303
    assert "ファイルが大きすぎます（上限 5MB）" in client.get(r.headers["Location"]).text
