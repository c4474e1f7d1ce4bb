from flask import Blueprint

bp = Blueprint("auth", __name__)

from blueprints.auth import views  # noqa: E402,F401
from blueprints.auth import password_views  # noqa: E402,F401
