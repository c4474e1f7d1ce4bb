"""Real .xlsx workbooks for the bulk import tests and the bench, built the way people fill them in."""

import io
import re
import zipfile

from openpyxl import Workbook, load_workbook

from models.registration.bulk import template as bulk_template

GOOD = {
    "姓": "山田",
    "名": "一郎",
    "セイ": "ヤマダ",
    "メイ": "イチロウ",
    "生年月日": "1985-04-01",
    "性別": "1",
    "国籍": "日本",
    "血液型": "A",
    "郵便番号": "160-0023",
    "住所": "東京都新宿区西新宿1-1",
    "電話番号": "090-1234-5678",
    "職種コード": "0101",
    "経験年数": 5,
    "健康保険": "加入",
    "年金保険": "加入",
    "雇用保険": "適用除外",
    "建退共被共済者番号": "012345678",
    "本人確認書類": "driving_licence",
}


def person(n, **changes):
    """The n-th worker of a crew: a distinct name and birth date, everything else valid."""
    row = dict(GOOD, 名=f"一郎{n}", メイ="イチロウ", 生年月日=f"19{60 + n % 40:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}")
    row.update(changes)
    return row


def template_with(rows, start=bulk_template.FIRST_ROW):
    """The app's own template with `rows` ({heading: value}) typed in from `start`."""
    wb = load_workbook(io.BytesIO(bulk_template.build_template()))
    ws = wb[bulk_template.SHEET]
    columns = {ws.cell(bulk_template.HEADER_ROW, c).value: c for c in range(1, ws.max_column + 1)}
    for offset, row in enumerate(rows):
        for title, value in row.items():
            ws.cell(start + offset, columns[title], value)
    return wb


def plain_book(headings, rows, title_rows=()):
    """A workbook someone made themselves: optional lines above, then headings and rows."""
    wb = Workbook()
    ws = wb.active
    for line in title_rows:
        ws.append(list(line))
    ws.append(list(headings))
    for row in rows:
        ws.append(list(row))
    return wb


def to_bytes(wb, cached=None):
    """The workbook's bytes; `cached` {cell: value} stores the value Excel would have saved with a formula."""
    out = io.BytesIO()
    wb.save(out)
    data = out.getvalue()
    if not cached:
        return data
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet1"):
                text = content.decode()
                for ref, value in cached.items():
                    kind = "" if isinstance(value, (int, float)) else ' t="str"'
                    text = re.sub(
                        rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?',
                        lambda m, r=ref, v=value, k=kind: f'<c r="{r}"{m.group(1)}{k}><f>{m.group(2)}</f><v>{v}</v>',
                        text,
                    )
                content = text.encode()
            archive.writestr(item, content)
    return target.getvalue()
