"""Messages for the site and roster rules (models/sites.py SiteError codes), used by prime and company."""

from flask_babel import gettext as _


def site_error_message(exc):
    worker = exc.args[1] if len(exc.args) > 1 else None
    name = worker.full_name if worker is not None else ""
    messages = {
        "self": lambda: _("自社を下請にはできません。"),
        "unknown": lambda: _("この事業者IDの登録済み事業者は見つかりません。番号を確かめてください。"),
        "duplicate": lambda: _(
            "この事業者は既にこの現場に登録されています（招待中を含みます）。同じ事業者を二度招待することはできません。"
        ),
        "cycle": lambda: _("この事業者は施工体制で貴社より上位にいるため、下請にはできません（循環になります）。"),
        "not_accepted": lambda: _("この現場への参加を承認してから名簿や下請を登録してください。"),
        "answered": lambda: _("この招待には既に回答済みです。"),
        "not_affiliated": lambda: _("自社に所属する、登録済みの技能者だけを名簿に追加できます。"),
        "not_linked": lambda: _(
            "%(name)s さんの所属事業者に貴社の事業者IDが関連付けられていないため、作業員名簿に登録できません。"
            "技能者と事業者の変更申請（関連付け）を行ってください。",
            name=name,
        ),
        "on_roster": lambda: _(
            "%(name)s さんは既にこの現場の名簿に登録されています（1つの現場で名簿は1つです）。", name=name
        ),
        "has_history": lambda: _("就業履歴のある技能者は名簿から外せません。"),
    }
    if exc.code == "duplicate" and worker is not None:
        return messages["on_roster"]()
    return messages.get(exc.code, lambda: _("この操作はできません。"))()
