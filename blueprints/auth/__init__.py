from flask import Blueprint

bp = Blueprint("auth", __name__)

from blueprints.auth import (
    invitation_views,
    login_views,
    password_views,
    proxy_takeover_views,
    signup_views,
    unlock_views,
)
