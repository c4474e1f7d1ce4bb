"""Code tables: each entry is (code, Japanese label, English label)."""
from flask_babel import get_locale

# 職種 (trades): CareerUp's own table of common trades, 大分類2桁+小分類2桁.
TRADES = [
    ("0101", "とび工", "Scaffolder (tobi)"),
    ("0201", "型枠工", "Formwork carpenter"),
    ("0301", "鉄筋工", "Rebar worker"),
    ("0401", "大工", "Carpenter"),
    ("0501", "左官", "Plasterer"),
    ("0601", "内装仕上工", "Interior finisher"),
    ("0701", "電気工事", "Electrician"),
    ("0801", "配管工", "Plumber / pipefitter"),
    ("0901", "塗装工", "Painter"),
    ("1001", "溶接工", "Welder"),
    ("1101", "土工", "Earthworker"),
    ("1201", "建設機械運転工", "Construction machine operator"),
    ("1301", "解体工", "Demolition worker"),
    ("1401", "防水工", "Waterproofer"),
    ("1501", "鉄骨工", "Steel erector"),
]

# 立場 (position on a site roster)
POSITIONS = [
    ("1", "職長", "Foreman"),
    ("2", "班長", "Team leader"),
    ("3", "作業員", "Worker"),
    ("4", "見習い", "Apprentice"),
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


def label(table, code):
    """The label of `code` in the current language ('' for an unknown code)."""
    lang = str(get_locale() or "ja")
    for c, ja, en in table:
        if c == code:
            return en if lang == "en" else ja
    return ""


def choices(table, blank=None):
    """WTForms choices in the current language; evaluated per request."""
    lang = str(get_locale() or "ja")
    items = [(c, en if lang == "en" else ja) for c, ja, en in table]
    return ([("", blank)] if blank is not None else []) + items


def codes(table):
    return [c for c, _, _ in table]
