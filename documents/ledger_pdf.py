"""施工体制台帳 item for item as the MLIT sample form (docs/green-file.md): the 元請's part, one block
per subcontractor, then the workers; drawn with documents/form_pdf.py so nothing overprints."""

from flask_babel import gettext as _

from documents.form_pdf import FormDocument, L, V
from models.core import codes, trades
from models.sites.ledger import CHIEF_ROLES, PERMIT_AUTHORITIES, PERMIT_GRADES
from models.sites.rosters import FOREIGN_STATUSES, age_on


def _date(day):
    return day.strftime("%Y/%m/%d") if day else ""


def _period(starts, ends):
    return f"{_date(starts)} 〜 {_date(ends)}" if starts or ends else ""


class _Labels:
    def __init__(self):
        self.insurance = codes.labels(codes.INSURANCE_STATUSES)
        self.authority = codes.labels(PERMIT_AUTHORITIES)
        self.grade = codes.labels(PERMIT_GRADES)
        self.role = codes.labels(CHIEF_ROLES)
        self.foreign = codes.labels(FOREIGN_STATUSES)
        self.trades = trades.document_labels()
        self.yes, self.no = _("有"), _("無")


def _permits(doc, permits, company):
    """建設業の許可: one row per permit (許可業種, 大臣/知事, 特定/一般, 許可番号, 許可(更新)年月日)."""
    t = doc.t
    doc.row([L(_("建設業の許可"), 33), L(_("許可業種"), 60), L(_("大臣・知事"), 40), L(_("特定・一般"), 30),
             L(_("許可番号"), 55), L(_("許可（更新）年月日"), 55)])  # fmt: skip
    rows = permits.get(company.id) or []
    for p in rows:
        authority = t.authority.get(p.authority, "") + (f"（{p.prefecture}）" if p.prefecture else "")
        doc.row([V("", 33), V(p.trade, 60), V(authority, 40), V(t.grade.get(p.grade, ""), 30),
                 V(_("第%(n)s号", n=p.number), 55), V(_date(p.permitted_on), 55)])  # fmt: skip
    if not rows:
        doc.row([V("", 33), V(company.licence_number or _("なし"), 240)])


def _insurance(doc, offices, company):
    """健康保険等の加入状況 and 事業所整理記号等 per 営業所."""
    t = doc.t
    doc.row([L(_("健康保険等の加入状況"), 33), L(_("健康保険"), 20), V(t.insurance.get(company.health_insurance, ""), 35),
             L(_("厚生年金保険"), 25), V(t.insurance.get(company.pension, ""), 35), L(_("雇用保険"), 20),
             V(t.insurance.get(company.employment_insurance, ""), 35), L(_("雇用保険番号"), 25),
             V(company.employment_insurance_number, 45)])  # fmt: skip
    for o in offices.get(company.id) or []:
        doc.row([L(_("事業所整理記号等"), 33), V(o.name, 55), L(_("健康保険"), 20), V(o.health_code, 40),
                 L(_("厚生年金保険"), 25), V(o.pension_code, 40), L(_("雇用保険"), 20), V(o.employment_code, 40)])  # fmt: skip


def _persons(doc, row, prime=False):
    t = doc.t
    if prime:
        doc.row([L(_("発注者の監督員名"), 33), V(row.client_supervisor, 60), L(_("権限及び意見申出方法"), 40),
                 V(row.client_supervisor_authority, 140)])  # fmt: skip
        doc.row([L(_("監督員名"), 33), V(row.supervisor_name, 60), L(_("権限及び意見申出方法"), 40),
                 V(row.supervisor_authority, 140)])  # fmt: skip
    doc.row(
        [L(_("現場代理人名"), 33), V(row.agent_name, 60), L(_("権限及び意見申出方法"), 40), V(row.agent_authority, 140)]
    )
    chief = row.chief.full_name if row.chief_id else ""
    kind = t.role.get(row.chief_role, "") + "・" + (_("専任") if row.chief_dedicated else _("非専任"))
    if row.chief_qualification_id:
        qualification = row.chief_qualification.name
    elif row.chief_id:
        qualification = _("実務経験 %(n)d年", n=row.chief.experience_years)
    else:
        qualification = ""
    if row.chief_flag:
        qualification += "　" + _("（要確認：資格・経験が不足）")
    doc.row([L(_("監理技術者名\n主任技術者名"), 33), V(chief, 60), L(_("専任・非専任"), 40), V(kind if chief else "", 40),
             L(_("資格内容"), 30), V(qualification, 70)])  # fmt: skip
    if prime:
        doc.row([L(_("監理技術者補佐名"), 33), V(row.assistant_name, 240)])
    doc.row([L(_("専門技術者名"), 33), V(row.specialist_name, 60), L(_("資格内容"), 40), V(row.specialist_qualification, 40),
             L(_("担当工事内容"), 30), V(row.specialist_work, 70)])  # fmt: skip
    if not prime:
        doc.row([L(_("安全衛生責任者名"), 33), V(row.safety_manager, 60), L(_("安全衛生推進者名"), 40),
                 V(row.safety_promoter, 40), L(_("雇用管理責任者名"), 30), V(row.employment_manager, 70)])  # fmt: skip


def _foreign(doc, present):
    t = doc.t
    cells = [L(_("外国人の従事の状況"), 33)]
    for code in ("specified1", "construction", "trainee"):
        cells += [L(t.foreign[code], 50), V(t.yes if code in present else t.no, 30)]
    doc.row(cells)


def subcontractor(doc, c, row, names, permits, offices, foreign):
    """The block of one 下請負人 (施工体制台帳) or 再下請負人 (再下請負通知書): the same items on both."""
    company = c.company
    doc.space(3)
    doc.heading(_("下請負人に関する事項（%(n)d次）", n=c.tier))
    support = f"（{_('応援')}）" if c.kind == "support" else ""
    doc.row([L(_("会社名・事業者ID"), 33), V(f"{company.name}{support}　{company.business_id or ''}", 100),
             L(_("代表者名"), 40), V(company.representative_name, 100)])  # fmt: skip
    doc.row([L(_("住所・電話"), 33), V(f"{company.address}　{company.phone}", 100), L(_("注文者名"), 40),
             V(names.get(c.parent_id, ""), 100)])  # fmt: skip
    doc.row([L(_("工事名称及び工事内容"), 33), V(c.scope, 100), L(_("工期"), 40), V(_period(c.starts_on, c.ends_on), 50),
             L(_("契約日"), 20), V(_date(row.contract_date), 30)])  # fmt: skip
    _permits(doc, permits, company)
    _insurance(doc, offices, company)
    _persons(doc, row)
    _foreign(doc, foreign.get(company.id, ()))


def ledger_pdf(
    site,
    prime,
    today,
    contracts,
    entries,
    foreign,
    company_names,
    ledger,
    permits,
    offices,
    document=FormDocument,
    **_context,
):
    """PDF (or, with form_xlsx.XlsxDocument, .xlsx) bytes of the site's 施工体制台帳."""
    doc = document(_("施工体制台帳"), _("国土交通省 施工体制台帳 記載例に準拠"))
    doc.t = t = _Labels()
    empty = EMPTY
    doc.heading(_("元請負人に関する事項"))
    doc.row([L(_("会社名・事業者ID"), 33), V(f"{prime.name}　{prime.business_id or ''}", 100), L(_("事業所名・現場ID"), 40),
             V(f"{site.name}　{site.site_id}", 100)])  # fmt: skip
    _permits(doc, permits, prime)
    doc.row([L(_("工事名称及び工事内容"), 33), V(f"{site.name}\n{site.works_content}".strip(), 240)])
    doc.row([L(_("発注者名及び住所"), 33), V(f"{site.client_name}　{site.address}".strip(), 240)])
    own = ledger.get(prime.id) or empty
    office = own.office if own.office_id else None
    doc.row([L(_("工期"), 33), V(_period(site.starts_on, site.ends_on), 100), L(_("契約日"), 40),
             V(_date(site.contract_date), 100)])  # fmt: skip
    for kind in (_("元請契約"), _("下請契約")):
        doc.row([L(_("契約営業所"), 33), L(kind, 30), L(_("名称"), 20), V(office.name if office else "", 70),
                 L(_("住所"), 20), V(office.address if office else "", 100)])  # fmt: skip
    _insurance(doc, offices, prime)
    _persons(doc, own, prime=True)
    _foreign(doc, {s for statuses in foreign.values() for s in statuses})  # on the whole site
    for c in contracts:
        if c.status != "accepted":
            continue
        subcontractor(doc, c, ledger.get(c.company_id) or empty, company_names, permits, offices, foreign)
    doc.space(3)
    doc.heading(_("作業員"))
    widths = (40, 30, 26, 26, 30, 40, 16, 35, 30)
    doc.repeat([L(h, w) for h, w in zip((_("会社名"), _("氏名"), _("技能者ID"), _("生年月日・年齢"), _("職種"),
                _("社会保険加入状況"), _("建退共"), _("安全衛生教育"), _("資格")), widths)])  # fmt: skip
    ins = t.insurance
    for e in entries:
        w = e.worker
        education = "\n".join(
            x
            for x in (
                _("雇入時教育") if e.hire_education_on else "",
                _("新規入場時教育") if e.entry_education_on else "",
                e.special_education,
            )
            if x
        )
        quals = _("非開示") if e.qualifications is None else "、".join(q.name for q in e.qualifications)
        insurance = " / ".join(ins.get(x, "—") for x in (w.health_insurance, w.pension, w.employment_insurance))
        doc.row([V(x, wd) for x, wd in zip((e.company.name, w.full_name, w.worker_id,
                 f"{_date(w.birth_date)}（{age_on(w.birth_date, today)}）", t.trades.get(e.trade, e.trade), insurance,
                 _("被共済者") if w.kentaikyo_number else _("なし"), education, quals), widths)])  # fmt: skip
    doc.end_repeat()
    note = trades.careerup_note({e.trade for e in entries})
    if note:
        doc.note("※ " + note)
    return doc.bytes()


class _Empty:
    """A company that has not entered its ledger part yet: every item blank."""

    office_id = chief_id = chief_qualification_id = None
    chief_dedicated = False
    chief_role = "chief"
    chief_flag = ""
    contract_date = None

    def __getattr__(self, name):
        return ""


EMPTY = _Empty()
