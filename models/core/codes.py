"""Code tables: each entry is (code, label); the label is its Japanese text through Flask-Babel, so it reads
in the current locale and `pybabel extract` finds it."""

from flask_babel import gettext, lazy_pgettext
from flask_babel import lazy_gettext as _l

from models.core import trades

# 職種 (trades): CareerUp's own table, or the official CCUS one once loaded (models/core/trades.py).
TRADES = trades.TRADES

# 立場 (position on a site roster)
POSITIONS = [
    ("1", _l("職長")),
    ("2", _l("班長")),
    ("3", lazy_pgettext("position", "作業員")),  # one worker's position, not the crew
    ("4", _l("見習い")),
]

# 記録の方法 (how a work record came to be: models/sites/records.WorkRecord.source)
RECORD_SOURCES = [
    ("card", _l("カード")),
    ("manual", _l("手入力")),
    ("yard", _l("自社の加工場")),
    ("training", _l("登録訓練機関")),
]

# 就業履歴を入力する理由 (why a day is entered by hand, or changed)
WORK_ENTRY_REASONS = [
    ("forgot_card", _l("カードを忘れた")),
    ("no_reader", _l("現場にカードリーダーがない")),
    ("reader_broken", _l("カードリーダーの故障")),
    ("yard", _l("自社の加工場での作業（Q7-9）")),
    ("training", _l("登録訓練機関での訓練")),
    ("second_trade", _l("同じ日の別の職種（多能工）")),
    ("correction", _l("職種・立場の訂正")),
]


class AliasedTable(list):
    """A code table whose codes may also be typed by a short form of their label (男 for 男性); the form
    offers the entries only, `aliases()` are read back by fields/rules.code_for."""

    def __init__(self, entries, aliases):
        super().__init__(entries)
        self._aliases = aliases

    def aliases(self):
        return self._aliases


GENDERS = AliasedTable([("1", _l("男性")), ("2", _l("女性"))], [("1", _l("男")), ("2", _l("女"))])

# A yes/no column of the bulk list; its labels are among fields/rules.YES_WORDS / NO_WORDS.
YES_NO = [("1", _l("はい")), ("0", _l("いいえ"))]

# 法人・個人区分
ENTITY_TYPES = [
    ("corporation", _l("法人")),
    ("sole", _l("個人事業主")),
    ("one_person", _l("一人親方")),
]

ADMIN_ROLES = [
    ("system_admin", _l("システム管理者")),
    ("general_admin", _l("一般管理者")),
    ("site_manager", _l("現場管理者")),
    ("proxy_clerk", _l("代行申請担当者")),
]


# 建設業許可 業種 (the 29 statutory licence categories; not the same as 職種)
LICENCE_TRADES = [
    ("01", _l("土木一式")),
    ("02", _l("建築一式")),
    ("03", _l("大工")),
    ("04", _l("左官")),
    ("05", _l("とび・土工・コンクリート")),
    ("06", _l("石")),
    ("07", _l("屋根")),
    ("08", _l("電気")),
    ("09", _l("管")),
    ("10", _l("タイル・れんが・ブロック")),
    ("11", _l("鋼構造物")),
    ("12", _l("鉄筋")),
    ("13", _l("舗装")),
    ("14", _l("しゅんせつ")),
    ("15", _l("板金")),
    ("16", _l("ガラス")),
    ("17", _l("塗装")),
    ("18", _l("防水")),
    ("19", _l("内装仕上")),
    ("20", _l("機械器具設置")),
    ("21", _l("熱絶縁")),
    ("22", _l("電気通信")),
    ("23", _l("造園")),
    ("24", _l("さく井")),
    ("25", _l("建具")),
    ("26", _l("水道施設")),
    ("27", _l("消防施設")),
    ("28", _l("清掃施設")),
    ("29", _l("解体")),
]

PREFECTURES = [
    (f"{i:02d}", name)
    for i, name in enumerate(
        [
            _l("北海道"),
            _l("青森県"),
            _l("岩手県"),
            _l("宮城県"),
            _l("秋田県"),
            _l("山形県"),
            _l("福島県"),
            _l("茨城県"),
            _l("栃木県"),
            _l("群馬県"),
            _l("埼玉県"),
            _l("千葉県"),
            _l("東京都"),
            _l("神奈川県"),
            _l("新潟県"),
            _l("富山県"),
            _l("石川県"),
            _l("福井県"),
            _l("山梨県"),
            _l("長野県"),
            _l("岐阜県"),
            _l("静岡県"),
            _l("愛知県"),
            _l("三重県"),
            _l("滋賀県"),
            _l("京都府"),
            _l("大阪府"),
            _l("兵庫県"),
            _l("奈良県"),
            _l("和歌山県"),
            _l("鳥取県"),
            _l("島根県"),
            _l("岡山県"),
            _l("広島県"),
            _l("山口県"),
            _l("徳島県"),
            _l("香川県"),
            _l("愛媛県"),
            _l("高知県"),
            _l("福岡県"),
            _l("佐賀県"),
            _l("長崎県"),
            _l("熊本県"),
            _l("大分県"),
            _l("宮崎県"),
            _l("鹿児島県"),
            _l("沖縄県"),
        ],
        start=1,
    )
]

# 許可行政庁: 国土交通大臣 or a prefectural governor
LICENCE_AUTHORITIES = [("00", _l("国土交通大臣"))] + [
    (c, _l("%(prefecture)s知事", prefecture=name)) for c, name in PREFECTURES
]

LICENCE_KINDS = [("general", _l("般（一般建設業）")), ("special", _l("特（特定建設業）"))]

# Company documents without a licence (seed Q4-5); each must be dated within one year.
ALT_DOCUMENTS = [
    ("business_tax_return", _l("事業税の確定申告書")),
    ("tax_certificate_and_register", _l("納税証明書＋履歴事項全部証明書")),
    ("tax_certificate", _l("納税証明書")),
    ("income_tax_return", _l("所得税の確定申告書")),
    ("business_start_notice", _l("個人事業の開始届")),
]
ALT_DOCUMENTS_FOR = {
    "corporation": ["business_tax_return", "tax_certificate_and_register"],
    "sole": ["tax_certificate", "income_tax_return", "business_start_notice"],
    "one_person": ["tax_certificate", "income_tax_return", "business_start_notice"],
}

INSURANCE_STATUSES = [
    ("enrolled", _l("加入")),
    ("not_enrolled", _l("未加入")),
    ("exempt", _l("適用除外")),
]

BLOOD_TYPES = [
    ("A", _l("A型")),
    ("B", _l("B型")),
    ("O", _l("O型")),
    ("AB", _l("AB型")),
    ("unknown", _l("不明")),
]

ID_DOCUMENTS = [
    ("driving_licence", _l("運転免許証")),
    ("my_number", _l("マイナンバーカード（表面のみ）")),
    ("passport", _l("パスポート＋住民票")),
    ("residence_card", _l("在留カード")),
    ("special_permanent", _l("特別永住者証明書")),
    ("no_photo", _l("顔写真のない本人確認書類（窓口申請）")),
    ("none", _l("本人確認書類なし（窓口申請）")),
]
# 在留資格 of a foreign worker. 特別永住者 holds a 特別永住者証明書, not a 在留カード; 永住者 has no 在留期間.
RESIDENCE_STATUSES = [
    ("specified_skilled_1", _l("特定技能1号")),
    ("specified_skilled_2", _l("特定技能2号")),
    ("technical_intern", _l("技能実習")),
    ("skill_development", _l("育成就労")),
    ("designated_construction", _l("特定活動（外国人建設就労者）")),
    ("designated_other", _l("特定活動（その他）")),
    ("permanent", _l("永住者")),
    ("spouse_of_japanese", _l("日本人の配偶者等")),
    ("spouse_of_permanent", _l("永住者の配偶者等")),
    ("long_term", _l("定住者")),
    ("engineer", _l("技術・人文知識・国際業務")),
    ("special_permanent", _l("特別永住者")),
    ("other", _l("その他")),
]
# 建設特定技能受入計画 is certified for the employer of a 特定技能 worker (1号 and 2号).
SPECIFIED_SKILLED = {"specified_skilled_1", "specified_skilled_2"}
WITHOUT_RESIDENCE_CARD = {"special_permanent"}
WITHOUT_RESIDENCE_PERIOD = {"permanent", "special_permanent"}

# Seed Q4-6/Q5-2: without a photo the face is checked at a counter (窓口申請); never online.
COUNTER_ONLY_ID_DOCUMENTS = {"no_photo", "none"}

QUALIFICATION_KINDS = [
    ("ginoushi", _l("技能士")),
    ("license", _l("免許")),
    ("ginou_koushu", lazy_pgettext("qualification kind", "技能講習")),
    ("tokubetsu", _l("特別教育")),
    ("kikan", _l("登録基幹技能者")),
    ("other", _l("その他")),
]

PAYMENT_METHODS = [
    ("konbini", _l("コンビニエンスストア")),
    ("payeasy", _l("Pay-easy（ペイジー）")),
    ("credit", _l("クレジットカード")),
]

REGISTRATION_TYPES = [("basic", _l("簡略型")), ("detailed", _l("詳細型"))]

INQUIRY_CATEGORIES = [
    ("1", _l("利用方法")),
    ("2", _l("技能者・事業者の登録全般")),
    ("3", _l("事業者情報の登録")),
    ("4", _l("技能者情報の登録")),
    ("5", _l("費用")),
    ("6", _l("就業履歴")),
    ("7", _l("カードリーダー")),
    ("8", _l("パスワード・ログイン")),
    ("9", _l("その他（カード再発行など）")),
]


def label(table, code):
    """The label of `code` in the current locale ('' for an unknown code)."""
    return next((text for c, text in entries(table) if c == code), "")


def list_join(items, labels=None):
    """A list in running text, separated as the current locale writes it (「、」 or ", "); each item
    shown by its entry in `labels` when it has one."""
    labels = labels or {}
    # TRANSLATORS: the separator between the items of a list in running text.
    return gettext("、").join(str(labels.get(i, i)) for i in items)


def choices(table, blank=None):
    """WTForms choices; the labels follow the current locale."""
    return ([("", blank)] if blank is not None else []) + list(table)


def entries(table):
    """Every entry a stored value may hold; for 職種 more than the form offers (models/core/trades.py)."""
    return table.known() if hasattr(table, "known") else table


def labels(table):
    """{code: label} over every entry a stored value may hold."""
    return dict(entries(table))


def codes(table):
    """The codes a stored value may hold."""
    return [c for c, _label in entries(table)]
