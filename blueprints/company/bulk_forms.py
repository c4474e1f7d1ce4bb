from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import PasswordField
from wtforms.validators import DataRequired


class BulkUploadForm(FlaskForm):
    workbook = FileField(
        _l("一括申請リスト（.xlsx）"),
        description=_l(
            "このページのテンプレートに入力したファイルを選んでください。古い版のテンプレートでも読み込めます。"
        ),
    )


class IntegrationForm(FlaskForm):
    package = FileField(
        _l("連携ファイル（暗号化zip）"),
        description=_l("他の安全書類システムから書き出した、AES暗号化zipのファイルです。"),
    )
    password = PasswordField(
        _l("zipのパスワード"),
        validators=[DataRequired(_l("別の手段で届いたパスワードを入力してください。"))],
        description=_l("ファイルとは別の手段（電話・別メールなど）で受け取ったパスワードです。保存はしません。"),
    )
