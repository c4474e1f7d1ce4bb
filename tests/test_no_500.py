"""No input gives a 500: NUL characters, lone surrogates, huge numbers, very long text and odd dates,
posted to every form in the URL map by a logged-in user of the role the form is for, to the reader API,
and in the query strings of every page. Property-based (hypothesis), bounded and derandomized."""

import datetime as dt
import itertools
import json
import re
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from peewee import CharField, TextField

from models import (
    ALL_MODELS,
    Account,
    Application,
    CardRequest,
    ChangeRequest,
    Inquiry,
    Invoice,
    Membership,
    Qualification,
)
from models.core.clock import today
from models.sites.sites import RosterEntry
from tests import factories as f

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = settings(
    max_examples=5,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
)

# Values seen to break things, and the shapes that tend to.
SPECIAL = [
    "\x00",
    "山田\x00太郎",
    "\ud800",
    "a\udfffb",
    "99999999999999999999",
    "-99999999999999999999",
    "1e309",
    "NaN",
    "0001-01-01",
    "9999-12-31",
    "2024-02-30",
    "10000-01-01",
    "-1",
    "0",
    "",
    " ",
    "あ" * 3000,
    "x" * 20000,
    "0x10",
    "１２３",
    "\u202e",
    "²",
    "᧚",
    "9" * 40,
    "1." + "9" * 30,
]
NASTY = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec=None), max_size=10).map(lambda s: s + "\x00"),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.dates().map(dt.date.isoformat),
)

# A plausible value per field name, so that the other fields of a form pass and the nasty one reaches
# the code behind the form.
GOOD = {
    "email": "hypo@example.jp",
    "email_again": "hypo@example.jp",
    "password": f.PASSWORD,
    "password2": f.PASSWORD,
    "current": f.PASSWORD,
    "display_name": "仮説 太郎",
    "birth_date": "1990-01-01",
    "phone": "090-1111-2222",
    "emergency_phone": "090-1111-3333",
    "officer_phone": "03-1111-2222",
    "postal_code": "160-0023",
    "officer_postal_code": "160-0023",
    "family_kana": "カセツ",
    "given_kana": "タロウ",
    "name_kana": "カセツ",
    "capital": "1000000",
    "experience_years": "5",
    "employee_count": "3",
    "paid_on": dt.date.today().isoformat(),
    "starts_on": "2025-04-01",
    "ends_on": "2026-03-31",
    "body": "お問い合わせの本文です。",
    "subject": "件名",
    "step": "send",
}


# --- the inputs that were seen to answer 500 -----------------------------------------------------


def test_nul_characters_in_typed_text_are_dropped_before_they_are_stored(client):
    """PostgreSQL refuses NUL in text: a sign-up name or an inquiry body with one was a 500 there."""
    r = client.post(
        "/signup",
        data={
            "display_name": "山田\x00太郎",
            "email": "nul@example.jp",
            "password": f.PASSWORD,
            "password2": f.PASSWORD,
        },
    )
    assert r.status_code < 500
    assert Account.get(Account.email == "nul@example.jp").display_name == "山田太郎"
    inquiry = {
        "category": "9",
        "name": "山田 太郎",
        "email": "nul@example.jp",
        "email_again": "nul@example.jp",
        "subject": "件名\x00",
        "body": "カードを\x00紛失しました。",
        "step": "send",
    }
    assert client.post("/inquiry", data=inquiry).status_code == 302
    assert (Inquiry.get().subject, Inquiry.get().body) == ("件名", "カードを紛失しました。")
    assert not stored_nul()


def test_daily_list_far_dates_show_a_page_with_a_message(client):
    """Issue 21: a far date (1900-01-01, 9999-12-31, tomorrow) shows today's list with a message naming
    the days that can be shown — never 2000-01-01 quietly — and no 翌日 steps into the future; both day
    lists have a date picker that stops at today."""
    world = f.site_with_worker()
    f.login(client, world["prime_admin"])
    now = today()
    for url in (f"/prime/sites/{world['site'].id}/daily", f"/prime/sites/{world['site'].id}/presence"):
        for asked in ("9999-12-31", "0001-01-01", "1900-01-01", (now + dt.timedelta(days=1)).isoformat()):
            r = client.get(url, query_string={"date": asked})
            assert r.status_code == 200 and now.strftime("%Y/%m/%d") in r.text, (url, asked)
            assert f"2000-01-01 から {now.isoformat()} までの日付を指定してください" in r.text
            assert "2000/01/01" not in r.text and "翌日" not in r.text
        assert f'max="{now.isoformat()}"' in r.text and 'type="date"' in r.text
        assert "前日" not in client.get(url, query_string={"date": "2000-01-01"}).text
        r = client.get(url, query_string={"date": "2026-11-25"})
        assert "2026/11/25" in r.text and "指定してください" not in r.text and "翌日" in r.text


def test_ids_beyond_the_database_range_answer_404(client):
    world = f.site_with_worker()
    f.login(client, world["prime_admin"])
    for huge in ("99999999999999999999", "2147483648", "9223372036854775808"):
        assert client.get(f"/prime/sites/{huge}").status_code == 404
        assert client.get(f"/prime/sites/{huge}/daily").status_code == 404
    f.login(client, f.reviewer())
    assert client.get("/reviewer/applications/99999999999999999999").status_code == 404


def test_numbers_are_read_by_one_parser_ascii_digits_after_nfkc_only():
    from models.core.numbers import NumberError, parse_int

    assert [parse_int(t) for t in ("12", "１２", "²", " 7 ")] == [12, 12, 2, 7]
    for text, code in (("᧚", "not_number"), ("٣", "not_number"), ("-1", "not_number"), ("", "not_number")):
        with pytest.raises(NumberError) as raised:
            parse_int(text)
        assert raised.value.code == code
    for text in ("9" * 40, "2147483648"):
        with pytest.raises(NumberError) as raised:
            parse_int(text)
        assert raised.value.code == "out_of_range"


def test_digits_int_refuses_are_refused_where_numbers_and_ids_are_typed():
    from models.core.ids import is_valid_id, normalize_id
    from models.history.kentaikyo import KentaikyoError, normalize_contract_number
    from models.registration.fields.rules import FieldValueError, parse_number

    with pytest.raises(FieldValueError):
        parse_number("᧚᧚")  # was a ValueError out of int(): a 500 on any number field
    assert parse_number("１，２００円") == 1200
    assert not is_valid_id("᧚" * 14) and normalize_id("᧚1-2") == "12"
    with pytest.raises(KentaikyoError):
        normalize_contract_number("᧚᧚")


def test_a_digit_int_refuses_in_a_query_or_form_is_a_400_with_a_message(client):
    """᧚ passes str.isdigit() but not int(): these three places answered 500."""
    world = f.site_with_worker()
    f.login(client, world["account"])
    client.post("/switch", data={"target": f"company:{world['sub'].id}"})
    for odd in ("᧚", "9" * 40):
        r = client.get("/company/kentaikyo/2026-01.csv", query_string={"site": odd})
        assert r.status_code == 400 and "「site」には半角の数字を指定してください" in r.text
    f.login(client, world["prime_admin"])
    for odd in ("᧚", "9" * 40):
        r = client.post(f"/prime/sites/{world['site'].id}/documents/ledger", data={"contract": odd})
        assert r.status_code == 400, r.status_code
    for odd in ("9" * 30, "᧚"):
        r = client.post("/prime/approvals", data={"ids": [odd], "action": "approve"})
        assert r.status_code == 422
    r = client.get(
        "/api/v1/records", query_string={"since": "᧚.1"}, headers={"Authorization": f"Bearer {world['token']}"}
    )
    assert r.status_code in (400, 401, 403) and r.is_json


def test_ids_of_30_to_40_digits_in_any_url_are_404(app, client):
    world = f.site_with_worker()
    f.login(client, world["prime_admin"])
    for digits in (30, 40):
        huge = "9" * digits
        assert client.get(f"/prime/sites/{huge}/documents").status_code == 404
        assert client.get(f"/prime/documents/{huge}/download").status_code == 404
    f.login(client, world["account"])
    assert client.get(f"/worker/career/summaries/{'9' * 35}.pdf").status_code == 404
    assert client.get("/worker/career/summaries/᧚.pdf").status_code == 404


# --- generated input ------------------------------------------------------------------------------


class FormFields(HTMLParser):
    """The fields of every form on a page with the values the page offers (first option of a select)."""

    def __init__(self):
        super().__init__()
        self.values, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("file", "submit", "button", "image"):
            self.values.setdefault(name, a.get("value") or ("y" if a.get("type") == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and a.get("value"):
            self.values.setdefault(self._select, a["value"])
        elif tag == "textarea" and name:
            self._textarea = name
            self.values.setdefault(name, "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and not self.values[self._textarea]:
            self.values[self._textarea] = data.strip()


def page_fields(client, url):
    page = FormFields()
    page.feed(client.get(url, follow_redirects=True).get_data(as_text=True))
    return {k: v for k, v in page.values.items() if k not in ("csrf_token", "lang")}


def baseline(client, url):
    """What a person would send from the page at `url` (or its /new page), every empty field filled."""
    values = page_fields(client, url)
    if len(values) < 2:
        values = page_fields(client, url.rstrip("/") + "/new") or values
    return {name: value or GOOD.get(name, "テスト") for name, value in values.items()} | {"step": "send"}


def encoded(values):
    """A urlencoded body that carries even lone surrogates (as their raw UTF-8 bytes), as a browser could."""
    raw = lambda s: str(s).encode("utf-8", "surrogatepass")  # noqa: E731
    return urllib.parse.urlencode([(raw(k), raw(v)) for k, v in values.items()])


@pytest.fixture
def world(app):
    site = f.site_with_worker()
    rev = f.reviewer()
    applicant = f.account(name="申請 三郎")
    drafts = [
        f.submitted_worker_application(account_=applicant, submit=False).id,
        Application.create(kind="company", applicant=applicant, company=f.company(approved=False)[0]).id,
    ]
    submitted = f.submitted_worker_application(employer=site["sub"])
    worker = site["worker"]
    args = {
        "app_id": drafts,
        "site_pk": [site["site"].id],
        "contract_id": [site["contract"].id],
        "entry_id": [RosterEntry.get(RosterEntry.site == site["site"]).id],
        "attachment_id": [1],
        "section": ["basic", "identity", "contact", "work", "insurance", "details", "documents"],
        "membership_id": [Membership.get(Membership.account == site["account"]).id],
        "invoice_id": [Invoice.open_for("card_reissue", site["account"], 1_000, dt.date.today()).id],
        "request_id": [CardRequest.file(worker, "reissue", "damaged", "", dt.date.today()).id],
        "card_id": [site["card"].id],
        "change_id": [ChangeRequest.file(worker, site["account"], {"blood_type": "B"}).id],
        "link_id": [1],
        "affiliation_id": [worker.affiliations.get().id],
        "kind": ["qualifications", "trainings", "awards", "educations"],
        "row_id": [Qualification.create(worker=submitted.worker, kind="ginoushi", name="型枠施工技能士").id],
        "inquiry_id": [Inquiry.create(category="9", name="問 太郎", email="q@example.jp", body="再発行").id],
        "token": ["not-a-token"],
    }
    f.worked_day(site, f.days_ago(0))
    return {"site": site, "reviewer": rev, "applicant": applicant, "submitted": submitted.id, "args": args}


def role_client(app, world, blueprint):
    """A client logged in as the person a blueprint's forms are for."""
    client = app.test_client()
    site = world["site"]
    who = {
        "reviewer": world["reviewer"],
        "apply": world["applicant"],
        "prime": site["prime_admin"],
        "company": site["account"],
        "worker": site["account"],
        "auth": site["account"],
    }.get(blueprint)
    if who is not None:
        f.login(client, who)
    if blueprint == "company":
        client.post("/switch", data={"target": f"company:{site['sub'].id}"})
    return client


# Forms that end the session or the role go last, so the others are tried while logged in.
LAST = ("auth.switch", "auth.password_change", "company.admin_remove", "auth.logout")


def form_routes(app):
    rules = [r for r in app.url_map.iter_rules() if "POST" in r.methods and not r.rule.startswith("/api/")]
    return sorted(rules, key=lambda r: (r.endpoint in LAST, LAST.index(r.endpoint) if r.endpoint in LAST else 0))


def stored_nul():
    """(table, column) of every stored text that holds a NUL character."""
    found = []
    for model in ALL_MODELS:
        columns = [c for c in model._meta.sorted_fields if isinstance(c, (CharField, TextField))]
        for row in model.select(*columns).dicts():
            found += [(model.__name__, k) for k, v in row.items() if isinstance(v, str) and "\x00" in v]
    return found


def urls_of(rule, args):
    """The route's URL for every combination of the world's values for its arguments."""
    names = sorted(rule.arguments)
    for combo in itertools.product(*(args.get(n, [1]) for n in names)):  # an unknown argument gets 1
        yield rule.build(dict(zip(names, combo)))[1]


def post_generated(client, url, who):
    """Posts the page's own form with one to three of its fields replaced by generated values."""
    form = baseline(client, url)

    @SETTINGS
    @given(data=st.data())
    def check(data):
        sent = dict(form)
        for name in data.draw(st.lists(st.sampled_from(sorted(form)), min_size=1, max_size=3, unique=True)):
            # Half the time the page's own value with a NUL in it: the form stays valid, so it is stored.
            sent[name] = data.draw(st.one_of(st.just(f"{form[name]}\x00x"), NASTY), label=name)
        r = client.post(url, data=encoded(sent), content_type="application/x-www-form-urlencoded")
        assert r.status_code < 500, f"{who} POST {url} answered {r.status_code} to {sent!r}"

    check()


# The query parameters pages read: every name a view asks the request for, found in the source, and
# the ones the shared pager and filters read.
READS = re.compile(r"""(?:request\.(?:args|values|form)\.get(?:list)?|number_param|number_list)\(\s*["'](\w+)["']""")
QUERY_NAMES = tuple(
    sorted(
        {name for path in (ROOT / "blueprints").rglob("*.py") for name in READS.findall(path.read_text())}
        | {"page", "date", "q", "kind", "status", "older_than", "actor", "since", "until", "correct", "section"}
    )
)


def get_generated(client, url, who):
    """Opens the page with generated values in the query parameters lists read."""

    @settings(SETTINGS, max_examples=3)
    @given(query=st.fixed_dictionaries({k: NASTY for k in QUERY_NAMES}))
    def check(query):
        r = client.get(url + "?" + encoded(query))
        assert r.status_code < 500, f"{who} GET {url} answered {r.status_code} to {query!r}"

    check()


ANONYMOUS = ("auth.login", "auth.signup", "auth.forgot", "auth.reset", "public.inquiry_submit")


def test_every_form_answers_generated_input_without_a_500(app, world):
    clients, tried = {}, []
    for rule in form_routes(app):
        role = "anonymous" if rule.endpoint in ANONYMOUS else rule.endpoint.split(".")[0]
        if role not in clients:
            clients[role] = role_client(app, world, role)
        client = clients[role]
        if role == "company":
            client.post("/switch", data={"target": f"company:{world['site']['sub'].id}"})
        args = dict(world["args"], app_id=[world["submitted"]] if role == "reviewer" else world["args"]["app_id"])
        for url in urls_of(rule, args):
            post_generated(client, url, role)
        tried.append(rule.endpoint)
    assert len(tried) >= 40
    assert not stored_nul(), "NUL reached the database"


def test_every_page_answers_odd_query_strings_without_a_500(app, world):
    clients = {}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static" or not set(rule.arguments) <= set(world["args"]):
            continue
        if "." in rule.rule.rsplit("/", 1)[-1]:  # files (PDF, PNG, Excel) read no query parameters
            continue
        role = rule.endpoint.split(".")[0]
        client = clients.setdefault(role, role_client(app, world, role))
        for url in itertools.islice(urls_of(rule, world["args"]), 1):
            get_generated(client, url, role)


def _touch_items(site_id, card):
    item = st.fixed_dictionaries(
        {},
        optional={
            "event_id": st.one_of(NASTY, st.integers(), st.none()),
            "site_id": st.one_of(st.just(site_id), NASTY),
            "card": st.one_of(st.just(card), NASTY),
            "direction": st.sampled_from(["in", "out", "\x00", ""]),
            "at": st.one_of(
                st.sampled_from(["0001-01-01T00:00:00+09:00", "9999-12-31T23:59:59-10:00", "2026-11-25T08:01:00"]),
                st.datetimes(timezones=st.timezones()).map(dt.datetime.isoformat),
                NASTY,
            ),
        },
    )
    return st.lists(st.one_of(item, st.integers(), st.text(max_size=5)), min_size=1, max_size=5)


def test_reader_api_answers_generated_touches_without_a_500(app):
    world = f.site_with_worker()
    client = app.test_client()

    site_id, card = world["site"].site_id, world["card"].idm
    extreme = {"event_id": "e1", "site_id": site_id, "card": card, "direction": "in"}

    @settings(SETTINGS, max_examples=40)
    @example(
        items=[{**extreme, "at": "0001-01-01T00:00:00+09:00"}, {**extreme, "event_id": "e2", "at": "2026-11-25T08:00"}]
    )
    @example(items=[{**extreme, "at": "9999-12-31T23:59:59-10:00"}])
    @given(items=_touch_items(site_id, card))
    def post_touches(items):
        body = json.dumps({"touches": items}, ensure_ascii=False).encode("utf-8", "surrogatepass")
        r = client.post(
            "/api/v1/touches",
            data=body,
            content_type="application/json",
            headers={"Authorization": f"Bearer {world['token']}"},
        )
        assert r.status_code < 500, f"POST /api/v1/touches answered {r.status_code} to {items!r}"

    post_touches()


def test_reader_api_answers_a_deeply_nested_body_without_a_500(app):
    world = f.site_with_worker()
    body = '{"touches": [' + "[" * 5000 + "]" * 5000 + "]}"
    r = app.test_client().post(
        "/api/v1/touches",
        data=body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {world['token']}"},
    )
    assert r.status_code < 500
