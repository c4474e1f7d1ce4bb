"""個人データの消去: staff find the person by e-mail or 技能者ID, see what goes and what stays, confirm."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.staff import bp
from blueprints.staff.erasure_forms import ErasureForm
from models import Account, Worker
from models.core.base import get_owned_or_404
from models.history.erasure import ERASED, ErasureError, erase_person, find_person


def _messages():
    return {
        "already_erased": _("この人の個人データは消去済みです。"),
        "own_account": _("自分自身のアカウントは消去できません。"),
        "no_person": _("該当する人が見つかりません。"),
    }


def person_key(account, worker):
    return f"w{worker.id}" if worker is not None else f"a{account.id}"


def _person(key):
    """(account, worker) named by "w<id>" (a worker and its login) or "a<id>" (a login without one)."""
    kind, number = key[:1], key[1:]
    if kind == "w":
        worker = get_owned_or_404(Worker.select(), number)
        return (worker.account if worker.account_id else None), worker
    if kind == "a":
        account = get_owned_or_404(Account.select(), number)
        return account, Worker.get_or_none(Worker.account == account)
    abort(404)


@bp.get("/erasure")
def erasure():
    query = (request.args.get("q") or "").strip()[:254]
    account, worker = find_person(query)
    found = person_key(account, worker) if (account or worker) else None
    return render_template("staff/erasure_search.html", query=query, found=found, account=account, worker=worker)


@bp.get("/erasure/<person>")
def erasure_confirm(person):
    account, worker = _person(person)
    return _confirm_page(person, account, worker, ErasureForm())


def _confirm_page(person, account, worker, form, status=200):
    erased = (worker is not None and worker.family_name == ERASED) or (
        account is not None and account.display_name == ERASED
    )
    context = {"person": person, "account": account, "worker": worker, "form": form, "erased": erased}
    return render_template("staff/erasure_confirm.html", **context), status


@bp.post("/erasure/<person>")
def erasure_run(person):
    account, worker = _person(person)
    form = ErasureForm()
    if not form.validate_on_submit():
        return _confirm_page(person, account, worker, form, 400)
    try:
        erase_person(current_user, account=account, worker=worker, note=form.note.data or "")
    except ErasureError as error:
        flash(_messages()[error.code])
        return redirect(url_for("staff.erasure_confirm", person=person))
    flash(_("個人データを消去しました。監査ログに記録されています。"))
    return redirect(url_for("staff.erasure_confirm", person=person))
