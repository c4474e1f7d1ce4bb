"""The applicant's agreement to 個人情報の取扱い and 利用規約 on the three online submit pages (the
one-person review, the worker overview, the company's 確認・申請): what was ticked on the POST, the
GET-able page to come back to when a box was left empty (ticks and payment method kept), and what the
page shows. The rule is models/consents.submit_agreed."""

from flask import request, url_for

from blueprints.shared.formfields import ConsentForm
from models.registration.consents import VERSIONS, agreement_needed


def posted_agreement():
    """The texts ticked on the submit form."""
    return {name for name in VERSIONS if request.form.get(name)}


def refused_url(endpoint, **values):
    """The submit page again with the message beside the boxes and everything chosen kept."""
    kept = {name: "y" for name in posted_agreement()}
    if request.form.get("payment_method"):
        kept["payment_method"] = request.form["payment_method"]
    return url_for(endpoint, consent="missing", _anchor="consent", **kept, **values)


def agreement_context(application):
    """The boxes of the submit page: none once the applicant agreed for this application (a resubmission)."""
    if not agreement_needed(application):
        return {}
    ticked = {name: bool(request.args.get(name)) for name in VERSIONS}
    return {
        "consent_form": ConsentForm(formdata=None, **ticked),
        "consent_missing": request.args.get("consent") == "missing",
        "versions": VERSIONS,
    }
