"""Every code a touch can be answered with, in Japanese and English, for the API and the phone reads
page. Nothing here names a worker."""

MESSAGES = {
    "unauthorized": ("トークンが正しくないか、無効にされています。", "Missing, invalid or revoked token."),
    "forbidden": ("このトークンにはこの操作の権限がありません。", "This token is not allowed to do that."),
    "company_suspended": (
        "トークンの事業者は、未払いの管理者ID利用料のため利用を停止されています。お支払い後に使えます。",
        "The token's company is suspended for an unpaid admin ID fee; the token works again once it is paid.",
    ),
    "company_expired": (
        "トークンの事業者の登録の有効期間が切れています。更新の手続き後に使えます。",
        "The token's company registration has expired; the token works again once it is renewed.",
    ),
    "bad_request": ('JSON の {"touches": [...]} を送ってください。', 'Send JSON {"touches": [...]}.'),
    "bad_cursor": ("since の値が正しくありません。", "The since cursor is not valid."),
    "too_many": ("1回に送れるのは 1000 件までです。", "At most 1000 touches per request."),
    "missing_field": ("必須項目がありません: %s", "Missing field: %s"),
    "bad_event_id": (
        "event_id は空白を含まない英数字・記号 64 文字以内です。",
        "event_id must be 1 to 64 printable ASCII characters without spaces.",
    ),
    "bad_card": (
        "カードの読み取り値が正しくありません（シリアルは 8/14/16/20 桁の16進数）。",
        "The card read is not valid (a serial is 8, 14, 16 or 20 hex digits).",
    ),
    "bad_direction": ("direction は in か out です。", "direction must be 'in' or 'out'."),
    "bad_method": ("method は reader / nfc / qr / typed / system のいずれかです。", "Unknown method."),
    "bad_time": (
        "at は日本時間で表せる ISO 8601 形式の日時です（例: 2026-11-25T08:01:00+09:00）。",
        "at must be an ISO 8601 date-time that exists in Japan's time (e.g. 2026-11-25T08:01:00+09:00).",
    ),
    "site_mismatch": (
        "このトークンでは指定の現場に送れません。",
        "This token may not send touches for that site.",
    ),
    "unknown_card": ("登録されていない、または無効なカードです。", "Unknown or inactive card."),
    "expired_card": ("有効期限の切れたカードです。更新の手続きをしてください。", "This card has expired."),
    "future_time": ("未来の日時のタッチは受け付けません。", "The touch is in the future."),
    "outside_accrual": (
        "現場の就業履歴蓄積期間の外のタッチです。",
        "The touch is outside the site's accrual period.",
    ),
    "past_deadline": (
        "入力期限（就業日の翌月末）を過ぎたタッチです。",
        "The deadline (end of the month after the work date) has passed.",
    ),
    "not_on_roster": (
        "この現場の作業員名簿にない方のカードです。名簿に載れば就業履歴になります。",
        "This card's holder is not on the site's roster; the touch counts once they are.",
    ),
}


def message(code, detail=""):
    ja, en = MESSAGES[code]
    if "%s" in ja:
        ja, en = ja % detail, en % detail
    return {"code": code, "message": ja, "message_en": en}


def with_messages(result):
    """A per-item ingestion result with its code turned into {"code", "message", "message_en"}."""
    code = result.pop("code", None)
    if code:
        result["error" if result["status"] == "rejected" else "notice"] = message(code, result.pop("field", ""))
    return result
