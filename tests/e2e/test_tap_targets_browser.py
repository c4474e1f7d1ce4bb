"""Tap targets at 390×844: on the main pages of every role, every visible link and control is at least
44×44 CSS px.

Measured: a[href], button, summary, select, input[type=checkbox|radio|submit|file] and labels of a
checkbox or radio (a checkbox or radio counts with its label: tapping either toggles it). Exempt, as
WCAG 2.2 SC 2.5.8 ("Inline") allows: a link inside running text, i.e. an inline link whose block
holds text of its own beside the link (a sentence), whose size is set by the line height of that text.
"""

import datetime as dt

import pytest

from models.history.levels import seed_rules
from models.registration import one_person
from models.registration.fields.sets import COMPANY_SECTIONS, WORKER_SECTIONS
from tests import factories as f
from tests.e2e.browser_steps import log_in

MEASURE = """() => {
  const small = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return false;
    const s = getComputedStyle(el);
    return s.visibility !== "hidden" && s.display !== "none" && el.closest("details:not([open]) > :not(summary)") === null;
  };
  const inSentence = (el) => {
    if (el.tagName !== "A" || getComputedStyle(el).display !== "inline") return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display === "inline") block = block.parentElement;
    const own = Array.from(block.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent).join("");
    return own.replace(/[\\s|·・、。,.:：()（）→←]/g, "").length > 0;
  };
  const box = (el) => {
    let r = el.getBoundingClientRect();
    const label = el.matches("input[type=checkbox], input[type=radio]") && (el.closest("label") || el.labels[0]);
    if (label && visible(label)) {
      const l = label.getBoundingClientRect();
      if (l.width * l.height > r.width * r.height) r = l;
    }
    return r;
  };
  const sel = "a[href], button, summary, select, input[type=checkbox], input[type=radio], input[type=submit], " +
    "input[type=file], label:has(> input[type=checkbox]), label:has(> input[type=radio])";
  for (const el of document.querySelectorAll(sel)) {
    if (!visible(el) || inSentence(el)) continue;
    const r = box(el);
    if (r.width < 43.5 || r.height < 43.5) {
      const name = (el.innerText || el.value || el.name || el.getAttribute("aria-label") || "").trim().slice(0, 30);
      small.push(`${el.tagName.toLowerCase()} ${JSON.stringify(name)} ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
  }
  return small;
}"""


def _measure(ui, page, path, found):
    page.goto(path)
    page.wait_for_load_state("load")
    ui.shot(page, path.strip("/").replace("/", "-") or "landing")  # also: nothing scrolls sideways
    for item in page.evaluate(MEASURE):
        found.append(f"{path}: {item}")


def _switch(page, target):
    page.goto("/switch")
    page.locator(f"input[value='{target}']").check()
    page.get_by_role("button", name="切り替える").click()


def _sign_up(page):
    page.goto("/signup")
    page.get_by_label("お名前").fill("登録 三郎")
    page.get_by_label("メールアドレス").fill("saburo@example.jp")
    page.get_by_label("パスワード", exact=True).fill(f.PASSWORD)
    page.get_by_label("パスワード（確認）").fill(f.PASSWORD)
    page.get_by_role("button", name="確認メールを送る").click()
    page.get_by_role("heading", name="確認メールを送りました").wait_for()


# The first step of a one-person operator's pair (本人情報 + 住所), as the form stores it.
PERSON = {
    "family_name": "一人",
    "given_name": "親方",
    "family_kana": "ヒトリ",
    "given_kana": "オヤカタ",
    "birth_date": dt.date(1980, 5, 1),
    "gender": "1",
    "nationality": "日本",
    "blood_type": "A",
    "postal_code": "332-0012",
    "address": "埼玉県川口市本町1-1",
    "phone": "090-1111-3333",
}


def _world(app):
    with app.app_context():
        seed_rules()
        data = f.site_with_worker()
        rev = f.reviewer()
        pending_acc, _comp, _worker = f.one_person(approved=False, family="佐藤")
        from models import Application

        pending = Application.of_applicant(pending_acc)[0]
        draft_acc = f.account(name="下書き 花子")
        worker_draft = f.submitted_worker_application(account_=draft_acc, submit=False)
        company_draft = f.submitted_company_application(submit=False)
        pair_acc = f.account(name="一人 親方")
        pair = one_person.start(pair_acc, {**PERSON, "email": pair_acc.email})
        worlds = {"fresh": f.account(name="新規 次郎"), "pair": pair}
        return data, rev, pending, draft_acc, worker_draft, company_draft, worlds


@pytest.fixture
def screenshot_prefix(viewport):
    return f"taps-{viewport}"


@pytest.mark.parametrize("viewport", ["phone"])
def test_every_link_and_control_is_tap_sized(app, ui, viewport):
    data, rev, pending, draft_acc, worker_draft, company_draft, worlds = _world(app)
    site, contract = data["site"].id, data["contract"].id
    small = []

    visitor = ui.page_for("visitor")
    for path in ("/", "/login", "/signup", "/faq", "/downloads", "/inquiry", "/password/forgot"):
        _measure(ui, visitor, path, small)

    _sign_up(visitor)
    _measure(ui, visitor, "/signup/sent", small)

    newcomer = ui.page_for("newcomer")
    log_in(newcomer, worlds["fresh"].email, f.PASSWORD)
    _measure(ui, newcomer, "/apply/one-person", small)
    operator_alone = ui.page_for("one-person")
    log_in(operator_alone, worlds["pair"].applicant.email, f.PASSWORD)
    for step in ("work", "documents", "review"):
        _measure(ui, operator_alone, f"/apply/one-person/{worlds['pair'].id}/{step}", small)

    op = ui.page_for("operator")
    log_in(op, data["account"].email, f.PASSWORD)
    for path in ("/worker/", "/worker/card", "/worker/entries", "/worker/career", "/worker/history", "/apply/"):
        _measure(ui, op, path, small)
    _switch(op, f"company:{data['sub'].id}")
    for path in ("/company/", f"/company/contracts/{contract}/roster", "/company/affiliations", "/company/entries"):
        _measure(ui, op, path, small)

    prime = ui.page_for("prime")
    log_in(prime, data["prime_admin"].email, f.PASSWORD)
    _switch(prime, f"company:{data['prime'].id}")
    for path in ("/prime/sites", f"/prime/sites/{site}", f"/prime/sites/{site}/daily", "/prime/approvals"):
        _measure(ui, prime, path, small)
    _measure(ui, prime, f"/prime/sites/{site}/presence", small)
    _measure(ui, prime, "/prime/tokens", small)

    reviewer = ui.page_for("reviewer")
    log_in(reviewer, rev.email, f.PASSWORD)
    for path in ("/reviewer/", f"/reviewer/applications/{pending.id}", "/reviewer/invoices", "/reviewer/cards"):
        _measure(ui, reviewer, path, small)

    applicant = ui.page_for("applicant")
    log_in(applicant, draft_acc.email, f.PASSWORD)
    _measure(ui, applicant, "/apply/", small)
    _measure(ui, applicant, f"/apply/worker/{worker_draft.id}", small)
    for key, *_rest in WORKER_SECTIONS[:3]:
        _measure(ui, applicant, f"/apply/worker/{worker_draft.id}/{key}", small)
    company_applicant = ui.page_for("company-applicant")
    log_in(company_applicant, company_draft.applicant.email, f.PASSWORD)
    for key, *_rest in COMPANY_SECTIONS[:2]:
        _measure(ui, company_applicant, f"/apply/company/{company_draft.id}/{key}", small)
    _measure(ui, company_applicant, f"/apply/company/{company_draft.id}/submit", small)

    assert not small, "under 44×44 CSS px:\n" + "\n".join(small)
