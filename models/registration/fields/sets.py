"""The fields of each application, grouped in sections, and the one catalogue of their labels: the
application and change forms, the reviewer's deficiency and correction screens, the fix screen, the
completeness messages and the mails read their labels here. An attachment is named "attachment:<purpose>"."""

from flask_babel import lazy_gettext as _l

# field: label, per kind; a form shows the same label as the reviewer's screen.
LABELS = {
    "worker": {
        "family_name": _l("姓"),
        "given_name": _l("名"),
        "middle_name": _l("ミドルネーム"),
        "family_kana": _l("セイ（フリガナ）"),
        "given_kana": _l("メイ（フリガナ）"),
        "alias_name": _l("旧姓・通称"),
        "print_alias": _l("カードに旧姓・通称を印字する（任意）"),
        "birth_date": _l("生年月日"),
        "gender": _l("性別"),
        "nationality": _l("国籍"),
        "blood_type": _l("血液型"),
        "postal_code": _l("郵便番号"),
        "address": _l("住所"),
        "address_from_licence_back": _l("運転免許証の裏面に記載された新しい住所で申請する"),
        "phone": _l("電話番号"),
        "email": _l("メールアドレス"),
        "emergency_name": _l("緊急連絡先氏名"),
        "emergency_relation": _l("続柄"),
        "emergency_phone": _l("緊急連絡先電話番号"),
        "main_trade": _l("主たる職種"),
        "trades": _l("その他の職種（複数選べます）"),
        "experience_years": _l("経験年数"),
        "registration_type": _l("登録区分"),
        "health_insurance": _l("健康保険"),
        "pension": _l("年金"),
        "employment_insurance": _l("雇用保険"),
        "kentaikyo_number": _l("建退共 被共済者番号"),
        "chutaikyo": _l("中退共に加入している"),
        "health_check_date": _l("健康診断受診日"),
        "qualifications": _l("保有資格"),
        "trainings": _l("研修"),
        "awards": _l("表彰"),
        "educations": _l("学歴"),
        "attachment:qualification": _l("資格証明書"),
        "attachment:education": _l("卒業証明書"),
        "affiliations": _l("所属事業者"),
        "id_document": _l("本人確認書類の種類"),
        "attachment:id_document": _l("本人確認書類（画像）"),
        "attachment:id_document_back": _l("本人確認書類 裏面（画像）"),
        "attachment:face_photo": _l("顔写真"),
        "residence_status": _l("在留資格"),
        "residence_card_number": _l("在留カード番号"),
        "residence_until": _l("在留期間（満了日）"),
        "acceptance_plan_number": _l("建設特定技能受入計画の認定番号"),
        "no_kana_on_document": _l("本人確認書類に氏名のフリガナの記載がない（外国籍の方）"),
    },
    "company": {
        "entity_type": _l("法人・個人区分"),
        "name": _l("商号または名称"),
        "name_kana": _l("商号フリガナ"),
        "representative_name": _l("代表者氏名"),
        "postal_code": _l("郵便番号"),
        "address": _l("所在地"),
        "phone": _l("電話番号"),
        "email": _l("メールアドレス"),
        "capital": _l("資本金（円）"),
        "employee_count": _l("従業員数（人）"),
        "has_licence": _l("建設業許可の有無"),
        "licence_authority": _l("許可行政庁"),
        "licence_kind": _l("般・特"),
        "licence_number": _l("許可番号"),
        "licence_trades": _l("許可業種"),
        "alt_document": _l("事業者確認書類"),
        "alt_document_date": _l("証明日"),
        "attachment:licence_certificate": _l("建設業許可証明書・許可通知書"),
        "attachment:alt_document": _l("事業者確認書類（画像）"),
        "attachment:commercial_register": _l("履歴事項全部証明書（画像）"),
        "officer_name": _l("登録責任者氏名"),
        "officer_postal_code": _l("登録責任者郵便番号"),
        "officer_address": _l("登録責任者住所"),
        "officer_phone": _l("登録責任者電話番号"),
        "officer_email": _l("登録責任者メールアドレス"),
        "health_insurance": _l("健康保険"),
        "pension": _l("厚生年金"),
        "employment_insurance": _l("雇用保険"),
        "employment_insurance_number": _l("雇用保険番号"),
        "rousai_special": _l("労災保険に特別加入している（労災保険法第33〜36条）"),
        "rousai_number": _l("労災保険番号（特別加入）"),
        "attachment:insurance_health": _l("健康保険の確認書類"),
        "attachment:insurance_pension": _l("厚生年金の確認書類"),
        "attachment:insurance_employment": _l("雇用保険の確認書類"),
    },
}


def _sections(kind, spec):
    """[(key, title, [(field, label)])] from [(key, title, fields)]."""
    return [(key, title, [(name, LABELS[kind][name]) for name in names]) for key, title, names in spec]


COMPANY_SECTIONS = _sections(
    "company",
    [
        (
            "basic",
            _l("基本情報"),
            (
                "entity_type",
                "name",
                "name_kana",
                "representative_name",
                "postal_code",
                "address",
                "phone",
                "email",
                "capital",
                "employee_count",
            ),
        ),
        (
            "licence",
            _l("建設業許可"),
            (
                "has_licence",
                "licence_authority",
                "licence_kind",
                "licence_number",
                "licence_trades",
                "alt_document",
                "alt_document_date",
                "attachment:licence_certificate",
                "attachment:alt_document",
                "attachment:commercial_register",
            ),
        ),
        (
            "officer",
            _l("登録責任者"),
            ("officer_name", "officer_postal_code", "officer_address", "officer_phone", "officer_email"),
        ),
        (
            "insurance",
            _l("社会保険"),
            (
                "health_insurance",
                "pension",
                "employment_insurance",
                "employment_insurance_number",
                "rousai_special",
                "rousai_number",
                "attachment:insurance_health",
                "attachment:insurance_pension",
                "attachment:insurance_employment",
            ),
        ),
    ],
)


WORKER_SECTIONS = _sections(
    "worker",
    [
        (
            "identity",
            _l("本人情報"),
            (
                "family_name",
                "given_name",
                "middle_name",
                "family_kana",
                "given_kana",
                "alias_name",
                "print_alias",
                "birth_date",
                "gender",
                "nationality",
                "blood_type",
            ),
        ),
        (
            "contact",
            _l("住所・連絡先"),
            (
                "postal_code",
                "address",
                "address_from_licence_back",
                "phone",
                "email",
                "emergency_name",
                "emergency_relation",
                "emergency_phone",
            ),
        ),
        ("work", _l("職種・経験"), ("main_trade", "trades", "experience_years", "registration_type")),
        (
            "insurance",
            _l("社会保険・退職金共済"),
            (
                "health_insurance",
                "pension",
                "employment_insurance",
                "kentaikyo_number",
                "chutaikyo",
                "health_check_date",
            ),
        ),
        (
            "details",
            _l("資格・研修・表彰・学歴"),
            ("qualifications", "trainings", "awards", "educations", "attachment:qualification", "attachment:education"),
        ),
        (
            "residence",
            _l("在留資格（外国籍の方）"),
            ("residence_status", "residence_card_number", "residence_until", "acceptance_plan_number"),
        ),
        ("affiliation", _l("所属事業者"), ("affiliations",)),
        (
            "documents",
            _l("本人確認書類・顔写真"),
            ("id_document", "attachment:id_document", "attachment:id_document_back", "attachment:face_photo"),
        ),
    ],
)


def sections(kind):
    return COMPANY_SECTIONS if kind == "company" else WORKER_SECTIONS


def section_fields(kind, section):
    """The value fields of one section, in order (its attachments left out)."""
    fields = next(fields for key, _title, fields in sections(kind) if key == section)
    return tuple(name for name, _label in fields if not name.startswith("attachment:"))


def field_labels(kind):
    """{field: label} of one kind."""
    return LABELS[kind]


def field_label(kind, name):
    return LABELS[kind].get(name, name)


def section_of(kind, field):
    for key, _title, fields in sections(kind):
        if any(name == field for name, _label in fields):
            return key
    return None
