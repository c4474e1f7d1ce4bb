"""Forms on a phone (390×844) under real conditions: a slow postal-code look-up while the user types on."""

import re

import pytest
from playwright.sync_api import expect

from models.core.clock import today
from tests import factories as f
from tests.e2e.browser_steps import log_in


@pytest.fixture
def screenshot_prefix(viewport):
    return f"forms-{viewport}"


def _contact_page(app, ui):
    with app.app_context():
        acc = f.account(name="鈴木 一郎")
        application = f.submitted_worker_application(account_=acc, submit=False, postal_code="", address="")
    page = ui.page_for("applicant")
    log_in(page, acc.email, f.PASSWORD)
    page.goto(f"/apply/worker/{application.id}/contact")
    page.wait_for_load_state("load")  # htmx and app.js are deferred scripts
    return page


@pytest.mark.parametrize("viewport", ["phone"])
def test_postal_lookup_never_writes_into_what_the_user_is_typing(app, ui, viewport):
    page = _contact_page(app, ui)
    address = page.get_by_label("住所", exact=True)
    held = []  # the answer is held back (as by a slow mobile network) until the user has typed on
    page.route(re.compile(r".*/apply/postal-code\?.*"), lambda route: held.append(route))
    page.get_by_label("郵便番号").fill("1700013")
    page.wait_for_function("() => document.querySelector('.htmx-request')")  # the look-up has started
    address.press_sequentially("東京1-1 サンハイツ402")
    held[0].continue_()
    offer = page.locator("#address-offer")
    expect(offer).to_contain_text("東京都豊島区東池袋")
    expect(address).to_have_value("東京1-1 サンハイツ402")  # untouched
    ui.shot(page, "postal-offered")
    page.get_by_role("button", name="この住所を使う").click()
    expect(address).to_have_value("東京都豊島区東池袋1-1 サンハイツ402")
    expect(offer).to_be_empty()

    # An empty field the user is not in is filled as before; one tapped into (focused) gets the offer.
    page.unroute(re.compile(r".*/apply/postal-code\?.*"))
    address.fill("")
    page.get_by_label("郵便番号").fill("3320012")
    expect(address).to_have_value("埼玉県川口市本町")
    address.fill("")
    page.route(re.compile(r".*/apply/postal-code\?.*"), lambda route: held.append(route))
    page.get_by_label("郵便番号").fill("1600023")
    page.wait_for_function("() => document.querySelector('.htmx-request')")
    address.focus()
    held[-1].continue_()
    expect(offer).to_contain_text("東京都新宿区西新宿")
    expect(address).to_have_value("")
    ui.shot(page, "postal-filled")


def _licence_page(app, ui):
    with app.app_context():
        application = f.submitted_company_application(submit=False)
        email = application.applicant.email
    page = ui.page_for("company-applicant")
    log_in(page, email, f.PASSWORD)
    page.goto(f"/apply/company/{application.id}/licence")
    page.wait_for_load_state("load")
    return page, application


@pytest.mark.parametrize("viewport", ["phone"])
def test_a_chosen_file_goes_up_with_the_main_save_button(app, ui, viewport):
    page, application = _licence_page(app, ui)
    block = page.locator("#attachments .attachment-block").first
    block.locator("input[type=file]").set_input_files(
        {"name": "licence-photo.png", "mimeType": "image/png", "buffer": f.png_data()}
    )
    page.get_by_label("許可なし").check()
    page.get_by_label("事業者確認書類").select_option(label="事業税の確定申告書")
    page.get_by_label("証明日").fill(today().isoformat())
    ui.shot(page, "licence-file-chosen")
    page.get_by_role("button", name="保存して次へ").click()
    expect(page).not_to_have_url(re.compile(r"/licence$"))
    page.goto(f"/apply/company/{application.id}/licence")
    expect(page.locator("#attachments .files").first).to_contain_text("licence-photo.png")

    # A file the server refuses stops the save and says so beside the file, not silently.
    block.locator("input[type=file]").set_input_files({"name": "notes.txt", "mimeType": "text/plain", "buffer": b"x"})
    page.get_by_role("button", name="保存して次へ").click()
    expect(block.get_by_role("alert")).to_contain_text("このファイルは添付できませんでした")
    expect(page).to_have_url(re.compile(r"/licence$"))
    ui.shot(page, "licence-file-refused")


@pytest.mark.parametrize("viewport", ["phone"])
def test_htmx_upload_busy_then_offline_says_so_in_place(app, ui, viewport):
    page, _application = _licence_page(app, ui)
    block = page.locator("#attachments .attachment-block").first
    image = {"name": "first.png", "mimeType": "image/png", "buffer": f.png_data()}
    block.locator("input[type=file]").set_input_files(image)
    held = []
    page.route(re.compile(r".*/attachments$"), lambda route: held.append(route))
    block.get_by_role("button", name="添付する").click()
    form = page.locator("#attachments form").first
    expect(form).to_have_attribute("aria-busy", "true")
    expect(form.get_by_role("button", name="添付する")).to_be_disabled()
    held[0].continue_()
    page.unroute(re.compile(r".*/attachments$"))
    block = page.locator("#attachments .attachment-block").first
    expect(block.locator(".flash")).to_contain_text("添付しました。")

    page.context.set_offline(True)
    block.locator("input[type=file]").set_input_files({**image, "name": "second.png"})
    block.get_by_role("button", name="添付する").click()
    expect(block.get_by_role("alert")).to_contain_text("通信できませんでした")
    expect(block.locator(".flash")).to_have_count(0)  # no stale green 「添付しました。」
    expect(block.get_by_role("button", name="添付する")).to_be_enabled()
    ui.shot(page, "upload-offline")
    page.context.set_offline(False)


def _phone_photo(size=(4000, 3000)):
    """A photo as a phone takes it: many pixels, several MB (noise does not compress)."""
    import io
    import os

    from PIL import Image

    image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


@pytest.mark.parametrize("viewport", ["phone"])
def test_a_big_phone_photo_is_made_smaller_before_it_goes_up(app, ui, viewport, tmp_path):
    from models.registration.attachments import MAX_BYTES, Attachment

    photo = _phone_photo()
    assert len(photo) > 10 * 1024 * 1024  # over the request limit as it comes from the camera
    with app.app_context():
        acc = f.account(name="鈴木 一郎")
        application = f.submitted_worker_application(account_=acc, submit=False)
    page = ui.page_for("applicant")
    log_in(page, acc.email, f.PASSWORD)
    page.goto(f"/apply/worker/{application.id}/documents")
    page.wait_for_load_state("load")
    page.get_by_label("本人確認書類の種類").select_option(label="運転免許証")
    path = tmp_path / "IMG_0001.jpg"
    path.write_bytes(photo)
    page.get_by_label("本人確認書類（画像）").set_input_files(path, timeout=60_000)
    page.get_by_label("顔写真").set_input_files({"name": "face.png", "mimeType": "image/png", "buffer": f.png_data()})
    page.wait_for_function(
        "() => { const f = document.querySelector('input[name=id_image]').files[0];"
        " return f && f.size < 4 * 1024 * 1024 && f.type === 'image/jpeg'; }"
    )
    page.get_by_role("button", name="一時保存").click()
    expect(page.locator(".flash")).to_be_visible()
    with app.app_context():
        stored = Attachment.get(Attachment.purpose == "id_document")
        assert len(stored.data) <= MAX_BYTES
    ui.shot(page, "photo-shrunk-and-saved")
