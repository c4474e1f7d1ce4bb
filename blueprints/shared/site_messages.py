"""Messages for the site and roster rules (models/sites/sites.py SiteError codes), used by prime and company."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l


def site_error_message(exc):
    worker = exc.args[1] if len(exc.args) > 1 else None
    name = worker.full_name if worker is not None else ""
    messages = {
        "self": _l("自社を下請にはできません。"),
        "unknown": _l("この事業者IDの登録済み事業者は見つかりません。番号を確かめてください。"),
        "duplicate": _l(
            "この事業者は既にこの現場に登録されています（招待中を含みます）。同じ事業者を二度招待することはできません。"
        ),
        "cycle": _l("この事業者は施工体制で貴社より上位にいるため、下請にはできません（循環になります）。"),
        "not_accepted": _l("この現場への参加を承認してから名簿や下請を登録してください。"),
        "answered": _l("この招待には既に回答済みです。"),
        "not_affiliated": _l("自社に所属する、登録済みの技能者だけを名簿に追加できます。"),
        "not_linked": _l(
            "%(name)s さんの所属事業者に貴社の事業者IDが関連付けられていないため、作業員名簿に登録できません。"
            "技能者と事業者の変更申請（関連付け）を行ってください。",
            name=name,
        ),
        "on_roster": _l("%(name)s さんは既にこの現場の名簿に登録されています（1つの現場で名簿は1つです）。", name=name),
        "residence_ended": _l(
            "%(name)s さんの在留期間（満了日 %(day)s）が過ぎているため、作業員名簿に登録できません。"
            "新しい在留カードの内容を変更申請で届け出てから登録してください。",
            name=name,
            day=worker.residence_until.strftime("%Y/%m/%d") if worker is not None and worker.residence_until else "",
        ),
        "has_history": _l("就業履歴のある技能者は名簿から外せません。"),
        "fee_unpaid": _l(
            "この事業者は事業者登録料の入金が確認されていないため、事業者IDをまだ使えません（現場・招待・名簿）。"
            "入金が確認されると使えるようになります。"
        ),
        "expired": _l(
            "この事業者は事業者登録の有効期間が切れているため、事業者IDを使えません（現場・招待・名簿）。"
            "更新の登録料が支払われると使えるようになります。"
        ),
    }
    if exc.code == "duplicate" and worker is not None:
        return str(messages["on_roster"])
    return str(messages.get(exc.code, _l("この操作はできません。")))


def roster_labels():
    """Everything a roster row prints, translated once per request instead of once per row."""
    from models.core import codes
    from models.sites.rosters import FOREIGN_STATUSES, MARKS

    return {
        "flags": {
            "minor": _("年少者"),
            "senior": _("高齢者"),
            "foreign": _("外国人"),
            "female": _("女性"),
            "residence_ended": _("在留期間 満了"),
            "residence_ends": _("在留期間が工期中に満了"),
        },
        "trades": codes.labels(codes.TRADES),
        "positions": dict(codes.choices(codes.POSITIONS)),
        "insurance": dict(codes.choices(codes.INSURANCE_STATUSES)),
        "marks": dict(codes.choices(MARKS)),
        "foreign": dict(codes.choices(FOREIGN_STATUSES)),
        "no_education": _("新規入場時教育 未受講"),
        "roles": _("属性"),
        "unregistered": _("所属事業者が未登録のため、この技能者の立場と職種は就業履歴に記録されません。"),
        "lent": _("建設業務労働者就業機会確保事業による受入れ: 就業履歴は受け入れた事業者の所属として蓄積されます。"),
        "statutory": _("法定項目・教育"),
        "birth": _("生年月日"),
        "social": _("社会保険（健康・年金・雇用）"),
        "kentaikyo": _("建退共"),
        "member": _("被共済者"),
        "none": _("なし"),
        "quals": _("資格"),
        "withheld": _("非開示"),
        "hired": _("雇入年月日"),
        "entered": _("入場年月日"),
        "hire_education": _("雇入時教育"),
        "entry_education": _("新規入場時教育"),
        "health": _("最近の健康診断日"),
        "special": _("特別教育"),
        "skill": _("技能講習"),
        "edit": _("編集"),
        "remove": _("名簿から外す"),
        "confirm_remove": _("%(name)s を名簿から外しますか？"),
    }
