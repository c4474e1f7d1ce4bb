"""Messages of the proxy filings: consent, submission and the zip of images."""

from flask_babel import lazy_gettext as _l

from blueprints.shared.attachments import attachment_error_message
from models.registration.attachments import AttachmentError
from models.registration.proxy import ProxyError


def proxy_error_message(error):
    return str(
        {
            "no_consent": _l("代行申請同意書を登録してから申請してください。"),
            "consenter": _l("同意書に署名した本人の氏名を入力してください。"),
            "intermediary_format": _l("事業者IDは14桁の数字です: %(id)s", id=error.detail),
            "intermediary_unknown": _l("この事業者IDの登録事業者が見つかりません: %(id)s", id=error.detail),
            "intermediary_self": _l("経由する事業者には自社以外の事業者を入力してください: %(id)s", id=error.detail),
            "not_draft": _l("この申請は既に申請済みです。"),
            "already_filed": _l("この人（氏名と生年月日）は既に代行申請の一覧にあります。"),
            "email": _l(
                "代行申請には本人のメールアドレスが必要です。本人がログインIDを引き継ぐときの宛先になります。"
                "メールアドレスを持っていない人は、認定登録機関の窓口で申請できます。"
            ),
            "principal_unknown": _l(
                "この技能者ID・生年月日（または事業者ID）の登録が見つかりません。同意書の記載と照らしてください: %(id)s",
                id=error.detail,
            ),
            "principal_self": _l("自社の変更申請は「変更申請」の画面からしてください。"),
            "actions": _l("代行する手続きを選んでください（事業者の就業履歴の入力代行はありません）。"),
            "not_waiting": _l("この同意は既に登録済みか、取り消されています。"),
            "no_login": _l(
                "本人がログインIDを持っていないため、アプリでは同意できません。署名した同意書を登録してください。"
            ),
        }[error.code]
    )


def zip_error_message(code):
    return str(
        {
            "unreadable": _l("zipファイルとして読み取れませんでした。"),
            "too_many": _l("一度に送れるのは500ファイルまでです。"),
            "encrypted": _l("パスワード付きのzipは使えません。パスワードなしでまとめ直してください。"),
        }.get(code, _l("このファイルは使えません。"))
    )


def unmatched_message(reason):
    return str(
        {
            "kind": _l("ファイル名に種類（顔写真・本人確認書類・裏面・同意書）がありません。"),
            "no_row": _l("この行番号・氏名の下書きがありません。"),
            "ambiguous": _l("同じ氏名の下書きが複数あります。行番号で名前を付けてください。"),
        }.get(reason)
        or attachment_error_message(reason)
    )


def signed_consent_error(form, record):
    """Hands the signed consent form's upload to `record(data, filename)`; the message of what went
    wrong, or None when it was recorded."""
    upload = form.signed.data
    try:
        record(upload.read() if upload else b"", upload and upload.filename)
    except ProxyError as error:
        return proxy_error_message(error)
    except AttachmentError as error:
        return attachment_error_message(error.code)
    return None
