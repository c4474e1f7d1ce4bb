"""管理者ID (seed Q1-3): the company's system admins add admins with a role, change roles and
remove them; everyone else in the company sees the list only."""

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.company import bp
from blueprints.company.admins_forms import AdminAddForm, AdminRoleForm
from models import codes
from models.admins import AdminError, add_admin, admins_of, can_manage_admins, change_role, remove_admin
from models.base import get_owned_or_404
from tasks.mail import send_mail
from tasks.urls import external_url

ERRORS = {
    "already_member": lambda: _("この方は既にこの事業者の管理者です。"),
    "last_system_admin": lambda: _(
        "システム管理者が1人もいなくなるため、この操作はできません。先にほかの方をシステム管理者にしてください。"
    ),
    "role": lambda: _("権限を選んでください。"),
}


def _page(form=None, error=None, status=200):
    manager = can_manage_admins(g.membership)
    return render_template(
        "company/admins.html",
        company=g.company,
        admins=list(admins_of(g.company)),
        manager=manager,
        form=form or AdminAddForm(),
        role_choices=codes.choices(codes.ADMIN_ROLES),
        error=error,
    ), status


def _managers_only():
    if not can_manage_admins(g.membership):
        abort(403)


@bp.get("/admins")
def admins():
    return _page()


@bp.post("/admins")
def admin_add():
    _managers_only()
    form = AdminAddForm()
    if not form.validate_on_submit():
        return _page(form, status=400)
    try:
        membership, password = add_admin(
            g.company, form.email.data, form.display_name.data, form.role.data, actor=current_user._get_current_object()
        )
    except AdminError as exc:
        form.email.errors.append(ERRORS[exc.code]())
        return _page(form, status=400)
    account = membership.account
    send_mail(
        account.email,
        "admin_added",
        lang=account.lang,
        name=account.display_name,
        company=g.company.name,
        role=codes.label(codes.ADMIN_ROLES, membership.role),
        email=account.email,
        password=password,
        url=external_url("auth.login_form"),
    )
    flash(
        _("%(name)s さんを管理者に追加し、ログインの案内をメールで送りました。", name=account.display_name), "success"
    )
    return redirect(url_for("company.admins"))


@bp.post("/admins/<int:membership_id>/role")
def admin_role(membership_id):
    _managers_only()
    membership = get_owned_or_404(admins_of(g.company), membership_id)
    form = AdminRoleForm()
    if not form.validate_on_submit():
        return _page(error=ERRORS["role"](), status=400)
    try:
        change_role(membership, form.role.data, actor=current_user._get_current_object())
    except AdminError as exc:
        return _page(error=ERRORS[exc.code](), status=400)
    flash(_("%(name)s さんの権限を変更しました。", name=membership.account.display_name), "success")
    return redirect(url_for("company.admins"))


@bp.post("/admins/<int:membership_id>/delete")
def admin_remove(membership_id):
    _managers_only()
    membership = get_owned_or_404(admins_of(g.company), membership_id)
    try:
        remove_admin(membership, actor=current_user._get_current_object())
    except AdminError as exc:
        return _page(error=ERRORS[exc.code](), status=400)
    flash(_("%(name)s さんの管理者IDを削除しました。", name=membership.account.display_name), "success")
    if membership.account_id == current_user.id:
        return redirect(url_for("auth.switch_form"))
    return redirect(url_for("company.admins"))
