"""Reading an uploaded bulk application list (一括申請リスト) and turning its good rows into draft proxy
worker applications. The whole sheet is validated in memory through the registration field rules; the
accepted rows are written with a few bulk statements in one transaction. A row is whole or absent, and
a row whose person this company already filed (name + birth date) is skipped, so the fixed file can be
uploaded again."""

import datetime as dt
import io
import json
import zipfile
from collections import namedtuple

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet._reader import WorkSheetParser
from peewee import JOIN, BlobField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from extensions import db
from models.accounts.accounts import Account
from models.accounts.companies import Company
from models.core import jobs, trades
from models.core.base import BaseModel
from models.core.clock import utcnow
from models.core.errors import DomainError
from models.core.jobs import Job
from models.core.sealed import SealedField
from models.core.zips import MB, ZipLimitError, ZipLimits, open_checked
from models.registration.bulk import template as tpl
from models.registration.fields.rules import FieldValueError, clean, cross_errors, empty_value
from models.registration.proxy import ProxyFiling, row_key
from models.registration.proxy_drafts import write_rows

MAX_ROWS = 5000
# Sheet rows read (the 5,000 of a list with room for blank ones) and columns (the template has 20).
MAX_SHEET_ROWS = 10_000
MAX_COLUMNS = 100
# An .xlsx of 5,000 rows holds a sheet of about 6 MB at 16:1 (the 10,000 rows read fit in 12 MB). Every part
# but the sheet is parsed whole: 12 MB of the tiniest shared strings take about 90 MB.
XLSX_LIMITS = ZipLimits(members=200, member_bytes=12 * MB, total_bytes=32 * MB, ratio=100)
PROGRESS_EVERY = 100
DATE_FIELDS = {"birth_date"}
Sheet = namedtuple("Sheet", "version columns titles rows missing")
Problem = namedtuple("Problem", "row column title field code")


class BulkFileError(DomainError):
    """code: unreadable (not an .xlsx), no_header (no known column titles), columns (needed columns
    missing; `detail` lists them), too_many (more than MAX_ROWS rows), newer (a template newer than ours),
    sheet_rows / sheet_columns (past MAX_SHEET_ROWS / MAX_COLUMNS), zip_<ZipLimitError code>; for these
    `detail` holds the limit."""

    def __init__(self, code, detail=()):
        super().__init__(code)
        self.detail = list(detail)


class BulkImport(BaseModel):
    """One upload and the job reading it; the page polls its progress and shows its result."""

    company = ForeignKeyField(Company, backref="bulk_imports")
    account = ForeignKeyField(Account)
    filename = CharField()
    data = BlobField()
    job = ForeignKeyField(Job, null=True)  # its state and progress (an integration package: its decryption)
    password = SealedField(null=True)  # an integration package's, sealed, until its job has run
    source = CharField(default="excel")  # excel (一括申請リスト) / integration (another system's export, Q1-11)
    total = IntegerField(default=0)
    processed = IntegerField(default=0)
    accepted = IntegerField(default=0)
    rejected = IntegerField(default=0)
    skipped = IntegerField(default=0)
    version = IntegerField(null=True)
    file_error = CharField(default="")  # a BulkFileError code when the file could not be read at all
    result = TextField(default="{}")  # JSON: problems, skipped rows, hidden rows, file error detail
    finished_at = DateTimeField(null=True)

    @classmethod
    def of_company(cls, company, source="excel"):
        fields = [f for f in cls._meta.sorted_fields if f.name != "data"]
        return (
            cls.select(*fields, Job).join(Job, JOIN.LEFT_OUTER).where((cls.company == company) & (cls.source == source))
        )

    @property
    def status(self):
        """queued / running / done / failed (the file could not be read, or the job kept dying); an
        integration batch: review until the company has chosen, then done."""
        if self.job_id is None or (self.source == "integration" and self.job.state == "done" and not self.file_error):
            return "done" if self.finished_at else "review"  # an integration batch to choose from
        return "failed" if self.file_error else self.job.state

    @property
    def finished(self):
        return self.status in ("done", "failed")

    @property
    def percent(self):
        return 100 if self.finished else (100 * self.processed // self.total if self.total else 0)

    def outcome(self):
        data = json.loads(self.result or "{}")
        data["problems"] = [Problem(*p) for p in data.get("problems", [])]
        return data


# --- reading the sheet ---------------------------------------------------------------------------


def _number_text(field, number):
    """A numeric cell as the text its field expects; Excel drops leading zeros (Q1-9)."""
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    if field in DATE_FIELDS and isinstance(number, (int, float)) and 1 <= number < 2958466:
        return from_excel(number).date().isoformat()  # an Excel date serial
    text = str(number)
    if field == "kentaikyo_number" and text.isdigit() and len(text) < 9:
        return text.zfill(9)
    if field == "postal_code" and text.isdigit() and len(text) == 6:
        return text.zfill(7)
    if field == "phone" and text.isdigit() and len(text) in (9, 10):
        return "0" + text
    return text


def cell_text(field, value):
    """The text a cell holds, as a person typed it: dates as ISO, numbers with their zeros back."""
    if value is None:
        return ""
    if field == "main_trade" and isinstance(value, dt.date):
        return value.strftime("%m-%d")  # Excel turned a typed 06-01 into 1 June
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    text = _number_text(field, value) if isinstance(value, (int, float)) else str(value).strip()
    return trades.restore_zero(text) if field == "main_trade" else text


def _header(table):
    """(row number, {column index: field}, {field: title}) of the row naming the most known columns."""
    best = (0, {}, {})
    for number in range(1, 13):
        found, titles = {}, {}
        for index, value in sorted(table.get(number, {}).items()):
            field = tpl.field_for_title(value) if isinstance(value, str) else None
            if field and field not in titles:
                found[index], titles[field] = field, str(value).strip()
        if len(found) > len(best[1]):
            best = (number, found, titles)
    return best


def _version(table, header_row):
    for number in range(1, max(header_row - 1, 1) + 1):
        for value in table.get(number, {}).values():
            if (version := tpl.read_version(value)) is not None:
                return version
    return None


def _merged_values(table, merged, header_row, last_row):
    """{(row, column): value} of the cells a merged range covers, from its top-left cell."""
    filled = {}
    for ref in merged:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if max_row <= header_row or min_row > last_row:
            continue
        value = table.get(min_row, {}).get(min_col)
        for row in range(max(min_row, header_row + 1), min(max_row, last_row) + 1):
            for column in range(min_col, max_col + 1):
                filled[(row, column)] = value
    return filled


def _stream_sheet(wb, ws):
    """({row number: {column: value}} of the cells holding something, merged ranges, hidden rows), in
    one streaming pass over the sheet's XML. The sheet's declared size is not trusted (some programs
    write a wrong one, a hostile file claims a million rows): rows are counted as they come and the
    reading stops at the first row past MAX_SHEET_ROWS, so memory stays that of one row."""
    table = {}
    with ws._get_source() as source:
        parser = WorkSheetParser(
            source,
            wb.shared_strings,
            data_only=True,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        for number, cells in parser.parse():
            if number > MAX_SHEET_ROWS:
                raise BulkFileError("sheet_rows", [MAX_SHEET_ROWS])
            values = {c["column"]: c["value"] for c in cells if c["value"] is not None}
            if values and max(values) > MAX_COLUMNS:
                raise BulkFileError("sheet_columns", [MAX_COLUMNS])
            if values:
                table[number] = values
        merged = [m.ref for m in parser.merged_cells.mergeCell] if parser.merged_cells else []
    hidden = {int(n) for n, attrs in parser.row_dimensions.items() if attrs.get("hidden") in ("1", "true")}
    return table, merged, hidden


def check_workbook(data):
    """Refuses a workbook whose zip is over XLSX_LIMITS, from its directory alone. Raises BulkFileError."""
    try:
        open_checked(data, XLSX_LIMITS).close()
    except ZipLimitError as error:
        raise BulkFileError("unreadable" if error.code == "unreadable" else "zip_" + error.code, [error.limit])


def read_workbook(data):
    """The sheet's rows as {field: text}, read by column title; formulas give their saved values.
    Rows with nothing in them (formatted or cleared) are left out. Raises BulkFileError."""
    check_workbook(data)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        ws = wb[tpl.SHEET] if tpl.SHEET in wb.sheetnames else wb.worksheets[0]
        table, merged, hidden = _stream_sheet(wb, ws)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, IndexError, AttributeError, SyntaxError):
        raise BulkFileError("unreadable")
    finally:
        if "wb" in locals():
            wb.close()
    header_row, columns, titles = _header(table)
    if len(columns) < 2:
        raise BulkFileError("no_header")
    version = _version(table, header_row)
    if version is not None and version > tpl.TEMPLATE_VERSION:
        raise BulkFileError("newer")
    missing = [c.field for c in tpl.COLUMNS if c.needed and c.field not in titles]
    last_row = max(table)
    filled = _merged_values(table, merged, header_row, last_row)
    rows = []
    for number in sorted({n for n in table if n > header_row} | {r for r, _c in filled}):
        values = table.get(number, {})
        raw = {}
        for index, field in columns.items():
            value = values.get(index)
            if value is None:
                value = filled.get((number, index))
            raw[field] = cell_text(field, value)
        if any(raw.values()):
            rows.append((number, raw, number in hidden))
            if len(rows) > MAX_ROWS:
                raise BulkFileError("too_many")
    return Sheet(version, columns, titles, rows, missing)


# --- validating -----------------------------------------------------------------------------------


def clean_row(raw):
    """(values to store, {field: error code}) of one row, through the registration field rules."""
    values, errors = {}, {}
    for column in tpl.COLUMNS:
        text = raw.get(column.field, "")
        if column.field == "nationality" and not text.strip():
            text = "日本"  # the template's note: blank means Japan
        if not column.needed and not text.strip():
            values[column.field] = empty_value("worker", column.field)  # to complete in the draft
            continue
        try:
            values[column.field] = clean("worker", column.field, text)
        except FieldValueError as error:
            errors[column.field] = error.code
    for field, code in cross_errors("worker", values).items():
        errors.setdefault(field, code)
    return values, errors


def validate(sheet, taken, progress=None):
    """(accepted [(row, values, key)], problems [Problem], skipped [row]) of the sheet's rows."""
    letters = {field: get_column_letter(index) for index, field in sheet.columns.items()}
    accepted, problems, skipped, seen = [], [], [], {}
    for position, (number, raw, _hidden) in enumerate(sheet.rows, start=1):
        values, errors = clean_row(raw)
        key = None
        if not ({"family_name", "given_name", "birth_date"} & set(errors)):
            key = row_key(values["family_name"], values["given_name"], values["middle_name"], values["birth_date"])
            if key in seen:
                errors["family_name"] = f"duplicate_row:{seen[key]}"
        for field, code in errors.items():
            problems.append(Problem(number, letters.get(field, ""), sheet.titles.get(field, ""), field, code))
        if progress and position % PROGRESS_EVERY == 0:
            progress(position)
        if errors:
            continue
        seen[key] = number
        if key in taken:
            skipped.append(number)
        else:
            accepted.append((number, values, key))
    return accepted, problems, skipped


# --- the job --------------------------------------------------------------------------------------


def start_import(company, account, filename, data):
    """The upload's BulkImport and its queued job (tasks/imports.py runs it)."""
    with db.atomic():
        job = jobs.create("bulk_import", company)
        return BulkImport.create(
            company=company, account=account, filename=(filename or "upload.xlsx")[-120:], data=data, job=job
        )


def _finish(job, run, **fields):
    """The result and the job's end in one transaction: a run that lost its job writes nothing."""
    with db.atomic():
        BulkImport.update(finished_at=utcnow(), **fields).where(BulkImport.id == job.id).execute()
        run.complete()


def run_import(job_id, run):
    """Reads, validates and writes one upload (BulkImport `job_id`) in the job run `run`, recording
    progress and the result. The drafts and the result are one transaction, so a run killed at any
    point left nothing and the next run starts afresh."""
    job = BulkImport.get_by_id(job_id)
    try:
        sheet = read_workbook(bytes(job.data))
        if sheet.missing:
            raise BulkFileError("columns", sheet.missing)
    except BulkFileError as error:
        _finish(job, run, file_error=error.code, result=json.dumps({"detail": error.detail}))
        return
    BulkImport.update(total=len(sheet.rows), version=sheet.version).where(BulkImport.id == job.id).execute()

    def progress(done):
        BulkImport.update(processed=done).where(BulkImport.id == job.id).execute()
        run.progress(100 * done // max(len(sheet.rows), 1))

    accepted, problems, skipped = validate(sheet, ProxyFiling.taken_keys(job.company), progress)
    rejected_rows = {p.row for p in problems}
    result = {
        "problems": [list(p) for p in problems],
        "skipped": skipped,
        "hidden": [number for number, _raw, hidden in sheet.rows if hidden],
        "older": sheet.version is not None and sheet.version < tpl.TEMPLATE_VERSION,
    }
    with db.atomic():
        write_rows(job.company, job.account, accepted, job.id)
        _finish(
            job,
            run,
            processed=len(sheet.rows),
            accepted=len(accepted),
            rejected=len(rejected_rows),
            skipped=len(skipped),
            result=json.dumps(result),
        )
