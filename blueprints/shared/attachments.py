"""Attachments for every blueprint that shows or takes them: the one way a stored file is sent back
to a browser, and the messages for a refused upload."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from blueprints.shared.downloads import send_download
from models.core.zips import MB
from models.registration.attachments import ALLOWED, MAX_BYTES, MAX_FILES, MAX_PIXELS, sniff

# The file is shown by the browser itself (image or PDF viewer); nothing in it may run or load more.
ATTACHMENT_CSP = (
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; "
    "frame-ancestors 'self'; form-action 'none'; base-uri 'none'"
)


def send_attachment(attachment):
    """The stored file, typed by its content (never by its name), shown inline and never sniffed
    into something else; our own pages may frame it (review page beside the data)."""
    data = bytes(attachment.data)
    mime = sniff(data)
    filename = (attachment.filename or "file").rsplit(".", 1)[0] + ALLOWED.get(mime, ".bin")
    shown = mime in ALLOWED
    response = send_download(data, filename, mime if shown else "application/octet-stream", attachment=not shown)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = ATTACHMENT_CSP
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response


def attachment_error_message(code):
    """The text for an AttachmentError code, shown beside the file input."""
    limit = MAX_BYTES // (1024 * 1024)
    return str(
        {
            "empty": _l("ファイルを選んでください。"),
            "too_large": _l(
                "ファイルが大きすぎます（上限 %(mb)dMB）。写真は解像度を下げて撮り直してください。", mb=limit
            ),
            "type": _l("JPEG・PNG・PDF のファイルだけを添付できます（ファイルの中身で判定しています）。"),
            "unreadable": _l("画像を読み取れませんでした。ファイルが壊れていないか確認してください。"),
            "too_many_pixels": _l(
                # N million pixels = N×100万画素
                "画像の画素数が多すぎます（上限 %(million)d00万画素）。解像度を下げて保存し直してから添付してください。",
                million=MAX_PIXELS // 1_000_000,
            ),
            "too_many": _l(
                "添付できるファイルは%(num)d件までです。不要なファイルを削除してから追加してください。", num=MAX_FILES
            ),
            "face_small": _l("顔写真が小さすぎます。縦378×横294ピクセル以上の写真にしてください。"),
            "face_shape": _l("顔写真は縦長（横294:縦378）の形にしてください。"),
        }.get(code, _l("このファイルは添付できません。"))
    )


def zip_limit_message(error):
    """The text for a ZipLimitError, naming the limit (an .xlsx is a zip too)."""
    limit = error.limit or 0
    if error.code == "members":
        return _("中に入っているファイルが多すぎます（上限 %(n)d個）。", n=limit)
    if error.code == "member_bytes":
        return _("中に入っているファイルが展開すると大きすぎます（1ファイル %(mb)dMBまで）。", mb=limit // MB)
    if error.code == "total_bytes":
        return _("展開すると大きすぎます（展開後の合計 %(mb)dMBまで）。ファイルを分けてください。", mb=limit // MB)
    if error.code == "ratio":
        return _(
            "圧縮率が高すぎるファイルが入っています（%(n)d倍まで）。壊れているか、作り直しが必要なファイルです。",
            n=limit,
        )
    return _("zipファイルとして読み取れませんでした。")
