"""職種 (trade) codes in two namespaces that can never be equal (DOMAIN: CareerUp decisions):

- CareerUp's own table, shipped with the code: 4 digits ("0601"), kept as stored since the start. It is
  not the official CCUS table (our 0601 is 内装仕上工; CCUS 06-01 is とび工), so every label says
  「CareerUp独自コード」 / "CareerUp code".
- The official CCUS table, loaded by an operator from CSV (`flask trades load-official FILE.csv`),
  held as CCUS writes the codes: 大分類-小分類 ("06-01"), source "ccus".

Forms offer the official table once one is loaded, CareerUp's until then; labels resolve both, so
records stored with CareerUp codes keep showing right."""

import csv
import io
import re

from flask import g, has_app_context
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from peewee import CharField

from extensions import db
from models.core.base import BaseModel
from models.core.errors import DomainError
from models.core.i18n import Loaded

CAREERUP_TRADES = [
    ("0101", lazy_pgettext("trade", "とび工")),
    ("0201", lazy_pgettext("trade", "型枠工")),
    ("0301", lazy_pgettext("trade", "鉄筋工")),
    ("0401", lazy_pgettext("trade", "大工")),
    ("0501", lazy_pgettext("trade", "左官")),
    ("0601", lazy_pgettext("trade", "内装仕上工")),
    ("0701", lazy_pgettext("trade", "電気工事")),
    ("0801", lazy_pgettext("trade", "配管工")),
    ("0901", lazy_pgettext("trade", "塗装工")),
    ("1001", lazy_pgettext("trade", "溶接工")),
    ("1101", lazy_pgettext("trade", "土工")),
    ("1201", lazy_pgettext("trade", "建設機械運転工")),
    ("1301", lazy_pgettext("trade", "解体工")),
    ("1401", lazy_pgettext("trade", "防水工")),
    ("1501", lazy_pgettext("trade", "鉄骨工")),
]
CAREERUP_CODES = frozenset(code for code, _name in CAREERUP_TRADES)
OFFICIAL_CODE = re.compile(r"^(\d{2})-?(\d{2})$")
CSV_COLUMNS = ("code", "name_ja", "name_en")


class OfficialTrade(BaseModel):
    code = CharField(unique=True)  # "06-01", as CCUS writes it
    name_ja = CharField()
    name_en = CharField(default="")
    source = CharField(default="ccus")


def _careerup_marked():
    return [(c, _l("%(trade)s（CareerUp独自コード）", trade=name)) for c, name in CAREERUP_TRADES]


def _official():
    """The loaded official entries, read once per app context: a request, or a job (each huey task runs in
    an app context of its own, so a 5,000-row import reads the table once, not three times a row)."""
    if has_app_context() and "official_trades" in g:
        return g.official_trades
    rows = [(t.code, Loaded(t.name_ja, en=t.name_en)) for t in OfficialTrade.select().order_by(OfficialTrade.code)]
    if has_app_context():
        g.official_trades = rows
    return rows


class TradeTable:
    """Iterates as the table forms offer (official when loaded, else CareerUp's, marked); `known()` is
    every code a stored value may hold, official first."""

    def __iter__(self):
        return iter(_official() or _careerup_marked())

    def __bool__(self):
        return True

    def __len__(self):
        return len(_official() or CAREERUP_TRADES)

    def known(self):
        return _official() + _careerup_marked()

    def aliases(self):
        """The offered entries with CareerUp's names unmarked, so a typed 「とび工」 still finds a code."""
        return _official() or CAREERUP_TRADES


TRADES = TradeTable()


def document_labels():
    """{code: name} in the current language without the CareerUp marker: a printed form names the
    trade in its cell and says once, in a footnote (`careerup_note`), which codes are CareerUp's."""
    return {c: str(name) for c, name in _official() + CAREERUP_TRADES}


def careerup_note(used):
    """The footnote a printed form carries when one of the trade codes `used` is CareerUp's, else ''."""
    from flask_babel import gettext

    if not CAREERUP_CODES.intersection(used):
        return ""
    return gettext("職種は CareerUp 独自コードの名称です（建設キャリアアップシステムの公式コードではありません）。")


def restore_zero(text):
    """A trade code that lost its leading zero in Excel (601 for 0601) as the one offered code it can be;
    anything else as typed."""
    if not (text.isdigit() and len(text) == 3):
        return text
    offered = {code for code, _label in TRADES}
    return "0" + text if text not in offered and "0" + text in offered else text


class TradeFileError(DomainError):
    """The official trade CSV has bad rows; `problems` lists (row number, message)."""

    def __init__(self, problems):
        super().__init__("trade_file", problems)
        self.problems = problems


def parse_official(data):
    """(code, name_ja, name_en) rows of an operator's CSV (UTF-8, with or without BOM, or Shift_JIS),
    or TradeFileError naming every bad row by its line number."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp932")
        except UnicodeDecodeError:
            raise TradeFileError(
                [(0, "文字コードが読めません（UTF-8かShift_JISで保存してください） / unreadable encoding")]
            )
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [c for c in CSV_COLUMNS[:2] if c not in header]
    if missing:
        raise TradeFileError(
            [(1, f"見出しに {', '.join(missing)} の列がありません / header lacks {', '.join(missing)}")]
        )
    rows, problems, seen = [], [], {}
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        cell = dict(zip(header, (v.strip() for v in values)))
        match = OFFICIAL_CODE.match(cell.get("code", ""))
        if not match:
            problems.append((number, f"code「{cell.get('code', '')}」は 06-01 の形ではありません / not like 06-01"))
            continue
        code = f"{match.group(1)}-{match.group(2)}"
        if not cell.get("name_ja"):
            problems.append((number, "name_ja が空です / name_ja is empty"))
        elif code in seen:
            problems.append((number, f"code {code} は{seen[code]}行目と重複しています / duplicate of row {seen[code]}"))
        else:
            seen[code] = number
            rows.append((code, cell["name_ja"], cell.get("name_en", "")))
    if problems:
        raise TradeFileError(problems)
    if not rows:
        raise TradeFileError([(2, "職種の行がありません / no trade rows")])
    return rows


def load_official(data):
    """Replace the official table with the CSV's rows in one transaction; (added, updated, removed)."""
    rows = parse_official(data)
    with db.atomic():
        current = {t.code: t for t in OfficialTrade.select()}
        added = updated = 0
        for code, name_ja, name_en in rows:
            trade = current.pop(code, None)
            if trade is None:
                OfficialTrade.create(code=code, name_ja=name_ja, name_en=name_en)
                added += 1
            elif (trade.name_ja, trade.name_en) != (name_ja, name_en):
                trade.name_ja, trade.name_en = name_ja, name_en
                trade.save()
                updated += 1
        if current:
            OfficialTrade.delete().where(OfficialTrade.code.in_(list(current))).execute()
    if has_app_context():
        g.pop("official_trades", None)
    return added, updated, len(current)
