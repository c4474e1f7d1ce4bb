"""API tokens of the prime's card readers and certified systems: listed, made, rotated and revoked.
Only a token's hash authenticates; a new token stays on its maker's pages until they dismiss it
(models/accounts/shown_tokens.py), so a reload or a language switch does not lose it."""

from flask import g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.prime import bp
from blueprints.prime.token_forms import ClientForm
from models.accounts.shown_tokens import API_KINDS, ShownToken
from models.core.base import get_owned_or_404
from models.sites.api_tokens import ApiClient, TokenError, readers_of, revoke_reader, rotate_reader
from models.sites.readers import CardReader
from models.sites.sites import Site


def _page(form=None, status=200):
    form = form or ClientForm()
    form.sites.choices = [(s.id, f"{s.name}（{s.site_id}）") for s in Site.of_prime(g.membership)]
    return render_template(
        "prime/tokens.html",
        readers=list(readers_of(g.membership)),
        clients=list(ApiClient.of_company(g.membership)),
        form=form,
        new_tokens=list(ShownToken.waiting(current_user, g.company, API_KINDS)),
    ), status


@bp.get("/tokens")
def tokens():
    return _page()


@bp.post("/tokens")
def client_create():
    form = ClientForm()
    form.sites.choices = [(s.id, s.name) for s in Site.of_prime(g.membership)]
    if not form.validate_on_submit():
        return _page(form, status=400)
    try:
        client, token = ApiClient.register(g.membership, form.name.data, form.sites.data, form.scopes.data)
    except TokenError:
        form.sites.errors = [_("現場を選び直してください。")]
        return _page(form, status=400)
    return _shown("system", client, token)


def _shown(kind, row, token):
    ShownToken.keep(current_user, g.company, kind, row.id, row.name, token)
    return redirect(url_for("prime.tokens"), 303)


@bp.post("/tokens/shown/<int:shown_id>/dismiss")
def token_dismiss(shown_id):
    shown = get_owned_or_404(ShownToken.waiting(current_user, g.company, API_KINDS), shown_id)
    shown.delete_instance()
    reader = CardReader.get_or_none(id=shown.ref_id) if shown.kind == "reader" else None
    if request.form.get("back") == "site" and reader is not None:
        return redirect(url_for("prime.site_detail", site_pk=reader.site_id), 303)
    return redirect(url_for("prime.tokens"), 303)


@bp.get("/tokens/readers/<int:reader_id>/rotate")
@bp.get("/tokens/readers/<int:reader_id>/revoke")
@bp.get("/tokens/systems/<int:client_id>/rotate")
@bp.get("/tokens/systems/<int:client_id>/revoke")
def token_action_form(reader_id=None, client_id=None):
    if reader_id is not None:
        get_owned_or_404(readers_of(g.membership), reader_id)
    else:
        get_owned_or_404(ApiClient.of_company(g.membership), client_id)
    return redirect(url_for("prime.tokens"))


@bp.post("/tokens/readers/<int:reader_id>/rotate")
def reader_rotate(reader_id):
    reader = get_owned_or_404(readers_of(g.membership), reader_id)
    try:
        return _shown("reader", reader, rotate_reader(reader))
    except TokenError:
        return redirect(url_for("prime.tokens"), 303)


@bp.post("/tokens/readers/<int:reader_id>/revoke")
def reader_revoke(reader_id):
    revoke_reader(get_owned_or_404(readers_of(g.membership), reader_id))
    ShownToken.forget("reader", reader_id)
    return redirect(url_for("prime.tokens"), 303)


@bp.post("/tokens/systems/<int:client_id>/rotate")
def client_rotate(client_id):
    client = get_owned_or_404(ApiClient.of_company(g.membership), client_id)
    try:
        return _shown("system", client, client.rotate())
    except TokenError:
        return redirect(url_for("prime.tokens"), 303)


@bp.post("/tokens/systems/<int:client_id>/revoke")
def client_revoke(client_id):
    get_owned_or_404(ApiClient.of_company(g.membership), client_id).revoke()
    ShownToken.forget("system", client_id)
    return redirect(url_for("prime.tokens"), 303)
