from flask import Blueprint

bp = Blueprint("auth", __name__)

from blueprints.auth import (
    login_views,
    password_views,
    proxy_takeover_views,
)
