"""System-integration import (Q1-11): workers exported by another safety-document system, delivered as an
AES-encrypted zip holding one CSV or JSON file, the password sent separately. The rows go through the same
field rules as the bulk list; the company chooses which become proxy drafts. The format is written once
here (FORMAT) and shown as the downloadable specification and in the README."""

import csv
import io
import json
import zlib

import pyzipper
from flask_babel import gettext

from extensions import db
from models.core import jobs
from models.core.clock import utcnow
from models.core.errors import DomainError
from models.core.zips import MB, ZipLimitError, ZipLimits, open_checked
from models.registration.bulk import template as tpl
from models.registration.bulk.imports import BulkImport, Sheet, validate
from models.registration.proxy import ProxyFiling
from models.registration.proxy_drafts import write_rows

MAX_ROWS = 5000
# One file of up to 5,000 workers (about 2 MB of CSV) and perhaps a readme beside it.
PACKAGE_LIMITS = ZipLimits(members=20, member_bytes=8 * MB, total_bytes=8 * MB, ratio=100)
FIELDS = [c.field for c in tpl.COLUMNS]


class IntegrationError(DomainError):
    """code: unreadable (not a zip), password (wrong or missing), not_encrypted (a plain zip: refused so
    personal data never travels open), no_file (no .csv/.json inside), format (the file cannot be parsed),
    too_many (more than MAX_ROWS workers), corrupt (the data fails its check value while decrypting)."""


def _key_field(key):
    key = (key or "").strip()
    return key if key in FIELDS else tpl.field_for_title(key)


def _parse_csv(raw):
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise IntegrationError("format")
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
        rows = [dict(zip(header, values)) for values in reader if any(v.strip() for v in values)]
    except (StopIteration, csv.Error):
        raise IntegrationError("format")
    return rows


def _parse_json(raw):
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise IntegrationError("format")
    rows = data.get("workers") if isinstance(data, dict) else data
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise IntegrationError("format")
    return rows


def _package_file(data, password):
    """(archive, the CSV/JSON member) once the zip is within PACKAGE_LIMITS, encrypted, and the password
    opens it (AES keeps a check value beside the data: nothing is decrypted to know). Raises
    IntegrationError, or ZipLimitError naming a limit."""
    try:
        archive = open_checked(data, PACKAGE_LIMITS, opener=pyzipper.AESZipFile)
    except ZipLimitError as error:
        if error.code == "unreadable":
            raise IntegrationError("unreadable")
        raise
    infos = [i for i in archive.infolist() if not i.is_dir() and i.filename.lower().endswith((".csv", ".json"))]
    if not infos:
        raise IntegrationError("no_file")
    info = infos[0]
    if not info.flag_bits & 0x1:
        raise IntegrationError("not_encrypted")
    archive.setpassword((password or "").encode())
    try:
        archive.open(info).close()
    except (RuntimeError, pyzipper.BadZipFile, ValueError, NotImplementedError, zlib.error):
        raise IntegrationError("password")
    return archive, info


def read_package(data, password):
    """[{field: text}] of the workers in the encrypted zip. Raises IntegrationError or ZipLimitError."""
    archive, info = _package_file(data, password)
    try:
        raw = archive.read(info)
    except (RuntimeError, pyzipper.BadZipFile, ValueError, NotImplementedError, zlib.error, EOFError):
        raise IntegrationError("corrupt")
    rows = (_parse_json if info.filename.lower().endswith(".json") else _parse_csv)(raw)
    if len(rows) > MAX_ROWS:
        raise IntegrationError("too_many")
    result = []
    for row in rows:
        fields = {}
        for key, value in row.items():
            field = _key_field(str(key))
            if field and field not in fields:
                fields[field] = "" if value is None else str(value).strip()
        result.append(fields)
    return result


def queue_package(company, account, filename, data, password):
    """Keeps the encrypted upload, and its password sealed, for the job that decrypts it, once its sizes,
    its encryption and the password are checked (cheaply, in the request). Raises IntegrationError or
    ZipLimitError. Start the job with tasks.imports.run_integration_import(package.job_id)."""
    _package_file(data, password)
    with db.atomic():
        job = jobs.create("integration_import", company)
        return BulkImport.create(
            company=company,
            account=account,
            filename=(filename or "integration.zip")[-120:],
            data=data,
            password=password,
            source="integration",
            job=job,
        )


def run_package(package_id, run):
    """The job: decrypts and reads the package, then keeps its rows for the company to choose from in
    place of the encrypted file, and wipes the password; or records why it could not. The result and the
    job's end are one transaction (a run that lost its job writes nothing)."""
    package = BulkImport.select().where(BulkImport.id == package_id).get()
    try:
        rows = read_package(bytes(package.data), package.password or "")
    except (IntegrationError, ZipLimitError) as error:
        code = error.code if isinstance(error, IntegrationError) else "zip_" + error.code
        fields = {"file_error": code, "data": b"", "result": json.dumps({"detail": [getattr(error, "limit", None)]})}
        fields["finished_at"] = utcnow()
    else:
        fields = {"data": json.dumps(rows, ensure_ascii=False).encode(), "total": len(rows), "processed": len(rows)}
    with db.atomic():
        BulkImport.update(password=None, **fields).where(BulkImport.id == package.id).execute()
        run.complete()


def review(job):
    """(accepted [(n, values, key)], problems, skipped) of a staged batch, numbered from 1."""
    rows = json.loads(bytes(BulkImport.select(BulkImport.data).where(BulkImport.id == job.id).scalar()).decode())
    titles = {c.field: f"{c.field}（{c.title}）" for c in tpl.COLUMNS}  # a problem names the key, not a column
    sheet = Sheet(None, {}, titles, [(n, raw, False) for n, raw in enumerate(rows, start=1)], [])
    return validate(sheet, ProxyFiling.taken_keys(job.company))


def take_chosen(job, chosen):
    """The chosen good rows become proxy drafts, in one transaction. Returns how many were taken."""
    accepted, _problems, _skipped = review(job)
    picked = [row for row in accepted if row[0] in set(chosen)]
    write_rows(job.company, job.account, picked, job.id)
    BulkImport.update(accepted=BulkImport.accepted + len(picked), processed=job.total, finished_at=utcnow()).where(
        BulkImport.id == job.id
    ).execute()
    return len(picked)


def specification():
    """The exchange format as Markdown, in the current locale: the file, its columns, their rules and the codes."""
    lines = [
        "# " + gettext("CareerUp システム連携ファイル仕様"),
        "",
        gettext(
            "AES暗号化zip（AES-256）に、UTF-8（BOM可）またはShift_JISのCSV 1ファイル、"
            'または UTF-8 のJSON 1ファイル（{"workers": [...]}）を入れてください。パスワードは別の手段で送ります。'
        ),
        "",
        "| key | " + gettext("見出し | 必須 | 内容 |"),
        "|---|---|---|---|",
    ]
    for column in tpl.COLUMNS:
        note = str(column.note)
        if column.table:
            note += " (" + ", ".join(f"{code}={label}" for code, label in column.table) + ")"
        required = gettext("○") if column.needed else ""
        lines.append(f"| {column.field} | {column.title} | {required} | {note} |")
    lines += ["", gettext("CSV: key か見出しを1行目に。JSON: key を項目名に。")]
    return "\n".join(lines) + "\n"
