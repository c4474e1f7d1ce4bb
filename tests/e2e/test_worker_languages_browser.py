"""The worker's pages in each worker language (config.py WORKER_LANGUAGES) in Chromium at 390×844: chosen
with the switch in the header, every page walked shows no Japanese but the glossary terms a worker
must recognise on site and on paper, and no label, button or heading is cut off."""

import datetime as dt
import re

import pytest

from config import Config
from tests import factories as f
from tests.e2e.browser_steps import log_in
from tests.test_residence import make_foreign

# Kept in Japanese on purpose, with the local gloss; 日本語 is the switch's link back to Japanese.
GLOSSARY = ("技能者ID", "就業履歴", "作業員名簿", "レベル", "在留カード", "日本語")
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+")
WORKER_PAGES = (
    "/worker/",
    "/worker/card",
    "/worker/card/reissue",
    "/worker/card/gold",
    "/worker/card/renew",
    "/worker/level",
    "/worker/history",
    "/worker/affiliations",
    "/worker/experience",
)
CLIPPED = """() => [...document.querySelectorAll('label, button, a.button, h1, h2, h3, th, .badge, nav a')]
  .filter(el => el.offsetParent !== null && (el.scrollWidth > el.clientWidth + 1))
  .map(el => el.innerText.trim()).filter(Boolean)"""


def japanese_left(text):
    for term in GLOSSARY:
        text = text.replace(term, "")
    return sorted(set(JAPANESE.findall(text)))


@pytest.fixture
def screenshot_prefix(viewport):
    return f"worker-languages-{viewport}"


@pytest.mark.parametrize("viewport", ["phone"])
@pytest.mark.parametrize("lang", Config.WORKER_LANGUAGES)
def test_the_worker_pages_read_in_the_workers_language(app, ui, viewport, lang):
    with app.app_context():
        account, _company, worker = f.one_person(family="NGUYEN", given="VAN")
        make_foreign(worker, dt.date.today() + dt.timedelta(days=400))
    page = ui.page_for("worker")
    log_in(page, account.email, f.PASSWORD)
    page.locator(f'nav.lang a[lang="{lang}"]').click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == lang
    found = {}
    for path in WORKER_PAGES:
        page.goto(path)
        left = japanese_left(page.locator("body").inner_text())
        clipped = page.evaluate(CLIPPED)
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        if left or clipped or overflow:
            found[path] = {"japanese": left, "clipped": clipped, "wider_than_the_screen": overflow}
        ui.shot(page, f"{lang}-{path.strip('/').replace('/', '-') or 'home'}")
    assert not found, found
