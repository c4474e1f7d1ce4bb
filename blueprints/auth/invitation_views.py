"""An invitation to be an admin ID of a company (管理者ID): only the invited login sees it, and it
takes effect when they accept."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from blueprints.auth import bp
from blueprints.shared.helpers import require_login
from blueprints.shared.roles import activate
from models.accounts.admins import accept_invitation, decline_invitation, invitations_for
from models.core import codes
from models.core.base import get_owned_or_404


def _mine(invitation_id):
    return get_owned_or_404(invitations_for(current_user.id), invitation_id)


@bp.get("/admin-invitations/<int:invitation_id>")
def invitation(invitation_id):
    # The mailed link: log in (and change an issued first password) and come back here.
    if (resp := require_login()) is not None:
        return resp
    invitation = _mine(invitation_id)
    role = codes.label(codes.ADMIN_ROLES, invitation.role)
    return render_template("auth/invitation.html", invitation=invitation, role=role, form=FlaskForm())


@bp.post("/admin-invitations/<int:invitation_id>/accept")
@login_required
def invitation_accept(invitation_id):
    membership = accept_invitation(_mine(invitation_id))
    flash(_("%(company)s の管理者になりました。", company=membership.company.name), "success")
    return redirect(activate(current_user, f"company:{membership.company_id}") or url_for("auth.switch_form"))


@bp.post("/admin-invitations/<int:invitation_id>/decline")
@login_required
def invitation_decline(invitation_id):
    decline_invitation(_mine(invitation_id))
    flash(_("案内をお断りしました。"), "success")
    return redirect(url_for("auth.switch_form"))
