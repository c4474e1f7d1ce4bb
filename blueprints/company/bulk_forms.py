from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField


class BulkUploadForm(FlaskForm):
    workbook = FileField(
        _l("一括申請リスト（.xlsx）"),
        description=_l(
            "このページのテンプレートに入力したファイルを選んでください。古い版のテンプレートでも読み込めます。"
        ),
    )
