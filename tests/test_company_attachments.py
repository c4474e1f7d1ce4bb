"""The company application's attachments: stored after sniffing, listed and viewable with safe headers,
refused when they are not what they claim or too large, removable while a draft; others' files 404."""

from models import Attachment, Company
from tests import factories as f
from tests import test_company_application as steps
from tests.test_company_application import BASIC, save, start, upload

PAY = f.SUBMIT  # the agreement to the texts and the fee's method

applicant = steps.applicant  # the same fixture as the first steps


# --- attachments ------------------------------------------------------------------------------


def test_uploaded_document_is_listed_and_viewable_with_safe_headers(client, applicant):
    application = start(client)
    assert upload(client, application, "licence_certificate", filename="許可証.png").status_code == 302
    attachment = Attachment.get()
    assert attachment.company_id == application.company_id and attachment.mime == "image/png"
    page = client.get(f"/apply/company/{application.id}/licence").text
    assert f"/apply/attachments/{attachment.id}" in page and "許可証.png" in page
    r = client.get(f"/apply/attachments/{attachment.id}")
    assert r.status_code == 200 and r.data == f.png_data() and r.mimetype == "image/png"
    assert r.headers["Content-Disposition"].startswith("inline")
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in r.headers["Content-Security-Policy"]


def test_pdf_is_accepted(client, applicant):
    application = start(client)
    assert upload(client, application, "alt_document", data=f.PDF_DATA, filename="nozei.pdf").status_code == 302
    r = client.get(f"/apply/attachments/{Attachment.get().id}")
    assert r.mimetype == "application/pdf"


def test_a_jpg_that_is_really_text_is_refused(client, applicant):
    application = start(client)
    r = upload(
        client,
        application,
        "licence_certificate",
        data=b"<html><script>alert(1)</script></html>",
        filename="certificate.jpg",
    )
    assert (
        r.status_code == 303 and "JPEG・PNG・PDF のファイルだけ" in client.get(r.headers["Location"]).text
    )  # a GET-able error URL
    assert Attachment.select().count() == 0


def test_an_oversize_file_is_refused(client, applicant):
    application = start(client)
    r = upload(
        client, application, "licence_certificate", data=b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024), filename="big.jpg"
    )
    assert (
        r.status_code == 303 and "ファイルが大きすぎます" in client.get(r.headers["Location"]).text
    )  # a GET-able error URL
    assert Attachment.select().count() == 0


def test_upload_by_htmx_answers_the_documents_block_only(client, applicant):
    application = start(client)
    r = upload(client, application, "insurance_health", headers={"HX-Request": "true"})
    assert r.status_code == 200 and 'id="attachments"' in r.text and "<html" not in r.text
    assert "添付しました" in r.text


def test_unknown_purpose_is_refused(client, applicant):
    application = start(client)
    assert upload(client, application, "face_photo").status_code == 404


def test_draft_files_can_be_removed(client, applicant):
    application = start(client)
    upload(client, application, "licence_certificate")
    attachment = Attachment.get()
    r = client.post(f"/apply/company/{application.id}/attachments/{attachment.id}/delete")
    assert r.status_code == 302 and Attachment.select().count() == 0


def test_other_applicants_files_and_applications_answer_404(client, app, applicant):
    other_client = app.test_client()
    f.login(other_client, f.account(email="other@example.jp"))
    other = start(other_client)
    upload(other_client, other, "licence_certificate")
    theirs = Attachment.get()
    worker_file = Attachment.store(
        f.png_data(), "face.png", "face_photo", worker=f.submitted_worker_application().worker
    )
    assert client.get(f"/apply/attachments/{theirs.id}").status_code == 404
    assert client.get(f"/apply/attachments/{worker_file.id}").status_code == 404
    assert client.get(f"/apply/company/{other.id}/basic").status_code == 404
    assert save(client, other, "basic", BASIC).status_code == 404
    assert upload(client, other, "licence_certificate").status_code == 404
    assert client.post(f"/apply/company/{other.id}/attachments/{theirs.id}/delete").status_code == 404
    assert client.post(f"/apply/company/{other.id}/submit", data=PAY).status_code == 404
    assert Attachment.select().count() == 2 and Company.get_by_id(other.company_id).name == ""
