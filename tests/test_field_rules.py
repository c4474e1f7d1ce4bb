"""Each registration field is defined once (issue 6): for every field, every value the application form
accepts, the change form and the reviewer's correction (補記) accept and store identically, and every
value one refuses, the others refuse with the same message. Then the divergences that were bugs,
through the real pages."""

import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict
from wtforms.fields.core import UnboundField

from blueprints.apply import company_forms, worker_forms
from blueprints.company.change_forms import CompanyChangeForm
from blueprints.shared.fields import message
from blueprints.worker.change_forms import WorkerChangeForm
from models import ChangeRequest, Company, Worker
from models.core import codes
from models.registration.changes import CHANGEABLE, changeable_fields
from models.registration.fields.rules import RULES, FieldValueError, for_record
from models.registration.fields.sets import section_of
from models.registration.fields.values import coerce, is_correctable, to_text
from tests import factories as f

FUTURE = (dt.date.today() + dt.timedelta(days=40)).isoformat()


def samples(spec):
    """Values a person might type into a field of this kind of rule: good, odd and bad."""
    table = codes.codes(spec.table) if spec.table else []
    text = spec.max_length or 0
    high = spec.high if isinstance(spec.high, int) else 0
    return {
        "text": ["山田建設", "ＡＢＣ１２３", " 東京 ", "", "長" * (text + 1)],
        "kana": ["やまだ", "ﾔﾏﾀﾞ", "ヤマダ　タロウ", "yamada", ""],
        "postal": ["1600023", "１６０－００２３", "〒160-0023", "160-002", ""],
        "phone": ["090-1234-5678", "０３－１２３４－５６７８", "12345", ""],
        "email": ["taro@example.jp", "ｔａｒｏ＠example.jp", "taro@", ""],
        "number": [str(spec.low), "12", "12,000,000", "１２，０００円", str(high + 1), "十二", ""],
        "date": ["2000-04-01", "2020/4/1", "5月7日", "2020-02-30", FUTURE, ""],
        "bool": ["y", ""],
        "code": [table[:1] and table[0], "zzz", ""],
        "codes": [table[:2], ["zzz"], []],
        "kentaikyo": ["012345678", "012-345-678", "０１２ ３４５ ６７８", "12345", ""],
        "employment_insurance": ["13-3-01-123456-000", "13301123456000", "13-1-01-123456-000", "99-3-01-1234-000", ""],
        "rousai": ["13-1-01-123456-00001", "13-1-01-123456-000", "99-1-01-123456-00001", ""],
        "licence_number": ["012345", "12a", "1234567", ""],
        "residence_card": ["AB12345678CD", "ab 1234 5678 cd", "ＡＢ１２３４５６７８ＣＤ", "A123456789CD", ""],
    }[spec.type]


def worker_subject():
    return Worker.create(
        family_name="山田",
        given_name="太郎",
        family_kana="ヤマダ",
        given_kana="タロウ",
        birth_date=dt.date(1985, 4, 1),
        gender="1",
        blood_type="A",
        postal_code="332-0012",
        address="埼玉県川口市1-1",
        phone="090-1111-2222",
        main_trade="0201",
        registration_type="detailed",
        id_document="driving_licence",
        **f.INSURED,
    )


def company_subject():
    return Company.create(
        entity_type="corporation",
        name="山田建設株式会社",
        name_kana="ヤマダケンセツ",
        representative_name="山田 一郎",
        postal_code="160-0023",
        address="東京都新宿区1-1",
        phone="03-1111-2222",
        capital=5_000_000,
        employee_count=3,
        officer_name="山田 花子",
        officer_postal_code="160-0023",
        officer_address="東京都新宿区1-1",
        officer_phone="090-1111-2222",
        officer_email="hanako@example.jp",
        health_insurance="enrolled",
        pension="enrolled",
        employment_insurance="enrolled",
        employment_insurance_number="13301123456000",
        rousai_special=True,
        rousai_number="1310112345600001",
    )


def formdata(subject, names, name, typed):
    """The section as its page posts it: the record's values, with `typed` in field `name`."""
    data = MultiDict()
    for other in names:
        value = getattr(subject, other, None)
        if other == "licence_trades":
            data.setlist(other, subject.licence_trade_codes)
        elif value is True:
            data[other] = "y"
        elif value is not None and value is not False and value != "":
            data[other] = to_text(value)
    data.setlist(name, typed if isinstance(typed, list) else [typed])
    return data


def outcome(form, name, value_of):
    """("ok", stored value) or ("refused", first message) for field `name` of a validated form."""
    form.validate()
    if form[name].errors:
        return "refused", str(form[name].errors[0])
    return "ok", value_of()


APPLICATION_FORMS = {"worker": worker_forms.SECTION_FORMS, "company": company_forms.SECTION_FORMS}


def on_application(kind, subject, name, typed):
    section = section_of(kind, name)
    form_class = APPLICATION_FORMS[kind].get(section, object)
    names = [n for n in dir(form_class) if isinstance(getattr(form_class, n, None), UnboundField)]
    if name not in names:
        return None
    if kind == "worker":
        extra = {"worker": subject, "stored": ()} if section == "documents" else {}
        extra = {"worker": subject} if section == "residence" else extra
        form = form_class(formdata=formdata(subject, names, name, typed), meta={"csrf": False}, **extra)
    else:
        data = form_class.stored(subject)
        data.setlist(name, typed if isinstance(typed, list) else [typed])
        form = form_class(formdata=data, entity_type=subject.entity_type, meta={"csrf": False})
    return outcome(form, name, lambda: for_record(kind, name, form[name].data))


def on_change(kind, subject, name, typed):
    if name not in changeable_fields(kind):
        return None
    section = next(s for s, names in CHANGEABLE[kind].items() if name in names)
    form_class = WorkerChangeForm if kind == "worker" else CompanyChangeForm
    data = formdata(subject, CHANGEABLE[kind][section], name, typed)
    form = form_class(section, subject, formdata=data, meta={"csrf": False})
    return outcome(form, name, lambda: form.values()[name])


def on_correction(kind, subject, name, typed):
    if not is_correctable(kind, name):
        return None
    try:
        return "ok", coerce(kind, name, ",".join(typed) if isinstance(typed, list) else typed, subject)
    except FieldValueError as error:
        return "refused", str(message(kind, name, error.code))


FIELDS = [
    (kind, name)
    for kind, rules in RULES.items()
    for name in rules
    # trade_name_given is what the applicant types as 商号 (the application's "name"); the 許可 yes/no is a
    # radio on the application and a checkbox on the change form, so its inputs differ by design; the
    # other trades and the no-furigana flag are on the application only.
    if name not in ("trade_name_given", "has_licence", "trades", "no_kana_on_document")
]


@pytest.mark.parametrize(("kind", "name"), FIELDS, ids=[f"{k}-{n}" for k, n in FIELDS])
def test_every_form_accepts_refuses_and_stores_a_field_alike(app, kind, name):
    with app.test_request_context(method="POST"):
        subject = worker_subject() if kind == "worker" else company_subject()
        seen = 0
        for typed in samples(RULES[kind][name]):
            results = {
                where: check(kind, subject, name, typed)
                for where, check in (
                    ("application", on_application),
                    ("change", on_change),
                    ("correction", on_correction),
                )
            }
            results = {where: result for where, result in results.items() if result is not None}
            assert len(results) >= 2
            assert len(set(results.values())) == 1, f"{name}={typed!r}: {results}"
            seen += len(results)
        assert seen


def test_fields_in_two_or_more_places_are_all_covered():
    """The matrix above reaches every field a change application or 補記 can touch."""
    covered = {(k, n) for k, n in FIELDS}
    for kind in ("worker", "company"):
        for name in changeable_fields(kind):
            assert (kind, name) in covered or name == "has_licence"


# --- the divergences that were bugs, through the pages -------------------------------------------------


def _client(app, account):
    client = app.test_client()
    f.login(client, account)
    return client


def _current(subject, section):
    kind = "worker" if isinstance(subject, Worker) else "company"
    return formdata(subject, CHANGEABLE[kind][section], "step", "send")


def test_kentaikyo_number_with_hyphens_is_accepted_on_a_change_and_stored_as_nine_digits(app):
    acc, _company, worker = f.one_person()
    client = _client(app, acc)
    data = _current(worker, "insurance")
    data["kentaikyo_number"] = "012-345-678"
    assert client.post("/worker/changes/new?section=insurance", data=data).status_code == 302
    assert ChangeRequest.get().change_items()["kentaikyo_number"] == ["", "012345678"]


def test_capital_with_commas_is_accepted_on_a_change(app):
    company, admin = f.company()
    client = _client(app, admin)
    data = _current(company, "basic")
    data["capital"] = "12,000,000"
    r = client.post("/company/changes/new?section=basic", data=data)
    assert "無効な整数です" not in r.text and r.status_code == 302, r.text
    assert ChangeRequest.get().change_items()["capital"] == [0, 12_000_000]


def test_rousai_number_format_is_checked_on_a_change(app):
    company, admin = f.company()
    client = _client(app, admin)
    data = _current(company, "insurance")
    data.update({"rousai_special": "y", "rousai_number": "13-1-01-123456-000", "step": "confirm"})
    r = client.post("/company/changes/new?section=insurance", data=data)
    assert r.status_code == 400 and "特別加入の労災保険番号は16桁で入力してください" in r.text
    assert ChangeRequest.select().count() == 0


def test_kentaikyo_correction_is_stored_as_nine_digits(client):
    application = f.submitted_worker_application(channel="paper")
    f.login(client, f.reviewer())
    r = client.post(
        f"/reviewer/applications/{application.id}/corrections",
        data={"field": "kentaikyo_number", "value": "０１２－３４５－６７８", "comment": "建退共手帳のとおり"},
    )
    assert r.status_code == 302
    assert Worker.get_by_id(application.worker_id).kentaikyo_number == "012345678"


def test_the_phone_placeholder_and_keyboard_come_with_the_field_on_every_form(app):
    acc, _company, worker = f.one_person()
    page = _client(app, acc).get("/worker/changes/new?section=contact").text
    assert 'inputmode="tel"' in page and 'autocomplete="postal-code"' in page


def test_licensed_trades_survive_the_change_confirmation_step(app):
    company, admin = f.company()
    client = _client(app, admin)
    data = _current(company, "licence")
    data.update({"has_licence": "y", "licence_authority": "13", "licence_kind": "general", "licence_number": "012345"})
    data.setlist("licence_trades", ["12", "05"])
    data["step"] = "confirm"
    confirm = client.post("/company/changes/new?section=licence", data=data)
    assert confirm.status_code == 200
    assert 'name="licence_trades" value="05"' in confirm.text and 'name="licence_trades" value="12"' in confirm.text
    data["step"] = "send"
    assert client.post("/company/changes/new?section=licence", data=data).status_code == 302
    assert ChangeRequest.get().change_items()["licence_trades"] == ["", "05,12"]  # in code-table order


@pytest.mark.parametrize(
    "typed, day",
    [
        ("令和7年8月15日", dt.date(2025, 8, 15)),
        ("R7.8.15", dt.date(2025, 8, 15)),
        ("ｒ７．８．１５", dt.date(2025, 8, 15)),
        ("H7.8.15", dt.date(1995, 8, 15)),
        ("S60.6.1", dt.date(1985, 6, 1)),
        ("平成元年1月8日", dt.date(1989, 1, 8)),
        ("1985/6/1", dt.date(1985, 6, 1)),
    ],
)
def test_dates_in_wareki_are_read_as_people_write_them(app, typed, day):
    """Issue 21: 和暦 dates as a clerk writes them, full-width and lower-case letters included."""
    from models.registration.fields.rules import clean

    assert clean("worker", "health_check_date", typed) == day


def test_gender_typed_short_and_a_refused_date_names_the_forms(app):
    from models.registration.fields.rules import clean

    assert [clean("worker", "gender", t) for t in ("男", "女", "男性", "2")] == ["1", "2", "1", "2"]
    with pytest.raises(FieldValueError) as refused:
        clean("worker", "birth_date", "X7.8.15")
    assert "令和6年4月1日、R6.4.1" in str(message("worker", "health_check_date", refused.value.code))
