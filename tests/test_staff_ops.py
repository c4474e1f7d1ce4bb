"""The operator's staff pages: mail stuck in the outbox (attempts, last error, retry) and erasure of a
person's data on request, gone from every table and the outbox while what others need stays."""

from models import ALL_MODELS, Account, AuditEntry, Inquiry, Invoice, OutboxMail, Worker, WorkRecord
from models.accounts import audit
from models.core import clock
from models.history.erasure import ERASED
from models.registration.attachments import Attachment
from tests import factories

HX = {"HX-Request": "true"}


def test_staff_see_unsent_mail_and_retry_it_in_place(app, client, outbox):
    with app.app_context():
        stuck = OutboxMail.write("stuck@example.jp", "t", "登録完了のお知らせ", "本文\n", grace=3600)
        stuck.claim(60)
        stuck.mark_failed("SMTPServerDisconnected: Connection unexpectedly closed")
        sent = OutboxMail.write("done@example.jp", "t", "送信済みの件名", "本文\n", grace=0)
        sent.mark_sent()
    factories.login(client, factories.reviewer())
    page = client.get("/staff/outbox")
    assert page.status_code == 200
    assert "登録完了のお知らせ" in page.text and "stuck@example.jp" in page.text
    assert "SMTPServerDisconnected" in page.text and "試行 1 回" in page.text
    assert "送信済みの件名" not in page.text  # only what is still unsent
    assert 'hx-post="/staff/outbox/%d/retry"' % stuck.id in page.text
    row = client.post(f"/staff/outbox/{stuck.id}/retry", headers=HX)
    assert row.status_code == 200 and "<html" not in row.text
    assert f'id="mail-{stuck.id}"' in row.text and "送信しました" in row.text and "試行 2 回" in row.text
    assert outbox.last_to("stuck@example.jp")["Subject"] == "登録完了のお知らせ"
    assert client.get("/staff/outbox").text.count('data-testid="outbox-row"') == 0
    again = client.post(f"/staff/outbox/{stuck.id}/retry")  # without htmx, and already sent: nothing resent
    assert again.status_code == 302 and len(outbox.messages()) == 1


def test_the_staff_pages_are_for_operations_staff_only(app, client):
    factories.login(client, factories.account())
    assert client.get("/staff/outbox").status_code == 403
    assert client.get("/staff/erasure").status_code == 403
    client.post("/logout")
    assert client.get("/staff/outbox").status_code == 302  # to the login


NAME_FORMS = ("佐藤 花子", "佐藤花子", "サトウ ハナコ")
EMAIL, ADDRESS, PHONE = "hanako.sato@example.jp", "東京都港区芝公園4-2-8", "090-7777-8888"


def _person_with_a_history():
    world = factories.site_with_worker()
    person = factories.account(email=EMAIL, name="佐藤 花子")
    application = factories.submitted_worker_application(
        person,
        employer=world["sub"],
        family_name="佐藤",
        given_name="花子",
        family_kana="サトウ",
        given_kana="ハナコ",
        address=ADDRESS,
        phone=PHONE,
        email=EMAIL,
        emergency_name="佐藤 一郎",
        emergency_phone="03-5555-6666",
    )
    staff = factories.reviewer()
    factories.pay(application.approve(staff, clock.today()))
    worker = Worker.get(Worker.account == person)
    factories.put_on_roster(world["contract"], worker, position="1", trade="0201")
    WorkRecord.create(worker=worker, site=world["site"], work_date=clock.today(), trade="0201")
    Attachment.store(factories.png_data(), "face.png", "face_photo", worker=worker)
    Inquiry.create(category="9", name="佐藤 花子", email=EMAIL, phone=PHONE, body="佐藤花子です。消去を求めます。")
    audit.record(worker, "corrected", staff, {"address": "旧住所"}, {"address": ADDRESS})
    audit.affiliation(worker, world["sub"], staff, started_on=clock.today())  # the company's log names her
    OutboxMail.write(
        EMAIL, "approved_worker", "登録が完了しました", "佐藤 花子 様\n技能者IDを発行しました。\n", grace=3600
    )
    admin = world["account"].email  # her employer's admin is told about her, by name
    OutboxMail.write(
        admin, "roster", "作業員名簿の更新", "佐藤 花子さん（東京都港区芝公園4-2-8）を追加しました。\n", grace=0
    )
    return world, person, worker, staff


def _everything_that_quotes(texts):
    """(table, row) of every row in every table whose values contain one of `texts`."""
    from extensions import db

    found = []
    for model in ALL_MODELS:
        for row in db.execute_sql(f'SELECT * FROM "{model._meta.table_name}"').fetchall():
            values = [
                bytes(v).decode("utf-8", "replace") if isinstance(v, (bytes, memoryview)) else str(v) for v in row
            ]
            if any(text in value for value in values for text in texts):
                found.append((model._meta.table_name, row[0]))
    return found


def test_erasure_on_request_leaves_no_trace_of_the_person_but_keeps_what_others_need(app, client):
    with app.app_context():
        world, person, worker, staff = _person_with_a_history()
        texts = (*NAME_FORMS, EMAIL, ADDRESS, PHONE)
        assert {table for table, _ in _everything_that_quotes(texts)} >= {"worker", "account", "outbox_mail"}
        invoices, records = Invoice.select().count(), WorkRecord.select().where(WorkRecord.worker == worker).count()
    factories.login(client, staff)
    search = client.get("/staff/erasure", query_string={"q": EMAIL})
    assert search.status_code == 200 and f"/staff/erasure/w{worker.id}" in search.text
    assert "該当する人が見つかりません" in client.get("/staff/erasure", query_string={"q": "nobody@example.jp"}).text
    confirm = client.get(f"/staff/erasure/w{worker.id}")
    assert confirm.status_code == 200 and "消去するもの" in confirm.text and "残すもの" in confirm.text
    unconfirmed = client.post(f"/staff/erasure/w{worker.id}", data={"note": "受付 Q-1"})
    assert unconfirmed.status_code == 400 and "確認のチェックを入れてください" in unconfirmed.text
    assert Worker.get_by_id(worker.id).family_name == "佐藤"  # nothing erased yet
    done = client.post(f"/staff/erasure/w{worker.id}", data={"note": "受付 Q-1 本人確認済み", "confirm": "y"})
    assert done.status_code == 302
    assert "消去しました" in client.get(done.headers["Location"]).text
    with app.app_context():
        assert _everything_that_quotes(texts) == []
        assert not OutboxMail.select().where(OutboxMail.to == EMAIL).exists()
        erased = Worker.get_by_id(worker.id)
        assert erased.family_name == ERASED and erased.worker_id == worker.worker_id  # pseudonymised, kept
        assert WorkRecord.select().where(WorkRecord.worker == worker).count() == records  # others' records stay
        assert Invoice.select().count() == invoices  # kept for the retention period
        assert not Attachment.select().where(Attachment.worker == worker).exists()
        entry = AuditEntry.get(AuditEntry.action == "erased")
        assert entry.actor_id == staff.id and entry.subject_id == worker.id and "受付 Q-1" in entry.note
        assert entry.created_at is not None
        assert Account.get_by_id(person.id).email.endswith("@erased.invalid")
    client.post("/logout")
    assert factories.login(client, person).status_code != 302  # the login is gone too
    factories.login(client, staff)
    assert "消去済み" in client.get(f"/staff/erasure/w{worker.id}").text
    again = client.post(f"/staff/erasure/w{worker.id}", data={"confirm": "y"}, follow_redirects=True)
    assert "消去済みです" in again.text and AuditEntry.select().where(AuditEntry.action == "erased").count() == 1


def test_the_erase_command_erases_a_login_without_a_worker_record(app):
    with app.app_context():
        staff = factories.reviewer()
        signed_up = factories.account(email="only.signed.up@example.jp", name="高田 純次")
        Inquiry.create(category="9", name="高田 純次", email="only.signed.up@example.jp", body="消してください")
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["erase-person", "only.signed.up@example.jp", "--by", signed_up.email, "--yes"])
    assert refused.exit_code != 0 and "not an operations staff" in refused.output
    result = runner.invoke(args=["erase-person", "only.signed.up@example.jp", "--by", staff.email, "--yes"])
    assert result.exit_code == 0 and "erased (audit entry #" in result.output, result.output
    with app.app_context():
        assert _everything_that_quotes(("高田 純次", "only.signed.up@example.jp")) == []
        assert AuditEntry.get(AuditEntry.action == "erased").subject_kind == "account"
    missing = runner.invoke(args=["erase-person", "nobody@example.jp", "--by", staff.email, "--yes"])
    assert missing.exit_code != 0 and "nobody with" in missing.output
