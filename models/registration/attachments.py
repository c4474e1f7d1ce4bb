"""Attached documents (JPEG/PNG/PDF), sniffed by content and size-limited, kept in the database
so a PaaS with an ephemeral disk loses nothing."""

import hashlib
import io
import warnings

from flask_babel import lazy_gettext as _l
from peewee import BlobField, CharField, ForeignKeyField, IntegerField

from models.accounts.companies import Company
from models.accounts.workers import Worker
from models.core.base import BaseModel
from models.core.errors import DomainError

MAX_BYTES = 5 * 1024 * 1024
ALLOWED = {"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}

# purpose code → label
PURPOSES = {
    "licence_certificate": _l("建設業許可証明書・許可通知書"),
    "alt_document": _l("事業者確認書類（許可がない場合）"),
    "commercial_register": _l("履歴事項全部証明書（納税証明書とあわせて）"),
    "insurance_health": _l("健康保険の加入を確認できる書類"),
    "insurance_pension": _l("厚生年金の加入を確認できる書類"),
    "insurance_employment": _l("雇用保険の加入を確認できる書類"),
    "id_document": _l("本人確認書類"),
    "id_document_back": _l("本人確認書類（裏面）"),
    "face_photo": _l("顔写真"),
    "qualification": _l("資格証明書"),
    "education": _l("卒業証明書"),
    "proxy_consent": _l("代行申請同意書（署名済み）"),
    "other": _l("その他"),
}


def purpose_label(purpose):
    return PURPOSES.get(purpose, PURPOSES["other"])


# Face photo (DOMAIN §4): 294×378 px portrait; we accept from that size up at the same shape and
# store it at exactly that size, the resolution the card and the review page use.
FACE_MIN = (294, 378)
FACE_STORED = FACE_MIN
FACE_RATIO = 294 / 378
FACE_RATIO_TOLERANCE = 0.06

# More pixels than any phone camera or scanner page: a 17 KB PNG can claim 140 million of them and
# take seconds and most of a gigabyte to decode, so such a file is refused from its header alone.
MAX_PIXELS = 50_000_000
# Document images (licences, certificates) are kept no larger than an A4 page at 200 dpi: every
# character stays readable for the reviewer, and nobody is served a 50-megapixel photo.
DOCUMENT_MAX_SIDE = 2400
# Files one company or worker can hold (each replacement removes the file it replaces).
MAX_FILES = 30


class AttachmentError(DomainError):
    """code: empty / too_large / type / unreadable / too_many_pixels / face_small / face_shape / too_many"""


def sniff(data):
    """The real type by magic bytes, whatever the file name or browser says."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def _open_checked(data):
    """The image behind `data`, its pixel count checked from the header before anything is decoded."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            img = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise AttachmentError("too_many_pixels")
    if img.width * img.height > MAX_PIXELS:
        img.close()
        raise AttachmentError("too_many_pixels")
    return img


def _encoded(img, mime):
    out = io.BytesIO()
    if mime == "image/png":
        img.save(out, "PNG", optimize=True)
    else:
        img.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
    return out.getvalue()


def prepare_image(data, mime, purpose):
    """The bytes to keep for an upload: a PDF as sent; an image checked (decodes, not too many pixels,
    a face photo big enough and portrait 294:378), turned upright, stripped of its metadata (camera,
    GPS) and scaled down to what is used: the face photo to FACE_STORED, documents to DOCUMENT_MAX_SIDE.
    A document image already that small and without metadata is kept byte for byte."""
    if mime == "application/pdf":
        if purpose == "face_photo":
            raise AttachmentError("type")
        return data
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with _open_checked(data) as img:
            img.verify()
        with _open_checked(data) as img:
            upright = ImageOps.exif_transpose(img)
            if purpose == "face_photo":
                width, height = upright.size
                if width < FACE_MIN[0] or height < FACE_MIN[1]:
                    raise AttachmentError("face_small")
                if abs(width / height - FACE_RATIO) > FACE_RATIO_TOLERANCE:
                    raise AttachmentError("face_shape")
                small = ImageOps.fit(upright.convert("RGB"), FACE_STORED, Image.Resampling.LANCZOS)
                return _encoded(small, "image/jpeg")
            if max(img.size) <= DOCUMENT_MAX_SIDE and not img.getexif():
                return data  # already the size it is read at, with nothing about the camera in it
            if upright.mode not in ("1", "L", "LA", "RGB", "RGBA", "P"):
                upright = upright.convert("RGB")
            upright.thumbnail((DOCUMENT_MAX_SIDE, DOCUMENT_MAX_SIDE), Image.Resampling.LANCZOS)
            return _encoded(upright, mime)
    except AttachmentError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise AttachmentError("unreadable")


def _file_count(company, worker):
    owner = Attachment.company == company if company is not None else Attachment.worker == worker
    return Attachment.select().where(owner).count()


class Attachment(BaseModel):
    company = ForeignKeyField(Company, null=True, backref="attachments", on_delete="CASCADE")
    worker = ForeignKeyField(Worker, null=True, backref="attachments", on_delete="CASCADE")
    purpose = CharField()
    ref_id = IntegerField(null=True)  # e.g. the Qualification or Education row it proves
    filename = CharField()
    mime = CharField()
    size = IntegerField()
    sha256 = CharField()
    data = BlobField()

    @classmethod
    def store(cls, data, filename, purpose, company=None, worker=None, ref_id=None):
        """Validates and saves one upload; raises AttachmentError with a code the form turns into text."""
        if not data:
            raise AttachmentError("empty")
        if len(data) > MAX_BYTES:
            raise AttachmentError("too_large")
        mime = sniff(data)
        if mime not in ALLOWED:
            raise AttachmentError("type")
        if (company is not None or worker is not None) and _file_count(company, worker) >= MAX_FILES:
            raise AttachmentError("too_many")
        data = prepare_image(data, mime, purpose)
        safe_name = "".join(c for c in (filename or "file") if c.isalnum() or c in "._-")[-80:] or "file"
        if mime == "image/jpeg" or purpose == "face_photo":
            mime, safe_name = "image/jpeg", safe_name.rsplit(".", 1)[0] + ".jpg"
        return cls.create(
            company=company,
            worker=worker,
            purpose=purpose,
            ref_id=ref_id,
            filename=safe_name,
            mime=mime,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            data=data,
        )

    @classmethod
    def of_company(cls, company):
        return (
            cls.select(cls.id, cls.purpose, cls.filename, cls.mime, cls.size, cls.ref_id, cls.created_at, cls.company)
            .where(cls.company == company)
            .order_by(cls.id)
        )

    @classmethod
    def of_worker(cls, worker):
        return (
            cls.select(cls.id, cls.purpose, cls.filename, cls.mime, cls.size, cls.ref_id, cls.created_at, cls.worker)
            .where(cls.worker == worker)
            .order_by(cls.id)
        )

    def purpose_label(self):
        return purpose_label(self.purpose)


def is_xlsx(data):
    """An Excel workbook (.xlsx) by its content: a zip holding xl/workbook.xml."""
    import zipfile

    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
