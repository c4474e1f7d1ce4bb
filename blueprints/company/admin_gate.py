"""Company screens that speak for the company (変更申請, 関連付け, 退職, certificates) are for its
system and general admins; site managers and proxy clerks get a 403."""

from functools import wraps

from flask import abort, g

from models.changes import ANSWERING_ROLES


def admins_only(view):
    @wraps(view)
    def gated(*args, **kwargs):
        if g.membership.role not in ANSWERING_ROLES:
            abort(403)
        return view(*args, **kwargs)

    return gated
