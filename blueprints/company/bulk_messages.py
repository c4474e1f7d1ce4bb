"""The messages of the bulk application list: a refused file, and each refused cell saying what to
change (the registration fields' own messages, blueprints/shared/fields.py)."""

from flask_babel import format_number
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from blueprints.shared.attachments import zip_limit_message
from blueprints.shared.fields import message
from models.core import codes
from models.core.zips import ZipLimitError
from models.registration.bulk import template as bulk_template


def file_error_message(code, detail=()):
    if code.startswith("zip_"):
        return zip_limit_message(ZipLimitError(code[4:], detail[0] if detail else None))
    titles = codes.list_join(bulk_template.BY_FIELD[f].title for f in detail if f in bulk_template.BY_FIELD)
    first = detail[0] if detail and isinstance(detail[0], int) else 0  # the row or column limit
    return str(
        {
            "empty": _l("ファイルを選んでください。"),
            "too_large": _l("ファイルが大きすぎます（上限 5MB）。行を分けて複数のファイルにしてください。"),
            "type": _l("Excelファイル（.xlsx）を選んでください。.xls や CSV の場合は .xlsx で保存し直してください。"),
            "unreadable": _l("Excelファイルとして読み取れませんでした。Excelで開いて .xlsx で保存し直してください。"),
            "no_header": _l("見出しの行が見つかりませんでした。テンプレートの3行目の見出しを消さないでください。"),
            "columns": _l(
                "次の列が見つかりません: %(titles)s。最新のテンプレートをダウンロードして貼り付け直してください。",
                titles=titles,
            ),
            "too_many": _l("一度に読み込めるのは5,000行までです。ファイルを分けてください。"),
            "sheet_rows": _l(
                "シートの%(n)s行目より下は読み込めません。それより下の行（空の行も）を削除してください。",
                n=format_number(first),
            ),
            "sheet_columns": _l(
                "シートの%(n)d列目より右は読み込めません。それより右の列を削除してください。",
                n=detail[0] if detail else 0,
            ),
            "interrupted": _l("読み込みが途中で止まりました。取り込んだ行はありません。もう一度読み込んでください。"),
            "newer": _l(
                "このテンプレートの版はまだ読み込めません。このページからテンプレートをダウンロードし直してください。"
            ),
        }.get(code, _l("このファイルは読み込めません。"))
    )


def problem_message(problem):
    """What to change in one refused cell, in the user's language."""
    if problem.code.startswith("duplicate_row:"):
        row = int(problem.code.split(":", 1)[1])
        return _("同じ人（氏名と生年月日）が%(row)d行目にもあります。どちらかの行を削除してください。", row=row)
    if problem.code == "code" and problem.field in bulk_template.BY_FIELD:
        table = bulk_template.BY_FIELD[problem.field].table
        if problem.field != "main_trade":
            examples = codes.list_join(str(label) for _code, label in list(table)[:4])
            return _("セルの一覧から選んでください（%(examples)s など）。", examples=examples)
        examples = codes.list_join(f"{code}={codes.label(table, code)}" for code in codes.codes(table)[:4])
        return _("コード表にあるコードを入力してください（例: %(examples)s）。", examples=examples)
    return str(message("worker", problem.field, problem.code))


def column_label(problem):
    """The column as the user sees it: its letter and heading, or the field's title when not in the file."""
    title = problem.title or bulk_template.BY_FIELD.get(problem.field, bulk_template.COLUMNS[0]).title
    return f"{problem.column} {title}".strip()


def integration_error_message(code, detail=()):
    if code.startswith("zip_"):
        return zip_limit_message(ZipLimitError(code[4:], detail[0] if detail else None))
    return str(
        {
            "unreadable": _l("zipファイルとして読み取れませんでした。"),
            "password": _l("パスワードが違います。別の手段で届いたパスワードを確認してください。"),
            "not_encrypted": _l(
                "暗号化されていないzipは受け付けません。送り元に暗号化（AES）して送り直してもらってください。"
            ),
            "no_file": _l("zipの中にCSVかJSONのファイルがありません。"),
            "format": _l("ファイルの形式が仕様と違います。仕様書のとおりに書き出してください。"),
            "too_many": _l("一度に読み込めるのは5,000人までです。ファイルを分けてください。"),
            "corrupt": _l(
                "ファイルが壊れています（復号中に検査値が合いませんでした）。送り元に書き出し直してもらってください。"
            ),
            "interrupted": _l("読み込みが途中で止まりました。もう一度ファイルを送ってください。"),
        }.get(code, _l("このファイルは読み込めません。"))
    )
