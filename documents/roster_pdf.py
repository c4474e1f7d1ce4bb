"""作業員名簿 (全建統一様式 第5号) drawn with reportlab directly, the one site document that is long.

xhtml2pdf costs about 1.5 ms of CPU per table cell (each becomes a paragraph in a keep-in-frame box),
so a 500-worker roster (4,500 cells) took 7 s on an idle machine and 20–40 s on a busy one, near the
60 s a render may take; platypus tables still cost about 1 ms a worker. Here each cell is drawn
straight on the canvas by documents/form_pdf.py: header block, one row per worker with the column
heads on every page, and the legend of marks."""

from flask_babel import gettext as _
from flask_babel import pgettext

from documents.form_pdf import Cell, FormDocument, L, V
from models.core import codes, trades
from models.sites.rosters import FOREIGN_STATUSES, MARK_LETTERS, MARKS, age_on

# 番号, 氏名, 職種・属性, 生年月日, 住所・家族連絡先, 健康・保険, 建退共, 教育・資格, 入場 (273 mm across)
COLUMNS_MM = (10, 36, 30, 28, 50, 34, 16, 43, 26)


def _labels():
    # TRANSLATORS: a remark after a heading or a value, e.g. the age after a date of birth.
    paren = _("（{}）")
    # gettext outside the f-strings: babel does not extract calls written inside one.
    kana, worker_id, trade, marks = _("ふりがな / 氏名"), _("技能者ID"), _("職種"), _("属性")
    birth, age, hired, years = _("生年月日"), _("年齢"), _("雇入年月日"), _("経験年数")
    address, phone, health, blood = _("現住所"), _("電話"), _("最近の健康診断日"), _("血液型")
    family, pressure, special = _("家族連絡先"), _("血圧"), _("特殊健康診断日・種類")
    health_ins, pension, employment = _("健康保険"), _("年金保険"), _("雇用保険")
    kentaikyo, chutaikyo, entered, educated = _("建退共"), _("中退共"), _("入場年月日"), _("受入教育実施年月日")
    return {
        "heads": [
            _("番号"),
            f"{kana}\n{worker_id}",
            f"{trade} / {marks}",
            f"{birth}{paren.format(age)}\n{hired} / {years}",
            f"{address} / {phone}\n{family}",
            f"{health} / {pressure} / {blood}\n{special}\n{health_ins} / {pension} / {employment}",
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
        f"{w.address}\n{w.phone}\n{e.family_contact}".rstrip(),
        f"{e.health_check_on or ''} / {e.blood_pressure} / {w.blood_type}\n"
        f"{e.special_health_check_on or ''} {e.special_health_check_kind}\n"
        f"{ins.get(w.health_insurance, '')} / {ins.get(w.pension, '')} / {ins.get(w.employment_insurance, '')}",
        f"{L['yes'] if w.kentaikyo_number else L['no']} / {L['yes'] if w.chutaikyo else L['no']}",
        " ".join(education),
        f"{e.entered_on or ''}\n{e.entry_education_on or ''}",
    ]


def _head_block(doc, site, prime, today, contract, uppers):
    """The form's top: 事業所, 現場ID, 所長, 元請, dates, the companies above and this one."""
    doc.row([L(_("事業所の名称"), 32), V(site.name, 57), L(_("現場ID"), 32), V(site.site_id, 57), L(_("所長名"), 32),
             V(site.agent_name, 57)])  # fmt: skip
    doc.row([L(_("元請"), 32), V(prime.name, 57), L(_("作成日"), 32), V(today.strftime("%Y/%m/%d"), 57),
             L(_("提出日"), 32), V("", 57)])  # fmt: skip
    for u in uppers:
        doc.row([L(_("%(n)d次会社名", n=u.tier), 32), V(u.company.name, 57), L(_("事業者ID"), 32),
                 V(u.company.business_id, 146)])  # fmt: skip
    doc.row([L(_("自社名（%(n)d次）", n=contract.tier), 32), V(contract.company.name, 57), L(_("事業者ID"), 32),
             V(contract.company.business_id, 146)])  # fmt: skip


def roster_pdf(site, prime, today, contract, uppers, entries, document=FormDocument, **_context):
    """PDF (or, with form_xlsx.XlsxDocument, .xlsx) bytes of `contract`'s 作業員名簿 with `entries` (rows from models.rosters.with_details)."""
    L_ = _labels()
    doc = document(_("作業員名簿"), _("全建統一様式 第5号"))
    _head_block(doc, site, prime, today, contract, uppers)
    doc.space(3)
    doc.repeat([Cell(h, w, shade=True, align="center") for h, w in zip(L_["heads"], COLUMNS_MM)])
    for number, entry in enumerate(entries, 1):
        doc.row([V(text, w) for text, w in zip(_row(number, entry, today, L_), COLUMNS_MM)])
    doc.end_repeat()
    doc.space(2)
    # TRANSLATORS: the gap between the legend's entries and the sign between a mark and its meaning.
    gap, equals = pgettext("roster legend", "　"), pgettext("roster legend", "＝")
    legend = gap.join(f"[{letter}]{equals}{codes.label(MARKS, code)}" for code, letter in MARK_LETTERS.items())
    legend += gap + gap.join((_("[未]＝18歳未満"), _("[女]＝女性"), _("[高]＝65歳以上")))
    doc.note(f"{L_['marks']}: {legend}")
    note = trades.careerup_note({e.trade for e in entries})
    if note:
        doc.note("※ " + note)
    return doc.bytes()
