"""The worker's languages (config.py WORKER_LANGUAGES): chosen by the switch on every page like English,
remembered on the account (the next login opens in it) and used for that account's mail."""

from models import Account
from tests import factories as f
from tests.test_changes import client_for


def test_the_switch_is_remembered_on_the_account_and_the_next_login_opens_in_it(app):
    acc, _company, _worker = f.one_person()
    client = client_for(app, acc)
    assert 'lang="vi"' in client.get("/worker/").text  # offered on the page, named in itself
    client.get("/lang/vi?next=/worker/")
    assert Account.get_by_id(acc.id).lang == "vi"
    home = client.get("/worker/").text
    assert "Trang của người lao động" in home and "就業履歴 (lịch sử làm việc)" in home
    fresh = app.test_client()  # another browser, no language chosen there
    f.login(fresh, Account.get_by_id(acc.id))
    assert "Trang của người lao động" in fresh.get("/worker/").text


def test_a_language_chosen_before_login_becomes_the_accounts(app):
    acc, _company, _worker = f.one_person()
    client = app.test_client()
    client.get("/lang/vi")
    f.login(client, acc)
    assert Account.get_by_id(acc.id).lang == "vi"
