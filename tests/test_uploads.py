"""Uploads that hold: a picture with too many pixels is refused with a message (never a 500, also past
Pillow's bomb limit), photos are stored at the size they are used at, the card image never decodes a
full-size photo, and an application holds a bounded number of files."""

import io
import struct
import zlib

from PIL import Image

from documents.cardimage import render_card_png
from models import Attachment
from models.registration.attachments import DOCUMENT_MAX_SIDE, FACE_STORED, MAX_FILES
from tests import factories as f
from tests import test_company_application as company_app
from tests import test_worker_application as worker_app


def _png(size, mode="1"):
    """A real PNG; one bit per pixel keeps a huge one small (the issue's was 17 KB)."""
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def _png_header_only(width, height):
    """A PNG that claims width×height pixels, past Pillow's decompression-bomb limit."""

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")


def _jpeg(size, exif_gps=False):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (180, 190, 200))
    exif = Image.Exif()
    if exif_gps:
        exif[0x010F] = "PhoneMaker"  # camera make, as phones write it
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def _render(app, card):
    with app.test_request_context():
        return render_card_png(card)


def test_an_image_with_too_many_pixels_is_refused_with_a_message(client):
    f.login(client, f.account())
    application = company_app.start(client)
    huge = _png((10_500, 13_500))
    assert len(huge) < 100_000
    for data in (huge, _png_header_only(30_000, 30_000)):
        r = company_app.upload(client, application, "licence_certificate", data=data)
        assert (
            r.status_code == 303
            and "画像の画素数が多すぎます（上限 5000万画素）" in client.get(r.headers["Location"]).text
        )  # a GET-able error URL
    assert not Attachment.select().exists()


def test_face_photo_is_stored_at_card_resolution_and_documents_scaled_down(client):
    f.login(client, f.account())
    application = worker_app.start(client)
    r = worker_app.save(
        client,
        application,
        "documents",
        {
            "id_document": "my_number",
            **worker_app.files(
                id_image=(_jpeg((4000, 3000), exif_gps=True), "card.jpg"),
                face_photo=(_png((2940, 3780), "RGB"), "face.png"),
            ),
        },
    )
    assert r.status_code == 302, r.text
    face = Attachment.get(Attachment.purpose == "face_photo")
    with Image.open(io.BytesIO(bytes(face.data))) as photo:
        assert photo.size == FACE_STORED and photo.format == "JPEG"
    assert face.mime == "image/jpeg" and face.size == len(bytes(face.data)) < 100_000
    document = Attachment.get(Attachment.purpose == "id_document")
    with Image.open(io.BytesIO(bytes(document.data))) as scan:
        assert max(scan.size) == DOCUMENT_MAX_SIDE and scan.size == (2400, 1800)
        assert 0x010F not in scan.getexif()  # the camera's metadata is not kept


def test_card_image_draws_the_stored_photo_and_never_a_full_size_one(app):
    _acc, _company, worker = f.one_person()
    card = worker.cards.get()
    face = Attachment.store(_jpeg((2940, 3780)), "face.jpg", "face_photo", worker=worker)
    with Image.open(io.BytesIO(bytes(face.data))) as photo:
        assert photo.size == FACE_STORED
    with Image.open(io.BytesIO(_render(app, card))) as drawn:
        assert drawn.getpixel((36 + 120, 130 + 154)) == (180, 190, 200)  # the photo's colour
    # A row stored before the limit, far bigger than any card needs, is not decoded to draw a card.
    Attachment.create(
        worker=worker,
        purpose="face_photo",
        filename="old.png",
        mime="image/png",
        size=1,
        sha256="",
        data=_png((10_500, 13_500)),
    )
    with Image.open(io.BytesIO(_render(app, card))) as drawn:
        assert drawn.getpixel((36 + 120, 130 + 154)) == (230, 233, 237)  # the empty photo frame
    Attachment.create(
        worker=worker,
        purpose="face_photo",
        filename="bomb.png",
        mime="image/png",
        size=1,
        sha256="",
        data=_png_header_only(30_000, 30_000),
    )
    with Image.open(io.BytesIO(_render(app, card))) as drawn:
        assert drawn.getpixel((36 + 120, 130 + 154)) == (230, 233, 237)


def test_an_application_holds_a_bounded_number_of_files(client):
    f.login(client, f.account())
    application = company_app.start(client)
    company = application.company
    for n in range(MAX_FILES):
        Attachment.store(f.PDF_DATA, f"doc{n}.pdf", "other", company=company)
    r = company_app.upload(client, application, "licence_certificate")
    assert (
        r.status_code == 303 and f"添付できるファイルは{MAX_FILES}件までです" in client.get(r.headers["Location"]).text
    )  # a GET-able error URL
    assert Attachment.select().where(Attachment.company == company).count() == MAX_FILES


def test_replacing_a_file_at_the_limit_is_allowed(app):
    from models.registration.attachments import AttachmentError
    from models.registration.worker_applications import store_worker_file

    _acc, _company, worker = f.one_person()
    for n in range(MAX_FILES - 1):
        Attachment.store(f.PDF_DATA, f"doc{n}.pdf", "other", worker=worker, ref_id=n)
    store_worker_file(worker, "face_photo", _jpeg((300, 386)), "f.jpg")
    replaced = store_worker_file(worker, "face_photo", _jpeg((600, 772)), "g.jpg")
    assert Attachment.select().where(Attachment.worker == worker).count() == MAX_FILES
    try:
        store_worker_file(worker, "other", f.PDF_DATA, "one-more.pdf", ref_id=99)
    except AttachmentError as error:
        assert error.code == "too_many"
    else:
        raise AssertionError("a file past the limit was stored")
    assert Attachment.get(Attachment.purpose == "face_photo").id == replaced.id
