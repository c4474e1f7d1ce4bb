"""Hostile uploads for the bounds tests and bench/upload_memory.py: each small on the wire, each huge or
broken once opened. Members are written in chunks, so building a bomb never holds it in memory."""

import io
import random
import zipfile

import pyzipper

from tests.bulk_books import person, template_with, to_bytes

CHUNK = 1024 * 1024
SHEET = "xl/worksheets/sheet1.xml"
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def _with_sheet(write_sheet):
    """The app's own template with one row, its first sheet's XML replaced by what `write_sheet(out)`
    writes to the member."""
    good = zipfile.ZipFile(io.BytesIO(to_bytes(template_with([person(1)]))))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in good.infolist():
            if info.filename == SHEET:
                with archive.open(SHEET, "w", force_zip64=True) as member:
                    write_sheet(member)
            else:
                archive.writestr(info, good.read(info))
    return out.getvalue()


def xlsx_bomb(megabytes):
    """A workbook whose sheet inflates to `megabytes` MB of blank space inside <sheetData>."""

    def write(member):
        member.write((SHEET_START + "<sheetData>").encode())
        blank = b" " * CHUNK
        for _ in range(megabytes):
            member.write(blank)
        member.write(b"</sheetData></worksheet>")

    return _with_sheet(write)


def xlsx_string_table(megabytes):
    """A workbook whose shared-string table (parsed whole by any reader) holds `megabytes` MB of the
    tiniest strings, and whose sheet points at them."""
    good = zipfile.ZipFile(io.BytesIO(to_bytes(template_with([person(1)]))))
    out = io.BytesIO()
    rels = b'<Relationship Id="rIdSS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    rels += b'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    override = b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument'
    override += b'.spreadsheetml.sharedStrings+xml"/></Types>'
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in good.infolist():
            raw = good.read(info)
            if info.filename == "xl/_rels/workbook.xml.rels":
                raw = raw.replace(b"</Relationships>", rels)
            raw = raw.replace(b"</Types>", override)
            archive.writestr(info, raw)
        with archive.open("xl/sharedStrings.xml", "w") as member:
            member.write(
                b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            n, written = 0, 0
            while written < megabytes * CHUNK:
                chunk = "".join(f"<si><t>{(i * 7919) % 99991}</t></si>" for i in range(n, n + 10_000)).encode()
                member.write(chunk)
                n, written = n + 10_000, written + len(chunk)
            member.write(b"</sst>")
    return out.getvalue()


def many_rows(rows, dimension="A1:XFD1048576", filled=True):
    """A workbook claiming (in <dimension>) and holding `rows` rows, the headings in row 3 as the
    template has them and after them rows with one digit in column B (filled) or empty rows, as short as
    XML allows and spaced at random so that a million of them stay within the size and ratio limits."""
    good = zipfile.ZipFile(io.BytesIO(to_bytes(template_with([person(1)]))))
    header = good.read(SHEET).decode()
    start = header.index("<row ", header.index("<sheetData>"))
    third = header.index('<row r="3"', start)
    header_rows = header[third : header.index("</row>", third) + len("</row>")]

    spaces = random.Random(rows)

    def gap():
        return spaces.choice(("", " ", "\n", "\t"))

    def write(member):
        member.write(f'{SHEET_START}<dimension ref="{dimension}"/><sheetData>{header_rows}'.encode())
        batch = []
        for number in range(4, rows + 4):
            batch.append(f'<row r="{number}"><c r="B{number}"><v>1</v></c></row>' if filled else "<row/>" + gap())
            if len(batch) == 10_000:
                member.write("".join(batch).encode())
                batch = []
        member.write(("".join(batch) + "</sheetData></worksheet>").encode())

    return _with_sheet(write)


def images_zip_bomb(members, megabytes_each):
    """A zip of images named as the bulk list wants, each inflating to `megabytes_each` MB of zeros."""
    out = io.BytesIO()
    zeros = b"\0" * CHUNK
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(members):
            with archive.open(f"{4 + n}_face.png", "w", force_zip64=True) as member:
                member.write(b"\x89PNG\r\n\x1a\n")
                for _ in range(megabytes_each):
                    member.write(zeros)
    return out.getvalue()


def corrupt_crc(image, name="4_face.png"):
    """A zip of one image stored as is, one byte of its data changed after the CRC was taken."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(name, image)
    data = bytearray(out.getvalue())
    at = data.index(image[:16]) + len(image) // 2
    data[at] ^= 0xFF
    return bytes(data)


def huge_aes_entry(megabytes, password):
    """An AES-encrypted integration package whose CSV inflates to `megabytes` MB."""
    out = io.BytesIO()
    header = b"family_name,given_name,birth_date\n"
    with pyzipper.AESZipFile(out, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as archive:
        archive.setpassword(password.encode())
        with archive.open("workers.csv", "w", force_zip64=True) as member:
            member.write(header)
            for _ in range(megabytes):
                member.write(b"\n" * CHUNK)
    return out.getvalue()
