"""Code tables: each entry is (code, Japanese label, English label)."""

from flask_babel import get_locale

from models.core import trades

# 職種 (trades): CareerUp's own table, or the official CCUS one once loaded (models/core/trades.py).
TRADES = trades.TRADES

# 立場 (position on a site roster)
POSITIONS = [
    ("1", "職長", "Foreman"),
    ("2", "班長", "Team leader"),
    ("3", "作業員", "Worker"),
    ("4", "見習い", "Apprentice"),
]

# 就業履歴を入力する理由 (why a day is entered by hand, or changed)
WORK_ENTRY_REASONS = [
    ("forgot_card", "カードを忘れた", "Forgot the card"),
    ("no_reader", "現場にカードリーダーがない", "No card reader on the site"),
    ("reader_broken", "カードリーダーの故障", "Card reader out of order"),
    ("yard", "自社の加工場での作業（Q7-9）", "Work at the company's own processing yard (Q7-9)"),
    ("training", "登録訓練機関での訓練", "Training at a registered training provider"),
    ("second_trade", "同じ日の別の職種（多能工）", "A second trade on the same day (multi-trade)"),
    ("correction", "職種・立場の訂正", "Correction of trade or position"),
]

GENDERS = [("1", "男性", "Male"), ("2", "女性", "Female")]

# 法人・個人区分
ENTITY_TYPES = [
    ("corporation", "法人", "Corporation"),
    ("sole", "個人事業主", "Sole proprietor"),
    ("one_person", "一人親方", "One-person operator"),
]

ADMIN_ROLES = [
    ("system_admin", "システム管理者", "System admin"),
    ("general_admin", "一般管理者", "General admin"),
    ("site_manager", "現場管理者", "Site manager"),
    ("proxy_clerk", "代行申請担当者", "Proxy clerk"),
]


# 建設業許可 業種 (the 29 statutory licence categories; not the same as 職種)
LICENCE_TRADES = [
    ("01", "土木一式", "Civil engineering (general)"),
    ("02", "建築一式", "Building (general)"),
    ("03", "大工", "Carpentry"),
    ("04", "左官", "Plastering"),
    ("05", "とび・土工・コンクリート", "Scaffolding, earthwork, concrete"),
    ("06", "石", "Masonry"),
    ("07", "屋根", "Roofing"),
    ("08", "電気", "Electrical"),
    ("09", "管", "Piping"),
    ("10", "タイル・れんが・ブロック", "Tile, brick, block"),
    ("11", "鋼構造物", "Steel structures"),
    ("12", "鉄筋", "Reinforcing bar"),
    ("13", "舗装", "Paving"),
    ("14", "しゅんせつ", "Dredging"),
    ("15", "板金", "Sheet metal"),
    ("16", "ガラス", "Glazing"),
    ("17", "塗装", "Painting"),
    ("18", "防水", "Waterproofing"),
    ("19", "内装仕上", "Interior finishing"),
    ("20", "機械器具設置", "Machinery installation"),
    ("21", "熱絶縁", "Thermal insulation"),
    ("22", "電気通信", "Telecommunications"),
    ("23", "造園", "Landscaping"),
    ("24", "さく井", "Well drilling"),
    ("25", "建具", "Fittings"),
    ("26", "水道施設", "Waterworks"),
    ("27", "消防施設", "Fire protection"),
    ("28", "清掃施設", "Sanitation facilities"),
    ("29", "解体", "Demolition"),
]

PREFECTURES = [
    (f"{i:02d}", ja, en)
    for i, (ja, en) in enumerate(
        [
            ("北海道", "Hokkaido"),
            ("青森県", "Aomori"),
            ("岩手県", "Iwate"),
            ("宮城県", "Miyagi"),
            ("秋田県", "Akita"),
            ("山形県", "Yamagata"),
            ("福島県", "Fukushima"),
            ("茨城県", "Ibaraki"),
            ("栃木県", "Tochigi"),
            ("群馬県", "Gunma"),
            ("埼玉県", "Saitama"),
            ("千葉県", "Chiba"),
            ("東京都", "Tokyo"),
            ("神奈川県", "Kanagawa"),
            ("新潟県", "Niigata"),
            ("富山県", "Toyama"),
            ("石川県", "Ishikawa"),
            ("福井県", "Fukui"),
            ("山梨県", "Yamanashi"),
            ("長野県", "Nagano"),
            ("岐阜県", "Gifu"),
            ("静岡県", "Shizuoka"),
            ("愛知県", "Aichi"),
            ("三重県", "Mie"),
            ("滋賀県", "Shiga"),
            ("京都府", "Kyoto"),
            ("大阪府", "Osaka"),
            ("兵庫県", "Hyogo"),
            ("奈良県", "Nara"),
            ("和歌山県", "Wakayama"),
            ("鳥取県", "Tottori"),
            ("島根県", "Shimane"),
            ("岡山県", "Okayama"),
            ("広島県", "Hiroshima"),
            ("山口県", "Yamaguchi"),
            ("徳島県", "Tokushima"),
            ("香川県", "Kagawa"),
            ("愛媛県", "Ehime"),
            ("高知県", "Kochi"),
            ("福岡県", "Fukuoka"),
            ("佐賀県", "Saga"),
            ("長崎県", "Nagasaki"),
            ("熊本県", "Kumamoto"),
            ("大分県", "Oita"),
            ("宮崎県", "Miyazaki"),
            ("鹿児島県", "Kagoshima"),
            ("沖縄県", "Okinawa"),
        ],
        start=1,
    )
]

# 許可行政庁: 国土交通大臣 or a prefectural governor
LICENCE_AUTHORITIES = [("00", "国土交通大臣", "Minister of Land, Infrastructure, Transport and Tourism")] + [
    (c, f"{ja}知事", f"Governor of {en}") for c, ja, en in PREFECTURES
]

LICENCE_KINDS = [("general", "般（一般建設業）", "General"), ("special", "特（特定建設業）", "Special")]

# Company documents without a licence (seed Q4-5); each must be dated within one year.
ALT_DOCUMENTS = [
    ("business_tax_return", "事業税の確定申告書", "Enterprise tax return"),
    ("tax_certificate_and_register", "納税証明書＋履歴事項全部証明書", "Tax certificate and certified register"),
    ("tax_certificate", "納税証明書", "Tax payment certificate"),
    ("income_tax_return", "所得税の確定申告書", "Income tax return"),
    ("business_start_notice", "個人事業の開始届", "Notice of starting a sole business"),
]
ALT_DOCUMENTS_FOR = {
    "corporation": ["business_tax_return", "tax_certificate_and_register"],
    "sole": ["tax_certificate", "income_tax_return", "business_start_notice"],
    "one_person": ["tax_certificate", "income_tax_return", "business_start_notice"],
}

INSURANCE_STATUSES = [
    ("enrolled", "加入", "Enrolled"),
    ("not_enrolled", "未加入", "Not enrolled"),
    ("exempt", "適用除外", "Exempt"),
]

BLOOD_TYPES = [
    ("A", "A型", "A"),
    ("B", "B型", "B"),
    ("O", "O型", "O"),
    ("AB", "AB型", "AB"),
    ("unknown", "不明", "Unknown"),
]

ID_DOCUMENTS = [
    ("driving_licence", "運転免許証", "Driving licence"),
    ("my_number", "マイナンバーカード（表面のみ）", "My Number card (front only)"),
    ("passport", "パスポート＋住民票", "Passport and residence certificate"),
    ("residence_card", "在留カード", "Residence card"),
    ("special_permanent", "特別永住者証明書", "Special permanent resident certificate"),
    ("no_photo", "顔写真のない本人確認書類（窓口申請）", "Identity document without photo (counter application)"),
    ("none", "本人確認書類なし（窓口申請）", "No identity document (counter application)"),
]
# Seed Q4-6/Q5-2: without a photo the face is checked at a counter (窓口申請); never online.
COUNTER_ONLY_ID_DOCUMENTS = {"no_photo", "none"}

QUALIFICATION_KINDS = [
    ("ginoushi", "技能士", "Certified skilled worker"),
    ("license", "免許", "Licence"),
    ("ginou_koushu", "技能講習", "Skill training course"),
    ("tokubetsu", "特別教育", "Special education"),
    ("kikan", "登録基幹技能者", "Registered core skilled worker"),
    ("other", "その他", "Other"),
]

PAYMENT_METHODS = [
    ("konbini", "コンビニエンスストア", "Convenience store"),
    ("payeasy", "Pay-easy（ペイジー）", "Pay-easy"),
    ("credit", "クレジットカード", "Credit card"),
]

REGISTRATION_TYPES = [("basic", "簡略型", "Basic"), ("detailed", "詳細型", "Detailed")]

INQUIRY_CATEGORIES = [
    ("1", "利用方法", "How to use"),
    ("2", "技能者・事業者の登録全般", "Registration in general"),
    ("3", "事業者情報の登録", "Company registration"),
    ("4", "技能者情報の登録", "Worker registration"),
    ("5", "費用", "Fees"),
    ("6", "就業履歴", "Work history"),
    ("7", "カードリーダー", "Card readers"),
    ("8", "パスワード・ログイン", "Password and login"),
    ("9", "その他（カード再発行など）", "Other (card reissue etc.)"),
]


def label(table, code):
    """The label of `code` in the current language ('' for an unknown code)."""
    lang = str(get_locale() or "ja")
    for c, ja, en in entries(table):
        if c == code:
            return en if lang == "en" else ja
    return ""


def list_join(items, labels=None):
    """A list in running text, separated as the current language writes it: 「、」 or ", "; each item
    shown by its entry in `labels` when it has one."""
    labels = labels or {}
    return (", " if str(get_locale() or "ja") == "en" else "、").join(str(labels.get(i, i)) for i in items)


def choices(table, blank=None):
    """WTForms choices in the current language; evaluated per request."""
    lang = str(get_locale() or "ja")
    items = [(c, en if lang == "en" else ja) for c, ja, en in table]
    return ([("", blank)] if blank is not None else []) + items


def entries(table):
    """Every entry a stored value may hold; for 職種 more than the form offers (models/core/trades.py)."""
    return table.known() if hasattr(table, "known") else table


def labels(table):
    """{code: label in the current language} over every entry a stored value may hold."""
    lang = str(get_locale() or "ja")
    return {c: en if lang == "en" else ja for c, ja, en in entries(table)}


def codes(table):
    """The codes a stored value may hold."""
    return [c for c, _, _ in entries(table)]
