"""Rotating SECRET_KEY: with the old key in SECRET_KEY_FALLBACKS sessions and mailed links go on working;
printed cards' QR checks and sealed fields have versioned keys of their own, so they outlive it."""

import re

import pytest

from config import Config, keyring
from models.accounts.shown_tokens import ShownToken
from models.cards.cards import card_from_qr, qr_payload
from models.core.sealed import configure_sealing
from tests import factories

OLD, NEW = "old-secret-key-" + "o" * 20, "new-secret-key-" + "n" * 20


@pytest.fixture
def rotate(app, monkeypatch):
    """rotate(SECRET_KEY=…, SECRET_KEY_FALLBACKS=…, SEAL_KEYS=…): the running app's keys changed, as a
    restart with new settings would."""

    def change(**settings):
        for name, value in settings.items():
            monkeypatch.setitem(app.config, name, value)
        configure_sealing(keyring(app.config, "SEAL_KEYS"))

    monkeypatch.setitem(app.config, "SECRET_KEY", OLD)
    monkeypatch.setitem(app.config, "SECRET_KEY_FALLBACKS", [])
    change()
    yield change
    monkeypatch.undo()
    configure_sealing(keyring(app.config, "SEAL_KEYS"))


def test_a_session_outlives_the_rotation_while_the_old_key_is_a_fallback(app, client, rotate):
    factories.login(client, factories.reviewer())
    assert client.get("/reviewer/").status_code == 200
    rotate(SECRET_KEY=NEW, SECRET_KEY_FALLBACKS=[OLD])
    assert client.get("/reviewer/").status_code == 200  # the cookie signed with the old key still reads
    rotate(SECRET_KEY_FALLBACKS=[])
    assert client.get("/reviewer/").status_code == 302  # the old key dropped: back to the login


def test_a_reset_link_mailed_before_the_rotation_still_works(app, client, outbox, rotate):
    account = factories.account(email="rotate@example.jp")
    client.post("/password/forgot", data={"email": "rotate@example.jp"})
    link = re.search(r"https?://\S+(/password/reset/\S+)", outbox.last_to("rotate@example.jp").get_content()).group(1)
    rotate(SECRET_KEY=NEW, SECRET_KEY_FALLBACKS=[OLD])
    assert client.get(link).status_code == 200
    rotate(SECRET_KEY_FALLBACKS=[])
    assert client.get(link).status_code == 400
    assert account.id


def test_printed_cards_outlive_secret_key_with_card_qr_keys(app, rotate):
    printed_before = qr_payload("12345678901234", keyring(app.config, "CARD_QR_KEYS"))  # version 0, SECRET_KEY
    assert ":v" not in printed_before
    # The operator gives the QR check keys of its own, keeping the old SECRET_KEY as v0, then rotates.
    rotate(CARD_QR_KEYS=f"v1:{'q' * 32},v0:{OLD}", SECRET_KEY=NEW)
    keys = keyring(app.config, "CARD_QR_KEYS")
    printed_after = qr_payload("12345678901234", keys)
    assert printed_after.endswith(":v1")
    assert card_from_qr(printed_before, keys) == card_from_qr(printed_after, keys) == "12345678901234"
    rotate(SECRET_KEY="another-" + "a" * 30)  # SECRET_KEY again: the cards do not care
    assert card_from_qr(printed_after, keyring(app.config, "CARD_QR_KEYS")) == "12345678901234"
    assert card_from_qr(printed_before, keyring(app.config, "CARD_QR_KEYS")) == "12345678901234"
    assert card_from_qr(printed_after[:-1] + "2", keys) is None  # a version no key has
    assert card_from_qr(printed_after.replace(":v1", ":v0"), keys) is None


def test_without_card_qr_keys_a_rotated_secret_key_reads_old_cards_through_its_fallback(app, rotate):
    printed_before = qr_payload("12345678901234", keyring(app.config, "CARD_QR_KEYS"))
    rotate(SECRET_KEY=NEW, SECRET_KEY_FALLBACKS=[OLD])
    assert card_from_qr(printed_before, keyring(app.config, "CARD_QR_KEYS")) == "12345678901234"
    rotate(SECRET_KEY_FALLBACKS=[])
    assert card_from_qr(printed_before, keyring(app.config, "CARD_QR_KEYS")) is None


def _stored_token(row_id):
    return ShownToken._meta.database.execute_sql(
        f'SELECT token FROM "{ShownToken._meta.table_name}" WHERE id = {row_id}'
    ).fetchone()[0]


def test_sealed_fields_move_to_a_versioned_key_and_then_need_no_secret_key(app, rotate):
    company, admin = factories.company()
    with app.app_context():
        kept = ShownToken.keep(admin, company, "reader", 1, "gate", "cr_token-sealed-under-v0")
        assert not _stored_token(kept.id).startswith("v")  # sealed as before versioned keys
        rotate(SEAL_KEYS=f"v1:{'s' * 32}", SECRET_KEY=NEW, SECRET_KEY_FALLBACKS=[OLD])
        assert ShownToken.get_by_id(kept.id).token == "cr_token-sealed-under-v0"  # v0 read through the fallback
    result = app.test_cli_runner().invoke(args=["keys", "reseal"])
    assert result.exit_code == 0 and "re-sealed 1 value" in result.output, result.output
    with app.app_context():
        assert _stored_token(kept.id).startswith("v1:")
        rotate(SECRET_KEY_FALLBACKS=[], SECRET_KEY="yet-another-" + "y" * 30)
        assert ShownToken.get_by_id(kept.id).token == "cr_token-sealed-under-v0"
    assert "re-sealed 0 value" in app.test_cli_runner().invoke(args=["keys", "reseal"]).output


def test_a_malformed_key_list_stops_the_start():
    with pytest.raises(RuntimeError, match="CARD_QR_KEYS"):
        Config.load({"CARD_QR_KEYS": "just-a-secret-without-version"})
    with pytest.raises(RuntimeError, match="SEAL_KEYS"):
        Config.load({"SEAL_KEYS": "v1:ok,vx:bad"})
