"""管理者ID (seed Q1-3): the company's system admins invite admins with a role, change roles and
remove them; everyone else in the company sees the list only (who may do what: the role table in
blueprints/shared/permissions.py). An invitee is listed by what was typed until they accept."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from blueprints.company import bp
from blueprints.company.admins_forms import AdminAddForm, AdminRoleForm
from blueprints.shared import permissions
from extensions import db
from models.accounts.admins import (
    AdminError,
    add_admin,
    admins_of,
    change_role,
    invitations_of,
    remove_admin,
)
from models.core import codes
from models.core.base import get_owned_or_404
from tasks import notices

ERRORS = {
    "already_member": _l("この方は既にこの事業者の管理者です。"),
    "last_system_admin": _l(
        "システム管理者が1人もいなくなるため、この操作はできません。先にほかの方をシステム管理者にしてください。"
    ),
    "role": _l("権限を選んでください。"),
}


def _page(form=None, error=None, status=200):
    manager = permissions.may("company.admin_add")
    return render_template(
        "company/admins.html",
        company=g.company,
        admins=list(admins_of(g.company)),
        invitations=list(invitations_of(g.company)),
        manager=manager,
        form=form or AdminAddForm(),
        role_choices=codes.choices(codes.ADMIN_ROLES),
        error=error,
    ), status


@bp.get("/admins")
def admins():
    return _page()


@bp.post("/admins")
def admin_add():
    form = AdminAddForm()
    if not form.validate_on_submit():
        return _page(form, status=400)
    try:
        with db.atomic():
            invitation, password = add_admin(
                g.company,
                form.email.data,
                form.display_name.data,
                form.role.data,
                invited_by=current_user.id,
                actor=current_user._get_current_object(),
            )
            notices.admin_invited(invitation.id, password)
    except AdminError as exc:
        form.email.errors.append(str(ERRORS[exc.code]))
        return _page(form, status=400)
    email = invitation.account.email
    flash(_("%(email)s に管理者IDの案内をメールで送りました。承諾されると一覧に加わります。", email=email), "success")
    return redirect(url_for("company.admins"))


@bp.post("/admins/invitations/<int:invitation_id>/cancel")
def admin_invitation_cancel(invitation_id):
    invitation = get_owned_or_404(invitations_of(g.company), invitation_id)
    invitation.delete_instance()
    flash(_("%(email)s への案内を取り消しました。", email=invitation.account.email), "success")
    return redirect(url_for("company.admins"))


@bp.post("/admins/<int:membership_id>/role")
def admin_role(membership_id):
    membership = get_owned_or_404(admins_of(g.company), membership_id)
    form = AdminRoleForm()
    if not form.validate_on_submit():
        return _page(error=str(ERRORS["role"]), status=400)
    try:
        change_role(membership, form.role.data, actor=current_user._get_current_object())
    except AdminError as exc:
        return _page(error=str(ERRORS[exc.code]), status=400)
    flash(_("%(name)s さんの権限を変更しました。", name=membership.account.display_name), "success")
    return redirect(url_for("company.admins"))


@bp.post("/admins/<int:membership_id>/delete")
def admin_remove(membership_id):
    membership = get_owned_or_404(admins_of(g.company), membership_id)
    try:
        remove_admin(membership, actor=current_user._get_current_object())
    except AdminError as exc:
        return _page(error=str(ERRORS[exc.code]), status=400)
    flash(_("%(name)s さんの管理者IDを削除しました。", name=membership.account.display_name), "success")
    if membership.account_id == current_user.id:
        return redirect(url_for("auth.switch_form"))
    return redirect(url_for("company.admins"))
