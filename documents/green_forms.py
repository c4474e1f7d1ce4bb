"""再下請負通知書, 施工体系図 and 新規入場時等教育実施報告書, drawn like the ledger (documents/form_pdf.py):
every text inside its cell or box; the item lists are in docs/green-file.md."""

from flask_babel import gettext as _
from flask_babel import ngettext
from reportlab.lib.units import mm

from documents.form_pdf import MARGIN, FormDocument, L, V
from documents.ledger_pdf import EMPTY, _date, _Labels, _period, subcontractor
from models.core import trades


def notice_pdf(site, prime, today, contract, below, ledger, permits, offices, foreign, company_names, **_context):
    """再下請負通知書 of one subcontract: the notifying company (直近上位の注文者), the 再下請負人 with the
    ledger's items, and the contracts it let in turn."""
    doc = FormDocument(_("再下請負通知書"), _("全建統一様式 第1号-甲 / 国土交通省 記載例に準拠"))
    doc.t = _Labels()
    parent = ledger.get(contract.parent_id) or EMPTY
    doc.row([L(_("元請名称"), 33), V(f"{prime.name}　{prime.business_id or ''}　{_('御中')}", 100),
             L(_("作成日"), 40), V(_date(today), 100)])  # fmt: skip
    doc.row([L(_("工事名称"), 33), V(f"{site.name}（{_('現場ID')} {site.site_id}）", 100), L(_("工期"), 40),
             V(_period(site.starts_on, site.ends_on), 100)])  # fmt: skip
    doc.row([L(_("直近上位の注文者"), 33), V(f"{contract.parent.name}　{contract.parent.business_id or ''}", 100),
             L(_("注文者との契約日"), 40), V(_date(parent.contract_date), 100)])  # fmt: skip
    subcontractor(doc, contract, ledger.get(contract.company_id) or EMPTY, company_names, permits, offices, foreign)
    if below:
        doc.space(3)
        doc.heading(_("さらに下位の下請負人"))
        doc.repeat([L(_("次数"), 20), L(_("会社名・事業者ID"), 90), L(_("工事内容"), 110), L(_("工期"), 53)])
        for c in below:
            doc.row([V(_("%(n)d次", n=c.tier), 20), V(f"{c.company.name}　{c.company.business_id or ''}", 90),
                     V(c.scope, 110), V(_period(c.starts_on, c.ends_on), 53)])  # fmt: skip
        doc.end_repeat()
    return doc.bytes()


BOX_H, GAP = 27 * mm, 6 * mm


def tree_pdf(site, prime, today, children, count, ledger, trades_by_company, **_context):
    """施工体系図: a box per company, tier by tier to the right, with 工期, 工事内容 and the responsible
    persons; each box's text shrinks to fit it, and a tall tree goes on over pages."""
    doc = FormDocument(_("施工体系図"))
    doc.heading(f"{site.name}（{_('現場ID')} {site.site_id}）　{_('作成日')}: {_date(today)}")
    depth = 1
    order = []

    def walk(company_id, tier, contract):
        nonlocal depth
        depth = max(depth, tier + 1)
        order.append((tier, company_id, contract))
        for c in children.get(company_id, []):
            walk(c.company_id, tier + 1, c)

    walk(prime.id, 0, None)
    box_w = min(62 * mm, (doc.width - 2 * MARGIN - GAP * (depth - 1)) / depth)
    names = trades.document_labels()
    parents_y = {}
    y = doc.y - 2 * mm
    for tier, company_id, c in order:
        if y - BOX_H < MARGIN:
            doc.new_page()
            y = doc.y - 2 * mm
            parents_y = {}
        row = ledger.get(company_id) or EMPTY
        company = c.company if c else prime
        head = _("元請") if c is None else _("%(n)d次", n=c.tier) + (f"（{_('応援')}）" if c.kind == "support" else "")
        work = site.works_content if c is None else c.scope
        period = _period(site.starts_on, site.ends_on) if c is None else _period(c.starts_on, c.ends_on)
        kinds = "・".join(names.get(t, t) for t in sorted(trades_by_company.get(company_id, ())))
        persons = [
            f"{_('現場代理人')}: {row.agent_name}" if row.agent_name else "",
            f"{_('主任技術者')}: {row.chief.full_name}" if row.chief_id else "",
            f"{_('安全衛生責任者')}: {row.safety_manager}" if row.safety_manager else "",
        ]
        text = "\n".join(
            x for x in (f"{head}　{company.name}", f"{_('事業者ID')} {company.business_id or ''}", work, kinds,
                        f"{_('工期')} {period}" if period else "", *persons) if x
        )  # fmt: skip
        x = MARGIN + tier * (box_w + GAP)
        doc.box(x, y, box_w, BOX_H, text, shade=c is None)
        parent_y = parents_y.get(tier - 1)
        if parent_y is not None:
            px = x - GAP / 2
            doc.c.line(px, parent_y, px, y - BOX_H / 2)
            doc.c.line(px, y - BOX_H / 2, x, y - BOX_H / 2)
        parents_y[tier] = y - BOX_H
        for deeper in [t for t in parents_y if t > tier]:
            del parents_y[deeper]
        y -= BOX_H + 3 * mm
    doc.y = y
    doc.note(ngettext("下請負人 %(num)d社", "下請負人 %(num)d社", count))
    note = trades.careerup_note({t for ts in trades_by_company.values() for t in ts})
    if note:
        doc.note("※ " + note)
    return doc.bytes()


def education_pdf(site, prime, today, sessions, missing, **_context):
    """新規入場時等教育実施報告書: each session with its attendees, then who has not had it."""
    doc = FormDocument(_("新規入場時等教育実施報告書"))
    names = trades.document_labels()
    doc.row([L(_("工事名称"), 33), V(f"{site.name}（{_('現場ID')} {site.site_id}）", 140), L(_("元請"), 30),
             V(prime.name, 70)])  # fmt: skip
    widths = (15, 80, 60, 50, 68)
    heads = [L(h, w) for h, w in zip((_("番号"), _("会社名"), _("氏名"), _("技能者ID"), _("職種")), widths)]
    used = set()
    for s, people in sessions:
        doc.space(3)
        doc.row([L(_("実施日"), 33), V(_date(s.held_on), 40), L(_("実施者"), 30), V(s.instructor, 70),
                 L(_("教育内容"), 30), V(s.content, 70)])  # fmt: skip
        doc.repeat(heads)
        for number, e in enumerate(people, 1):
            used.add(e.trade)
            doc.row([V(x, w) for x, w in zip((number, e.company.name, e.worker.full_name, e.worker.worker_id,
                                                 names.get(e.trade, e.trade)), widths)])  # fmt: skip
        doc.end_repeat()
        doc.note(ngettext("受講者 %(num)d名", "受講者 %(num)d名", len(people)))
    if not sessions:
        doc.note(_("実施記録はまだありません。"))
    doc.space(3)
    doc.heading(_("未受講者"))
    if missing:
        doc.repeat(heads[1:4])
        for e in missing:
            doc.row([V(x, w) for x, w in zip((e.company.name, e.worker.full_name, e.worker.worker_id), widths[1:4])])
        doc.end_repeat()
    else:
        doc.note(_("なし"))
    note = trades.careerup_note(used)
    if note:
        doc.note("※ " + note)
    return doc.bytes()
