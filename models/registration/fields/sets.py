"""The fields of each application, grouped in sections, with their labels: the one list that the
application forms, the reviewer's deficiency and correction screens, and the fix screen share.
An attachment is named "attachment:<purpose>"."""

from flask_babel import get_locale


def ui_lang():
    """ "en" or "ja": which of the two labels the current request reads."""
    return "en" if str(get_locale() or "ja") == "en" else "ja"


COMPANY_SECTIONS = [
    (
        "basic",
        "基本情報",
        "Basic information",
        [
            ("entity_type", "法人・個人区分", "Entity type"),
            ("name", "商号または名称", "Trade name"),
            ("name_kana", "商号フリガナ", "Trade name (kana)"),
            ("representative_name", "代表者氏名", "Representative"),
            ("postal_code", "郵便番号", "Postal code"),
            ("address", "所在地", "Address"),
            ("phone", "電話番号", "Phone"),
            ("email", "メールアドレス", "E-mail"),
            ("capital", "資本金", "Capital"),
            ("employee_count", "従業員数", "Employees"),
        ],
    ),
    (
        "licence",
        "建設業許可",
        "Construction licence",
        [
            ("has_licence", "建設業許可の有無", "Holds a licence"),
            ("licence_authority", "許可行政庁", "Licensing authority"),
            ("licence_kind", "般・特", "General / special"),
            ("licence_number", "許可番号", "Licence number"),
            ("licence_trades", "許可業種", "Licensed trades"),
            ("alt_document", "事業者確認書類", "Substitute document"),
            ("alt_document_date", "証明日", "Certificate date"),
            ("attachment:licence_certificate", "建設業許可証明書・許可通知書", "Licence certificate"),
            ("attachment:alt_document", "事業者確認書類（画像）", "Substitute document (file)"),
        ],
    ),
    (
        "officer",
        "登録責任者",
        "Registration officer",
        [
            ("officer_name", "登録責任者氏名", "Officer's name"),
            ("officer_postal_code", "登録責任者郵便番号", "Officer's postal code"),
            ("officer_address", "登録責任者住所", "Officer's address"),
            ("officer_phone", "登録責任者電話番号", "Officer's phone"),
            ("officer_email", "登録責任者メールアドレス", "Officer's e-mail"),
        ],
    ),
    (
        "insurance",
        "社会保険",
        "Social insurance",
        [
            ("health_insurance", "健康保険", "Health insurance"),
            ("pension", "厚生年金", "Pension"),
            ("employment_insurance", "雇用保険", "Employment insurance"),
            ("employment_insurance_number", "雇用保険番号", "Employment insurance number"),
            ("rousai_special", "労災保険特別加入", "Special workers' accident insurance"),
            ("rousai_number", "労災保険番号（特別加入）", "Accident insurance number (special)"),
            ("attachment:insurance_health", "健康保険の確認書類", "Health insurance proof"),
            ("attachment:insurance_pension", "厚生年金の確認書類", "Pension proof"),
            ("attachment:insurance_employment", "雇用保険の確認書類", "Employment insurance proof"),
        ],
    ),
]

WORKER_SECTIONS = [
    (
        "identity",
        "本人情報",
        "Personal details",
        [
            ("family_name", "姓", "Family name"),
            ("given_name", "名", "Given name"),
            ("middle_name", "ミドルネーム", "Middle name"),
            ("family_kana", "セイ（フリガナ）", "Family name (kana)"),
            ("given_kana", "メイ（フリガナ）", "Given name (kana)"),
            ("alias_name", "旧姓・通称", "Former name / alias"),
            ("print_alias", "カードへの旧姓・通称の印字", "Print alias on card"),
            ("birth_date", "生年月日", "Date of birth"),
            ("gender", "性別", "Sex"),
            ("nationality", "国籍", "Nationality"),
            ("blood_type", "血液型", "Blood type"),
        ],
    ),
    (
        "contact",
        "住所・連絡先",
        "Address and contact",
        [
            ("postal_code", "郵便番号", "Postal code"),
            ("address", "住所", "Address"),
            ("address_from_licence_back", "運転免許証裏面の住所", "Address from licence back"),
            ("phone", "電話番号", "Phone"),
            ("email", "メールアドレス", "E-mail"),
            ("emergency_name", "緊急連絡先氏名", "Emergency contact"),
            ("emergency_relation", "続柄", "Relationship"),
            ("emergency_phone", "緊急連絡先電話番号", "Emergency phone"),
        ],
    ),
    (
        "work",
        "職種・経験",
        "Trades and experience",
        [
            ("main_trade", "主たる職種", "Main trade"),
            ("trades", "職種（複数）", "Trades"),
            ("experience_years", "経験年数", "Years of experience"),
            ("registration_type", "登録区分", "Registration type"),
        ],
    ),
    (
        "insurance",
        "社会保険・退職金共済",
        "Social insurance and retirement funds",
        [
            ("health_insurance", "健康保険", "Health insurance"),
            ("pension", "年金", "Pension"),
            ("employment_insurance", "雇用保険", "Employment insurance"),
            ("kentaikyo_number", "建退共 被共済者番号", "Kentaikyo member number"),
            ("chutaikyo", "中退共", "Chutaikyo"),
            ("health_check_date", "健康診断受診日", "Health check date"),
        ],
    ),
    (
        "details",
        "資格・研修・表彰・学歴",
        "Qualifications, training, awards, education",
        [
            ("qualifications", "保有資格", "Qualifications"),
            ("trainings", "研修", "Training"),
            ("awards", "表彰", "Awards"),
            ("educations", "学歴", "Education"),
            ("attachment:qualification", "資格証明書", "Qualification certificates"),
            ("attachment:education", "卒業証明書", "Graduation certificate"),
        ],
    ),
    (
        "affiliation",
        "所属事業者",
        "Employers",
        [
            ("affiliations", "所属事業者", "Employers"),
        ],
    ),
    (
        "documents",
        "本人確認書類・顔写真",
        "Identity document and photo",
        [
            ("id_document", "本人確認書類の種類", "Identity document"),
            ("attachment:id_document", "本人確認書類（画像）", "Identity document (file)"),
            ("attachment:id_document_back", "本人確認書類 裏面（画像）", "Identity document back (file)"),
            ("attachment:face_photo", "顔写真", "Face photo"),
        ],
    ),
]


def sections(kind):
    return COMPANY_SECTIONS if kind == "company" else WORKER_SECTIONS


def section_fields(kind, section):
    """The value fields of one section, in order (its attachments left out)."""
    fields = next(fields for key, _ja, _en, fields in sections(kind) if key == section)
    return tuple(name for name, _ja, _en in fields if not name.startswith("attachment:"))


def field_labels(kind, lang="ja"):
    """{field: label} in the given language."""
    return {name: (en if lang == "en" else ja) for _s, _ja, _en, fields in sections(kind) for name, ja, en in fields}


def section_of(kind, field):
    for key, _ja, _en, fields in sections(kind):
        if any(name == field for name, _j, _e in fields):
            return key
    return None
