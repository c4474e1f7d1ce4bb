"""補記: the reviewer sets one field to what the attached document says, with a comment the applicant
sees after approval; the value goes through the field's own rule (models/registration/fields/rules.py)."""

import datetime as dt

from models import Application, Card, Company, Worker
from models.cards.validity import card_valid_until
from tests import factories as f
from tests.test_review import _as_reviewer

# --- corrections (補記) ------------------------------------------------------------------------


def _correct(client, application, field, value, comment="添付書類に合わせて補正しました。"):
    return client.post(
        f"/reviewer/applications/{application.id}/corrections",
        data={"field": field, "value": value, "comment": comment},
    )


def test_the_correct_link_fills_in_the_current_value_as_people_read_it(client):
    application = f.submitted_worker_application(channel="paper", gender="2")
    _as_reviewer(client)
    page = client.get(f"/reviewer/applications/{application.id}?correct=gender").text
    form = page[page.index('id="correction"') :]
    assert '<option selected value="gender">' in form and 'value="女性"' in form
    assert _correct(client, application, "gender", "男性").status_code == 302


def test_corrections_convert_typed_values(client):
    application = f.submitted_worker_application(channel="paper")
    _as_reviewer(client)
    assert _correct(client, application, "birth_date", "1990/5/7").status_code == 302
    assert _correct(client, application, "gender", "女性").status_code == 302
    assert _correct(client, application, "chutaikyo", "あり").status_code == 302
    assert _correct(client, application, "experience_years", "１２").status_code == 302
    assert _correct(client, application, "family_kana", "スズキ ").status_code == 400  # unchanged
    worker = Worker.get_by_id(application.worker_id)
    assert worker.birth_date == dt.date(1990, 5, 7) and worker.gender == "2"
    assert worker.chutaikyo is True and worker.experience_years == 12
    corrections = Application.get_by_id(application.id).corrections()
    assert [(c.field, c.old_value, c.new_value) for c in corrections] == [
        ("birth_date", "1990-05-06", "1990-05-07"),
        ("gender", "1", "2"),
        ("chutaikyo", "false", "true"),
        ("experience_years", "0", "12"),
    ]
    page = client.get(f"/reviewer/applications/{application.id}").text
    assert "男性 → 女性" in page and "1990/05/06 → 1990/05/07" in page and "補記: 性別" in page


def test_a_corrected_identity_document_sets_the_card_validity(client):
    application = f.submitted_worker_application(channel="paper")
    _as_reviewer(client)
    _correct(client, application, "id_document", "none", "本人確認書類の提出がありませんでした。")
    worker = Worker.get_by_id(application.worker_id)
    assert worker.id_document == "none"
    f.pay(Application.get_by_id(application.id).approve(f.reviewer(), dt.date(2026, 11, 25)))
    card = Card.current_for(worker)
    assert card.valid_until == card_valid_until(card.issued_on, False)  # 3 years: no identity document
    assert card.valid_until < card_valid_until(card.issued_on, True)


def test_company_capital_correction_changes_the_fee(client):
    application = f.submitted_company_application(capital=3_000_000, channel="paper")
    _as_reviewer(client)
    assert _correct(client, application, "capital", "12,000,000円", "登記簿の資本金に補正").status_code == 302
    assert Company.get_by_id(application.company_id).capital == 12_000_000
    assert "24,000円" in client.get(f"/reviewer/applications/{application.id}").text


def test_bad_corrections_are_refused_beside_the_field_and_kept(client):
    application = f.submitted_worker_application(channel="paper")
    _as_reviewer(client)
    r = _correct(client, application, "birth_date", "5月7日", "生年月日を補正")
    # The messages below were 補記's own; now each is the field's message on the forms too (issue 6).
    assert r.status_code == 400 and "生年月日は 1985/4/1、1985年4月1日、昭和60年4月1日" in r.text
    assert 'value="5月7日"' in r.text and "生年月日を補正" in r.text
    r = _correct(client, application, "worker_id", "10000000000018")
    assert r.status_code == 400 and "この項目は補記できません。一覧から選んでください。" in r.text
    r = _correct(client, application, "gender", "不明")
    assert r.status_code == 400 and "一覧から選んでください。" in r.text
    r = _correct(client, application, "kentaikyo_number", "12345")
    assert r.status_code == 400 and "9桁" in r.text
    r = _correct(client, application, "family_name", "")
    assert r.status_code == 400 and "入力してください。" in r.text
    r = _correct(client, application, "gender", "2", comment="")
    assert r.status_code == 400
    assert Application.get_by_id(application.id).corrections() == []
    assert Worker.get_by_id(application.worker_id).worker_id is None


def test_the_same_correction_twice_is_recorded_once(client):
    application = f.submitted_worker_application(channel="paper")
    _as_reviewer(client)
    assert _correct(client, application, "address", "東京都新宿区西新宿2-8-1 都庁").status_code == 302
    assert _correct(client, application, "address", "東京都新宿区西新宿2-8-1 都庁").status_code == 302
    assert len(Application.get_by_id(application.id).corrections()) == 1


def test_the_applicant_sees_the_correction_comment_on_the_portal_after_approval(client, app):
    application = f.submitted_worker_application(channel="paper")
    _as_reviewer(client)
    _correct(client, application, "given_name", "一朗", "本人確認書類の表記「一朗」に合わせました。")
    _correct(client, application, "gender", "女性", "本人確認書類の性別に合わせました。")
    applicant = app.test_client()
    f.login(applicant, application.applicant)
    assert "本人確認書類の表記「一朗」に合わせました。" not in applicant.get("/apply/").text  # not before approval

    client.post(f"/reviewer/applications/{application.id}/approve")
    portal = applicant.get("/apply/").text
    assert "本人確認書類の表記「一朗」に合わせました。" in portal and "一郎 → 一朗" in portal
    assert "男性 → 女性" in portal  # code values as people read them, not "1 → 2"
    assert Worker.get_by_id(application.worker_id).full_name == "鈴木 一朗"


def test_nothing_is_corrected_once_decided(client):
    application = f.submitted_worker_application(channel="paper")
    _as_reviewer(client)
    client.post(f"/reviewer/applications/{application.id}/approve")
    r = client.post(
        f"/reviewer/applications/{application.id}/corrections",
        follow_redirects=True,
        data={"field": "phone", "value": "090-9999-8888", "comment": "電話番号を補正"},
    )
    assert "審査待ちの申請だけ補記できます" in r.text
    assert Application.get_by_id(application.id).corrections() == []


def test_a_corrected_representative_keeps_the_trade_name_rule(client):
    """補記 set the representative alone; a sole trader without 屋号 kept the old name as 商号 (Q4-5)."""
    application = f.submitted_company_application(
        channel="paper", entity_type="sole", name="", representative_name="高橋 次郎"
    )
    assert Company.get_by_id(application.company_id).name == "高橋 次郎"
    _as_reviewer(client)
    assert _correct(client, application, "representative_name", "高橋 治郎", "登記簿に合わせて補正").status_code == 302
    assert Company.get_by_id(application.company_id).name == "高橋 治郎"
    assert _correct(client, application, "name", "高橋商店", "屋号を補記").status_code == 302
    _correct(client, application, "representative_name", "高橋 次郎", "戻す")
    company = Company.get_by_id(application.company_id)
    assert (company.name, company.trade_name_given, company.representative_name) == (
        "高橋商店",
        "高橋商店",
        "高橋 次郎",
    )


def test_seed_hoki_an_internet_application_goes_back_as_a_deficiency_not_a_correction(client):
    application = f.submitted_worker_application()
    _as_reviewer(client)
    page = client.get(f"/reviewer/applications/{application.id}").text
    assert 'data-testid="no-correction"' in page and "不備として返却してください" in page
    assert f"/reviewer/applications/{application.id}/corrections" not in page and "rv-correct" not in page
    r = client.post(
        f"/reviewer/applications/{application.id}/corrections",
        data={"field": "gender", "value": "女性", "comment": "補正"},
        follow_redirects=True,
    )
    assert "インターネット申請は補記できません" in r.text
    assert (
        Worker.get_by_id(application.worker_id).gender == "1"
        and not Application.get_by_id(application.id).corrections()
    )
    paper = f.submitted_worker_application(channel="paper")  # a postal application is corrected
    assert _correct(client, paper, "gender", "女性").status_code == 302
    assert Worker.get_by_id(paper.worker_id).gender == "2"


def test_q1_4_an_incomplete_slip_address_is_caught_before_the_slip_is_sent(client, outbox):
    worker_app = f.submitted_worker_application(address="東京都新宿区西新宿")  # no 番地
    company_app = f.submitted_company_application(capital=3_000_000, officer_postal_code="150")
    _as_reviewer(client)
    for application in (worker_app, company_app):
        r = client.post(f"/reviewer/applications/{application.id}/approve", follow_redirects=True)
        assert "郵便番号・住所が不完全なため承認できません" in r.text
        assert Application.get_by_id(application.id).status == "submitted"
    assert not [m for m in outbox.messages() if "登録料金額のご案内" in m["Subject"]]
    paper = f.submitted_worker_application(channel="paper", address="東京都新宿区西新宿")
    assert _correct(client, paper, "address", "東京都新宿区西新宿二丁目8番1号").status_code == 302
    client.post(f"/reviewer/applications/{paper.id}/approve")
    assert Application.get_by_id(paper.id).status == "approved"
