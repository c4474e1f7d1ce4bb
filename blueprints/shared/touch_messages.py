"""Every code a touch can be answered with, for the API (which answers in Japanese and English whatever the
caller's locale) and the phone reads page. Nothing here names a worker."""

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

MESSAGES = {
    "unauthorized": _l("トークンが正しくないか、無効にされています。"),
    "forbidden": _l("このトークンにはこの操作の権限がありません。"),
    "company_suspended": _l(
        "トークンの事業者は、未払いの管理者ID利用料のため利用を停止されています。お支払い後に使えます。"
    ),
    "company_expired": _l("トークンの事業者の登録の有効期間が切れています。更新の手続き後に使えます。"),
    "bad_request": _l('JSON の {"touches": [...]} を送ってください。'),
    "bad_cursor": _l("since の値が正しくありません。"),
    "too_many": _l("1回に送れるのは 1000 件までです。"),
    "missing_field": _l("必須項目がありません: %(field)s"),
    "bad_event_id": _l("event_id は空白を含まない英数字・記号 64 文字以内です。"),
    "bad_card": _l("カードの読み取り値が正しくありません（シリアルは 8/14/16/20 桁の16進数）。"),
    "bad_direction": _l("direction は in か out です。"),
    "bad_method": _l("method は reader / nfc / qr / typed / system のいずれかです。"),
    "bad_time": _l("at は日本時間で表せる ISO 8601 形式の日時です（例: 2026-11-25T08:01:00+09:00）。"),
    "site_mismatch": _l("このトークンでは指定の現場に送れません。"),
    "unknown_card": _l("登録されていない、または無効なカードです。"),
    "expired_card": _l("有効期限の切れたカードです。更新の手続きをしてください。"),
    "future_time": _l("未来の日時のタッチは受け付けません。"),
    "outside_accrual": _l("現場の就業履歴蓄積期間の外のタッチです。"),
    "past_deadline": _l("入力期限（就業日の翌月末）を過ぎたタッチです。"),
    "not_on_roster": _l("この現場の作業員名簿にない方のカードです。名簿に載れば就業履歴になります。"),
}


def _in(locale, code, detail):
    with force_locale(locale):
        return str(MESSAGES[code]) % {"field": detail}


def message(code, detail=""):
    return {"code": code, "message": _in("ja", code, detail), "message_en": _in("en", code, detail)}


def with_messages(result, page=False):
    """A per-item ingestion result with its code turned into {"code", "message", "message_en"}; for our
    own page also "text", the message in the page's locale."""
    code = result.pop("code", None)
    if code:
        detail = result.pop("field", "")
        answer = message(code, detail)
        if page:
            answer["text"] = str(MESSAGES[code]) % {"field": detail}
        result["error" if result["status"] == "rejected" else "notice"] = answer
    return result
