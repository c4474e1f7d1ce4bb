"""One catalogue of field labels (models/registration/fields/sets.py): the application forms, the change
forms and the reviewer's screen name every field alike, in Japanese and in English."""

import html
import re

import pytest
from flask_babel import force_locale
from wtforms.fields.core import UnboundField

from blueprints.apply.company_forms import SECTION_FORMS as COMPANY_FORMS
from blueprints.apply.worker_forms import SECTION_FORMS as WORKER_FORMS
from blueprints.shared.changeforms import change_form_class
from tests import factories as f

FORMS = {"worker": WORKER_FORMS, "company": COMPANY_FORMS}


def _form_labels(app, kind, lang):
    """{field: label} as the application and change forms declare them."""
    labels = {}
    with app.test_request_context(), force_locale(lang):
        for form_class in [*FORMS[kind].values(), change_form_class(kind)]:
            for name in dir(form_class):
                unbound = getattr(form_class, name)
                if isinstance(unbound, UnboundField) and (unbound.args or "label" in unbound.kwargs):
                    shown = str(unbound.args[0] if unbound.args else unbound.kwargs["label"])
                    assert labels.setdefault(name, shown) == shown, f"{kind}.{name} differs between forms"
    return labels


def _reviewer_labels(page):
    rows = re.findall(r'id="f-([\w-]+)">\s*<div class="rv-label">(.*?)</div>', page)
    return {name.replace("attachment-", "attachment:", 1): html.unescape(label) for name, label in rows}


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("kind", ["worker", "company"])
def test_the_form_and_the_reviewer_screen_name_every_field_alike(app, client, kind, lang):
    application = f.submitted_worker_application() if kind == "worker" else f.submitted_company_application()
    f.login(client, f.reviewer())
    client.get(f"/lang/{lang}")
    shown = _reviewer_labels(client.get(f"/reviewer/applications/{application.id}").text)
    on_forms = _form_labels(app, kind, lang)

    both = sorted(shown.keys() & on_forms.keys())
    assert len(both) >= 25, both
    assert [(n, on_forms[n]) for n in both] == [(n, shown[n]) for n in both]


def test_labels_that_used_to_differ_now_read_as_on_the_form(client):
    application = f.submitted_company_application(capital=30_000_000)
    f.login(client, f.reviewer())
    shown = _reviewer_labels(client.get(f"/reviewer/applications/{application.id}").text)
    # The section list said 資本金 and 労災保険特別加入 while the form asked 資本金（円） and the full wording.
    assert shown["capital"] == "資本金（円）"
    assert shown["rousai_special"] == "労災保険に特別加入している（労災保険法第33〜36条）"
