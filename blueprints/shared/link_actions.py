"""関連付け (Q4-3, Q2-6) for both sides at once: a worker and a company each propose a link to the
other by ID, answer the other's proposal, and withdraw their own. worker/ and company/ register thin
routes that name their side; the flow, the notices and the refusals are written here once."""

from collections.abc import Callable
from dataclasses import dataclass

from flask import flash, g, redirect, url_for
from flask_login import current_user

from blueprints.shared.changeforms import LINK_ERRORS
from extensions import db
from models.core import clock
from models.core.base import get_owned_or_404
from models.registration.changes import LinkError, LinkRequest
from tasks import notices

ACTIONS = ("accept", "decline", "withdraw")


@dataclass(frozen=True)
class LinkSide:
    """What differs between the two sides of a link."""

    name: str  # "worker" / "company": LinkRequest.proposed_by
    form: type  # the propose form; its `id_field` holds the other side's ID
    id_field: str
    find: Callable  # ID typed → the other side, or None
    not_found: str  # the message when the typed ID finds nobody
    proposed: Callable  # (worker, company) → flash after proposing
    answered: dict  # action → (link) → flash after answering
    home: str  # endpoint of the side's affiliations page

    def links(self):
        return LinkRequest.of_worker(g.worker) if self.name == "worker" else LinkRequest.of_company(g.company)

    def pair(self, other):
        """(worker, company) of a link between the signed-in side and `other`."""
        return (g.worker, other) if self.name == "worker" else (other, g.company)


def propose(side, page):
    """POST /links: propose to the side whose ID was typed; `page(form, status)` renders errors."""
    form = side.form()
    if not form.validate_on_submit():
        return page(form, 400)
    field = form[side.id_field]
    other = side.find(field.data)
    if other is None:
        field.errors.append(side.not_found)
        return page(form, 400)
    worker, company = side.pair(other)
    try:
        with db.atomic():
            link = LinkRequest.propose(worker, company, side.name, form.kind.data)
            notices.link_proposed(link.id)
    except LinkError as exc:
        field.errors.append(LINK_ERRORS[exc.code])
        return page(form, 400)
    flash(side.proposed(worker, company), "success")
    return redirect(url_for(side.home))


def answer(side, link_id, action):
    """POST /links/<id>/<action>: accept or decline the other's proposal, or withdraw one's own."""
    link = get_owned_or_404(side.links(), link_id)
    try:
        with db.atomic():
            link.answer(action, side.name, clock.today(), actor=current_user._get_current_object())
            if action != "withdraw":
                notices.link_answered(link.id)
    except LinkError as exc:
        flash(str(LINK_ERRORS[exc.code]), "error")
        return redirect(url_for(side.home))
    flash(side.answered[action](link), "success")
    return redirect(url_for(side.home))


def register(bp, side, page):
    """The link routes both sides share, with the same URLs and endpoint names on each blueprint:
    GET /links (a reload lands on the affiliations page), POST /links and /links/<id>/<action>."""
    bp.add_url_rule("/links", "links", lambda: redirect(url_for(side.home)), methods=["GET"])
    bp.add_url_rule("/links", "link_propose", lambda: propose(side, page), methods=["POST"])
    for action in ("accept", "decline", "withdraw"):
        bp.add_url_rule(
            f"/links/<int:link_id>/{action}",
            f"link_{action}",
            lambda link_id, action=action: answer(side, link_id, action),
            methods=["POST"],
        )
