"""監査ログ: every change to a worker's or company's registered data and every reviewer decision says
who, when, before and after; the owner reads their own record's history; reviewers search it."""

import datetime as dt

from models import Application, AuditEntry, ChangeRequest, Membership, Worker
from models.accounts.admins import AdminInvitation, accept_invitation
from models.accounts.audit import record
from models.cards.cards import CardRequest, CardRequestError
from models.registration.changes import ChangeError, LinkRequest, retire
from tests import factories as f


def _entries(subject_kind, subject_id):
    return list(
        AuditEntry.select()
        .where((AuditEntry.subject_kind == subject_kind) & (AuditEntry.subject_id == subject_id))
        .order_by(AuditEntry.id)
    )


def test_a_worker_application_leaves_its_history_and_the_worker_reads_it(app):
    application = f.submitted_worker_application(channel="paper", phone="090-2222-3333")
    applicant = application.applicant
    reviewer = f.reviewer()
    staff = app.test_client()
    f.login(staff, reviewer)
    r = staff.post(
        f"/reviewer/applications/{application.id}/corrections",
        data={"field": "phone", "value": "090-4444-5555", "comment": "本人確認書類に合わせて補記"},
    )
    assert r.status_code == 302
    Application.get_by_id(application.id).return_with(reviewer, [("address", "番地が抜けています。")])
    owner = app.test_client()
    f.login(owner, applicant)
    fixed = {
        "postal_code": "160-0023",
        "address": "東京都新宿区西新宿2-8-1 都庁ビル",
    }  # a returned address opens its postal code too
    assert owner.post(f"/apply/worker/{application.id}/contact", data=fixed).status_code == 302
    Application.get_by_id(application.id).submit(applicant)
    f.pay(Application.get_by_id(application.id).approve(reviewer, dt.date.today()))

    corrected, returned, edited, approved = _entries("worker", application.worker_id)
    assert (corrected.action, corrected.actor_id, corrected.note) == (
        "corrected",
        reviewer.id,
        "本人確認書類に合わせて補記",
    )
    assert corrected.changes() == [("phone", "090-2222-3333", "090-4444-5555")]
    assert returned.action == "returned" and "address: 番地が抜けています。" in returned.note
    assert edited.action == "applicant_edit" and edited.actor_id == applicant.id
    assert edited.changes() == [("address", "東京都新宿区西新宿2-8-1", "東京都新宿区西新宿2-8-1 都庁ビル")]
    assert approved.action == "approved" and ("status", "pending", "approved") in approved.changes()
    worker_id = Worker.get_by_id(application.worker_id).worker_id
    assert ("worker_id", "", worker_id) in approved.changes()

    page = owner.get("/worker/record-history").text
    assert page.count('data-testid="audit-entry"') == 4
    for text in ("審査担当による補記", "090-2222-3333", "090-4444-5555", "不備返却", "申請者による修正（不備返却後）"):
        assert text in page
    assert "東京都新宿区西新宿2-8-1 都庁ビル" in page and "登録申請の承認" in page
    assert reviewer.display_name not in page  # staff appear as the registration body to the owner
    assert "審査担当（登録機関）" in page


def test_changes_and_card_decisions_are_recorded_once_and_only_when_they_happen(app):
    acc, company, worker = f.one_person()
    reviewer = f.reviewer()
    change = ChangeRequest.file(worker, acc, {"phone": "080-1234-5678"})
    change.approve(reviewer)
    try:
        ChangeRequest.get_by_id(change.id).approve(reviewer)  # a second click changes nothing
    except ChangeError:
        pass
    ChangeRequest.file(worker, acc, {"blood_type": "B"}).send_back(reviewer, "血液型の確認書類を添付してください。")
    card_request = CardRequest.file(worker, "reissue", "damaged", "", dt.date.today())
    card_request.advance("identity_checked", reviewer)
    card_request.advance("processing", reviewer)
    card_request.advance("awaiting_payment", reviewer)
    try:
        card_request.advance("made", reviewer)  # unpaid: refused, so nothing is recorded
    except CardRequestError:
        pass
    actions = [(e.action, e.actor_id) for e in _entries("worker", worker.id) if e.action != "approved"]
    assert actions == [
        ("change_applied", reviewer.id),
        ("change_returned", reviewer.id),
        ("card_step", reviewer.id),
        ("card_step", reviewer.id),
        ("card_step", reviewer.id),
    ]
    applied, sent_back, checked = _entries("worker", worker.id)[-5:-2]
    assert applied.changes() == [("phone", "090-1111-2222", "080-1234-5678")]
    assert sent_back.note == "血液型の確認書類を添付してください。"
    assert checked.changes() == [("card_request", "requested", "identity_checked")]


def test_company_admins_see_their_company_history_with_admin_changes(client):
    company, admin = f.company(name="履歴建設株式会社")
    f.login(client, admin)
    added = client.post(
        "/company/admins",
        data={"email": "jiro@example.jp", "display_name": "鈴木 次郎", "role": "site_manager"},
    )
    assert added.status_code == 302
    # Adding an admin is an invitation (issue 7 item 6); the invitee accepts it.
    accept_invitation(AdminInvitation.get(AdminInvitation.company == company))
    membership = Membership.get(Membership.company == company, Membership.role == "site_manager")
    assert client.post(f"/company/admins/{membership.id}/role", data={"role": "proxy_clerk"}).status_code == 302
    assert client.post(f"/company/admins/{membership.id}/delete").status_code == 302
    actions = [e.action for e in _entries("company", company.id)]
    # The factory's company has paid its registration fee (its 事業者ID is in use, DOMAIN §4).
    assert actions == ["approved", "fee_paid", "admin_added", "admin_role", "admin_removed"]
    page = client.get("/company/record-history").text
    assert page.count('data-testid="audit-entry"') == 5
    assert "管理者IDの権限変更" in page and "jiro@example.jp" in page and admin.display_name in page
    # Another company's history is not there.
    other, other_admin = f.company(name="別会社株式会社")
    f.login(client, other_admin)
    assert "jiro@example.jp" not in client.get("/company/record-history").text


def test_reviewers_search_the_log_by_id_name_actor_and_period(client):
    _acc, _company, worker = f.one_person(family="検索", given="花子")
    other_acc, _other_company, other = f.one_person(family="別人", given="一郎")
    staff = f.account(email="kensa@example.jp", name="審査 次郎", reviewer=True)
    for n in range(55):
        record(worker, "corrected", staff, {"phone": f"090-0000-{n:04d}"}, {"phone": f"090-1111-{n:04d}"}, "補記")
    record(other, "corrected", None, {"phone": "1"}, {"phone": "2"})
    f.login(client, f.reviewer())

    by_id = client.get("/reviewer/audit", query_string={"q": worker.worker_id}).text
    assert 'data-testid="audit-count">56<' in by_id  # 55 corrections and the approval
    assert "別人" not in by_id and 'rel="next"' in by_id
    second = client.get("/reviewer/audit", query_string={"q": worker.worker_id, "page": "2"}).text
    assert second.count('data-testid="audit-entry"') == 6 and "090-1111-0000" in second
    by_name = client.get("/reviewer/audit", query_string={"q": "検索"}).text
    assert "検索 花子" in by_name and "別人" not in by_name
    by_actor = client.get("/reviewer/audit", query_string={"actor": "kensa@example.jp"}).text
    assert 'data-testid="audit-count">55<' in by_actor and "審査 次郎" in by_actor
    today = dt.date.today()
    none = client.get("/reviewer/audit", query_string={"since": (today + dt.timedelta(days=2)).isoformat()}).text
    assert 'data-testid="audit-count">0<' in none
    window = {"since": (today - dt.timedelta(days=1)).isoformat(), "until": (today + dt.timedelta(days=1)).isoformat()}
    assert 'data-testid="audit-count">0<' not in client.get("/reviewer/audit", query_string=window).text
    bad = client.get("/reviewer/audit", query_string={"since": "2025-13-40", "q": "検索"})
    assert bad.status_code == 200 and "日付は 2025-04-01 の形で入力してください" in bad.text
    assert 'value="検索"' in bad.text


def test_affiliation_start_and_end_are_in_both_histories(client):
    acc, _own, worker = f.one_person()
    company, admin = f.company(name="所属建設株式会社")
    link = LinkRequest.propose(worker, company, "company", "other")
    affiliation = link.accept("worker", dt.date.today(), actor=acc)
    retire(affiliation, dt.date.today(), actor=admin)
    worker_side = [(e.action, e.actor_id) for e in _entries("worker", worker.id)][-2:]
    company_side = [(e.action, e.actor_id) for e in _entries("company", company.id)][-2:]
    assert worker_side == company_side == [("affiliation_started", acc.id), ("affiliation_ended", admin.id)]
    f.login(client, acc)
    page = client.get("/worker/record-history").text
    assert "所属の開始（関連付け）" in page and "所属の終了（退職）" in page and "所属建設株式会社" in page
