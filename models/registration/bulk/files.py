"""Attachments for many workers at once: a zip of images, each named by the row number of the bulk list
or by the worker's name, and what it shows (顔写真 / 本人確認書類 / 裏面). Each file is matched to a
proxy draft and stored through the same checks as a single upload (a signed consent form, 同意書, records
the worker's consent as the single form does); the report lists what went where,
the files that matched nothing, and the drafts still missing a required image."""

import functools
import os
import re
import unicodedata
import zipfile
import zlib
from collections import namedtuple

from models.accounts.worker_rules import back_image_needed
from models.core.errors import DomainError
from models.core.numbers import int_or_none
from models.core.zips import MB, ZipLimitError, ZipLimits, open_checked
from models.registration.attachments import MAX_BYTES, Attachment, AttachmentError
from models.registration.proxy import ProxyError, record_paper_consent
from models.registration.worker_applications import store_worker_file

MAX_FILES = 500
# Photos and scans do not compress: a zip that inflates past 64 MB or 20:1 holds no photos. Folders and
# __MACOSX copies count as members, hence twice MAX_FILES.
IMAGES_LIMITS = ZipLimits(members=2 * MAX_FILES, member_bytes=64 * MB, total_bytes=64 * MB, ratio=20)
# what a file name says it shows → attachment purpose
KINDS = {
    "face": "face_photo",
    "photo": "face_photo",
    "顔": "face_photo",
    "顔写真": "face_photo",
    "写真": "face_photo",
    "id": "id_document",
    "本人確認": "id_document",
    "本人確認書類": "id_document",
    "表": "id_document",
    "idback": "id_document_back",
    "back": "id_document_back",
    "裏": "id_document_back",
    "裏面": "id_document_back",
    "consent": "proxy_consent",  # the signed 代行申請同意書: records the worker's consent to the filing
    "同意書": "proxy_consent",
    "代行申請同意書": "proxy_consent",
}
Stored = namedtuple("Stored", "filename row name purpose")
Unmatched = namedtuple("Unmatched", "filename reason")  # reason: kind / no_row / ambiguous / an AttachmentError code
Missing = namedtuple("Missing", "row name purposes")


class ZipError(DomainError):
    """code: unreadable / too_many / encrypted"""


def _member_name(info):
    """The file's name as its author typed it: Windows zips store Japanese names in Shift_JIS unflagged."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("cp932")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return os.path.basename(name.replace("\\", "/"))


def zip_members(data):
    """[(file name, read)] of the files in the zip, folders and system files left out, once the zip's
    sizes are within IMAGES_LIMITS; `read()` gives a file's bytes (None when bigger than one upload),
    so one file at a time is in memory. Raises ZipError or ZipLimitError."""
    try:
        archive = open_checked(data, IMAGES_LIMITS)
    except ZipLimitError as error:
        if error.code == "unreadable":
            raise ZipError("unreadable")
        raise
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > MAX_FILES:
        raise ZipError("too_many")
    members = []
    for info in infos:
        name = _member_name(info)
        if not name or name.startswith(".") or "__MACOSX" in info.filename:
            continue
        if info.flag_bits & 0x1:
            raise ZipError("encrypted")
        members.append((name, functools.partial(_read_member, archive, info)))
    return members


def _read_member(archive, info):
    """The member's bytes, None when bigger than one upload (refused unread); raises AttachmentError
    when its data is corrupt (a bad CRC or deflate stream)."""
    if info.file_size > MAX_BYTES:
        return None
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
        raise AttachmentError("unreadable")


def _squash(text):
    return re.sub(r"[\s_\-・.]", "", unicodedata.normalize("NFKC", text or "")).lower()


def _split(filename):
    """(who, purpose) from 「4_face.jpg」「山田一郎_本人確認.png」「山田 一郎-裏.jpg」; purpose None if unsaid."""
    stem = unicodedata.normalize("NFKC", filename.rsplit(".", 1)[0]).strip()
    match = re.fullmatch(r"(.+?)[\s_\-]+([^\s_\-]+)", stem)
    if not match:
        return stem, None
    who, kind = match.groups()
    return who, KINDS.get(_squash(kind))


def _store(filing, purpose, data, filename, actor):
    """An image on the worker's draft, or the signed consent form recorded as the worker's consent."""
    if purpose == "proxy_consent":
        return record_paper_consent(filing, actor, filing.worker.full_name, (), data, filename)
    return store_worker_file(filing.worker, purpose, data, filename)


def attach_zip(filings, members, actor=None):
    """Stores each file on the draft it names (`actor` records signed consent forms). Returns
    (stored, unmatched, missing)."""
    by_row = {f.source_row: f for f in filings if f.source_row is not None}
    by_name = {}
    for f in filings:
        by_name.setdefault(_squash(f.worker.full_name), []).append(f)
    stored, unmatched = [], []
    for filename, read in members:
        who, purpose = _split(filename)
        if purpose is None:
            unmatched.append(Unmatched(filename, "kind"))
            continue
        who = unicodedata.normalize("NFKC", who)
        row = int_or_none(who)
        candidates = [by_row[row]] if row in by_row else by_name.get(_squash(who), [])
        if len(candidates) != 1:
            unmatched.append(Unmatched(filename, "ambiguous" if candidates else "no_row"))
            continue
        filing = candidates[0]
        try:
            data = read()
            if data is None:
                raise AttachmentError("too_large")
            _store(filing, purpose, data, filename, actor)
        except (AttachmentError, ProxyError) as error:
            unmatched.append(Unmatched(filename, error.code))
            continue
        stored.append(Stored(filename, filing.source_row, filing.worker.full_name, purpose))
    return stored, unmatched, missing_images(filings)


def missing_images(filings):
    """The drafts still without a required image: the face photo, the ID document (and its back when needed)."""
    drafts = [f for f in filings if f.application.status in ("draft", "returned")]
    have = {}
    workers = [f.worker_id for f in drafts]
    if workers:
        query = Attachment.select(Attachment.worker, Attachment.purpose).where(Attachment.worker.in_(workers))
        for worker_id, purpose in query.tuples():
            have.setdefault(worker_id, set()).add(purpose)
    missing = []
    for f in drafts:
        needed = ["face_photo", "id_document"] + (["id_document_back"] if back_image_needed(f.worker) else [])
        lacking = [p for p in needed if p not in have.get(f.worker_id, set())]
        if lacking:
            missing.append(Missing(f.source_row, f.worker.full_name, lacking))
    return missing
