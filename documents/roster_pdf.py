"""作業員名簿 (全建統一様式 第5号) drawn with reportlab directly, the one site document that is long.

xhtml2pdf costs about 1.5 ms of CPU per table cell (each becomes a paragraph in a keep-in-frame box),
so a 500-worker roster (4,500 cells) took 7 s on an idle machine and 20–40 s on a busy one, near the
60 s a render may take. Here each cell is plain text broken into lines beforehand, which reportlab
draws in a fraction of that; the layout is the template's: header block, one row per worker with the
column heads on every page, and the legend of marks."""

import io

from flask_babel import get_locale
from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from documents.form_pdf import font as form_font
from documents.form_pdf import wrap
from documents.pdfs import FONT
from models.core import codes, trades
from models.sites.rosters import FOREIGN_STATUSES, MARK_LETTERS, MARKS, age_on

FONT_NAME = "IPAexGothic-roster"
SIZE, LEADING, PAD = 7, 8.6, 2.2
GRID = colors.HexColor("#333333")
HEAD = colors.HexColor("#eeeeee")
# 番号, 氏名, 職種・属性, 生年月日, 住所, 健康・保険, 建退共, 教育・資格, 入場 (267 mm across)
COLUMNS_MM = (10, 36, 30, 28, 44, 34, 16, 43, 26)


def _font():
    """The IPAex Gothic shipped in static/, registered once per process."""
    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT)))
    form_font()
    return FONT_NAME


def lines(text, width):
    """`text` in lines no wider than `width` points (the one line breaker of documents/form_pdf.py)."""
    return "\n".join(wrap(text, width, SIZE))


def _labels():
    paren = "（{}）" if str(get_locale() or "ja") == "ja" else " ({})"
    # gettext outside the f-strings: babel does not extract calls written inside one.
    kana, worker_id, trade, marks = _("ふりがな / 氏名"), _("技能者ID"), _("職種"), _("属性")
    birth, age, hired, years = _("生年月日"), _("年齢"), _("雇入年月日"), _("経験年数")
    address, phone, health, blood = _("現住所"), _("電話"), _("最近の健康診断日"), _("血液型")
    health_ins, pension, employment = _("健康保険"), _("年金保険"), _("雇用保険")
    kentaikyo, chutaikyo, entered, educated = _("建退共"), _("中退共"), _("入場年月日"), _("受入教育実施年月日")
    return {
        "heads": [
            _("番号"),
            f"{kana}\n{worker_id}",
            f"{trade} / {marks}",
            f"{birth}{paren.format(age)}\n{hired} / {years}",
            f"{address}\n{phone}",
            f"{health} / {blood}\n{health_ins} / {pension} / {employment}",
            f"{kentaikyo} / {chutaikyo}",
            _("教育・資格・免許"),
            f"{entered}\n{educated}",
        ],
        "paren": paren,
        "marks": marks,
        "flags": {"minor": _("未"), "female": _("女"), "senior": _("高")},
        "foreign": _("外国人"),
        "yes": _("有"),
        "no": _("無"),
        "hire_education": _("雇入時教育"),
        "special": _("特別教育"),
        "skill": _("技能講習"),
        "withheld": _("資格: 非開示"),
        "trades": trades.document_labels(),
        "positions": dict(codes.choices(codes.POSITIONS)),
        "insurance": dict(codes.choices(codes.INSURANCE_STATUSES, blank="")),
        "foreign_statuses": dict(codes.choices(FOREIGN_STATUSES)),
    }


def _row(number, e, today, L):
    w = e.worker
    # each mark a box of its own: 職 and 安 side by side would read 「職安」 (a job centre)
    marks = [MARK_LETTERS[m] for m in e.mark_codes if m in MARK_LETTERS]
    marks = " ".join(f"[{m}]" for m in marks + [L["flags"][f] for f in ("minor", "female", "senior") if f in e.flags])
    foreign = L["foreign_statuses"].get(e.foreign_status) or (L["foreign"] if "foreign" in e.flags else "")
    education = []
    if e.hire_education_on:
        education.append(f"{L['hire_education']} {e.hire_education_on}")
    if e.special_education:
        education.append(f"{L['special']}: {e.special_education}")
    if e.skill_training:
        education.append(f"{L['skill']}: {e.skill_training}")
    if e.qualifications is None:
        education.append(L["withheld"])
    else:
        education += [q.name for q in e.qualifications]
    ins = L["insurance"]
    return [
        str(number),
        f"{w.kana_name}\n{w.full_name}\n{w.worker_id}",
        f"{L['trades'].get(e.trade, '')} {L['positions'].get(e.position, '')}\n{marks} {foreign}".rstrip(),
        f"{w.birth_date}{L['paren'].format(age_on(w.birth_date, today))}\n{e.hired_on or ''} / {w.experience_years}",
        f"{w.address}\n{w.phone}",
        f"{e.health_check_on or ''} / {w.blood_type}\n"
        f"{ins.get(w.health_insurance, '')} / {ins.get(w.pension, '')} / {ins.get(w.employment_insurance, '')}",
        f"{L['yes'] if w.kentaikyo_number else L['no']} / {L['yes'] if w.chutaikyo else L['no']}",
        " ".join(education),
        f"{e.entered_on or ''}\n{e.entry_education_on or ''}",
    ]


def _style(extra=()):
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT_NAME, SIZE, LEADING),
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), PAD / 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
            *extra,
        ]
    )


def _head_block(site, prime, today, contract, uppers):
    """The form's top: 事業所, 現場ID, 所長, 元請, dates, the companies above and this one."""
    cell = 57 * mm - 2 * PAD
    rows = [
        [_("事業所の名称"), lines(site.name, cell), _("現場ID"), site.site_id, _("所長名"), site.agent_name],
        [_("元請"), lines(prime.name, cell), _("作成日"), today.strftime("%Y/%m/%d"), _("提出日"), ""],
    ]
    for u in uppers:
        rows.append([_("%(n)d次会社名", n=u.tier), lines(u.company.name, cell), _("事業者ID"), u.company.business_id])
    rows.append(
        [
            _("自社名（%(n)d次）", n=contract.tier),
            lines(contract.company.name, cell),
            _("事業者ID"),
            contract.company.business_id,
        ]
    )
    rows = [r + [""] * (6 - len(r)) for r in rows]
    spans = [("SPAN", (3, i), (5, i)) for i in range(2, len(rows))]
    heads = [("BACKGROUND", (c, 0), (c, -1), HEAD) for c in (0, 2)] + [("BACKGROUND", (4, 0), (4, 1), HEAD)]
    return Table(rows, colWidths=[32 * mm, 57 * mm] * 3, style=_style(spans + heads), hAlign="LEFT")


def roster_pdf(site, prime, today, contract, uppers, entries, **_context):
    """PDF bytes of `contract`'s 作業員名簿 with `entries` (rows from models.rosters.with_details)."""
    _font()
    L = _labels()
    widths = [w * mm for w in COLUMNS_MM]
    body = [[lines(h, w - 2 * PAD) for h, w in zip(L["heads"], widths)]]
    for number, entry in enumerate(entries, 1):
        body.append([lines(text, w - 2 * PAD) for text, w in zip(_row(number, entry, today, L), widths)])
    table = Table(
        body,
        colWidths=widths,
        repeatRows=1,
        style=_style([("BACKGROUND", (0, 0), (-1, 0), HEAD), ("ALIGN", (0, 0), (-1, 0), "CENTER")]),
    )
    gap, equals = ("　", "＝") if str(get_locale() or "ja") == "ja" else ("   ", " = ")
    legend = gap.join(f"[{letter}]{equals}{codes.label(MARKS, code)}" for code, letter in MARK_LETTERS.items())
    legend += gap + gap.join((_("[未]＝18歳未満"), _("[女]＝女性"), _("[高]＝65歳以上")))
    small = ParagraphStyle("small", fontName=FONT_NAME, fontSize=8, leading=10, textColor=colors.HexColor("#555555"))
    title = ParagraphStyle("title", fontName=FONT_NAME, fontSize=14, leading=18, alignment=1)
    story = [
        Paragraph(_("作業員名簿"), title),
        Paragraph(_("全建統一様式 第5号"), small),
        Spacer(1, 2 * mm),
        _head_block(site, prime, today, contract, uppers),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 2 * mm),
        Paragraph(f"{L['marks']}: {legend}", ParagraphStyle("legend", parent=small, wordWrap="CJK")),
    ]
    note = trades.careerup_note({e.trade for e in entries})
    if note:
        story.append(Paragraph("※ " + note, ParagraphStyle("note", parent=small, wordWrap="CJK")))
    out = io.BytesIO()
    margin = 15 * mm
    doc = SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=_("作業員名簿"),
    )
    doc.build(story)
    return out.getvalue()
