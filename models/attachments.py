"""Attached documents (JPEG/PNG/PDF), sniffed by content and size-limited, kept in the database
so a PaaS with an ephemeral disk loses nothing."""

import hashlib
import io

from peewee import BlobField, CharField, ForeignKeyField, IntegerField

from models.base import BaseModel
from models.companies import Company
from models.workers import Worker

MAX_BYTES = 5 * 1024 * 1024
ALLOWED = {"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}

# purpose code → (Japanese label, English label)
PURPOSES = {
    "licence_certificate": ("建設業許可証明書・許可通知書", "Construction licence certificate"),
    "alt_document": ("事業者確認書類（許可がない場合）", "Company document (without a licence)"),
    "insurance_health": ("健康保険の加入を確認できる書類", "Health insurance proof"),
    "insurance_pension": ("厚生年金の加入を確認できる書類", "Pension proof"),
    "insurance_employment": ("雇用保険の加入を確認できる書類", "Employment insurance proof"),
    "id_document": ("本人確認書類", "Identity document"),
    "id_document_back": ("本人確認書類（裏面）", "Identity document (back)"),
    "face_photo": ("顔写真", "Face photo"),
    "qualification": ("資格証明書", "Qualification certificate"),
    "education": ("卒業証明書", "Graduation certificate"),
    "proxy_consent": ("代行申請同意書（署名済み）", "Signed proxy application consent"),
    "other": ("その他", "Other"),
}

# Face photo (DOMAIN §4): 294×378 px portrait; we accept from that size up at the same shape.
FACE_MIN = (294, 378)
FACE_RATIO = 294 / 378
FACE_RATIO_TOLERANCE = 0.06


class AttachmentError(ValueError):
    """code: empty / too_large / type / unreadable / face_small / face_shape"""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def sniff(data):
    """The real type by magic bytes, whatever the file name or browser says."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def check_image(data, mime, purpose):
    """Images must decode; a face photo must be big enough and portrait 294:378."""
    if mime == "application/pdf":
        if purpose == "face_photo":
            raise AttachmentError("type")
        return None
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            img.verify()
        with Image.open(io.BytesIO(data)) as img:
            size = img.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise AttachmentError("unreadable")
    if purpose == "face_photo":
        width, height = size
        if width < FACE_MIN[0] or height < FACE_MIN[1]:
            raise AttachmentError("face_small")
        if abs(width / height - FACE_RATIO) > FACE_RATIO_TOLERANCE:
            raise AttachmentError("face_shape")
    return size


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
        check_image(data, mime, purpose)
        safe_name = "".join(c for c in (filename or "file") if c.isalnum() or c in "._-")[-80:] or "file"
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

    @classmethod
    def of_applicant(cls, account):
        """Files of the companies and workers `account` applied for: what an applicant may open."""
        from models.applications import Application

        mine = Application.select().where(Application.applicant == account)
        companies = mine.select(Application.company).where(Application.company.is_null(False))
        workers = mine.select(Application.worker).where(Application.worker.is_null(False))
        return cls.select().where(cls.company.in_(companies) | cls.worker.in_(workers))

    def purpose_label(self, lang="ja"):
        ja, en = PURPOSES.get(self.purpose, PURPOSES["other"])
        return en if lang == "en" else ja


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
